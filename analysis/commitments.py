"""Who committed to what, how firmly: a transparent, rule-based extractor.

Used by notebooks 03_commitments (the commitments table of each report) and
04_emphasis (which commitments each outlet stresses), and by the CLI command
`commitments`. Every rule is data in `resources/` (see README.md there):

- A *cue* (`commitment_cues.tsv`) is the word that carries a commitment:
  "agreed", "pledged", "assured", "offer", "discussed", "came under review".
  Its strength is an ordinal scale (STRENGTH_LABELS), after the event-coding
  (CAMEO/PLOVER) and factuality (FactBank) literature: 5 enacted, 4 committed,
  3 intended, 2 tentative, 1 considered, 0 requested, -1 negated.
- Modal verbs are not cues. They modify one (`modifiers.tsv`): a negation
  before the cue gives -1, "may/could" caps it at 2, "will/would" turns an
  enacted cue into an intention (3), a hedge ("appear committed") caps it at
  2, and a condition on the other side ("unless", "or face") makes it a
  demand (0). "Will"/"would" plus a cooperative action verb
  (`intent_verbs.tsv`) is an intention only when a known party or person is
  the subject and, for "would", a reporting verb comes first ("Naqvi said
  Pakistan would establish ..."); "Prices would rise" is nothing.
- Counting: one record per cue. A cue inside the content of an earlier cue of
  the same clause ("agreed to provide") belongs to it and adds no record.
  Subheadings are labels, not reports, and are skipped.
- The actor is the cue's subject resolved to a party (`analysis.actors`); the
  speaker is the subject of a reporting verb before it, or the person who is
  the cue's subject. With no subject ("..., reaffirming their commitment"),
  the sentence's first subject acts. Agentless passives ("it was agreed",
  "came under review") are attributed to both parties of the meeting.
- Scope (meeting outcome or background) comes from `analysis.scope`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from analysis.actors import BOTH, Actor, Cast, build_cast, party_mentions, recent, resolve
from analysis.lexicon import alternation, load_table
from analysis.scope import MEETING, sentence_scopes
from analysis.sources import Report
from analysis.themes import themes_in

#: The ordinal firmness scale; see resources/README.md for the reasoning behind each step.
STRENGTH_LABELS = {
    5: "enacted",
    4: "committed",
    3: "intended",
    2: "tentative",
    1: "considered",
    0: "requested",
    -1: "negated",
}
#: A sentence "is a commitment" for the PLOVER benchmark when a record reaches this strength.
DETECTION_THRESHOLD = 2
#: The two kinds of record: a commitment on the scale, or a discussion ("discussed ways to", "the talks focused
#: on", "came under review"), which records topics and commits nobody. Discussion is the "considered" step.
COMMITMENT, DISCUSSION = "commitment", "discussion"
DISCUSSION_STRENGTH = 1
#: Columns of `commitments_table`, in order.
COLUMNS = [
    "sentence_id", "text", "actor", "speaker", "cue", "content", "beneficiary", "strength",
    "strength_label", "kind", "joint", "cameo", "plover", "scope", "themes",
]

_DETERMINERS = ("the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our", "such")
_DETERMINER = re.compile(rf"\b(?:{'|'.join(_DETERMINERS)})\s*$", re.IGNORECASE)
#: Words and marks that open a new clause. A comma inside a number ("3,000") opens none.
_CLAUSE_WORDS = (r"[;:—–]|\bthat\b|\bwhere\b|\bwhile\b|\bwhich\b|\bwho\b|\bwhen\b|\bunless\b|\bif\b|\bbefore\b"
                 r"|\buntil\b|\bbecause\b")
_BOUNDARY = rf"\(|,(?!\d{{3}}\b)|{_CLAUSE_WORDS}"
_CLAUSE_END = re.compile(
    r"\s*(?:;|\s[—–]\s|,\s+(?:\w+ing|while|whereas|but|which|who|where|as well as|describing)\b"
    r"|\s(?:during|at|in)\s+(?:a|the|their|its)\s+(?:meeting|talks|visit|call)\b"
    r"|\s+and\s+(?:said|added|noted|stressed|reaffirmed|welcomed|assured|agreed|pledged|offered|informed|"
    r"told|announced|promised|emphasi[sz]ed|urged|called)\b|[.!?][\"'”’)]*\s*$)",
    re.IGNORECASE,
)
#: Auxiliaries, negations and adverbs between a subject and its cue. An adverb in -ly is lower-case and follows no
#: determiner (`_DETERMINERS`): "Italy", "the assembly", "his family" are subjects.
_TRAILING = re.compile(
    r"(?:" + "".join(rf"(?<!\b{word})" for word in _DETERMINERS)
    + r"\s+(?:is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|shall|should|may|might|"
    r"could|can|must|not|n[’']t|never|no|also|further|soon|now|then|jointly|again|still|already|today|"
    r"reportedly|apparently|appears?|appeared|seems?|seemed|to|failed|in turn|on \w+day|(?-i:[a-z]+ly)))+\s*$",
    re.IGNORECASE,
)
#: "he's prepared": the pronoun is the subject, the contracted verb belongs to the modifier window.
_CONTRACTED = re.compile(r"\b(he|she|it|they|we|you|i)[’'](?:s|re|m|ve|ll|d)$", re.IGNORECASE)
_PRONOUN_SUBJECTS = ("he", "she", "it", "they", "we")
#: Endings of abstract nouns: a capitalised first word with one ("Construction", "Completion") names no agent.
_ABSTRACT_NOUN = re.compile(r"(?:tion|sion|ment|ness|ity|ism)$", re.IGNORECASE)  # not -ance: "France"
_LEADING = re.compile(r"^\s*(?:(?:and|but|also|then|however|so|as|in turn|meanwhile),?\s+)+", re.IGNORECASE)
_ADVERBIAL = re.compile(
    r"^\s*(?:during|in|at|on|after|before|following|referring|as|earlier|later|meanwhile|for)\b[^,]*,\s*", re.IGNORECASE
)
_WELCOME = re.compile(r"\b(?:welcom|accept|appreciat|thank|hail|acknowledg)\w*\b(?:\W+\w+){0,5}\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Commitment:
    """One commitment found in a sentence."""

    sentence_id: str
    text: str  # the whole sentence
    actor: str  # party ("Pakistan", "United States", "both") or the literal subject text
    speaker: str  # the person who voiced it, "" for the outlet's own narration
    cue: str  # the words carrying it, as printed
    content: str  # what is committed to
    beneficiary: str  # the party it is for, when stated
    strength: int
    joint: bool
    cameo: str
    plover: str
    scope: str  # meeting | background
    themes: tuple[str, ...]
    offset: int  # where the cue starts in the sentence (for ordering)

    @property
    def strength_label(self) -> str:
        """The name of the strength on the scale ("committed", "tentative", ...)."""
        return STRENGTH_LABELS[self.strength]

    @property
    def kind(self) -> str:
        """`discussion` for the considered step (topics talked about), else `commitment`."""
        return DISCUSSION if self.strength == DISCUSSION_STRENGTH else COMMITMENT


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    strength: int
    cameo: str
    kind: str  # verb | noun | passive | modal
    needs: str  # actor | welcome | ""
    modal: str = ""  # for kind == modal: future | backshift | tentative


@lru_cache(maxsize=1)
def _cue_rules() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    return tuple(
        (re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE), row) for row in load_table("commitment_cues.tsv")
    )


@cache
def _modifier(kind: str) -> re.Pattern[str]:
    terms = [row["pattern"] for row in load_table("modifiers.tsv") if row["kind"] == kind]
    return re.compile(rf"(?<![\w’'])(?:{alternation(terms)})(?![\w’'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _intent_pattern() -> re.Pattern[str]:
    modals = "|".join(f"(?P<{kind}>{_modifier(kind).pattern})" for kind in ("future", "backshift", "tentative"))
    verbs = alternation([row["verb"] for row in load_table("intent_verbs.tsv")])
    adverbs = r"\w+ly|soon|also|further|jointly|now|then|again|still|first|instead|not|never|be\s+able\s+to"
    return re.compile(rf"(?:{modals})\s+(?:(?:{adverbs})\s+)*(?P<verb>{verbs}|[a-z]+)\b", re.IGNORECASE)


def _is_act(verb: str, modal: str) -> bool:
    """Does the verb after a modal name a deliberate act? A listed cooperative verb always does; after
    "will"/"would" any other lower-case verb does unless it is stative or a function word (`modifiers.tsv`,
    stative): "will nominate", not "will be", "will win", "the will to". After "can"/"could"/"might" only a
    listed verb is an offer: "could gain", "can focus" state a possibility, not an offer."""
    if any(pattern.match(verb) for pattern, _ in _intent_cameo()):
        return True
    return modal != "tentative" and verb.islower() and not _modifier("stative").fullmatch(verb)


@lru_cache(maxsize=1)
def _intent_cameo() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"^(?:{row['verb']})$", re.IGNORECASE), row["cameo"]) for row in load_table("intent_verbs.tsv"))


@lru_cache(maxsize=1)
def _plover() -> dict[str, str]:
    return {row["cameo"]: row["plover"] for row in load_table("cameo_plover.tsv")}


@lru_cache(maxsize=1)
def _refinements() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row["pattern"], re.IGNORECASE), row["cameo"]) for row in load_table("cameo_refine.tsv"))


def find_cues(text: str) -> list[_Cue]:
    """Cue matches in a sentence, left to right, overlaps resolved in favour of the earlier, longer one."""
    found: list[_Cue] = []
    for pattern, row in _cue_rules():
        for match in pattern.finditer(text):
            found.append(_Cue(match.start(), match.end(), int(row["strength"]), row["cameo"], row["kind"], row["needs"]))
    for match in _intent_pattern().finditer(text):
        modal = next(kind for kind in ("future", "backshift", "tentative") if match.group(kind))
        if not _is_act(" ".join(match.group("verb").split()), modal):
            continue
        verb = " ".join(match.group("verb").lower().split())
        cameo = next((code for pattern, code in _intent_cameo() if pattern.match(verb)), "030")
        strength = 2 if modal == "tentative" else 3
        found.append(_Cue(match.start(), match.end(), strength, cameo, "modal", "actor", modal))
    found.sort(key=lambda cue: (cue.start, -cue.end))
    kept: list[_Cue] = []
    for cue in found:
        if not kept or cue.start >= kept[-1].end:
            kept.append(cue)
    return kept


def _clause_start(text: str, pos: int, *, commas: bool = True) -> int:
    """Offset where the clause holding `pos` starts (after a boundary or a reporting verb)."""
    start = 0
    boundary = _BOUNDARY if commas else _CLAUSE_WORDS
    for match in re.finditer(rf"{boundary}|{_modifier('reporting').pattern}", text[:pos], re.IGNORECASE):
        start = match.end()
    return start


def _clause_end(text: str, pos: int) -> int:
    match = _CLAUSE_END.search(text, pos)
    return match.start() if match else len(text)


def _subject(text: str, cue: _Cue) -> tuple[str, int]:
    """The subject phrase before a cue and the offset where it ends (the modifier window starts)."""
    start = _clause_start(text, cue.start)
    segment = text[start:cue.start]
    while start > 0 and text[start - 1] == ",":  # "Pakistan, US agree": a list of parties is one subject
        before_start = _clause_start(text, start - 1)
        before = text[before_start:start - 1]
        if not before.strip() or re.sub(r"\W|\band\b", "", _strip_parties(before)):
            break
        start, segment = before_start, text[before_start:cue.start]
    stripped = _TRAILING.sub("", " " + segment)
    subject = _CONTRACTED.sub(r"\1", _LEADING.sub("", stripped).strip(" ,"))
    return subject, start + max(len(stripped) - 1, 0)


def _before_verb(phrase: str) -> str:
    """The words before the first past-tense verb: "He welcomed the US" -> "He" (subject of a noun cue)."""
    match = re.search(r"\s[a-z]+ed\b", phrase)
    return phrase[: match.start()] if match else phrase


def _strip_parties(text: str) -> str:
    for offset, _ in reversed(party_mentions(text)):
        match = re.match(r"[\w.’'-]+(?:\s+[A-Z][\w.’'-]+)*", text[offset:])
        if match:
            text = text[:offset] + text[offset + match.end():]
    return re.sub(r"\bthe\b", "", text, flags=re.IGNORECASE)


def _noun_actor(text: str, cue: _Cue) -> str:
    """The party in the words right before a noun cue ("the US offer"), "" if none."""
    before = text[_clause_start(text, cue.start):cue.start]
    words = re.findall(r"[\w.’'-]+", before)[-3:]
    for word in reversed(words):
        if _DETERMINER.search(word) or re.fullmatch(r"(?:the|a|an)", word, re.IGNORECASE):
            break
        named = [party for _, party in party_mentions(word)]
        if named:
            return word
    return ""


def _passive_content(text: str, cue: _Cue) -> str:
    """For "X came under review", the content is X: the clause before the cue, without a leading adverbial."""
    before = text[_clause_start(text, cue.start, commas=False):cue.start]
    before = _TRAILING.sub("", " " + _ADVERBIAL.sub("", before)).strip(" ,")
    return "" if _DETERMINER.fullmatch(before) or not before else before


def _content(text: str, cue: _Cue) -> tuple[str, int]:
    end = _clause_end(text, cue.end)
    content = text[cue.end:end]
    content = re.sub(r"^\s*(?:to|that|on|upon|of)\b", "", content, flags=re.IGNORECASE).strip(" ,")
    return content, end


def _is_coercive(content: str) -> bool:
    """Content that opens with a coercive action: a threat, not a commitment.

    A stopping verb whose object is a hostile act ("suspend the strike", "halt attacks") ends the
    hostility: that is a concession, and stays a commitment.
    """
    match = re.match(rf"\s*(?:to\s+)?(?P<verb>{_modifier('coercive').pattern})", content, re.IGNORECASE)
    if not match:
        return False
    obj = " ".join(content[match.end():].split()[:4])
    return not (_modifier("stopping").fullmatch(match.group("verb")) and _modifier("hostile_act").search(obj))


def _in_condition(text: str, cue: _Cue) -> bool:
    """A cue inside an "if"/"unless" clause is a condition, not a commitment ("unless the president agrees")."""
    start = _clause_start(text, cue.start)
    return bool(re.search(r"\b(?:if|unless)\s*$", text[:start], re.IGNORECASE))


def _is_reduced_relative(text: str, cue: _Cue) -> bool:
    """ "the agreement signed in March": a participle describing a noun, not a new act."""
    if cue.kind != "verb" or not text[cue.start:cue.end].lower().endswith("ed"):
        return False
    before = re.findall(r"[\w’'-]+", text[:cue.start])[-1:]
    after = re.match(r"\s+(?:in|on|at|during|last|earlier|by|into)\b", text[cue.end:])
    return bool(before and after and before[0].islower() and not is_agent(before[0]))


def _strength(cue: _Cue, window: str, content: str, sentence: str) -> int:
    """Apply the modifiers in the window before the cue and any condition after it."""
    if _modifier("negation").search(window) or re.match(r"\s*not\s+to\b", content):
        return -1
    if _modifier("negation").search(sentence[cue.start:cue.end]):  # "would not sign", "does not plan to"
        return -1
    strength = cue.strength
    if _modifier("obligation").search(window):
        return 0
    if strength == 5 and re.search(r"\bto\s*$", sentence[:cue.start]):
        strength = 3  # "wants to sign": an act in the infinitive is aimed at, not done
    if _modifier("tentative").search(window):
        strength = min(strength, 2)
    if strength == 5 and (_modifier("future").search(window) or _modifier("backshift").search(window)):
        strength = 3
    if _modifier("hedge").search(window) or _modifier("hedge").search(sentence[cue.start:cue.end]):
        strength = min(strength, 2)
    if strength > 0 and _modifier("condition").search(content):
        strength = 0
    return strength


def _cameo(cue: _Cue, strength: int, content: str) -> str:
    if strength == -1:
        return "120"
    if strength == 0 and cue.cameo.startswith("03"):
        return "100"
    if cue.cameo == "030":
        for pattern, code in _refinements():
            if pattern.search(content):
                return code
    return cue.cameo


def _beneficiary(content: str, actor: str) -> str:
    for offset, party in party_mentions(content):
        if party in (actor, BOTH):
            continue
        before = content[:offset].split()[-1:] or [""]
        possessive = re.match(r"[\w.-]+[’']s\b", content[offset:])
        if before[0].lower() in ("to", "for") or possessive:
            return party
    return ""


def _speaker(text: str, cue: _Cue, subject: Actor, main: Actor, cast: Cast, context: str) -> str:
    """The person (or party) voicing the commitment: subject of a reporting verb before the cue.

    A reporting verb after "and" ("He welcomed ... and said ...") shares the
    sentence's first subject; with no reporting verb, a person who is the
    cue's own subject ("The US envoy assured ...") is the speaker.
    """
    reporting = list(_modifier("reporting").finditer(text[:cue.start]))
    if reporting:
        verb = reporting[-1]
        if re.search(r"\band\s*$", text[:verb.start()]):
            return main.person or main.label
        phrase, _ = _subject(text, _Cue(verb.start(), verb.end(), 0, "", "verb", ""))
        who = resolve(phrase, cast, context + " " + text[:verb.start()]) if phrase else main
        return who.person or who.label
    return subject.person


@lru_cache(maxsize=1)
def _agent_nouns() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(row['noun'] for row in load_table('agents.tsv'))})\b", re.IGNORECASE)


def is_agent(subject: str) -> bool:
    """Can this subject commit? A pronoun, an agent noun or a capitalised name (see agents.tsv)."""
    words = re.findall(r"[\w’'.-]+", subject)
    if not words:
        return False
    if len(words) == 1 and words[0].lower() in _PRONOUN_SUBJECTS:
        return True
    if _agent_nouns().search(subject):
        return True
    if any(w[0].isupper() for w in words[1:]):
        return True
    first = words[0]
    return (first[0].isupper() and first.lower() not in ("the", "a", "an", "this", "these") and not first.endswith("s")
            and not _ABSTRACT_NOUN.search(first))


def find_commitments(
    text: str,
    *,
    sentence_id: str = "",
    cast: Cast | None = None,
    context: str = "",
    scope: str = MEETING,
) -> list[Commitment]:
    """Commitments in one sentence; `context` is the report's text before it (for pronouns)."""
    cast = cast or build_cast([context, text] if context else [text])
    records: list[Commitment] = []
    main = Actor("", "", "")  # the sentence's first subject: the actor of cues that name none
    absorbed_until = -1
    for cue in find_cues(text):
        if cue.start < absorbed_until or not _cue_applies(text, cue):
            continue
        subject, window_start = _subject(text, cue)
        if cue.kind == "noun":
            subject = _before_verb(subject)
        here = context + " " + text[:cue.start]
        subject_actor = resolve(subject, cast, here)
        if not main.label and subject_actor.label:
            main = subject_actor
        actor = _actor(text, cue, subject_actor, main, cast, here)
        if cue.needs == "actor" and not (actor.known or is_agent(subject or main.literal)):
            continue
        if cue.needs == "meeting" and not _modifier("meeting").search(subject):
            continue
        content, absorbed_until = _content(text, cue)
        if _is_coercive(content) or _is_reduced_relative(text, cue) or _in_condition(text, cue):
            continue
        if cue.needs == "deed" and _modifier("expression").search(" ".join(content.split()[:4])):
            continue
        if cue.kind == "passive" and not content:
            content = _passive_content(text, cue)
        strength = _strength(cue, _window(text, cue, window_start), content, text)
        speaker = _speaker(text, cue, subject_actor if subject_actor.label else main, main, cast, context)
        if _speaks_of_self(text, cue, actor, speaker):
            actor = resolve(speaker, cast, here)  # "Ruiz said she would ...", "The firm said it would ...": they act
        records.append(_record(text, sentence_id, cue, actor, speaker, content, strength, scope))
    return records


