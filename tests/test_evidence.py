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


KABUL = parse_report("Talks in Kabul\n\nKABUL: Minister Amir Khan met Ambassador John Smith on Monday and Friday. "
                     "A US delegation attended.\n")
KABUL_AGAIN = parse_report("Kabul meeting\n\nKABUL: Ambassador Sara Lee met Minister Amir Khan on Friday.\n")
ISLAMABAD = parse_report("Talks in Islamabad\n\nISLAMABAD: Interior Minister Ali Raza met Ambassador Sara Lee on "
                         "Friday. They spoke in March and in January of the FIA, again in March.\n")
TEASED = parse_report("Talks in March\n\nOfficials talked about trade on Monday with the FIA.\n"
                      "Also read: Floods hit the coast on Tuesday in March\n")
SILENT = parse_report("Talks\n\nOfficials talked about trade.\n")
WHY_DELEGATION = "a delegation in one text only (weak: an outlet may leave it out)"
WHY_MONTHS = "background references date a text's writing, not which meeting it reports"
WHY_TAIL = "a teaser's day dates the page only with an outside source for the teaser"


@pytest.mark.parametrize(
    ("dimension", "a", "b", "expected"),
    [
        ("people", KABUL, KABUL_AGAIN, ("Amir Khan; John Smith", "Sara Lee; Amir Khan", evidence.SAME,
                                        "both name Amir Khan; the same officials can meet more than once")),
        ("people", KABUL, ISLAMABAD, ("Amir Khan; John Smith", "Ali Raza; Sara Lee", evidence.TWO,
                                      "both name none; the same officials can meet more than once")),
        ("place", KABUL, KABUL_AGAIN, ("Afghanistan", "Afghanistan", evidence.SAME, "the same host country")),
        ("place", KABUL, ISLAMABAD, ("Afghanistan", "Pakistan", evidence.TWO, "hosts differ or are unknown")),
        ("place", ISLAMABAD, SILENT, ("Pakistan", "not stated", evidence.NEUTRAL, "hosts differ or are unknown")),
        ("place", SILENT, ISLAMABAD, ("not stated", "Pakistan", evidence.NEUTRAL, "hosts differ or are unknown")),
        ("place", SILENT, SILENT, ("not stated", "not stated", evidence.NEUTRAL, "hosts differ or are unknown")),
        ("weekday", KABUL, ISLAMABAD, ("Friday; Monday", "Friday", evidence.SAME,  # one weekday in common is enough
                                       "the same weekday, which recurs every week")),
        ("weekday", ISLAMABAD, TEASED, ("Friday", "Monday", evidence.TWO, "different weekdays")),
        ("weekday", KABUL, SILENT, ("Friday; Monday", "none", evidence.NEUTRAL, "one text names no weekday")),
        ("weekday", SILENT, KABUL, ("none", "Friday; Monday", evidence.NEUTRAL, "one text names no weekday")),
        ("printed_date", MORNING, EVENING, ("2024-03-02", "2024-03-09", evidence.TWO, "both texts print a date")),
        ("printed_date", MORNING, MORNING, ("2024-03-02", "2024-03-02", evidence.SAME, "both texts print a date")),
        ("printed_date", MORNING, SILENT, ("2024-03-02", "none printed", evidence.NEUTRAL,
                                           "a date printed by one text only cannot be compared")),
        ("printed_date", SILENT, MORNING, ("none printed", "2024-03-02", evidence.NEUTRAL,
                                           "a date printed by one text only cannot be compared")),
        # the headline's "March" is not counted: months come from the standfirst and body
        ("months", TEASED, ISLAMABAD, ("none", "January; March", evidence.NEUTRAL, WHY_MONTHS)),
        ("months", ISLAMABAD, SILENT, ("January; March", "none", evidence.NEUTRAL, WHY_MONTHS)),
        ("titles", MORNING, EVENING, ("Rossi: Foreign Minister; Smith: Ambassador",
                                      "Rossi: Foreign Minister; Smith: Special Envoy", evidence.TWO,
                                      "no title in common for Smith (weak: outlets' styles differ too)")),
        ("titles", KABUL, KABUL_AGAIN, ("Khan: Minister", "Khan: Minister", evidence.SAME, "the same titles")),
        ("titles", KABUL, TEASED, ("none", "none", evidence.NEUTRAL, "no shared people")),
        ("delegation", KABUL, ISLAMABAD, ("1 mention(s)", "none", evidence.TWO, WHY_DELEGATION)),
        ("delegation", ISLAMABAD, KABUL, ("none", "1 mention(s)", evidence.TWO, WHY_DELEGATION)),
        ("delegation", KABUL, KABUL, ("1 mention(s)", "1 mention(s)", evidence.NEUTRAL, WHY_DELEGATION)),
        ("delegation", SILENT, SILENT, ("none", "none", evidence.NEUTRAL, WHY_DELEGATION)),
        ("specific_names", MORNING, EVENING, ("Rome Maritime Centre", "Adriatic Fisheries Fund", evidence.TWO,
                                              "shared: none; reports of one meeting usually share its specifics")),
        ("specific_names", ISLAMABAD, TEASED, ("none", "none", evidence.SAME,
                                               "shared: FIA; reports of one meeting usually share its specifics")),
        ("specific_names", MORNING, SILENT, ("Rome Maritime Centre", "none", evidence.SAME,  # one side names none
                                             "shared: none; reports of one meeting usually share its specifics")),
        ("page_tail", TEASED, ISLAMABAD, ("March; Tuesday", "none", evidence.NEUTRAL, WHY_TAIL)),
        ("page_tail", ISLAMABAD, TEASED, ("none", "March; Tuesday", evidence.NEUTRAL, WHY_TAIL)),
    ],
)
def test_each_dimension_shows_both_texts_and_its_reading(dimension, a, b, expected):
    assert getattr(evidence, dimension)(a, b) == expected


