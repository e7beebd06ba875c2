"""The fitted scorer: calibrated probabilities, no extrapolation beyond the training range."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analysis.features import FEATURES
from analysis.scorer import calibrated, parameters


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