def _speaks_of_self(text: str, cue: _Cue, actor: Actor, speaker: str) -> bool:
    """Is a pronoun subject the speaker just named? In "X said she would ..." the pronoun continues the
    subject of the reporting verb, the nearer antecedent than the report's last titled person."""
    if actor.literal.lower() not in _PRONOUN_SUBJECTS or not speaker:
        return False
    return not actor.known or bool(_modifier("reporting").search(text[:cue.start]))


def _cue_applies(text: str, cue: _Cue) -> bool:
    """Cues that are not commitments here: an adjective ("the proposed plan"), a welcome with
    nothing welcomed, a backshifted modal in a sentence with no reporting verb ("it would be a good thing")."""
    if cue.kind == "verb" and _DETERMINER.search(text[:cue.start]):
        return False
    if cue.kind == "verb" and (_is_object_noun(text, cue) or _is_modifier_participle(text, cue)):
        return False
    if _is_in_name(text, cue):
        return False
    if cue.needs == "welcome" and not (_WELCOME.search(text[:cue.start]) and _noun_actor(text, cue)):
        return False
    return not (cue.modal == "backshift" and not _modifier("reporting").search(text))  # before or after: "..., she said"


def _is_object_noun(text: str, cue: _Cue) -> bool:
    """ "held signs", "waved pledges": a cue word ending in -s right after a past-tense verb is its object noun."""
    if not text[cue.start:cue.end].lower().endswith("s"):
        return False
    before = re.findall(r"[\w’'-]+", text[:cue.start])[-1:]
    return bool(before) and before[0].islower() and (before[0].endswith("ed") or bool(_modifier("past").fullmatch(before[0])))


