import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis import charts, plot
from analysis.sources import parse_report

matplotlib.use("Agg")

A = parse_report("Talks end in deal\n\nThe sides agreed on a deal. Rain fell. A third fact.\n")
B = parse_report("Deal reached\n\nA deal was agreed by the sides. Another fact.\n")
ALIGNMENT = pd.DataFrame(
    {
        "a_id": ["s001", "s002", "s003", "s004", "s004"],
        "b_id": ["s001", "s002", "", "s003", "s002"],
        "relation": ["match", "match", "a_only", "partial", "partial"],
        "score": [0.9, 0.8, np.nan, 0.4, 0.3],
    }
)


def test_sentence_relations_keep_the_strongest():
    assert charts.sentence_relations(ALIGNMENT, "a") == {"s001": "match", "s002": "match", "s004": "partial"}
    assert charts.sentence_relations(ALIGNMENT, "b") == {"s001": "match", "s002": "match", "s003": "partial"}


def test_overlap_summary_shares_add_up_per_report():
    with plot.style():
        fig, data = charts.overlap_summary([A, B], ALIGNMENT, ["A", "B"])
    sums = data.groupby("report")[["sentences_share", "words_share"]].sum()
    assert np.allclose(sums.to_numpy(), 1.0)
    unique_a = data[(data.report == "A") & (data.relation == "unique")]["sentences"].item()
    assert unique_a == 1  # s003 only
    matplotlib.pyplot.close(fig)


def test_story_map_data_has_one_row_per_sentence_with_theme_only_when_unique():
    themes = {"a": {"s003": "weather", "s001": "ignored"}}
    with plot.style():
        fig, data = charts.story_map(A, B, ALIGNMENT, ["A", "B"], themes)
    assert len(data) == len(A.sentences) + len(B.sentences)
    assert data.set_index(["report", "sentence_id"]).loc[("a", "s003"), "theme"] == "weather"
    assert data.set_index(["report", "sentence_id"]).loc[("a", "s001"), "theme"] == ""
    matplotlib.pyplot.close(fig)


def test_heatmap_data_marks_aligned_pairs():
    scores = np.random.default_rng(0).random((len(A.sentences), len(B.sentences)))
    with plot.style():
        fig, data = charts.similarity_heatmap(scores, A, B, ALIGNMENT, ["A", "B"])
    assert len(data) == scores.size
    marked = data[data.relation != ""]
    assert set(zip(marked.a_id, marked.b_id)) == {("s001", "s001"), ("s002", "s002"), ("s004", "s003"), ("s004", "s002")}
    assert data.loc[(data.a_id == "s002") & (data.b_id == "s001"), "score"].item() == pytest.approx(scores[1, 0])
    matplotlib.pyplot.close(fig)


def test_overlap_matrix_is_symmetric_with_ones_on_the_diagonal():
    table = pd.DataFrame({"a": ["A", "A"], "b": ["B", "C"], "aligned_share": [0.5, 0.25]})
    with plot.style():
        fig, _ = charts.overlap_matrix(table, ["A", "B", "C"])
    image = fig.axes[0].images[0].get_array()
    assert np.allclose(np.diag(image), 1) and image[0, 1] == image[1, 0] == 0.5 and image[2, 0] == 0.25
    assert image[1, 2] == 0  # the pair B–C was not given
    matplotlib.pyplot.close(fig)


