"""Sentence boundaries, with character offsets, by pySBD.

pySBD passes 47 of the 48 English Golden Rules (97.92 %, the published figure;
`make bench` measures it again) and keeps the text verbatim with `clean=False`,
so every sentence maps back to exact offsets in the source. Used by
`analysis.sources` and, through it, by every notebook.
"""

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """pySBD's English abbreviations, lower case without the dot ("mrs", "gen"): words a dot does not end."""
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence in `text`, stripped of white space.

    Offsets are located by searching pySBD's verbatim output in the text from
    the previous sentence's end, so they are exact even where pySBD's own
    `char_span` mode is not (repeated sentences).
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # pySBD changed the text; keep the rest as one sentence
            break
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    rest = text[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((cursor + lead, cursor + len(rest.rstrip())))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (what the Golden Rules benchmark scores)."""
    return [text[start:end] for start, end in sentence_spans(text)]
