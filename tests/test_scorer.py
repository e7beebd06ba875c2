"""The fitted scorer: calibrated probabilities, no extrapolation beyond the training range."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis.features import FEATURES
from analysis.scorer import calibrated, counterpart, parameters

WEBER_A = ["Mayor Anna Weber said the wall would shield 3,000 homes from spring floods.",
           "The city council on Tuesday approved a 2.4-kilometre flood wall along the Elbe to protect the district.",
           "Residents had campaigned for the barrier since the floods of 2013."]
WEBER_B = ["The barrier, 2.4 kilometres long, is meant to protect around 3,000 homes, Mayor Anna Weber said.",
           "Councillors have given the go-ahead for a flood barrier beside the Elbe, the city announced on Tuesday.",
           "Work is due to begin in March."]


def middle_row() -> np.ndarray:
    p = parameters()
    return (np.asarray(p["lower"]) + np.asarray(p["upper"])) / 2


def test_scores_are_probabilities_for_any_row():
    rows = np.vstack([middle_row(), np.zeros(len(FEATURES)), np.full(len(FEATURES), 1e6), np.full(len(FEATURES), -1e6)])
    scores = calibrated(rows)
    assert np.all((scores > 0) & (scores < 1))


def test_a_feature_beyond_the_training_range_counts_as_its_edge():
    """A value the fit never saw is scored as the nearest one it saw, not by extrapolating a weight."""
    k = FEATURES.index("word_overlap")
    upper = parameters()["upper"][k]
    at_edge, beyond = middle_row(), middle_row()
    at_edge[k], beyond[k] = upper, upper + 5
    assert calibrated(beyond[None, :])[0] == calibrated(at_edge[None, :])[0]
    inside = middle_row()
    inside[k] = parameters()["lower"][k]
    assert calibrated(inside[None, :])[0] != calibrated(at_edge[None, :])[0]  # within the range the feature counts


def test_the_aligner_uses_the_fitted_thresholds():
    """After a refit (scripts/fit_scorer.py), the constants in analysis.align must follow scorer.json."""
    from analysis import align

    p = parameters()
    assert align.MATCH_THRESHOLD == p["cv_best_f1_threshold"]
    assert align.PARTIAL_THRESHOLD == round(p["cv_non_paraphrase_5th_percentile"], 2)
    assert align.COUNTERPART_THRESHOLD == p["counterpart"]["cv_youden_threshold"]


def test_the_counterpart_model_rates_one_story_above_a_paraphrase_score():
    """A pair that adds a figure is no paraphrase, yet the counterpart model sees one story."""
    from analysis.features import Pool

    pool = Pool(WEBER_A, WEBER_B)  # in the context of two short reports: rarity is measured over both
    features = pool.pair_features(np.array([0]), np.array([0]))
    assert counterpart(features)[0] > 0.5 > calibrated(features)[0]


def test_parameters_fitted_on_other_features_are_refused(monkeypatch, tmp_path):
    stale = dict(parameters(), features=list(FEATURES[:-1]))
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr("analysis.scorer.SCORER_FILE", path)
    parameters.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="fitted on other features"):
            parameters()
    finally:
        parameters.cache_clear()
