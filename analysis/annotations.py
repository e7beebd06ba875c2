"""What the later steps read of one report, computed once: its cast, its commitments and its speakers.

Why: the commitments table, theme emphasis, commitment emphasis and voices
all read the same commitments of a report, and the voices read the same cast
of people. Extracted anew by each, they were extracted about ten times per
report in one `compare` (tables and figures each asked), which on a long
report was most of its time. As spaCy's rule components do, a report is
annotated once (`annotate`) and every later step reads the annotation; each
step also accepts a bare report and annotates it itself, for a single call.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.actors import Cast, build_cast, recent
from analysis.commitments import Commitment, extract, reported_speaker
from analysis.sources import Report


@dataclass(frozen=True)
class Annotations:
    """One report's annotations.

    `speakers`: every non-subheading counted sentence's speaker by id: the speaker of its first commitment,
    else whoever it reports as speaking, else "" (the outlet's own voice).
    """

    cast: Cast
    commitments: tuple[Commitment, ...]
    speakers: dict[str, str]


def annotate(report: Report) -> Annotations:
    """The cast, commitments and speakers of a report, each computed once."""
    cast = build_cast([s.text for s in report.counted], report.dateline)
    records = tuple(extract(report, cast=cast))
    first: dict[str, str] = {}
    for record in records:
        first.setdefault(record.sentence_id, record.speaker)
    speakers: dict[str, str] = {}
    context = ""
    for sentence in report.counted:
        if sentence.role != "subhead":
            speakers[sentence.id] = first.get(sentence.id) or reported_speaker(sentence.text, cast, context)
        context = recent(context, sentence.text)
    return Annotations(cast, records, speakers)


def of(report: Report, annotations: Annotations | None) -> Annotations:
    """`annotations` when given (computed once by the caller), else the report's, computed now."""
    return annotations if annotations is not None else annotate(report)