def _is_modifier_participle(text: str, cue: _Cue) -> bool:
    """ "Trump's promised wall", "a state-approved list": a participle after a possessive or glued to a
    hyphen describes a noun; it reports no act of its own."""
    if text[cue.start - 1:cue.start] == "-":
        return True
    return text[cue.start:cue.end].lower().endswith("ed") and bool(re.search(r"\w[’']s\s+$", text[:cue.start]))


@lru_cache(maxsize=1)
def _headline_share() -> float:
    return float(next(row["pattern"] for row in load_table("modifiers.tsv") if row["kind"] == "headline"))


def _is_in_name(text: str, cue: _Cue) -> bool:
    """A capitalised cue inside a sentence belongs to a name ("the Congressional Review Act"); a headline,
    with its words capitalised (`modifiers.tsv`, headline), and a phrase's first word are exempt."""
    before = text[:cue.start].rstrip()
    if not text[cue.start].isupper() or not before or before[-1] in "\"“‘'([:;—–-.!?":
        return False
    long_words = re.findall(r"[^\W\d_]{4,}", text)
    return sum(w[0].isupper() for w in long_words) < _headline_share() * len(long_words)


def _actor(text: str, cue: _Cue, subject: Actor, main: Actor, cast: Cast, here: str) -> Actor:
    """The committing party: the owner of a noun cue, both for an agentless passive, else the subject."""
    if cue.kind == "noun" and _noun_actor(text, cue):
        return resolve(_noun_actor(text, cue), cast, here)
    if cue.kind == "passive":
        return Actor(BOTH, "", "")
    return subject if subject.label else main


