import json

import pytest

from analysis import batch
from analysis.errors import InputError

STORY = "The council approved the new budget on Monday. The mayor said taxes would not rise. Critics called it reckless."
OTHER = "A storm closed the harbour for two days. Fishing boats stayed in port. Forecasters expect calm seas."


def write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


#: Two events, two outlets each; the last record uses the alternative field names.
RECORDS = [
    {"event_id": "e1", "outlet": "x", "title": "Budget passes", "text": STORY},
    {"event_id": "e1", "outlet": "y", "title": "Council passes budget", "text": STORY},
    {"event_id": "e2", "outlet": "x", "title": "Storm shuts harbour", "text": OTHER},
    {"event": "e2", "label": "y", "title": "Harbour closed by storm", "text": OTHER},
]


@pytest.fixture
def articles(tmp_path):
    return batch.read_articles(write_jsonl(tmp_path / "a.jsonl", RECORDS))


def test_grouping_and_pairs(articles):
    events = batch.by_event(articles)
    assert list(events) == ["e1", "e2"] and [a.label for a in events["e2"]] == ["x", "y"]
    same = batch.same_event_pairs(events)
    different = batch.different_event_pairs(events)
    assert all(a.event == b.event for a, b in same) and len(same) == 2
    assert all(a.event != b.event for a, b in different) and len(different) == 2


def test_overlap_separates_same_and_different_events(articles):
    events = batch.by_event(articles)
    table = batch.overlap_table(batch.same_event_pairs(events) + batch.different_event_pairs(events), workers=1, progress=False)
    assert list(table.columns) == batch.OVERLAP_COLUMNS
    same = table[table.same_event]
    different = table[~table.same_event]
    assert (same.match_share == 1.0).all()
    assert (different.aligned_share == 0.0).all()


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"event_id": "e1", "outlet": "x"'], "line 1: not JSON"),
        (['{"event_id": "e1", "text": "Some text."}'], "line 1: needs"),
        (["", "  "], "empty"),
    ],
)
def test_bad_jsonl_is_a_one_line_error(tmp_path, lines, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        batch.read_articles(path)


def test_batch_run_writes_tables_figure_and_example_comparisons(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", RECORDS)
    summary = batch.run(source, tmp_path / "out", progress=False, examples=1)
    assert summary[["a", "b", "events"]].values.tolist() == [["x", "y", 2]]
    assert (tmp_path / "out" / "figures" / "overlap-by-outlet-pair.png").exists()
    assert (tmp_path / "out" / "events" / "event-001" / "comparison" / "report.html").exists()
    assert not (tmp_path / "out" / "events" / "event-002").exists()


def test_records_without_event_id_are_grouped_into_events(tmp_path):
    """No event_id: `analysis.events` groups the pile first (two stories, two outlets each)."""
    records = [{k: v for k, v in r.items() if k not in ("event_id", "event")} for r in RECORDS]
    articles = batch.assign_events(batch.read_articles(write_jsonl(tmp_path / "a.jsonl", records)))
    assert [a.event for a in articles] == ["group-001", "group-001", "group-002", "group-002"]
    summary = batch.run(write_jsonl(tmp_path / "b.jsonl", records), tmp_path / "out", progress=False, examples=0)
    assert summary[["a", "b", "events"]].values.tolist() == [["x", "y", 2]]


def test_records_with_and_without_event_id_keep_the_given_ones(tmp_path):
    records = [RECORDS[0], RECORDS[1]] + [{k: v for k, v in r.items() if k not in ("event_id", "event")} for r in RECORDS[2:]]
    articles = batch.assign_events(batch.read_articles(write_jsonl(tmp_path / "a.jsonl", records)))
    assert [a.event for a in articles] == ["e1", "e1", "group-001", "group-001"]
