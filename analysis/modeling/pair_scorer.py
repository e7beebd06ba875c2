"""Fit the pair scorer (`resources/scorer.json`) on the MSRP train split.

Features are computed exactly as `analysis.align` computes them: within
pseudo-documents of 40 pairs, so word rarity is measured over about as many
sentences as two long reports hold. Besides the annotated pairs, the two most
similar wrong counterparts of each first sentence in its pseudo-document (by
the cheap candidate measure of `analysis.align`) are added as negatives with a
small total weight: MSRP pairs all overlap, and without them the scorer never
sees the unrelated pairs an alignment must reject.

The regularisation strength is chosen by 10-fold cross-validation grouped by
pseudo-document (scikit-learn's `GroupKFold` and `cross_val_predict`); the
out-of-fold scores also give the thresholds. A second model on the same
features, the counterpart model, tells a true MSRP pair (paraphrase or not:
both sentences tell one story) from an impostor. The paraphrase model answers
"the same fact?"; alignment also needs "do these sentences correspond at all?".
Its threshold is the one with the best cross-validated Youden index.

The test split is never read. Deterministic: same data, same parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from analysis.features import FEATURES, Pool
from analysis.msrp import pseudo_documents, read_pairs

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 10
#: Wrong counterparts added per first sentence, and their total weight relative to the annotated pairs.
IMPOSTORS = 2
IMPOSTOR_WEIGHT = 0.1


@dataclass(frozen=True)
class TrainingSet:
    """Feature rows of the annotated pairs (first `n_true` rows), then of the impostors."""

    x: np.ndarray
    y: np.ndarray
    weights: np.ndarray
    groups: np.ndarray
    n_true: int


def training_set(train: Path) -> TrainingSet:
    """Feature rows, labels, sample weights and pseudo-document groups."""
    x, y, groups, xi, gi = [], [], [], [], []
    for g, doc in enumerate(pseudo_documents(read_pairs(train))):
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
    return TrainingSet(np.vstack([x_true, x_imp]), labels, weights, np.r_[groups, gi], len(y))


def _model(c: float) -> Pipeline:
    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000))


def out_of_fold(x: np.ndarray, y: np.ndarray, weights: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Cross-validated probabilities of class 1 for every row (folds grouped by pseudo-document)."""
    return cross_val_predict(_model(c), x, y, groups=groups, cv=GroupKFold(n_splits=FOLDS), method="predict_proba",
                             params={"logisticregression__sample_weight": weights})[:, 1]


def _best_c(score: Callable[[np.ndarray], float], x, y, weights, groups) -> tuple[float, float, np.ndarray]:
    """The C of the grid with the best cross-validated `score`, its value and its out-of-fold probabilities."""
    best: tuple[float, float, np.ndarray] | None = None
    for c in C_GRID:
        probabilities = out_of_fold(x, y, weights, groups, c)
        value = score(probabilities)
        if best is None or value > best[1]:
            best = (c, value, probabilities)
    assert best is not None
    return best


def _logistic(model: Pipeline) -> dict:
    scaler, regression = model.named_steps["standardscaler"], model.named_steps["logisticregression"]
    return {
        "mean": [round(float(v), 8) for v in scaler.mean_],
        "scale": [round(float(v), 8) for v in scaler.scale_],
        "coef": [round(float(v), 8) for v in regression.coef_[0]],
        "intercept": round(float(regression.intercept_[0]), 8),
    }


def counterpart_model(data: TrainingSet) -> dict:
    """Annotated pairs (1) against impostors (0), both classes weighted equally; threshold by Youden index."""
    is_pair = (np.arange(len(data.y)) < data.n_true).astype(int)
    weights = np.where(is_pair == 1, 1.0, data.n_true / (len(data.y) - data.n_true))
    c, auc, scores = _best_c(lambda p: roc_auc_score(is_pair, p), data.x, is_pair, weights, data.groups)
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    youden = [(scores[:data.n_true] >= t).mean() - (scores[data.n_true:] >= t).mean() for t in grid]
    threshold = float(grid[int(np.argmax(youden))])
    model = _model(c).fit(data.x, is_pair, logisticregression__sample_weight=weights)
    return {
        "about": "Logistic regression telling annotated MSRP pairs (either label) from impostors, same features",
        "C": c,
        "cv_auc": round(float(auc), 4),
        "cv_youden_threshold": threshold,
        **_logistic(model),
    }


def fit(train: Path) -> dict:
    """All parameters of `scorer.json`, fitted on the MSRP split file `train`."""
    data = training_set(train)
    y_true = data.y[:data.n_true]
    c, cv_accuracy, scores = _best_c(lambda p: accuracy_score(y_true, p[:data.n_true] >= 0.5),
                                     data.x, data.y, data.weights, data.groups)
    scores = scores[:data.n_true]
    grid = np.round(np.arange(0.20, 0.71, 0.01), 2)
    match_t = float(grid[int(np.argmax([f1_score(y_true, scores >= t) for t in grid]))])
    partial_t = float(np.quantile(scores[y_true == 0], 0.05))
    model = _model(c).fit(data.x, data.y, logisticregression__sample_weight=data.weights)
    return {
        "about": "Logistic regression over analysis.features.FEATURES, fitted by scripts/fit_scorer.py",
        "data": f"{train.name} (MSRP train split), features within 40-pair pseudo-documents",
        "pairs": data.n_true,
        "positives": int(y_true.sum()),
        "impostors": int(len(data.y) - data.n_true),
        "impostor_weight": IMPOSTOR_WEIGHT,
        "C": c,
        "cv_accuracy": round(float(cv_accuracy), 4),
        "cv_best_f1_threshold": match_t,
        "cv_non_paraphrase_5th_percentile": round(partial_t, 4),
        "sklearn": sklearn.__version__,
        "features": list(FEATURES),
        "lower": [round(float(v), 8) for v in data.x.min(axis=0)],
        "upper": [round(float(v), 8) for v in data.x.max(axis=0)],
        **_logistic(model),
        "counterpart": counterpart_model(data),
    }
