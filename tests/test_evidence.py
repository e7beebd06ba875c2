import pandas as pd
import pytest

from analysis import evidence, overlap
from analysis.sources import parse_report

MORNING = parse_report(
    "Ministers meet in Rome\n2024-03-02\n\nROME: Foreign Minister Anna Rossi met Ambassador John Smith on Saturday. "
    "They agreed to open the Rome Maritime Centre.\n"
)
EVENING = parse_report(
    "Ministers meet again\n2024-03-09\n\nROME: Foreign Minister Anna Rossi met Special Envoy John Smith and a US "
    "delegation on Saturday. They discussed the Adriatic Fisheries Fund.\n"
)


def reading(dimension, a=MORNING, b=EVENING):
    return getattr(evidence, dimension)(a, b)[2]


@pytest.mark.parametrize(
    ("dimension", "expected"),
    [
        ("people", evidence.SAME),
        ("weekday", evidence.SAME),
        ("printed_date", evidence.TWO),
        ("titles", evidence.TWO),
        ("delegation", evidence.TWO),
        ("specific_names", evidence.TWO),
    ],
)
def test_each_dimension_reads_the_texts(dimension, expected):
    assert reading(dimension) == expected


def test_a_report_compared_with_itself_is_one_event_on_every_dimension():
    for name in ("people", "weekday", "printed_date", "titles", "specific_names"):
        assert reading(name, MORNING, MORNING) == evidence.SAME, name


def test_a_date_printed_by_one_text_only_is_neutral():
    undated = parse_report("Ministers meet\n\nForeign Minister Anna Rossi met John Smith.\n")
    assert reading("printed_date", MORNING, undated) == evidence.NEUTRAL


def test_match_share_counts_body_sentences_of_both_texts():
    alignment = pd.DataFrame({"a_id": ["s001", "s002"], "b_id": ["s001", "s003"], "relation": ["match", "match"]})
    body = [s for r in (MORNING, EVENING) for s in r.sentences if s.role == "body"]
    # s001 is a headline (not counted); a:s002 and b:s003 are body sentences
    assert overlap.shares(alignment, MORNING, EVENING).match == pytest.approx(2 / len(body))


@pytest.mark.parametrize(
    ("same", "different", "expected"),
    [
        ([0.6, 0.7, 0.8], [0.0, 0.05], evidence.TWO),  # far below reports of one event
        ([0.2, 0.3, 0.4], [0.0, 0.05], evidence.SAME),  # within them, above reports of two
        ([0.1, 0.3, 0.4], [0.2, 0.9], evidence.NEUTRAL),  # the distributions overlap there
        ([], [], evidence.NEUTRAL),
    ],
)
def test_shared_content_is_read_against_reference_pairs(same, different, expected):
    alignment = pd.DataFrame({"a_id": ["s002"], "b_id": ["s002"], "relation": ["partial"]})
    # one body sentence of each text aligned: 2 of 4 body sentences = 50 %
    assert overlap.shares(alignment, MORNING, EVENING).aligned == pytest.approx(0.5)
    assert evidence.shared_content(alignment, MORNING, EVENING, same, different)[2] == expected


def test_text_clues_has_every_dimension():
    alignment = pd.DataFrame({"a_id": [], "b_id": [], "relation": []})
    table = evidence.text_clues(MORNING, EVENING, alignment)
    assert list(table["dimension"]) == [*evidence.DIMENSIONS, "shared content"]
    assert set(table["reading"]) <= {evidence.SAME, evidence.TWO, evidence.NEUTRAL}


def test_months_are_listed_in_calendar_order_from_january():
    early = parse_report("Talks\n\nThey met in January. They met again in March and in February.\n")
    assert evidence.months(early, MORNING)[0] == "January; February; March"
