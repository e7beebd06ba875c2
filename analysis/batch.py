"""Many events, each reported by several outlets: pairwise overlap at scale.

Reads a JSON-lines file of articles (the BASIL layout: `event_id`, `outlet`,
`title`, `date`, `text`; `event` and `label` are accepted too; articles
without an event are grouped into events first, `analysis.events`), aligns every
pair of articles of each event, and measures how much they share
(`analysis.overlap`). The same run, with each article paired with another
event's article, gives the overlap of reports that do *not* tell the same
event: together they are the yardstick notebook 01 holds the seeds against.
Events run in parallel on all cores. Used by `python -m analysis batch`,
`scripts/reference_overlap.py` and `make bench`.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import charts, overlap, parallel, plot, tables
from analysis import events as event_model
from analysis.align import align
from analysis.errors import InputError
from analysis.sources import Report, parse_report, read_text

OVERLAP_COLUMNS = ["event", "a", "b", "same_event", "a_sentences", "b_sentences", "aligned_share", "match_share"]


@dataclass(frozen=True)
class Article:
    """One outlet's report of one event."""

    event: str
    label: str
    title: str
    date: str
    text: str

    def report(self) -> Report:
        """Parse as a page: title, date line, then the text."""
        head = "\n".join(part for part in (self.title, self.date) if part)
        return parse_report(f"{head}\n\n{self.text}" if head else self.text, f"{self.event}:{self.label}")


def _field(record: dict, *names: str) -> str:
    for name in names:
        if isinstance(record.get(name), str):
            return record[name]
    return ""


def read_articles(path: str | Path) -> list[Article]:
    """Read a JSON-lines file of articles; a bad line is a one-line InputError."""
    articles = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}, line {number}: not JSON ({err.msg})") from None
        article = Article(_field(record, "event_id", "event"), _field(record, "outlet", "label"),
                          _field(record, "title"), _field(record, "date"), _field(record, "text"))
        if not (article.label and article.text.strip()):
            raise InputError(f"{path}, line {number}: needs outlet (or label) and text")
        articles.append(article)
    if not articles:
        raise InputError(f"{path}: no articles")
    return articles


def assign_events(articles: list[Article], *, scheduler: str | None = None) -> list[Article]:
    """Articles without an event get one from `analysis.events` (grouped together: `group-001`, ...)."""
    unknown = [a for a in articles if not a.event]
    if not unknown:
        return articles
    groups, _ = event_model.group(parallel.map_chunks(_profile, unknown, scheduler=scheduler))
    found = {id(a): f"group-{g + 1:03d}" for a, g in zip(unknown, groups)}
    return [replace(a, event=found[id(a)]) if id(a) in found else a for a in articles]


def _profile(article: Article) -> event_model.Profile:
    return event_model.profile(article.report())


