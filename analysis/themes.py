"""Themes: a documented lexicon mapping terms to themes (multi-label).

Used by `analysis.commitments` (each commitment's themes), `analysis.emphasis`
and notebooks 03_commitments and 04_emphasis. Terms are data in
`resources/themes.tsv`. Matching rules, in plain words: whole words only;
space and hyphen are interchangeable; the last word also matches its plural
(-s, -es, -y -> -ies); "*" at the end matches any ending; a term containing an
acronym in capitals (FIA, NCCIA, INL) is case-sensitive, other terms are not.
A sentence belongs to every theme one of whose terms it contains.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.lexicon import load_table

_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def term_pattern(term: str) -> re.Pattern[str]:
    """Compile one lexicon term by the matching rules above."""
    prefix = term.endswith("*")
    words = re.split(r"[\s-]+", term.rstrip("*"))
    body = r"[\s-]+".join(re.escape(word) for word in words)
    if prefix:
        body += r"\w*"
    elif words[-1].isalpha() and words[-1].islower():
        last = re.escape(words[-1])
        plural = rf"{last[:-1]}(?:y|ies)" if last.endswith("y") else rf"{last}(?:s|es)?"
        body = body[: len(body) - len(last)] + plural
    flags = 0 if _ACRONYM.search(term) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w])", flags)


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(theme, term, pattern) for every entry of `themes.tsv`."""
    return tuple((row["theme"], row["term"], term_pattern(row["term"])) for row in load_table("themes.tsv"))


def theme_names() -> list[str]:
    """The themes in the order the lexicon first lists them."""
    return list(dict.fromkeys(theme for theme, _, _ in lexicon()))


def themes_in(text: str) -> tuple[str, ...]:
    """Themes whose terms occur in `text`, in lexicon order."""
    return tuple(theme for theme in theme_names() if any(p.search(text) for t, _, p in lexicon() if t == theme))
