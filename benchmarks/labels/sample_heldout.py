"""Draw the held-out commitment sample (`commitments-heldout.tsv`): ids only, seed fixed, so it can be redrawn.

Documents already in the development labels (`commitments-development.tsv`) are left out, and at most one
sentence is drawn per document, so the held-out set shares no document with the development set. Per corpus,
55 sentences are drawn among those with a commitment-like word (over-sampled so commitments are frequent) and
20 among the other sentences of six words or more. Prints `corpus, doc, sentence, text` for the annotator.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_commitment_labels import sentences  # noqa: E402

SEED = 13
CUED, OTHER = 55, 20
LABELS = Path(__file__).resolve().parent
#: Commitment-like words (the sampling frame only; the annotator labels every drawn sentence in full).
CUE_WORDS = re.compile(
    r"\b(?:agree\w*|pledg\w*|promis\w*|will|would|plan\w*|vow\w*|offer\w*|commit\w*|discuss\w*|intend\w*|"
    r"prepared|expected|ready|willing|decid\w*|sign(?:ed|s)?|assur\w*|approv\w*|refus\w*|reject\w*|review\w*)\b",
    re.IGNORECASE,
)


def documents() -> list[tuple[str, str, list[str]]]:
    """(corpus, doc id, sentences) for every document with an id, in file order (the benchmark's reading)."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for (corpus, doc, _), text in sentences().items():
        grouped.setdefault((corpus, doc), []).append(text)
    return [(corpus, doc, sents) for (corpus, doc), sents in grouped.items() if doc != "empty"]


def main() -> int:
    with (LABELS / "commitments-development.tsv").open(encoding="utf-8") as handle:
        used = {(row["corpus"], row["doc"]) for row in csv.DictReader(handle, delimiter="\t")}
    rng = random.Random(SEED)
    every = documents()
    for corpus in ("basil", "ecbplus"):
        docs = [d for d in every if d[0] == corpus and (d[0], d[1]) not in used]
        rng.shuffle(docs)
        picked, cued, other = [], 0, 0
        for _, doc, sents in docs:
            long = [i for i, s in enumerate(sents) if len(s.split()) >= 6]
            hits = [i for i in long if CUE_WORDS.search(sents[i])]
            if cued < CUED and hits:
                i, cued = rng.choice(hits), cued + 1
            elif other < OTHER and set(long) - set(hits):
                i, other = rng.choice(sorted(set(long) - set(hits))), other + 1
            else:
                continue
            picked.append((doc, i, sents[i]))
        for doc, i, text in sorted(picked):
            print(f"{corpus}\t{doc}\t{i}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
