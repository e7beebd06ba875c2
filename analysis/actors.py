"""Who is acting: parties, named people and the pronouns that point back to them.

A commitment needs a committing party. Parties come from `resources/parties.tsv`
(country names, demonyms, capitals as metonyms, "both sides"); people from
titles of office in `resources/titles.tsv` ("Interior Minister Mohsin Naqvi").
A person's party is read from the title ("Acting US Ambassador"), a possessive
before it ("Pakistan's interior minister") or, for domestic titles with no
country, the host country of the meeting (dateline or "in Islamabad" in the
lead). Later mentions ("Naqvi", "the minister", "the envoy", "he", "she")
resolve to the last named person, of that role where a role is named.

Limits, documented for readers: names are never looked up in any outside list;
"he"/"she" take the last named person whatever their gender; an envoy with no
country in the title stays without a party. Used by `analysis.commitments`
(notebooks 03_commitments and 04_emphasis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.lexicon import alternation, load_table

BOTH = "both"
#: A capitalised word with a lower-case letter in it ("Naqvi", "McDonald"; not "US"). The run is taken
#: possessively (`*+`) and the lower-case letter checked by a look-ahead, so a long token is read once,
#: never backtracked through (the time would grow with the square of its length).
_NAME_WORD = r"[A-Z](?=[\w’'-]*?[a-z])[\w’'-]*+"
#: Later mentions ("he", "the minister") resolve against at most this many characters of the report
#: before them (some 30 sentences), so resolving costs the same however long the report is.
LOOKBACK = 5_000
_PRONOUNS = {"he", "she", "him", "her"}
#: Where a surname can start in the text before a mention (it is a name word, so `\bSurname\b` starts at a
#: capital after a non-word character), and the name characters that can follow it.
_SURNAME_START = re.compile(r"(?<!\w)[A-Z]")
_NAME_CHARS = re.compile(r"[\w’'-]*+")
#: The pieces of a run of name characters between which a word boundary can fall (a surname's end is one).
_RUN_PIECE = re.compile(r"\w++|[’'-]++")
_WORD_CHAR = re.compile(r"\w")
_ROLE_NOUN = re.compile(
    r"\b(?:the|this|that)\s+(?:(?P<pre>[\w’'.]++(?:\s++[\w’'.]++)?)\s+)?"
    r"(?P<noun>minister|envoy|ambassador|charg[ée] d[’']affaires|delegation|secretary|president|premier)\b",
    re.IGNORECASE,
)
_ROLE_OF_NOUN = {"ambassador": "envoy", "secretary": "minister", "president": "leader", "premier": "leader"}


@dataclass(frozen=True)
class Person:
    """A named person: surname is the key later mentions use."""

    name: str
    surname: str
    title: str
    role: str
    party: str


@dataclass
class Cast:
    """The people and the host country of one report, in order of first mention."""

    host: str = ""
    people: list[Person] = field(default_factory=list)
    delegations: list[str] = field(default_factory=list)
    _surnames: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)  # people in the index
    _longest: int = field(default=0, init=False, repr=False, compare=False)

    def positions(self, surname: str) -> list[int]:
        """Positions in `people` of the people with this surname, first mention first.

        Why an index: a report names people in proportion to its length, and
        every mention is looked up, so scanning the cast for each would grow
        with the square of the length. People are only appended or replaced in
        place by one of the same surname, so the index is rebuilt only when
        the cast has grown.
        """
        if self._indexed != len(self.people):
            self._surnames.clear()
            for k, person in enumerate(self.people):
                self._surnames.setdefault(person.surname, []).append(k)
            self._indexed, self._longest = len(self.people), max(map(len, self._surnames), default=0)
        return self._surnames.get(surname, [])

    def longest_surname(self) -> int:
        """The length of the longest surname in the cast."""
        self.positions("")
        return self._longest


@lru_cache(maxsize=1)
def _party_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (row["party"], re.compile(rf"(?<![\w.])(?:{row['mention']})(?:[’']s)?(?![\w])"))
        for row in load_table("parties.tsv")
    )


def party_mentions(text: str) -> list[tuple[int, str]]:
    """(offset, party) of every party mention in `text`, in order, overlaps removed."""
    found: list[tuple[int, int, str]] = []
    for party, pattern in _party_patterns():
        found += [(m.start(), m.end(), party) for m in pattern.finditer(text)]
    found.sort(key=lambda item: (item[0], -item[1]))
    out: list[tuple[int, str]] = []
    last_end = -1
    for start, end, party in found:
        if start >= last_end:
            out.append((start, party))
            last_end = end
    return out


def parties_in(text: str) -> list[str]:
    """Distinct parties named in `text`, in order ("both" expands to nothing here)."""
    seen: list[str] = []
    for _, party in party_mentions(text):
        if party not in seen:
            seen.append(party)
    return seen


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(row["title"]), row["role"], row["home"]) for row in load_table("titles.tsv"))


@lru_cache(maxsize=1)
def _person_pattern() -> re.Pattern[str]:
    titles = alternation([row["title"] for row in load_table("titles.tsv")])
    return re.compile(
        rf"(?P<pre>(?:(?<![\w.’'])[A-Z][\w.’']*+\s++){{0,3}})(?P<title>(?:{titles}))\s+"
        rf"(?P<name>(?:{_NAME_WORD}\s++){{0,2}}{_NAME_WORD})"
    )


def _classify_title(title: str) -> tuple[str, str]:
    for pattern, role, home in _titles():
        if pattern.search(title):
            return role, home
    return "official", "none"


def find_host(texts: list[str], dateline: str = "") -> str:
    """The host country: the dateline's party, else the first "in <place>" in `texts`."""
    for party in parties_in(dateline.title() if dateline.isupper() else dateline):
        if party != BOTH:
            return party
    for text in texts:
        for match in re.finditer(r"\b[Ii]n\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)", text):
            named = [p for p in parties_in(match.group(1)) if p != BOTH]
            if named:
                return named[0]
    return ""


