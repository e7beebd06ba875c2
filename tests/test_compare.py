"""The compare command: outputs, parity with the notebooks, and every kind of bad request."""

import os

import pandas as pd
import pytest

from analysis import compare, pipeline, seeds
from analysis.cli import main
from analysis.errors import InputError
from analysis.paths import FIGURES, TABLES
from tests.conftest import SEED_A, SEED_B

PAIR = ["The council approved the budget on Monday. The mayor said taxes would not rise.",
        "A storm closed the harbour. The council approved the budget on Monday, officials said."]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare")
    labels = [seeds.label(row) for _, row in seeds.metadata().iterrows()]
    shares = compare.run([SEED_A, SEED_B], out, labels=labels, force=True,
                         successive="meeting" if seeds.successive_meetings() else None)
    return out, shares


def test_writes_every_output(seed_run):
    out, shares = seed_run
    assert all((out / name).exists() for name in compare.OUTPUTS)
    assert len(shares) == 1 and 0 <= shares["aligned_share"].item() <= 1
    alignment = pd.read_csv(out / "alignment.csv")
    assert {"pair", "a", "b", "a_id", "b_id", "relation", "score"} <= set(alignment.columns)


def test_figures_hold_the_same_data_as_the_notebooks(seed_run):
    out, _ = seed_run
    written = sorted(p.name for p in (out / "figures").glob("*.csv"))
    assert len(written) == 6, written
    for name in written:  # every figure of compare is one the notebooks commit, with the same plotted data
        assert (out / "figures" / name).read_text(encoding="utf-8") == (FIGURES / name).read_text(encoding="utf-8"), name


def test_tables_match_the_notebooks(seed_run):
    out, _ = seed_run
    notebook = pd.read_csv(TABLES / "T5-commitments.csv")
    assert pd.read_csv(out / "commitments.csv").equals(notebook)


def test_three_reports_give_a_matrix_and_pairwise_rows(tmp_path):
    files = []
    for k, text in enumerate(PAIR + ["Taxes will not rise, the mayor said on Monday. Budget approved."]):
        files.append(tmp_path / f"r{k}.txt")
        files[-1].write_text(f"Headline {k}\n\n{text}\n", encoding="utf-8")
    shares = compare.run(files, tmp_path / "out")
    assert len(shares) == 3
    assert (tmp_path / "out" / "figures" / "overlap-matrix.png").exists()
    assert pd.read_csv(tmp_path / "out" / "alignment.csv")["pair"].nunique() == 3


@pytest.fixture
def two_files(tmp_path):
    paths = []
    for k, text in enumerate(PAIR):
        paths.append(tmp_path / f"report{k}.txt")
        paths[-1].write_text(f"Headline {k}\n\n{text}\n", encoding="utf-8")
    return paths


