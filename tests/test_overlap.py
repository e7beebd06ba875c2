import pandas as pd
import pytest

from analysis.overlap import shares
from analysis.sources import parse_report

A = parse_report("Headline one\n\nFirst fact. Second fact. Third fact.\n")
B = parse_report("Headline two\n\nFirst fact again. Other fact.\n")


def test_shares_pool_both_reports_and_skip_headlines():
    alignment = pd.DataFrame(
        {"a_id": ["s001", "s002", "s003", "s004"], "b_id": ["s001", "s002", "s003", ""],
         "relation": ["match", "match", "partial", "a_only"]}
    )
    result = shares(alignment, A, B)
    assert result.sentences == 5  # three body sentences of A, two of B
    assert result.match == pytest.approx(2 / 5)
    assert result.aligned == pytest.approx(4 / 5)


def test_headlines_count_when_asked():
    alignment = pd.DataFrame({"a_id": ["s001"], "b_id": ["s001"], "relation": ["match"]})
    assert shares(alignment, A, B, roles=("headline",)).match == 1.0
    assert shares(alignment, A, B).match == 0.0
