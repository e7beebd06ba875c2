import json

import pandas as pd
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
    assert (tmp_path / "out" / "events" / "e1" / "comparison" / "report.html").exists()
    assert not (tmp_path / "out" / "events" / "e2").exists()
    readme = (tmp_path / "out" / "events" / "e1" / "README.md").read_text(encoding="utf-8")
    assert "Event e1" in readme and "Budget passes" in readme and "- x:" in readme and "- y:" in readme
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(batch.BATCH_OUTPUTS)  # no staging left


def test_overlap_marks_pairs_of_different_events(tmp_path):
    batch.run(write_jsonl(tmp_path / "a.jsonl", RECORDS), tmp_path / "out", progress=False, examples=0)
    table = pd.read_csv(tmp_path / "out" / "overlap.csv")
    assert set(table.same_event) == {True, False}
    assert (table[~table.same_event].event.str.contains("|", regex=False)).all()
    summary = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert (summary.different_event_aligned_share < summary.aligned_share).all()


#: One bad event of each kind, beside the two good ones of RECORDS; the reason the warning gives.
BAD_EVENTS = [
    ([{"event_id": "solo", "outlet": "x", "title": "t", "text": STORY}], "only one outlet"),
    ([{"event_id": "twice", "outlet": "x", "text": STORY}, {"event_id": "twice", "outlet": "x", "text": OTHER}],
     "outlet x more than once"),
    ([{"event_id": "blank", "outlet": "x", "text": STORY}, {"event_id": "blank", "outlet": "y", "text": "  "}],
     "needs text"),
    ([{"event_id": "nolabel", "outlet": "x", "text": STORY}, {"event_id": "nolabel", "text": STORY}],
     "needs outlet"),
    ([{"event_id": "furniture", "outlet": "x", "text": STORY}, {"event_id": "furniture", "outlet": "y", "text": "Advertisement"}],
     "no sentence left"),
]


@pytest.mark.parametrize(("records", "reason"), BAD_EVENTS, ids=[r[0]["event_id"] for r, _ in BAD_EVENTS])
def test_a_bad_event_is_skipped_with_a_warning_naming_it(tmp_path, capsys, records, reason):
    event = records[0]["event_id"]
    summary = batch.run(write_jsonl(tmp_path / "a.jsonl", RECORDS + records), tmp_path / "out", progress=False, examples=3)
    warning = capsys.readouterr().err
    assert f"warning: skipped {event}: " in warning and reason in warning
    assert summary.events.tolist() == [2]
    skipped = pd.read_csv(tmp_path / "out" / "skipped.csv")
    assert skipped.event.tolist() == [event] and reason in skipped.reason[0]
    assert not (tmp_path / "out" / "events" / event).exists()
    assert event not in pd.read_csv(tmp_path / "out" / "overlap.csv").event.str.cat()


def test_numeric_event_ids_are_accepted_and_name_their_folder(tmp_path):
    records = [{**r, "event_id": 17 if r.get("event_id", r.get("event")) == "e1" else 2025.5} for r in RECORDS]
    for r in records:
        r.pop("event", None)
    batch.run(write_jsonl(tmp_path / "a.jsonl", records), tmp_path / "out", progress=False, examples=3)
    assert sorted(p.name for p in (tmp_path / "out" / "events").iterdir()) == ["17", "2025.5"]


def test_a_bad_line_is_skipped_by_its_number_and_an_article_without_event_is_grouped(tmp_path, capsys):
    lines = [json.dumps(r) for r in RECORDS] + ['{"outlet": "x", "text": "Some text."}', "not json", '{"outlet": "z"}',
                                                '{"outlet": "w", "text": "Advertisement"}']
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    batch.run(tmp_path / "a.jsonl", tmp_path / "out", progress=False, examples=0)
    warning = capsys.readouterr().err
    assert "skipped group-001: only one outlet (x)" in warning and "skipped line 6: not JSON" in warning
    assert "skipped line 7: needs text" in warning and "skipped line 8: no sentence left" in warning


