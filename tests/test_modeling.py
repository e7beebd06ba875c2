"""Fitting the pair scorer (analysis.modeling.pair_scorer) on a small MSRP-shaped file of our own sentences."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from analysis.features import FEATURES
from analysis.modeling import pair_scorer
from analysis.scorer import calibrated
from tests.test_msrp import write_msrp

PLACES = ["Riverside", "Northgate", "Elm Park", "Harbour", "Old Town", "Westfield", "Kingsbridge", "Lowmoor"]
BODIES = ["council", "board", "committee", "assembly"]
THINGS = ["flood wall", "bus depot", "school roof", "bridge", "library", "cycle lane", "water main", "clinic"]


def _pair(k: int, rng: random.Random) -> str:
    """Paraphrase: one fact told twice; non-paraphrase: the same frame with another place, thing and figure."""
    place, body, thing = rng.choice(PLACES), rng.choice(BODIES), rng.choice(THINGS)
    amount = rng.randint(2, 90)
    a = f"The {place} {body} approved {amount} million dollars for the {thing} on Monday."
    if k % 3:
        b = f"On Monday the {body} in {place} backed a {amount} million dollar plan for the {thing}."
        return f"1\t{2 * k}\t{2 * k + 1}\t{a}\t{b}"
    other_place = rng.choice([p for p in PLACES if p != place])
    other_thing = rng.choice([t for t in THINGS if t != thing])
    b = f"The {other_place} {body} rejected {amount + 7} million dollars for the {other_thing} on Monday."
    return f"0\t{2 * k}\t{2 * k + 1}\t{a}\t{b}"


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    rng = random.Random(5)
    path = write_msrp(tmp_path_factory.mktemp("msrp") / "train.txt", [_pair(k, rng) for k in range(160)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pair_scorer, "FOLDS", 4)  # 160 pairs make 4 pseudo-documents of 40
        return pair_scorer.fit(path)


def test_parameters_describe_the_training_data(fitted):
    assert fitted["features"] == list(FEATURES)
    assert fitted["pairs"] == 160
    assert fitted["positives"] == sum(1 for k in range(160) if k % 3)
    assert fitted["impostors"] == 160 * pair_scorer.IMPOSTORS
    assert fitted["C"] in pair_scorer.C_GRID
    assert len(fitted["coef"]) == len(fitted["mean"]) == len(fitted["lower"]) == len(FEATURES)


def test_cross_validation_learns_the_synthetic_distinction(fitted):
    assert fitted["cv_accuracy"] >= 0.9
    assert 0.2 <= fitted["cv_best_f1_threshold"] <= 0.7
    assert fitted["counterpart"]["cv_auc"] >= 0.9


def test_fitted_parameters_score_like_the_shipped_format(fitted):
    """The file fit() produces is what analysis.scorer reads: same keys, and a usable score."""
    params = json.loads(json.dumps(fitted))
    rows = np.array([params["lower"], params["upper"]])
    scores = calibrated(rows, params)
    assert scores.shape == (2,) and np.all((scores >= 0) & (scores <= 1))


def test_fit_is_deterministic(tmp_path, fitted):
    rng = random.Random(5)
    path = write_msrp(tmp_path / "train.txt", [_pair(k, rng) for k in range(160)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pair_scorer, "FOLDS", 4)
        assert pair_scorer.fit(path) == fitted
