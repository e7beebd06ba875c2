"""Sentence boundaries, with character offsets, by pySBD.

pySBD passes 47 of the 48 English Golden Rules (97.92 %, the published figure;
`make bench` measures it again) and keeps the text verbatim with `clean=False`,
so every sentence maps back to exact offsets in the source. Used by
`analysis.sources` and, through it, by every notebook.

Why the text is fed to pySBD in windows: pySBD's abbreviation pass rewrites
the whole text once per abbreviation it finds, so its time grows with the
square of a paragraph's length (a 10 MB report pasted without blank lines is
one paragraph). A long paragraph is segmented a window at a time; every
sentence but the window's last is kept, and the next window starts at that
last sentence, so a boundary is only ever decided with at least the rest of
its sentence in view.
"""

from functools import lru_cache

import pysbd

#: Paragraphs longer than this many characters are segmented in windows of about this size.
WINDOW = 4_000


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """pySBD's English abbreviations, lower case without the dot ("mrs", "gen"): words a dot does not end."""
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


def _pieces(text: str) -> list[str]:
    """pySBD's sentences of `text`, verbatim.

    Calls pySBD's processor directly: `Segmenter.segment` would then look
    every sentence up again with a regular expression of its own, one compiled
    pattern per sentence, which `sentence_spans` does more cheaply with `find`.
    """
    return _segmenter().processor(text).process() if text else []


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence in `text`, stripped of white space.

    Offsets are located by searching pySBD's verbatim output in the text from
    the previous sentence's end, so they are exact even where pySBD's own
    `char_span` mode is not (repeated sentences). A sentence longer than
    `WINDOW` characters is cut at the window's last white space (or at its end).
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    while len(text) - cursor > WINDOW:
        found = _locate(text[cursor : cursor + WINDOW], cursor)
        if len(found) > 1:
            found.pop()  # may be cut by the window's end: read again at the start of the next window
        else:  # one sentence fills the window
            window = text[cursor : cursor + WINDOW]
            cut = max(window.rstrip().rfind(" "), window.rfind("\n"))
            cut = cut if cut > len(window) - len(window.lstrip()) else WINDOW
            found = _locate(window[:cut], cursor)
        spans += found
        cursor = found[-1][1] if found else cursor + WINDOW
    return spans + _locate(text[cursor:], cursor)


def _locate(window: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the sentences of `window` (shifted by `offset`); the rest after an unfound piece is one sentence."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _pieces(window):
        piece = piece.strip()
        if not piece:
            continue
        start = window.find(piece, cursor)
        if start < 0:  # pySBD changed the text; keep the rest as one sentence
            break
        spans.append((offset + start, offset + start + len(piece)))
        cursor = start + len(piece)
    rest = window[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((offset + cursor + lead, offset + cursor + len(rest.rstrip())))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (what the Golden Rules benchmark scores)."""
    return [text[start:end] for start, end in sentence_spans(text)]
