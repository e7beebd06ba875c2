"""Fit and check the same-event models of `analysis.events` on public data with near misses.

ECB+ topics 1–35: each topic has two sub-topics, two similar but different
events (two rehab check-ins of two actresses, two earthquakes); every pair of
documents within a topic is a pair of one event (same sub-topic) or a near
miss (the other sub-topic). BASIL: three outlets' reports of 100 US political
events, and the same outlet pairs across events. Constructions of our own: each
ECB+ document against the document of the same rank in the next topic, an
unrelated pair, so the model also sees reports that share nothing; and each
BASIL article against the article of another event that names the most of its
titled people (the same officials, printed on another day: the near miss that
ECB+, whose sub-topics mostly differ in their people, and BASIL's unrelated
pairs lack).

Cross-validation is grouped by topic (`GroupKFold`): a topic's pairs are
scored by a model fitted without that topic, with word rarity counted only
over the training documents. Used by `scripts/fit_events.py` and
`benchmarks/bench_events.py`; the package never needs the data at run time.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from analysis import batch, events
from analysis.paths import SHARED_DATA
from analysis.sources import Report, parse_report

ECBPLUS = SHARED_DATA / "ecbplus" / "ecbplus_topics_1-35.jsonl"
BASIL = SHARED_DATA / "multi-outlet" / "basil_articles.jsonl"
FOLDS = 5
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
#: Near misses constructed per BASIL article (`basil_near_misses`).
NEAR_MISSES = 3
#: Stems in fewer background documents are left out of the shipped table (they read as unseen: rarest).
MIN_DF = 2


@dataclass(frozen=True)
class Document:
    """One report with its event and its cross-validation group (the ECB+ topic, or the BASIL event)."""

    id: str
    event: str
    group: str
    report: Report


def ecbplus_text(sentences: Sequence[str]) -> str:
    """An ECB+ document as a page: the first sentence is the headline, each sentence its own paragraph."""
    return "\n\n".join(sentences)


def ecbplus_documents(path: Path = ECBPLUS) -> list[Document]:
    """ECB+ documents; the event is topic and sub-topic, the group the topic."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        topic = f"ecb+ {record['topic']}"
        report = parse_report(ecbplus_text(record["sentences"]), record["doc_id"])
        docs.append(Document(record["doc_id"], f"{topic} {record['subtopic']}", topic, report))
    return docs


def basil_documents(path: Path = BASIL) -> list[Document]:
    """BASIL articles; the event and the group are the event id."""
    return [Document(f"{a.event}:{a.label}", a.event, f"basil {a.event}", a.report()) for a in batch.read_articles(path)]


def labelled_pairs(docs: Sequence[Document], profiles: Sequence[events.Profile]) -> pd.DataFrame:
    """Every ECB+ pair within a topic, BASIL's same- and different-event pairs, and the constructions
    (unrelated ECB+ pairs, BASIL near misses).

    Columns: i, j (document indices), same (1 = one event), group, source.
    """
    rows = []
    by_group: dict[str, list[int]] = {}
    for k, d in enumerate(docs):
        by_group.setdefault(d.group, []).append(k)
    topics = [g for g in by_group if g.startswith("ecb+")]
    for t, topic in enumerate(topics):
        members = by_group[topic]
        rows += [(i, j, int(docs[i].event == docs[j].event), topic, "ecb+ within topic")
                 for i, j in itertools.combinations(members, 2)]
        following = by_group[topics[(t + 1) % len(topics)]]
        rows += [(i, following[r % len(following)], 0, topic, "unrelated (constructed)") for r, i in enumerate(members)]
    index = {d.id: k for k, d in enumerate(docs)}
    basil_events = {e: [a for a in group] for e, group in batch.by_event(_articles(docs)).items()}
    for first, second in batch.same_event_pairs(basil_events) + batch.different_event_pairs(basil_events):
        i, j = index[f"{first.event}:{first.label}"], index[f"{second.event}:{second.label}"]
        rows.append((i, j, int(first.event == second.event), docs[i].group, "basil"))
    rows += basil_near_misses(docs, profiles)
    return pd.DataFrame(rows, columns=["i", "j", "same", "group", "source"])


