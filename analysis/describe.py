"""What one sentence holds: stems, content words, named entities, numbers, speaker, negation.

`analysis.features` compares two sentences through these parts, and
`analysis.evidence` reads the people and bodies a report names from them. The
parts are read with patterns, not a parser: capitalised runs are names, the
subject of a reporting verb is the speaker, and a word's Snowball stem stands
for its inflections. Every sentence of a pool (both reports) is described
against the pool's own vocabulary, so the capital that opens a sentence is
told from the capital of a name by how the reports use the word elsewhere.
Used through `analysis.align` by notebooks 02_alignment and 04_emphasis, and
through `analysis.evidence` by 01_sources.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from analysis.paths import RESOURCES
from analysis.patterns import WORD

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Words that turn a statement into its opposite; "n't" is matched as an ending.
_NEGATION = re.compile(
    r"(?<![\w'’])(?:not|no|never|nor|without|none|nothing|cannot)(?![\w'’])|\wn['’]t\b", re.IGNORECASE
)
_APOSTROPHE = str.maketrans({"’": "'", "‘": "'", "`": "'"})


#: Words whose stem and stop-word status are remembered: a 10,000-sentence pool
#: asks for the same few thousand words some 600,000 times.
_WORD_CACHE = 1 << 16


@lru_cache(maxsize=1)
def speech_rules() -> dict[str, frozenset[str]]:
    """Reporting verbs, adverbs and pronouns from `resources/speech.toml`."""
    with open(RESOURCES / "speech.toml", "rb") as handle:
        data = tomllib.load(handle)
    return {key: frozenset(value) for key, value in data.items()}


@lru_cache(maxsize=_WORD_CACHE)
def stem(token: str) -> str:
    """The Snowball (Porter 2) English stem of a word, casefolded, possessive dropped.

    Paraphrases change inflection and derivation ("agreed"/"agree",
    "technology"/"technological"); the stem unifies them.
    """
    word = token.casefold().translate(_APOSTROPHE)
    for suffix in ("'s", "'"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    return _english_stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _english_stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=_WORD_CACHE)
def is_stopword(token: str) -> bool:
    """Function words carry no content of their own (scikit-learn's English list).

    A word in capitals is an abbreviation, not a function word: "US" is not "us".
    """
    if len(token) > 1 and token.isupper():
        return False
    return token.casefold().translate(_APOSTROPHE) in english_stop_words()


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (`sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`).

    Read from the one file that defines them, without importing scikit-learn, whose import costs about 0.8 s
    (it loads scipy.stats) for a list; imported the usual way if that file is not where this version has it.
    """
    spec = importlib.util.find_spec("sklearn")
    source = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py" if spec and spec.origin else None
    if source is None or not source.is_file():
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return ENGLISH_STOP_WORDS
    module_spec = importlib.util.spec_from_file_location("_english_stop_words", source)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _is_title_case(tokens: list[str]) -> bool:
    """A headline in title case: capitals say nothing about names there."""
    content = [t for t in tokens if t[:1].isalpha() and not is_stopword(t)]
    return len(content) >= 3 and sum(map(_capitalised, content)) >= 0.9 * len(content)


@dataclass(frozen=True, eq=False)
class SentenceInfo:
    """The parts of one sentence the pair features compare."""

    text: str
    norm: str  # casefolded, white space collapsed
    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    content: frozenset[str]  # stems of content words, with acronyms of multiword names
    entities: tuple[str, ...]  # named-entity spans as printed
    entity_stems: frozenset[str]
    numbers: frozenset[str]
    speaker: frozenset[str]  # stems of the named speaker; empty when unknown
    speaker_pronoun: str  # "she" in "She said ...": a pronoun speaker, for the report's context to resolve
    # Derived once here rather than for each of the pairs a sentence is in:
    words: frozenset[str]  # stems and acronyms: what another sentence's entities are looked up in
    entity_keys: tuple[tuple[str, ...], ...]  # per entity: the stems and acronym that find it
    terms: tuple[str, ...]  # content stems in order, then acronyms: the TF-IDF terms
    content_order: tuple[str, ...]  # content stems in sentence order
    negated: bool


def _entity_spans(
    text: str, tokens: list[re.Match[str]], title: bool, lower_vocab: set[str], name_vocab: set[str]
) -> list[list[str]]:
    """Runs of capitalised tokens that name something, broken at punctuation.

    The first word of a sentence is capitalised anyway: it counts only if the
    reports never use it in lower case or it opens a run of capitals ("Interior
    Minister Naqvi"). In a title-case headline, a word counts only if the
    reports capitalise it mid-sentence elsewhere.
    """
    words = [m.group() for m in tokens]
    spans: list[list[str]] = []
    run: list[str] = []
    for k, token in enumerate(words):
        if run and text[tokens[k - 1].end() : tokens[k].start()].strip():
            spans.append(run)
            run = []
        if title:
            named = token.casefold() in name_vocab and not is_stopword(token)
        elif k == 0:
            opens_run = len(words) > 1 and _capitalised(words[1])
            named = _capitalised(token) and not is_stopword(token) and (opens_run or stem(token) not in lower_vocab)
        else:
            named = _capitalised(token)
        if named:
            run.append(token)
        elif run:
            spans.append(run)
            run = []
    if run:
        spans.append(run)
    return spans


def _speaker(text: str, tokens: list[re.Match[str]]) -> tuple[frozenset[str], str]:
    """Stems of the named subject of a reporting verb (empty for pronouns or no verb), and the pronoun.

    "Interior Minister Naqvi also said ..." -> ({interior, minist, naqvi}, "");
    '"...," said John Smith.' -> ({john, smith}, ""); "She said ..." ->
    (unknown, "she"): one sentence alone cannot tell whom a pronoun stands
    for; in a report, `analysis.align.speakers` looks at the sentence before.
    """
    rules = speech_rules()
    words = [m.group() for m in tokens]
    for k, word in enumerate(words):
        if word not in rules["reporting_verbs"]:
            continue
        back = k - 1
        while back >= 0 and words[back].casefold() in rules["adverbs"]:
            back -= 1
        run: list[str] = []
        while back >= 0 and _capitalised(words[back]) and words[back].casefold() not in rules["pronouns"]:
            run.insert(0, words[back])
            back -= 1
        if run and not (back < 0 and len(run) == 1 and is_stopword(run[0])):
            return frozenset(stem(w) for w in run), ""
        if back >= 0 and words[back].casefold() in rules["pronouns"]:
            return frozenset(), words[back].casefold()
        before = text[: tokens[k].start()].rstrip()
        if word in rules["inverted_verbs"] and before.endswith((",", "”", '"', "'")):
            after = [w for w in words[k + 1 : k + 5]]
            run = []
            for w in after:
                if not _capitalised(w):
                    break
                run.append(w)
            if run:
                return frozenset(stem(w) for w in run), ""
        return frozenset(), ""
    return frozenset(), ""


def describe(texts: list[str]) -> list[SentenceInfo]:
    """Describe every sentence of a pool (both reports), sharing its vocabulary."""
    matches = [list(WORD.finditer(t)) for t in texts]
    token_lists = [[m.group() for m in ms] for ms in matches]
    lower_vocab = {stem(t) for tokens in token_lists for t in tokens if t[:1].islower()}
    titles = [_is_title_case(tokens) for tokens in token_lists]
    name_vocab = {
        t.casefold()
        for tokens, title in zip(token_lists, titles)
        if not title
        for t in tokens[1:]
        if _capitalised(t)
    }
    out = []
    for text, ms, tokens, title in zip(texts, matches, token_lists, titles):
        spans = _entity_spans(text, ms, title, lower_vocab, name_vocab)
        speaker, pronoun = (frozenset(), "") if title else _speaker(text, ms)
        stems = tuple(stem(t) for t in tokens)
        acronyms = _acronyms(spans)
        content_stems = _content_stems_of(stems, tokens)
        content = frozenset(content_stems) | acronyms
        entities = tuple(" ".join(span) for span in spans)
        out.append(
            SentenceInfo(
                text=text,
                norm=normalise(text),
                tokens=tuple(tokens),
                stems=stems,
                content=content,
                entities=entities,
                entity_stems=frozenset(stem(t) for span in spans for t in span) | acronyms,
                numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(text)),
                speaker=speaker,
                speaker_pronoun=pronoun,
                words=frozenset(stems) | content,
                entity_keys=tuple(tuple(_span_keys(e)) for e in entities),
                terms=tuple(content_stems) + tuple(sorted(content - set(stems))),
                content_order=tuple(content_stems),
                negated=bool(_NEGATION.search(text)),
            )
        )
    return out


