"""Benchmark of analysis.align: MSRP pair decision, pseudo-document alignment, speed, seeds.

Run by `make bench` (a script, not a timed test). The scorer was fitted on
MSRP train only (scripts/fit_scorer.py); this reads the test split. Prints a
compact table. Exits 0 with a one-line message when the shared data is absent.
"""

from __future__ import annotations

import difflib
import os
import random
import sys
import time

import numpy as np

from analysis.align import MATCH_THRESHOLD, align, align_texts
from analysis.features import Pool
from analysis.msrp import MSRP, pseudo_documents, read_pairs
from analysis.paths import SEEDS
from analysis.scorer import calibrated
from analysis.sources import read_report

TEST = MSRP / "msr_paraphrase_test.txt"
SIZES = (100, 300, 1000, 2000, 5000)
DIFFLIB_SAMPLE = 20_000  # pairs timed to estimate the all-pairs difflib cost


def f1(tp: int, n_pred: int, n_true: int) -> float:
    return 2 * tp / (n_pred + n_true) if n_pred + n_true else 1.0


def pair_decision(docs) -> None:
    """Accuracy and F1 of score >= threshold on the annotated test pairs (scored in their pseudo-document)."""
    scores, labels = [], []
    for doc in docs:
        pool = Pool(doc.a, doc.b)
        scores.append(calibrated(pool.pair_features(np.arange(len(doc.a)), np.asarray(doc.truth))))
        labels += [p.paraphrase for p in doc.pairs]
    s, y = np.concatenate(scores), np.asarray(labels)
    for t in sorted({0.5, MATCH_THRESHOLD}):
        pred = s >= t
        acc = (pred == y).mean() * 100
        print(f"MSRP test pair decision (score >= {t:.2f}) | acc {acc:5.1f} | F1 {f1(int((pred & y).sum()), pred.sum(), y.sum()) * 100:5.1f} | n={len(y)}")
    print("  anchors: majority 66.5/79.9, TF-IDF overlap 69.6/81.2, InferSent 76.2/83.1, GenSen 78.6/84.4; target >= 78 / 84")


def document_alignment(docs) -> None:
    """Alignment F1 (match or partial vs all pairs) and match F1 (match vs paraphrase pairs)."""
    tp_any = n_any = tp_match = n_match = n_pos = n_true = 0
    for doc in docs:
        table = align_texts(doc.a, doc.b)
        linked = table[table.relation.isin(["match", "partial"])]
        truth = {(f"a{k + 1:03d}", f"b{j + 1:03d}"): p.paraphrase for k, (j, p) in enumerate(zip(doc.truth, doc.pairs))}
        pairs = list(zip(linked.a_id, linked.b_id, linked.relation))
        tp_any += sum((a, b) in truth for a, b, _ in pairs)
        n_any += len(pairs)
        tp_match += sum(r == "match" and truth.get((a, b), False) for a, b, r in pairs)
        n_match += sum(r == "match" for _, _, r in pairs)
        n_pos += sum(truth.values())
        n_true += len(truth)
    print(f"pseudo-documents ({len(docs)} x <=40 pairs) | alignment F1 {f1(tp_any, n_any, n_true):.3f} (target >= 0.95)"
          f" | match F1 {f1(tp_match, n_match, n_pos):.3f} (target >= 0.84)")


def speed() -> None:
    """Seconds to align n x n sentences, beside difflib over the same sentences."""
    pairs = read_pairs(MSRP / "msr_paraphrase_train.txt") + read_pairs(TEST)
    rng = random.Random(0)
    a_all = [p.a for p in pairs]
    b_all = [p.b for p in pairs]
    rng.shuffle(b_all)
    print(f"speed ({os.cpu_count()} cores) | n x n | align s | difflib collation s | difflib all-pairs ratio s (est.) | speed-up vs all-pairs")
    for n in SIZES:
        a, b = a_all[:n], b_all[:n]
        start = time.perf_counter()
        align_texts(a, b)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        collation = time.perf_counter() - start
        sample = [(rng.randrange(n), rng.randrange(n)) for _ in range(min(DIFFLIB_SAMPLE, n * n))]
        start = time.perf_counter()
        for i, j in sample:
            difflib.SequenceMatcher(None, a[i], b[j]).ratio()
        all_pairs = (time.perf_counter() - start) * n * n / len(sample)
        print(f"  {n:>5} x {n:<5} | {ours:7.2f} | {collation:8.4f} | {all_pairs:9.1f} | {all_pairs / ours:7.0f}x")


def seeds() -> None:
    """The two seed reports: relation counts and the lede pairs."""
    files = sorted(SEEDS.glob("*.txt"))
    table = align(read_report(files[0]), read_report(files[-1]))
    counts = table.relation.value_counts().to_dict()
    print(f"seeds {files[0].name} vs {files[-1].name} | " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for row in table[table.relation == "match"].itertuples():
        print(f"  match {row.a_id}({row.a_role}) ~ {row.b_id}({row.b_role}) score {row.score:.2f}")


def main() -> int:
    if not TEST.exists():
        print(f"bench_align: MSRP not found at {MSRP}; skipping the alignment benchmark")
        return 0
    docs = pseudo_documents(read_pairs(TEST))
    pair_decision(docs)
    document_alignment(docs)
    speed()
    seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
