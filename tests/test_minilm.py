"""The default scorer on onnxruntime: weights verification, the adapter merge, the graph against a numpy BERT,
the shipped graphs, and the fallback when the weights are tampered with."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from analysis import minilm, semantic
from analysis.bert_onnx import BertShape, bert_graph, external_names

TINY = BertShape(layers=2, hidden=8, heads=2, intermediate=16, vocab=30, positions=12, types=2, eps=1e-12)


def tiny_weights(shape: BertShape, rng: np.random.Generator) -> dict[str, np.ndarray]:
    h, f = shape.hidden, shape.intermediate
    w = {"embeddings.word_embeddings.weight": (shape.vocab, h), "embeddings.position_embeddings.weight": (shape.positions, h),
         "embeddings.token_type_embeddings.weight": (shape.types, h), "embeddings.LayerNorm.weight": (h,),
         "embeddings.LayerNorm.bias": (h,), "head.weight": (1, h), "head.bias": (1,)}
    for k in range(shape.layers):
        p = f"encoder.layer.{k}"
        for name, size in [("attention.self.query", (h, h)), ("attention.self.key", (h, h)), ("attention.self.value", (h, h)),
                           ("attention.output.dense", (h, h)), ("intermediate.dense", (f, h)), ("output.dense", (h, f))]:
            w[f"{p}.{name}.weight"], w[f"{p}.{name}.bias"] = size, size[:1]
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[f"{p}.{norm}.weight"], w[f"{p}.{norm}.bias"] = (h,), (h,)
    return {k: rng.normal(size=s).astype(np.float32) for k, s in w.items()}


def numpy_bert(w: dict[str, np.ndarray], shape: BertShape, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Reference: BertModel (eval) + mean pooling + head, written directly in float64 numpy."""
    from scipy.special import erf, softmax

    def norm(x, name):
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + shape.eps) * w[f"{name}.weight"] + w[f"{name}.bias"]

    def dense(x, name):
        return x @ w[f"{name}.weight"].T.astype(np.float64) + w[f"{name}.bias"]

    n, t = ids.shape
    d = shape.hidden // shape.heads
    x = norm(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][types]
             + w["embeddings.position_embeddings.weight"][:t], "embeddings.LayerNorm")
    for k in range(shape.layers):
        p = f"encoder.layer.{k}.attention"
        q, key, v = (dense(x, f"{p}.self.{m}").reshape(n, t, shape.heads, d).transpose(0, 2, 1, 3)
                     for m in ("query", "key", "value"))
        scores = q @ key.transpose(0, 1, 3, 2) / np.sqrt(d) + np.where(mask[:, None, None, :] == 1, 0, -1e30)
        context = (softmax(scores, axis=-1) @ v).transpose(0, 2, 1, 3).reshape(n, t, shape.hidden)
        x = norm(dense(context, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        inner = dense(x, f"encoder.layer.{k}.intermediate.dense")
        x = norm(dense(inner * 0.5 * (1 + erf(inner / np.sqrt(2))), f"encoder.layer.{k}.output.dense") + x,
                 f"encoder.layer.{k}.output.LayerNorm")
    pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    return pooled @ w["head.weight"][0] + w["head.bias"][0]


def test_the_graph_computes_bert_with_mean_pooling_and_ignores_padding():
    rng = np.random.default_rng(0)
    w = tiny_weights(TINY, rng)
    ids = rng.integers(0, TINY.vocab, (3, 7))
    types = (np.arange(7) >= 4).astype(np.int64)[None].repeat(3, 0)
    mask = np.ones((3, 7), np.int64)
    mask[1, 5:], mask[2, 2:] = 0, 0
    run = minilm.session(bert_graph(TINY, head=True).SerializeToString(), w)
    logits = run.run(["logit"], {"input_ids": ids, "token_type_ids": types, "attention_mask": mask})[0]
    assert logits.shape == (3,)
    np.testing.assert_allclose(logits, numpy_bert(w, TINY, ids, types, mask), rtol=1e-4, atol=1e-4)
    ids[2, 2:] = 1  # what stands in padded places changes nothing
    again = run.run(["logit"], {"input_ids": ids, "token_type_ids": types, "attention_mask": mask})[0]
    assert again[2] == pytest.approx(logits[2], abs=1e-6)


def test_the_lora_merge_equals_the_adapter_added_to_the_layer_output():
    rng = np.random.default_rng(1)
    w = {"encoder.layer.0.output.dense.weight": rng.normal(size=(6, 10)).astype(np.float32), "other": np.ones(3, np.float32)}
    a, b = rng.normal(size=(2, 10)).astype(np.float32), rng.normal(size=(6, 2)).astype(np.float32)
    adapter = {"base_model.model.encoder.layer.0.output.dense.lora_A.weight": a,
               "base_model.model.encoder.layer.0.output.dense.lora_B.weight": b}
    merged = minilm.merge_lora(w, adapter, 2.0)
    x = rng.normal(size=(4, 10))
    lora_forward = x @ w["encoder.layer.0.output.dense.weight"].T + 2.0 * (x @ a.T) @ b.T  # PEFT's LoRA layer
    np.testing.assert_allclose(x @ merged["encoder.layer.0.output.dense.weight"].T, lora_forward, rtol=1e-5, atol=1e-5)
    assert merged["other"] is w["other"] and merged["encoder.layer.0.output.dense.weight"].dtype == np.float32
    with pytest.raises(KeyError):  # an adapter for a layer the base does not have is refused
        minilm.merge_lora({}, adapter, 2.0)


def test_a_changed_weights_file_is_refused(tmp_path):
    path = tmp_path / "model.safetensors"
    path.write_bytes(b"weights")
    expected = {"model.safetensors": hashlib.sha256(b"weights").hexdigest()}
    assert minilm.verified(tmp_path, expected) == tmp_path
    path.write_bytes(b"weightz")
    with pytest.raises(minilm.WeightsError, match="SHA-256"):
        minilm.verified(tmp_path, expected)
    path.unlink()
    with pytest.raises(minilm.WeightsError, match="missing.*make weights"):
        minilm.verified(tmp_path, expected)


needs_weights = pytest.mark.skipif(not semantic.available(), reason="the model weights are not installed (make weights)")


@needs_weights
def test_the_shipped_graphs_are_what_the_builder_writes_and_name_the_loaded_weights():
    config = json.loads((minilm.model_dir() / "config.json").read_text(encoding="utf-8"))
    base = set(minilm._base_weights(minilm.model_dir()))
    for path, head in ((minilm.PAIR_GRAPH, True), (minilm.SENTENCE_GRAPH, False)):
        model = bert_graph(BertShape.of(config), head=head)
        assert path.read_bytes() == model.SerializeToString(), f"{path.name}: rerun scripts/build_graph.py"
        assert external_names(model) == base | ({"head.weight", "head.bias"} if head else set())


@needs_weights
def test_tokens_and_outputs_have_the_expected_shapes():
    pairs = minilm.cross_encoder().tokenizer.encode_batch([("The council met.", "Council members met on Monday.")])
    assert pairs[0].tokens[0] == "[CLS]" and pairs[0].tokens.count("[SEP]") == 2 and set(pairs[0].type_ids) == {0, 1}
    long = " ".join(["word"] * 400)
    assert len(minilm.cross_encoder().tokenizer.encode(long, long).ids) == minilm.PAIR_MAX_LENGTH
    assert minilm.pair_logits(["a", "b", "c"], ["d", "e", "f"]).shape == (3,)
    vectors = minilm.embeddings(["The council met.", "A comet was seen.", long])
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-6)
    assert minilm.embeddings([]).shape[0] == 0 and minilm.pair_logits([], []).shape == (0,)


@needs_weights
@pytest.mark.default_scorer
def test_tampered_weights_give_one_warning_and_the_lexical_scorer(tmp_path, monkeypatch, capsys):
    folder = minilm.model_dir()
    for name in minilm.WEIGHTS_SHA256:
        (tmp_path / name).symlink_to(folder / name)
    (tmp_path / "config.json").unlink()
    changed = (folder / "config.json").read_text(encoding="utf-8").replace("6", "7")
    (tmp_path / "config.json").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(minilm, "model_dir", lambda: tmp_path)
    monkeypatch.setattr(semantic, "_warned", [])
    for cached in (minilm.cross_encoder, minilm._verified_model, semantic._unusable):
        cached.cache_clear()
    try:
        assert not semantic.available()
        assert semantic.resolve(None) is False
        err = capsys.readouterr().err
        assert err.startswith("warning: config.json of the model weights does not have the expected SHA-256")
        assert err.count("\n") == 1
        with pytest.raises(semantic.InputError, match="SHA-256"):
            semantic.resolve(True)
    finally:
        for cached in (minilm.cross_encoder, minilm._verified_model, semantic._unusable):
            cached.cache_clear()