def normalise(text: str) -> str:
    """Casefolded, apostrophes unified, white space collapsed: what character measures compare."""
    return " ".join(text.casefold().translate(_APOSTROPHE).split())


@lru_cache(maxsize=_WORD_CACHE)
def is_content(token: str) -> bool:
    """A word that carries content: not a function word, not a reporting verb.

    "said" attributes a statement; it is the frame, not the fact.
    """
    return not is_stopword(token) and token not in speech_rules()["reporting_verbs"]


def _content_stems_of(stems: tuple[str, ...], tokens: list[str] | tuple[str, ...]) -> list[str]:
    return [s for s, t in zip(stems, tokens) if is_content(t)]


def _acronyms(spans: list[list[str]]) -> frozenset[str]:
    """Initials of multiword names, so "United States" meets "US" and "Federal Investigation Agency" meets "FIA"."""
    out = set()
    for span in spans:
        words = [w for w in span if w[:1].isupper()]
        if len(words) >= 2:
            out.add(stem("".join(w[0] for w in words)))
    return frozenset(out)


def unmatched_entities(x: SentenceInfo, y: SentenceInfo) -> list[str]:
    """Entity spans of x none of whose words appear anywhere in y."""
    return [e for e, keys in zip(x.entities, x.entity_keys) if y.words.isdisjoint(keys)]


def _span_keys(entity: str) -> list[str]:
    """Stems of an entity's words, and its acronym if it has several capitalised words."""
    words = entity.split()
    return [stem(w) for w in words] + sorted(_acronyms([words]))
