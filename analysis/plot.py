"""Save every figure the same citable, reproducible way.

Used by every notebook (01–04) and by the `compare` command: none of them calls
`savefig` directly. A journalist cites a figure by its slug, so `save` writes,
for one stable slug, an SVG (for print), a PNG (for the web) and the plotted
data as CSV (so a reader can check the numbers), and records where the figure
came from (notebook, SHA-256 of each input) both inside the image files and in
the catalogue `figures/README.md`. Output is byte-identical on rerun, so a
clean `git diff` after `make` proves the committed figures are current.

Determinism is enforced at save time, whatever the caller's rcParams: a fixed
SVG hash salt, no dates, a fixed `Software`/`Creator` string without a version
(matplotlib's default embeds its version), fixed dpi, no tight bounding box.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis import __version__
from analysis.paths import FIGURES, ROOT, output

try:  # POSIX; elsewhere notebooks run one at a time anyway.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

#: The name a citation gives the project (the package name in pyproject.toml).
PROJECT = "Two reports, two meetings (comparative source analysis)"
#: PNG resolution: 7 in wide at 200 dpi is 1400 px, sharp on screens and in print.
DPI = 200
#: Six significant digits: more than any figure shows, and it hides last-bit noise.
FLOAT_FORMAT = "%.6g"
#: Written as PNG `Software` and SVG `Creator`; no version, so upgrades do not change bytes.
SOFTWARE = "analysis.plot (matplotlib)"
SLUG = re.compile(r"^[0-9a-z][0-9a-z-]*$")
INDEX_NAME = "index.json"
README_NAME = "README.md"

#: Okabe & Ito (2008) colours, distinguishable with the common colour-vision deficiencies.
#: Ordered for the default cycle: strong, well-separated hues first, yellow and black last.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Meaning-bearing colours, the same in every figure: report A, report B, and how
#: a sentence matched (in both, paraphrased, in one only).
COLORS: dict[str, str] = {
    "a": "#0072B2",
    "b": "#D55E00",
    "shared": "#009E73",
    "partial": "#E69F00",
    "unique": "#CC79A7",
}

#: Keys `save` forces while writing; a caller's values for these are ignored.
#: 'path' turns glyphs into outlines: the figure looks the same in every viewer
#: and printer, with no dependence on the reader's fonts. The cost (text not
#: selectable in the SVG, larger files) is paid back by the CSV and metadata,
#: which carry every number and the caption as searchable text.
DETERMINISTIC_RC: dict[str, object] = {
    "svg.hashsalt": "analysis-figures",
    "svg.fonttype": "path",
    "svg.id": None,
    "savefig.bbox": None,
    "savefig.transparent": False,
}

#: The house style; sizes are in points at the figure's real size, so a 3.5 in
#: (one column) or 7 in (full width) figure prints with 8–9 pt text.
STYLE_RC: dict[str, object] = {
    **DETERMINISTIC_RC,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: same glyphs everywhere
    "mathtext.fontset": "dejavusans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "figure.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE)),
    "axes.titlelocation": "left",
    "figure.figsize": (3.5, 2.6),
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "image.cmap": "viridis",  # perceptually uniform and colour-blind safe
    "legend.frameon": False,
}


@dataclass(frozen=True)
class Input:
    """One input file of a figure: where it is (portable form) and its SHA-256."""

    path: str
    sha256: str


@dataclass(frozen=True)
class FigureRecord:
    """What the catalogue knows about one saved figure."""

    slug: str
    caption: str
    notebook: str
    inputs: tuple[Input, ...]

    @property
    def files(self) -> tuple[str, str, str]:
        """File names written beside each other in the output directory."""
        return (f"{self.slug}.svg", f"{self.slug}.png", f"{self.slug}.csv")

    def source(self) -> str:
        """Provenance in one line, as embedded in the SVG and PNG metadata."""
        inputs = "; ".join(f"{i.path} sha256:{i.sha256}" for i in self.inputs)
        return f"notebook: {self.notebook}; inputs: {inputs or 'none'}"

    def citation(self) -> str:
        """How a journalist cites this figure."""
        return (
            f'Figure "{self.caption}" ({self.slug}), from {PROJECT} {__version__}, '
            f"{self.notebook}; see CITATION.cff"
        )

    def to_json(self) -> dict[str, object]:
        """The index.json entry."""
        return asdict(self)

    @classmethod
    def from_json(cls, entry: Mapping[str, object]) -> FigureRecord:
        """Read back an index.json entry."""
        inputs = tuple(Input(**i) for i in entry["inputs"])  # type: ignore[union-attr]
        return cls(str(entry["slug"]), str(entry["caption"]), str(entry["notebook"]), inputs)


def style() -> contextlib.AbstractContextManager[None]:
    """House style as a context manager: `with plot.style(): fig, ax = plt.subplots()`.

    Create the figure inside the block: font sizes are fixed when artists are made.
    """
    return mpl.rc_context(STYLE_RC)


def save(
    fig: Figure,
    slug: str,
    *,
    data: pd.DataFrame,
    caption: str,
    notebook: str,
    inputs: Sequence[Path | str],
    out_dir: Path = FIGURES,
) -> FigureRecord:
    """Write `<slug>.svg`, `.png`, `.csv` into `out_dir` and update its catalogue.

    Everything is checked before anything is written, so a bad call leaves no
    half-saved figure. Relative `inputs` are taken from the repository root,
    never the working directory. Files whose bytes are unchanged are not
    rewritten, so their timestamps (and `make`) stay quiet.
    """
    if isinstance(inputs, (str, Path)):
        raise TypeError("inputs must be a sequence of paths, not a single path")
    record = FigureRecord(
        slug=_check_slug(slug),
        caption=_check_caption(caption),
        notebook=_portable(notebook),
        inputs=tuple(_input(p) for p in inputs),
    )
    table = _csv_bytes(data)
    out_dir = output(Path(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    svg, png, csv = (out_dir / name for name in record.files)
    _write_if_changed(svg, _render(fig, "svg", record))
    _write_if_changed(png, _render(fig, "png", record))
    _write_if_changed(csv, table)
    _update_catalogue(out_dir, record)
    return record


def catalogue(records: Sequence[FigureRecord]) -> str:
    """The figures README: one table row per figure, sorted by slug, then citations."""
    ordered = sorted(records, key=lambda r: r.slug)
    lines = [
        "# Figures",
        "",
        "Written by `analysis.plot.save` from `index.json`; do not edit by hand, rerun the",
        "notebook instead. Each figure comes as SVG (print), PNG (web) and the plotted data",
        "as CSV. A slug never changes once published. Input paths are relative to the",
        "repository root (file name only for files outside it).",
        "",
        "| Figure | Caption | Notebook | Inputs (SHA-256) |",
        "|---|---|---|---|",
    ]
    lines += [_row(r) for r in ordered]
    lines += ["", "## How to cite", ""]
    lines += [f"- {r.citation()}" for r in ordered]
    return "\n".join(lines) + "\n"


def _check_slug(slug: str) -> str:
    """Slugs become file names and citation keys, so only a safe, lowercase form."""
    if not SLUG.fullmatch(slug):
        raise ValueError(f"figure slug {slug!r} must match {SLUG.pattern}")
    return slug


def _check_caption(caption: str) -> str:
    """A figure without a caption cannot be cited; white space is collapsed for the table."""
    text = " ".join(caption.split())
    if not text:
        raise ValueError("figure caption must not be empty")
    return text


def _portable(path: Path | str) -> str:
    """A path as it may appear in a committed file: relative to ROOT, else its name.

    Never an absolute path of this machine; labels such as `analysis compare`
    (not absolute) pass through unchanged.
    """
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    resolved = p.resolve()
    if resolved.is_relative_to(ROOT):
        return resolved.relative_to(ROOT).as_posix()
    return p.name


def _input(path: Path | str) -> Input:
    """Hash one input; relative paths are anchored on the repository root."""
    p = Path(path)
    full = p if p.is_absolute() else ROOT / p
    with full.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return Input(path=_portable(full), sha256=digest)


def _csv_bytes(data: pd.DataFrame) -> bytes:
    """The plotted data, written the same way on every machine.

    The index is not written, so one that carries labels would be lost
    silently: such frames must be `reset_index()` first.
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    index = data.index
    labelled = any(name is not None for name in index.names)
    if labelled or not pd.api.types.is_integer_dtype(index):
        raise ValueError("data has a labelled index the CSV would drop: call reset_index() first")
    text = data.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return text.encode("utf-8")


