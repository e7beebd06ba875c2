"""Fact units: the parts of a sentence that each tell one fact, and the frame that tells none.

Outlets merge and split sentences: "He said A, adding that B" in one report
is "He said A." and "B." in another, and "Baker praised X and reaffirmed Y"
meets two sentences of the other report. Scored as whole sentences, such
pairs look like half a paraphrase (`partial`), though they share a fact
whole. So `analysis.align` also scores units: a sentence is cut where a new
statement starts with its own verb (";", ", adding that ...", ", saying ...",
"and said ...", "and <verb>ed the ..."), and an opening scene-setting phrase
("During the meeting, ...", "On the sidelines of the summit, ...") is set
apart as a frame: two sentences that share only the frame share no fact.

The cuts are patterns, not a parser, and a cut needs a verb after it, so a
list ("security, border management and law enforcement") stays whole. Each
pattern is linear (no nested repetition).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.describe import speech_rules

#: Words a scene-setting opener starts with ("During the meeting, ...").
FRAME_OPENERS = ("During", "At", "In", "On", "Ahead of", "After", "Before", "On the sidelines of")
#: A frame has at most this many words before its comma.
FRAME_WORDS = 8
#: A unit needs at least this many words; shorter pieces stay with their neighbour.
MIN_UNIT_WORDS = 4
_FRAME_NOUNS = r"(?:meeting|talks|session|visit|call|conference|summit|discussions?|briefing|ceremony|event|sidelines)"


@dataclass(frozen=True)
class Units:
    """One sentence as fact units: the texts, and the frame set apart ("" when none)."""

    texts: tuple[str, ...]
    frame: str


@lru_cache(maxsize=1)
def _cut() -> re.Pattern[str]:
    """Where a new statement starts inside a sentence."""
    verbs = "|".join(sorted(speech_rules()["reporting_verbs"], key=len, reverse=True))
    return re.compile(
        r";\s+"
        r"|,\s+(?:adding|saying|noting|stressing|insisting|while)(?:\s+that)?\s+"
        rf"|,?\s+and\s+(?:also\s+)?(?=(?:{verbs})\b)"
        r"|,?\s+and\s+(?=[a-z]+ed\s+(?:the|a|an|its|his|her|their|that|to)\b)"
    )


@lru_cache(maxsize=1)
def _frame() -> re.Pattern[str]:
    openers = "|".join(sorted(FRAME_OPENERS, key=len, reverse=True))
    return re.compile(rf"^(?:{openers})\s+(?:\S+\s+){{0,{FRAME_WORDS - 2}}}?{_FRAME_NOUNS}\b[^,;]{{0,60}}?,\s+")


def split(text: str) -> Units:
    """The fact units of a sentence, frame set apart; a sentence of one fact is one unit, itself."""
    frame = ""
    body = text
    match = _frame().match(text)
    if match and len(match.group(0).split()) <= FRAME_WORDS and len(text[match.end() :].split()) >= MIN_UNIT_WORDS:
        frame, body = match.group(0), text[match.end() :]
    pieces: list[str] = []
    start = 0
    for cut in _cut().finditer(body):
        piece = body[start : cut.start()]
        if len(piece.split()) >= MIN_UNIT_WORDS and len(body[cut.end() :].split()) >= MIN_UNIT_WORDS:
            pieces.append(piece)
            start = cut.end()
    pieces.append(body[start:])
    return Units(tuple(p.strip() for p in pieces), frame.strip())