def by_event(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Articles grouped by event, outlets sorted by label (deterministic pairs)."""
    events: dict[str, list[Article]] = {}
    for article in articles:
        events.setdefault(article.event, []).append(article)
    return {event: sorted(group, key=lambda a: a.label) for event, group in sorted(events.items())}


def pair_overlap(first: Article, second: Article) -> dict[str, object]:
    """Align two articles and measure what they share (body sentences, pooled)."""
    a, b = first.report(), second.report()
    result = overlap.shares(align(a, b), a, b)
    return {
        "event": first.event if first.event == second.event else f"{first.event}|{second.event}",
        "a": first.label, "b": second.label, "same_event": first.event == second.event,
        "a_sentences": len(a.sentences), "b_sentences": len(b.sentences),
        "aligned_share": result.aligned, "match_share": result.match,
    }


def same_event_pairs(events: dict[str, list[Article]]) -> list[tuple[Article, Article]]:
    """Every pair of outlets within each event."""
    return [pair for group in events.values() for pair in itertools.combinations(group, 2)]


def different_event_pairs(events: dict[str, list[Article]]) -> list[tuple[Article, Article]]:
    """The same outlet pairs, with the second article taken from the next event (in id order)."""
    groups = list(events.values())
    out = []
    for k, group in enumerate(groups):
        following = {a.label: a for a in groups[(k + 1) % len(groups)]}
        for first, second in itertools.combinations(group, 2):
            if second.label in following and len(groups) > 1:
                out.append((first, following[second.label]))
    return out


def _overlap_star(pair: tuple[Article, Article]) -> dict[str, object]:
    return pair_overlap(*pair)


def overlap_table(pairs: Sequence[tuple[Article, Article]], *, workers: int | None = None, progress: bool = True,
                  scheduler: str | None = None) -> pd.DataFrame:
    """Measure every pair, in parallel, with a progress bar (none on Dask); rows in input order."""
    if scheduler:
        return pd.DataFrame(parallel.map_chunks(_overlap_star, pairs, scheduler=scheduler, chunksize=4), columns=OVERLAP_COLUMNS)
    workers = workers or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        rows = list(tqdm(pool.map(_overlap_star, pairs, chunksize=4), total=len(pairs), disable=None if progress else True,
                         desc="aligning", unit="pair"))
    return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)


def outlet_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet pair: how many events, and the mean shares aligned and matched."""
    grouped = table.groupby(["a", "b"], sort=True)
    return grouped.agg(events=("event", "nunique"), aligned_share=("aligned_share", "mean"),
                       match_share=("match_share", "mean")).reset_index()


def run(path: str | Path, out: str | Path, *, force: bool = False, progress: bool = True, examples: int = 3,
        scheduler: str | None = None) -> pd.DataFrame:
    """The `batch` command: every same-event pair of a JSON-lines file.

    Writes overlap.csv (one row per event and outlet pair), summary.csv (per
    outlet pair), the figure `overlap-by-outlet-pair`, and for the first
    `examples` events (in id order) the full `compare` output in
    events/event-001/, ... (folders are numbered, never named from the data).
    """
    from analysis.compare import prepare  # one rule for output folders

    events = by_event(assign_events(read_articles(path), scheduler=scheduler))
    out = Path(out)
    prepare(out, force=force, outputs=BATCH_OUTPUTS)
    table = overlap_table(same_event_pairs(events), progress=progress, scheduler=scheduler)
    summary = outlet_summary(table)
    try:
        tables.write(table, out / "overlap.csv")
        tables.write(summary, out / "summary.csv")
        _save_figure(table, Path(path), out / "figures")
        for number, group in enumerate(list(events.values())[:examples], start=1):
            _example(group, out / "events" / f"event-{number:03d}")
    except OSError as err:  # a full disk, a read-only mount
        raise InputError(f"{out}: cannot write the results ({err.strerror or err})") from None
    return summary


def _save_figure(table: pd.DataFrame, source: Path, out: Path) -> None:
    import matplotlib.pyplot as plt

    with plot.style():
        fig, data = charts.overlap_by_outlet_pair(table)
    caption = f"Share of body sentences aligned per outlet pair, over {table['event'].nunique()} events of {source.name}"
    plot.save(fig, "overlap-by-outlet-pair", data=data, caption=caption, notebook="python -m analysis batch",
              inputs=[source], out_dir=out)
    plt.close(fig)


def _example(group: list[Article], folder: Path) -> None:
    """The whole comparison of one event's articles, as `compare` writes it."""
    from analysis import compare

    folder.mkdir(parents=True, exist_ok=True)
    for k, article in enumerate(group):
        head = "\n".join(part for part in (article.title, article.date) if part)
        (folder / f"article-{k + 1}.txt").write_text(f"{head}\n\n{article.text}\n", encoding="utf-8")
    files = [folder / f"article-{k + 1}.txt" for k in range(len(group))]
    compare.run(files, folder / "comparison", labels=[a.label for a in group])


BATCH_OUTPUTS = ("overlap.csv", "summary.csv", "figures", "events")
