"""Tests for analysis.plot: files, byte-identical reruns, provenance, catalogue."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import plot  # noqa: E402
from analysis.paths import ROOT  # noqa: E402

SUFFIXES = ("svg", "png", "csv")


def _data() -> pd.DataFrame:
    """Plotted data with awkward floats, to exercise the stable float format."""
    return pd.DataFrame(
        {
            "source": ["a", "b", "shared"],
            "share": [0.1 + 0.2, 1 / 3, 2 / 3],
            "count": [3, 5, 8],
        }
    )


def _figure(data: pd.DataFrame) -> plt.Figure:
    """A small bar chart with text, clipping and a legend: the things that vary between runs."""
    with plot.style():
        fig, ax = plt.subplots(figsize=(3.5, 2.4))
        colors = [plot.COLORS[s] for s in data["source"]]
        ax.bar(data["source"], data["share"], color=colors, label="share")
        ax.set_title("Sentences by source")
        ax.set_ylabel("Share of sentences")
        ax.legend()
    return fig


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """An input file outside the repository."""
    path = tmp_path / "inputs" / "seed-a.html"
    path.parent.mkdir()
    path.write_text("<p>Report A.</p>\n", encoding="utf-8")
    return path


def _save(
    fig: plt.Figure, out_dir: Path, seed: Path, slug: str = "share-by-source", **kw: object
) -> plot.FigureRecord:
    """Save with defaults the tests share."""
    options = {
        "data": _data(),
        "caption": "Share of sentences by source",
        "notebook": "notebooks/01_ingest.ipynb",
        "inputs": [seed],
    }
    return plot.save(fig, slug, out_dir=out_dir, **(options | kw))


def test_save_writes_svg_png_csv(tmp_path: Path, seed: Path) -> None:
    fig = _figure(_data())
    record = _save(fig, tmp_path / "figures", seed)
    for suffix in SUFFIXES:
        assert (tmp_path / "figures" / f"share-by-source.{suffix}").stat().st_size > 0
    assert record.files == ("share-by-source.svg", "share-by-source.png", "share-by-source.csv")
    with Image.open(tmp_path / "figures" / "share-by-source.png") as image:
        assert image.size == (round(3.5 * plot.DPI), round(2.4 * plot.DPI))
    plt.close(fig)


def test_csv_is_plotted_data_with_stable_floats(tmp_path: Path, seed: Path) -> None:
    fig = _figure(_data())
    _save(fig, tmp_path, seed)
    raw = (tmp_path / "share-by-source.csv").read_bytes()
    assert b"\r" not in raw
    assert raw.decode() == "source,share,count\na,0.3,3\nb,0.333333,5\nshared,0.666667,8\n"
    plt.close(fig)


def test_rerun_is_byte_identical(tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same figure saved twice, and a fresh figure under SOURCE_DATE_EPOCH: same bytes."""
    first = _figure(_data())
    _save(first, tmp_path / "one", seed)
    _save(first, tmp_path / "two", seed)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setitem(matplotlib.rcParams, "svg.hashsalt", "other")  # caller setting ignored
    second = _figure(_data())
    _save(second, tmp_path / "three", seed)
    for name in (*(f"share-by-source.{s}" for s in SUFFIXES), "index.json", "README.md"):
        one = (tmp_path / "one" / name).read_bytes()
        assert one == (tmp_path / "two" / name).read_bytes(), name
        assert one == (tmp_path / "three" / name).read_bytes(), name
    plt.close("all")


