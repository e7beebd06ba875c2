"""One event or several: a calibrated verdict for two reports, and a pile of reports grouped into events.

Reports of one event share its specifics (numbers, named bodies, quotes, rare
words); reports of two similar events (the same officials meeting again,
another round of talks: a near miss) share the people and the formula but
conflict on the specifics, the printed dates, the days and years they name,
or the titles. Each report is read once into a `Profile`; a pair of profiles
gives a row of features; a logistic regression turns the row into the
probability that the two reports tell one event. The model is fitted by
`scripts/fit_events.py` (`analysis.event_fit`) on ECB+ topics 1–35, whose
sub-topics are near misses of each other, and BASIL, and shipped as numbers
(`resources/events.json`, and the background word rarity
`resources/event_idf.tsv`: stems and document counts, no text).

Two models share the features: `pair` adds the share of aligned sentences
(`analysis.align`, some 20 ms a pair) and decides a pair of reports;
`pile` leaves it out and decides the candidate pairs when a pile is grouped,
where aligning every candidate would cost too much. Grouping blocks first: only
reports sharing a word that is rare within the pile are candidates (a sparse
product whose cost grows with the words, not with the pairs), each report
keeps its best candidates, and groups are the connected components of the
pairs judged one event. The readable evidence per dimension stays in
`analysis.evidence`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from dateutil import parser as dateparser
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from analysis import evidence, overlap
from analysis.describe import describe, is_content, stem
from analysis.paths import RESOURCES
from analysis.patterns import WORD
from analysis.sources import Report

MODEL_FILE = RESOURCES / "events.json"
IDF_FILE = RESOURCES / "event_idf.tsv"
#: Probability from which a pair is judged one event.
THRESHOLD = 0.5
#: Probability from which the verdict is acted on in alignment (and below 1 - this, two events); see `known`.
CONFIDENT = 0.9
ONE = "one event"
TWO = "two events"
#: A stem seen in at most this many background documents (or never) is rare.
RARE_DF = 2
#: Printed dates at most this many days apart agree (a report may be printed the day after, or a weekend later);
#: beyond, the gap conflicts, normalised on a log scale so a year apart counts fully.
AGREE_DAYS = 3
GAP_FULL = 365
#: Words of a shingle: a quote shared by both reports shares its four-word runs.
SHINGLE = 4
#: Candidates kept per report when a pile is grouped, and the pile frequency above which a word does not block.
NEIGHBOURS = 8
BLOCK_DF = 50

FEATURES = ("cosine", "shared_rare", "shared_numbers", "shared_names", "names_disjoint", "shared_quotes",
            "date_agree", "date_conflict", "weekday_shared", "weekday_conflict", "year_shared", "year_conflict",
            "people_shared", "people_disjoint", "title_conflict", "officials_apart")
PAIR_FEATURES = (*FEATURES, "aligned")

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTE = re.compile(r"[“\"]([^”\"\n]{1,400})[”\"]")


@dataclass(frozen=True)
class Profile:
    """What one report holds that tells its event from another: read once, compared with many."""

    name: str
    terms: dict[str, int]  # content stems and their counts, less the titled people's names
    surface: dict[str, str]  # a stem's first printed form, to show it
    numbers: frozenset[str]
    names: frozenset[str]
    quotes: frozenset[tuple[str, ...]]
    date: dt.date | None
    printed_date: str
    weekdays: frozenset[str]
    years: frozenset[str]
    titles: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Verdict:
    """The probability that two reports tell one event, the verdict at `THRESHOLD`, and the evidence."""

    probability: float
    verdict: str
    features: dict[str, float]
    evidence: dict[str, str]

    def sentence(self) -> str:
        """The verdict in one sentence with its main evidence, as report.html opens."""
        told = "one event" if self.verdict == ONE else "two different events"
        return f"These reports likely tell of {told} (p = {self.probability:.2f}): {self.evidence['main']}."


class Idf:
    """Background rarity of stems: smoothed inverse document frequency over a corpus, unseen = rarest."""

    def __init__(self, df: dict[str, int], documents: int) -> None:
        self.df, self.documents = df, documents
        self.unseen = self.of_df(1)

    def of_df(self, df: int) -> float:
        return math.log((1 + self.documents) / (1 + df)) + 1.0

    def __call__(self, term: str) -> float:
        df = self.df.get(term)
        return self.unseen if df is None else self.of_df(df)

    def rare(self, term: str) -> bool:
        return self.df.get(term, 0) <= RARE_DF

    @classmethod
    def of(cls, profiles: Sequence[Profile], min_df: int = 1) -> Idf:
        """Document frequencies over profiles; stems in fewer than `min_df` documents are dropped (unseen)."""
        counts = Counter(t for p in profiles for t in p.terms)
        return cls({t: n for t, n in counts.items() if n >= min_df}, len(profiles))


def profile(report: Report) -> Profile:
    """Read a report once: content stems, numbers, specific names, quotes, dates, days, years, titles.

    The words of the titled people's names are left out of the stems: two
    meetings of the same officials share them as much as two reports of one
    meeting, so they count as people (`titles`), not as shared specifics.
    """
    body = evidence.body_texts(report) or [s.text for s in report.sentences]
    texts = [report.headline, *body] if report.headline else body
    cast = evidence.cast_of(report)
    surnames = {p.surname for p in cast.people}
    person_terms = {stem(w) for p in cast.people for w in WORD.findall(p.name)}
    terms: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for text in texts:
        for token in WORD.findall(text):
            key = stem(token)
            if is_content(token) and not token.isdigit() and key not in person_terms:
                terms[key] += 1
                surface.setdefault(key, token)
    joined = "\n".join(body)
    names = {evidence.POSSESSIVE.sub("", e) for info in describe(body) for e in info.entities
             if evidence.is_specific(e, surnames)}
    years = set(_YEAR.findall(joined))
    date = _parse_date(report.date)
    if date:
        years.add(str(date.year))
    numbers = {n.replace(",", "") for n in _NUMBER.findall(joined)}
    numbers = {n for n in numbers if len(n) > 1 and n not in years}
    titles = {s: frozenset(t) for s, t in evidence.titles_of(report).items()}
    return Profile(report.name, dict(terms), surface, frozenset(numbers), frozenset(names), _quote_shingles(joined),
                   date, report.date, frozenset(evidence.WEEKDAY.findall(joined)), frozenset(years), titles)


def _parse_date(text: str) -> dt.date | None:
    """A printed date line as a calendar date, or None when there is none or it does not parse."""
    if not text:
        return None
    try:
        return dateparser.parse(text, fuzzy=True, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _quote_shingles(text: str) -> frozenset[tuple[str, ...]]:
    shingles = set()
    for quote in _QUOTE.findall(text):
        words = [stem(w) for w in WORD.findall(quote)]
        shingles |= {tuple(words[k:k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}
    return frozenset(shingles)


def vectors(profiles: Sequence[Profile], idf: Idf) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows of unit length over the union of the profiles' stems (background IDF)."""
    vocabulary: dict[str, int] = {}
    rows, cols, data = [], [], []
    for r, p in enumerate(profiles):
        for term, count in p.terms.items():
            rows.append(r)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append((1.0 + math.log(count)) * idf(term))
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(profiles), len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix)