def test_commitments_matrix_draws_one_cell_per_row_and_report():
    matrix = pd.DataFrame({"row": ["x", "x", "y"], "group": ["both", "both", "only A"], "report": ["A", "B", "A"],
                           "strength": [4, 2, -1]})
    labels = {4: "committed", 2: "tentative", -1: "negated"}
    with plot.style():
        fig, _ = charts.commitments_matrix(matrix, ["A", "B"], labels)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(texts) == ["committed (4)", "negated (-1)", "tentative (2)"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["both", "x", "only A", "y"]
    matplotlib.pyplot.close(fig)


# --- long inputs: figures summarise, and say so -------------------------------------------------

LONG_A = parse_report("Long report\n\n" + " ".join(f"Fact number {k} was told." for k in range(1, 150)) + "\n")
LONG_B = parse_report("Other report\n\n" + " ".join(f"Item {k} was reported." for k in range(1, 130)) + "\n")


def _titles(fig) -> str:
    return " ".join(fig.axes[0].get_title(loc=where) for where in ("left", "center", "right"))


def test_a_long_heatmap_is_drawn_in_blocks_holding_their_highest_score_and_aligned_pairs():
    n_a, n_b = len(LONG_A.sentences), len(LONG_B.sentences)
    assert min(n_a, n_b) > charts.MAX_ROWS
    scores = sparse.coo_matrix(([0.2, 0.7, 0.9], ([0, 1, n_a - 1], [0, 2, n_b - 1])), shape=(n_a, n_b))
    alignment = pd.DataFrame({"a_id": [LONG_A.sentences[1].id], "b_id": [LONG_B.sentences[2].id],
                              "relation": ["match"], "score": [0.7]})
    with plot.style():
        fig, data = charts.similarity_heatmap(scores, LONG_A, LONG_B, alignment, ["A", "B"])
    image = fig.axes[0].images[0].get_array()
    assert max(image.shape) <= charts.MAX_ROWS
    assert image[0, 0] == pytest.approx(0.7) and image[-1, -1] == pytest.approx(0.9) and image.sum() == pytest.approx(1.6)
    assert data.matches.sum() == 1 and data.loc[data.matches == 1, "a_first"].item() == LONG_A.sentences[0].id
    assert data.attrs["summarised"].startswith("summarised:") and "Summarised" in _titles(fig)
    matplotlib.pyplot.close(fig)


def test_a_long_story_map_shows_the_first_sentences_and_says_so():
    with plot.style():
        fig, data = charts.story_map(LONG_A, LONG_B, ALIGNMENT.iloc[:0], ["A", "B"])
    assert len(data) == 2 * charts.MAX_ROWS
    assert f"of {len(LONG_A.sentences):,} and {len(LONG_B.sentences):,}" in data.attrs["summarised"]
    assert any(t.get_text().startswith("Summarised") for t in fig.axes[0].texts)
    matplotlib.pyplot.close(fig)


def test_short_figures_are_not_summarised():
    with plot.style():
        fig, data = charts.story_map(A, B, ALIGNMENT, ["A", "B"])
    assert "summarised" not in data.attrs
    matplotlib.pyplot.close(fig)


def test_a_long_commitments_matrix_shows_the_first_rows_and_says_so():
    n = 2 * charts.MAX_ROWS
    matrix = pd.DataFrame({"row": [f"c{k}" for k in range(n)], "group": ["only A"] * n, "report": ["A"] * n,
                           "strength": [4] * n})
    with plot.style():
        fig, data = charts.commitments_matrix(matrix, ["A", "B"], {4: "committed"})
    assert len(fig.axes[0].get_yticklabels()) == charts.MAX_ROWS
    assert list(data.row) == [f"c{k}" for k in range(charts.MAX_ROWS - 1)]
    assert data.attrs["summarised"] == f"summarised: the first {charts.MAX_ROWS - 1} of {n} commitments"
    assert "Summarised" in _titles(fig)
    matplotlib.pyplot.close(fig)


def test_many_voices_are_merged_beyond_the_largest():
    n = charts.MAX_VOICES + 5
    table = pd.DataFrame({"outlet": ["A"] * n, "voice": [f"Speaker {k}" for k in range(n)],
                          "sentences": list(range(n, 0, -1))})
    table["share"] = table.sentences / table.sentences.sum()
    with plot.style():
        fig, data = charts.voices(table, ["A"])
    assert len(data) == charts.MAX_VOICES + 1
    assert data.loc[data.voice == charts.OTHER_VOICES, "sentences"].item() == sum(range(1, 6))
    assert data.share.sum() == pytest.approx(1.0) and "summarised" in data.attrs and "Summarised" in _titles(fig)
    matplotlib.pyplot.close(fig)


def _boxes_clear(fig) -> None:
    """The legend, axis labels and tick labels of a heatmap lie inside the figure and do not overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    key = (fig.legends or [ax.get_legend()])[0]
    legend = key.get_window_extent(renderer)
    labels = [ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
    page = fig.bbox
    for text in [*labels, key]:
        box = text.get_window_extent(renderer)
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1 and page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, text
    for text in labels:
        assert not legend.overlaps(text.get_window_extent(renderer)), text


@pytest.mark.parametrize("long", [False, True], ids=["short", "in blocks"])
def test_heatmap_legend_clears_the_axis_labels(long):
    a, b = (LONG_A, LONG_B) if long else (A, B)
    scores = np.random.default_rng(1).random((len(a.sentences), len(b.sentences)))
    with plot.style():
        fig, _ = charts.similarity_heatmap(scores, a, b, ALIGNMENT.iloc[:0], ["Outlet A with a long name", "Outlet B"])
    _boxes_clear(fig)
    matplotlib.pyplot.close(fig)
