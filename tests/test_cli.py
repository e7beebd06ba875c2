import json

import pytest

from analysis.cli import main
from tests.conftest import SEED_B


def test_sentences_csv(capsys):
    assert main(["sentences", str(SEED_B)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "id,role,paragraph,start,end,text"
    assert out[1].startswith("s001,headline,1,0,")


def test_removed_json(capsys):
    assert main(["sentences", "--removed", "--format", "json", str(SEED_B)]) == 0
    rules = [row["rule"] for row in json.loads(capsys.readouterr().out)]
    assert rules == ["comment-form", "comment-field", "teaser-block"]


@pytest.mark.parametrize("name", ["missing.txt", "empty.txt"])
def test_bad_input_is_one_line_and_status_2(tmp_path, capsys, name):
    (tmp_path / "empty.txt").write_text("")
    assert main(["sentences", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_align_prints_the_required_columns(capsys):
    from tests.conftest import SEED_A

    assert main(["align", str(SEED_A), str(SEED_B)]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert {"a_id", "b_id", "a_text", "b_text", "score", "relation"} <= set(header)


def test_align_refuses_crossed_thresholds(capsys):
    assert main(["align", str(SEED_B), str(SEED_B), "--match-threshold", "0.2", "--partial-threshold", "0.5"]) == 2
    assert "must not be above" in capsys.readouterr().err


def test_commitments_prints_the_required_columns(capsys):
    assert main(["commitments", "--format", "json", str(SEED_B)]) == 0
    records = json.loads(capsys.readouterr().out)
    required = {"sentence_id", "text", "actor", "speaker", "cue", "content", "strength", "joint", "cameo", "plover",
                "scope", "themes"}
    assert records and all(required <= set(r) for r in records)
