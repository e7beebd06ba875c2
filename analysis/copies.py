"""Near-copies: two reports that print one wire or press-release text.

Ten outlets running one agency story are one source, not ten: their shared
sentences are no independent corroboration. Reports written apart share
facts, names and short quotes, but seldom a long run of the same words, so a
pair is a near-copy when most of the shorter report's runs of `SHINGLE`
consecutive words (casefolded, punctuation dropped) also occur in the other.
The shorter report is the yardstick because outlets trim a wire text, and a
trimmed copy is still a copy. Used by `analysis.pipeline` for `overlap.csv`.
"""

from __future__ import annotations

from analysis.patterns import WORD
from analysis.sources import Report

#: Words in one run: longer than most quotations two independent reports share verbatim.
SHINGLE = 8
#: A pair is a near-copy when at least this share of the shorter report's runs occur in the other.
COPY_SHARE = 0.5


def shingles(report: Report) -> set[tuple[str, ...]]:
    """Every run of SHINGLE consecutive words of the report's body and standfirst."""
    words = [w.casefold() for s in report.sentences if s.role in ("standfirst", "body") for w in WORD.findall(s.text)]
    return {tuple(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def copy_share(a: Report, b: Report) -> float:
    """Share of the shorter report's word runs that the other prints too (0 when either is too short)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def near_copy(share: float) -> bool:
    """The verdict for `overlap.csv`: copies are not independent corroboration."""
    return share >= COPY_SHARE
