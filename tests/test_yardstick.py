"""Placing a probability among binned reference pairs (analysis.yardstick) and its figure."""

import numpy as np
import pandas as pd
import pytest

from analysis import charts
from analysis.yardstick import placement


def binned(kind: str, values: list[float]) -> pd.DataFrame:
    edges = np.linspace(0, 1, 101)
    counts, _ = np.histogram(values, bins=edges)
    return pd.DataFrame({"reference": kind, "bin_from": edges[:-1].round(2), "bin_to": edges[1:].round(2), "pairs": counts})


REFERENCE = pd.concat([binned("one event", [0.9, 0.95, 0.99, 0.4]), binned("near miss", [0.05, 0.1, 0.2, 0.7])],
                      ignore_index=True)


def test_shares_below_and_above_are_read_at_bin_edges():
    table = placement(REFERENCE, 0.5).set_index("reference")
    assert table.loc["one event"].tolist() == [4, 0.25, 0.75]
    assert table.loc["near miss"].tolist() == [4, 0.75, 0.25]


def test_a_value_inside_a_bin_counts_that_bin_neither_way():
    table = placement(REFERENCE, 0.905).set_index("reference")  # 0.9 lies in the bin [0.90, 0.91)
    assert table.loc["one event", "share_below"] == 0.25 and table.loc["one event", "share_at_or_above"] == 0.5


def test_a_table_without_the_columns_is_refused():
    with pytest.raises(ValueError, match="lacks bin_to"):
        placement(REFERENCE.drop(columns="bin_to"), 0.5)


def test_the_figure_draws_each_reference_cumulatively_and_the_pair_under_study():
    fig, data = charts.verdict_in_context(REFERENCE, 0.3, "seeds")
    last = data[data.probability_up_to == 1.0].set_index("reference").share_of_pairs
    assert last.to_dict() == {"one event": 1.0, "near miss": 1.0}
    at = data[(data.probability_up_to == 0.3) & data.share_of_pairs.notna()].set_index("reference").share_of_pairs
    assert at.to_dict() == {"one event": 0.0, "near miss": 0.75}
    assert data.iloc[-1].tolist()[:2] == ["pair under study: seeds", 0.3]
    assert len(fig.axes[0].get_lines()) == 3
