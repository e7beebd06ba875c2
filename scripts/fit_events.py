"""Fit the same-event models and write analysis/resources/events.json and event_idf.tsv.

ECB+ topics 1–35 (near misses: the other sub-topic of a topic), BASIL, and
unrelated pairs of our own construction (`analysis.event_fit`). Prints the
cross-validated AUC by topic (GroupKFold) beside the TF-IDF cosine baseline
of the same run. Deterministic: same data, same files.
Usage: python scripts/fit_events.py
"""

import json
import sys

from analysis import event_fit, events


def main() -> int:
    if not event_fit.ECBPLUS.exists() or not event_fit.BASIL.exists():
        print("skipped: ECB+ or BASIL not found under the shared data folder; the shipped model is left as it is")
        return 0
    data = event_fit.load()
    models, idf = event_fit.fit_all(data)
    events.MODEL_FILE.write_text(json.dumps(models, indent=1) + "\n", encoding="utf-8")
    events.IDF_FILE.write_text(event_fit.idf_table(idf), encoding="utf-8")
    print(f"{len(data.docs)} documents, {len(data.pairs)} labelled pairs; {len(idf.df)} stems in the rarity table")
    for name in ("pair", "pile"):
        print(name, dict(zip(models[name]["features"], models[name]["coef"])), "C =", models[name]["C"])
    print(event_fit.summary(event_fit.cross_validate(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
