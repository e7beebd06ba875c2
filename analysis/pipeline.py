"""The whole analysis of two or more reports, as tables and figures.

One place computes what notebooks 02–04 show and what `compare` writes, so the
command reproduces the notebooks' tables and figures on the seeds. Reports
are aligned pairwise (every pair, in input order), commitments and emphasis
are computed per report, and the figures are built by `analysis.charts` and
saved by `analysis.plot.save` under the same slugs everywhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import charts, copies, emphasis, events, overlap, plot
from analysis.align import align, score_pairs
from analysis.annotations import Annotations, annotate
from analysis.commitments import STRENGTH_LABELS, commitments_only, commitments_table
from analysis.sources import Report, sentences_frame
from analysis.themes import themes_in

#: Slug and caption of every figure, `{reports}` filled in per run.
CAPTIONS = {
    "similarity-heatmap": "Similarity of every sentence pair, aligned pairs marked: {reports}",
    "story-map": "Story map: both reports in reading order, aligned sentences linked, the rest by main theme: {reports}",
    "overlap-summary": "Share of each report's sentences and words that are matched, partial or in that report only: {reports}",
    "commitments-matrix": "Commitments and how firmly each report records them (strength scale −1 to 5): {reports}",
    "theme-emphasis": "Share of each report's words on each theme, and themes named in the lead: {reports}",
    "voices": "Whose voice each report carries: share of sentences per speaker and the outlet's own: {reports}",
    "overlap-matrix": "Share of body sentences aligned between each pair of reports: {reports}",
}


@dataclass
class Comparison:
    """Reports with their labels, pairwise same-event verdicts and alignments, per-report annotations
    (`analysis.annotations`, computed once and read by every table and figure) and commitments tables.

    `successive` says the reports tell successive events, in input order (the seeds: two meetings, notebook
    01), rather than one event; `event` names the kind of event. It changes how shared commitments are read.
    """

    reports: list[Report]
    labels: list[str]
    alignments: dict[tuple[int, int], pd.DataFrame] = field(default_factory=dict)
    commitments: list[pd.DataFrame] = field(default_factory=list)
    verdicts: dict[tuple[int, int], events.Verdict] = field(default_factory=dict)
    annotations: list[Annotations] = field(default_factory=list)
    successive: bool = False
    event: str = "event"

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(itertools.combinations(range(len(self.reports)), 2))


def compare(reports: Sequence[Report], labels: Sequence[str], *, semantic: bool | None = None,
            successive: bool = False, event: str = "event", done: Callable[[str], object] = lambda _: None) -> Comparison:
    """Judge and align every pair of reports (`semantic` as in `analysis.align.align`) and annotate every report
    once. A pair's alignment knows whether the two tell one event (`events.known`; two with `successive`).

    `done(step)` is called after each pair and each report, for a progress bar.
    """
    result = Comparison(list(reports), list(labels), successive=successive, event=event)
    result.verdicts = events.pair_verdicts(reports, result.pairs)
    for i, j in result.pairs:
        same = False if successive else events.known(result.verdicts[(i, j)])
        result.alignments[(i, j)] = align(reports[i], reports[j], semantic=semantic, same_event=same)
        done(f"aligned {labels[i]} | {labels[j]}")
    for report, label in zip(reports, labels):
        result.annotations.append(annotate(report))
        result.commitments.append(commitments_table(report, result.annotations[-1].commitments))
        done(f"commitments of {label}")
    return result


def sentences(c: Comparison) -> pd.DataFrame:
    """Every kept sentence of every report, with the report's label."""
    return pd.concat([sentences_frame(r).assign(report=lab) for r, lab in zip(c.reports, c.labels)], ignore_index=True)


def alignment(c: Comparison) -> pd.DataFrame:
    """Pairwise alignments stacked, with the pair's labels in columns `a`, `b` and `pair`."""
    frames = [frame.assign(pair=f"{c.labels[i]} | {c.labels[j]}", a=c.labels[i], b=c.labels[j])
              for (i, j), frame in c.alignments.items()]
    return pd.concat(frames, ignore_index=True)


def commitments(c: Comparison) -> pd.DataFrame:
    """Every report's commitment records, with the report's label first."""
    return pd.concat([t.assign(report=lab) for t, lab in zip(c.commitments, c.labels)], ignore_index=True)[
        ["report", *c.commitments[0].columns]]


def theme_emphasis(c: Comparison) -> pd.DataFrame:
    """Theme emphasis of every report (`analysis.emphasis.theme_emphasis`), labelled."""
    return pd.concat([emphasis.theme_emphasis(r, annotations=n).assign(outlet=lab)
                      for r, n, lab in zip(c.reports, c.annotations, c.labels)], ignore_index=True)


def voices(c: Comparison) -> pd.DataFrame:
    """Voice shares of every report, labelled."""
    return pd.concat([emphasis.voice_shares(r, n).assign(outlet=lab)
                      for r, n, lab in zip(c.reports, c.annotations, c.labels)], ignore_index=True)


