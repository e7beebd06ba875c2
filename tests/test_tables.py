import pandas as pd
import pytest

from analysis import tables


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("-x", "'-x"), ("@SUM", "'@SUM"), ("ok", "ok"), (3, 3)],
)
def test_defuse(value, expected):
    assert tables.defuse(value) == expected


def test_csv_defuses_text_but_not_numbers_and_json_keeps_text():
    frame = pd.DataFrame({"text": ["=1+1", "plain"], "strength": [-1, 4]})
    assert tables.csv_text(frame) == "text,strength\n'=1+1,-1\nplain,4\n"
    assert '"=1+1"' in tables.json_text(frame)
