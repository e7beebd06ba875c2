"""Benchmark: commitments on hand labels of BASIL and ECB+ sentences.

Two label sets (ids only; see `benchmarks/labels/README.md`), scored apart: the development set, which the
rules were tuned on, and the held-out set, labelled before the rule changes and never used to develop them.
A sentence is predicted a commitment when the extractor gives it a record of kind `commitment` other than a
request (strength 0: the labels call requests no commitment). Printed: recall and precision of commitment
sentences, actor agreement and strength within one step on the sentences both call a commitment, and
discussion recall and precision. Run by `make bench` (both sets); `... development` scores one set only;
skips when the shared data is absent.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from common import data_file

from analysis.actors import parties_in
from analysis.commitments import COMMITMENT, DISCUSSION, Commitment, find_commitments

LABELS = Path(__file__).resolve().parent / "labels"
#: (file, what it is): printed in this order.
SETS = (
    ("commitments-development.tsv", "development set (rules tuned on it)"),
    ("commitments-heldout.tsv", "held-out set (labelled before the rule changes, not used to develop them)"),
)


def sentences() -> dict[tuple[str, str, int], str]:
    """Every sentence of the two corpora by (corpus, doc, index)."""
    out = {}
    with data_file("ecbplus", "ecbplus_topics_1-35.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            out.update({("ecbplus", doc["doc_id"], i): s for i, s in enumerate(doc["sentences"])})
    with data_file("multi-outlet", "basil_articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            flat = [s for paragraph in doc["paragraphs"] for s in paragraph]
            out.update({("basil", doc["article_uuid"], i): s for i, s in enumerate(flat)})
    return out


def _commitments(records: list[Commitment]) -> list[Commitment]:
    return [r for r in records if r.kind == COMMITMENT and r.strength != 0]


def actor_agrees(record: Commitment, label: dict[str, str], text: str) -> bool:
    """The predicted actor names the labelled one: the same words, a containing phrase, or the same party."""
    spans = [text[int(label["actor_start"]):int(label["actor_end"])]] if label["actor_start"] else []
    if label["actor_resolved"]:
        start, end = map(int, label["actor_resolved"].split("-"))
        spans.append(text[start:end])
    predicted = record.actor.casefold()
    if record.joint and label["joint"] == "1":
        return True
    for span in spans:
        gold = span.casefold()
        if gold and (gold in predicted or predicted in gold or record.actor in parties_in(span)):
            return True
    return False


def score(path: Path, name: str, texts: dict[tuple[str, str, int], str]) -> None:
    """Print recall, precision, actor agreement, strength and discussion scores of one label set."""
    with path.open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle, delimiter="\t"))
    tp = fp = fn = actor_ok = actor_n = strength_ok = 0
    d_tp = d_fp = d_fn = 0
    for label in labels:
        text = texts[(label["corpus"], label["doc"], int(label["sentence"]))]
        records = find_commitments(text)
        mine = _commitments(records)
        gold = label["kind"] == COMMITMENT
        tp, fp, fn = tp + (gold and bool(mine)), fp + (not gold and bool(mine)), fn + (gold and not mine)
        if gold and mine:
            best = max(mine, key=lambda r: r.strength)
            if label["actor_start"]:  # a sentence naming no committing actor counts for strength only
                actor_n += 1
                actor_ok += any(actor_agrees(r, label, text) for r in mine)
            strength_ok += abs(best.strength - int(label["strength"])) <= 1
        talks = any(r.kind == DISCUSSION for r in records) and not mine
        d_gold = label["kind"] == DISCUSSION
        d_tp, d_fp, d_fn = d_tp + (d_gold and talks), d_fp + (not d_gold and talks), d_fn + (d_gold and not talks)
    print(f"{name}: {len(labels)} labelled sentences (BASIL and ECB+)")
    print(f"  commitment sentences: {tp + fn} labelled, {tp + fp} predicted")
    print(f"  recall {tp / max(tp + fn, 1):.3f}  precision {tp / max(tp + fp, 1):.3f}   (held-out targets: >= 0.90 each)")
    print(f"  on the {tp} found: actor agreement {actor_ok / max(actor_n, 1):.3f} of {actor_n} naming one "
          f"(target >= 0.85), strength within one step {strength_ok / max(tp, 1):.3f} (target >= 0.90)")
    print(f"  discussion sentences: {d_tp + d_fn} labelled; recall {d_tp / max(d_tp + d_fn, 1):.3f}, "
          f"precision {d_tp / max(d_tp + d_fp, 1):.3f}")


def main(argv: list[str]) -> int:
    """Score both sets, or only those named (`development`, `heldout`): developing reads the first alone."""
    wanted = [file for file, _ in SETS if not argv or any(word in file for word in argv)]
    if argv and not wanted:
        print(f"error: unknown label set {' '.join(argv)!r}; use development or heldout", file=sys.stderr)
        return 2
    texts = sentences()
    for file, name in SETS:
        if file in wanted:
            score(LABELS / file, name, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