def pair_shares(c: Comparison) -> pd.DataFrame:
    """Share of body sentences aligned (and matched) for every pair."""
    rows = []
    for (i, j), frame in c.alignments.items():
        result = overlap.shares(frame, c.reports[i], c.reports[j])
        share = copies.copy_share(c.reports[i], c.reports[j])
        rows.append((c.labels[i], c.labels[j], result.aligned, result.match, round(share, 4), copies.near_copy(share)))
    return pd.DataFrame(rows, columns=["a", "b", "aligned_share", "match_share", "copy_share", "near_copy"])


#: Columns of `discrepancies.csv`.
DISCREPANCY_COLUMNS = ("pair", "a", "b", "a_id", "b_id", "relation", "basis", "discrepancy", "discrepancy_words",
                       "a_text", "b_text")


def discrepancies(c: Comparison) -> pd.DataFrame:
    """Every linked pair of sentences whose reports disagree (`analysis.discrepancy`), for `discrepancies.csv`."""
    table = alignment(c)
    return table.loc[table["discrepancy"].fillna("") != "", list(DISCREPANCY_COLUMNS)].reset_index(drop=True)


def short_theme(theme: str) -> str:
    """A theme's name up to its first comma or "and" ("border, migration and …" -> "border")."""
    return theme.split(",")[0].split(" and ")[0]


def main_themes(report: Report) -> dict[str, str]:
    """Each sentence's first theme (lexicon order), by its short name, for the story map."""
    return {s.id: short_theme(found[0]) for s in report.sentences if (found := themes_in(s.text))}


def commitment_matrix(c: Comparison) -> pd.DataFrame:
    """Commitment × report table: shared/like/only groups for two reports, by report for more (no discussion rows)."""
    tables = [commitments_only(t) for t in c.commitments]
    if len(c.reports) == 2:
        return emphasis.commitment_matrix(shared_commitments(c), c.labels, emphasis.matrix_groups(c.successive, c.event))
    return emphasis.commitments_by_report(tables, c.alignments, c.labels)


def group_counts(c: Comparison) -> pd.Series:
    """Commitments per group of the commitments matrix, a shared pair counted once."""
    return emphasis.group_counts(commitment_matrix(c))


def shared_commitments(c: Comparison) -> pd.DataFrame:
    """Which commitments (not discussions) of two reports are aligned with one of the other's."""
    a, b = (commitments_only(t) for t in c.commitments)
    return emphasis.shared_commitments(a, b, c.alignments[(0, 1)])


def _heatmap(c: Comparison) -> tuple:
    a, b = c.reports
    return charts.similarity_heatmap(score_pairs(a, b), a, b, c.alignments[(0, 1)], c.labels)


def _story_map(c: Comparison) -> tuple:
    a, b = c.reports
    return charts.story_map(a, b, c.alignments[(0, 1)], c.labels, {"a": main_themes(a), "b": main_themes(b)})


_BUILDERS = {
    "similarity-heatmap": _heatmap,
    "story-map": _story_map,
    "overlap-summary": lambda c: charts.overlap_summary(c.reports, c.alignments[(0, 1)], c.labels),
    "overlap-matrix": lambda c: charts.overlap_matrix(pair_shares(c), c.labels),
    "commitments-matrix": lambda c: charts.commitments_matrix(commitment_matrix(c), c.labels, STRENGTH_LABELS),
    "theme-emphasis": lambda c: charts.theme_emphasis(theme_emphasis(c), c.labels),
    "voices": lambda c: charts.voices(voices(c), c.labels),
}
PAIR_ONLY = ("similarity-heatmap", "story-map", "overlap-summary")


def slugs(c: Comparison) -> list[str]:
    """The figures a comparison has: the pair views for two reports, the N × N matrix for more."""
    return slugs_of(len(c.reports))


def slugs_of(n_reports: int) -> list[str]:
    """`slugs` of a comparison of this many reports."""
    pairwise = PAIR_ONLY if n_reports == 2 else ("overlap-matrix",)
    return [*pairwise, "commitments-matrix", "theme-emphasis", "voices"]


def figure(c: Comparison, slug: str) -> tuple:
    """Build one figure: (matplotlib figure, plotted data). Call inside `plot.style()`."""
    return _BUILDERS[slug](c)


def save_figure(c: Comparison, slug: str, *, notebook: str, inputs: Sequence[Path], out_dir: Path = plot.FIGURES):
    """Build and save one figure, captioned with the reports' labels; return (record, figure)."""
    with plot.style():
        fig, data = figure(c, slug)
    caption = CAPTIONS[slug].format(reports=" vs ".join(c.labels))
    if "summarised" in data.attrs:
        caption += f" ({data.attrs['summarised']})"
    record = plot.save(fig, slug, data=data, caption=caption, notebook=notebook, inputs=list(inputs), out_dir=out_dir)
    return record, fig


def show_figure(c: Comparison, slug: str, *, notebook: str, inputs: Sequence[Path]):
    """In a notebook: save the figure to figures/, close it, and display the saved PNG with its caption."""
    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    record, fig = save_figure(c, slug, notebook=notebook, inputs=inputs)
    plt.close(fig)
    display(Markdown(f"**Figure `{slug}`.** {record.caption}"))
    return plot.shown(record)
