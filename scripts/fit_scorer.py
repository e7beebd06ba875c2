"""Fit the pair scorer on the MSRP train split and write analysis/resources/scorer.json.

Features are computed exactly as `analysis.align` computes them: within
pseudo-documents of 40 pairs, so word rarity is measured over about as many
sentences as two long reports hold. Besides the 4,076 annotated pairs, the two
most similar wrong counterparts of each first sentence in its pseudo-document
(by the cheap candidate measure of `analysis.align`) are added as negatives
with a small total weight: MSRP pairs all overlap, and without them the
scorer never sees the unrelated pairs an alignment must reject.

The regularisation strength is chosen by 10-fold cross-validation on train,
grouped by pseudo-document; the cross-validated scores also give the threshold
suggestions printed at the end.

A second model on the same features, the counterpart model, tells a true MSRP
pair (paraphrase or not: both sentences tell one story) from an impostor. The
paraphrase model answers "the same fact?"; alignment also needs "do these
sentences correspond at all?", and a pair that adds a number or a clause is a
counterpart that a paraphrase model rates low. Its threshold is the one with
the best cross-validated Youden index (true-positive minus false-positive rate).

The test split is never read. Deterministic: same data, same file.
Usage: python scripts/fit_scorer.py
"""

from __future__ import annotations

import json
import sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from analysis.features import FEATURES, Pool
from analysis.msrp import MSRP, pseudo_documents, read_pairs
from analysis.scorer import SCORER_FILE

TRAIN = MSRP / "msr_paraphrase_train.txt"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
#: Wrong counterparts added per first sentence, and their total weight relative to the annotated pairs.
IMPOSTORS = 2
IMPOSTOR_WEIGHT = 0.1