def test_no_event_left_is_an_error_and_writes_nothing(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", BAD_EVENTS[0][0] + BAD_EVENTS[1][0])
    with pytest.raises(InputError, match="no event could be compared"):
        batch.run(source, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("event", "expected"),
    [("e1", "e1"), ("2025/10 talks", "2025-10-talks"), ("../../etc", "etc"), ("...", "event"), ("Ünïcode id", "n-code-id")],
)
def test_folder_names_are_safe(event, expected):
    assert batch.folder_name(event, set()) == expected


def test_folder_names_stay_distinct():
    taken: set[str] = set()
    assert [batch.folder_name(e, taken) for e in ("a/b", "a b", "A-B")] == ["a-b", "a-b-2", "A-B-3"]


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


def test_lexical_batch_never_loads_the_cross_encoder(tmp_path, monkeypatch):
    """`batch --lexical` aligns with the lexical scorer alone, in the workers and in the example comparisons."""
    from analysis import semantic
    from analysis.cli import main

    def refuse(requested):
        if requested is not False:
            raise AssertionError(f"scorer asked for {requested!r}")
        return False

    monkeypatch.setattr(semantic, "resolve", refuse)  # forked workers inherit it
    source = write_jsonl(tmp_path / "a.jsonl", RECORDS)
    assert main(["batch", str(source), "--out", str(tmp_path / "out"), "--lexical"]) == 0
    assert len(pd.read_csv(tmp_path / "out" / "overlap.csv")) == 4


def article(event, label, text=STORY):
    return batch.Article(event, label, "", "", text)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"event_id": "e1", "event": "e2"}, "e1"),  # the first name wins
        ({"event_id": None, "event": "e2"}, "e2"),  # a name holding no string or number is passed over
        ({"event_id": 17}, "17"),
        ({"event_id": 1.5}, "1.5"),
        ({"event_id": True, "event": "e3"}, "e3"),  # a boolean is not an id
        ({"event_id": ["e1"]}, ""),
        ({}, ""),
    ],
)
def test_field_reads_the_first_string_or_number(record, expected):
    assert batch._field(record, "event_id", "event") == expected


@pytest.mark.parametrize(
    ("record", "missing"),
    [
        (["not", "an", "object"], "not a JSON object"),
        ({"outlet": "x", "text": "   "}, "needs text"),
        ({"text": "Some text."}, "needs outlet (or label)"),
        ({"title": "t"}, "needs outlet (or label), text"),
    ],
)
def test_an_incomplete_record_says_what_it_needs(record, missing):
    assert batch._article(record) == (None, missing)


def test_a_record_is_read_with_its_alternative_names():
    assert batch._article({"event": "e", "label": "y", "title": "T", "date": "2025-01-02", "text": "Hi."}) == (
        batch.Article("e", "y", "T", "2025-01-02", "Hi."), "")


def test_different_event_pairs_take_the_same_outlet_from_the_next_event():
    events = batch.by_event([article(e, label) for e in ("e3", "e1", "e2") for label in ("z", "x", "y")
                             if not (e == "e2" and label == "z")])
    assert list(events) == ["e1", "e2", "e3"] and [a.label for a in events["e1"]] == ["x", "y", "z"]
    pairs = [(a.event, a.label, b.event, b.label) for a, b in batch.different_event_pairs(events)]
    # e1's pairs take their second outlet from e2 (which has no z), e2's from e3, e3's wrap round to e1
    assert pairs == [("e1", "x", "e2", "y"), ("e2", "x", "e3", "y"),
                     ("e3", "x", "e1", "y"), ("e3", "x", "e1", "z"), ("e3", "y", "e1", "z")]
    assert [(a.event, a.label, b.label) for a, b in batch.same_event_pairs(events)] == [
        ("e1", "x", "y"), ("e1", "x", "z"), ("e1", "y", "z"), ("e2", "x", "y"),
        ("e3", "x", "y"), ("e3", "x", "z"), ("e3", "y", "z")]


def test_one_event_has_no_different_event_pairs():
    assert batch.different_event_pairs(batch.by_event([article("e1", "x"), article("e1", "y")])) == []


def test_pair_overlap_names_the_pair_and_its_events():
    same = batch.pair_overlap(article("e1", "x"), article("e1", "y"))
    other = batch.pair_overlap(article("e1", "x"), article("e2", "y", OTHER))
    assert same == {"event": "e1", "a": "x", "b": "y", "same_event": True, "a_sentences": 3, "b_sentences": 3,
                    "aligned_share": 1.0, "match_share": 1.0}
    assert other == {"event": "e1|e2", "a": "x", "b": "y", "same_event": False, "a_sentences": 3, "b_sentences": 3,
                     "aligned_share": 0.0, "match_share": 0.0}


def test_outlet_summary_averages_each_outlet_pair_and_keeps_the_yardstick_apart():
    table = pd.DataFrame([
        {"event": "e1", "a": "x", "b": "y", "same_event": True, "aligned_share": 0.8, "match_share": 0.6},
        {"event": "e2", "a": "x", "b": "y", "same_event": True, "aligned_share": 0.4, "match_share": 0.2},
        {"event": "e1|e2", "a": "x", "b": "y", "same_event": False, "aligned_share": 0.1, "match_share": 0.0},
        {"event": "e1", "a": "x", "b": "z", "same_event": True, "aligned_share": 0.5, "match_share": 0.5},
    ])
    summary = batch.outlet_summary(table)
    assert summary.to_dict("records") == [
        {"a": "x", "b": "y", "events": 2, "aligned_share": pytest.approx(0.6), "match_share": pytest.approx(0.4),
         "different_event_aligned_share": pytest.approx(0.1)},
        {"a": "x", "b": "z", "events": 1, "aligned_share": 0.5, "match_share": 0.5,
         "different_event_aligned_share": pytest.approx(float("nan"), nan_ok=True)},
    ]
