"""Which sentences of report A and report B tell the same thing.

Used by notebooks 02_alignment (the alignment table and the score heatmap) and
04_emphasis (what each report leaves out, from the a_only / b_only rows).

Why the method is as it is:
- News reports reorder, merge and paraphrase, so order-bound collation
  (difflib) is the wrong tool: every pair of sentences is scored, in any order.
- Character similarity alone rates a shared frame ("X said the new technology
  would enhance the capacity of Y") as high as a shared fact, so each pair is
  scored by a logistic regression over content-aware features
  (`analysis.features`: rarity-weighted content words, named entities,
  numbers, speakers), fitted on MSRP train (`scripts/fit_scorer.py`). The score
  reads as the probability that the two sentences report the same fact.
- A pair whose speakers are both named and share no word is never a `match`:
  the same words said by someone else are another fact.
- Inverted pyramid: a report's lede (headline, standfirst, first body
  paragraph) summarises the event, and two reports of one event summarise
  the same fact in their ledes even when they list different specifics, which
  a paraphrase scorer rates low. So ledes are aligned with ledes first, and a
  lede-to-lede pair at or above the partial threshold, with no conflicting
  speaker or numbers, is a `match`.
- The one-to-one core is the assignment maximising the summed score
  (`scipy.optimize.linear_sum_assignment`), solved per connected group of
  plausible pairs so large documents stay fast; ledes first, then the rest. Reports also split one
  sentence in two, so a sentence may take a second counterpart when that pair
  is itself strong (content split) or the counterpart is otherwise unused and
  has no better partner.
- For large documents only candidate pairs (the top few per sentence by cheap
  measures) get the full features; other pairs score 0, a lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from analysis.features import Pool, SentenceInfo, is_content, unmatched_entities
from analysis.scorer import calibrated
from analysis.sources import Report

#: A pair scoring at least this is a `match`: the threshold with the best
#: cross-validated F1 on MSRP train (`cv_best_f1_threshold` in scorer.json).
MATCH_THRESHOLD = 0.39
#: A pair scoring at least this (and below the match threshold) is `partial`.
#: 95 % of MSRP train non-paraphrases (same story, different specifics) score
#: above it (`cv_non_paraphrase_5th_percentile` in scorer.json, 0.118).
PARTIAL_THRESHOLD = 0.12
#: Documents with at most this many sentence pairs get every pair fully scored.
ALL_PAIRS_BUDGET = 40_000
#: Otherwise, candidates per sentence (by TF-IDF cosine and character ratio).
CANDIDATES_PER_SENTENCE = 5
#: A sentence corresponds to at most this many sentences of the other report.
MAX_COUNTERPARTS = 2
#: Equal runs longer than this many words are shortened in the diff.
DIFF_CONTEXT = 6

COLUMNS = (
    "a_id", "b_id", "a_role", "b_role", "a_text", "b_text", "score", "relation", "basis",
    "shared_words", "shared_entities", "conflicting_entities", "shared_numbers",
    "conflicting_numbers", "speaker_conflict", "diff",
)  # fmt: skip


@dataclass(frozen=True)
class Side:
    """One report as the aligner sees it: ids, roles and texts of its sentences."""

    ids: list[str]
    roles: list[str]
    texts: list[str]
    tiers: list[int]  # 0 headline, 1 standfirst or first body paragraph (the lede), 2 the rest


def side_of(report: Report) -> Side:
    """The sentences of a parsed report."""
    s = report.sentences
    first = min((x.paragraph for x in s if x.role == "body"), default=0)
    tiers = [0 if x.role == "headline" else 1 if x.role == "standfirst" or x.paragraph == first else 2 for x in s]
    return Side([x.id for x in s], [x.role for x in s], [x.text for x in s], tiers)


def side_of_texts(texts: list[str], prefix: str) -> Side:
    """Plain sentence strings as body sentences with ids a001, a002, ... (or b...), no lede."""
    n = len(texts)
    return Side([f"{prefix}{k + 1:03d}" for k in range(n)], ["body"] * n, list(texts), [2] * n)


def score_matrix(a: Report, b: Report) -> np.ndarray:
    """Calibrated scores in [0, 1] of every pair, shape (len(a.sentences), len(b.sentences))."""
    return _scores(Pool(side_of(a).texts, side_of(b).texts))


def align(
    a: Report,
    b: Report,
    *,
    match_threshold: float = MATCH_THRESHOLD,
    partial_threshold: float = PARTIAL_THRESHOLD,
) -> pd.DataFrame:
    """One row per aligned pair (match | partial) or left-over sentence (a_only | b_only).

    Rows follow A's reading order, then B's; b_only rows come last, in B's order.
    """
    return align_sides(side_of(a), side_of(b), match_threshold=match_threshold, partial_threshold=partial_threshold)


def align_texts(
    a: list[str],
    b: list[str],
    *,
    match_threshold: float = MATCH_THRESHOLD,
    partial_threshold: float = PARTIAL_THRESHOLD,
) -> pd.DataFrame:
    """`align` for plain lists of sentences (ids a001... and b001..., role body)."""
    return align_sides(
        side_of_texts(a, "a"), side_of_texts(b, "b"), match_threshold=match_threshold, partial_threshold=partial_threshold
    )


def align_sides(
    a: Side,
    b: Side,
    *,
    match_threshold: float = MATCH_THRESHOLD,
    partial_threshold: float = PARTIAL_THRESHOLD,
) -> pd.DataFrame:
    """The one code path behind `align` and `align_texts`."""
    if not 0 <= partial_threshold <= match_threshold <= 1:
        raise ValueError("thresholds must satisfy 0 <= partial_threshold <= match_threshold <= 1")
    pool = Pool(a.texts, b.texts)
    scores = _scores(pool)
    tier_a, tier_b = np.asarray(a.tiers, dtype=int), np.asarray(b.tiers, dtype=int)
    lede_pairs = (tier_a[:, None] < 2) & (tier_b[None, :] < 2)
    links = link(scores, tier_a, tier_b, match_threshold=match_threshold, partial_threshold=partial_threshold)
    rows = [_pair_row(a, b, pool, i, j, scores[i, j], match_threshold, partial_threshold, lede_pairs[i, j]) for i, j in links]
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    rows += [_single_row(a, i, "a") for i in range(len(a.texts)) if i not in linked_a]
    rows.sort(key=lambda r: (r.pop("_a"), r.pop("_b")))
    rows += [_single_row(b, j, "b") for j in range(len(b.texts)) if j not in linked_b]
    for r in rows:
        r.pop("_a", None), r.pop("_b", None)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _scores(pool: Pool) -> np.ndarray:
    """Dense calibrated scores; pairs that are not candidates keep 0."""
    scores = np.zeros((pool.n_a, pool.n_b))
    if pool.n_a == 0 or pool.n_b == 0:
        return scores
    i, j = candidates(pool)
    scores[i, j] = calibrated(pool.pair_features(i, j))
    return scores


def candidates(pool: Pool) -> tuple[np.ndarray, np.ndarray]:
    """Pairs worth the full features: all of them for report-sized inputs, else top-k a row and a column."""
    n_a, n_b = pool.n_a, pool.n_b
    if n_a * n_b <= ALL_PAIRS_BUDGET:
        i, j = np.indices((n_a, n_b))
        return i.ravel(), j.ravel()
    cheap = pool.word_cosine() + pool.ratio() / 100.0
    keep = np.zeros((n_a, n_b), dtype=bool)
    k_row, k_col = min(CANDIDATES_PER_SENTENCE, n_b), min(CANDIDATES_PER_SENTENCE, n_a)
    rows = np.argpartition(-cheap, k_row - 1, axis=1)[:, :k_row]
    keep[np.arange(n_a)[:, None], rows] = True
    cols = np.argpartition(-cheap, k_col - 1, axis=0)[:k_col, :]
    keep[cols, np.arange(n_b)[None, :]] = True
    return np.nonzero(keep)


def link(
    scores: np.ndarray, tier_a: np.ndarray, tier_b: np.ndarray, *, match_threshold: float, partial_threshold: float
) -> list[tuple[int, int]]:
    """Aligned pairs (i, j), sorted: a one-to-one core plus strong one-to-many extras.

    The core is assigned in stages, headlines with headlines, ledes with
    ledes, then everything left. An extra link needs a strong pair (a match
    by score, or a lede pair at the partial threshold) and room on both sides.
    """
    same_tier = tier_a[:, None] == tier_b[None, :]
    stages = [np.where(same_tier & (tier_a[:, None] == t), scores, 0.0) for t in (0, 1)]
    core: list[tuple[int, int]] = []
    for stage in stages + [scores]:
        stage = stage.copy()
        stage[sorted({i for i, _ in core}), :] = 0.0
        stage[:, sorted({j for _, j in core})] = 0.0
        core += _assignment(stage, partial_threshold)
    count_a = np.bincount([i for i, _ in core], minlength=scores.shape[0])
    count_b = np.bincount([j for _, j in core], minlength=scores.shape[1])
    links = set(core)
    lede_pairs = (tier_a[:, None] < 2) & (tier_b[None, :] < 2)
    strong_at = np.where(lede_pairs, partial_threshold, match_threshold)
    i_all, j_all = np.nonzero(scores >= strong_at)
    for i, j in sorted(zip(i_all.tolist(), j_all.tolist()), key=lambda p: (-scores[p], p)):
        if (i, j) not in links and count_a[i] < MAX_COUNTERPARTS and count_b[j] < MAX_COUNTERPARTS:
            links.add((i, j))
            count_a[i] += 1
            count_b[j] += 1
    return sorted(links)


def _assignment(scores: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """Maximum-score one-to-one pairs at or above `floor`, solved per connected group."""
    n_a, n_b = scores.shape
    i, j = np.nonzero(scores >= floor)
    if len(i) == 0:
        return []
    graph = sparse.coo_matrix((np.ones(len(i)), (i, n_a + j)), shape=(n_a + n_b, n_a + n_b))
    _, labels = connected_components(graph, directed=False)
    pairs = []
    for label in np.unique(labels[i]):
        rows = np.nonzero(labels[:n_a] == label)[0]
        cols = np.nonzero(labels[n_a:] == label)[0]
        block = scores[np.ix_(rows, cols)]
        r, c = linear_sum_assignment(np.where(block >= floor, block, 0.0), maximize=True)
        pairs += [(int(rows[x]), int(cols[y])) for x, y in zip(r, c) if block[x, y] >= floor]
    return sorted(pairs)


def _basis(score: float, match_threshold: float, partial_threshold: float, lede: bool, conflict: bool) -> tuple[str, str]:
    """The relation of a linked pair and the rule that decided it (shown to readers)."""
    if conflict:
        return "partial", "speakers differ"
    if score >= match_threshold:
        return "match", "score"
    if lede and score >= partial_threshold:
        return "match", "lede pair"
    return "partial", "score"


def _pair_row(a: Side, b: Side, pool: Pool, i: int, j: int, score: float, match_threshold: float,
              partial_threshold: float, lede: bool) -> dict:
    x, y = pool.a[i], pool.b[j]
    conflict = bool(x.speaker) and bool(y.speaker) and not x.speaker & y.speaker
    relation, basis = _basis(score, match_threshold, partial_threshold, lede, conflict)
    only_x, only_y = unmatched_entities(x, y), unmatched_entities(y, x)
    return {
        "_a": i,
        "_b": j,
        "a_id": a.ids[i],
        "b_id": b.ids[j],
        "a_role": a.roles[i],
        "b_role": b.roles[j],
        "a_text": a.texts[i],
        "b_text": b.texts[j],
        "score": round(float(score), 4),
        "relation": relation,
        "basis": basis,
        "shared_words": ", ".join(shared_words(x, y)),
        "shared_entities": "; ".join(e for e in x.entities if e not in only_x),
        "conflicting_entities": _sides(only_x, only_y),
        "shared_numbers": ", ".join(sorted(x.numbers & y.numbers)),
        "conflicting_numbers": _sides(sorted(x.numbers - y.numbers), sorted(y.numbers - x.numbers)),
        "speaker_conflict": conflict,
        "diff": word_diff(x.tokens, y.tokens),
    }


def _single_row(side: Side, k: int, which: str) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update({f"{which}_id": side.ids[k], f"{which}_role": side.roles[k], f"{which}_text": side.texts[k]})
    row.update({"score": float("nan"), "relation": f"{which}_only", "speaker_conflict": False, "_a": k, "_b": -1})
    return row


def _sides(only_a: list[str], only_b: list[str]) -> str:
    """'A: x; y | B: z' when both sides have something the other lacks, else ''."""
    if not only_a or not only_b:
        return ""
    return f"A: {'; '.join(only_a)} | B: {'; '.join(only_b)}"


def shared_words(x: SentenceInfo, y: SentenceInfo) -> list[str]:
    """Content words of x whose stem y also has, in x's order, each once."""
    seen: set[str] = set()
    out = []
    for token, s in zip(x.tokens, x.stems):
        if s in y.content and is_content(token) and s not in seen:
            seen.add(s)
            out.append(token)
    return out


def word_diff(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> str:
    """Word-level diff, "[-removed-]{+added+}", long equal runs shortened with "…".

    Words are compared casefolded (mapped to integers so rapidfuzz's
    Levenshtein opcodes work on words, not characters).
    """
    vocab: dict[str, int] = {}
    ids_a = [vocab.setdefault(w.casefold(), len(vocab)) for w in a]
    ids_b = [vocab.setdefault(w.casefold(), len(vocab)) for w in b]
    parts: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for op in Levenshtein.opcodes(ids_a, ids_b):
        if op.tag != "equal":
            left += a[op.src_start : op.src_end]
            right += b[op.dest_start : op.dest_end]
            continue
        parts += _change(left, right)
        left, right = [], []
        same = list(a[op.src_start : op.src_end])
        parts.append(" ".join(same if len(same) <= DIFF_CONTEXT else same[:2] + ["…"] + same[-2:]))
    return " ".join(parts + _change(left, right))


def _change(left: list[str], right: list[str]) -> list[str]:
    """One diff piece for a run of removed and added words (none if the run is empty)."""
    piece = (f"[-{' '.join(left)}-]" if left else "") + (f"{{+{' '.join(right)}+}}" if right else "")
    return [piece] if piece else []
