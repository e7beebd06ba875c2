"""Load the rule tables kept as data in `resources/` (TSV with '#' comments).

Rules that encode judgement (commitment cues, party names, titles, theme
terms, time expressions) live in tab-separated files so a reader can audit
and extend them without reading code. Every entry has a comment line above
it saying why it is there. Used by `analysis.actors`, `analysis.scope`,
`analysis.commitments` and `analysis.themes` (notebooks 03_commitments and
04_emphasis).
"""

from __future__ import annotations

import csv
from functools import cache

from analysis.paths import RESOURCES


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `resources/<name>` as dicts, skipping blank and '#' comment lines.

    Empty cells come back as "" (never None), so callers need no checks.
    """
    with open(RESOURCES / name, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({key: (value or "").strip() for key, value in row.items() if key} for row in rows)


def alternation(terms: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of `terms`, longest first so "United States" beats "United"."""
    return "|".join(sorted(terms, key=len, reverse=True))
