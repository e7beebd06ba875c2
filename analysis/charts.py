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
from scipy import sparse

from analysis.plot import COLORS
from analysis.sources import Report

#: How each alignment relation is drawn: fill colour, line style, reader-facing name.
RELATION_STYLE = {
    "match": (COLORS["shared"], "-", "same fact (match)"),
    "partial": (COLORS["partial"], "--", "overlapping (partial)"),
    "unique": ("#FFFFFF", "", "in this report only"),
}
ROLE_MARK = {"headline": "H", "standfirst": "St", "summary": "Su", "subhead": "Sh", "body": ""}


def sentence_relations(alignment: pd.DataFrame, side: str) -> dict[str, str]:
    """Strongest relation of each sentence of one side ('a' or 'b'): match > partial > unique."""
    rank = {"match": 2, "partial": 1}
    best: dict[str, str] = {}
    for sid, relation in zip(alignment[f"{side}_id"], alignment["relation"]):
        if isinstance(sid, str) and sid and relation in rank and rank[relation] > rank.get(best.get(sid, ""), 0):
            best[sid] = relation
    return best


def pairs(alignment: pd.DataFrame) -> pd.DataFrame:
    """The aligned pairs only (match or partial)."""
    return alignment[alignment["relation"].isin(["match", "partial"])]


def _tick(report: Report) -> list[str]:
    return [f"{s.id} {ROLE_MARK[s.role]}".strip() for s in report.sentences]


#: Figures drawn a row per sentence or per commitment show at most this many rows; longer inputs are
#: summarised (the figure's title, its data's `attrs["summarised"]` and so its caption say how), so a
#: figure's size stays bounded whatever the report's length.
MAX_ROWS = 60


def _summarised(data: pd.DataFrame, note: str) -> pd.DataFrame:
    """Mark plotted data as a summary; `pipeline.save_figure` adds the note to the caption."""
    data.attrs["summarised"] = note
    return data


def similarity_heatmap(scores: np.ndarray | sparse.spmatrix, a: Report, b: Report, alignment: pd.DataFrame,
                       labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """Score of every sentence pair, with the aligned pairs marked (square: match, dot: partial).

    `scores` is dense, or sparse with the pairs not listed at 0. Above MAX_ROWS
    sentences a side, consecutive sentences are drawn as blocks (`_block_heatmap`).
    """
    if max(len(a.sentences), len(b.sentences)) > MAX_ROWS:
        return _block_heatmap(sparse.coo_matrix(scores), a, b, alignment, labels)
    scores = scores.toarray() if sparse.issparse(scores) else scores
    fig, ax = plt.subplots(figsize=(7, _heatmap_height(len(a.sentences))), layout="constrained")
    image = ax.imshow(scores, cmap="viridis", vmin=0, vmax=1, aspect="auto")
    index_a = {s.id: k for k, s in enumerate(a.sentences)}
    index_b = {s.id: k for k, s in enumerate(b.sentences)}
    for relation, marker, size in (("match", "s", 60), ("partial", "o", 18)):
        chosen = alignment[alignment["relation"] == relation]
        ax.scatter([index_b[i] for i in chosen["b_id"]], [index_a[i] for i in chosen["a_id"]], marker=marker,
                   s=size, facecolors="none" if marker == "s" else "white", edgecolors="white", linewidths=1.2)
    ax.set_xticks(range(len(b.sentences)), _tick(b), rotation=90)
    ax.set_yticks(range(len(a.sentences)), _tick(a))
    _heatmap_frame(fig, ax, image, labels)
    rows = [(sa.id, sb.id, float(scores[i, j])) for i, sa in enumerate(a.sentences) for j, sb in enumerate(b.sentences)]
    data = pd.DataFrame(rows, columns=["a_id", "b_id", "score"])
    linked = pairs(alignment)[["a_id", "b_id", "relation"]]
    data = data.merge(linked, on=["a_id", "b_id"], how="left").fillna({"relation": ""})
    return fig, data


def _heatmap_height(rows: int) -> float:
    """Figure height in inches: a row per sentence (or block), at least room for the y-axis label and legend."""
    return max(0.22 * rows + 1.6, 3.5)


def _heatmap_frame(fig: Figure, ax, image, labels: Sequence[str]) -> None:
    """Legend, axis labels and colour bar of both heatmaps."""
    handles = [Line2D([], [], ls="", marker="s", mfc="none", mec="black", label="aligned: same fact (match)"),
               Line2D([], [], ls="", marker="o", mfc="white", mec="black", ms=4, label="aligned: overlapping (partial)")]
    # A figure legend "outside" is placed by the constrained layout below the axis labels, whatever the height;
    # a legend anchored at a fixed fraction of the axes collides with them on a short heatmap.
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False)
    ax.set_xlabel(f"B: {labels[1]}")
    ax.set_ylabel(f"A: {labels[0]}")
    fig.colorbar(image, ax=ax, label="calibrated similarity (0–1)", shrink=0.6)