def build_cast(texts: list[str], dateline: str = "") -> Cast:
    """Collect the named people of a report (its sentence texts, in order)."""
    cast = Cast(host=find_host(texts[:3], dateline))
    for text in texts:
        for match in _person_pattern().finditer(text):
            _add_person(cast, match, text)
        for match in re.finditer(r"\bdelegation\b", text):
            party = _party_before(text[: match.start()], words=3)
            if party:
                cast.delegations.append(party)
    return cast


def _party_before(text: str, words: int) -> str:
    tail = " ".join(text.split()[-words:])
    named = [p for p in parties_in(tail) if p != BOTH]
    return named[-1] if named else ""


def _add_person(cast: Cast, match: re.Match[str], text: str) -> None:
    name = match.group("name")
    words = name.split()
    if any(w.lower() in {"the", "and"} for w in words):
        return
    title = (match.group("pre") + match.group("title")).strip()
    role, home = _classify_title(match.group("title"))
    named = [p for p in parties_in(title) if p != BOTH]
    party = named[0] if named else _party_before(text[: match.start()], words=2)
    if not party and home == "host":
        party = cast.host
    known = person_by_surname(cast, words[-1])
    if known is not None:
        if not known.party and party:
            cast.people[cast.people.index(known)] = Person(known.name, known.surname, known.title, known.role, party)
        return
    cast.people.append(Person(name, words[-1], title, role, party))


def person_by_surname(cast: Cast, surname: str) -> Person | None:
    """The person with this surname, if the report named one."""
    found = cast.positions(surname)
    return cast.people[found[0]] if found else None


def recent(context: str, text: str) -> str:
    """The report so far (`context`) with `text` added, kept to its last LOOKBACK characters."""
    return (context + " " + text)[-LOOKBACK:]


def last_person(cast: Cast, text_before: str, role: str = "", party: str = "") -> Person | None:
    """The last person named in `text_before` (the report so far, its last LOOKBACK characters read),
    of `role`/`party` if given; of people named at the same offset, the first in the cast.

    The text is read once, from its end, for the surnames of the cast (`_surnames_at`), so the cost does
    not grow with the size of the cast.
    """
    text_before = text_before[-LOOKBACK:]
    longest = cast.longest_surname()
    for start in reversed([m.start() for m in _SURNAME_START.finditer(text_before)]):
        found = sorted(k for surname in _surnames_at(text_before, start, longest) for k in cast.positions(surname)
                       if (not role or cast.people[k].role == role) and (not party or cast.people[k].party == party))
        if found:
            return cast.people[found[0]]
    return None


def _surnames_at(text: str, start: int, longest: int) -> list[str]:
    """The name words of at most `longest` characters starting at `start` and ending at a word boundary:
    what `\\bSurname\\b` can match there."""
    run = _NAME_CHARS.match(text, start, start + longest).group()
    out = []
    for piece in _RUN_PIECE.finditer(run):
        end = start + piece.end()
        if bool(_WORD_CHAR.match(text, end - 1)) != bool(_WORD_CHAR.match(text, end)):
            out.append(run[: piece.end()])
    return out


@dataclass(frozen=True)
class Actor:
    """What a subject phrase refers to: a party, the person who voiced it, or neither."""

    party: str  # canonical party, "both", or "" when unknown
    person: str  # full name when the phrase refers to a named person
    literal: str  # the phrase itself, shown when no party is known

    @property
    def label(self) -> str:
        """The party, else the literal subject text."""
        return self.party or self.literal

    @property
    def known(self) -> bool:
        """True when the phrase names a party or a person (not just any noun)."""
        return bool(self.party or self.person)


def resolve(phrase: str, cast: Cast, text_before: str) -> Actor:
    """Resolve a subject phrase against the cast; `text_before` is the report up to the phrase."""
    phrase = phrase.strip(" ,")
    if not phrase:
        return Actor("", "", "")
    named = parties_in(phrase)
    if BOTH in named or len([p for p in named if p != BOTH]) >= 2:
        return Actor(BOTH, "", phrase)
    person = _person_in(phrase, cast, text_before)
    if person is not None:
        return Actor(person.party or (named[0] if named else ""), person.name, phrase)
    if re.search(r"\bdelegation\b", phrase, re.IGNORECASE) and not named and cast.delegations:
        return Actor(cast.delegations[-1], "", phrase)
    return Actor(named[0] if named else "", "", phrase)


def _without_party_phrases(phrase: str) -> str:
    """Drop multi-word party names ("Trump administration") so their words are not taken for surnames."""
    for _party, pattern in _party_patterns():
        phrase = pattern.sub(lambda m: m.group() if " " not in m.group() else " ", phrase)
    return phrase


def _person_in(phrase: str, cast: Cast, text_before: str) -> Person | None:
    words = re.findall(r"[\w’'-]+", _without_party_phrases(phrase))
    for word in reversed(words):
        person = person_by_surname(cast, word)
        if person is not None:
            return person
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return last_person(cast, text_before)
    match = _ROLE_NOUN.search(phrase)
    if match and match.group("noun").lower() != "delegation":
        noun = match.group("noun").lower()
        role = _ROLE_OF_NOUN.get(noun, "envoy" if noun.startswith("charg") or noun == "envoy" else noun)
        named = [p for p in parties_in(match.group("pre") or "") if p != BOTH]
        return last_person(cast, text_before, role=role, party=named[0] if named else "")
    return None
