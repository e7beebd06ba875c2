"""Read a web report and separate the report from the page around it.

Every character of the source ends up in exactly one place: a kept sentence,
a structure field (printed date, dateline), the removal log (with the rule and
its reason), or white space between blocks. `Report.spans()` returns that
partition; the tests check it covers the source exactly. A kept sentence's
offsets cover the raw characters it was read from; its text is those
characters with the repairs inside them applied (`analysis.repair`, logged in
`Report.repairs`), so without repairs it is the raw slice itself. Rules for page
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

from analysis import furniture
from analysis.errors import InputError
from analysis.paths import RESOURCES
from analysis.patterns import DATE_LINE, DATELINE, SENTENCE_END, WORD
from analysis.repair import Mended, Repair, mend, within
from analysis.segment import sentence_spans

#: A block this short, without end punctuation, followed by a paragraph, is a subheading.
SUBHEAD_MAX_WORDS = 12
#: A first line longer than this is body text, not a headline.
HEADLINE_MAX_WORDS = 30
#: Roles of kept text. `summary`: the bullets some pages print above the body, which restate it.
ROLES = ("headline", "standfirst", "summary", "subhead", "body")
#: Roles every count reads (shares, word shares, lead, voices, commitments): all but `summary`,
#: whose bullets repeat the body and would count it twice. Summary sentences are kept and aligned.
COUNTED_ROLES = ("headline", "standfirst", "subhead", "body")


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
    role: str  # one of ROLES
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
    repairs: list[Repair] = field(default_factory=list)

    @property
    def counted(self) -> list[Sentence]:
        """The sentences that counts and measures read: every kept sentence whose role is in COUNTED_ROLES."""
        return [s for s in self.sentences if s.role in COUNTED_ROLES]

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


#: trafilatura options: precision over recall (a teaser box or comment kept as report text is worse than
#: a missed paragraph, which the removal log cannot show either way); no comments, tables, links or
#: images; the title and date from the page's metadata. Its `deduplicate` is off: it remembers text
#: across calls, so the same page read twice would lose its text.
TRAFILATURA_OPTIONS = dict(favor_precision=True, include_comments=False, include_tables=False,
                           include_links=False, include_images=False, deduplicate=False, with_metadata=True)


def html_to_text(html: str, path: Path) -> str:
    """The article of an HTML page as plain text (title, date line, paragraphs), by trafilatura.

    trafilatura drops navigation, scripts, comment sections and related-article
    boxes; what it drops is not itemised, so for HTML input the offsets and the
    removal log refer to this extracted text, not to the markup. A page whose
    extracted text holds no line of running prose (navigation and footer only)
    has no article: InputError.
    """
    import trafilatura  # imported here: only HTML input needs it

    document = trafilatura.bare_extraction(html, **TRAFILATURA_OPTIONS)
    text = (document.text or "") if document is not None else ""
    if not any(furniture.is_prose(line) for line in text.splitlines()):
        raise InputError(f"{path}: no article text found in the HTML page")
    head = "\n".join(part for part in (document.title, document.date) if part)
    return f"{head}\n\n{text}\n" if head else f"{text}\n"


def read_report(path: str | Path, name: str | None = None, *, allow_empty: bool = False) -> Report:
    """Read and parse one report file, plain text or an HTML page; see `parse_report`."""
    path = Path(path)
    text = read_text(path)
    if is_html(path, text):
        text = html_to_text(text, path)
    return parse_report(text, name or path.name, allow_empty=allow_empty)


@dataclass(frozen=True)
class _Line:
    """A non-blank line, or the kept part of one: raw offsets, and its repaired text with the way back."""

    start: int
    end: int
    mended: Mended
    repairs: tuple[Repair, ...]

    @property
    def text(self) -> str:
        return self.mended.text

    def cut(self, a: int, b: int) -> _Line:
        """The part text[a:b] of this line (a < b), with its raw offsets and the repairs inside it."""
        m = self.mended
        part = Mended(m.text[a:b], m.starts[a:b], m.ends[a:b])
        start, end = part.raw_span(0, b - a)
        return _Line(start, end, part, tuple(within(self.repairs, start, end)))


_LINE = re.compile(r"[^\r\n]+")


def _lines(raw: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped text (after any byte-order mark), repaired."""
    out = []
    for match in _LINE.finditer(raw, 1 if raw.startswith("\ufeff") else 0):
        text = match.group()
        stripped = text.strip()
        if stripped:
            start = match.start() + len(text) - len(text.lstrip())
            mended, repairs = mend(stripped, start)
            out.append(_Line(start, start + len(stripped), mended, tuple(repairs)))
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

    The page is read as lines, each repaired first (`analysis.repair`):
    furniture rules (`boilerplate.tsv`), then line shapes (`analysis.furniture`:
    other script, links, navigation, timestamps), then the structure: section
    labels, the headline (the first line that is short enough), a standfirst
    (a paragraph printed between the headline and the date line or repeated
    headline), summary bullets and labels before the body, the body (from the
    first line of running prose), subheadings (short lines without end
    punctuation followed by a paragraph), captions with their credits, and the
    trailer after the last paragraph. A text with no sentence left is an
    InputError unless `allow_empty` (used to show the removal log of such a text).
    """
    report = Report(name=name, raw=raw, sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest())
    if raw.startswith("\ufeff"):
        report.removed.append(Removal(0, 1, "\ufeff", "byte-order-mark", "Unicode byte-order mark, not text"))
    lines = _drop_furniture(_lines(raw), report)
    lines = _drop_shapes(lines, report)
    blocks = _classify(lines, report)
    _split_blocks(blocks, report)
    if not report.sentences and not allow_empty:
        raise InputError(f"{name}: no sentences left after cleaning (see the removal log with --removed)")
    return report


def _remove(report: Report, line: _Line, rule: str, reason: str) -> None:
    report.removed.append(Removal(line.start, line.end, report.raw[line.start:line.end], rule, reason))


def _remove_shape(report: Report, line: _Line, shape: str) -> None:
    _remove(report, line, shape, furniture.REASONS[shape])


def _drop_furniture(lines: list[_Line], report: Report) -> list[_Line]:
    """Apply the boilerplate rules; log what they remove."""
    kept: list[_Line] = []
    skip_next = False
    for k, line in enumerate(lines):
        if skip_next:
            skip_next = False
            _remove(report, line, "link-label", "the headline of another story, after its link label")
            continue
        rule = _rule_for(line, ("drop", "truncate", "label", "signature")) or (
            None if kept else _rule_for(line, ("kicker",)))
        if rule is None:
            kept.append(line)
        elif rule.action == "truncate":
            _truncate(lines[k:], rule, report)
            break
        elif rule.action == "signature" and kept and kept[-1] is lines[k - 1]:
            post = kept.pop()
            report.removed.append(Removal(post.start, line.end, report.raw[post.start:line.end], rule.name, rule.reason))
        else:
            skip_next = rule.action == "label" and k + 1 < len(lines) and not furniture.ends_sentence(lines[k + 1].text)
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


def _drop_shapes(lines: list[_Line], report: Report) -> list[_Line]:
    """Remove lines whose shape is furniture wherever they stand (date lines are left for the date field)."""
    letters = [furniture.scripts(line.text) for line in lines]
    script = furniture.main_script(letters)
    kept = []
    for line, counts in zip(lines, letters):
        shape = None if DATE_LINE.match(line.text) else furniture.shape(line.text, script, counts)
        if shape is None:
            kept.append(line)
        else:
            _remove_shape(report, line, shape)
    return kept


def _classify(lines: list[_Line], report: Report) -> list[tuple[str, _Line]]:
    """Assign roles: headline, standfirst, summary, subhead, body; log the labels, captions and trailer."""
    i = 0
    while i < len(lines) and DATE_LINE.match(lines[i].text):
        _set_date(report, lines[i])
        i += 1
    while i + 1 < len(lines) and _is_kicker(lines[i].text, lines[i + 1].text):
        _remove_shape(report, lines[i], "kicker")
        i += 1
    blocks: list[tuple[str, _Line]] = []
    headline: _Line | None = None
    if i < len(lines) and _is_headline(lines[i].text):
        headline = lines[i]
        report.headline = headline.text
        blocks.append(("headline", headline))
        i += 1
    header_end = _header_end(lines, i, headline)
    body_start = next((j for j in range(header_end, len(lines)) if _opens_body(lines[j].text)), header_end)
    ends = [j for j in range(body_start, len(lines)) if furniture.ends_sentence(_without_credit(lines[j].text))]
    last_prose = ends[-1] if ends else len(lines) - 1
    seen: set[str] = set()
    for j in range(i, len(lines)):
        line, region = lines[j], "header" if j < body_start else "trailer" if j > last_prose else "body"
        text = line.text
        if headline is not None and _norm(text) == _norm(headline.text):
            _remove(report, line, "repeated-headline", "the headline printed again by the page template")
        elif DATE_LINE.match(text):
            _set_date(report, line)
        elif (credit := _credit(text)) is not None and (region == "trailer" or j == last_prose
                                                       or len(sentence_spans(text[:credit])) > 1):
            _remove_shape(report, line.cut(credit, len(text)), "credit")
            blocks.append(("body", line.cut(0, credit)))
        elif credit is not None:
            _remove_shape(report, line, "caption")
        elif _norm(text) in seen and _words(text) >= furniture.STRAY_LABEL_MAX_WORDS:
            _remove_shape(report, line, "repeated-line")
        elif region == "header" and (mark := furniture.list_mark(text)):
            _remove_shape(report, line.cut(0, mark), "list-mark")
            blocks.append(("summary", line.cut(mark, len(text))))
        elif region == "header" and furniture.is_fragment(text, furniture.HEADER_LABEL_MAX_WORDS):
            _remove_shape(report, line, "header-label")
        elif region == "trailer" and not furniture.ends_sentence(text) and len(sentence_spans(text)) == 1:
            _remove_shape(report, line, "trailer")
        elif j < header_end:
            report.standfirst = (report.standfirst + " " + text).strip()
            blocks.append(("standfirst", line))
        elif mark := furniture.list_mark(text):
            _remove_shape(report, line.cut(0, mark), "list-mark")
            blocks.append(("body", line.cut(mark, len(text))))
        else:
            blocks.append(("body", line))
        seen.add(_norm(text))
    return _mark_subheads(blocks, report)


def _is_kicker(text: str, following: str) -> bool:
    """A short label above a longer headline ("Pakistan" over "Pakistan, US agree ...")."""
    return (furniture.is_fragment(text, furniture.KICKER_MAX_WORDS) and _is_headline(following)
            and not furniture.ends_sentence(following) and _words(following) > _words(text))


def _opens_body(text: str) -> bool:
    """Running prose that is not a list item or a caption."""
    return furniture.is_prose(text) and not furniture.list_mark(text) and _credit(text) is None


def _without_credit(text: str) -> str:
    credit = _credit(text)
    return text if credit is None else text[:credit]


def _credit(text: str) -> int | None:
    """Where a trailing agency or photo credit starts in `text`, or None.

    The text before the credit must read as a caption or a paragraph (a
    sentence mark, or at least PROSE_MIN_WORDS words), so a headline or name
    after a dash is not taken for a credit.
    """
    for pattern in _credit_patterns():
        match = pattern.search(text)
        if match and match.start() > 0:
            before = text[:match.start()]
            if furniture.ends_sentence(before) or _words(before) >= furniture.PROSE_MIN_WORDS:
                return match.start()
    return None


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(f"(?:{r.pattern.pattern})$", re.IGNORECASE) for r in boilerplate_rules()
                 if r.action == "credit")


def _is_headline(text: str) -> bool:
    return _words(text) <= HEADLINE_MAX_WORDS and len(sentence_spans(text)) == 1


def _header_end(lines: list[_Line], start: int, headline: _Line | None) -> int:
    """Index after the last date line or repeated headline near the top, or `start`.

    Page templates print a summary between the headline and the date or the
    headline repeated over the article; that summary is the standfirst. Labels
    and summary bullets in between do not count towards the window.
    """
    end, seen = start, 0
    for j in range(start, len(lines)):
        text = lines[j].text
        repeated = headline is not None and _norm(text) == _norm(headline.text)
        if repeated or DATE_LINE.match(text):
            end = j + 1
        elif not (furniture.list_mark(text) or furniture.is_fragment(text, furniture.HEADER_LABEL_MAX_WORDS)):
            seen += 1
            if seen >= 4:
                break
    return end


def _set_date(report: Report, line: _Line) -> None:
    if report.date:
        _remove(report, line, "repeated-date", "the date printed again by the page template")
        return
    report.date = line.text
    report.fields["date"] = (line.start, line.end)


def _mark_subheads(blocks: list[tuple[str, _Line]], report: Report) -> list[tuple[str, _Line]]:
    """Short body lines without end punctuation: a subheading before a paragraph, else a stray label."""
    out = []
    for k, (role, line) in enumerate(blocks):
        followed_by_body = k + 1 < len(blocks) and blocks[k + 1][0] == "body" and not _is_label(blocks[k + 1][1].text)
        after_label = k > 0 and blocks[k - 1][0] == "body" and _is_label(blocks[k - 1][1].text)
        if role == "body" and after_label and _is_label(line.text):
            _remove_shape(report, line, "stray-label")
            continue
        if role == "body" and followed_by_body and _is_subhead(line.text):
            role = "subhead"
            report.subheads.append(line.text)
        elif role == "body" and _is_label(line.text) and k + 1 < len(blocks):
            _remove_shape(report, line, "stray-label")
            continue
        out.append((role, line))
    return out


def _is_label(text: str) -> bool:
    """A short line without end mark; a line ending in a colon introduces what follows, so it is not one."""
    return furniture.is_fragment(text, furniture.STRAY_LABEL_MAX_WORDS) and not text.endswith(":")


def _is_subhead(text: str) -> bool:
    return _words(text) <= SUBHEAD_MAX_WORDS and not SENTENCE_END.search(text) and not text.endswith(":")


def _split_blocks(blocks: list[tuple[str, _Line]], report: Report) -> None:
    """Split blocks into sentences; take the dateline off the first body paragraph; log the repairs kept."""
    first_body = True
    for number, (role, line) in enumerate(blocks, start=1):
        if role == "body" and first_body:
            first_body = False
            match = DATELINE.match(line.text)
            if match and _words(line.text[match.end():]) > 3:
                report.dateline = match.group("place")
                report.fields["dateline"] = line.cut(0, match.end()).start, line.cut(0, match.end()).end
                report.repairs += within(line.repairs, *report.fields["dateline"])
                line = line.cut(match.end(), len(line.text))
        text = line.text
        spans = [(0, len(text))] if role in ("headline", "subhead") else _whole_repairs(line, sentence_spans(text))
        for a, b in spans:
            sid = f"s{len(report.sentences) + 1:03d}"
            start, end = line.mended.raw_span(a, b)
            report.sentences.append(Sentence(sid, role, number, start, end, text[a:b]))
            report.repairs += within(line.repairs, start, end)
            report.repairs += [r for r in line.repairs if r.start == r.end and r.start == end]


def _whole_repairs(line: _Line, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that a boundary inside one repair would split (they would share raw characters)."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and line.mended.starts[a] < line.mended.ends[out[-1][1] - 1]:
            a = out.pop()[0]
        out.append((a, b))
    return out


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