def test_svg_has_no_date_or_version(tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    fig = _figure(_data())
    _save(fig, tmp_path, seed)
    svg = (tmp_path / "share-by-source.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert matplotlib.__version__ not in svg
    assert "<text" not in svg  # svg.fonttype='path': glyphs are outlines
    plt.close(fig)


def test_metadata_has_input_sha256_and_no_absolute_path(tmp_path: Path, seed: Path) -> None:
    fig = _figure(_data())
    inside = ROOT / "analysis" / "paths.py"
    _save(fig, tmp_path, seed, inputs=[seed, inside])
    seed_sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    inside_sha = hashlib.sha256(inside.read_bytes()).hexdigest()
    with Image.open(tmp_path / "share-by-source.png") as image:
        text = dict(image.text)
    svg = (tmp_path / "share-by-source.svg").read_text(encoding="utf-8")
    assert text["Title"] == "share-by-source"
    assert text["Description"] == "Share of sentences by source"
    assert text["Software"] == plot.SOFTWARE
    assert f"seed-a.html sha256:{seed_sha}" in text["Source"]
    assert f"analysis/paths.py sha256:{inside_sha}" in text["Source"]
    assert "notebooks/01_ingest.ipynb" in text["Source"]
    assert text["Source"] in svg.replace("&apos;", "'")
    for blob in (svg, *text.values(), *(p.read_text() for p in tmp_path.glob("*.json"))):
        assert str(tmp_path) not in blob
        assert str(ROOT) not in blob
    plt.close(fig)


def test_readme_lists_figures_from_two_notebooks(tmp_path: Path, seed: Path) -> None:
    fig = _figure(_data())
    zeta = {"slug": "zeta-chart", "caption": "Bars, zeta | split", "notebook": "notebooks/02_b.ipynb"}
    _save(fig, tmp_path, seed, **zeta)
    _save(fig, tmp_path, seed, slug="alpha-chart", caption="Later alpha bars", notebook="notebooks/01_a.ipynb")
    _save(fig, tmp_path, seed, **zeta)  # a rerun replaces its entry, never duplicates it
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"\| `[a-z]", line)]
    assert [row.split("`")[1] for row in rows] == ["alpha-chart", "zeta-chart"]
    assert "[PNG](alpha-chart.png)" in rows[0] and "notebooks/01_a.ipynb" in rows[0]
    assert "Bars, zeta \\| split" in rows[1] and "notebooks/02_b.ipynb" in rows[1]
    assert hashlib.sha256(seed.read_bytes()).hexdigest() in rows[1]
    assert '## How to cite' in readme
    assert f'Figure "Later alpha bars" (alpha-chart), from {plot.PROJECT}' in readme
    index_text = (tmp_path / "index.json").read_text(encoding="utf-8")
    assert index_text.endswith("}\n")
    assert list(json.loads(index_text)) == ["alpha-chart", "zeta-chart"]
    records = [plot.FigureRecord.from_json(e) for e in json.loads(index_text).values()]
    assert plot.catalogue(records[::-1]) == readme
    plt.close(fig)


@pytest.mark.parametrize(
    "slug",
    ["", "Heatmap", "-leading", "has space", "under_score", "a/b", "../up", "ümlaut", "dot.svg", "x\n"],
)
def test_invalid_slug_raises_and_writes_nothing(tmp_path: Path, seed: Path, slug: str) -> None:
    fig = _figure(_data())
    with pytest.raises(ValueError, match="slug"):
        _save(fig, tmp_path / "out", seed, slug=slug)
    assert not (tmp_path / "out").exists()
    plt.close(fig)


@pytest.mark.parametrize("slug", ["seed-similarity-heatmap", "2-emphasis", "a"])
def test_valid_slugs(tmp_path: Path, seed: Path, slug: str) -> None:
    fig = _figure(_data())
    assert _save(fig, tmp_path, seed, slug=slug).slug == slug
    plt.close(fig)


def test_labelled_index_is_refused(tmp_path: Path, seed: Path) -> None:
    """A heatmap frame with source names as index would lose them in the CSV."""
    fig = _figure(_data())
    with pytest.raises(ValueError, match="reset_index"):
        _save(fig, tmp_path, seed, data=_data().set_index("source"))
    plt.close(fig)


def test_palette_has_no_duplicates() -> None:
    assert len(set(c.lower() for c in plot.PALETTE)) == len(plot.PALETTE) == 8
    assert len(set(plot.COLORS.values())) == len(plot.COLORS)
    assert set(plot.COLORS.values()) <= set(plot.PALETTE)


def test_style_sets_font_and_spines() -> None:
    with plot.style():
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert not matplotlib.rcParams["axes.spines.top"]
        assert matplotlib.rcParams["xtick.labelsize"] >= 7
