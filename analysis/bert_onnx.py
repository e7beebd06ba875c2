"""The ONNX graph of a BERT encoder with mean pooling, written from its config alone (needs the `onnx` package).

Why a graph of our own: no PyTorch is needed to export it, and it holds no
weights. Every weight is an external initializer named as in the model's
safetensors file (`analysis.minilm` supplies them at load, after merging the
LoRA adapter), so the shipped graph is a few kB and one graph serves the base
model and the fine-tuned one. The operations are those of transformers'
BertModel in eval mode (no dropout, exact GELU, absolute positions), followed
by the mean over the tokens the attention mask keeps, and, for the
cross-encoder, one logistic unit's logit (`head.weight`, `head.bias`).

`scripts/build_graph.py` writes the graphs into `resources/semantic/`; a test
checks that the shipped files are what this module writes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from onnx import ModelProto, TensorProto, helper

#: The operator set (LayerNormalization needs 17) and the file format version (onnx writes its newest by
#: default, which onnxruntime may not read yet).
OPSET, IR_VERSION = 17, 8
#: Where external weights would live on disk; never read, since the loader supplies them.
EXTERNAL = "weights.safetensors"
INPUTS = ("input_ids", "token_type_ids", "attention_mask")


@dataclass(frozen=True)
class BertShape:
    """What the graph needs from the model's config.json."""

    layers: int
    hidden: int
    heads: int
    intermediate: int
    vocab: int
    positions: int
    types: int
    eps: float

    @classmethod
    def of(cls, config: dict) -> BertShape:
        return cls(config["num_hidden_layers"], config["hidden_size"], config["num_attention_heads"],
                   config["intermediate_size"], config["vocab_size"], config["max_position_embeddings"],
                   config["type_vocab_size"], config["layer_norm_eps"])


