"""Precompiled patterns shared by the ingestion modules (notebook 01 and every command).

Kept in one place so a reader can audit what counts as a date line or a
dateline without reading the parsing code. Page-furniture rules are data, in
`resources/boilerplate.tsv` (see `analysis.sources`).
"""

import re

#: Month names in calendar order (evidence and scope read them; DATE_LINE matches their abbreviations).
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*))?)?"

_DATE = (
    r"(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
    r")"
)

#: A line that is only a publication date, optionally with a label, weekday and time:
#: "2025-12-06", "December 6, 2025", "Sat, 6 Dec 2025 14:05 PKT", "Published: 06/12/2025".
DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|date)\s*(?:on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY}\s*)?{_DATE}{_TIME}$",
    re.IGNORECASE,
)

#: The parts of a timestamp anywhere in a line: a date, a weekday, a clock time with its zone,
#: a relative time ("3 hours ago") or a reading time ("4 min read").
TIMESTAMP_PART = re.compile(
    rf"{_DATE}|\b{_WEEKDAY}(?!\w)"
    r"|\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*)\b)?"
    r"|\b\d{1,2}\s*[ap]\.?m\b\.?"
    r"|\b(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+(?:ago|read)\b",
    re.IGNORECASE,
)

#: A dateline opening the first paragraph: "ISLAMABAD:", "WASHINGTON (Reuters) -",
#: "NEW YORK, Dec 6 —". The place is in capitals; what follows is the report.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’ -]{0,30}?)?"
    r"(?:\s*\([^)]{1,40}\))?"
    r"\s*(?::|—|–|-{1,2})\s+"
)

#: Characters that end a sentence, with closing quotes and brackets after them.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")

#: Word tokens: letters/digits with inner apostrophes, hyphens, dots (U.S.) or ampersands.
WORD = re.compile(r"[^\W_](?:[\w’'&.-]*[^\W_])?")
