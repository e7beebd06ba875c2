"""`python -m analysis compare`: the whole analysis of your own reports, in one folder.

Checks the request before doing any work (at least two distinct files, one
label per file, a writable output folder that is empty or replaced with
`--force`), runs `analysis.pipeline` and writes the tables, the figures (same
slugs and helper as the notebooks) and the side-by-side `report.html`. Labels
are only ever shown, never used in a file name.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from tqdm import tqdm

from analysis import events, pipeline, plot, report_html, tables
from analysis import semantic as semantic_scorer
from analysis.errors import InputError
from analysis.sources import read_report

#: What each file holds; written as README.md in the output folder.
TABLES = {
    "sentences.csv": "every kept sentence of every report (`report`, `id`, `role`, `paragraph`, `start`, `end`, `text`)",
    "alignment.csv": "for every pair of reports (`pair`, `a`, `b`), each aligned pair of sentences or left-over sentence",
    "commitments.csv": "every commitment and discussion (`kind`): actor, speaker, cue, content, strength (-1 to 5), joint, "
                       "CAMEO/PLOVER, scope, themes",
    "emphasis.csv": "per report and theme: sentences, share of words, first position, in the lead, strongest commitment",
    "voices.csv": "per report: share of sentences in each speaker's voice and in the outlet's own",
    "overlap.csv": "per pair of reports: share of body sentences aligned, and matched as the same fact; "
                   "`copy_share` and `near_copy`: the two print one wire or press-release text (no independent corroboration)",
    "discrepancies.csv": "every linked pair of sentences that disagree: kinds (`discrepancy`) and the differing words",
    "events.csv": "per pair of reports: the probability that they tell one event, the verdict and its evidence",
}
OUTPUTS = (*TABLES, "report.html", "figures", "README.md")
NOTEBOOK = "python -m analysis compare"
SEMANTIC_NOTE = (
    "Sentences were aligned with the semantic scorer (the fine-tuned cross-encoder, the default): in `alignment.csv`, "
    "`score` is the mean of `lexical_score` and `semantic_score`. The similarity heatmap shows the lexical scores.\n\n"
)


def check_files(paths: Sequence[str | Path]) -> list[Path]:
    """At least two existing files, no file given twice."""
    files = [Path(p) for p in paths]
    if len(files) < 2:
        raise InputError("compare needs at least two reports")
    for k, path in enumerate(files):
        for other in files[:k]:
            if path.exists() and other.exists() and os.path.samefile(path, other):
                raise InputError(f"{other} and {path} are the same file")
    return files


def check_labels(labels: Sequence[str] | None, files: Sequence[Path]) -> list[str]:
    """One distinct, non-empty label per file; file names when none are given."""
    if labels is None:
        labels = [f.stem for f in files]
        if len(set(labels)) < len(labels):
            labels = [f.name for f in files]
    labels = [label.strip() for label in labels]
    if len(labels) != len(files):
        raise InputError(f"{len(files)} files but {len(labels)} labels")
    if any(not label for label in labels) or len(set(labels)) < len(labels):
        raise InputError("labels must be non-empty and distinct")
    return labels


def prepare(out: Path, *, force: bool, outputs: Sequence[str] = OUTPUTS) -> None:
    """Make `out` ready: refuse to mix with old results unless `force`, then remove only `outputs`."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"{out}: cannot create the output folder ({err.strerror})") from None
    if not out.is_dir():
        raise InputError(f"{out}: not a folder")
    if any(out.iterdir()) and not force:
        raise InputError(f"{out} is not empty; choose an empty folder or pass --force to replace this command's files there")
    if not os.access(out, os.W_OK):
        raise InputError(f"{out}: the output folder is not writable")
    for name in outputs:
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run(paths: Sequence[str | Path], out: str | Path, *, labels: Sequence[str] | None = None,
        force: bool = False, semantic: bool | None = None, successive: str | None = None,
        progress: bool = True) -> pd.DataFrame:
    """Run the comparison and write everything to `out`; return the pair overlap table.

    `semantic`: None = the cross-encoder when installed, True = required, False = lexical only (`analysis.semantic`).
    `successive` names the kind of event ("meeting") when the user knows the reports tell successive events in
    the order given: shared commitments are then read as recurring, new at the second or only at the first.
    A progress bar (on a terminal, as `batch`) counts the pairs aligned, commitments,
    tables, figures and the page; a figure that had to be summarised is named in a note.
    """
    files = check_files(paths)
    names = check_labels(labels, files)
    reports = [read_report(f) for f in files]  # named by file; labels are passed alongside
    semantic = semantic_scorer.resolve(semantic)
    out = Path(out)
    prepare(out, force=force)
    pairs = len(files) * (len(files) - 1) // 2
    steps = pairs + len(files) + 1 + len(pipeline.slugs_of(len(files))) + 1
    with tqdm(total=steps, desc="compare", unit="step", disable=None if progress else True) as bar:
        def done(step: str) -> None:
            bar.set_postfix_str(step, refresh=False)
            bar.update()

        result = pipeline.compare(reports, names, semantic=semantic, successive=successive is not None,
                                  event=successive or "event", done=done)
        shares = pipeline.pair_shares(result)
        verdicts, sentences = events.verdict_table(names, result.verdicts)
        try:
            _write_tables(result, shares, out)
            tables.write(verdicts, out / "events.csv")
            done("tables")
            records = _write_figures(result, files, out / "figures", done)
            figures = [(out / "figures" / f"{r.slug}.png", r.caption) for r in records]
            page = report_html.render(reports, names, pipeline.alignment(result), pipeline.commitments(result), figures,
                                      verdicts=sentences)
            report_html.write(out / "report.html", page)
            (out / "README.md").write_text(_readme(files, names, semantic), encoding="utf-8")
            done("report.html")
        except OSError as err:  # a full disk, a read-only mount, permissions changed under us
            raise InputError(f"{out}: cannot write the results ({err.strerror or err})") from None
    for record in records:
        _, *note = record.caption.rsplit(" (summarised: ", 1)
        if note:
            print(f"note: figure {record.slug} summarised: {note[0].removesuffix(')')}", file=sys.stderr)
    return shares