def _window(text: str, cue: _Cue, window_start: int) -> str:
    """The words before the cue whose modifiers (negation, modals, hedges) apply to it."""
    if cue.kind == "passive":
        return " ".join(text[:cue.start].split()[-2:]) + " " + text[cue.start:cue.end]
    if cue.kind == "noun":
        return " ".join(text[:cue.start].split()[-3:])
    return text[window_start:cue.start]


def _record(text: str, sentence_id: str, cue: _Cue, actor: Actor, speaker: str, content: str, strength: int,
            scope: str) -> Commitment:
    cameo = _cameo(cue, strength, content)
    return Commitment(
        sentence_id=sentence_id,
        text=text,
        actor=actor.party or actor.person or actor.literal,
        speaker=speaker,
        cue=text[cue.start:cue.end],
        content=content,
        beneficiary=_beneficiary(content, actor.party),
        strength=strength,
        joint=actor.party == BOTH,
        cameo=cameo,
        plover=_plover().get(cameo, _plover().get(cameo[:3], "")),
        scope=scope,
        themes=themes_in(content) or themes_in(text),
        offset=cue.start,
    )


def extract(report: Report, *, cast: Cast | None = None) -> list[Commitment]:
    """All commitments of a report, in reading order (subheadings and summary bullets skipped).

    `cast`: the report's people when already built (`analysis.annotations`), else built here.
    """
    if cast is None:
        cast = build_cast([s.text for s in report.counted], report.dateline)
    scopes = sentence_scopes(report)
    records: list[Commitment] = []
    context = ""
    for sentence in report.counted:
        if sentence.role != "subhead":
            records += find_commitments(
                sentence.text, sentence_id=sentence.id, cast=cast, context=context, scope=scopes[sentence.id]
            )
        context = recent(context, sentence.text)
    return records


