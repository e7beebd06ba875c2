"""Where two linked sentences disagree: numbers, polarity, speaker, date, certainty, acting party.

A paraphrase score rates "voted 7-2 to approve" against "voted 6-3 to
reject" as the same fact (0.94): the frame is shared and the specifics are a
few tokens. Alignment answers "do these two tell the same fact?"; this module
answers the reader's next question, "do they tell it the same way?", for a
pair already linked. It never links or unlinks: `analysis.align` keeps the
relation and adds the kinds found here (column `discrepancy`), so a linked
pair that disagrees is never shown as plain agreement.

Each kind compares what both sides state; a detail only one side gives is
an addition (column `extra`), not a disagreement. Equal forms agree:
"$42m" = "$42 million", "seven votes to two" = "7-2", "134 tonnes" =
"134 tons" (units are not compared, only values), "2,001" = "2001". Spelled
numbers are read by the `number-parser` library, one run of number words at a
time (run over a whole sentence it turns "first" and "$42 million" into odd
forms). Dates, cue strengths and speakers reuse the project's own readings:
`analysis.patterns` (month names), `analysis.commitments.find_cues` (how firm
a statement is) and the speakers the aligner resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from number_parser import parse_number

from analysis.commitments import find_cues
from analysis.describe import SentenceInfo, is_content, stem
from analysis.patterns import MONTH_NAMES

#: The kinds, in the order they are listed.
KINDS = ("number", "negation", "speaker", "date", "certainty", "actor")

#: Number words read as one number; "one" alone is left out (mostly a pronoun: "one of the ...").
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
_WORD_NUMBER = "|".join(sorted(_UNITS + ["hundred", "thousand", "million", "billion", "trillion"], key=len, reverse=True))
_NUMBER_RUN = re.compile(rf"\b(?:{_WORD_NUMBER})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD_NUMBER}))*\b", re.IGNORECASE)
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
#: A number in digits, with thousands separators and decimals, and a scale word or suffix after it.
_DIGITS = re.compile(rf"(?<![\w.])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s*({_SCALE})\b)?", re.IGNORECASE)

#: What a number counts, for `_kind`: money by a sign before it or a currency word after it.
MONEY = "money"
YEAR = "year"
#: A bare four-digit number of these centuries counts years ("by 2028"), not things.
_YEAR = re.compile(r"(?:18|19|20|21)\d\d")
_CURRENCY_SIGNS = frozenset("$€£¥₹")
_CURRENCY_STEMS = frozenset({"euro", "dollar", "rupe", "pound", "yuan", "yen", "rupiah", "franc", "peso", "rand", "lira",
                             "rubl", "dirham", "riyal", "taka", "naira", "shill"})
#: The word right after a number (and its scale word): letters only, so "to" in "31 to 12" is read and dropped.
_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = "|".join(MONTH_NAMES)
#: A day named in a sentence: a weekday, "6 December", "December 6", an ISO date; years alone are numbers.
_DATE = re.compile(
    rf"\b(?:(?P<weekday>{'|'.join(_WEEKDAYS)})"
    rf"|(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month1>{_MONTHS})"
    rf"|(?P<month2>{_MONTHS})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\b(?:,?\s+\d{4})?"
)
#: A statement with a cue at least this firm was decided (4 committed, 5 enacted) ...
DECIDED = 4
#: ... and one whose firmest cue is at most this was only talked about (1 considered).
CONSIDERED = 1
#: A cue of this strength says no (refused, rejected).
REFUSED = -1
#: Capitalised words that open a clause without naming who acts.
_NOT_ACTORS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "both", "during", "in", "on", "at"})
#: Words after which the subject of the next clause starts (the actor is sought after them).
_CLAUSE_OPENERS = re.compile(r"(?:\bsaid\b|\bthat\b|[,;:])\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One kind of disagreement and the words that show it."""

    kind: str
    a: tuple[str, ...]
    b: tuple[str, ...]

    def words(self) -> str:
        """'number: A 7; 2 | B 6; 3' for tables and the report."""
        return f"{self.kind}: A {'; '.join(self.a) or '-'} | B {'; '.join(self.b) or '-'}"


def numbers(text: str) -> dict[float, str]:
    """Every number a sentence states, as value -> the form printed, dates left out.

    "$42m" and "42 million" both give 42,000,000; "seven votes to two" gives 7 and 2.
    """
    return {value: printed for value, (printed, _) in _numbers(text).items()}


def _numbers(text: str) -> dict[float, tuple[str, str]]:
    """`numbers` with the kind of each (`_kind`): value -> (form printed, kind)."""
    text = _DATE.sub(" ", text)
    found: dict[float, tuple[str, str]] = {}
    for match in _DIGITS.finditer(text):
        value = float(match.group(1).replace(",", ""))
        scale = (match.group(2) or "").casefold()
        found.setdefault(value * _SCALES.get(scale, 1.0), (match.group(0).strip(), _kind(text, match)))
    for match in _NUMBER_RUN.finditer(text):
        words = match.group(0)
        if words.casefold() in _SCALES or words.casefold() == "one":  # "42 million" is read above; "one" is a pronoun
            continue
        value = _parsed_number(words.replace("-", " ").casefold())
        if value is not None:
            found.setdefault(float(value), (words, _kind(text, match)))
    return found


