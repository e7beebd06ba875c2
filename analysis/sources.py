"""Read a web report and separate the report from the page around it.

Every character of the source ends up in exactly one place: a kept sentence,
a structure field (printed date, dateline), the removal log (with the rule and
its reason), or white space between blocks. `Report.spans()` returns that
partition; the tests check it covers the source exactly. Rules for page
furniture are data (`resources/boilerplate.tsv`), so they can be audited and
extended without reading code. Used by every notebook and every CLI command.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.paths import RESOURCES
from analysis.patterns import DATE_LINE, DATELINE, SENTENCE_END, WORD
from analysis.segment import sentence_spans

#: A block this short, without end punctuation, followed by a paragraph, is a subheading.
SUBHEAD_MAX_WORDS = 12
#: A first line longer than this is body text, not a headline.
HEADLINE_MAX_WORDS = 30


@dataclass(frozen=True)
class Rule:
    """One page-furniture rule from `boilerplate.tsv`."""

    name: str
    action: str
    pattern: re.Pattern[str]
    reason: str


@dataclass(frozen=True)
class Removal:
    """A stretch of the source that cleaning removed, and why."""

    start: int
    end: int
    text: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A kept sentence: `id` is stable for a given file (s001, s002, ... in reading order)."""

    id: str
    role: str  # headline | standfirst | subhead | body
    paragraph: int  # kept block number in reading order, 1 = headline
    start: int  # character offsets into the decoded source
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    """One piece of the partition of a source: what happened to those characters."""

    start: int
    end: int
    kind: str  # sentence | field | removed | space
    label: str  # sentence id, field name, or removal rule


@dataclass
class Report:
    """A report as the analysis sees it: structure fields, sentences, removal log."""

    name: str
    raw: str
    sha256: str
    headline: str = ""
    standfirst: str = ""
    date: str = ""
    dateline: str = ""
    subheads: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def body_paragraphs(self) -> int:
        """Number of body paragraphs kept."""
        return len({s.paragraph for s in self.sentences if s.role == "body"})

    def spans(self) -> list[Span]:
        """Partition the source into sentence, field, removed and white-space spans."""
        pieces = [Span(s.start, s.end, "sentence", s.id) for s in self.sentences]
        pieces += [Span(a, b, "field", name) for name, (a, b) in self.fields.items()]
        pieces += [Span(r.start, r.end, "removed", r.rule) for r in self.removed]
        pieces.sort(key=lambda p: p.start)
        out: list[Span] = []
        cursor = 0
        for piece in pieces:
            if piece.start > cursor:
                out.append(Span(cursor, piece.start, "space", ""))
            out.append(piece)
            cursor = piece.end
        if cursor < len(self.raw):
            out.append(Span(cursor, len(self.raw), "space", ""))
        return out


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[Rule, ...]:
    """Load the page-furniture rules (comment lines start with '#')."""
    with open(RESOURCES / "boilerplate.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return tuple(
        Rule(row["rule"], row["action"], re.compile(row["pattern"], re.IGNORECASE), row["reason"])
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    )


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, or raise InputError saying in one line what is wrong."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: UTF-16 text; convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (it contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not UTF-8 text (byte {err.start}); convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8"
        ) from None


_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def is_html(path: Path, text: str) -> bool:
    """An HTML page, by its name or its first tag."""
    return path.suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(text[:2000]))


def html_to_text(html: str, path: Path) -> str:
    """The article of an HTML page as plain text (title, date line, paragraphs), by trafilatura.

    trafilatura drops navigation, scripts and comment sections; what it drops
    is not itemised, so for HTML input the offsets and the removal log refer to
    this extracted text, not to the markup.
    """
    import trafilatura  # imported here: only HTML input needs it

    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if document is None or not (document.text or "").strip():
        raise InputError(f"{path}: no article text found in the HTML page")
    head = "\n".join(part for part in (document.title, document.date) if part)
    return f"{head}\n\n{document.text}\n" if head else f"{document.text}\n"


def read_report(path: str | Path, name: str | None = None, *, allow_empty: bool = False) -> Report:
    """Read and parse one report file, plain text or an HTML page; see `parse_report`."""
    path = Path(path)
    text = read_text(path)
    if is_html(path, text):
        text = html_to_text(text, path)
    return parse_report(text, name or path.name, allow_empty=allow_empty)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


