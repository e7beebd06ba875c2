"""Where a pair of reports falls among reference pairs whose answer is known.

A same-event probability means little alone: a reader needs to see how often
pairs of one event, and near misses (the same officials at another meeting),
reach it. The reference is committed as a histogram of out-of-fold
probabilities (`scripts/event_reference.py`: numbers only, no text), so the
comparison is exact at its bin edges; a value inside a bin counts that bin
as neither below nor above.
"""

from __future__ import annotations

import pandas as pd

REFERENCE_COLUMNS = ("reference", "bin_from", "bin_to", "pairs")


def placement(reference: pd.DataFrame, value: float) -> pd.DataFrame:
    """Per reference kind: pairs, and the shares of them whose probability lies below and at or above `value`.

    `reference` has REFERENCE_COLUMNS, one row per kind and bin (bins cover [0, 1]).
    """
    missing = set(REFERENCE_COLUMNS) - set(reference.columns)
    if missing:
        raise ValueError(f"reference table lacks {', '.join(sorted(missing))}")
    rows = []
    for kind, bins in reference.groupby("reference", sort=False):
        total = int(bins.pairs.sum())
        below = int(bins.loc[bins.bin_to <= value, "pairs"].sum())
        above = int(bins.loc[bins.bin_from >= value, "pairs"].sum())
        rows.append({"reference": kind, "pairs": total, "share_below": below / total if total else float("nan"),
                     "share_at_or_above": above / total if total else float("nan")})
    return pd.DataFrame(rows)