def features(a: Profile, b: Profile, idf: Idf, cosine: float | None = None) -> dict[str, float]:
    """The pair's features (`FEATURES`): what the two reports share that is specific, and what conflicts.

    `cosine` is the TF-IDF cosine when the caller has it from a matrix of many reports.
    """
    if cosine is None:
        m = vectors([a, b], idf)
        cosine = float(m[0].multiply(m[1]).sum())
    shared_terms = a.terms.keys() & b.terms.keys()
    people = a.titles.keys() & b.titles.keys()
    agree, conflict = date_agreement(a.date, b.date)
    return {
        "cosine": cosine,
        "shared_rare": math.log1p(sum(1 for t in shared_terms if idf.rare(t))),
        "shared_numbers": math.log1p(len(a.numbers & b.numbers)),
        "shared_names": math.log1p(len(a.names & b.names)),
        "names_disjoint": float(bool(a.names and b.names and not a.names & b.names)),
        "shared_quotes": math.log1p(len(a.quotes & b.quotes)),
        "date_agree": agree,
        "date_conflict": conflict,
        "weekday_shared": float(bool(a.weekdays & b.weekdays)),
        "weekday_conflict": float(bool(a.weekdays and b.weekdays and not a.weekdays & b.weekdays)),
        "year_shared": float(bool(a.years & b.years)),
        "year_conflict": float(bool(a.years and b.years and not a.years & b.years)),
        "people_shared": math.log1p(len(people)),
        "people_disjoint": float(bool(a.titles and b.titles and not people)),
        "title_conflict": float(any(not a.titles[s] & b.titles[s] for s in people)),
        "officials_apart": conflict if people else 0.0,
    }