class _Builder:
    """Nodes and initializers of one graph; each node's output is named after its number."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.initializers: list = []
        self.names: set[str] = set()

    def const(self, name: str, array: np.ndarray) -> str:
        """A small constant stored in the graph, once per name."""
        if name not in self.names:
            self.names.add(name)
            array = np.ascontiguousarray(array)
            self.initializers.append(helper.make_tensor(name, helper.np_dtype_to_tensor_dtype(array.dtype), array.shape,
                                                        array.tobytes(), raw=True))
        return name

    def weight(self, name: str, *shape: int) -> str:
        """A float32 weight the loader supplies (external data, not stored)."""
        tensor = TensorProto(name=name, data_type=TensorProto.FLOAT, dims=shape, data_location=TensorProto.EXTERNAL)
        for key, value in (("location", EXTERNAL), ("offset", "0"), ("length", str(4 * int(np.prod(shape))))):
            tensor.external_data.add(key=key, value=value)
        self.names.add(name)
        self.initializers.append(tensor)
        return name

    def op(self, op_type: str, *inputs: str, **attributes) -> str:
        out = f"t{len(self.nodes)}_{op_type}"
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], **attributes))
        return out

    def linear(self, x: str, name: str, n_out: int, n_in: int) -> str:
        """x · Wᵀ + b with W as stored ([out, in]); onnxruntime folds the transpose once at load."""
        w = self.op("Transpose", self.weight(f"{name}.weight", n_out, n_in), perm=[1, 0])
        return self.op("Add", self.op("MatMul", x, w), self.weight(f"{name}.bias", n_out))

    def layer_norm(self, x: str, name: str, size: int, eps: float) -> str:
        return self.op("LayerNormalization", x, self.weight(f"{name}.weight", size), self.weight(f"{name}.bias", size),
                       axis=-1, epsilon=eps)


def bert_graph(shape: BertShape, *, head: bool) -> ModelProto:
    """BertModel + mean pooling: output `pooled` [batch, hidden]; with `head`, output `logit` [batch] instead.

    Inputs `input_ids`, `token_type_ids`, `attention_mask`: int64 [batch, tokens].
    """
    g = _Builder()
    ids, types, mask = INPUTS
    h = shape.hidden
    tokens = g.op("Shape", ids, start=1, end=2)
    positions = g.op("Slice", g.weight("embeddings.position_embeddings.weight", shape.positions, h),
                     g.const("start", np.array([0], np.int64)), tokens, g.const("axis0", np.array([0], np.int64)))
    x = g.op("Add", g.op("Add", g.op("Gather", g.weight("embeddings.word_embeddings.weight", shape.vocab, h), ids),
                         g.op("Gather", g.weight("embeddings.token_type_embeddings.weight", shape.types, h), types)),
             positions)
    x = g.layer_norm(x, "embeddings.LayerNorm", h, shape.eps)
    keep = g.op("Cast", mask, to=TensorProto.FLOAT)
    one = g.const("one", np.array(1, np.float32))
    # Padding is kept out of attention by adding the lowest float to its scores, as transformers does.
    blocked = g.op("Mul", g.op("Sub", one, keep), g.const("lowest", np.array(np.finfo(np.float32).min, np.float32)))
    blocked = g.op("Unsqueeze", blocked, g.const("axes12", np.array([1, 2], np.int64)))
    per_head = h // shape.heads
    split = g.const("split", np.array([0, 0, shape.heads, per_head], np.int64))
    merge = g.const("merge", np.array([0, 0, h], np.int64))
    scale = g.const("scale", np.array(1 / np.sqrt(per_head), np.float32))
    for k in range(shape.layers):
        p = f"encoder.layer.{k}"
        q, key, v = (g.op("Reshape", g.linear(x, f"{p}.attention.self.{n}", h, h), split) for n in ("query", "key", "value"))
        scores = g.op("MatMul", g.op("Transpose", q, perm=[0, 2, 1, 3]), g.op("Transpose", key, perm=[0, 2, 3, 1]))
        attention = g.op("Softmax", g.op("Add", g.op("Mul", scores, scale), blocked), axis=-1)
        context = g.op("MatMul", attention, g.op("Transpose", v, perm=[0, 2, 1, 3]))
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merge)
        x = g.layer_norm(g.op("Add", g.linear(context, f"{p}.attention.output.dense", h, h), x),
                         f"{p}.attention.output.LayerNorm", h, shape.eps)
        inner = g.linear(x, f"{p}.intermediate.dense", shape.intermediate, h)
        erf = g.op("Erf", g.op("Div", inner, g.const("sqrt2", np.array(np.sqrt(2), np.float32))))
        gelu = g.op("Mul", g.op("Mul", inner, g.const("half", np.array(0.5, np.float32))), g.op("Add", erf, one))
        x = g.layer_norm(g.op("Add", g.linear(gelu, f"{p}.output.dense", h, shape.intermediate), x),
                         f"{p}.output.LayerNorm", h, shape.eps)
    weight = g.op("Unsqueeze", keep, g.const("axis2", np.array([2], np.int64)))
    axis1 = g.const("axis1", np.array([1], np.int64))
    pooled = g.op("Div", g.op("ReduceSum", g.op("Mul", x, weight), axis1, keepdims=0),
                  g.op("ReduceSum", weight, axis1, keepdims=0))
    if head:
        logit = g.op("Add", g.op("MatMul", pooled, g.op("Transpose", g.weight("head.weight", 1, h), perm=[1, 0])),
                     g.weight("head.bias", 1))
        g.nodes.append(helper.make_node("Reshape", [logit, g.const("flat", np.array([-1], np.int64))], ["logit"]))
        outputs = [helper.make_tensor_value_info("logit", TensorProto.FLOAT, ["batch"])]
    else:
        g.nodes.append(helper.make_node("Identity", [pooled], ["pooled"]))
        outputs = [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", h])]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in INPUTS]
    graph = helper.make_graph(g.nodes, "bert_mean_pooled", inputs, outputs, initializer=g.initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION,
                             producer_name="analysis.bert_onnx")


def external_names(model: ModelProto) -> set[str]:
    """The weights a graph expects its loader to supply."""
    return {t.name for t in model.graph.initializer if t.data_location == TensorProto.EXTERNAL}
