"""Read the Microsoft Research Paraphrase Corpus and build pseudo-documents from it.

Only `scripts/fit_scorer.py` (train split) and `benchmarks/bench_align.py`
(test split) read it; the package never needs the data at run time. No
notebook uses this module. The files are read as published: UTF-8 with a
byte-order mark, tab-separated, no quoting (sentences contain quote marks).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import SHARED_DATA

MSRP = SHARED_DATA / "msrp"
#: Pairs per pseudo-document: about the length of two long news reports.
DOCUMENT_PAIRS = 40


@dataclass(frozen=True)
class Pair:
    """One MSRP pair: `paraphrase` is the annotators' judgement."""

    paraphrase: bool
    id_a: str
    id_b: str
    a: str
    b: str


def read_pairs(path: str | Path) -> list[Pair]:
    """All pairs of one MSRP split file, in file order."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Pair(r["Quality"] == "1", r["#1 ID"], r["#2 ID"], r["#1 String"], r["#2 String"]) for r in rows]


@dataclass(frozen=True)
class PseudoDocument:
    """Report A = the first sentences, report B = the second ones, shuffled.

    `truth[k]` is the index in `b` of the counterpart of `a[k]`.
    """

    pairs: list[Pair]
    a: list[str]
    b: list[str]
    truth: list[int]


def pseudo_documents(pairs: list[Pair], *, size: int = DOCUMENT_PAIRS, seed: int = 0) -> list[PseudoDocument]:
    """Consecutive chunks of `size` pairs; B's order shuffled with a fixed seed."""
    rng = random.Random(seed)
    docs = []
    for start in range(0, len(pairs), size):
        chunk = pairs[start : start + size]
        order = list(range(len(chunk)))
        rng.shuffle(order)
        position = {k: p for p, k in enumerate(order)}
        docs.append(
            PseudoDocument(chunk, [p.a for p in chunk], [chunk[k].b for k in order], [position[k] for k in range(len(chunk))])
        )
    return docs
