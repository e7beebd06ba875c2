import matplotlib
import numpy as np
import pandas as pd
import pytest

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
        fig, data = charts.overlap_matrix(table, ["A", "B", "C"])
    image = fig.axes[0].images[0].get_array()
    assert np.allclose(np.diag(image), 1) and image[0, 1] == image[1, 0] == 0.5 and image[2, 0] == 0.25
    assert image[1, 2] == 0  # the pair B–C was not given
    matplotlib.pyplot.close(fig)


def test_commitments_matrix_draws_one_cell_per_row_and_report():
    matrix = pd.DataFrame({"row": ["x", "x", "y"], "group": ["both", "both", "only A"], "report": ["A", "B", "A"],
                           "strength": [4, 2, -1]})
    labels = {4: "committed", 2: "tentative", -1: "negated"}
    with plot.style():
        fig, data = charts.commitments_matrix(matrix, ["A", "B"], labels)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sorted(texts) == ["committed (4)", "negated (-1)", "tentative (2)"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["both", "x", "only A", "y"]
    matplotlib.pyplot.close(fig)