def training_set() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels, sample weights and document groups (annotated pairs first)."""
    x, y, groups, xi, gi = [], [], [], [], []
    for g, doc in enumerate(pseudo_documents(read_pairs(TRAIN))):
        pool = Pool(doc.a, doc.b)
        k, truth = np.arange(len(doc.a)), np.asarray(doc.truth)
        x.append(pool.pair_features(k, truth))
        y += [int(p.paraphrase) for p in doc.pairs]
        groups += [g] * len(k)
        cheap = pool.word_cosine() + pool.ratio() / 100.0
        cheap[k, truth] = -np.inf
        wrong = np.argsort(-cheap, axis=1, kind="stable")[:, :IMPOSTORS]
        xi.append(pool.pair_features(np.repeat(k, wrong.shape[1]), wrong.ravel()))
        gi += [g] * wrong.size
    x_true, x_imp = np.vstack(x), np.vstack(xi)
    weights = np.r_[np.ones(len(y)), np.full(len(x_imp), IMPOSTOR_WEIGHT * len(y) / len(x_imp))]
    labels = np.r_[np.asarray(y), np.zeros(len(x_imp), dtype=int)]
    return np.vstack([x_true, x_imp]), labels, weights, np.r_[groups, gi]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(x)
    return scaler, LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x), y, sample_weight=w)


def cross_validated(x, y, w, groups, n_true: int, c: float) -> np.ndarray:
    """Out-of-fold scores of the annotated pairs."""
    out = np.zeros(n_true)
    for train, test in GroupKFold(n_splits=10).split(x, y, groups):
        scaler, model = fit(x[train], y[train], w[train], c)
        test = test[test < n_true]
        out[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    return out


def f1(pred: np.ndarray, y: np.ndarray) -> float:
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / (pred.sum() + (y == 1).sum())


def counterpart_model(x: np.ndarray, y: np.ndarray, groups: np.ndarray, n_true: int) -> dict:
    """The counterpart model: annotated pairs (1) against impostors (0), both classes weighted equally."""
    is_pair = (np.arange(len(y)) < n_true).astype(int)
    w = np.where(is_pair == 1, 1.0, n_true / (len(y) - n_true))
    best = None
    for c in C_GRID:
        scores = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=10).split(x, is_pair, groups):
            scaler, model = fit(x[train], is_pair[train], w[train], c)
            scores[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
        auc = roc_auc_score(is_pair, scores)
        if best is None or auc > best[1]:
            best = (c, auc, scores)
    c, auc, scores = best
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    youden = [(scores[:n_true] >= t).mean() - (scores[n_true:] >= t).mean() for t in grid]
    threshold = float(grid[int(np.argmax(youden))])
    scaler, model = fit(x, is_pair, w, c)
    print(f"  counterpart model: C={c}, cv AUC {auc:.4f}, threshold {threshold} (cv true-positive rate "
          f"{(scores[:n_true] >= threshold).mean():.4f}, false-positive rate {(scores[n_true:] >= threshold).mean():.4f})")
    return {
        "about": "Logistic regression telling annotated MSRP pairs (either label) from impostors, same features",
        "C": c,
        "cv_auc": round(float(auc), 4),
        "cv_youden_threshold": threshold,
        "mean": [round(float(v), 8) for v in scaler.mean_],
        "scale": [round(float(v), 8) for v in scaler.scale_],
        "coef": [round(float(v), 8) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 8),
    }


def main() -> int:
    if not TRAIN.exists():
        print(f"fit_scorer: MSRP train split not found at {TRAIN}; nothing to fit (scorer.json left as is)")
        return 0
    x, y, w, groups = training_set()
    n_true = int((w == 1).sum())
    y_true = y[:n_true]
    best = None
    for c in C_GRID:
        scores = cross_validated(x, y, w, groups, n_true, c)
        accuracy = float(((scores >= 0.5) == y_true).mean())
        print(f"  C={c:<5} cv accuracy {accuracy:.4f}  F1 {f1(scores >= 0.5, y_true):.4f}")
        if best is None or accuracy > best[1]:
            best = (c, accuracy, scores)
    c, cv_accuracy, scores = best
    grid = np.round(np.arange(0.20, 0.71, 0.01), 2)
    f1s = [f1(scores >= t, y_true) for t in grid]
    match_t = float(grid[int(np.argmax(f1s))])
    partial_t = float(np.quantile(scores[y_true == 0], 0.05))
    scaler, model = fit(x, y, w, c)
    params = {
        "about": "Logistic regression over analysis.features.FEATURES, fitted by scripts/fit_scorer.py",
        "data": "msr_paraphrase_train.txt (MSRP train split), features within 40-pair pseudo-documents",
        "pairs": n_true,
        "positives": int(y_true.sum()),
        "impostors": int(len(y) - n_true),
        "impostor_weight": IMPOSTOR_WEIGHT,
        "C": c,
        "cv_accuracy": round(cv_accuracy, 4),
        "cv_best_f1_threshold": match_t,
        "cv_non_paraphrase_5th_percentile": round(partial_t, 4),
        "sklearn": sklearn.__version__,
        "features": list(FEATURES),
        "lower": [round(float(v), 8) for v in x.min(axis=0)],
        "upper": [round(float(v), 8) for v in x.max(axis=0)],
        "mean": [round(float(v), 8) for v in scaler.mean_],
        "scale": [round(float(v), 8) for v in scaler.scale_],
        "coef": [round(float(v), 8) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 8),
        "counterpart": counterpart_model(x, y, groups, n_true),
    }
    SCORER_FILE.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    print(f"fit_scorer: {n_true} train pairs (+{len(y) - n_true} impostors), C={c}, "
          f"cv accuracy {cv_accuracy:.4f} -> {SCORER_FILE}")
    print(f"  threshold with the best cross-validated F1: {match_t}; 5th percentile of non-paraphrases: {partial_t:.3f}")
    for name, coef in sorted(zip(FEATURES, params["coef"]), key=lambda t: -abs(t[1])):
        print(f"  {name:<13} {coef:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