_LINE = re.compile(r"[^\r\n]+")


def _lines(raw: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped text (after any byte-order mark)."""
    out = []
    for match in _LINE.finditer(raw, 1 if raw.startswith("\ufeff") else 0):
        text = match.group()
        stripped = text.strip()
        if stripped:
            start = match.start() + len(text) - len(text.lstrip())
            out.append(_Line(start, start + len(stripped), stripped))
    return out


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _rule_for(line: _Line, actions: tuple[str, ...]) -> Rule | None:
    for rule in boilerplate_rules():
        if rule.action in actions and rule.pattern.fullmatch(line.text):
            return rule
    return None


def parse_report(raw: str, name: str = "report", *, allow_empty: bool = False) -> Report:
    """Parse the decoded text of a report page into a Report.

    The page is read as lines: furniture rules first, then the headline (the
    first line that is short enough), a standfirst (a paragraph printed between
    the headline and the date line or repeated headline), subheadings (short
    lines without end punctuation followed by a paragraph) and body paragraphs.
    A text with no sentence left is an InputError unless `allow_empty` (used to
    show the removal log of such a text).
    """
    report = Report(name=name, raw=raw, sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest())
    if raw.startswith("\ufeff"):
        report.removed.append(Removal(0, 1, "\ufeff", "byte-order-mark", "Unicode byte-order mark, not text"))
    lines = _drop_furniture(_lines(raw), report)
    blocks = _classify(lines, report)
    _split_blocks(blocks, report)
    if not report.sentences and not allow_empty:
        raise InputError(f"{name}: no sentences left after cleaning (see the removal log with --removed)")
    return report


def _remove(report: Report, line: _Line, rule: str, reason: str) -> None:
    report.removed.append(Removal(line.start, line.end, line.text, rule, reason))


def _drop_furniture(lines: list[_Line], report: Report) -> list[_Line]:
    """Apply the boilerplate rules; log what they remove."""
    kept: list[_Line] = []
    for k, line in enumerate(lines):
        rule = _rule_for(line, ("drop", "truncate")) or (None if kept else _rule_for(line, ("kicker",)))
        if rule is None:
            kept.append(line)
        elif rule.action == "truncate":
            _truncate(lines[k:], rule, report)
            break
        else:
            _remove(report, line, rule.name, rule.reason)
    return kept


def _truncate(tail: list[_Line], rule: Rule, report: Report) -> None:
    """Remove `tail` to the end, one log entry per furniture block it holds.

    A later line that matches a rule of its own (a "Must Read" heading after a
    comment form) opens a new entry, so the log tells each block's reason.
    """
    start = 0
    for k, line in enumerate(tail[1:], start=1):
        other = _rule_for(line, ("drop", "truncate"))
        if other is not None and other.name != rule.name:
            _log_run(tail[start:k], rule, report)
            start, rule = k, other
    _log_run(tail[start:], rule, report)


def _log_run(run: list[_Line], rule: Rule, report: Report) -> None:
    start, end = run[0].start, run[-1].end
    report.removed.append(Removal(start, end, report.raw[start:end], rule.name, rule.reason))


def _classify(lines: list[_Line], report: Report) -> list[tuple[str, _Line]]:
    """Assign roles: headline, standfirst, date, repeated headline, subhead, body."""
    blocks: list[tuple[str, _Line]] = []
    headline: _Line | None = None
    i = 0
    while i < len(lines) and DATE_LINE.match(lines[i].text):
        _set_date(report, lines[i])
        i += 1
    if i < len(lines) and _is_headline(lines[i].text):
        headline = lines[i]
        report.headline = headline.text
        blocks.append(("headline", headline))
        i += 1
    header_end = _header_end(lines, i, headline)
    for j in range(i, len(lines)):
        line = lines[j]
        if headline is not None and _norm(line.text) == _norm(headline.text):
            _remove(report, line, "repeated-headline", "the headline printed again by the page template")
        elif DATE_LINE.match(line.text):
            _set_date(report, line)
        elif j < header_end:
            report.standfirst = (report.standfirst + " " + line.text).strip()
            blocks.append(("standfirst", line))
        else:
            blocks.append(("body", line))
    return _mark_subheads(blocks, report)


def _is_headline(text: str) -> bool:
    return _words(text) <= HEADLINE_MAX_WORDS and len(sentence_spans(text)) == 1


def _header_end(lines: list[_Line], start: int, headline: _Line | None) -> int:
    """Index after the last date line or repeated headline near the top, or `start`.

    Page templates print a summary between the headline and the date or the
    headline repeated over the article; that summary is the standfirst.
    """
    end = start
    for j in range(start, min(start + 4, len(lines))):
        text = lines[j].text
        repeated = headline is not None and _norm(text) == _norm(headline.text)
        if repeated or DATE_LINE.match(text):
            end = j + 1
    return end


def _set_date(report: Report, line: _Line) -> None:
    if report.date:
        _remove(report, line, "repeated-date", "the date printed again by the page template")
        return
    report.date = line.text
    report.fields["date"] = (line.start, line.end)


def _mark_subheads(blocks: list[tuple[str, _Line]], report: Report) -> list[tuple[str, _Line]]:
    out = []
    for k, (role, line) in enumerate(blocks):
        followed_by_body = k + 1 < len(blocks) and blocks[k + 1][0] == "body"
        if role == "body" and followed_by_body and _is_subhead(line.text):
            role = "subhead"
            report.subheads.append(line.text)
        out.append((role, line))
    return out


def _is_subhead(text: str) -> bool:
    return _words(text) <= SUBHEAD_MAX_WORDS and not SENTENCE_END.search(text) and not text.endswith(":")


def _split_blocks(blocks: list[tuple[str, _Line]], report: Report) -> None:
    """Split blocks into sentences; take the dateline off the first body paragraph."""
    first_body = True
    for number, (role, line) in enumerate(blocks, start=1):
        start, text = line.start, line.text
        if role == "body" and first_body:
            first_body = False
            match = DATELINE.match(text)
            if match and _words(text[match.end():]) > 3:
                report.dateline = match.group("place")
                report.fields["dateline"] = (start, start + match.end())
                start, text = start + match.end(), text[match.end():]
        spans = [(0, len(text))] if role in ("headline", "subhead") else sentence_spans(text)
        for a, b in spans:
            sid = f"s{len(report.sentences) + 1:03d}"
            report.sentences.append(Sentence(sid, role, number, start + a, start + b, text[a:b]))


SENTENCE_COLUMNS = ["id", "role", "paragraph", "start", "end", "text"]
REMOVED_COLUMNS = ["start", "end", "rule", "reason", "text"]


def sentences_frame(report: Report) -> pd.DataFrame:
    """One row per kept sentence, in reading order (the `sentences` command's table)."""
    rows = [[s.id, s.role, s.paragraph, s.start, s.end, s.text] for s in report.sentences]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def removed_frame(report: Report) -> pd.DataFrame:
    """One row per removed stretch, in source order (the `sentences --removed` table)."""
    rows = [[r.start, r.end, r.rule, r.reason, r.text] for r in sorted(report.removed, key=lambda r: r.start)]
    return pd.DataFrame(rows, columns=REMOVED_COLUMNS)


def structure_frame(reports: list[Report]) -> pd.DataFrame:
    """The structure of each report side by side: fields, counts of blocks, sentences, words."""
    rows = {}
    for report in reports:
        roles = [s.role for s in report.sentences]
        rows[report.name] = {
            "headline": report.headline, "standfirst": report.standfirst or "(none)",
            "date printed": report.date or "(none)", "dateline": report.dateline or "(none)",
            "subheads": "; ".join(report.subheads) or "(none)",
            "body paragraphs": report.body_paragraphs, "body sentences": roles.count("body"),
            "words kept": sum(len(s.text.split()) for s in report.sentences),
            "characters removed": sum(r.end - r.start for r in report.removed),
        }
    return pd.DataFrame(rows)


def accounting_frame(report: Report) -> pd.DataFrame:
    """Characters of the source by where they went: sentence, field, removed, space."""
    counts = {"sentence": 0, "field": 0, "removed": 0, "space": 0}
    for span in report.spans():
        counts[span.kind] += span.end - span.start
    return pd.DataFrame({"kind": list(counts), "characters": list(counts.values())})
