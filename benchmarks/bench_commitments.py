"""Benchmark: sentence-level commitment detection on the PLOVER gold-standard records.

Rule (documented in analysis/resources/README.md): a sentence is detected as a
commitment when `analysis.commitments` finds a record of strength >= 2
(tentative or firmer). AGREE records should be detected (recall); records of
the conflictual types should not (false-positive rate). Targets: recall >= 0.85,
false positives <= 0.10. The rules were written as general English commitment
vocabulary, not tuned to these records. Also prints the results on the seeds.
Run by `make bench`; skips with a message when the shared data is absent.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from analysis.commitments import DETECTION_THRESHOLD, commitments_table, is_commitment
from analysis.paths import SEEDS, SHARED_DATA
from analysis.sources import read_report

GOLD = SHARED_DATA / "plover" / "PLOVER_GSR_CAMEO.json"
POSITIVE = ("AGREE",)
NEGATIVE = ("DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT", "ASSAULT", "SANCTION", "DISAPPROVE")
TARGET_RECALL, TARGET_FP = 0.85, 0.10


def record_text(record: dict) -> str:
    """The sentence of a gold record (`text`; `eventText` holds only the coded words)."""
    return record.get("text") or record.get("eventText") or ""


def score(records: list[dict]) -> tuple[dict[str, tuple[int, int]], float, float]:
    """Per event type (detected, total); recall on AGREE; false-positive rate on the conflictual types."""
    counts: dict[str, list[int]] = {}
    for record in records:
        event = record.get("event", "")
        if event in POSITIVE + NEGATIVE and record_text(record):
            cell = counts.setdefault(event, [0, 0])
            cell[0] += is_commitment(record_text(record), threshold=DETECTION_THRESHOLD)
            cell[1] += 1
    hits = sum(counts[e][0] for e in POSITIVE if e in counts)
    positives = sum(counts[e][1] for e in POSITIVE if e in counts)
    false = sum(counts[e][0] for e in NEGATIVE if e in counts)
    negatives = sum(counts[e][1] for e in NEGATIVE if e in counts)
    return {e: (c[0], c[1]) for e, c in counts.items()}, hits / max(positives, 1), false / max(negatives, 1)


def seeds_summary() -> None:
    """Per seed: number of commitment records by strength and by scope."""
    for path in sorted(SEEDS.glob("*.txt")):
        table = commitments_table(read_report(path))
        strengths = dict(sorted(Counter(table["strength_label"]).items()))
        scopes = dict(Counter(table["scope"]))
        joint = int(table["joint"].sum())
        print(f"seed {path.name}: {len(table)} commitments; by strength {strengths}; by scope {scopes}; joint {joint}")


def main() -> int:
    if not GOLD.exists():
        print(f"bench_commitments: {GOLD} not found; skipped")
        return 0
    records = json.loads(GOLD.read_text(encoding="utf-8"))
    per_event, recall, fp_rate = score(records)
    print(f"PLOVER gold standard ({GOLD.name}): detection = a record of strength >= {DETECTION_THRESHOLD}")
    for event in POSITIVE + NEGATIVE:
        if event in per_event:
            detected, total = per_event[event]
            print(f"  {event:<11} detected {detected:>3} / {total:<3}")
    print(f"  recall on AGREE {recall:.3f} (target >= {TARGET_RECALL}); "
          f"false-positive rate on conflictual types {fp_rate:.3f} (target <= {TARGET_FP})")
    seeds_summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
