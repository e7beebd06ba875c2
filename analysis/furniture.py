"""What a line of a page is, from its shape: the features `analysis.sources` classifies lines by.

Page furniture differs from report text in shape more than in wording, so the
classes are read from what a line is, not from phrase lists: its length and
end punctuation (report sentences end with a mark; labels, links and credits
do not), its script, whether it is mostly links or handles, whether it is
only a timestamp, a list mark at its start, and (in `analysis.sources`) its
position before or after the body and whether it repeats another line.
Phrase-shaped rules (comment forms, teaser headings) stay data, in
`resources/boilerplate.tsv`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from analysis.patterns import SENTENCE_END, TIMESTAMP_PART, WORD

#: A line of this many words or more that ends with a sentence mark is running prose: it opens the body.
PROSE_MIN_WORDS = 8
#: A line of at most this many words without end mark, after the headline and before the body, is a label
#: (a byline without "By", an agency name, a tag, "Listen to this article"), not a deck.
HEADER_LABEL_MAX_WORDS = 5
#: A line of at most this many words without end mark, inside the body but not followed by a paragraph,
#: is a stray label (a share or follow button); with a paragraph after it, it is a subheading.
STRAY_LABEL_MAX_WORDS = 4
#: A leading label above the headline has at most this many words ("Pakistan", "World News").
KICKER_MAX_WORDS = 3
#: At most this many words may remain in a timestamp line once its dates and times are taken out
#: ("Last updated on", "Published in <paper>,").
TIMESTAMP_MAX_WORDS = 3
#: A line whose tokens are links, handles or hashtags for at least this share is a link, not text.
LINK_MIN_SHARE = 0.3
#: A line is in another script when less than this share of its letters is in the page's main script.
SCRIPT_MIN_SHARE = 0.5

#: Why each shape is furniture, as the removal log says it.
REASONS = {
    "timestamp": "publication or update time, or reading time, printed by the page template",
    "link": "a link, handle or hashtag line (embedded post, share link), not report text",
    "navigation": "site navigation or breadcrumb (short items between separators)",
    "other-script": "a line in another script than the report (an embedded post or a translation): not aligned",
    "kicker": "section label of the website above the headline, not part of the report",
    "header-label": "short label between headline and body (byline, agency, tag or player button)",
    "stray-label": "short label inside the body with no paragraph after it (a button or tag)",
    "trailer": "line without end punctuation after the last paragraph (a link, tag or teaser of another story)",
    "caption": "photo caption with its credit, printed by the page beside an image",
    "credit": "agency or photo credit after the last paragraph",
    "repeated-line": "a line printed again by the page (a caption or pull quote repeated)",
    "list-mark": "list bullet printed before an item, not text",
}

#: Tokens that are links, handles or hashtags.
_LINKISH = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\S+\.(?:com|org|net|co|tv|pk|in|uk)/\S*|[@#]\w{2,}")
#: A list mark at the start of a line: a bullet glyph, or a hyphen, dash or star and a space.
_LIST_MARK = re.compile(r"^(?:[•●▪■◦‣∙·]|[-–—*](?=\s))\s*")
#: Separators of navigation items: "Home | News", "Home › World › Asia".
_NAV_SEPARATOR = re.compile(r"\s[|›»>/•·]\s")


def words(text: str) -> int:
    """Number of word tokens (the project's WORD pattern)."""
    return len(WORD.findall(text))


def ends_sentence(text: str) -> bool:
    """The line ends with a sentence mark (and closing quotes)."""
    return bool(SENTENCE_END.search(text))


def is_prose(text: str) -> bool:
    """Running report text: long enough and ending with a sentence mark."""
    return words(text) >= PROSE_MIN_WORDS and ends_sentence(text)


def is_fragment(text: str, max_words: int) -> bool:
    """A short line without end mark."""
    return words(text) <= max_words and not ends_sentence(text)


def list_mark(text: str) -> int:
    """Length of the list mark (and the space after it) that opens `text`, 0 if none."""
    match = _LIST_MARK.match(text)
    return match.end() if match and match.end() < len(text) else 0


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def scripts(text: str) -> Counter[str]:
    """Letters of `text` by script (the first word of their Unicode name: LATIN, ARABIC, THAI, ...)."""
    counts = Counter(_script(c) for c in _NON_ASCII.findall(text) if c.isalpha())
    ascii_letters = len(_ASCII_LETTER.findall(text))
    if ascii_letters:
        counts["LATIN"] += ascii_letters
    return counts


def main_script(letters: list[Counter[str]]) -> str:
    """The script most letters of the page are in (the report's language), from each line's `scripts`."""
    counts: Counter[str] = Counter()
    for line in letters:
        counts.update(line)
    return counts.most_common(1)[0][0] if counts else ""


def shape(text: str, script: str, letters: Counter[str]) -> str | None:
    """The position-independent furniture shape of a line (a key of REASONS), or None.

    `script` is the page's main script, `letters` the line's `scripts(text)`.
    """
    total = sum(letters.values())
    if total and script and letters[script] < SCRIPT_MIN_SHARE * total:
        return "other-script"
    tokens = text.split()
    if tokens and sum(bool(_LINKISH.fullmatch(t.strip("()[],.;:!?\"'“”‘’"))) for t in tokens) >= LINK_MIN_SHARE * len(tokens):
        return "link"
    if is_timestamp(text):
        return "timestamp"
    if is_navigation(text):
        return "navigation"
    return None


def is_timestamp(text: str) -> bool:
    """A date, time or relative time with at most a short label left, and no sentence mark."""
    rest, found = TIMESTAMP_PART.subn(" ", text)
    return bool(found) and words(rest) <= TIMESTAMP_MAX_WORDS and not ends_sentence(text)


def is_navigation(text: str) -> bool:
    """Two or more separators between items of at most three words each."""
    items = _NAV_SEPARATOR.split(f" {text} ")
    return len(items) >= 3 and all(words(item) <= 3 for item in items) and not ends_sentence(text)


def kept_lines(raw: str, spans: list[tuple[int, int]]) -> set[int]:
    """Numbers (1-based) of the lines of `raw` that hold kept text, given the raw spans of the kept sentences.

    How the fixture pages are scored: a furniture line is kept as report text
    when a sentence overlaps it, and a report line is lost when none does.
    """
    starts = [0] + [k + 1 for k, char in enumerate(raw) if char == "\n"]
    kept: set[int] = set()
    for start, end in spans:
        first = bisect_right(starts, start)
        last = bisect_right(starts, max(start, end - 1))
        kept.update(range(first, last + 1))
    return kept