def _spans(report: Report, size: int) -> list[tuple[str, str]]:
    """First and last sentence id of each block of `size` consecutive sentences."""
    s = report.sentences
    return [(s[k].id, s[min(k + size, len(s)) - 1].id) for k in range(0, len(s), size)]


def _block_heatmap(scores: sparse.coo_matrix, a: Report, b: Report, alignment: pd.DataFrame,
                   labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """The heatmap of long reports: each cell a block of consecutive sentences, its highest score, marked
    when it holds an aligned pair (a match before a partial). Linear in the scored pairs."""
    size_a, size_b = -(-len(a.sentences) // MAX_ROWS), -(-len(b.sentences) // MAX_ROWS)
    spans_a, spans_b = _spans(a, size_a), _spans(b, size_b)
    best = np.zeros((len(spans_a), len(spans_b)))
    np.maximum.at(best, (scores.row // size_a, scores.col // size_b), scores.data)
    index_a = {s.id: k // size_a for k, s in enumerate(a.sentences)}
    index_b = {s.id: k // size_b for k, s in enumerate(b.sentences)}
    counts = {r: np.zeros(best.shape, dtype=int) for r in ("match", "partial")}
    linked = pairs(alignment)
    for a_id, b_id, relation in linked[["a_id", "b_id", "relation"]].itertuples(index=False):
        counts[relation][index_a[a_id], index_b[b_id]] += 1
    fig, ax = plt.subplots(figsize=(7, _heatmap_height(len(spans_a))), layout="constrained")
    image = ax.imshow(best, cmap="viridis", vmin=0, vmax=1, aspect="auto")
    partial_only = (counts["partial"] > 0) & (counts["match"] == 0)
    for cells, marker, size in ((counts["match"] > 0, "s", 60), (partial_only, "o", 18)):
        y, x = np.nonzero(cells)
        ax.scatter(x, y, marker=marker, s=size, facecolors="none" if marker == "s" else "white", edgecolors="white",
                   linewidths=1.2)
    ax.set_xticks(range(len(spans_b)), [first for first, _ in spans_b], rotation=90, fontsize=5)
    ax.set_yticks(range(len(spans_a)), [first for first, _ in spans_a], fontsize=5)
    _heatmap_frame(fig, ax, image, labels)
    note = (f"summarised: {len(a.sentences):,} × {len(b.sentences):,} sentences in blocks of {size_a} × {size_b}, "
            "each cell the highest score in its block")
    ax.set_title(note[0].upper() + note[1:], fontsize=7)
    rows = [(fa, la, fb, lb, best[x, y], counts["match"][x, y], counts["partial"][x, y])
            for x, (fa, la) in enumerate(spans_a) for y, (fb, lb) in enumerate(spans_b)]
    data = pd.DataFrame(rows, columns=["a_first", "a_last", "b_first", "b_last", "max_score", "matches", "partials"])
    return fig, _summarised(data, note)


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
    shown = {"a": a.sentences[:MAX_ROWS], "b": b.sentences[:MAX_ROWS]}
    rows = max(len(shown["a"]), len(shown["b"]))
    cut = len(a.sentences) > MAX_ROWS or len(b.sentences) > MAX_ROWS
    fig = plt.figure(figsize=(7, 0.24 * rows + 1.3 + 0.3 * cut))
    ax = fig.add_axes((0.01, 0.0, 0.98, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(rows + 1.6, -1.4 - 1.2 * cut)
    ax.axis("off")
    note = (f"summarised: the first {rows} sentences of each report "
            f"(of {len(a.sentences):,} and {len(b.sentences):,}) and the links between them")
    if cut:
        ax.text(0.02, -1.5, note[0].upper() + note[1:], fontsize=7, va="bottom")
    records = []
    for side, x0, label in (("a", 0.02, labels[0]), ("b", 0.58, labels[1])):
        relations = sentence_relations(alignment, side)
        ax.text(x0, -0.2, textwrap.fill(f"{side.upper()}: {label}", 52), fontsize=7.5, fontweight="bold", va="bottom")
        for k, sentence in enumerate(shown[side]):
            relation = relations.get(sentence.id, "unique")
            theme = themes.get(side, {}).get(sentence.id, "") if relation == "unique" else ""
            _box(ax, x0, k + 0.5, sentence, relation, theme)
            records.append((side, sentence.id, k + 1, sentence.role, relation, theme, sentence.text))
    index = {side: {s.id: k for k, s in enumerate(sentences)} for side, sentences in shown.items()}
    for a_id, b_id, relation in pairs(alignment)[["a_id", "b_id", "relation"]].itertuples(index=False):
        if a_id in index["a"] and b_id in index["b"]:
            colour, style, _ = RELATION_STYLE[relation]
            ax.plot([0.42, 0.58], [index["a"][a_id] + 0.5, index["b"][b_id] + 0.5], style, color=colour, lw=1.2)
    _legend(ax, rows)
    data = pd.DataFrame(records, columns=["report", "sentence_id", "position", "role", "relation", "theme", "text"])
    return fig, _summarised(data, note) if cut else data


def _box(ax, x0: float, y: float, sentence, relation: str, theme: str) -> None:
    ax.add_patch(Rectangle((x0, y - 0.38), 0.40, 0.76, facecolor=RELATION_STYLE[relation][0],
                           edgecolor="#444444", linewidth=0.6))
    weight = "bold" if sentence.role == "headline" else "normal"
    style = "italic" if sentence.role == "subhead" else "normal"
    width = (55 - len(theme) if theme else 54) - (8 if sentence.role == "headline" else 0)
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
        label = name + (" [main theme]" if relation == "unique" else "")
        ax.text(x + 0.075 if style else x + 0.04, rows + 1.0, label, fontsize=6.5, va="center")


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
        values = [float(data.loc[(data["report"] == lab) & (data["relation"] == relation), f"{measure}_share"].sum())
                  for lab in labels]
        colour, _, name = RELATION_STYLE[relation]
        ax.barh(range(len(labels)), values, left=left, color=colour, edgecolor="#444444", linewidth=0.6, label=name,
                hatch="//" if relation == "partial" else None)
        left += values
    ax.set_yticks(range(len(labels)), [textwrap.fill(lab, 34) for lab in labels])
    ax.invert_yaxis()
    ax.set_title(f"by {measure}", loc="left", fontsize=8)
    ax.set_xlim(0, 1)


def overlap_in_context(baseline: pd.DataFrame, share: float, label: str) -> tuple[Figure, pd.DataFrame]:
    """Aligned share of a pair of reports against reference pairs of one event and of two.

    `baseline` has `same_event` (bool) and `aligned_share` per reference pair
    (`analysis.batch`); `share` is the pair under study, drawn as a line.
    """
    bins = np.linspace(0, 1, 21)
    fig, ax = plt.subplots(figsize=(7, 2.8), layout="constrained")
    rows = []
    for same, colour, name, hatch in ((True, COLORS["shared"], "same event, different outlets", None),
                                      (False, "#999999", "different events", "//")):
        values = baseline.loc[baseline["same_event"] == same, "aligned_share"]
        counts, _ = np.histogram(values, bins=bins)
        ax.bar(bins[:-1], counts / max(len(values), 1), width=bins[1] - bins[0], align="edge", alpha=0.75,
               color=colour, edgecolor="#444444", linewidth=0.5, hatch=hatch, label=f"{name} (n = {len(values)})")
        rows += [(name, lo, hi, int(c), len(values)) for lo, hi, c in zip(bins[:-1], bins[1:], counts)]
    ax.axvline(share, color=COLORS["b"], lw=2, label=f"{label}: {share:.0%}")
    ax.set_xlabel("share of body sentences aligned (match or partial), both reports pooled")
    ax.set_ylabel("share of pairs")
    ax.set_xlim(0, 1)
    ax.legend(frameon=False, loc="upper right")
    data = pd.DataFrame(rows, columns=["reference", "bin_from", "bin_to", "pairs", "pairs_in_reference"])
    data.loc[len(data)] = ["pair under study: " + label, share, share, 1, 1]
    return fig, data


#: Line styles of the reference kinds of `verdict_in_context`, in the reference table's order.
#: One event in green (as shared content elsewhere), near misses in grey and black; ECB+ solid, BASIL dashed.
REFERENCE_STYLES = ((COLORS["shared"], "-"), ("#999999", "-"), (COLORS["shared"], "--"), ("#000000", "--"))


def verdict_in_context(reference: pd.DataFrame, probability: float, label: str) -> tuple[Figure, pd.DataFrame]:
    """The same-event probability of a pair against reference pairs of known answer, as cumulative shares.

    `reference` is binned (`analysis.yardstick.REFERENCE_COLUMNS`); each kind is
    drawn as the share of its pairs at or below each bin's upper edge, so
    the lines of one event and of near misses can be read at the pair's value.
    """
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    rows = []
    for k, (kind, bins) in enumerate(reference.groupby("reference", sort=False)):
        total = max(int(bins.pairs.sum()), 1)
        share = bins.pairs.cumsum() / total
        colour, style = REFERENCE_STYLES[k % len(REFERENCE_STYLES)]
        ax.step([0.0, *bins.bin_to], [0.0, *share], where="post", color=colour, ls=style, lw=1.6,
                label=f"{kind} (n = {int(bins.pairs.sum()):,})")
        rows += [(kind, float(x), float(y)) for x, y in zip(bins.bin_to, share)]
    ax.axvline(probability, color=COLORS["b"], lw=2, label=f"{label}: p = {probability:.2f}")
    ax.set_xlabel("probability that the two reports tell one event (out of fold for the references)")
    ax.set_ylabel("share of pairs at or below")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=7)
    data = pd.DataFrame(rows, columns=["reference", "probability_up_to", "share_of_pairs"])
    data.loc[len(data)] = ["pair under study: " + label, probability, float("nan")]
    return fig, data


def theme_emphasis(table: pd.DataFrame, labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """Share of each report's words in sentences of each theme; a diamond where the lead names it.

    `table` is `analysis.emphasis.theme_emphasis` of each report, concatenated
    (columns outlet, theme, word_share, in_lead, ...).
    """
    themes = list(dict.fromkeys(table["theme"]))
    fig, ax = plt.subplots(figsize=(7, 0.42 * len(themes) + 1.2), layout="constrained")
    height = 0.8 / len(labels)
    for k, label in enumerate(labels):
        rows = table[table["outlet"] == label].set_index("theme").reindex(themes)
        y = np.arange(len(themes)) + (k - (len(labels) - 1) / 2) * height
        colour = _report_colour(k)
        ax.barh(y, rows["word_share"], height=height, color=colour, edgecolor="#444444", linewidth=0.5,
                label=textwrap.shorten(label, 60), hatch=_hatch(k))
        lead = rows["in_lead"].fillna(False).astype(bool).to_numpy()
        ax.scatter(rows["word_share"][lead] + 0.012, y[lead], marker="D", s=14, color="black", zorder=3)
    ax.set_yticks(range(len(themes)), [textwrap.fill(t, 28) for t in themes])
    ax.invert_yaxis()
    ax.set_xlabel("share of the report's words in sentences on the theme (◆ = named in the lead)")
    ax.set_xlim(0, 1)
    ax.legend(frameon=False, loc="lower right")
    data = table[["outlet", "theme", "present", "sentences", "word_share", "first_position", "in_lead", "strongest"]]
    return fig, data.reset_index(drop=True)


def _report_colour(k: int) -> str:
    return (COLORS["a"], COLORS["b"], "#009E73", "#CC79A7", "#56B4E9", "#E69F00")[k % 6]


def _hatch(k: int) -> str | None:
    return (None, "//", "..", "xx", "\\\\", "--")[k % 6]


#: Colours of the strength scale, weakest to strongest (ordinal; colour-blind-safe sequential).
STRENGTH_COLOURS = {-1: "#D55E00", 0: "#F0E6C8", 1: "#DCEAF5", 2: "#A6CBE6", 3: "#5B9BCF", 4: "#1F5F99", 5: "#08306B"}


def commitments_matrix(
    matrix: pd.DataFrame, labels: Sequence[str], strength_labels: Mapping[int, str]
) -> tuple[Figure, pd.DataFrame]:
    """Commitment × report, cells coloured and labelled by strength, grouped (shared first).

    `matrix` has one row per commitment and report (`analysis.emphasis.commitment_matrix`):
    row, group, report, strength. Each group opens with its name in bold.
    """
    lines: list[tuple[str, str]] = []  # (kind, text): group heading or commitment row
    for group, rows in matrix.groupby("group", sort=False):
        lines.append(("group", group))
        lines += [("row", row) for row in dict.fromkeys(rows["row"])]
    total = sum(kind == "row" for kind, _ in lines)
    if len(lines) > MAX_ROWS:  # the first commitments, in the matrix's order (shared first)
        lines = lines[:MAX_ROWS] if lines[MAX_ROWS - 1][0] == "row" else lines[: MAX_ROWS - 1]
        matrix = matrix[matrix["row"].isin({text for kind, text in lines if kind == "row"})]
    position = {text: y for y, (kind, text) in enumerate(lines) if kind == "row"}
    fig, ax = plt.subplots(figsize=(7, 0.25 * len(lines) + 1.2), layout="constrained")
    ax.set_xlim(-0.5, len(labels) - 0.5)
    ax.set_ylim(max(len(lines), 1) - 0.5, -0.5)
    if not lines:  # an empty figure would read as a drawing error
        ax.text((len(labels) - 1) / 2, 0, "no commitments found", ha="center", va="center", fontsize=8)
    for cell in matrix.itertuples(index=False):
        y, x, strength = position[cell.row], list(labels).index(cell.report), int(cell.strength)
        ax.add_patch(Rectangle((x - 0.48, y - 0.42), 0.96, 0.84, facecolor=STRENGTH_COLOURS[strength],
                               edgecolor="#444444", lw=0.4))
        ax.text(x, y, f"{strength_labels[strength]} ({strength})", ha="center", va="center", fontsize=6,
                color="white" if strength >= 3 else "black")
    ax.set_yticks(range(len(lines)), [textwrap.shorten(text, 72) for _, text in lines], fontsize=6)
    for tick, (kind, _) in zip(ax.get_yticklabels(), lines):
        tick.set_fontweight("bold" if kind == "group" else "normal")
        tick.set_fontsize(7 if kind == "group" else 6)
    ax.set_xticks(range(len(labels)), [textwrap.fill(lab, 28) for lab in labels], fontsize=7)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    shown = sum(kind == "row" for kind, _ in lines)
    if shown == total:
        return fig, matrix.reset_index(drop=True)
    note = f"summarised: the first {shown} of {total:,} commitments"
    ax.set_title(note[0].upper() + note[1:], fontsize=7, loc="left")
    return fig, _summarised(matrix.reset_index(drop=True), note)


#: The voices figure shows at most this many speakers by share; the others are merged as OTHER_VOICES.
MAX_VOICES = 11
OTHER_VOICES = "(other speakers)"
#: Speakers' colours: Okabe–Ito hues not used for reports A and B.
SPEAKER_COLOURS = ("#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442", "#000000")


def voices(table: pd.DataFrame, labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """Whose voice each report carries: share of sentences per speaker and the outlet's own narration.

    `table` is `analysis.emphasis.voice_shares` of each report, concatenated (outlet, voice, sentences, share).
    """
    speakers = list(dict.fromkeys(table.sort_values("share", ascending=False, kind="stable")["voice"]))
    note = ""
    if len(speakers) > MAX_VOICES:  # the rest merged, so the legend stays readable
        kept = set(speakers[:MAX_VOICES])
        note = f"summarised: the {MAX_VOICES} largest voices of {len(speakers)}, the rest as {OTHER_VOICES}"
        table = table.assign(voice=table["voice"].where(table["voice"].isin(kept), OTHER_VOICES))
        table = table.groupby(["outlet", "voice"], as_index=False, sort=False)[["sentences", "share"]].sum()
        speakers = [*speakers[:MAX_VOICES], OTHER_VOICES]
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(labels) + 1.3), layout="constrained")
    left = np.zeros(len(labels))
    for k, voice in enumerate(speakers):
        values = [float(table.loc[(table["outlet"] == lab) & (table["voice"] == voice), "share"].sum()) for lab in labels]
        colour = "#DDDDDD" if voice.startswith("(") else SPEAKER_COLOURS[k % len(SPEAKER_COLOURS)]
        bars = ax.barh(range(len(labels)), values, left=left, color=colour, edgecolor="#444444", lw=0.5, label=voice,
                       hatch=None if voice.startswith("(") else _hatch(k))
        ax.bar_label(bars, [f"{v:.0%}" if v >= 0.06 else "" for v in values], label_type="center", fontsize=6.5)
        left += values
    ax.set_yticks(range(len(labels)), [textwrap.fill(lab, 30) for lab in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the report's sentences")
    fig.legend(loc="outside lower center", ncols=min(len(speakers), 4), frameon=False)
    if not note:
        return fig, table.reset_index(drop=True)
    ax.set_title(note[0].upper() + note[1:], fontsize=7, loc="left")
    return fig, _summarised(table.reset_index(drop=True), note)


def overlap_matrix(table: pd.DataFrame, labels: Sequence[str]) -> tuple[Figure, pd.DataFrame]:
    """N × N share of body sentences aligned between each pair of reports (`pair_shares` rows: a, b, aligned)."""
    n = len(labels)
    grid = np.eye(n)
    for row in table.itertuples(index=False):
        i, j = labels.index(row.a), labels.index(row.b)
        grid[i, j] = grid[j, i] = row.aligned_share
    fig, ax = plt.subplots(figsize=(3.5 + 0.4 * n, 2.6 + 0.4 * n), layout="constrained")
    image = ax.imshow(grid, cmap="viridis", vmin=0, vmax=1)
    for i in range(n):
        for j in range(n):
            colour = "white" if grid[i, j] < 0.6 else "black"
            ax.text(j, i, f"{grid[i, j]:.0%}", ha="center", va="center", fontsize=7, color=colour)
    short = [textwrap.shorten(lab, 24) for lab in labels]
    ax.set_xticks(range(n), short, rotation=30, ha="right")
    ax.set_yticks(range(n), short)
    fig.colorbar(image, ax=ax, label="share of body sentences aligned", shrink=0.8)
    return fig, table.reset_index(drop=True)


def overlap_by_outlet_pair(table: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Distribution of the share of body sentences aligned, per outlet pair, over many events.

    `table` is `analysis.batch.overlap_table` (a, b, aligned_share, match_share per event).
    """
    pairs = sorted({(a, b) for a, b in zip(table["a"], table["b"])})
    values = [table.loc[(table["a"] == a) & (table["b"] == b), "aligned_share"].to_numpy() for a, b in pairs]
    names = [f"{a} – {b}" for a, b in pairs]
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(pairs) + 1.3), layout="constrained")
    ax.boxplot(values, orientation="horizontal", tick_labels=names, widths=0.5, showmeans=True,
               meanprops={"marker": "D", "markerfacecolor": "black", "markeredgecolor": "black", "markersize": 4},
               medianprops={"color": COLORS["b"]}, flierprops={"markersize": 3})
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of body sentences aligned (match or partial), per event (◆ mean)")
    rows = [(name, len(v), float(np.mean(v)), float(np.median(v))) for name, v in zip(names, values)]
    return fig, pd.DataFrame(rows, columns=["outlet_pair", "events", "mean_aligned_share", "median_aligned_share"])
