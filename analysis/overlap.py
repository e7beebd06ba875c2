"""How much of two reports is shared: one definition for every notebook and command.

A sentence counts as shared when the alignment links it to a sentence of the
other report; shares pool the sentences of both reports, so neither report's
length dominates. Only standfirst and body sentences count by default:
headlines repeat the lead and subheads are signposts. Used by notebooks 01
(the same-event baseline) and 04, by `analysis.evidence` and by `batch`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.sources import Report

#: The roles shares count: standfirst and body (summary bullets repeat the body; see sources.COUNTED_ROLES).
BODY_ROLES = ("standfirst", "body")


@dataclass(frozen=True)
class Shares:
    """Pooled shares of the two reports' sentences: aligned at all, and as the same fact."""

    sentences: int
    aligned: float
    match: float


def _linked(alignment: pd.DataFrame, relations: Iterable[str]) -> set[tuple[str, str]]:
    rows = alignment[alignment["relation"].isin(list(relations))]
    return {("a", i) for i in rows["a_id"]} | {("b", i) for i in rows["b_id"]}


def shares(alignment: pd.DataFrame, a: Report, b: Report, roles: tuple[str, ...] = BODY_ROLES) -> Shares:
    """Shares of `roles` sentences of both reports that are aligned, and that are `match`."""
    counted = {("a", s.id) for s in a.sentences if s.role in roles}
    counted |= {("b", s.id) for s in b.sentences if s.role in roles}
    if not counted:
        return Shares(0, 0.0, 0.0)
    aligned = len(_linked(alignment, ("match", "partial")) & counted) / len(counted)
    match = len(_linked(alignment, ("match",)) & counted) / len(counted)
    return Shares(len(counted), aligned, match)