def date_agreement(a: dt.date | None, b: dt.date | None) -> tuple[float, float]:
    """Printed dates: (1, 0) when both are printed within `AGREE_DAYS`, (0, gap) when further apart, the gap
    beyond `AGREE_DAYS` on a log scale reaching 1 at `GAP_FULL` days; (0, 0) when either is not printed.

    Separate features, so that a missing date reads as no evidence, not as the same day.
    """
    if a is None or b is None:
        return 0.0, 0.0
    gap = abs((a - b).days)
    if gap <= AGREE_DAYS:
        return 1.0, 0.0
    return 0.0, min(1.0, math.log1p(gap - AGREE_DAYS) / math.log1p(GAP_FULL - AGREE_DAYS))


def aligned_share(a: Report, b: Report, alignment: pd.DataFrame | None = None) -> float:
    """Pooled share of both reports' body sentences that the lexical alignment links (`analysis.overlap`).

    The model was fitted on the lexical scorer's links; the default scorer (`analysis.semantic`) links more
    and would shift the feature, so an alignment it made (it has `semantic_score`) is not used.
    """
    if alignment is None or "semantic_score" in alignment.columns:
        from analysis.align import align

        alignment = align(a, b, semantic=False)
    return overlap.shares(alignment, a, b).aligned


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted models (`resources/events.json`); checks they were fitted on the current features."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["pair"]["features"]) != PAIR_FEATURES or tuple(data["pile"]["features"]) != FEATURES:
        raise RuntimeError(f"{MODEL_FILE} was fitted on other features; run scripts/fit_events.py")
    return data


@lru_cache(maxsize=1)
def background() -> Idf:
    """The shipped background rarity (`resources/event_idf.tsv`: a header with the document count, then stem, df)."""
    lines = IDF_FILE.read_text(encoding="utf-8").splitlines()
    documents = int(lines[0].split("\t")[1])
    df = {term: int(n) for term, n in (line.split("\t") for line in lines[2:])}
    return Idf(df, documents)


def probability(rows: np.ndarray, params: dict) -> np.ndarray:
    """Logistic model on standardised, clipped feature rows (the ranges seen in fitting)."""
    x = np.clip(rows, np.asarray(params["lower"]), np.asarray(params["upper"]))
    z = (x - np.asarray(params["mean"])) / np.asarray(params["scale"])
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(params["coef"]) + params["intercept"])))


def same_event(a: Report, b: Report, *, alignment: pd.DataFrame | None = None, idf: Idf | None = None) -> Verdict:
    """Do two reports tell one event? The calibrated probability, the verdict and its evidence.

    `alignment` is `analysis.align.align(a, b)` when the caller has it (it is
    computed otherwise). Uses the `pair` model, which reads the aligned share.
    """
    pa, pb = profile(a), profile(b)
    return verdict(pa, pb, idf or background(), aligned=aligned_share(a, b, alignment))


def verdict(a: Profile, b: Profile, idf: Idf, *, aligned: float | None = None, cosine: float | None = None,
            params: dict | None = None) -> Verdict:
    """The verdict on two profiles: the `pair` model when the aligned share is given, else the `pile` model
    (`params` replaces the shipped model, as cross-validation does)."""
    values = features(a, b, idf, cosine)
    name = "pile"
    if aligned is not None:
        values["aligned"], name = aligned, "pair"
    params = params or model()[name]
    p = float(probability(np.array([[values[f] for f in params["features"]]]), params)[0])
    return Verdict(p, ONE if p >= THRESHOLD else TWO, values, _evidence(a, b, idf, values, params, p))


def _show(items: object, limit: int = 6) -> str:
    items = sorted(items)
    return "; ".join(items[:limit]) + (f"; ... ({len(items)} in all)" if len(items) > limit else "") if items else "none"


def _evidence(a: Profile, b: Profile, idf: Idf, values: dict[str, float], params: dict, p: float) -> dict[str, str]:
    """Readable evidence: what is shared, what conflicts, and the main reasons for the verdict."""
    rare = {a.surface[t] for t in a.terms.keys() & b.terms.keys() if idf.rare(t)}
    people = sorted(a.titles.keys() & b.titles.keys())
    shown = {
        "rare_words_in_common": _show(rare),
        "numbers_in_common": _show(a.numbers & b.numbers),
        "names_in_common": _show(a.names & b.names),
        "quotes_in_common": f"{len(a.quotes & b.quotes)} shared four-word runs of quotes",
        "dates": f"{a.printed_date or 'none printed'} | {b.printed_date or 'none printed'}",
        "weekdays": f"{_show(a.weekdays)} | {_show(b.weekdays)}",
        "years": f"{_show(a.years)} | {_show(b.years)}",
        "titles": _show(f"{s}: {', '.join(sorted(a.titles[s]))} | {', '.join(sorted(b.titles[s]))}" for s in people),
    }
    shown["main"] = _main(values, params, shown, p)
    return shown


