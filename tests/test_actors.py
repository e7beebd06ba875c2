"""`analysis.actors`: later mentions resolve to the last person named, read once whatever the cast's size."""

import re

import pytest

from analysis import actors


def _cast(*people: tuple[str, str, str]) -> actors.Cast:
    cast = actors.Cast()
    for surname, role, party in people:
        cast.people.append(actors.Person(surname, surname, "", role, party))
    return cast


@pytest.mark.parametrize(("text", "role", "party", "expected"), [
    ("Naqvi met Baker.", "", "", "Baker"),
    ("Baker met Naqvi.", "", "", "Naqvi"),
    ("Baker met Naqvi.", "envoy", "", "Baker"),
    ("Naqvi met Baker.", "", "pk", "Naqvi"),
    ("Naqvi’s talks with Bakers", "", "", "Naqvi"),  # a possessive is the name; a longer word is not
    ("Pakistan-Naqvi talks", "", "", "Naqvi"),  # a name after a hyphen starts at a word boundary
    ("ANaqvi and Baker_", "", "", None),  # inside a longer word
    ("Al-Sharif spoke", "", "", "Sharif"),  # the later offset: "Sharif" starts after the hyphen
])
def test_last_person_is_the_last_surname_at_word_boundaries(text, role, party, expected):
    cast = _cast(("Naqvi", "minister", "pk"), ("Baker", "envoy", "us"), ("Al-Sharif", "minister", "pk"),
                 ("Sharif", "minister", "pk"))
    found = actors.last_person(cast, text, role=role, party=party)
    assert (found.surname if found else None) == expected


def test_last_person_reads_the_text_once_whatever_the_cast(monkeypatch):
    """Many people named before: the surname index answers, no regex per person (that grew with the square)."""
    cast = _cast(*((f"Name{k}x", "minister", "") for k in range(5_000)), ("Baker", "envoy", "us"))
    compiled = []
    monkeypatch.setattr(re, "finditer", lambda *a, **k: compiled.append(a) or iter(()))
    assert actors.last_person(cast, "Name17x met Baker. " * 10, role="minister").surname == "Name17x"
    assert not compiled
    assert actors.person_by_surname(cast, "Name4999x").surname == "Name4999x"
