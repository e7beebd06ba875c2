"""Meeting outcome or background: the scope of each sentence, from time expressions.

A report of a meeting mixes what was decided there with background: earlier
meetings, past policy, trends. Only the first are outcomes of the meeting.
Rules, in order (patterns in `resources/scope_cues.tsv`):

1. Headline and standfirst report the meeting.
2. A strong marker decides: "on Saturday", "during the meeting" -> meeting;
   "earlier", "in recent months", "after years of" -> background. A month
   name ("In September") is background when the report is dated in another
   month. If both kinds occur, meeting wins (it names the setting).
3. The present or past perfect ("has also encouraged") is background outside
   the lead (first body paragraph); in the lead it is the reported event.
4. A sentence with no marker takes the scope most of the marked sentences of
   its section (the paragraphs under one subheading) have; with none, meeting.

Used by `analysis.commitments` (notebooks 03_commitments and 04_emphasis).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from analysis.lexicon import load_table
from analysis.patterns import MONTH_NAMES
from analysis.sources import Report, Sentence

MEETING = "meeting"
BACKGROUND = "background"
_MONTHS = tuple(name.lower() for name in MONTH_NAMES)
_MONTH = re.compile(
    rf"\b(?:in|since|during|by|on|last|this|early|late|mid-?)\s+(?P<month>{'|'.join(m.capitalize() for m in _MONTHS)})\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple(
        (row["scope"], row["strength"], re.compile(row["pattern"], re.IGNORECASE)) for row in load_table("scope_cues.tsv")
    )


def report_month(report: Report) -> int:
    """Month (1-12) of the report's printed date, 0 when unknown."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", report.date)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3])).month
    for number, name in enumerate(_MONTHS, start=1):
        if re.search(rf"\b{name[:3]}", report.date, re.IGNORECASE):
            return number
    return 0


def marker(text: str, *, month: int = 0, in_lead: bool = False) -> str:
    """The scope a sentence's own words mark ("" when they mark none)."""
    strong = {scope for scope, strength, pattern in _cues() if strength == "strong" and pattern.search(text)}
    for match in _MONTH.finditer(text):
        if month and _MONTHS.index(match["month"].lower()) + 1 != month:
            strong.add(BACKGROUND)
    if MEETING in strong:
        return MEETING
    if strong:
        return BACKGROUND
    weak = any(strength == "weak" and pattern.search(text) for _, strength, pattern in _cues())
    return BACKGROUND if weak and not in_lead else ""


def sentence_scopes(report: Report) -> dict[str, str]:
    """Scope of every sentence of `report`, keyed by sentence id."""
    month = report_month(report)
    lead_paragraph = min((s.paragraph for s in report.sentences if s.role == "body"), default=0)
    marks: dict[str, str] = {}
    for sentence in report.sentences:
        if sentence.role in ("headline", "standfirst"):
            marks[sentence.id] = MEETING
        elif sentence.role == "body":
            marks[sentence.id] = marker(sentence.text, month=month, in_lead=sentence.paragraph == lead_paragraph)
    scopes: dict[str, str] = {}
    for section in _sections(report):
        default = _majority([marks[s.id] for s in section if s.role == "body"])
        for sentence in section:
            scopes[sentence.id] = marks.get(sentence.id) or default
    return scopes


def _sections(report: Report) -> list[list[Sentence]]:
    """Sentences grouped by subheading (the subheading opens its section)."""
    sections: list[list[Sentence]] = [[]]
    for sentence in report.sentences:
        if sentence.role == "subhead":
            sections.append([])
        sections[-1].append(sentence)
    return [s for s in sections if s]


def _majority(marks: list[str]) -> str:
    marked = [m for m in marks if m]
    if marked and marked.count(BACKGROUND) > marked.count(MEETING):
        return BACKGROUND
    return MEETING


def section_of(report: Report) -> dict[str, str]:
    """The subheading each sentence stands under ("" before the first), keyed by sentence id."""
    out: dict[str, str] = {}
    current = ""
    for sentence in report.sentences:
        current = sentence.text if sentence.role == "subhead" else current
        out[sentence.id] = current
    return out