#: How each feature reads in the verdict sentence: above its mean in fitting, and below. Which way it pushes
#: is the fitted coefficient's business, so a phrase never claims a direction.
_PHRASES: dict[str, Callable[[dict[str, str], dict[str, float]], tuple[str, str]]] = {
    "cosine": lambda s, v: (f"word overlap (TF-IDF cosine) {v['cosine']:.2f}",
                            f"little word overlap (TF-IDF cosine {v['cosine']:.2f})"),
    "shared_rare": lambda s, v: (f"rare words in common ({s['rare_words_in_common']})", "few rare words in common"),
    "shared_numbers": lambda s, v: (f"numbers in common ({s['numbers_in_common']})", "no number in common"),
    "shared_names": lambda s, v: (f"named bodies in common ({s['names_in_common']})", "few named bodies in common"),
    "names_disjoint": lambda s, v: ("no named body in common", "named bodies overlap or are not printed"),
    "shared_quotes": lambda s, v: (f"quotes in common ({s['quotes_in_common']})", "no quote in common"),
    "date_agree": lambda s, v: (f"the same printed date ({s['dates']})", f"no printed date in common ({s['dates']})"),
    "date_conflict": lambda s, v: (f"printed dates apart ({s['dates']})", f"printed dates not apart ({s['dates']})"),
    "weekday_shared": lambda s, v: (f"the same weekday ({s['weekdays']})", "no weekday in common"),
    "weekday_conflict": lambda s, v: (f"different weekdays ({s['weekdays']})", "no conflicting weekdays"),
    "year_shared": lambda s, v: (f"a year in common ({s['years']})", "no year in common"),
    "year_conflict": lambda s, v: (f"different years ({s['years']})", "no conflicting years"),
    "people_shared": lambda s, v: ("the same titled people", "no titled person in common"),
    "people_disjoint": lambda s, v: ("different titled people", "titled people overlap or are not named"),
    "title_conflict": lambda s, v: (f"different titles for the same person ({s['titles']})", "no title conflict"),
    "officials_apart": lambda s, v: (f"the same officials on printed dates apart ({s['dates']})",
                                     "not the same officials on dates apart"),
    "aligned": lambda s, v: (f"{v['aligned']:.0%} of sentences aligned", f"only {v['aligned']:.0%} of sentences aligned"),
}


def _main(values: dict[str, float], params: dict, shown: dict[str, str], p: float, top: int = 3) -> str:
    """The features that pushed the probability most towards the verdict, as phrases."""
    z, push = _push(values, params)
    sign = 1 if p >= THRESHOLD else -1
    order = [k for k in np.argsort(-sign * push, kind="stable") if sign * push[k] > 0][:top]
    return "; ".join(_PHRASES[params["features"][k]](shown, values)[0 if z[k] > 0 else 1] for k in order) or "no strong clue"


