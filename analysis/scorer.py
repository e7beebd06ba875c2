"""Turn pair features into one calibrated score in [0, 1].

The weights are a logistic regression fitted on the MSRP train split by
`scripts/fit_scorer.py` and stored as data (`resources/scorer.json`), so users
never need the corpus and the fit can be reproduced and audited. The score
reads as the probability that annotators would call the pair a paraphrase
(the same fact). A second model in the same file, fitted on the same
features, gives the probability that two sentences correspond at all (one
story, paraphrase or not): `counterpart`. Used through `analysis.align` by
notebooks 02_alignment and 04_emphasis.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from analysis.features import FEATURES
from analysis.paths import RESOURCES

SCORER_FILE = RESOURCES / "scorer.json"


@lru_cache(maxsize=1)
def parameters() -> dict:
    """The fitted parameters; checks they were fitted on the current feature list."""
    data = json.loads(SCORER_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{SCORER_FILE} was fitted on other features; run scripts/fit_scorer.py")
    return data


def calibrated(features: np.ndarray, params: dict | None = None) -> np.ndarray:
    """Probability of 'same fact' for each feature row (clip, standardise, then logistic).

    Each feature is first clipped to the range seen in training: a linear model
    must not extrapolate a weight beyond the values it was fitted on (news
    reports are not MSRP's single sentences of at most 30 words).
    """
    p = params or parameters()
    return _logistic(_clip(features, p), p)


def counterpart(features: np.ndarray, params: dict | None = None) -> np.ndarray:
    """Probability that the two sentences correspond at all (one story), same or not the same fact.

    The second model in scorer.json, fitted on MSRP pairs of either label
    against impostors, with the same clipping.
    """
    p = params or parameters()
    return _logistic(_clip(features, p), p["counterpart"])


def _clip(features: np.ndarray, p: dict) -> np.ndarray:
    return np.clip(features, np.asarray(p["lower"]), np.asarray(p["upper"]))


def _logistic(clipped: np.ndarray, model: dict) -> np.ndarray:
    z = (clipped - np.asarray(model["mean"])) / np.asarray(model["scale"])
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(model["coef"]) + model["intercept"])))
