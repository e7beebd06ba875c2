"""Render `report.html`: the reports side by side, sentence by sentence, for reading.

Written by the `compare` command. Journalists open the page from a folder,
often offline, so it is one self-contained file: inline CSS and a small inline
script (`analysis.report_assets`), figures embedded as data URIs, and a
Content-Security-Policy that allows nothing else (the two inline blocks by
their SHA-256 hashes, images only from data URIs).

Report texts come from the web, so every text taken from the inputs (sentences,
labels, file names, dates, diffs, commitment fields, captions) is HTML-escaped;
element ids are built from indices and validated sentence ids (`r0-s003`),
never from labels; and the script reads its data from a JSON block in which
`<`, `>` and `&` are escaped, so no input ever becomes code or markup.
The same input gives the same bytes: there is no timestamp and every list is
sorted or kept in input order.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import report_discrepancy
from analysis.report_assets import CSS, JS
from analysis.sources import Report, Sentence

DEFAULT_TITLE = "Side-by-side comparison of news reports"
#: Relations that link two sentences; a_only and b_only rows only say a sentence was aligned.
LINKED = ("match", "partial")
RELATIONS = LINKED + ("a_only", "b_only")
ALIGNMENT_COLUMNS = ("a", "b", "a_id", "b_id", "relation", "score", "diff")
COMMITMENT_COLUMNS = ("report", "sentence_id", "actor", "strength", "strength_label", "cue")
SENTENCE_ID = re.compile(r"s\d+")
#: A word-level diff: "the [-Acting US Ambassador-]{+US Chargé d’Affaires+} met".
DIFF_EDIT = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Paragraph roles and the element each is printed in.
ROLE_TAGS = {"headline": "h3", "subhead": "h4", "standfirst": "p", "body": "p"}


@dataclass(frozen=True)
class Link:
    """A counterpart of one sentence, seen from that sentence.

    `diff` is oriented from the sentence to its counterpart: "-" tokens are
    words only in the sentence, "+" tokens words only in the counterpart.
    """

    target: str  # element id of the counterpart, e.g. "r1-s004"
    relation: str  # match | partial
    score: float | None
    diff: tuple[tuple[str, str], ...]
    basis: str = ""  # the rule that decided the relation ("lede pair", "score", ...), shown beside the score


def render(
    reports: Sequence[Report],
    labels: Sequence[str],
    alignment: pd.DataFrame,
    commitments: pd.DataFrame,
    figures: Sequence[tuple[Path, str]] = (),
    title: str = DEFAULT_TITLE,
    verdicts: Sequence[str] = (),
) -> str:
    """The whole page as text; reads nothing but the figure PNGs.

    `verdicts` are the same-event sentences (`analysis.events`), shown first: whether the reports tell one
    event decides how every difference below reads."""
    _check_labels(reports, labels)
    links, aligned = counterparts(reports, labels, alignment)
    tags = commitment_tags(reports, labels, commitments)
    body = "\n".join(
        [
            _page_head(reports, labels, title, bool(figures), verdicts),
            _columns(reports, labels, links, aligned, tags),
            report_discrepancy.panel(alignment),
            _figures(figures),
            _details_panel(),
            _data_block(labels, links),
            f"<script>{JS}</script>",
        ]
    )
    return f"<!DOCTYPE html>\n<html lang=\"en\">\n{_head(title)}\n<body>\n{body}\n</body>\n</html>\n"


def write(path: Path, page: str) -> None:
    """Write a rendered page as UTF-8 (LF line ends, so the bytes match `render`)."""
    Path(path).write_text(page, encoding="utf-8", newline="\n")


def element_id(report_index: int, sentence_id: str) -> str:
    """The element id of a sentence; ids come from indices so no input text reaches an attribute."""
    if not SENTENCE_ID.fullmatch(sentence_id):
        raise ValueError(f"sentence id {sentence_id!r} is not of the form s001")
    return f"r{int(report_index)}-{sentence_id}"


def parse_diff(diff: object) -> tuple[tuple[str, str], ...]:
    """Split a diff string into ("=", text), ("-", deleted) and ("+", inserted) tokens."""
    if _blank(diff):
        return ()
    text, tokens, cursor = str(diff), [], 0
    for edit in DIFF_EDIT.finditer(text):
        if edit.start() > cursor:
            tokens.append(("=", text[cursor : edit.start()]))
        tokens.append(("-", edit.group(1)) if edit.group(1) is not None else ("+", edit.group(2)))
        cursor = edit.end()
    if cursor < len(text):
        tokens.append(("=", text[cursor:]))
    return tuple(tokens)


def reverse_diff(tokens: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The same diff read from the other sentence: deletions become insertions."""
    swap = {"-": "+", "+": "-", "=": "="}
    return tuple((swap[kind], text) for kind, text in tokens)


