"""Scope rules: strong markers, month against the report's date, the perfect tense outside the lead, section majority."""

import pytest

from analysis.scope import BACKGROUND, MEETING, marker, report_month, section_of, sentence_scopes
from analysis.sources import Report, Sentence


@pytest.mark.parametrize(
    ("text", "month", "in_lead", "expected"),
    [
        ("The ministers met on Saturday.", 0, False, MEETING),
        ("They had signed a similar pact earlier.", 0, False, BACKGROUND),
        ("In recent months the two sides drifted apart.", 0, False, BACKGROUND),
        ("During the meeting they recalled talks held earlier.", 0, False, MEETING),  # both kinds: meeting wins
        ("In September the sides signed a pact.", 12, False, BACKGROUND),  # another month than the report's
        ("In September the sides signed a pact.", 10, False, BACKGROUND),
        ("In September the sides signed a pact.", 8, False, BACKGROUND),
        ("In September the sides signed a pact.", 9, False, ""),  # the report's own month marks nothing
        ("In September the sides signed a pact.", 0, False, ""),  # undated report: a month decides nothing
        ("In September the sides met on Monday.", 12, False, MEETING),  # a meeting marker still wins
        ("The minister has also encouraged investment.", 0, False, BACKGROUND),  # perfect tense outside the lead
        ("The minister has also encouraged investment.", 0, True, ""),  # in the lead it is the event
        ("The minister has also encouraged investment earlier.", 0, True, BACKGROUND),  # a strong marker holds in the lead
        ("Nothing here marks the time.", 0, False, ""),
        ("Nothing here marks the time.", 0, True, ""),
    ],
)
def test_marker(text, month, in_lead, expected):
    assert marker(text, month=month, in_lead=in_lead) == expected


def report(date: str = "", sentences: tuple[tuple[str, int, str], ...] = ()) -> Report:
    """A report from (role, paragraph, text) rows, ids s001, s002, ... in order."""
    return Report(name="r", raw="", sha256="", date=date, sentences=[
        Sentence(f"s{k:03d}", role, paragraph, 0, 0, text) for k, (role, paragraph, text) in enumerate(sentences, start=1)
    ])


@pytest.mark.parametrize(
    ("date", "month"),
    [
        ("2025-12-06", 12),
        ("2025-03-04T10:00:00Z", 3),  # year, month, day
        ("Updated 2025-01-05, printed in Dec", 1),  # the ISO date comes first
        ("December 6, 2025", 12),
        ("6 Mar 2025", 3),
        ("Published: 5 June 2025", 6),
        ("Sunday, 6 July 2025", 7),  # a weekday is not a month
        ("January 2, 2026", 1),
        ("", 0),
        ("yesterday", 0),
    ],
)
def test_report_month(date, month):
    assert report_month(report(date)) == month


SECTIONS = (
    ("headline", 1, "Talks held earlier this year"),  # s001: headline reports the meeting whatever it says
    ("standfirst", 2, "The ministers have agreed on a plan in the past"),  # s002
    ("summary", 3, "A summary bullet"),  # s003: no mark of its own, takes its section's majority
    ("body", 4, "The ministers met on Saturday in Islamabad."),  # s004 meeting
    ("body", 4, "The minister has welcomed the offer."),  # s005 perfect tense in the lead: no mark
    ("body", 5, "They had signed a pact earlier."),  # s006 background
    ("body", 6, "Since then the pact has expanded trade."),  # s007 perfect tense outside the lead: background
    ("body", 6, "Nothing marks this one."),  # s008 no mark: majority of the section, background 2 to 1
    ("subhead", 7, "Next steps"),  # s009
    ("body", 8, "They will meet again on Monday."),  # s010 meeting
    ("body", 8, "No marker here."),  # s011 tie (1 to 1): meeting
    ("body", 9, "Trade had grown earlier, the envoy said."),  # s012 background
)


def test_sentence_scopes_follow_the_rules_in_order():
    scopes = sentence_scopes(report("2025-12-06", SECTIONS))
    assert scopes == {
        "s001": MEETING, "s002": MEETING, "s003": BACKGROUND, "s004": MEETING, "s005": BACKGROUND,
        "s006": BACKGROUND, "s007": BACKGROUND, "s008": BACKGROUND, "s009": MEETING, "s010": MEETING,
        "s011": MEETING, "s012": BACKGROUND,
    }


def test_a_section_without_marks_is_meeting_and_a_month_counts_against_the_date():
    rows = (("body", 2, "In November the sides talked."), ("body", 2, "Nothing else."),
            ("subhead", 3, "Later"), ("body", 4, "Nothing marks this."), ("body", 4, "Nor this."))
    assert sentence_scopes(report("2025-12-06", rows)) == {
        "s001": BACKGROUND, "s002": BACKGROUND, "s003": MEETING, "s004": MEETING, "s005": MEETING}
    assert sentence_scopes(report("2025-11-06", rows))["s002"] == MEETING


def test_a_report_opening_with_a_subheading_has_no_empty_section():
    rows = (("subhead", 1, "Key points"), ("body", 2, "They had met earlier."), ("body", 2, "Nothing more."))
    assert sentence_scopes(report("", rows)) == {"s001": BACKGROUND, "s002": BACKGROUND, "s003": BACKGROUND}


def test_section_of_names_the_subheading_above_each_sentence():
    sections = section_of(report("", SECTIONS))
    assert [sections[f"s{k:03d}"] for k in (1, 8, 9, 10, 12)] == ["", "", "Next steps", "Next steps", "Next steps"]


def test_marker_defaults_to_an_undated_sentence_outside_the_lead():
    assert marker("In September the sides signed a pact.") == ""
    assert marker("The minister has also encouraged investment.") == BACKGROUND


def test_a_leap_day_is_a_date():
    assert report_month(report("2024-02-29")) == 2


def test_the_perfect_tense_in_the_lead_takes_its_sections_scope():
    rows = (("headline", 1, "Ministers meet"), ("body", 2, "The ministers met on Saturday."),
            ("body", 2, "The minister has welcomed the offer."),  # in the lead: no mark, the section is meeting
            ("body", 3, "The pact has expanded trade."), ("body", 3, "They met on Sunday too."))  # outside: background
    assert sentence_scopes(report("", rows)) == {
        "s001": MEETING, "s002": MEETING, "s003": MEETING, "s004": BACKGROUND, "s005": MEETING}


def test_a_report_without_body_is_all_meeting():
    assert sentence_scopes(report("", (("headline", 1, "Talks held earlier"),))) == {"s001": MEETING}
