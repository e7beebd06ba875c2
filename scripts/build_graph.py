"""Write the ONNX graphs of the semantic scorer into analysis/resources/semantic/ (needs the `onnx` package).

The graphs hold no weights (see analysis.bert_onnx), only the architecture
read from the installed model's config.json, so they change only when the
builder does. Deterministic: same builder, same bytes.
Usage: python scripts/build_graph.py
"""

from __future__ import annotations

import json

from analysis import minilm
from analysis.bert_onnx import BertShape, bert_graph


def main() -> None:
    shape = BertShape.of(json.loads((minilm.verified(minilm.model_dir()) / "config.json").read_text(encoding="utf-8")))
    for path, head in ((minilm.PAIR_GRAPH, True), (minilm.SENTENCE_GRAPH, False)):
        path.write_bytes(bert_graph(shape, head=head).SerializeToString())
        print(f"build_graph: {path.name}, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
