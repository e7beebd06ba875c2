"""Fit and check the same-event models of `analysis.events` on public data with near misses.

ECB+ topics 1–35: each topic has two sub-topics, two similar but different
events (two rehab check-ins of two actresses, two earthquakes); every pair of
documents within a topic is a pair of one event (same sub-topic) or a near
miss (the other sub-topic). BASIL: three outlets' reports of 100 US political
events, and the same outlet pairs across events. Constructions of our own: each
ECB+ document against the document of the same rank in the next topic, an
unrelated pair, so the model also sees reports that share nothing.

Cross-validation is grouped by topic (`GroupKFold`): a topic's pairs are
scored by a model fitted without that topic, with word rarity counted only
over the training documents. Used by `scripts/fit_events.py` and
`benchmarks/bench_events.py`; the package never needs the data at run time.
"""

from __future__ import annotations

import itertools
import json
import os
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
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
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


def labelled_pairs(docs: Sequence[Document]) -> pd.DataFrame:
    """Every ECB+ pair within a topic, BASIL's same- and different-event pairs, and the unrelated constructions.

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
    return pd.DataFrame(rows, columns=["i", "j", "same", "group", "source"])


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


def feature_rows(profiles: Sequence[events.Profile], pairs: pd.DataFrame, idf: events.Idf) -> np.ndarray:
    """The `FEATURES` of every pair under the given word rarity."""
    matrix = events.vectors(profiles, idf)
    out = np.empty((len(pairs), len(events.FEATURES)))
    for row, (i, j) in enumerate(zip(pairs.i, pairs.j)):
        cosine = float(matrix[i].multiply(matrix[j]).sum())
        values = events.features(profiles[i], profiles[j], idf, cosine)
        out[row] = [values[f] for f in events.FEATURES]
    return out


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: Sequence[str]) -> dict:
    """Standardise, choose C by grouped cross-validated log loss, fit; the parameters as `events.probability` reads them."""
    lower, upper = x.min(axis=0), x.max(axis=0)
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    losses = []
    for c in C_GRID:
        p = np.zeros(len(y))
        for train, test in GroupKFold(FOLDS).split(z, y, groups):
            p[test] = LogisticRegression(C=c, max_iter=2000).fit(z[train], y[train]).predict_proba(z[test])[:, 1]
        losses.append(log_loss(y, p))
    c = C_GRID[int(np.argmin(losses))]
    model = LogisticRegression(C=c, max_iter=2000).fit(z, y)
    return {"features": list(features), "C": c, "lower": _round(lower), "upper": _round(upper),
            "mean": _round(scaler.mean_), "scale": _round(scale), "coef": _round(model.coef_[0]),
            "intercept": round(float(model.intercept_[0]), 6)}


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
    pairs = labelled_pairs(docs)
    return Data(docs, profiles, pairs, aligned_shares(docs, pairs, workers))


def design(data: Data, idf: events.Idf) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of the `pile` model and of the `pair` model (with the aligned share)."""
    pile = feature_rows(data.profiles, data.pairs, idf)
    return pile, np.column_stack([pile, data.aligned])


def fit_all(data: Data) -> tuple[dict, events.Idf]:
    """The shipped models and word rarity, fitted on all the data."""
    idf = events.Idf.of(data.profiles, MIN_DF)
    pile, pair = design(data, idf)
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
    doc_group = np.array([d.group for d in data.docs])
    for train, test in GroupKFold(FOLDS).split(groups, y, groups):
        train_groups = set(groups[train])
        idf = events.Idf.of([p for p, g in zip(data.profiles, doc_group) if g in train_groups], MIN_DF)
        pile, pair = design(data, idf)
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


def pooled_auc(scored: pd.DataFrame, column: str, source: str = "ecb+ within topic") -> float:
    """AUC over all pairs of one source pooled."""
    part = scored[scored.source == source]
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
        train_groups, test_groups = set(groups[train]), set(groups[test])
        idf = events.Idf.of([p for p, g in zip(data.profiles, doc_group) if g in train_groups], MIN_DF)
        pile = feature_rows(data.profiles, data.pairs.iloc[train], idf)
        params = fit(pile, y[train], groups[train], events.FEATURES)
        members = [k for k in ecb if doc_group[k] in test_groups]
        found, _ = events.group([data.profiles[k] for k in members], idf, params)
        truth += [data.docs[k].event for k in members]
        labels += [fold * 100_000 + int(x) for x in found]
    return (*bcubed(truth, labels), len(truth))


def summary(scored: pd.DataFrame, hard: int = 5) -> str:
    """The cross-validated check as printed by the fit script and `make bench`: pooled, hardest topics, calibration."""
    lines = ["Cross-validated by topic (GroupKFold, 5 folds); AUC of one event against the near miss",
             f"  {'ECB+ within-topic pairs pooled':<44} {'pair':>6} {'pile':>6} {'aligned':>8} {'cosine':>7}"]
    for source in ("ecb+ within topic", "basil"):
        part = scored[scored.source == source]
        lines.append(f"  {source + f' (n={len(part)})':<44} " + " ".join(
            f"{pooled_auc(scored, c, source):>{w}.3f}" for c, w in (("pair", 6), ("pile", 6), ("aligned", 8), ("cosine_corpus", 7))))
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
