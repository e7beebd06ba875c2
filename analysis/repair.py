"""Repair the text of a kept line before it is split into sentences, and keep the way back.

Pages copied from the web carry mojibake (UTF-8 read in a legacy code page:
"Pakistanâ€™s") and sentences run together where markup put them in two
elements ("agreement.The minister"). Both would reach the aligner as text no
other report contains. `mend` repairs a line and returns, with the repaired
text, where each repaired character came from in the raw source:

- a character of the repaired text maps to the raw stretch it replaces (one
  character for text left alone, "â€™" for the "’" that replaces it);
- an inserted character (the space that separates run-together sentences)
  maps to an empty stretch at the point of insertion.

So a sentence `repaired[a:b]` covers raw `starts[a]:ends[b - 1]`, and applying
the repairs inside that raw stretch to it gives the sentence text back (the
property `tests/test_repair.py` checks with hypothesis). Every repair is a
`Repair` with its raw offsets, rule and reason, listed by `Report.repairs`.
The raw text is never changed: the seed files stay byte-identical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Mojibake is repaired by ftfy's encoding fixes only: quotes stay curly, widths,
#: ligatures, line breaks, control characters and Unicode normalisation stay as
#: printed, so text that is not mojibake is never changed.
_FTFY_OPTIONS = dict(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None, explain=False,
)

#: UTF-8 read as Windows-874 (Thai) turns the lead byte 0xE2 of a punctuation
#: mark (U+2000-U+206F) into "โ", and the page loses the next bytes, which that
#: code page leaves undefined (0x80 may survive as "€"). Between two letters the
#: only such mark is the apostrophe, so "Pakistanโs" is "Pakistan’s".
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\u0e42\u20ac?(?=[A-Za-z])")

#: Two sentences printed without a space: a word of two or more letters ending
#: in a lower-case letter, the end mark (and closing quotes), then an opening
#: quote or none and a capitalised word ("agreement.The", "said.”The").
_RUN_TOGETHER = re.compile(r"(?<![\w.])([^\W\d_]{2,})([.!?][”’\"')\]]*)(?=[“‘\"(]?[^\W\d_]{2})")

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Repair:
    """One repair of the raw text: raw[start:end] (`before`) reads as `after`."""

    start: int
    end: int
    before: str
    after: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Mended:
    """A repaired line and, for each of its characters, the raw stretch it came from."""

    text: str
    starts: Sequence[int]  # a range when nothing was repaired
    ends: Sequence[int]

    def raw_span(self, a: int, b: int) -> tuple[int, int]:
        """Raw offsets of the repaired slice text[a:b] (b > a)."""
        return self.starts[a], self.ends[b - 1]


@lru_cache(maxsize=1)
def _ftfy_config():
    from ftfy import TextFixerConfig

    return TextFixerConfig(**_FTFY_OPTIONS)


def _mojibake(text: str, offset: int) -> list[Repair]:
    """Tokens with non-ASCII characters that ftfy reads as mojibake, trimmed to the changed part."""
    from ftfy import fix_text

    repairs = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.isascii():
            continue
        fixed = fix_text(token, _ftfy_config())
        if fixed == token or not fixed:
            continue
        head = 0
        while head < min(len(token), len(fixed)) and token[head] == fixed[head]:
            head += 1
        tail = 0
        while tail < min(len(token), len(fixed)) - head and token[-1 - tail] == fixed[-1 - tail]:
            tail += 1
        if head + tail == len(fixed):  # a pure deletion: keep a neighbour, so the deleted text stays inside a sentence
            head, tail = (head, tail - 1) if tail else (head - 1, tail)
        before, after = token[head:len(token) - tail], fixed[head:len(fixed) - tail]
        for at, was, now in _substitutions(before, after):
            start = offset + match.start() + head + at
            repairs.append(Repair(start, start + len(was), was, now,
                                  "mojibake", "UTF-8 text decoded in another code page, repaired by ftfy"))
    return repairs


def _substitutions(before: str, after: str) -> list[tuple[int, str, str]]:
    """A repair as (offset, before, after) pieces: one per run of changed characters when the repair keeps the length.

    Character-for-character repairs (C1 controls read as Windows-1252) keep their unchanged characters out of the
    repair, so a later removal of one repaired character (a list mark) maps back to that character alone.
    """
    if len(before) != len(after):
        return [(0, before, after)]
    pieces, at = [], 0
    while at < len(before):
        if before[at] == after[at]:
            at += 1
            continue
        end = at
        while end < len(before) and before[end] != after[end]:
            end += 1
        pieces.append((at, before[at:end], after[at:end]))
        at = end
    return pieces


def _lost_apostrophes(text: str, offset: int, taken: list[Repair]) -> list[Repair]:
    inside = [(r.start, r.end) for r in taken]
    return [
        Repair(offset + m.start(), offset + m.end(), m.group(), "’", "lost-byte-apostrophe",
               "an apostrophe read as Thai (Windows-874) with its last bytes lost")
        for m in _LOST_APOSTROPHE.finditer(text)
        if not any(a < offset + m.end() and offset + m.start() < b for a, b in inside)
    ]


def _run_together(mended: Mended) -> list[Repair]:
    """Insertions of a space where a sentence ends and the next begins without one.

    Read on the text with mojibake repaired ("agreement.â€œThe" is a run-together
    too), placed at the raw offset of the character after the end mark.
    """
    from analysis.segment import abbreviations

    repairs = []
    for match in _RUN_TOGETHER.finditer(mended.text):
        word, letters = match.group(1), mended.text[match.end():].lstrip("“‘\"(")
        if not (word[-1].islower() and letters[0].isupper() and letters[1].islower()):
            continue
        if word.casefold() in abbreviations():
            continue
        point = mended.starts[match.end()]
        repairs.append(Repair(point, point, "", " ", "run-together",
                              "two sentences printed without a space; a space is read between them"))
    return repairs


def mend(text: str, offset: int = 0) -> tuple[Mended, list[Repair]]:
    """Repair `text` (which starts at raw offset `offset`); return the repaired line and its repairs."""
    repairs = [] if text.isascii() else _mojibake(text, offset)
    repairs += _lost_apostrophes(text, offset, repairs)
    repairs.sort(key=lambda r: (r.start, r.end))
    repairs += _run_together(apply(text, offset, repairs))
    repairs.sort(key=lambda r: (r.start, r.end))
    return apply(text, offset, repairs), repairs


def within(repairs: list[Repair] | tuple[Repair, ...], start: int, end: int) -> list[Repair]:
    """The repairs that belong to the raw stretch [start, end).

    A replacement belongs to it when it lies inside it; an insertion (the space
    between run-together sentences) only when it lies strictly inside, because
    a kept sentence never begins or ends with an inserted space.
    """
    return [r for r in repairs
            if (start < r.start < end if r.start == r.end else start <= r.start and r.end <= end)]


def apply(text: str, offset: int, repairs: list[Repair]) -> Mended:
    """`text` (at raw offset `offset`) with non-overlapping, sorted `repairs` applied, and its map."""
    if not repairs:
        return Mended(text, range(offset, offset + len(text)), range(offset + 1, offset + len(text) + 1))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cursor = offset
    for repair in repairs:
        pieces.append(text[cursor - offset:repair.start - offset])
        starts.extend(range(cursor, repair.start))
        ends.extend(range(cursor + 1, repair.start + 1))
        pieces.append(repair.after)
        starts.extend([repair.start] * len(repair.after))
        ends.extend([repair.end] * len(repair.after))
        cursor = repair.end
    pieces.append(text[cursor - offset:])
    starts.extend(range(cursor, offset + len(text)))
    ends.extend(range(cursor + 1, offset + len(text) + 1))
    return Mended("".join(pieces), tuple(starts), tuple(ends))
