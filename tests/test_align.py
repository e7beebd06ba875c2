"""Behaviour of analysis.align on small reports written for the purpose, and on the seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.align import COLUMNS, align, align_texts, score_matrix, word_diff
from analysis.features import describe
from analysis.paths import SEEDS
from analysis.sources import parse_report, read_report

FACTS = [
    "The city council approved a budget of 4.2 million dollars for road repairs on Monday.",
    "Mayor Linda Park said the new bridge over the Elm River would open in March.",
    "Police arrested two men after a robbery at the Central Station jewellery shop.",
    "The school board voted to extend the summer holidays by one week.",
]
PARAPHRASES = [
    "On Monday the city council approved a 4.2 million dollar budget for repairing roads.",
    "The new bridge over the Elm River will open in March, Mayor Linda Park said.",
    "Two men were arrested by police after a robbery at the jewellery shop in Central Station.",
    "The school board has voted to extend the summer holidays by a week.",
]


def report(headline: str, *paragraphs: str) -> str:
    return "\n\n".join([headline, *paragraphs])


def pairs(table: pd.DataFrame, relation: str) -> set[tuple[str, str]]:
    rows = table[table.relation == relation]
    return set(zip(rows.a_id, rows.b_id))


def test_columns_and_empty_b_fields_for_a_only():
    table = align_texts(FACTS[:1], ["Completely unrelated: the orchestra played Mahler in Vienna last night."])
    assert list(table.columns) == list(COLUMNS)
    assert table.relation.tolist() == ["a_only", "b_only"]
    assert table.loc[0, "b_id"] == "" and table.loc[0, "b_text"] == ""


def test_reordering_is_aligned():
    table = align_texts(FACTS, PARAPHRASES[::-1])
    assert pairs(table, "match") == {("a001", "b004"), ("a002", "b003"), ("a003", "b002"), ("a004", "b001")}


def test_rows_follow_a_reading_order_then_b():
    table = align_texts(FACTS, PARAPHRASES[::-1] + ["An unrelated line about chess openings and grandmasters."])
    a_rows = table[table.a_id != ""]
    assert a_rows.a_id.tolist() == sorted(a_rows.a_id)
    assert table.relation.iloc[-1] == "b_only"


def test_identical_reports_match_one_to_one():
    table = align_texts(FACTS, FACTS)
    assert pairs(table, "match") == {(f"a{k:03d}", f"b{k:03d}") for k in range(1, 5)}
    assert set(table.relation) == {"match"}
    assert (table.score > 0.9).all()


def test_disjoint_reports_leave_everything_unaligned():
    other = [
        "The orchestra played Mahler's fifth symphony to a full hall in Vienna.",
        "Astronomers reported a new comet visible from the southern hemisphere.",
    ]
    table = align_texts(FACTS, other)
    assert set(table.relation) == {"a_only", "b_only"}
    assert len(table) == len(FACTS) + len(other)


def test_one_sentence_reports():
    table = align_texts(FACTS[1:2], PARAPHRASES[1:2])
    assert table.relation.tolist() == ["match"]


def test_one_to_many_split_sentence():
    merged = "Mayor Linda Park said the new bridge over the Elm River would open in March and would cost 12 million dollars."
    split = [
        "Mayor Linda Park said the new bridge over the Elm River would open in March.",
        "Mayor Linda Park said the new bridge over the Elm River would cost 12 million dollars.",
    ]
    table = align_texts([merged], split)
    linked = table[table.relation.isin(["match", "partial"])]
    assert set(linked.b_id) == {"b001", "b002"}
    assert (linked.relation == "match").any()


@pytest.mark.parametrize(
    "a, b",
    [
        (  # same frame, different speaker and different agency
            "Smith said the new scanners would greatly improve the capacity of the Customs Service.",
            "Jones said the new scanners would greatly improve the capacity of the Coast Guard.",
        ),
        (  # same frame, different named speaker, the rest word for word
            "Minister Ali Khan said the programme would create thousands of jobs.",
            "Opposition leader Sara Malik said the programme would create thousands of jobs.",
        ),
    ],
)
def test_false_friends_are_never_match(a, b):
    table = align_texts([a], [b])
    assert "match" not in set(table.relation)


def test_pronoun_speaker_is_unknown_not_a_conflict():
    info = describe(["She said the plan would work.", "Mayor Linda Park said the plan would work."])
    assert info[0].speaker == frozenset()
    assert info[1].speaker


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("met the Acting US Ambassador Natalie Baker", "met the US Chargé d’Affaires Natalie Baker", "the [-Acting US Ambassador-]{+US Chargé d’Affaires+} Natalie Baker"),
        ("a b c", "a b c", "a b c"),
        ("one two", "", "[-one two-]"),
    ],
)
def test_word_diff(a, b, expected):
    assert expected in word_diff(a.split(), b.split())


def test_parse_report_roles_are_carried():
    a = parse_report(report("Council approves road budget", FACTS[0] + " " + FACTS[3]))
    b = parse_report(report("Road budget approved by council", PARAPHRASES[0], PARAPHRASES[3]))
    table = align(a, b)
    assert ("s001", "s001") in pairs(table, "match") | pairs(table, "partial")
    assert table.loc[0, "a_role"] == "headline"
    assert score_matrix(a, b).shape == (len(a.sentences), len(b.sentences))


def test_deterministic():
    first = align_texts(FACTS, PARAPHRASES[::-1])
    second = align_texts(FACTS, PARAPHRASES[::-1])
    pd.testing.assert_frame_equal(first, second)


def test_scores_are_probabilities():
    m = score_matrix(parse_report(report(FACTS[0], FACTS[1])), parse_report(report(PARAPHRASES[0], PARAPHRASES[1])))
    assert np.all((m >= 0) & (m <= 1))


# --- the seeds -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    a, b = read_report(SEEDS / "000_d484b0bbc5c06899.txt"), read_report(SEEDS / "003_5207cdf50054b922.txt")
    return a, b, align(a, b)


def _id(report, prefix: str) -> str:
    return next(s.id for s in report.sentences if s.text.startswith(prefix))


def test_seed_headlines_and_leads_match(seeds):
    a, b, table = seeds
    matches = pairs(table, "match")
    assert (_id(a, "Pakistan, US Agree"), _id(b, "Pakistan, US agree")) in matches
    a_lead = _id(a, "Pakistan and the United States on Saturday")
    b_lead = _id(b, "Pakistan and the United States on Saturday")
    assert (a_lead, b_lead) in matches
    standfirst = _id(a, "Pakistan and the US agreed")
    assert any(x == standfirst for x, _ in matches)


def test_seed_false_friend_is_not_match(seeds):
    a, b, table = seeds
    pair = (_id(a, "She said the technological upgrades"), _id(b, "Interior Minister Naqvi said the induction"))
    assert pair not in pairs(table, "match")


@pytest.mark.parametrize(
    "side, prefix",
    [
        ("a", "In September, Prime Minister Shehbaz Sharif"),
        ("a", "The Trump administration has also encouraged"),
        ("a", "In October, US Secretary of State Marco Rubio"),
        ("b", "Referring to cybercrime enforcement"),
        ("b", "During the meeting, the establishment of a crime control centre"),
    ],
)
def test_seed_unique_material_is_unaligned(seeds, side, prefix):
    a, b, table = seeds
    sid = _id(a if side == "a" else b, prefix)
    rows = table[table[f"{side}_id"] == sid]
    assert rows.relation.tolist() == [f"{side}_only"]