def _render(fig: Figure, fmt: str, record: FigureRecord) -> bytes:
    """Render to bytes with the deterministic settings forced, whatever the caller set."""
    metadata: dict[str, str | None] = {
        "Title": record.slug,
        "Description": record.caption,
        "Source": record.source(),
    }
    if fmt == "svg":
        metadata |= {"Creator": SOFTWARE, "Date": None}  # None: no date, SOURCE_DATE_EPOCH ignored
    else:
        metadata |= {"Software": SOFTWARE}
    buffer = io.BytesIO()
    with mpl.rc_context(DETERMINISTIC_RC):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, bbox_inches=None)
    return buffer.getvalue()


def _write_if_changed(path: Path, content: bytes) -> None:
    """Replace `path` atomically, and only when its bytes differ."""
    if path.exists() and path.read_bytes() == content:
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` so notebooks run in parallel do not lose entries."""
    with path.open("a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _update_catalogue(out_dir: Path, record: FigureRecord) -> None:
    """Add or replace this figure's entry in index.json, then regenerate README.md."""
    index_path = out_dir / INDEX_NAME
    with _locked(index_path):
        text = index_path.read_text(encoding="utf-8")
        entries: dict[str, dict[str, object]] = json.loads(text) if text.strip() else {}
        entries[record.slug] = record.to_json()
        dumped = json.dumps(entries, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        records = [FigureRecord.from_json(e) for e in entries.values()]
        # Rewrite in place (same inode): os.replace would swap the file under our lock.
        if dumped != text:
            index_path.write_text(dumped, encoding="utf-8")
        _write_if_changed(out_dir / README_NAME, catalogue(records).encode("utf-8"))


def _row(record: FigureRecord) -> str:
    """One catalogue table row."""
    svg, png, csv = record.files
    figure = f"`{record.slug}` ([PNG]({png}), [SVG]({svg}), [CSV]({csv}))"
    inputs = "<br>".join(f"`{i.path}` `{i.sha256}`" for i in record.inputs) or "none"
    return f"| {figure} | {_cell(record.caption)} | `{record.notebook}` | {inputs} |"


def _cell(text: str) -> str:
    """Escape the one character that breaks a Markdown table cell."""
    return text.replace("|", "\\|")


def shown(record: FigureRecord, out_dir: Path = FIGURES, width: int = 760):
    """The saved PNG, for a notebook to display: readers see exactly the file they cite."""
    from IPython.display import Image  # notebooks only; the CLI never needs IPython

    return Image(filename=str(output(Path(out_dir)) / f"{record.slug}.png"), width=width)
