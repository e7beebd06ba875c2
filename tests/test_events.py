"""The same-event verdict and the `events` command, on fixture texts written for these tests."""

from pathlib import Path

import pytest

from analysis import events
from analysis.cli import main
from analysis.sources import read_report

FIXTURES = Path(__file__).parent / "fixtures" / "events"


def test_one_event_pair_is_judged_one_event():
    a, b = (read_report(FIXTURES / f"bridge-{o}.txt") for o in ("gazette", "herald"))
    v = events.same_event(a, b)
    assert v.verdict == events.ONE and v.probability >= events.THRESHOLD
    assert v.sentence().startswith("These reports likely tell of one event")


def test_unrelated_report_is_its_own_group(capsys):
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    assert main(["events", *files]) == 0
    rows = dict(line.split(",") for line in capsys.readouterr().out.splitlines()[1:])
    chess = rows.pop(str(FIXTURES / "chess.txt"))
    assert chess not in rows.values()
    assert rows[str(FIXTURES / "bridge-gazette.txt")] == rows[str(FIXTURES / "bridge-herald.txt")]


def test_pairs_has_the_columns(capsys):
    files = [str(FIXTURES / "bridge-gazette.txt"), str(FIXTURES / "chess.txt")]
    assert main(["events", *files, "--pairs"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert header.startswith("a,b,probability,verdict,evidence")
    assert ",two events," in row


@pytest.mark.parametrize("case", ["one", "twice", "empty"])
def test_bad_input_gives_one_line_error(case, tmp_path, capsys):
    bridge = str(FIXTURES / "bridge-gazette.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    files = {"one": [bridge], "twice": [bridge, bridge], "empty": [bridge, str(empty)]}[case]
    assert main(["events", *files]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err


def test_compare_writes_events_csv_and_opens_with_the_verdict(tmp_path):
    from analysis import compare

    out = tmp_path / "out"
    files = [FIXTURES / "bridge-gazette.txt", FIXTURES / "chess.txt"]
    compare.run(files, out)
    table = (out / "events.csv").read_text(encoding="utf-8").splitlines()
    assert len(table) == 2 and table[0].startswith("a,b,probability,verdict")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "These reports likely tell of two different events (p = " in page
    assert page.index('class="verdict"') < page.index('class="lede"')
