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
