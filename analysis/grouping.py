"""`python -m analysis events`: which of many report files tell the same event.

Reads and profiles every file (`analysis.events.profile`; on this machine's
cores or a Dask cluster, `analysis.parallel`), blocks and judges candidate
pairs, and numbers the connected groups `event-001`, `event-002`, ... in the
order of their first file. A small pile (at most `ALIGN_UP_TO` reports) is
judged by the `pair` model, which aligns each candidate pair; a larger one by
the `pile` model, which does not (aligning costs some 20 ms a pair).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import events, parallel
from analysis.errors import InputError
from analysis.sources import Report, read_report

ALIGN_UP_TO = 50


def check_files(paths: Sequence[str]) -> list[str]:
    """At least two files, none given twice (by device and inode, so the check stays linear)."""
    if len(paths) < 2:
        raise InputError("events needs at least two reports")
    seen: dict[tuple[int, int], str] = {}
    for path in paths:
        if not Path(path).is_file():
            continue  # reading it gives the one-line error
        stat = os.stat(path)
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            raise InputError(f"{seen[key]} and {path} are the same file")
        seen[key] = path
    return list(paths)


def _read(path: str) -> tuple[Report, events.Profile]:
    report = read_report(path, name=path)
    return report, events.profile(report)


def read_pile(paths: Sequence[str], *, scheduler: str | None = None) -> tuple[list[Report], list[events.Profile]]:
    """Every file read and profiled, in order; a bad file stops the run with its one-line error."""
    read = parallel.map_chunks(_read, check_files(paths), scheduler=scheduler)
    return [r for r, _ in read], [p for _, p in read]


def _aligned(pair: tuple[Report, Report]) -> float:
    return events.aligned_share(*pair)


def judge(reports: Sequence[Report], profiles: Sequence[events.Profile], *,
          scheduler: str | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """Group numbers per report and the candidate pairs' verdicts (`events.PAIR_COLUMNS`)."""
    idf = events.background()
    if len(reports) > ALIGN_UP_TO:
        return events.group(profiles, idf)
    matrix = events.vectors(profiles, idf)
    pairs = events.candidates(matrix)
    shares = parallel.map_chunks(_aligned, [(reports[i], reports[j]) for i, j in pairs], scheduler=scheduler, chunksize=8)
    rows = [events.pair_row(profiles[i].name, profiles[j].name,
                            events.verdict(profiles[i], profiles[j], idf, aligned=share, cosine=cosine))
            for (i, j), share, cosine in zip(pairs, shares, events.pair_cosines(matrix, pairs))]
    table = pd.DataFrame(rows, columns=list(events.PAIR_COLUMNS))
    return events.components(len(reports), pairs, table["verdict"].eq(events.ONE).to_numpy()), table


def labels(groups: np.ndarray) -> list[str]:
    """Group numbers as labels: event-001, event-002, ..."""
    return [f"event-{g + 1:03d}" for g in groups]


def run(paths: Sequence[str], *, pairs: bool = False, scheduler: str | None = None) -> pd.DataFrame:
    """The `events` command: one row per file (`file`, `event`), or with `pairs` one row per judged pair."""
    reports, profiles = read_pile(paths, scheduler=scheduler)
    groups, table = judge(reports, profiles, scheduler=scheduler)
    if pairs:
        return table
    return pd.DataFrame({"file": list(paths), "event": labels(groups)})