def _kind(text: str, match: re.Match[str]) -> str:
    """What a number counts: money (a currency sign before it, or a currency word after), else the stem of the
    content word right after it ("3.5 kilometres" -> kilometr), else a year (a bare "2028"), else "" (a bare
    count, as in "31 to 12").

    Why: two sentences linked as one fact often add different quantities ("a vote of 31 to 12" beside "a 42
    million euro wall"); only numbers of one kind can disagree.
    """
    if text[max(match.start() - 1, 0) : match.start()] in _CURRENCY_SIGNS:
        return MONEY
    after = _NEXT_WORD.match(text, match.end())
    if after is None or not is_content(after.group(1)):
        return YEAR if _YEAR.fullmatch(match.group(0).strip()) else ""
    kind = stem(after.group(1))
    return MONEY if kind in _CURRENCY_STEMS else kind


@lru_cache(maxsize=4096)
def _parsed_number(words: str) -> int | float | None:
    """number_parser's value of a run of number words, remembered: the same few runs ("three", "two") recur
    in every pair, and each parse costs milliseconds."""
    return parse_number(words)


def dates(text: str) -> dict[str, str]:
    """Days a sentence names, as a key that equal forms share ("6 December" = "December 6") -> printed form."""
    out: dict[str, str] = {}
    for m in _DATE.finditer(text):
        if m.group("weekday"):
            key = m.group("weekday")
        elif m.group("iso"):
            year, month, day = m.group("iso").split("-")
            key = f"{MONTH_NAMES[int(month) - 1]} {int(day)}" if 1 <= int(month) <= 12 else m.group("iso")
        else:
            key = f"{m.group('month1') or m.group('month2')} {int(m.group('day1') or m.group('day2'))}"
        out.setdefault(key, m.group(0))
    return out


@lru_cache(maxsize=4096)
def _strengths(text: str) -> tuple[int, ...]:
    return tuple(cue.strength for cue in find_cues(text))


def _actor_words(text: str) -> dict[str, str]:
    """Capitalised words just before the first cue, stem -> as printed: the party that acts ("France agreed")."""
    cues = find_cues(text)
    if not cues:
        return {}
    before = text[: cues[0].start]
    openers = [m.end() for m in _CLAUSE_OPENERS.finditer(before)]
    subject = before[openers[-1] :] if openers else before  # the last clause before the cue
    words = re.findall(r"[A-Z][\w’'.-]*", subject)
    return {stem(w): w for w in words if w.casefold() not in _NOT_ACTORS}


def compare(x: SentenceInfo, y: SentenceInfo, *, speakers: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
            speaker_counts: bool = True) -> list[Finding]:
    """The kinds on which two linked sentences disagree, in `KINDS` order.

    `speakers` are the two sentences' speakers as the aligner resolved them
    (stems); `speaker_counts=False` when the reports tell different events,
    where another speaker makes another statement, not a misattribution.
    """
    found: list[Finding] = []
    na, nb = _numbers(x.text), _numbers(y.text)
    kinds = {kind for _, kind in na.values()} & {kind for _, kind in nb.values()}  # only these can disagree
    only_a = [printed for v, (printed, kind) in na.items() if v not in nb and kind in kinds]
    only_b = [printed for v, (printed, kind) in nb.items() if v not in na and kind in kinds]
    if only_a and only_b:
        found.append(Finding("number", tuple(only_a), tuple(only_b)))
    polarity = _polarity(x, y)
    if polarity:
        found.append(polarity)
    sa, sb = speakers
    if speaker_counts and sa and sb and not sa & sb:
        found.append(Finding("speaker", _printed(x, sa), _printed(y, sb)))
    da, db = dates(x.text), dates(y.text)
    if da and db and not set(da) & set(db):
        found.append(Finding("date", tuple(da.values()), tuple(db.values())))
    certainty = _certainty(x.text, y.text)
    if certainty:
        found.append(certainty)
    aa, ab = _actor_words(x.text), _actor_words(y.text)
    if aa and ab and not aa.keys() & ab.keys() and not (aa.keys() | ab.keys()) & (sa | sb):
        found.append(Finding("actor", tuple(aa.values()), tuple(ab.values())))
    return found


def _printed(x: SentenceInfo, speaker: frozenset[str]) -> tuple[str, ...]:
    """A speaker as the sentence prints it; stems when it names the speaker only by a pronoun ("She said")."""
    words = [t for t, s in zip(x.tokens, x.stems) if s in speaker]
    return (" ".join(dict.fromkeys(words)),) if words else tuple(sorted(speaker))


def _polarity(x: SentenceInfo, y: SentenceInfo) -> Finding | None:
    """One side says no where the other does not: a negation, or a refusal ("rejected"), on one side only."""
    if x.negated != y.negated:
        return Finding("negation", ("not",) if x.negated else (), ("not",) if y.negated else ())
    no_a, no_b = REFUSED in _strengths(x.text), REFUSED in _strengths(y.text)
    if no_a != no_b:
        return Finding("negation", ("refused",) if no_a else (), ("refused",) if no_b else ())
    return None


def _certainty(a: str, b: str) -> Finding | None:
    """One side reports a decision ("agreed") where the other reports only talk ("discussed", "reviewed")."""
    sa, sb = [s for s in _strengths(a) if s >= 0], [s for s in _strengths(b) if s >= 0]
    if not sa or not sb:
        return None
    if max(sa) >= DECIDED and max(sb) <= CONSIDERED:
        return Finding("certainty", ("decided",), ("discussed",))
    if max(sb) >= DECIDED and max(sa) <= CONSIDERED:
        return Finding("certainty", ("discussed",), ("decided",))
    return None


def kinds(findings: list[Finding]) -> str:
    """The `discrepancy` column: kinds, ';'-separated, or ''."""
    return ";".join(f.kind for f in findings)


def details(findings: list[Finding]) -> str:
    """The `discrepancy_words` column: the differing words of each kind."""
    return " || ".join(f.words() for f in findings)
