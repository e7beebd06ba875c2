"""The "where they disagree" panel of `report.html`.

Readers of several reports of one event want the disagreements first: a
linked pair that tells one fact with another number, day or speaker is where
one outlet is wrong or the story moved. The panel lists every linked pair
with a discrepancy (`analysis.discrepancy`): the kinds, both sentences and the
differing words, and the rule that linked them. Server-rendered and escaped
like the rest of the page (`analysis.report_html`); it reuses the page's
table style, so the page's CSS and its hash do not change.
"""

from __future__ import annotations

import html

import pandas as pd

#: Columns the panel reads; an alignment without `discrepancy` (older tables) gives no panel.
COLUMNS = ("a", "b", "a_id", "b_id", "relation", "basis", "discrepancy", "discrepancy_words", "a_text", "b_text")


def _e(value: object) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value), quote=True)


def rows(alignment: pd.DataFrame) -> pd.DataFrame:
    """The linked pairs with a discrepancy, in the alignment's order."""
    if any(c not in alignment.columns for c in COLUMNS):
        return alignment.iloc[0:0]
    return alignment[alignment["discrepancy"].fillna("").astype(str) != ""]


def panel(alignment: pd.DataFrame) -> str:
    """The panel's markup ("" when no column says anything about discrepancies)."""
    if any(c not in alignment.columns for c in COLUMNS):
        return ""
    found = rows(alignment)
    head = '<section id="disagree" class="figures" aria-label="Where they disagree">\n<h2>Where they disagree</h2>\n'
    if found.empty:
        none = "No linked pair of sentences disagrees on a number, negation, speaker, date, certainty or actor."
        return f"{head}<p>{none}</p>\n</section>"
    cells = "".join(
        "<tr>"
        f"<td>{_e(r['discrepancy']).replace(';', '; ')}</td>"
        f"<td>{_e(r['a'])} · {_e(r['a_id'])}<br>{_e(r['a_text'])}</td>"
        f"<td>{_e(r['b'])} · {_e(r['b_id'])}<br>{_e(r['b_text'])}</td>"
        f"<td>{_e(r['discrepancy_words'])}</td>"
        f"<td>{_e(r['relation'])}, by {_e(r['basis'])}</td>"
        "</tr>\n"
        for r in found.to_dict("records")
    )
    return (
        f"{head}<table class=\"files\"><caption>{len(found)} linked pair(s) of sentences that disagree</caption>\n"
        "<tr><th>kind</th><th>one report</th><th>the other</th><th>differing words</th><th>linked as</th></tr>\n"
        f"{cells}</table>\n</section>"
    )
