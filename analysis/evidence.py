"""Do two reports tell of one event? Clues from the texts, for and against.

The project was set up as "two reports of the same meeting"; this module lets
the texts speak to that premise instead of inheriting it. `text_clues` reads
each dimension a reader would check (who, where, which day, printed date,
titles, delegation, named bodies and initiatives, shared content, page tails)
and says which way it points, and why. Outside facts (publication dates, other
outlets' reports) are not in the texts: they live in a data file with their
sources (`seeds/external_evidence.csv` for the seeds) and are shown apart.
Used by notebook 01_sources.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import actors, overlap
from analysis.describe import describe
from analysis.patterns import MONTH_NAMES
from analysis.sources import Report

SAME = "consistent with one event"
TWO = "points to two events"
NEUTRAL = "says nothing either way"

WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH = re.compile(rf"\b({'|'.join(MONTH_NAMES)})\b")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
POSSESSIVE = re.compile(r"[’']s$")
#: Tail (in %) of the reference distributions beyond which shared content points one way.
LOW_PERCENTILE = 5


def body_texts(report: Report) -> list[str]:
    """Standfirst and body sentences (`overlap.BODY_ROLES`): what a report tells, without headline or signposts."""
    return [s.text for s in report.sentences if s.role in overlap.BODY_ROLES]


def cast_of(report: Report) -> actors.Cast:
    """The people and host a report names (`analysis.actors`), read over all its sentences."""
    return actors.build_cast([s.text for s in report.sentences], report.dateline)


def _join(items: Sequence[str]) -> str:
    return "; ".join(items) if items else "none"


def people(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Named people: shared principals are what one meeting would give (and so would a second)."""
    sa = {p.surname: p.name for p in cast_of(a).people}
    sb = {p.surname: p.name for p in cast_of(b).people}
    shared = sorted(set(sa) & set(sb))
    reading = SAME if shared else TWO
    why = f"both name {_join([sa[s] for s in shared])}; the same officials can meet more than once"
    return _join(list(sa.values())), _join(list(sb.values())), reading, why