def _push(values: dict[str, float], params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's distance from its fitting mean, and its push on the log-odds (before Platt scaling)."""
    z = (np.clip([values[f] for f in params["features"]], params["lower"], params["upper"]) - np.asarray(params["mean"]))
    return z, z / np.asarray(params["scale"]) * np.asarray(params["coef"])


def contributions(v: Verdict) -> pd.DataFrame:
    """The evidence for and against one event, feature by feature: its value, its push on the log-odds
    (positive: towards one event) and how it reads; strongest push first."""
    params = model()["pair" if "aligned" in v.features else "pile"]
    z, push = _push(v.features, params)
    shown = {f: _PHRASES[f](v.evidence, v.features)[0 if z[k] > 0 else 1] for k, f in enumerate(params["features"])}
    table = pd.DataFrame({"feature": params["features"], "value": [v.features[f] for f in params["features"]],
                          "push": push, "reads": [shown[f] for f in params["features"]]})
    table["towards"] = np.where(table.push > 0, ONE, np.where(table.push < 0, TWO, "neither"))
    return table.reindex(table.push.abs().sort_values(ascending=False, kind="stable").index).reset_index(drop=True)


def candidates(matrix: sparse.csr_matrix, neighbours: int = NEIGHBOURS, block_df: int = BLOCK_DF) -> np.ndarray:
    """Candidate pairs (i < j): each report's best `neighbours` among those sharing a word rare in the pile.

    Blocking: only stems in at most `block_df` reports of the pile link
    reports, so the sparse product costs at most `block_df` times the stored
    entries, linear in the pile; the cosine over blocked stems ranks them.
    A pile of at most `neighbours` + 1 reports gives every pair.
    """
    n = matrix.shape[0]
    if n <= neighbours + 1:
        return np.array([(i, j) for i in range(n) for j in range(i + 1, n)], dtype=np.int64).reshape(-1, 2)
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = np.flatnonzero((df >= 2) & (df <= block_df))
    blocked = matrix[:, keep]
    product = (blocked @ blocked.T).tocsr()
    product.setdiag(0)
    product.eliminate_zeros()
    pairs = set()
    for i in range(product.shape[0]):
        start, end = product.indptr[i], product.indptr[i + 1]
        cols, vals = product.indices[start:end], product.data[start:end]
        for j in cols[np.lexsort((cols, -vals))[:neighbours]]:
            pairs.add((min(i, int(j)), max(i, int(j))))
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


#: Readable evidence columns of a pair row, after the features.
EVIDENCE = ("rare_words_in_common", "numbers_in_common", "names_in_common", "quotes_in_common", "dates", "weekdays", "years",
            "titles")
PAIR_COLUMNS = ("a", "b", "probability", "verdict", "evidence", *PAIR_FEATURES, *EVIDENCE)


def pair_row(a: str, b: str, v: Verdict) -> dict[str, object]:
    """One row of a pairs table: names, probability, verdict, main evidence, features, readable evidence."""
    return {"a": a, "b": b, "probability": round(v.probability, 4), "verdict": v.verdict, "evidence": v.evidence["main"],
            **{k: round(v.features.get(k, math.nan), 4) for k in PAIR_FEATURES}, **{k: v.evidence[k] for k in EVIDENCE}}


def pair_table(profiles: Sequence[Profile], pairs: np.ndarray, matrix: sparse.csr_matrix, idf: Idf,
               params: dict | None = None) -> pd.DataFrame:
    """The `pile` verdict on each candidate pair (`PAIR_COLUMNS`; `aligned` is empty: not computed)."""
    rows = [pair_row(profiles[i].name, profiles[j].name, verdict(profiles[i], profiles[j], idf, cosine=c, params=params))
            for (i, j), c in zip(pairs, pair_cosines(matrix, pairs))]
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


def pair_cosines(matrix: sparse.csr_matrix, pairs: np.ndarray) -> list[float]:
    """The cosine of each pair of rows of unit length, in one sparse product (row by row costs a copy each)."""
    if not len(pairs):
        return []
    return np.asarray(matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]]).sum(axis=1)).ravel().tolist()


def group(profiles: Sequence[Profile], idf: Idf | None = None, params: dict | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """Group profiles into events: blocking, the `pile` verdict on candidates, connected components.

    Returns each profile's group number (0, 1, ... in order of first report)
    and the table of candidate pairs with their verdicts.
    """
    idf = idf or background()
    matrix = vectors(profiles, idf)
    pairs = candidates(matrix)
    table = pair_table(profiles, pairs, matrix, idf, params)
    return components(len(profiles), pairs, table["verdict"].eq(ONE).to_numpy()), table


def components(n: int, pairs: np.ndarray, linked: np.ndarray) -> np.ndarray:
    """Connected components of the linked pairs, numbered in order of their first member."""
    edges = pairs[linked] if len(pairs) else np.zeros((0, 2), dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first: dict[int, int] = {}
    return np.array([first.setdefault(int(x), len(first)) for x in labels], dtype=np.int64)


def pair_verdicts(reports: Sequence[Report], pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Verdict]:
    """The `pair` verdict on each pair (i, j) of reports, each report read once."""
    idf = background()
    profiles = [profile(r) for r in reports]
    return {(i, j): verdict(profiles[i], profiles[j], idf, aligned=aligned_share(reports[i], reports[j]))
            for i, j in pairs}


def known(v: Verdict) -> bool | None:
    """Whether the reports are known to tell one event (True), two (False), or not known (None): the verdict
    is acted on only when it is confident (CONFIDENT), since a wrong verdict would make a different statement
    read as a misattribution, or the reverse (`analysis.align`)."""
    if v.probability >= CONFIDENT:
        return True
    return False if v.probability <= 1 - CONFIDENT else None


def verdict_table(labels: Sequence[str], verdicts: dict[tuple[int, int], Verdict]) -> tuple[pd.DataFrame, list[str]]:
    """The verdicts (`pair_verdicts`) as rows of `PAIR_COLUMNS` (`a` and `b` are labels), and as sentences."""
    rows, sentences = [], []
    for (i, j), v in verdicts.items():
        rows.append(pair_row(labels[i], labels[j], v))
        sentences.append(v.sentence() if len(labels) == 2 else f"{labels[i]} and {labels[j]}: {v.sentence()}")
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS)), sentences
