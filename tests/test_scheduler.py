"""`--scheduler ADDRESS`: `events` and `batch` on a Dask cluster (an in-process LocalCluster), and a bad address."""

import json
from pathlib import Path

import pytest
from distributed import LocalCluster

from analysis import batch, parallel
from analysis.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "events"


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_events_on_dask_gives_what_this_machine_gives(scheduler, capsys):
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    assert main(["events", *files]) == 0
    here = capsys.readouterr().out
    assert main(["events", *files, "--scheduler", scheduler]) == 0
    assert capsys.readouterr().out == here and here.count("event-003") == 2


def test_batch_on_dask_groups_records_without_event_id(scheduler, tmp_path):
    story = "The council approved the new budget on Monday. The mayor said taxes would not rise."
    other = "A storm closed the harbour for two days. Fishing boats stayed in port."
    records = [{"outlet": o, "title": t, "text": x} for o, t, x in
               [("x", "Budget passes", story), ("y", "Council passes budget", story),
                ("x", "Storm shuts harbour", other), ("y", "Harbour closed by storm", other)]]
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    summary = batch.run(source, tmp_path / "out", progress=False, examples=0, scheduler=scheduler)
    assert summary[["a", "b", "events"]].values.tolist() == [["x", "y", 2]]


def test_bad_scheduler_address_is_a_one_line_error(monkeypatch, capsys):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)
    files = [str(FIXTURES / "bridge-gazette.txt"), str(FIXTURES / "chess.txt")]
    assert main(["events", *files, "--scheduler", "tcp://127.0.0.1:9"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and "\n" not in err