def _write_tables(result: pipeline.Comparison, shares: pd.DataFrame, out: Path) -> None:
    frames = {
        "sentences.csv": pipeline.sentences(result), "alignment.csv": pipeline.alignment(result),
        "commitments.csv": pipeline.commitments(result), "emphasis.csv": pipeline.theme_emphasis(result),
        "voices.csv": pipeline.voices(result), "overlap.csv": shares,
        "discrepancies.csv": pipeline.discrepancies(result),
    }
    for name, frame in frames.items():
        tables.write(frame, out / name)


def _write_figures(result: pipeline.Comparison, files: Sequence[Path], out: Path,
                   done: Callable[[str], None]) -> list[plot.FigureRecord]:
    records = []
    for slug in pipeline.slugs(result):
        record, fig = pipeline.save_figure(result, slug, notebook=NOTEBOOK, inputs=files, out_dir=out)
        plt.close(fig)
        records.append(record)
        done(f"figure {slug}")
    return records


def _readme(files: Sequence[Path], labels: Sequence[str], semantic: bool) -> str:
    """What the output folder holds, for whoever opens it later."""
    compared = "\n".join(f"- {label}: `{path.name}`" for path, label in zip(files, labels))
    described = "\n".join(f"- `{name}`: {what}" for name, what in TABLES.items())
    scorer = SEMANTIC_NOTE if semantic else "Sentences were aligned with the lexical scorer alone.\n\n"
    return (
        "# Comparison of news reports\n\nWritten by `python -m analysis compare`.\n\n"
        f"## Reports\n\n{compared}\n\n{scorer}## Files\n\n- `report.html`: the reports side by side; open it in a "
        "browser (it works offline)\n"
        f"{described}\n- `figures/`: the figures as PNG, SVG and the plotted data as CSV; "
        "`figures/README.md` gives captions and inputs' SHA-256\n\n"
        "Column meanings and the method: the project's README (sections \"Output columns\" and \"Methodology\").\n"
    )