def commitments_table(report: Report, records: Sequence[Commitment] | None = None) -> pd.DataFrame:
    """One row per commitment, in reading order; `themes` joined with ';'.

    `records`: the report's commitments when already extracted (`analysis.annotations`), else extracted here.
    """
    rows = [
        {
            **{name: getattr(record, name) for name in COLUMNS if name not in ("themes", "strength_label")},
            "strength_label": record.strength_label,
            "themes": ";".join(record.themes),
        }
        for record in (extract(report) if records is None else records)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def commitments_only(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a `commitments_table` that commit someone: discussion rows record topics, not commitments."""
    return table[table["kind"] == COMMITMENT].reset_index(drop=True)


def is_commitment(text: str, *, threshold: int = DETECTION_THRESHOLD) -> bool:
    """True when a sentence holds a commitment at least `threshold` firm (the benchmark rule)."""
    return any(record.strength >= threshold for record in find_commitments(text))


def reported_speaker(text: str, cast: Cast, context: str) -> str:
    """Who a sentence reports as speaking ("Naqvi said ..."): a person, else a party, else "".

    `context` is the report's text before the sentence, to resolve "he", "the minister".
    Used by `analysis.emphasis` for the voices of sentences that carry no commitment.
    """
    match = _modifier("reporting").search(text)
    if not match:
        return ""
    phrase, _ = _subject(text, _Cue(match.start(), match.end(), 0, "", "verb", ""))
    who = resolve(re.sub(r"^.*,\s*", "", phrase), cast, context + " " + text[: match.start()])
    return who.person or who.party
