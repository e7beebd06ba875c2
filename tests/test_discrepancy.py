"""Behaviour of analysis.discrepancy on sentence pairs written for the purpose."""

from __future__ import annotations

import pytest

from analysis.describe import describe
from analysis.discrepancy import KINDS, compare, dates, details, kinds, numbers


def found(a: str, b: str, **options) -> str:
    x, y = describe([a, b])
    return kinds(compare(x, y, **options))


@pytest.mark.parametrize(
    "a, b, kind",
    [
        ("The council voted 7-2 to approve the levee plan.", "The council voted 6-3 on the levee plan.", "number"),
        ("The blast killed 3 miners and injured 11.", "The blast killed 4 miners and injured 9.", "number"),
        ("The board approved the harbour budget.", "The board did not approve the harbour budget.", "negation"),
        ("The council voted to approve the levee plan.", "The council voted to reject the levee plan.", "negation"),
        ("The talks on the dam were held on Monday.", "The talks on the dam were held on Tuesday.", "date"),
        ("The ministers agreed on a new border regime.", "The ministers discussed a new border regime.", "certainty"),
        ("The ministers agreed on a new border regime.", "The ministers reviewed a new border regime.", "certainty"),
        ("France agreed to send troops to Mali.", "Germany agreed to send troops to Mali.", "actor"),
        ("Three workers were hurt at the plant.", "Five workers were hurt at the plant.", "number"),
    ],
)
def test_each_kind_of_disagreement_is_found(a, b, kind):
    assert found(a, b) == kind


@pytest.mark.parametrize(
    "a, b",
    [
        ("Council approves $42 million flood wall", "Council backs $42m flood wall"),
        ("The council voted seven votes to two for the wall.", "The council voted 7-2 for the wall."),
        ("The ship carried 134 tonnes of grain.", "The ship carried 134 tons of grain."),
        ("The crowd numbered 2,001 people.", "The crowd numbered 2001 people."),
        ("Three workers were hurt at the plant.", "3 workers were hurt at the plant."),
        ("The talks opened on 6 December.", "The talks opened on December 6."),
        ("The ministers agreed on a border regime.", "The ministers reached an agreement and agreed on a border regime."),
    ],
)
def test_equal_forms_are_agreement(a, b):
    assert found(a, b) == ""


def test_a_detail_only_one_side_gives_is_no_disagreement():
    assert found("The blast killed 3 miners.", "The blast killed 3 miners and injured 11.") == ""
    assert found("The talks were held in Oslo.", "The talks were held in Oslo on Monday.") == ""


def test_spelled_and_scaled_numbers_are_values():
    assert set(numbers("eleven injured and twenty-one missing, $1.5bn lost")) == {11.0, 21.0, 1.5e9}
    assert numbers("one of the first to arrive") == {}  # a pronoun "one" and an ordinal are no figures


def test_a_date_is_not_read_as_a_number():
    assert numbers("The talks opened on 6 December 2025.") == {}
    assert set(dates("on Saturday, 6 December 2025")) == {"Saturday", "December 6"}


def test_speaker_counts_only_when_asked():
    a, b = "Mayor Weber said the wall would be ready in May.", "Governor Lund said the wall would be ready in May."
    x, y = describe([a, b])
    voices = (x.speaker, y.speaker)
    assert kinds(compare(x, y, speakers=voices)) == "speaker"
    assert kinds(compare(x, y, speakers=voices, speaker_counts=False)) == ""
    assert details(compare(x, y, speakers=voices)) == "speaker: A Mayor Weber | B Governor Lund"


def test_kinds_come_in_a_fixed_order_with_their_words():
    x, y = describe(["France agreed on Monday to send 300 troops.", "Germany agreed on Tuesday to send 500 troops."])
    findings = compare(x, y)
    assert kinds(findings) == "number;date;actor"
    assert [f.kind for f in findings] == [k for k in KINDS if k in kinds(findings).split(";")]
    assert "number: A 300 | B 500" in details(findings)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # different quantities added beside one fact: not a disagreement
        ("The council approved a 42 million euro flood wall.", "Councillors backed the flood wall in a vote of 31 to 12.", ""),
        ("The wall will be finished by 2028.", "The wall will cost 45 million euros.", ""),
        # the same kind of quantity, other values: a disagreement
        ("The flood wall will cost 42 million euros.", "The flood wall will cost $45m.", "number"),
        ("The wall will be finished by 2028.", "The wall will be completed in 2029.", "number"),
        ("The wall is 3.5 kilometres long.", "The wall is 4 kilometres long.", "number"),
    ],
)
def test_only_numbers_of_one_kind_disagree(a, b, expected):
    assert found(a, b) == expected
