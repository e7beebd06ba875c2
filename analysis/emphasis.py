"""What each outlet stresses: themes, commitments and voices, as tidy DataFrames.

Used by notebook 04_emphasis (and 03_commitments for the per-report tables).
Counting rules, in plain words:

- Summary bullets (role `summary`) restate the body and are not counted:
  every count below reads `Report.counted`.
- A sentence counts for a theme when one of the theme's terms occurs in it
  (`analysis.themes`); subheadings count too, they are the outlet's framing.
- `sentences` is the number of such sentences; `word_share` the share of the
  report's words that are in them.
- Position: `first_position` is the 1-based rank of the first sentence that
  mentions the theme (headline = 1). News is written as an inverted pyramid,
  so the lead weighs most: a sentence in the lead (headline, standfirst and
  the first LEAD_SENTENCES body sentences) weighs LEAD_WEIGHT, any other 1.
  `weighted_share` is the theme's weighted sentences over the report's.
- `strongest` is the highest commitment strength among the theme's
  commitments (NaN when it has none). Discussion records ("discussed ways
  to") commit nobody and count in none of the commitment measures.
- Voices: each sentence is the outlet's own narration unless it carries a
  reporting verb or a commitment with a speaker; then it counts for the
  speaker (the first one named in the sentence).
- Shared commitments (with an alignment frame `a_id, b_id, relation`): a
  commitment of report A is reported by both outlets when its sentence is
  aligned (match or partial) with a sentence of B that also carries a
  commitment; otherwise only by A. Likewise for B.
"""

from __future__ import annotations

import pandas as pd

from analysis import annotations as annotated
from analysis.annotations import Annotations
from analysis.commitments import COMMITMENT, Commitment
from analysis.patterns import WORD
from analysis.sources import Report, Sentence
from analysis.themes import theme_names, themes_in

#: Weight of a lead sentence relative to any other (inverted pyramid).
LEAD_WEIGHT = 2.0
#: Body sentences counted as the lead, after the headline and standfirst.
LEAD_SENTENCES = 2
#: The voice of sentences that report nobody's words.
OUTLET = "(outlet)"
_ALIGNED = ("match", "partial")


def lead_ids(report: Report, *, lead_sentences: int = LEAD_SENTENCES) -> set[str]:
    """Ids of the lead: headline, standfirst and the first body sentences."""
    body = [s.id for s in report.sentences if s.role == "body"][:lead_sentences]
    return {s.id for s in report.sentences if s.role in ("headline", "standfirst")} | set(body)


def _weights(report: Report, lead_weight: float, lead_sentences: int) -> dict[str, float]:
    lead = lead_ids(report, lead_sentences=lead_sentences)
    return {s.id: lead_weight if s.id in lead else 1.0 for s in report.counted}


def _words(sentence: Sentence) -> int:
    return len(WORD.findall(sentence.text))


def theme_emphasis(
    report: Report, *, lead_weight: float = LEAD_WEIGHT, lead_sentences: int = LEAD_SENTENCES,
    annotations: Annotations | None = None,
) -> pd.DataFrame:
    """One row per theme: present, sentences, word_share, first_position, in_lead, weighted_share, strongest.

    `annotations`: the report's, when already computed (`analysis.annotations`).
    """
    weights = _weights(report, lead_weight, lead_sentences)
    lead = lead_ids(report, lead_sentences=lead_sentences)
    total_words = sum(_words(s) for s in report.counted) or 1
    total_weight = sum(weights.values()) or 1.0
    records = [r for r in annotated.of(report, annotations).commitments if r.kind == COMMITMENT]
    found = [themes_in(s.text) for s in report.counted]  # once a sentence, not once a theme and sentence
    rows = []
    for theme in theme_names():
        hits = [(rank, s) for rank, (s, themes) in enumerate(zip(report.counted, found), start=1) if theme in themes]
        strengths = [r.strength for r in records if theme in r.themes]
        rows.append({
            "outlet": report.name,
            "theme": theme,
            "present": bool(hits),
            "sentences": len(hits),
            "word_share": sum(_words(s) for _, s in hits) / total_words,
            "first_position": hits[0][0] if hits else pd.NA,
            "first_sentence_id": hits[0][1].id if hits else "",
            "in_lead": any(s.id in lead for _, s in hits),
            "weighted_share": sum(weights[s.id] for _, s in hits) / total_weight,
            "strongest": max(strengths) if strengths else pd.NA,
        })
    return pd.DataFrame(rows)


