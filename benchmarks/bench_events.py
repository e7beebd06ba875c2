"""One event or several: the same-event verdict and the `events` grouping on ECB+ topics 1–35 and BASIL.

Accuracy, cross-validated by topic (`analysis.event_fit`, GroupKFold): AUC of
one event against the near miss (the other sub-topic of the same ECB+ topic),
pooled and per topic, beside a TF-IDF cosine baseline of the same run (over
all documents at once, which the verdict for two reports never has), and
B-cubed F1 of grouping each fold's unseen topics as one pile. Speed: `python
-m analysis events` on piles of 1,000 and 10,000 report files recombined from
the ECB+ and BASIL documents (target: growth below quadratic, 10,000 reports
<= 10 minutes on 2 cores).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from common import data_file

from analysis import event_fit, grouping

SIZES = (1_000, 10_000)
#: Columns of the per-topic table printed side by side.
COLUMNS = 3


def accuracy(data: event_fit.Data) -> None:
    scored = event_fit.cross_validate(data)
    print(event_fit.summary(scored))
    table = event_fit.auc_table(scored).sort_values("topic", key=lambda t: t.str.split().str[-1].astype(int))
    cells = [f"{row.topic:<8} {row.pair:.3f} {row.cosine_corpus:.3f}" for row in table.itertuples()]
    print(f"  per topic, AUC of the pair model and of the cosine baseline ({len(cells)} topics with both events):")
    for k in range(0, len(cells), COLUMNS):
        print("    " + "    ".join(cells[k:k + COLUMNS]))
    precision, recall, f1, documents = event_fit.grouped_bcubed(data)
    print(f"  grouping ECB+ ({documents} documents; each fold's unseen topics one pile): "
          f"B-cubed precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")


def recombined(docs: list[event_fit.Document], n: int, folder: Path) -> list[str]:
    """`n` report files, each a document's headline and shuffled body, less one sentence, plus one sentence of
    another document: as many distinct reports as wanted from a thousand, with real words."""
    rng = np.random.default_rng(0)
    paths = []
    for k in range(n):
        base, other = docs[k % len(docs)].report.sentences, docs[int(rng.integers(len(docs)))].report.sentences
        body = [s.text for s in base[1:]]
        if len(body) > 2:
            del body[int(rng.integers(len(body)))]
        body = [body[i] for i in rng.permutation(len(body))] + [other[int(rng.integers(len(other)))].text]
        path = folder / f"r{k:05d}.txt"
        path.write_text("\n\n".join([base[0].text, *body]) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def speed(docs: list[event_fit.Document]) -> None:
    print(f"Speed of `events` (read, profile, block, judge; {os.cpu_count()} cores), recombined ECB+ and BASIL reports")
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            paths = recombined(docs, n, folder)
            start = time.perf_counter()
            table = grouping.run(paths)
            times[n] = time.perf_counter() - start
            print(f"  {n:>6,} reports: {times[n]:7.1f} s, {table.event.nunique():,} groups")
    small, large = SIZES[0], SIZES[-1]
    exponent = np.log(times[large] / times[small]) / np.log(large / small)
    verdict = "met" if exponent < 2 and times[large] <= 600 else "NOT met"
    print(f"  growth: time ~ n^{exponent:.2f}; target: below quadratic and {large:,} reports <= 600 s  {verdict}")


def main() -> None:
    data_file("ecbplus", "ecbplus_topics_1-35.jsonl")
    data_file("multi-outlet", "basil_articles.jsonl")
    data = event_fit.load()
    accuracy(data)
    speed(data.docs)


if __name__ == "__main__":
    sys.exit(main())