def basil_near_misses(docs: Sequence[Document], profiles: Sequence[events.Profile], partners: int = NEAR_MISSES) -> list[tuple]:
    """Each BASIL article against the `partners` articles of other events naming the most of its titled people
    (ties: the nearer by TF-IDF cosine), as rows of `labelled_pairs`; partners sharing no titled person are left out.

    The partners are chosen by the people, not by the verdict's specifics, so
    the pairs are hard without being picked to fit the model.
    """
    basil = [k for k, d in enumerate(docs) if d.group.startswith("basil")]
    chosen = [profiles[k] for k in basil]
    matrix = events.vectors(chosen, events.Idf.of(chosen))
    similarity = (matrix @ matrix.T).toarray()
    rows, seen = [], set()
    for a, i in enumerate(basil):
        people = chosen[a].titles.keys()
        others = [b for b, j in enumerate(basil) if docs[j].event != docs[i].event and people & chosen[b].titles.keys()]
        others.sort(key=lambda b: (-len(people & chosen[b].titles.keys()), -similarity[a, b], b))
        for b in others[:partners]:
            pair = tuple(sorted((i, basil[b])))
            if pair not in seen:
                seen.add(pair)
                rows.append((*pair, 0, docs[i].group, "basil near miss (constructed)"))
    return rows


def _articles(docs: Sequence[Document]) -> list[batch.Article]:
    """Stand-ins for the BASIL articles, enough to pair them as `analysis.batch` pairs them."""
    out = []
    for d in docs:
        if d.group.startswith("basil"):
            event, label = d.id.rsplit(":", 1)
            out.append(batch.Article(event, label, "", "", "-"))
    return out


def _aligned(pair: tuple[Report, Report]) -> float:
    return events.aligned_share(*pair)


def aligned_shares(docs: Sequence[Document], pairs: pd.DataFrame, workers: int | None = None) -> np.ndarray:
    """The aligned share of every pair (the expensive feature), on all cores."""
    jobs = [(docs[i].report, docs[j].report) for i, j in zip(pairs.i, pairs.j)]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return np.fromiter(pool.map(_aligned, jobs, chunksize=16), dtype=float, count=len(jobs))


def feature_rows(data: Data, background: Sequence[int]) -> np.ndarray:
    """The `FEATURES` of every pair, each under a word rarity counted over the `background` documents less
    those of the pair's own groups (topics, BASIL events).

    The shipped rarity never counts a user's reports; fitting on rarity that
    counted the pair's own documents would teach the model rarer-looking
    shared words than it will meet, and make it over-confident on new topics.
    """
    doc_group = [d.group for d in data.docs]
    total: Counter[str] = Counter()
    by_group: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    for k in background:
        total.update(data.profiles[k].terms.keys())
        by_group[doc_group[k]].update(data.profiles[k].terms.keys())
        sizes[doc_group[k]] += 1
    rows_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row, (i, j) in enumerate(zip(data.pairs.i, data.pairs.j)):
        rows_of[tuple(sorted({doc_group[i], doc_group[j]}))].append(row)
    out = np.empty((len(data.pairs), len(events.FEATURES)))
    for key, rows in sorted(rows_of.items()):
        df = total.copy()
        for g in key:
            df.subtract(by_group.get(g, Counter()))
        idf = events.Idf({t: n for t, n in df.items() if n >= MIN_DF}, len(background) - sum(sizes[g] for g in key))
        for row in rows:
            values = events.features(data.profiles[data.pairs.i.iat[row]], data.profiles[data.pairs.j.iat[row]], idf)
            out[row] = [values[f] for f in events.FEATURES]
    return out


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: Sequence[str]) -> dict:
    """Standardise, choose C by grouped cross-validated log loss, fit, recalibrate; the parameters as
    `events.probability` reads them.

    A model fitted on some topics is over-confident on others (a topic's
    pairs are alike), so its log-odds are rescaled by a logistic fit on the
    out-of-fold log-odds of the chosen C (Platt scaling within the training
    data): the probability then reads as the share of one event among unseen
    topics' pairs with that probability.
    """
    lower, upper = x.min(axis=0), x.max(axis=0)
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    folds = list(GroupKFold(FOLDS).split(z, y, groups))
    out_of_fold = []
    for c in C_GRID:
        logit = np.zeros(len(y))
        for train, test in folds:
            logit[test] = LogisticRegression(C=c, max_iter=2000).fit(z[train], y[train]).decision_function(z[test])
        out_of_fold.append(logit)
    best = int(np.argmin([log_loss(y, 1 / (1 + np.exp(-logit))) for logit in out_of_fold]))
    platt = LogisticRegression(C=1e6, max_iter=2000).fit(out_of_fold[best][:, None], y)
    slope, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    model = LogisticRegression(C=C_GRID[best], max_iter=2000).fit(z, y)
    return {"features": list(features), "C": C_GRID[best], "lower": _round(lower), "upper": _round(upper),
            "mean": _round(scaler.mean_), "scale": _round(scale), "coef": _round(slope * model.coef_[0]),
            "intercept": round(slope * float(model.intercept_[0]) + shift, 6), "platt": [round(slope, 6), round(shift, 6)]}


