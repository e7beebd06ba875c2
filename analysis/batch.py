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

A batch of many events should not be lost to one bad event: an event that
cannot be compared (a missing field, an empty text, one outlet only, an
outlet twice, a text with no sentence left) is skipped with a warning that
names it and says why, and listed in `skipped.csv`; the command fails only
when no event is left. Results are written to a temporary folder beside the
output and moved into place, so an interrupted run leaves no half-written
folder.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import sys
import tempfile
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


@dataclass(frozen=True)
class Skipped:
    """An event (or a line that names none) left out of a batch, and why."""

    event: str
    reason: str


SKIPPED_COLUMNS = ["event", "reason"]


def _field(record: dict, *names: str) -> str:
    """The first of `names` that holds a string or a number (ids such as 17 are read as "17")."""
    for name in names:
        value = record.get(name)
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return ""


def _article(record: object) -> tuple[Article | None, str]:
    """The article of one JSON record, or None and what is missing."""
    if not isinstance(record, dict):
        return None, "not a JSON object"
    article = Article(_field(record, "event_id", "event"), _field(record, "outlet", "label"),
                      _field(record, "title"), _field(record, "date"), _field(record, "text"))
    missing = [what for what, value in (("outlet (or label)", article.label), ("text", article.text.strip())) if not value]
    return (None, f"needs {', '.join(missing)}") if missing else (article, "")


def _lines(path: str | Path) -> Iterable[tuple[int, object, str]]:
    """(line number, JSON record or None, error) of every non-blank line."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), ""
        except json.JSONDecodeError as err:
            yield number, None, f"not JSON ({err.msg})"


def read_articles(path: str | Path) -> list[Article]:
    """Read a JSON-lines file of articles; a bad line is a one-line InputError."""
    articles = []
    for number, record, error in _lines(path):
        article, missing = _article(record) if not error else (None, error)
        if article is None:
            raise InputError(f"{path}, line {number}: {missing}" if error else
                             f"{path}, line {number}: needs outlet (or label) and text")
        articles.append(article)
    if not articles:
        raise InputError(f"{path}: no articles")
    return articles


def read_events(path: str | Path, *, scheduler: str | None = None) -> tuple[dict[str, list[Article]], list[Skipped]]:
    """The events of a JSON-lines file that can be compared, and the rest with the reason (see the module).

    Articles without an event id are grouped into events first (`assign_events`).
    """
    articles: list[Article] = []
    problems: dict[str, str] = {}
    skipped: list[Skipped] = []
    for number, record, error in _lines(path):
        article, missing = _article(record) if not error else (None, error)
        event = _field(record, "event_id", "event") if isinstance(record, dict) else ""
        if article is not None and not article.event and _unparsable([article]):
            skipped.append(Skipped(f"line {number}", "no sentence left after cleaning"))
        elif article is not None:
            articles.append(article)
        elif event:
            problems.setdefault(event, f"line {number}: {missing}")
        else:
            skipped.append(Skipped(f"line {number}", missing))
    if not articles and not problems and not skipped:
        raise InputError(f"{path}: no articles")
    events = {}
    for event, group in by_event(assign_events(articles, scheduler=scheduler)).items():
        labels = [a.label for a in group]
        repeated = sorted({label for label in labels if labels.count(label) > 1})
        reason = problems.pop(event, "") or (f"outlet {', '.join(repeated)} more than once" if repeated else "") or (
            f"only one outlet ({labels[0]})" if len(group) < 2 else "") or _unparsable(group)
        if reason:
            skipped.append(Skipped(event, reason))
        else:
            events[event] = group
    skipped += [Skipped(event, reason) for event, reason in problems.items()]
    return events, sorted(skipped, key=lambda x: x.event)


def _unparsable(group: list[Article]) -> str:
    """Why an article of the event cannot be compared (no sentence left after cleaning), or ""."""
    for article in group:
        try:
            article.report()
        except InputError:
            return f"the text of {article.label} has no sentence left after cleaning"
    return ""


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


def pair_overlap(first: Article, second: Article, semantic: bool | None = None) -> dict[str, object]:
    """Align two articles (`semantic` as in `analysis.align.align`) and measure what they share (body sentences,
    pooled)."""
    a, b = first.report(), second.report()
    result = overlap.shares(align(a, b, semantic=semantic), a, b)
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


def _overlap_star(pair: tuple[Article, Article], semantic: bool | None) -> dict[str, object]:
    return pair_overlap(*pair, semantic=semantic)


def _worker(threads: int) -> None:
    """Each worker of the pool runs the cross-encoder on its share of the cores: onnxruntime's default (every
    core, in every worker) makes the workers' threads fight over the same cores."""
    from analysis import minilm

    minilm.set_threads(threads)