def commitment_emphasis(
    report: Report, *, lead_weight: float = LEAD_WEIGHT, lead_sentences: int = LEAD_SENTENCES,
    annotations: Annotations | None = None,
) -> pd.DataFrame:
    """One row per commitment, with its position, lead flag and weight (reading order).

    `annotations`: the report's, when already computed (`analysis.annotations`).
    """
    rank = {s.id: i for i, s in enumerate(report.counted, start=1)}
    weights = _weights(report, lead_weight, lead_sentences)
    lead = lead_ids(report, lead_sentences=lead_sentences)
    rows = [
        {
            "outlet": report.name, "sentence_id": r.sentence_id, "position": rank[r.sentence_id],
            "in_lead": r.sentence_id in lead, "weight": weights[r.sentence_id], "actor": r.actor,
            "speaker": r.speaker, "cue": r.cue, "content": r.content, "strength": r.strength,
            "strength_label": r.strength_label, "joint": r.joint, "plover": r.plover, "scope": r.scope,
            "themes": ";".join(r.themes),
        }
        for r in annotated.of(report, annotations).commitments if r.kind == COMMITMENT
    ]
    return pd.DataFrame(rows, columns=[
        "outlet", "sentence_id", "position", "in_lead", "weight", "actor", "speaker", "cue", "content",
        "strength", "strength_label", "joint", "plover", "scope", "themes",
    ])


def sentence_voices(report: Report, annotations: Annotations | None = None) -> dict[str, str]:
    """The voice of each non-subheading sentence: a speaker's name or OUTLET (`annotations.Annotations.speakers`)."""
    return {sid: speaker or OUTLET for sid, speaker in annotated.of(report, annotations).speakers.items()}


def voice_shares(report: Report, annotations: Annotations | None = None) -> pd.DataFrame:
    """Share of sentences carried by each voice (speakers and the outlet's own narration)."""
    voices = pd.Series(sentence_voices(report, annotations), name="voice")
    counts = voices.value_counts().rename_axis("voice").reset_index(name="sentences")
    counts["share"] = counts["sentences"] / counts["sentences"].sum()
    counts.insert(0, "outlet", report.name)
    return counts.sort_values(["sentences", "voice"], ascending=[False, True], ignore_index=True)


def shared_commitments(
    a: list[Commitment] | pd.DataFrame, b: list[Commitment] | pd.DataFrame, alignment: pd.DataFrame
) -> pd.DataFrame:
    """Which commitments both outlets report and which only one does.

    `a` and `b` are commitment records (or `commitments_table` frames) of two
    reports; `alignment` has columns a_id, b_id, relation (match, partial,
    a_only, b_only). One row per commitment: side, sentence_id, other_ids
    (the aligned sentences of the other side that carry a commitment),
    reported_by, strength and the other side's strongest strength there.
    reported_by is `both` when such a sentence is a `match` (the same fact),
    `related` when it is only `partial` (same topic, different specifics: on
    two meetings, a like commitment is not the same commitment), else
    `a_only` / `b_only`.
    """
    table_a, table_b = _as_frame(a), _as_frame(b)
    rows = []
    for side, mine, theirs, key, other_key in (("a", table_a, table_b, "a_id", "b_id"), ("b", table_b, table_a, "b_id", "a_id")):
        strongest = theirs.groupby("sentence_id")["strength"].max().to_dict()
        for record in mine.itertuples(index=False):
            linked = alignment[(alignment[key] == record.sentence_id) & alignment["relation"].isin(_ALIGNED)]
            found = [(rel, o) for rel, o in zip(linked["relation"], linked[other_key]) if o in strongest]
            relations = {rel for rel, _ in found}
            reported_by = "both" if "match" in relations else "related" if relations else f"{side}_only"
            rows.append({
                "side": side, "sentence_id": record.sentence_id,
                "other_ids": ";".join(sorted(o for _, o in found)), "reported_by": reported_by,
                "actor": record.actor, "cue": record.cue, "content": record.content, "strength": record.strength,
                "other_strength": max((strongest[o] for _, o in found), default=pd.NA),
                "joint": record.joint, "scope": record.scope,
            })
    return pd.DataFrame(rows, columns=[
        "side", "sentence_id", "other_ids", "reported_by", "actor", "cue", "content", "strength",
        "other_strength", "joint", "scope",
    ])


def _as_frame(records: list[Commitment] | pd.DataFrame) -> pd.DataFrame:
    if isinstance(records, pd.DataFrame):
        return records
    return pd.DataFrame([{
        "sentence_id": r.sentence_id, "actor": r.actor, "cue": r.cue, "content": r.content,
        "strength": r.strength, "joint": r.joint, "scope": r.scope,
    } for r in records], columns=["sentence_id", "actor", "cue", "content", "strength", "joint", "scope"])


