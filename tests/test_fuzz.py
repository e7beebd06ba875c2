"""Every command on reports with long tokens, long runs of white space and long runs of capitals.

Such runs made a name pattern backtrack (a 20,000-character token took 17 s).
Here hypothesis only checks that every command ends normally: a table, or a
one-line `error: ...` with status 2, never a traceback. How long a
200,000-character run takes is measured by benchmarks/bench_growth.py, not
by a timed test.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from analysis import cli

SENTENCES = [
    "Minister Sara Khan said on Monday the talks would resume in May.",
    "The two sides agreed to share border data.",
    "Officials in Lahore met the delegation of the European Union.",
    "“We will continue,” he said.",
]
RUNS = {
    "token": st.sampled_from(["x", "ab", "Q1.", "’s", "-"]),
    "white space": st.sampled_from([" ", "\t", "\n", "\u00a0", "\n\n", " \t"]),
    "capitals": st.sampled_from(["A", "AB.", "A ", "Ñ"]),
}


@st.composite
def runs(draw) -> str:
    """A long run of one kind: a unit repeated up to 20,000 characters."""
    unit = draw(st.one_of(*RUNS.values()))
    return unit * draw(st.integers(min_value=1, max_value=20_000 // len(unit)))


@st.composite
def reports(draw) -> str:
    """A headline and paragraphs of plain sentences with long runs put in anywhere."""
    parts = ["Talks resume"]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        words = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))).split(" ")
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            words.insert(draw(st.integers(min_value=0, max_value=len(words))), draw(runs()))
        parts.append(" ".join(words))
    return "\n\n".join(parts) + "\n"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, out.getvalue(), err.getvalue()


def ends_normally(status: int, err: str) -> None:
    assert status in (0, 2)
    if status == 2:
        assert err.startswith("error: ") and err.count("\n") == 1


FUZZ = settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(reports())
def test_sentences_and_commitments_end_normally_and_sentences_are_the_source_text(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_text(text, encoding="utf-8")
        status, out, err = run(["sentences", "--format", "json", str(path)])
        ends_normally(status, err)
        if status == 0:
            decoded = path.read_text(encoding="utf-8")
            assert all(decoded[row["start"] : row["end"]] == row["text"] for row in json.loads(out))
        ends_normally(*run(["commitments", str(path)])[::2])


@FUZZ
@given(reports(), reports())
def test_align_ends_normally(a, b):
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "a.txt", Path(folder) / "b.txt"]
        for path, text in zip(paths, (a, b)):
            path.write_text(text, encoding="utf-8")
        ends_normally(*run(["align", *map(str, paths)])[::2])


@settings(FUZZ, max_examples=4)
@given(reports(), reports())
def test_compare_ends_normally(a, b):
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "a.txt", Path(folder) / "b.txt"]
        for path, text in zip(paths, (a, b)):
            path.write_text(text, encoding="utf-8")
        status, _, err = run(["compare", *map(str, paths), "--out", str(Path(folder) / "out")])
        ends_normally(status, err)
        if status == 0:
            assert (Path(folder) / "out" / "report.html").exists()