def place(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Where: the host country read from the dateline or the first 'in <place>' of the lead."""
    ha, hb = cast_of(a).host, cast_of(b).host
    reading = SAME if ha and ha == hb else (TWO if ha and hb else NEUTRAL)
    why = "the same host country" if reading == SAME else "hosts differ or are unknown"
    return ha or "not stated", hb or "not stated", reading, why


def weekday(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Which day the texts give, when they give a weekday rather than a date."""
    wa = sorted(set(WEEKDAY.findall(" ".join(body_texts(a)))))
    wb = sorted(set(WEEKDAY.findall(" ".join(body_texts(b)))))
    if wa and wb:
        reading = SAME if set(wa) & set(wb) else TWO
        why = "the same weekday, which recurs every week" if reading == SAME else "different weekdays"
    else:
        reading, why = NEUTRAL, "one text names no weekday"
    return _join(wa), _join(wb), reading, why


def printed_date(a: Report, b: Report) -> tuple[str, str, str, str]:
    """The printed dates: only two printed, different dates settle the question from the texts."""
    if a.date and b.date:
        reading = SAME if a.date == b.date else TWO
        return a.date, b.date, reading, "both texts print a date"
    return a.date or "none printed", b.date or "none printed", NEUTRAL, "a date printed by one text only cannot be compared"


def months(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Months the texts mention: background that dates a text, not the meeting itself."""
    ma = sorted(set(_MONTH.findall(" ".join(body_texts(a)))), key=MONTH_NAMES.index)
    mb = sorted(set(_MONTH.findall(" ".join(body_texts(b)))), key=MONTH_NAMES.index)
    return _join(ma), _join(mb), NEUTRAL, "background references date a text's writing, not which meeting it reports"



def titles(a: Report, b: Report) -> tuple[str, str, str, str]:
    """The titles each text gives the people both name."""
    ta, tb = titles_of(a), titles_of(b)
    shared = sorted(set(ta) & set(tb))
    differing = [s for s in shared if not set(ta[s]) & set(tb[s])]
    show = lambda t: _join([f"{s}: {', '.join(t[s])}" for s in shared])  # noqa: E731
    if differing:
        return show(ta), show(tb), TWO, f"no title in common for {_join(differing)} (weak: outlets' styles differ too)"
    return show(ta), show(tb), SAME if shared else NEUTRAL, "the same titles" if shared else "no shared people"


def titles_of(report: Report) -> dict[str, list[str]]:
    """Each person's titles, as printed, over all mentions (one cast per sentence)."""
    found: dict[str, list[str]] = {}
    for sentence in report.sentences:
        for person in actors.build_cast([sentence.text]).people:
            forms = found.setdefault(person.surname, [])
            if person.title not in forms:
                forms.append(person.title)
    return found


def delegation(a: Report, b: Report) -> tuple[str, str, str, str]:
    """A visiting delegation told of in one text only."""
    da, db = len(cast_of(a).delegations), len(cast_of(b).delegations)
    show = lambda n: f"{n} mention(s)" if n else "none"  # noqa: E731
    reading = TWO if bool(da) != bool(db) else NEUTRAL
    return show(da), show(db), reading, "a delegation in one text only (weak: an outlet may leave it out)"


def specific_names(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Named bodies, programmes and places beyond the principals: the specifics of a meeting."""
    na, nb = _names(a, b)
    shared = sorted(na & nb)
    reading = TWO if not shared and na and nb else SAME
    why = f"shared: {_join(shared)}; reports of one meeting usually share its specifics"
    return _join(sorted(na - nb)), _join(sorted(nb - na)), reading, why


def _names(a: Report, b: Report) -> tuple[set[str], set[str]]:
    texts_a, texts_b = body_texts(a), body_texts(b)
    info = describe(texts_a + texts_b)
    excluded = {p.surname for r in (a, b) for p in cast_of(r).people}
    keep = lambda e: is_specific(e, excluded)  # noqa: E731
    names_a = {POSSESSIVE.sub("", e) for i in info[: len(texts_a)] for e in i.entities if keep(e)}
    names_b = {POSSESSIVE.sub("", e) for i in info[len(texts_a):] for e in i.entities if keep(e)}
    return names_a, names_b


def is_specific(entity: str, surnames: set[str]) -> bool:
    """An acronym or a multi-word name that is not a person, a party, a weekday or a month.

    A name of two words or fewer that holds a party ("United States", "US
    Secretary") is a party or a title fragment, not a specific of the meeting.
    """
    entity = POSSESSIVE.sub("", entity)
    words = entity.split()
    if any(w in surnames for w in words) or WEEKDAY.search(entity) or _MONTH.search(entity):
        return False
    if actors.parties_in(entity) and len(words) <= 2:  # "United States", "US Secretary", "Pakistan-US"
        return False
    return bool(_ACRONYM.match(entity)) or len(words) >= 2


def shared_content(alignment: pd.DataFrame, a: Report, b: Report, same_event: Sequence[float] = (),
                   different_event: Sequence[float] = ()) -> tuple[str, str, str, str]:
    """Share of body sentences aligned, held against pairs of other reports known to tell one event or two."""
    share = overlap.shares(alignment, a, b).aligned
    told = f"{share:.0%} of both texts' body sentences aligned"
    if not len(same_event) or not len(different_event):
        return told, "(pooled)", NEUTRAL, "no baseline of known same-event and different-event pairs given"
    low = float(np.percentile(same_event, LOW_PERCENTILE))
    high = float(np.percentile(different_event, 100 - LOW_PERCENTILE))
    reading = TWO if share < low else (SAME if share > high else NEUTRAL)
    why = (f"same-event pairs: {LOW_PERCENTILE}th percentile {low:.0%}; different-event pairs: "
           f"{100 - LOW_PERCENTILE}th percentile {high:.0%}")
    return told, "(pooled)", reading, why


def page_tail(a: Report, b: Report) -> tuple[str, str, str, str]:
    """Days and dates in what cleaning removed (teasers of other stories printed beside the report)."""
    show = lambda r: _join(sorted({m for x in r.removed for m in WEEKDAY.findall(x.text) + _MONTH.findall(x.text)}))  # noqa: E731
    return show(a), show(b), NEUTRAL, "a teaser's day dates the page only with an outside source for the teaser"


DIMENSIONS = {
    "who": people,
    "where": place,
    "day named": weekday,
    "date printed": printed_date,
    "months mentioned": months,
    "titles of the people both name": titles,
    "visiting delegation": delegation,
    "named bodies, programmes and places": specific_names,
    "page tail (removed text)": page_tail,
}


def text_clues(a: Report, b: Report, alignment: pd.DataFrame, same_event: Sequence[float] = (),
               different_event: Sequence[float] = ()) -> pd.DataFrame:
    """One row per dimension: what A says, what B says, which way it points, and why.

    `same_event` and `different_event` are aligned shares of reference pairs
    (`analysis.batch`); without them shared content is not read either way.
    """
    rows = [(name, *clue(a, b)) for name, clue in DIMENSIONS.items()]
    rows.append(("shared content", *shared_content(alignment, a, b, same_event, different_event)))
    return pd.DataFrame(rows, columns=["dimension", "A", "B", "reading", "why"])
