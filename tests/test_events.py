"""The same-event verdict and the `events` command, on fixture texts written for these tests."""

import datetime as dt
from pathlib import Path

import pytest

from analysis import events
from analysis.cli import main
from analysis.describe import stem
from analysis.sources import read_report

FIXTURES = Path(__file__).parent / "fixtures" / "events"


def test_one_event_pair_is_judged_one_event():
    a, b = (read_report(FIXTURES / f"bridge-{o}.txt") for o in ("gazette", "herald"))
    v = events.same_event(a, b)
    assert v.verdict == events.ONE and v.probability >= events.THRESHOLD
    assert v.sentence().startswith("These reports likely tell of one event")


def test_near_miss_pair_is_judged_two_events():
    """The same minister and mayor open a tunnel three months after the bridge: printed dates apart."""
    a, b = (read_report(FIXTURES / f"{what}-gazette.txt") for what in ("bridge", "tunnel"))
    v = events.same_event(a, b)
    assert v.verdict == events.TWO and v.probability < events.THRESHOLD
    assert v.features["officials_apart"] > 0 and v.features["date_agree"] == 0
    assert "March 14, 2024 | June 20, 2024" in v.evidence["main"]


def test_printed_dates_agree_conflict_or_say_nothing():
    day = dt.date(2024, 3, 14)
    assert events.date_agreement(day, None) == (0.0, 0.0)
    assert events.date_agreement(day, day + dt.timedelta(days=1)) == (1.0, 0.0)
    agree, months = events.date_agreement(day, day + dt.timedelta(days=98))
    assert agree == 0.0 and 0.0 < months < events.date_agreement(day, day + dt.timedelta(days=400))[1] == 1.0


def test_titled_names_are_people_not_shared_words():
    profile = events.profile(read_report(FIXTURES / "bridge-gazette.txt"))
    assert "Vasko" in profile.titles and stem("Vasko") not in profile.terms and stem("Calder") in profile.terms


def test_pile_is_grouped_into_its_events(capsys):
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    assert main(["events", *files]) == 0
    rows = dict(line.split(",") for line in capsys.readouterr().out.splitlines()[1:])
    event = {Path(name).stem: label for name, label in rows.items()}
    assert event["bridge-gazette"] == event["bridge-herald"] != event["tunnel-gazette"] == event["tunnel-herald"]
    assert len(set(event.values())) == 3 and event["chess"] not in {event["bridge-gazette"], event["tunnel-gazette"]}


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
