"""The yardstick for notebook 01: how much do reports of one event share?

Aligns every outlet pair of the 100 BASIL events (Fox News, The New York Times,
HuffPost report each), and the same outlet pairs across different events, then
writes only the resulting numbers to tables/reference-overlap.csv (no article
text: BASIL is for research use and is never copied into the project). Run by
`make baseline`; needs ../shared/data (or $ANALYSIS_SHARED_DATA).
"""

import sys

from analysis import batch, tables
from analysis.paths import SHARED_DATA, TABLES

SOURCE = SHARED_DATA / "multi-outlet" / "basil_articles.jsonl"
OUT = TABLES / "reference-overlap.csv"


def main() -> int:
    if not SOURCE.exists():
        print(f"skipped: {SOURCE.name} not found under the shared data folder; {OUT.name} is left as committed")
        return 0
    events = batch.by_event(batch.read_articles(SOURCE))
    pairs = batch.same_event_pairs(events) + batch.different_event_pairs(events)
    table = batch.overlap_table(pairs)
    table["aligned_share"] = table["aligned_share"].round(6)
    table["match_share"] = table["match_share"].round(6)
    TABLES.mkdir(exist_ok=True)
    tables.write(table, OUT)
    print(table.groupby("same_event")[["aligned_share", "match_share"]].describe().T.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