def counterparts(
    reports: Sequence[Report], labels: Sequence[str], alignment: pd.DataFrame
) -> tuple[dict[str, list[Link]], set[str]]:
    """Links of each sentence (both directions) and the ids the alignment mentions at all.

    A sentence the alignment mentions but never links is "only here"; one it
    does not mention is left unmarked, because nothing was said about it.
    """
    found: dict[str, dict[str, Link]] = defaultdict(dict)
    aligned: set[str] = set()
    for a_el, b_el, relation, score, diff, basis in _alignment_rows(reports, labels, alignment):
        aligned.update(el for el in (a_el, b_el) if el)
        if relation in LINKED:
            found[a_el].setdefault(b_el, Link(b_el, relation, score, diff, basis))
            found[b_el].setdefault(a_el, Link(a_el, relation, score, reverse_diff(diff), basis))
    links = {el: [found[el][t] for t in sorted(found[el], key=_id_order)] for el in sorted(found, key=_id_order)}
    return links, aligned


def commitment_tags(
    reports: Sequence[Report], labels: Sequence[str], commitments: pd.DataFrame
) -> dict[str, list[str]]:
    """Escaped tag markup per sentence element id, e.g. "committed (4) · both"."""
    _check_columns(commitments, COMMITMENT_COLUMNS, "commitments")
    index, known = _label_index(labels), _known_ids(reports)
    tags: dict[str, list[str]] = defaultdict(list)
    for row in commitments.to_dict("records"):
        el = _sentence_element(known, index, row["report"], row["sentence_id"], "commitments")
        tags[el].append(_tag(row))
    return dict(tags)


def _tag(row: dict) -> str:
    strength = "" if _blank(row["strength"]) else f" ({int(row['strength'])})"
    actor = "" if _blank(row["actor"]) else f" · {_text(row['actor'])}"
    cue = "" if _blank(row["cue"]) else f' title="cue: {_e(row["cue"])}"'
    return f'<span class="tag"{cue}>{_e(_text(row["strength_label"]) + strength + actor)}</span>'


def _alignment_rows(
    reports: Sequence[Report], labels: Sequence[str], alignment: pd.DataFrame
) -> Iterator[tuple[str, str, str, float | None, tuple[tuple[str, str], ...], str]]:
    """Validated rows as (a element id or "", b element id or "", relation, score, diff tokens, basis or "")."""
    _check_columns(alignment, ALIGNMENT_COLUMNS, "alignment")
    index, known = _label_index(labels), _known_ids(reports)
    for row in alignment.to_dict("records"):
        relation = _text(row["relation"])
        if relation not in RELATIONS:
            raise ValueError(f"alignment: relation {relation!r} is not one of {', '.join(RELATIONS)}")
        a_el = "" if relation == "b_only" else _sentence_element(known, index, row["a"], row["a_id"], "alignment")
        b_el = "" if relation == "a_only" else _sentence_element(known, index, row["b"], row["b_id"], "alignment")
        yield a_el, b_el, relation, _score(row["score"]), parse_diff(row["diff"]), _text(row.get("basis"))


def _sentence_element(known: Sequence[set[str]], index: dict[str, int], label: object, sid: object, table: str) -> str:
    """The element id of a (label, sentence id) pair from a table, or a ValueError naming the table."""
    if _text(label) not in index:
        raise ValueError(f"{table}: report label {_text(label)!r} is not among the labels given")
    r = index[_text(label)]
    el = element_id(r, _text(sid))
    if _text(sid) not in known[r]:
        raise ValueError(f"{table}: report {_text(label)!r} has no sentence {_text(sid)!r}")
    return el


def _check_labels(reports: Sequence[Report], labels: Sequence[str]) -> None:
    if len(reports) != len(labels):
        raise ValueError(f"{len(reports)} reports but {len(labels)} labels")
    if len(set(labels)) != len(labels):
        raise ValueError("report labels must be distinct")


