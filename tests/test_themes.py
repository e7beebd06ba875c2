"""Theme lexicon: word boundaries, acronym case, plurals, multi-label."""

import pytest

from analysis.themes import term_pattern, theme_names, themes_in


@pytest.mark.parametrize(
    "term, text, found",
    [
        ("FIA", "within the FIA academy", True),
        ("FIA", "a fiat currency", False),  # word boundary
        ("FIA", "the fia rules", False),  # acronyms are case-sensitive
        ("drug", "Drugs seized at the airport", True),  # plural, case-insensitive
        ("drug", "drugstore opened", False),
        ("counter-narcotics", "counter narcotics framework", True),  # hyphen = space
        ("narcotic*", "narcotics smuggling", True),
        ("terror*", "terrorism and terror financing", True),
        ("call centre", "illegal call centres", True),
        ("coastal guard", "coastal guards", True),
        ("strategy", "new strategies", True),  # -y -> -ies
    ],
)
def test_term_matching(term, text, found):
    assert bool(term_pattern(term).search(text)) is found


def test_multi_label():
    themes = themes_in("US support for the FIA's counterterrorism wing")
    assert "counterterrorism" in themes and "law-enforcement institutions and training" in themes


def test_eight_themes():
    assert len(theme_names()) == 8


@pytest.mark.parametrize(
    "term, text, found",
    [
        ("terror*", "a wave of terrorism", True),  # "*": any ending, not only a plural
        ("terror*", "talks on the border", False),  # "*" extends the term; it does not stand alone
        ("narcotic*", "narcotic", True),  # the bare stem matches too
        ("Interpol", "two Interpols", False),  # a capitalised name is not pluralised, only lower-case words are
        ("FX", "an F grade", False),  # a capital X ends the term like any other letter
        ("cross-border", "crossborder trade", False),  # a hyphen is a gap between words, not optional
        ("drug", "anti-drug laws", False),  # a hyphen before the term joins it to another word
        ("equipment", "EQUIPMENT", True),  # terms without acronym ignore case
    ],
)
def test_term_matching_edges(term, text, found):
    assert bool(term_pattern(term).search(text)) is found


@pytest.mark.parametrize(
    "text, themes",
    [
        ("Drugs were seized at the port.", ("counter-narcotics",)),
        ("The weather was fine.", ()),
        ("Police seized drugs.", ("counter-narcotics", "law-enforcement institutions and training")),  # lexicon order
    ],
)
def test_themes_in_names_exactly_the_themes_whose_terms_occur(text, themes):
    assert themes_in(text) == themes