def overlap_table(pairs: Sequence[tuple[Article, Article]], *, workers: int | None = None, progress: bool = True,
                  semantic: bool | None = None, scheduler: str | None = None) -> pd.DataFrame:
    """Measure every pair (`semantic` as in `analysis.align.align`), in parallel, with a progress bar (none on
    Dask); rows in input order."""
    measure = functools.partial(_overlap_star, semantic=semantic)
    if scheduler:
        return pd.DataFrame(parallel.map_chunks(measure, pairs, scheduler=scheduler, chunksize=4), columns=OVERLAP_COLUMNS)
    from analysis import minilm

    # The workers load the model, never this process: a forked copy of a loaded onnxruntime session has lost
    # its threads.
    workers = workers or minilm.THREADS
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker, initargs=(max(1, minilm.THREADS // workers),)) as pool:
        rows = list(tqdm(pool.map(measure, pairs, chunksize=4),
                         total=len(pairs), disable=None if progress else True, desc="aligning", unit="pair"))
    return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)


def outlet_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet pair: how many events, the mean shares aligned and matched within an event, and the mean
    aligned share of the same outlets' reports of different events (the yardstick; empty without such rows)."""
    same, other = table[table.same_event], table[~table.same_event]
    summary = same.groupby(["a", "b"], sort=True).agg(
        events=("event", "nunique"), aligned_share=("aligned_share", "mean"), match_share=("match_share", "mean"))
    summary["different_event_aligned_share"] = other.groupby(["a", "b"]).aligned_share.mean()
    return summary.reset_index()


def run(path: str | Path, out: str | Path, *, force: bool = False, progress: bool = True, examples: int = 3,
        semantic: bool | None = None, scheduler: str | None = None) -> pd.DataFrame:
    """The `batch` command: every same-event pair of a JSON-lines file, and the yardstick of different-event pairs.

    Writes overlap.csv (one row per outlet pair of an event, `same_event`
    true, then the same outlet pairs across events, false), summary.csv (per
    outlet pair), skipped.csv (events left out, and why), the figure
    `overlap-by-outlet-pair` and, for the first `examples` events (in id
    order), the full `compare` output in events/<event id>/ (the id with any
    character but letters, digits, `.`, `_` and `-` replaced by `-`), with a
    README naming the event's title and outlets. `semantic` as in `analysis.align.align` (False: `--lexical`).
    """
    from analysis.compare import prepare  # one rule for output folders

    events, skipped = read_events(path, scheduler=scheduler)
    for item in skipped:
        print(f"warning: skipped {item.event}: {item.reason}", file=sys.stderr)
    if not events:
        raise InputError(f"{path}: no event could be compared ({len(skipped)} skipped, see the warnings)")
    out = Path(out)
    prepare(out, force=force, outputs=BATCH_OUTPUTS)
    table = overlap_table(same_event_pairs(events) + different_event_pairs(events), progress=progress, semantic=semantic,
                          scheduler=scheduler)
    summary = outlet_summary(table)
    try:
        with tempfile.TemporaryDirectory(dir=out, prefix=".batch-") as staging:
            _write(Path(staging), table, summary, skipped, events, Path(path), examples, semantic)
            for name in BATCH_OUTPUTS:
                if (Path(staging) / name).exists():
                    os.replace(Path(staging) / name, out / name)
    except OSError as err:  # a full disk, a read-only mount
        raise InputError(f"{out}: cannot write the results ({err.strerror or err})") from None
    return summary


def _write(folder: Path, table: pd.DataFrame, summary: pd.DataFrame, skipped: list[Skipped],
           events: dict[str, list[Article]], source: Path, examples: int, semantic: bool | None) -> None:
    """Every output of `run`, into `folder` (the staging folder, moved into place when complete)."""
    tables.write(table, folder / "overlap.csv")
    tables.write(summary, folder / "summary.csv")
    tables.write(pd.DataFrame([[x.event, x.reason] for x in skipped], columns=SKIPPED_COLUMNS), folder / "skipped.csv")
    _save_figure(table[table.same_event], source, folder / "figures")
    names: set[str] = set()
    for event, group in list(events.items())[:examples]:
        _example(group, folder / "events" / folder_name(event, names), semantic)


def folder_name(event: str, taken: set[str]) -> str:
    """A safe, distinct folder name for an event id ("2025/10 talks" -> "2025-10-talks"); adds it to `taken`."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", event).strip("-.")[:80] or "event"
    unique, k = name, 2
    while unique.casefold() in taken:
        unique, k = f"{name}-{k}", k + 1
    taken.add(unique.casefold())
    return unique


def _save_figure(table: pd.DataFrame, source: Path, out: Path) -> None:
    import matplotlib.pyplot as plt

    with plot.style():
        fig, data = charts.overlap_by_outlet_pair(table)
    caption = f"Share of body sentences aligned per outlet pair, over {table['event'].nunique()} events of {source.name}"
    plot.save(fig, "overlap-by-outlet-pair", data=data, caption=caption, notebook="python -m analysis batch",
              inputs=[source], out_dir=out)
    plt.close(fig)


def _example(group: list[Article], folder: Path, semantic: bool | None) -> None:
    """The whole comparison of one event's articles, as `compare` writes it."""
    from analysis import compare

    folder.mkdir(parents=True, exist_ok=True)
    for k, article in enumerate(group):
        head = "\n".join(part for part in (article.title, article.date) if part)
        (folder / f"article-{k + 1}.txt").write_text(f"{head}\n\n{article.text}\n", encoding="utf-8")
    files = [folder / f"article-{k + 1}.txt" for k in range(len(group))]
    compare.run(files, folder / "comparison", labels=[a.label for a in group], semantic=semantic,
                progress=False)  # batch has its own bar
    outlets = "\n".join(f"- {a.label}: `article-{k + 1}.txt`, \"{a.title}\"" + (f" ({a.date})" if a.date else "")
                         for k, a in enumerate(group))
    (folder / "README.md").write_text(
        f"# Event {group[0].event}\n\nTitle: {group[0].title or '(none given)'}\n\n## Outlets\n\n{outlets}\n\n"
        "`comparison/` holds the `compare` output of these articles (see its README.md).\n", encoding="utf-8")


BATCH_OUTPUTS = ("overlap.csv", "summary.csv", "skipped.csv", "figures", "events")
