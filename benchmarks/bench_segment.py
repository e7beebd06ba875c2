"""Sentence segmentation: English Golden Rules accuracy and speed.

Scoring as in the pySBD paper: a rule passes only if the list of stripped
sentences equals the expected list exactly. Published: pySBD 97.92 %,
blingfire 75.00 %, NLTK punkt 56.25 % (Sadvilkar & Neumann 2020).
"""

import json
import time

from common import data_file

from analysis.paths import SEEDS
from analysis.segment import split_sentences
from analysis.sources import parse_report


def golden_rules() -> None:
    rules = json.loads(data_file("pysbd-golden-rules", "english_golden_rules.json").read_text(encoding="utf-8"))
    failed = [r for r in rules if [s.strip() for s in split_sentences(r["text"])] != r["expected"]]
    passed = len(rules) - len(failed)
    print(f"Golden Rules: {passed}/{len(rules)} = {100 * passed / len(rules):.2f} % (published pySBD: 97.92 %)")
    for rule in failed:
        print(f"  failed rule {rule['id']}: {rule['rule']}")


def speed() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    repeats = 20
    start = time.perf_counter()
    count = sum(len(parse_report(text).sentences) for _ in range(repeats) for text in texts)
    elapsed = time.perf_counter() - start
    per_report = 1000 * elapsed / (repeats * len(texts))
    print(f"Ingestion + segmentation of the seeds: {count / elapsed:,.0f} sentences/s ({per_report:.1f} ms per report)")


if __name__ == "__main__":
    golden_rules()
    speed()
