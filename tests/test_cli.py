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
