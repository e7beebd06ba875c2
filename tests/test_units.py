"""Behaviour of analysis.units on sentences written for the purpose."""

from __future__ import annotations

import pytest

from analysis.units import split


@pytest.mark.parametrize(
    "text, units",
    [
        ("He said the council would fund the wall, adding that work would start in May.",
         ("He said the council would fund the wall", "work would start in May.")),
        ("Weber praised the engineers' work and reaffirmed the city's commitment to the wall.",
         ("Weber praised the engineers' work", "reaffirmed the city's commitment to the wall.")),
        ("Lund welcomed the offer and said the province would match the funding.",
         ("Lund welcomed the offer", "said the province would match the funding.")),
        ("The mayor opened the bridge; traffic will start on Monday morning.",
         ("The mayor opened the bridge", "traffic will start on Monday morning.")),
    ],
)
def test_a_sentence_of_several_facts_is_cut_where_a_statement_starts(text, units):
    assert split(text).texts == units


@pytest.mark.parametrize(
    "text",
    [
        "The talks covered security, border management and law enforcement.",  # a list, no verb after "and"
        "He said so, adding more.",  # pieces too short to be facts
        "The ship and its crew arrived in Oslo on Monday.",
    ],
)
def test_a_sentence_of_one_fact_is_one_unit_itself(text):
    assert split(text).texts == (text,) and split(text).frame == ""


def test_an_opening_scene_is_a_frame_not_a_fact():
    units = split("During the meeting, both sides agreed on closer cooperation in fisheries.")
    assert units.frame == "During the meeting," and units.texts == ("both sides agreed on closer cooperation in fisheries.",)


def test_a_long_opening_phrase_is_no_frame():
    text = "During the long and difficult meeting of the two regional fisheries councils, both sides agreed."
    assert split(text).frame == ""
