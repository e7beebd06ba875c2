"""Emphasis tables, tested on small reports and hand-made alignment frames."""

import pandas as pd
import pytest

from analysis.commitments import find_commitments
from analysis.emphasis import OUTLET, commitment_emphasis, shared_commitments, theme_emphasis, voice_shares
from analysis.sources import parse_report

REPORT = parse_report(
    "Pakistan, US agree to fight drug trafficking\n\n"
    "December 6, 2025\n\n"  # month names are judged against the report's date
    "ISLAMABAD: Pakistan and the United States on Saturday agreed to expand counter-narcotics cooperation.\n\n"
    "The talks also covered trade.\n\n"
    "Interior Minister Mohsin Naqvi said Pakistan would soon establish a border academy.\n\n"
    "In September, both leaders agreed to boost investment.\n"
)


def test_theme_first_position_and_lead():
    table = theme_emphasis(REPORT).set_index("theme")
    assert table.loc["counter-narcotics", "first_position"] == 1  # the headline
    assert table.loc["counter-narcotics", "in_lead"]
    assert table.loc["border, migration and maritime security", "first_position"] == 4
    assert not table.loc["border, migration and maritime security", "in_lead"]
    assert not table.loc["cybercrime and financial crime", "present"]
    assert table["word_share"].between(0, 1).all()


def test_lead_weight_raises_lead_themes():
    light = theme_emphasis(REPORT, lead_weight=1.0).set_index("theme")
    heavy = theme_emphasis(REPORT, lead_weight=3.0).set_index("theme")
    theme = "counter-narcotics"
    assert heavy.loc[theme, "weighted_share"] > light.loc[theme, "weighted_share"]


def test_commitment_rows_carry_scope_and_lead():
    table = commitment_emphasis(REPORT)
    assert table["in_lead"].iloc[0] and table["strength"].iloc[0] == 4
    assert table.set_index("sentence_id").loc[table["sentence_id"].iloc[-1], "scope"] == "background"


def test_voices_sum_to_one():
    table = voice_shares(REPORT)
    assert table["share"].sum() == pytest.approx(1.0)
    assert set(table["voice"]) == {OUTLET, "Mohsin Naqvi"}


A = find_commitments("Pakistan and the US agreed to expand cooperation.", sentence_id="s002") + find_commitments(
    "Washington pledged new scanners.", sentence_id="s003"
)
B = find_commitments("Both sides discussed expanding cooperation.", sentence_id="s001") + find_commitments(
    "The talks were cordial.", sentence_id="s002"
)


@pytest.mark.parametrize(
    "rows, expected_a",
    [
        ([("s002", "s001", "match"), ("s003", "", "a_only")], {"s002": "both", "s003": "a_only"}),
        ([("s002", "s001", "partial")], {"s002": "related", "s003": "a_only"}),  # like, not the same
        ([("s002", "s002", "match")], {"s002": "a_only", "s003": "a_only"}),  # aligned, but B has no commitment there
        ([], {"s002": "a_only", "s003": "a_only"}),
    ],
)
def test_shared_commitments(rows, expected_a):
    alignment = pd.DataFrame(rows, columns=["a_id", "b_id", "relation"])
    table = shared_commitments(A, B, alignment)
    a_side = table[table["side"] == "a"].set_index("sentence_id")["reported_by"].to_dict()
    assert a_side == expected_a
    if expected_a["s002"] in ("both", "related"):
        row = table[(table["side"] == "a") & (table["sentence_id"] == "s002")].iloc[0]
        assert (row["strength"], row["other_strength"]) == (4, 1)  # agreed in A, only discussed in B


def test_commitment_matrix_lists_a_shared_commitment_once_with_both_cells():
    from analysis.emphasis import MATRIX_GROUPS, commitment_matrix

    alignment = pd.DataFrame([("s002", "s001", "match")], columns=["a_id", "b_id", "relation"])
    matrix = commitment_matrix(shared_commitments(A, B, alignment), ["A", "B"])
    shared = matrix[matrix["group"] == MATRIX_GROUPS["both"]]
    assert sorted(shared["report"]) == ["A", "B"] and shared["row"].nunique() == 1
    assert dict(zip(shared["report"], shared["strength"])) == {"A": 4, "B": 1}
    # B's s001 is not listed again as "only B"; A's s003 is only A
    assert not matrix["row"].str.startswith("B s001").any()
    assert list(matrix["group"].drop_duplicates()) == [MATRIX_GROUPS["both"], MATRIX_GROUPS["a_only"]]


def test_two_successive_events_are_read_as_recurring_new_and_dropped():
    from analysis.emphasis import commitment_matrix, group_counts, matrix_groups

    alignment = pd.DataFrame({"a_id": ["s001", "s002"], "b_id": ["s001", "s003"], "relation": ["match", "partial"]})
    a = find_commitments("Germany agreed to send two frigates.", sentence_id="s001") + find_commitments(
        "France pledged to fund a port.", sentence_id="s002") + find_commitments(
        "Spain agreed to train pilots.", sentence_id="s005")
    b = find_commitments("Germany agreed to send two frigates.", sentence_id="s001") + find_commitments(
        "France pledged to fund two ports.", sentence_id="s003") + find_commitments(
        "Italy agreed to host talks.", sentence_id="s004")
    matrix = commitment_matrix(shared_commitments(a, b, alignment), ["A", "B"], matrix_groups(True, "meeting"))
    counts = group_counts(matrix).to_dict()
    assert counts == {"at both meetings (recurring)": 2, "only at the first": 1, "new at the second": 1}
