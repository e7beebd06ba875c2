"""Sentence segmentation: English Golden Rules accuracy and speed.

Scoring as in the pySBD paper: a rule passes only if the list of stripped
sentences equals the expected list exactly. Published: pySBD 97.92 %,
blingfire 75.00 %, NLTK punkt 56.25 % (Sadvilkar & Neumann 2020).
"""

import json
import time
from pathlib import Path

from common import data_file

from analysis.furniture import kept_lines
from analysis.paths import SEEDS
from analysis.segment import split_sentences
from analysis.sources import parse_report, read_report

#: Pages written for the tests in the shapes of real news pages, each with a hand-made label per line.
PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"


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


def furniture() -> None:
    """Share of furniture lines kept as report text, and report lines lost, on the labelled fixture pages."""
    kept_furniture = furniture_lines = lost = report_lines = 0
    for page in sorted(PAGES.glob("*.txt")):
        rows = [line.split("\t") for line in page.with_suffix(".labels").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
        labels = {int(number): label for number, label in rows}
        report = read_report(page)
        kept = kept_lines(report.raw, [(s.start, s.end) for s in report.sentences])
        furniture_lines += sum(label != "R" for label in labels.values())
        kept_furniture += sum(label != "R" and n in kept for n, label in labels.items())
        report_lines += sum(label == "R" for label in labels.values())
        lost += sum(label == "R" and n not in kept for n, label in labels.items())
    pages = len(list(PAGES.glob("*.txt")))
    print(f"Fixture pages ({pages}, written for the tests, so not an independent check): furniture lines kept as "
          f"report text {kept_furniture}/{furniture_lines} = {100 * kept_furniture / furniture_lines:.1f} % "
          f"(target <= 10 %); report lines lost {lost}/{report_lines}")


if __name__ == "__main__":
    golden_rules()
    speed()
    furniture()