def _check_columns(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{table}: missing columns {', '.join(missing)}")


def _label_index(labels: Sequence[str]) -> dict[str, int]:
    return {str(label): k for k, label in enumerate(labels)}


def _known_ids(reports: Sequence[Report]) -> list[set[str]]:
    return [{s.id for s in report.sentences} for report in reports]


def _id_order(el: str) -> tuple[int, int]:
    """Sort element ids by report, then by sentence number (s1000 after s999)."""
    report, sid = el.split("-")
    return int(report[1:]), int(sid[1:])


def _blank(value: object) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return not isinstance(value, str) and bool(pd.isna(value))


def _text(value: object) -> str:
    return "" if _blank(value) else str(value)


def _score(value: object) -> float | None:
    """A rounded score, or None (JSON has no NaN)."""
    if _blank(value) or not math.isfinite(float(value)):
        return None
    return round(float(value), 3)


def _e(value: object) -> str:
    """Escape any text from the inputs for use in element content or a quoted attribute."""
    return html.escape(str(value), quote=True)


def _csp_hash(block: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii") + "'"


def _head(title: str) -> str:
    """The head: the policy first, so it covers everything after it."""
    policy = (
        f"default-src 'none'; img-src data:; style-src {_csp_hash(CSS)}; script-src {_csp_hash(JS)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return "\n".join(
        [
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="analysis compare">',
            f"<title>{_e(title)}</title>",
            f"<style>{CSS}</style>",
            "</head>",
        ]
    )


def _page_head(reports: Sequence[Report], labels: Sequence[str], title: str, has_figures: bool,
               verdicts: Sequence[str] = ()) -> str:
    jump = '<a href="#comparison">Comparison</a>' + (' · <a href="#figures">Figures</a>' if has_figures else "")
    return "\n".join(
        [
            '<header class="page-head">',
            f"<h1>{_e(title)}</h1>",
            *[f'<p class="verdict">{_e(v)}</p>' for v in verdicts],
            f'<p class="lede">{len(reports)} news reports side by side, sentence by sentence, in reading order. '
            "Select a sentence to see where the other reports tell the same thing and which words differ. "
            "This page is one file: it works offline and loads nothing from the network.</p>",
            f'<p class="jump">Jump to: {jump}</p>',
            '<details class="about" open>',
            "<summary>Files and how to read this page</summary>",
            _files_table(reports, labels),
            _legend(),
            "</details>",
            "</header>",
        ]
    )


_FILE_COLUMNS = ("Report", "File", "Printed date", "Dateline", "Sentences", "SHA-256")


def _files_table(reports: Sequence[Report], labels: Sequence[str]) -> str:
    head = "<tr>" + "".join(f"<th>{name}</th>" for name in _FILE_COLUMNS) + "</tr>"
    rows = [
        f"<tr><td>{_e(label)}</td><td>{_e(r.name)}</td><td>{_e(r.date or '—')}</td><td>{_e(r.dateline or '—')}</td>"
        f"<td>{len(r.sentences)}</td><td><code>{_e(r.sha256)}</code></td></tr>"
        for r, label in zip(reports, labels)
    ]
    return '<table class="files"><caption>Files compared</caption>\n' + "\n".join([head, *rows]) + "\n</table>"


_LEGEND = (
    ('<span class="sample counterpart-match">text</span>', "the same statement in another report (solid outline)"),
    ('<span class="sample counterpart-partial">text</span>', "part of the statement in another report (dashed outline)"),
    ('<span class="sample only"><span class="only-label">only here</span>text</span>',
     "no counterpart in any other report of the alignment"),
    ('<span class="sample selected">text</span>', "the sentence you selected; its counterparts scroll into view"),
    ('<span class="tag">committed (4) · both</span>',
     "a commitment found in the sentence: strength label, strength (−1 to 5) and actor; hover for the cue"),
    ("<del>struck</del> / <ins>underlined</ins>",
     "in the panel below: words only in the selected sentence / only in its counterpart"),
    ('<span class="sid">s012</span>', "the sentence id, as in the CSV tables"),
    ("<kbd>Tab</kbd> <kbd>Enter</kbd> <kbd>Esc</kbd>",
     "move between sentences, select one, clear the selection (hover also highlights)"),
)


def _legend() -> str:
    items = "\n".join(f"<li>{sample} — {meaning}</li>" for sample, meaning in _LEGEND)
    return f'<h2>How to read it</h2>\n<ul class="legend">\n{items}\n</ul>'


def _columns(
    reports: Sequence[Report],
    labels: Sequence[str],
    links: dict[str, list[Link]],
    aligned: set[str],
    tags: dict[str, list[str]],
) -> str:
    columns = [_column(k, r, label, links, aligned, tags) for k, (r, label) in enumerate(zip(reports, labels))]
    opening = '<main id="comparison" class="columns" aria-label="Reports side by side">'
    return opening + "\n" + "\n".join(columns) + "\n</main>"


def _column(
    index: int,
    report: Report,
    label: str,
    links: dict[str, list[Link]],
    aligned: set[str],
    tags: dict[str, list[str]],
) -> str:
    meta = " · ".join(_e(part) for part in (report.date, report.dateline) if part)
    paragraphs = "\n".join(
        _paragraph(index, group, links, aligned, tags) for group in _paragraph_groups(report.sentences)
    )
    return "\n".join(
        [
            f'<article class="report" id="r{index}" aria-labelledby="r{index}-label">',
            '<header class="report-head">',
            f'<h2 id="r{index}-label">{_e(label)}</h2>',
            f'<p class="report-meta">{meta}</p>' if meta else "",
            "</header>",
            f'<div class="report-body">\n{paragraphs}\n</div>',
            "</article>",
        ]
    )


def _paragraph_groups(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    """Sentences grouped into their paragraphs, in reading order."""
    groups: list[list[Sentence]] = []
    for sentence in sentences:
        if groups and groups[-1][0].paragraph == sentence.paragraph:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return groups


def _paragraph(
    index: int,
    group: Sequence[Sentence],
    links: dict[str, list[Link]],
    aligned: set[str],
    tags: dict[str, list[str]],
) -> str:
    role = group[0].role if group[0].role in ROLE_TAGS else "body"
    tag = ROLE_TAGS[role]
    sentences = " ".join(_sentence(index, s, links, aligned, tags) for s in group)
    return f'<{tag} class="{role}">{sentences}</{tag}>'


def _sentence(
    index: int,
    sentence: Sentence,
    links: dict[str, list[Link]],
    aligned: set[str],
    tags: dict[str, list[str]],
) -> str:
    el = element_id(index, sentence.id)
    only = el in aligned and el not in links
    classes = "sent only" if only else "sent"
    label = '<span class="only-label">only here</span>' if only else ""
    return (
        f'<span class="{classes}" id="{el}" data-sid="{sentence.id}" '
        'tabindex="0" role="button" aria-pressed="false">'
        f'<span class="sid" aria-hidden="true">{sentence.id}</span>{label}<span class="txt">{_e(sentence.text)}</span>'
        f'{"".join(tags.get(el, []))}</span>'
    )


def _figures(figures: Sequence[tuple[Path, str]]) -> str:
    if not figures:
        return ""
    items = "\n".join(_figure(Path(path), caption) for path, caption in figures)
    return f'<section id="figures" class="figures" aria-label="Figures">\n<h2>Figures</h2>\n{items}\n</section>'


def _figure(path: Path, caption: str) -> str:
    """One figure, embedded: the page must not depend on files beside it."""
    data = path.read_bytes()
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError(f"{path}: not a PNG file")
    uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return (
        f'<figure><img src="{uri}" alt="{_e(caption)}">'
        f'<figcaption>{_e(caption)} <span class="file">{_e(path.name)}</span></figcaption></figure>'
    )


def _details_panel() -> str:
    return (
        '<aside id="details" class="details" hidden aria-live="polite" '
        'aria-label="Selected sentence and its counterparts">'
        '<button type="button" id="details-close" class="close" aria-label="Close">×</button>'
        '<div id="details-body"></div></aside>'
    )


def _data_block(labels: Sequence[str], links: dict[str, list[Link]]) -> str:
    """The script's data as JSON that cannot end the block or open a tag."""
    payload = {
        "labels": [str(label) for label in labels],
        "links": {
            el: [[link.target, link.relation, link.score, [list(t) for t in link.diff], link.basis] for link in items]
            for el, items in links.items()
        },
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="page-data">{text}</script>'
