"""Build the project's figures from tidy tables; `analysis.plot.save` writes them.

Each function takes tables the package computes (reports, an alignment frame
with `a_id, b_id, relation, score`, ...) and returns `(figure, data)`, where
`data` is exactly what is plotted, saved as CSV beside the figure so a reader
can check every mark. Notebooks 01–04 and the `compare` command call these,
so a figure looks the same wherever it is made. Create figures inside
`analysis.plot.style()`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from analysis.plot import COLORS
from analysis.sources import Report

#: How each alignment relation is drawn: fill colour, line style, reader-facing name.
RELATION_STYLE = {
    "match": (COLORS["shared"], "-", "same fact (match)"),
    "partial": (COLORS["partial"], "--", "overlapping (partial)"),
    "unique": ("#FFFFFF", "", "in this report only"),
}
ROLE_MARK = {"headline": "H", "standfirst": "St", "subhead": "Sh", "body": ""}


def sentence_relations(alignment: pd.DataFrame, side: str) -> dict[str, str]:
    """Strongest relation of each sentence of one side ('a' or 'b'): match > partial > unique."""
    rank = {"match": 2, "partial": 1}
    best: dict[str, str] = {}
    for sid, relation in zip(alignment[f"{side}_id"], alignment["relation"]):
        if isinstance(sid, str) and sid and relation in rank:
            if rank[relation] > rank.get(best.get(sid, ""), 0):
                best[sid] = relation
    return best


def pairs(alignment: pd.DataFrame) -> pd.DataFrame:
    """The aligned pairs only (match or partial)."""
    return alignment[alignment["relation"].isin(["match", "partial"])]


def _tick(report: Report) -> list[str]:
    return [f"{s.id} {ROLE_MARK[s.role]}".strip() for s in report.sentences]


def similarity_heatmap(scores: np.ndarray, a: Report, b: Report, alignment: pd.DataFrame, labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """Score of every sentence pair, with the aligned pairs marked (square: match, dot: partial)."""
    fig, ax = plt.subplots(figsize=(7, 0.22 * len(a.sentences) + 1.6), layout="constrained")
    image = ax.imshow(scores, cmap="viridis", vmin=0, vmax=1, aspect="auto")
    index_a = {s.id: k for k, s in enumerate(a.sentences)}
    index_b = {s.id: k for k, s in enumerate(b.sentences)}
    for relation, marker, size in (("match", "s", 60), ("partial", "o", 18)):
        chosen = alignment[alignment["relation"] == relation]
        ax.scatter([index_b[i] for i in chosen["b_id"]], [index_a[i] for i in chosen["a_id"]], marker=marker,
                   s=size, facecolors="none" if marker == "s" else "white", edgecolors="white", linewidths=1.2)
    handles = [Line2D([], [], ls="", marker="s", mfc="none", mec="black", label="aligned: same fact (match)"),
               Line2D([], [], ls="", marker="o", mfc="white", mec="black", ms=4, label="aligned: overlapping (partial)")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.14), ncols=2, frameon=False)
    ax.set_xticks(range(len(b.sentences)), _tick(b), rotation=90)
    ax.set_yticks(range(len(a.sentences)), _tick(a))
    ax.set_xlabel(f"B: {labels[1]}")
    ax.set_ylabel(f"A: {labels[0]}")
    fig.colorbar(image, ax=ax, label="calibrated similarity (0–1)", shrink=0.6)
    rows = [(sa.id, sb.id, float(scores[i, j])) for i, sa in enumerate(a.sentences) for j, sb in enumerate(b.sentences)]
    data = pd.DataFrame(rows, columns=["a_id", "b_id", "score"])
    linked = pairs(alignment)[["a_id", "b_id", "relation"]]
    data = data.merge(linked, on=["a_id", "b_id"], how="left").fillna({"relation": ""})
    return fig, data


def _snippet(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")


def story_map(a: Report, b: Report, alignment: pd.DataFrame, labels: Sequence[str],
              themes: Mapping[str, Mapping[str, str]] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Both reports as columns of sentences in reading order, aligned pairs linked.

    Fill says how a sentence matched; sentences in one report only carry their
    main theme as a label (`themes[side][sentence_id]`), so the map reads in
    black and white too.
    """
    themes = themes or {}
    rows = max(len(a.sentences), len(b.sentences))
    fig = plt.figure(figsize=(7, 0.24 * rows + 1.3))
    ax = fig.add_axes((0.01, 0.0, 0.98, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(rows + 1.6, -1.4)
    ax.axis("off")
    records = []
    for side, report, x0, label in (("a", a, 0.02, labels[0]), ("b", b, 0.58, labels[1])):
        relations = sentence_relations(alignment, side)
        ax.text(x0, -0.2, textwrap.fill(f"{side.upper()}: {label}", 52), fontsize=7.5, fontweight="bold", va="bottom")
        for k, sentence in enumerate(report.sentences):
            relation = relations.get(sentence.id, "unique")
            theme = themes.get(side, {}).get(sentence.id, "") if relation == "unique" else ""
            _box(ax, x0, k + 0.5, sentence, relation, theme)
            records.append((side, sentence.id, k + 1, sentence.role, relation, theme, sentence.text))
    index = {side: {s.id: k for k, s in enumerate(r.sentences)} for side, r in (("a", a), ("b", b))}
    for a_id, b_id, relation in pairs(alignment)[["a_id", "b_id", "relation"]].itertuples(index=False):
        colour, style, _ = RELATION_STYLE[relation]
        ax.plot([0.42, 0.58], [index["a"][a_id] + 0.5, index["b"][b_id] + 0.5], style, color=colour, lw=1.2)
    _legend(ax, rows)
    data = pd.DataFrame(records, columns=["report", "sentence_id", "position", "role", "relation", "theme", "text"])
    return fig, data


def _box(ax, x0: float, y: float, sentence, relation: str, theme: str) -> None:
    ax.add_patch(Rectangle((x0, y - 0.38), 0.40, 0.76, facecolor=RELATION_STYLE[relation][0],
                           edgecolor="#444444", linewidth=0.6))
    weight = "bold" if sentence.role == "headline" else "normal"
    style = "italic" if sentence.role == "subhead" else "normal"
    width = (36 if theme else 56) - (8 if sentence.role == "headline" else 0)
    ax.text(x0 + 0.008, y, f"{sentence.id}  {_snippet(sentence.text, width)}", fontsize=5.6, va="center",
            fontweight=weight, fontstyle=style)
    if theme:
        ax.text(x0 + 0.395, y, f"[{theme}]", fontsize=5.2, va="center", ha="right", color="#222222", fontstyle="italic")


def _legend(ax, rows: int) -> None:
    for k, relation in enumerate(("match", "partial", "unique")):
        colour, style, name = RELATION_STYLE[relation]
        x = 0.02 + 0.3 * k
        ax.add_patch(Rectangle((x, rows + 0.7), 0.03, 0.6, facecolor=colour, edgecolor="#444444", linewidth=0.6))
        if style:  # the link drawn between aligned sentences
            ax.plot([x + 0.035, x + 0.07], [rows + 1.0] * 2, style, color=colour, lw=1.2)
        ax.text(x + 0.075 if style else x + 0.04, rows + 1.0, name + (" [main theme]" if relation == "unique" else ""), fontsize=6.5, va="center")


def overlap_summary(reports: Sequence[Report], alignment: pd.DataFrame, labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """Share of each report's sentences and words that are matched, partial, or its own."""
    rows = []
    for side, report, label in zip("ab", reports, labels):
        relations = sentence_relations(alignment, side)
        for sentence in report.sentences:
            words = len(sentence.text.split())
            rows.append((label, relations.get(sentence.id, "unique"), 1, words))
    raw = pd.DataFrame(rows, columns=["report", "relation", "sentences", "words"])
    data = raw.groupby(["report", "relation"], sort=False).sum().reset_index()
    for measure in ("sentences", "words"):
        data[f"{measure}_share"] = data[measure] / data.groupby("report")[measure].transform("sum")
    fig, axes = plt.subplots(2, 1, figsize=(7, 3.0), sharex=True, layout="constrained")
    for ax, measure in zip(axes, ("sentences", "words")):
        _stacked(ax, data, labels, measure)
    axes[-1].set_xlabel("share of the report")
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=3, frameon=False)
    return fig, data


def _stacked(ax, data: pd.DataFrame, labels: Sequence[str], measure: str) -> None:
    left = np.zeros(len(labels))
    for relation in ("match", "partial", "unique"):
        values = [float(data.loc[(data["report"] == lab) & (data["relation"] == relation), f"{measure}_share"].sum()) for lab in labels]
        colour, _, name = RELATION_STYLE[relation]
        ax.barh(range(len(labels)), values, left=left, color=colour, edgecolor="#444444", linewidth=0.6, label=name,
                hatch="//" if relation == "partial" else None)
        left += values
    ax.set_yticks(range(len(labels)), [textwrap.fill(lab, 34) for lab in labels])
    ax.invert_yaxis()
    ax.set_title(f"by {measure}", loc="left", fontsize=8)
    ax.set_xlim(0, 1)
