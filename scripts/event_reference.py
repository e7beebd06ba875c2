"""The near-miss yardstick for notebook 01: how sure is the same-event verdict on pairs whose answer is known?

Cross-validates the verdict by topic on ECB+ topics 1–35 and BASIL
(`analysis.event_fit.cross_validate`: every pair is judged by a model fitted
without its topic) and writes only the distribution of the out-of-fold
probabilities to tables/event-reference.csv, per kind of pair, in bins of 0.01:
no document text (BASIL is for research use and is never copied into the
project). Run by `make baseline`; needs ../shared/data (or $ANALYSIS_SHARED_DATA).
"""

import sys

import numpy as np
import pandas as pd

from analysis import event_fit, tables
from analysis.paths import TABLES

OUT = TABLES / "event-reference.csv"
#: The kinds of pair shown, by (source, same) of `event_fit.labelled_pairs`.
KINDS = {
    ("ecb+ within topic", 1): "ECB+: one event (same sub-topic)",
    ("ecb+ within topic", 0): "ECB+: near miss (the topic's other event)",
    ("basil", 1): "BASIL: one event, different outlets",
    ("basil near miss (constructed)", 0): "BASIL: near miss (same titled people, another event)",
}
BINS = np.linspace(0, 1, 101)


def reference(scored: pd.DataFrame) -> pd.DataFrame:
    """One row per kind of pair and probability bin: the number of pairs whose out-of-fold `pair` probability falls in it."""
    rows = []
    for (source, same), kind in KINDS.items():
        values = scored.loc[(scored.source == source) & (scored.same == same), "pair"]
        counts, _ = np.histogram(values, bins=BINS)
        rows += [(kind, round(lo, 2), round(hi, 2), int(c)) for lo, hi, c in zip(BINS[:-1], BINS[1:], counts)]
    return pd.DataFrame(rows, columns=["reference", "bin_from", "bin_to", "pairs"])


def main() -> int:
    if not event_fit.ECBPLUS.exists() or not event_fit.BASIL.exists():
        print(f"skipped: ECB+ or BASIL not found under the shared data folder; {OUT.name} is left as committed")
        return 0
    table = reference(event_fit.cross_validate(event_fit.load()))
    TABLES.mkdir(exist_ok=True)
    tables.write(table, OUT)
    print(table.groupby("reference")["pairs"].sum().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