def _round(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


@dataclass
class Data:
    """Everything the fit and the check read: documents, their profiles, labelled pairs, aligned shares."""

    docs: list[Document]
    profiles: list[events.Profile]
    pairs: pd.DataFrame
    aligned: np.ndarray


def load(workers: int | None = None) -> Data:
    """Read ECB+ and BASIL, profile every document and align every labelled pair."""
    docs = ecbplus_documents() + basil_documents()
    profiles = [events.profile(d.report) for d in docs]
    pairs = labelled_pairs(docs, profiles)
    return Data(docs, profiles, pairs, aligned_shares(docs, pairs, workers))


def design(data: Data, background: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of the `pile` model and of the `pair` model (with the aligned share), every pair."""
    pile = feature_rows(data, background)
    return pile, np.column_stack([pile, data.aligned])


def training_documents(data: Data, groups: set[str]) -> list[int]:
    """Indices of the documents of these groups: a fold's background for word rarity."""
    return [k for k, d in enumerate(data.docs) if d.group in groups]


def fit_all(data: Data) -> tuple[dict, events.Idf]:
    """The shipped models and word rarity, fitted on all the data."""
    idf = events.Idf.of(data.profiles, MIN_DF)
    pile, pair = design(data, range(len(data.docs)))
    y, groups = data.pairs.same.to_numpy(), data.pairs.group.to_numpy()
    return {"threshold": events.THRESHOLD, "pile": fit(pile, y, groups, events.FEATURES),
            "pair": fit(pair, y, groups, events.PAIR_FEATURES)}, idf


def idf_table(idf: events.Idf) -> str:
    """The word rarity as shipped: a header with the document count, then stem and document frequency, sorted."""
    lines = [f"documents\t{idf.documents}", "stem\tdf"] + [f"{t}\t{n}" for t, n in sorted(idf.df.items())]
    return "\n".join(lines) + "\n"


def cross_validate(data: Data) -> pd.DataFrame:
    """Out-of-fold probabilities of both models, grouped by topic, with the baselines of the same run.

    Columns: the pairs' i, j, same, group, source, then `pair` and `pile`
    (out-of-fold probabilities), `aligned` (the aligned share alone),
    `cosine_feature` (the model's cosine, training-fold rarity) and `cosine_corpus` (a
    TF-IDF cosine of scikit-learn's vectorizer fitted over all ECB+ and BASIL
    documents: the baseline that needs the whole corpus at once).
    """
    out = data.pairs.copy()
    out["pair"], out["pile"], out["cosine_feature"] = np.nan, np.nan, np.nan
    out["aligned"] = data.aligned
    groups = data.pairs.group.to_numpy()
    y = data.pairs.same.to_numpy()
    for train, test in GroupKFold(FOLDS).split(groups, y, groups):
        pile, pair = design(data, training_documents(data, set(groups[train])))
        for name, x, features in (("pile", pile, events.FEATURES), ("pair", pair, events.PAIR_FEATURES)):
            params = fit(x[train], y[train], groups[train], features)
            out.loc[out.index[test], name] = events.probability(x[test], params)
        out.loc[out.index[test], "cosine_feature"] = pile[test, events.FEATURES.index("cosine")]
    out["cosine_corpus"] = corpus_cosine(data)
    return out


def corpus_cosine(data: Data) -> np.ndarray:
    """The baseline: scikit-learn's sublinear TF-IDF over every document of the run, cosine per pair."""
    texts = [" ".join(s.text for s in d.report.sentences) for d in data.docs]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    return np.asarray(matrix[data.pairs.i.to_numpy()].multiply(matrix[data.pairs.j.to_numpy()]).sum(axis=1)).ravel()


def auc_table(scored: pd.DataFrame, columns: Sequence[str] = ("pair", "pile", "aligned", "cosine_corpus")) -> pd.DataFrame:
    """AUC of same against different event for each score, per ECB+ topic (within-topic pairs), sorted by the pair model."""
    within = scored[scored.source == "ecb+ within topic"]
    rows = [{"topic": topic, "pairs": len(g), "same": int(g.same.sum()),
             **{c: roc_auc_score(g.same, g[c]) for c in columns}} for topic, g in within.groupby("group", sort=False)]
    return pd.DataFrame(rows).sort_values(list(columns[:1]), kind="stable").reset_index(drop=True)


def pooled_auc(scored: pd.DataFrame, column: str, source: str | tuple[str, ...] = "ecb+ within topic") -> float:
    """AUC over all pairs of one source (or several) pooled."""
    part = scored[scored.source.isin([source] if isinstance(source, str) else source)]
    return float(roc_auc_score(part.same, part[column]))


def brier(scored: pd.DataFrame, column: str) -> float:
    """Brier score (mean squared error of the probability) over all pairs."""
    return float(brier_score_loss(scored.same, scored[column]))


def reliability(scored: pd.DataFrame, column: str, bins: int = 5) -> pd.DataFrame:
    """Calibration: per probability bin, pairs, mean probability and the share that are one event."""
    cut = pd.cut(scored[column], np.linspace(0, 1, bins + 1), include_lowest=True)
    grouped = scored.groupby(cut, observed=True)
    return pd.DataFrame({"pairs": grouped.size(), "mean_probability": grouped[column].mean(),
                         "share_one_event": grouped.same.mean()}).reset_index(names="bin")


def bcubed(truth: Sequence[str], labels: Sequence[int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping against the true events."""
    frame = pd.DataFrame({"truth": list(truth), "label": list(labels)})
    overlap_size = frame.groupby(["truth", "label"])["truth"].transform("size")
    cluster = frame.groupby("label")["truth"].transform("size")
    klass = frame.groupby("truth")["label"].transform("size")
    precision, recall = float((overlap_size / cluster).mean()), float((overlap_size / klass).mean())
    return precision, recall, 2 * precision * recall / (precision + recall)


def grouped_bcubed(data: Data) -> tuple[float, float, float, int]:
    """B-cubed of grouping ECB+ documents, topic-grouped folds: each fold's test topics grouped as one pile,
    by a `pile` model and word rarity fitted without them. Returns P, R, F1 and the number of documents."""
    ecb = [k for k, d in enumerate(data.docs) if d.group.startswith("ecb+")]
    groups = data.pairs.group.to_numpy()
    y = data.pairs.same.to_numpy()
    doc_group = np.array([d.group for d in data.docs])
    truth, labels = [], []
    for fold, (train, test) in enumerate(GroupKFold(FOLDS).split(groups, y, groups)):
        test_groups = set(groups[test])
        background = training_documents(data, set(groups[train]))
        idf = events.Idf.of([data.profiles[k] for k in background], MIN_DF)
        params = fit(feature_rows(data, background)[train], y[train], groups[train], events.FEATURES)
        members = [k for k in ecb if doc_group[k] in test_groups]
        found, _ = events.group([data.profiles[k] for k in members], idf, params)
        truth += [data.docs[k].event for k in members]
        labels += [fold * 100_000 + int(x) for x in found]
    return (*bcubed(truth, labels), len(truth))


def summary(scored: pd.DataFrame, hard: int = 5) -> str:
    """The cross-validated check as printed by the fit script and `make bench`: pooled, hardest topics, calibration."""
    lines = ["Cross-validated by topic (GroupKFold, 5 folds); AUC of one event against the near miss",
             f"  {'pairs pooled, by source':<44} {'pair':>6} {'pile':>6} {'aligned':>8} {'cosine':>7}"]
    for source in ("ecb+ within topic", "basil", ("basil", "basil near miss (constructed)")):
        part = scored[scored.source.isin([source] if isinstance(source, str) else source)]
        name = source if isinstance(source, str) else "basil with the near misses"
        lines.append(f"  {name + f' (n={len(part)})':<44} " + " ".join(
            f"{pooled_auc(scored, c, source):>{w}.3f}"
            for c, w in (("pair", 6), ("pile", 6), ("aligned", 8), ("cosine_corpus", 7))))
    table = auc_table(scored)
    lines.append(f"  per topic: median AUC pair {table.pair.median():.3f}, cosine {table.cosine_corpus.median():.3f}; "
                 f"topics below 0.80: pair {int((table.pair < 0.8).sum())}, cosine {int((table.cosine_corpus < 0.8).sum())} "
                 f"of {len(table)}")
    lines.append(f"  hardest {hard} topics (pair model):")
    for row in table.head(hard).itertuples():
        lines.append(f"    {row.topic:<8} pairs {row.pairs:>4}  pair {row.pair:.3f}  pile {row.pile:.3f}  "
                     f"aligned {row.aligned:.3f}  cosine {row.cosine_corpus:.3f}")
    lines.append(f"  calibration, all pairs: Brier pair {brier(scored, 'pair'):.3f}, pile {brier(scored, 'pile'):.3f}")
    for row in reliability(scored, "pair").itertuples():
        lines.append(f"    p in {str(row.bin):<16} pairs {row.pairs:>5}  mean p {row.mean_probability:.3f}  "
                     f"one event {row.share_one_event:.3f}")
    lines.append("  (cosine: scikit-learn TF-IDF over all documents of the run at once, the baseline that needs a corpus)")
    return "\n".join(lines)