#: Order and names of the groups of the commitments matrix, for two reports of one event.
MATRIX_GROUPS = {"both": "reported by both", "related": "like commitments", "a_only": "only A", "b_only": "only B"}
#: The same groups when A tells the first of two successive events and B the second: an aligned commitment
#: is then a statement made at both (the same words twice are not one fact), the rest is new or dropped.
SUCCESSIVE_GROUPS = {
    "both": "at both events (recurring)", "related": "at both events (recurring)",
    "a_only": "only at the first", "b_only": "new at the second",
}


def matrix_groups(successive: bool, event: str = "event") -> dict[str, str]:
    """Group names of the matrix: one event's coverage, or two successive events (`event` names them: "meeting")."""
    if not successive:
        return MATRIX_GROUPS
    return {key: name.replace("events", f"{event}s") for key, name in SUCCESSIVE_GROUPS.items()}


def commitment_matrix(shared: pd.DataFrame, labels: tuple[str, str] | list[str],
                      groups: dict[str, str] = MATRIX_GROUPS) -> pd.DataFrame:
    """The commitments matrix of two reports: one row per commitment and report that has it.

    From `shared_commitments`: a commitment both report (or a like one) is one
    row with a cell for each report; B's side of such a pair is not listed
    again, so a pair counts once. Columns: row (actor, cue and content, with
    the sentence), group (named by `groups`), report, strength.
    """
    listed_b = {o for ids in shared.loc[(shared["side"] == "a") & (shared["reported_by"] != "a_only"), "other_ids"]
                for o in ids.split(";") if o}
    rows = []
    for record in shared.itertuples(index=False):
        if record.side == "b" and record.reported_by != "b_only" and record.sentence_id in listed_b:
            continue
        name = f"{record.side.upper()} {record.sentence_id} · {record.actor}: {record.cue} {record.content}"
        mine, other = (0, 1) if record.side == "a" else (1, 0)
        rows.append((name, record.reported_by, labels[mine], int(record.strength)))
        if record.reported_by in ("both", "related") and not pd.isna(record.other_strength):
            rows.append((name, record.reported_by, labels[other], int(record.other_strength)))
    frame = pd.DataFrame(rows, columns=["row", "group", "report", "strength"])
    order = {group: k for k, group in enumerate(MATRIX_GROUPS)}
    frame = frame.sort_values("group", key=lambda g: g.map(order), kind="stable").reset_index(drop=True)
    frame["group"] = frame["group"].map(groups)
    return frame


def group_counts(matrix: pd.DataFrame) -> pd.Series:
    """Commitments per group of a matrix, a pair counted once (its rows share one name)."""
    return matrix.groupby("group", sort=False)["row"].nunique()


def commitments_by_report(tables: list[pd.DataFrame], alignments: dict[tuple[int, int], pd.DataFrame],
                          labels: list[str]) -> pd.DataFrame:
    """Commitments × reports for three or more reports (the two-report view is `commitment_matrix`).

    Each commitment is one row with a cell for its own report and for every
    other report that carries a commitment in a sentence aligned with it as a
    `match`. A commitment already listed from an earlier report is not listed
    again. Group: "reported by k of N", most widely reported first.
    """
    n = len(tables)
    rows, listed = [], set()
    for i, table in enumerate(tables):
        for record in table.itertuples(index=False):
            if (i, record.sentence_id) in listed:
                continue
            cells = {i: int(record.strength)}
            for j in range(n):
                if j != i:
                    cells.update(_matched_strength(tables, alignments, i, j, record.sentence_id, listed))
            name = f"{labels[i]} {record.sentence_id} · {record.actor}: {record.cue} {record.content}"
            group = f"reported by {len(cells)} of {n}"
            rows += [(name, group, labels[k], strength, len(cells)) for k, strength in sorted(cells.items())]
    frame = pd.DataFrame(rows, columns=["row", "group", "report", "strength", "_k"])
    return frame.sort_values("_k", ascending=False, kind="stable").drop(columns="_k").reset_index(drop=True)


def _matched_strength(tables, alignments, i: int, j: int, sentence_id: str, listed: set) -> dict[int, int]:
    """Strongest commitment of report j in sentences matched with report i's sentence; marks them listed."""
    pair, mine, theirs = ((i, j), "a_id", "b_id") if i < j else ((j, i), "b_id", "a_id")
    frame = alignments[pair]
    others = set(frame.loc[(frame[mine] == sentence_id) & (frame["relation"] == "match"), theirs])
    found = tables[j][tables[j]["sentence_id"].isin(others)]
    listed.update((j, s) for s in found["sentence_id"])
    return {j: int(found["strength"].max())} if len(found) else {}