def test_refuses_a_non_empty_folder_and_force_keeps_other_files(two_files, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty"):
        compare.run(two_files, out)
    (out / "sentences.csv").write_text("stale")
    compare.run(two_files, out, force=True)
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "sentences.csv").read_text().startswith("id,")


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda f, t: ([f[0]], {}), "at least two"),
        (lambda f, t: ([f[0], f[0]], {}), "same file"),
        (lambda f, t: (f, {"labels": ["only one"]}), "2 files but 1 labels"),
        (lambda f, t: (f, {"labels": ["x", "x"]}), "distinct"),
        (lambda f, t: (f, {"labels": ["x", " "]}), "non-empty"),
        (lambda f, t: ([f[0], t / "missing.txt"], {}), "no such file"),
    ],
)
def test_bad_requests_are_one_line_errors(two_files, tmp_path, make_args, message):
    files, options = make_args(two_files, tmp_path)
    with pytest.raises(InputError, match=message):
        compare.run(files, tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()  # nothing written before the request is checked


def test_same_file_through_a_link(two_files, tmp_path):
    link = tmp_path / "link.txt"
    os.symlink(two_files[0], link)
    with pytest.raises(InputError, match="same file"):
        compare.check_files([two_files[0], link])


def test_output_folder_that_cannot_be_made(two_files, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot create"):
        compare.run(two_files, blocker / "out")


def test_cli_exit_status_and_labels(two_files, tmp_path, capsys):
    assert main(["compare", *map(str, two_files), "--out", str(tmp_path / "o"), "--labels", "A,B"]) == 0
    assert pd.read_csv(tmp_path / "o" / "overlap.csv")[["a", "b"]].values.tolist() == [["A", "B"]]
    assert main(["compare", str(two_files[0]), "--out", str(tmp_path / "p")]) == 2
    assert capsys.readouterr().err.strip().endswith("compare needs at least two reports")


def test_a_write_failure_is_a_one_line_error(two_files, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(compare.tables, "write", refuse)
    with pytest.raises(InputError, match="cannot write the results"):
        compare.run(two_files, tmp_path / "out")


def test_successive_events_rename_the_commitment_groups(tmp_path):
    files = []
    for k, text in enumerate(["Talks held\n\nGermany agreed to send two frigates. Spain pledged to fund a hospital in Lagos.\n",
                              "Talks resumed\n\nGermany agreed to send two frigates. "
                              "The railway company promised refunds for delayed passengers.\n"]):
        files.append(tmp_path / f"r{k}.txt")
        files[-1].write_text(text, encoding="utf-8")
    assert main(["compare", *map(str, files), "--out", str(tmp_path / "out"), "--successive", "round"]) == 0
    groups = set(pd.read_csv(tmp_path / "out" / "figures" / "commitments-matrix.csv")["group"])
    assert groups == {"at both rounds (recurring)", "only at the first", "new at the second"}


def test_long_reports_give_bounded_figures_and_a_note_naming_each_summary(tmp_path, capsys):
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path, verb in zip(files, ("approved", "rejected")):
        facts = " ".join(f"The council of district {k} {verb} plan {k}." for k in range(1, 81))
        path.write_text(f"Plans decided\n\n{facts}\n", encoding="utf-8")
    compare.run(files, tmp_path / "out")
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note: ")]
    assert {line.split()[2] for line in notes} == {"similarity-heatmap", "story-map", "commitments-matrix"}
    index = (tmp_path / "out" / "figures" / "index.json").read_text(encoding="utf-8")
    assert index.count("(summarised: ") == 3
    assert len(pd.read_csv(tmp_path / "out" / "figures" / "story-map.csv")) == 2 * 60


def test_every_step_of_a_comparison_is_reported_for_the_progress_bar(tmp_path):
    files = []
    for k, text in enumerate(PAIR + ["Taxes will not rise, the mayor said on Monday. Budget approved."]):
        files.append(tmp_path / f"r{k}.txt")
        files[-1].write_text(f"Headline {k}\n\n{text}\n", encoding="utf-8")
    reports = [compare.read_report(f) for f in files]
    steps = []
    compare.pipeline.compare(reports, ["A", "B", "C"], done=steps.append)
    assert steps == ["aligned A | B", "aligned A | C", "aligned B | C", "commitments of A", "commitments of B",
                     "commitments of C"]


def test_overlap_flags_near_copies_and_discrepancies_are_a_table(seed_run):
    out, shares = seed_run
    assert {"copy_share", "near_copy"} <= set(shares.columns) and not shares["near_copy"].item()
    found = pd.read_csv(out / "discrepancies.csv", keep_default_na=False)
    alignment = pd.read_csv(out / "alignment.csv", keep_default_na=False)
    assert list(found.columns) == list(pipeline.DISCREPANCY_COLUMNS)
    assert len(found) == (alignment["discrepancy"] != "").sum() and (found["discrepancy"] != "").all()


def test_each_report_is_annotated_once_for_every_table_and_figure(tmp_path, monkeypatch):
    """Commitments and the cast are extracted once per report (analysis.annotations), not once per table or figure:
    every sentence is read for commitments once, and one cast is built per report."""
    from analysis import actors, commitments

    calls = {"sentences": 0, "casts": 0}

    def counting(name, function):
        def counted(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return counted

    # Counted where every path passes, whichever name a module imported: a cast starts with its host.
    monkeypatch.setattr(commitments, "find_commitments", counting("sentences", commitments.find_commitments))
    monkeypatch.setattr(actors, "find_host", counting("casts", actors.find_host))
    files = []
    for k, text in enumerate(PAIR):
        files.append(tmp_path / f"r{k}.txt")
        files[-1].write_text(f"Headline {k}\n\nPakistan agreed to help. {text}\n", encoding="utf-8")
    judge = compare.pipeline.events.pair_verdicts

    def uncounted(*args):  # the same-event verdict reads the reports its own way (analysis.events)
        before = dict(calls)
        verdicts = judge(*args)
        calls.update(before)
        return verdicts

    monkeypatch.setattr(compare.pipeline.events, "pair_verdicts", uncounted)
    compare.run(files, tmp_path / "out", semantic=False, progress=False)
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert calls == {"sentences": len(sentences), "casts": len(files)}
    assert len(pd.read_csv(tmp_path / "out" / "commitments.csv")) >= len(files)
