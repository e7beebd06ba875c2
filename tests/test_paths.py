"""Outputs go to a scratch folder during test runs, so tracked files stay untouched."""

import pandas as pd

from analysis import tables
from analysis.paths import TABLES, output


def test_without_scratch_a_path_is_itself(monkeypatch):
    monkeypatch.delenv("ANALYSIS_SCRATCH", raising=False)
    assert output(TABLES / "T9-x.csv") == TABLES / "T9-x.csv"


def test_scratch_mirrors_repository_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_SCRATCH", str(tmp_path))
    assert output(TABLES / "T9-x.csv") == tmp_path / "tables" / "T9-x.csv"
    assert (tmp_path / "tables").is_dir()


def test_scratch_leaves_outside_paths_alone(monkeypatch, tmp_path):
    scratch, elsewhere = tmp_path / "scratch", tmp_path / "results" / "a.csv"
    monkeypatch.setenv("ANALYSIS_SCRATCH", str(scratch))
    assert output(elsewhere) == elsewhere


def test_tables_write_goes_to_scratch(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_SCRATCH", str(tmp_path))
    target = TABLES / "T99-scratch-check.csv"
    tables.write(pd.DataFrame({"x": [1]}), target)
    assert not target.exists()
    assert (tmp_path / "tables" / target.name).read_text(encoding="utf-8") == "x\n1\n"