@pytest.mark.parametrize(
    ("entity", "surnames", "specific"),
    [
        ("FIA", set(), True),  # an acronym
        ("FIA's", set(), True),  # its possessive
        ("ABCDEFG", set(), False),  # too long for an acronym, one word
        ("A", set(), False),
        ("Rome", set(), False),  # one word, not an acronym
        ("Rome Maritime Centre", set(), True),
        ("John Smith", {"Smith"}, False),  # a person
        ("Monday Accord", set(), False),  # a weekday
        ("March Accord", set(), False),  # a month
        ("United States", set(), False),  # a party
        ("US Secretary", set(), False),  # a party with a title
        ("United States Agency for International Development", set(), True),  # a body of a party
    ],
)
def test_is_specific(entity, surnames, specific):
    assert evidence.is_specific(entity, surnames) is specific


ONE_ALIGNED = pd.DataFrame({"a_id": ["s002"], "b_id": ["s002"], "relation": ["partial"]})  # 50 % aligned


@pytest.mark.parametrize(
    ("same", "different", "expected"),
    [
        ([0.5, 0.5, 0.5], [0.5, 0.5], evidence.NEUTRAL),  # at both bounds: neither below nor above
        ([0.5 + k / 100 for k in range(101)], [0.0], evidence.TWO),  # 5th percentile 55 %: below reports of one event
        ([0.5], [], evidence.NEUTRAL),  # one baseline only
        ([], [0.1], evidence.NEUTRAL),
    ],
)
def test_shared_content_bounds(same, different, expected):
    got = evidence.shared_content(ONE_ALIGNED, MORNING, EVENING, same, different)
    assert got[:2] == ("50% of both texts' body sentences aligned", "(pooled)")
    assert got[2] == expected


def test_shared_content_says_which_percentiles_it_read():
    same = [k / 100 for k in range(101)]  # 5th percentile: 5 %
    different = [k / 200 for k in range(101)]  # 95th percentile: 47.5 %, rounded to 48 %
    assert evidence.shared_content(ONE_ALIGNED, MORNING, EVENING, same, different) == (
        "50% of both texts' body sentences aligned", "(pooled)", evidence.SAME,
        "same-event pairs: 5th percentile 5%; different-event pairs: 95th percentile 48%")
    assert evidence.shared_content(ONE_ALIGNED, MORNING, EVENING)[3] == (
        "no baseline of known same-event and different-event pairs given")


def test_text_clues_rows_are_the_dimensions_readings():
    table = evidence.text_clues(KABUL, ISLAMABAD, ONE_ALIGNED, [0.9, 0.95], [0.0, 0.1]).set_index("dimension")
    assert tuple(table.loc["where"]) == evidence.place(KABUL, ISLAMABAD)
    assert tuple(table.loc["who"]) == evidence.people(KABUL, ISLAMABAD)
    assert table.loc["shared content", "reading"] == evidence.TWO
    assert list(table.columns) == ["A", "B", "reading", "why"]


#: Names that open a sentence after the first: each sentence is read as a whole, none runs into the next.
OPENING = parse_report("Talks\n\nThey met. Monday brought more talks in August. March was calm.\n")


def test_days_and_months_are_read_in_every_sentence_and_in_calendar_order():
    assert evidence.weekday(OPENING, OPENING)[:2] == ("Monday", "Monday")
    assert evidence.months(OPENING, OPENING)[:2] == ("March; August", "March; August")


def test_a_person_with_two_titles_shows_both():
    two = parse_report("Talks\n\nMinister Amir Khan spoke on trade. Interior Minister Amir Khan said more about it.\n")
    assert evidence.titles(two, two)[:3] == ("Khan: Minister, Interior Minister", "Khan: Minister, Interior Minister",
                                             evidence.SAME)


def test_a_possessive_name_is_the_name():
    owner = parse_report("Talks\n\nOfficials visited the FIA's new office in the city.\n")
    plain = parse_report("Talks\n\nOfficials praised the FIA for its work.\n")
    assert evidence.specific_names(owner, plain)[3].startswith("shared: FIA;")
    assert evidence.specific_names(plain, owner)[3].startswith("shared: FIA;")


@pytest.mark.parametrize(
    ("entity", "specific"),
    [("Pakistan US Navy", True), ("Maritime Centre", True)],  # three words with a party; two words without one
)
def test_is_specific_word_counts(entity, specific):
    assert evidence.is_specific(entity, set()) is specific


def test_shared_content_reads_the_95th_percentile_of_different_events():
    different = [k / 100 * 0.5 / 0.955 for k in range(101)]  # 95th percentile just under 50 %, 96th just over
    assert evidence.shared_content(ONE_ALIGNED, MORNING, EVENING, [0.0, 0.1], different)[2] == evidence.SAME
