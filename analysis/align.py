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
- A pair whose speakers are both known and share no word is never a `match`:
  the same words said by someone else are another fact ("She said ..." in a
  report continues the speaker before it, see `speakers`). A pair that shares no
  content word at all is never linked: a lexical scorer has no evidence of
  overlap there, whatever its score from function words and spelling.
- A paraphrase score answers "the same fact?"; linking also needs "do the two
  correspond at all?". A second model on the same features, fitted to tell
  MSRP pairs of either label from impostors (`scorer.counterpart`), links a
  pair that adds a figure or a clause, which the paraphrase score rates low.
- Inverted pyramid: a report's lede (headline, standfirst, and the first
  paragraph of the body or, where paragraphs are single sentences, its first
  two sentences: the classic one- or two-sentence lede) summarises the event,
  and two reports of one event summarise the same fact in their ledes even
  when they list different specifics, which a paraphrase scorer rates low.
  So ledes are aligned with ledes first, and a lede-to-lede pair at or above
  the partial threshold, with no conflicting speaker, is a `match`.
- The one-to-one core is the assignment maximising the summed score
  (`scipy.optimize.linear_sum_assignment`), solved per connected group of
  plausible pairs so large documents stay fast; ledes first, then the rest.
  Reports also split one sentence in two, so a sentence may take a second
  counterpart when that pair is itself strong, or when one of the two lies
  inside the other and has no counterpart yet (the other half of a split
  sentence).
- For large documents only candidate pairs (the top few per sentence by cheap
  measures) get the full features; other pairs score 0, a lower bound. For
  very large ones (book-length), even the cheap measures of every pair would
  grow with the square of the length, so candidates come from the words the
  two sentences share that are rare in the other report (an inverted index),
  the assignment of a very large group of linked pairs is greedy (strongest
  pair first), and the evidence is kept per candidate pair, never as a matrix
  of every pair: time and memory grow linearly.
- By default (`analysis.semantic`; `semantic=False` is the fast lexical-only
  path): a cross-encoder fine-tuned on MSRP train (`analysis.minilm`) also
  reads every pair the lexical rules would link, and the pair's score becomes
  the mean of the two probabilities. Its sentence embedder proposes pairs that
  share few words (`semantic.proposals`); such a pair is linked only when the
  cross-encoder reads it as a paraphrase (basis `semantic` unless a match by score).
  The mean decides `match` by score (a lede pair stays a `match` by the lede
  rule) and which pair wins an assignment; a low probability never unlinks a
  pair the lexical rules link, because the cross-encoder never saw unrelated
  sentences in training and a low paraphrase probability does not mean
  "another fact".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from analysis import discrepancy
from analysis import semantic as semantic_scorer
from analysis import units as fact_units
from analysis.describe import SentenceInfo, describe, is_content, unmatched_entities
from analysis.features import FEATURES, Pool
from analysis.scorer import calibrated, counterpart
from analysis.sources import Report

#: A pair scoring at least this is a `match`: the threshold with the best
#: cross-validated F1 on MSRP train (`cv_best_f1_threshold` in scorer.json).
MATCH_THRESHOLD = 0.44
#: A pair scoring at least this (and below the match threshold) is `partial`.
#: 95 % of MSRP train non-paraphrases (same story, different specifics) score
#: above it (`cv_non_paraphrase_5th_percentile` in scorer.json, 0.090).
PARTIAL_THRESHOLD = 0.09
#: A pair the counterpart model (scorer.json) rates at least this can be linked, as `partial` at
#: least: the best cross-validated Youden index between MSRP pairs and impostors
#: (`cv_youden_threshold` in scorer.json). It finds pairs that tell one story with
#: an added number or clause, which the paraphrase score rates low.
COUNTERPART_THRESHOLD = 0.37
#: A pair where one sentence's rarity-weighted content words lie at least this much
#: inside the other overlaps, whatever its score: the scorer is fitted for equivalence
#: (MSRP paraphrase), so it rates a sentence repeated inside a longer one low.
CONTAINED = 0.8
#: ... when the smaller of the two has at least this many content words (short
#: sentences are inside others by chance).
CONTAINED_MIN_WORDS = 4
#: With the semantic scorer: a pair whose mean of the lexical and the
#: cross-encoder probability reaches this is a `match` (the natural cut of a
#: mean of two probabilities, set before any measurement, not tuned).
SEMANTIC_MATCH_THRESHOLD = 0.5
#: Documents with at most this many sentence pairs get every pair fully scored.
ALL_PAIRS_BUDGET = 40_000
#: Otherwise, candidates per sentence (by TF-IDF cosine and character ratio).
CANDIDATES_PER_SENTENCE = 5
#: Above this many sentence pairs, candidates come from shared rare words instead (see the module docstring).
CHEAP_ALL_PAIRS_BUDGET = 4_000_000
#: ... words found in at most this many sentences of either report.
RARE_WORD_POSTINGS = 64
#: A connected group of linked pairs larger than this many cells (rows x columns) is assigned greedily.
ASSIGNMENT_BUDGET = 4_000_000
#: Pronoun speakers that stand for one person, resolved in a report.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
#: A sentence opening with one of these is a quotation: its "he said" is someone else's words.
QUOTES = ("\"", "“", "‘", "'")
#: A sentence corresponds to at most this many sentences of the other report.
MAX_COUNTERPARTS = 2
#: Equal runs longer than this many words are shortened in the diff.
DIFF_CONTEXT = 6

COLUMNS = (
    "a_id", "b_id", "a_role", "b_role", "a_text", "b_text", "score", "relation", "basis",
    "shared_words", "shared_entities", "conflicting_entities", "shared_numbers",
    "conflicting_numbers", "speaker_conflict", "diff", "discrepancy", "discrepancy_words", "extra",
)  # fmt: skip


@dataclass(frozen=True)
class Side:
    """One report as the aligner sees it: ids, roles and texts of its sentences."""

    ids: list[str]
    roles: list[str]
    texts: list[str]
    tiers: list[int]  # 0 headline, 1 the lede (standfirst, first body paragraph or sentences), 2 the rest
    narrative: bool = False  # one report in reading order, so "she said" can be resolved from what came before


#: Body sentences that belong to the lede even when the first paragraph is shorter.
LEDE_SENTENCES = 2


def side_of(report: Report) -> Side:
    """The sentences of a parsed report."""
    s = report.sentences
    body = [x for x in s if x.role == "body"]
    lede = {x.id for x in body[:LEDE_SENTENCES]} | {x.id for x in body if x.paragraph == body[0].paragraph}
    tiers = [0 if x.role == "headline" else 1 if x.role == "standfirst" or x.id in lede else 2 for x in s]
    return Side([x.id for x in s], [x.role for x in s], [x.text for x in s], tiers, narrative=True)


def side_of_texts(texts: list[str], prefix: str) -> Side:
    """Plain sentence strings as body sentences with ids a001, a002, ... (or b...), no lede.

    Not a narrative: the sentences may be unrelated (as in the MSRP benchmark),
    so a pronoun speaker stays unknown.
    """
    n = len(texts)
    return Side([f"{prefix}{k + 1:03d}" for k in range(n)], ["body"] * n, list(texts), [2] * n)


def score_matrix(a: Report, b: Report) -> np.ndarray:
    """Calibrated scores in [0, 1] of every pair, shape (len(a.sentences), len(b.sentences))."""
    return score_pairs(a, b).toarray()


def score_pairs(a: Report, b: Report) -> sparse.coo_matrix:
    """`score_matrix` as a sparse matrix of the scored pairs (every pair for report-sized inputs, else the
    candidates; the rest score 0, a lower bound): its size grows linearly with the reports'."""
    evidence = _scores(_pool(side_of(a).texts, side_of(b).texts))
    return sparse.coo_matrix((evidence.scores, (evidence.i, evidence.j)), shape=evidence.shape)


def align(
    a: Report,
    b: Report,
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
    same_event: bool | None = None,
) -> pd.DataFrame:
    """One row per aligned pair (match | partial) or left-over sentence (a_only | b_only).

    Rows follow A's reading order, then B's; b_only rows come last, in B's order.
    `match_threshold` defaults to SEMANTIC_MATCH_THRESHOLD when the semantic
    scorer is on (`semantic`: None = when installed, see `analysis.semantic`;
    it adds the columns `lexical_score` and `semantic_score`, and `score` is
    then their mean), else MATCH_THRESHOLD. `same_event` is the verdict on
    whether the two reports tell one event (None: unknown); it decides what a
    speaker difference is (see `_basis`).
    """
    return align_sides(side_of(a), side_of(b), match_threshold=match_threshold, partial_threshold=partial_threshold,
                       semantic=semantic, same_event=same_event)


def align_texts(
    a: list[str],
    b: list[str],
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
    same_event: bool | None = None,
) -> pd.DataFrame:
    """`align` for plain lists of sentences (ids a001... and b001..., role body)."""
    return align_sides(side_of_texts(a, "a"), side_of_texts(b, "b"), match_threshold=match_threshold,
                       partial_threshold=partial_threshold, semantic=semantic, same_event=same_event)


def align_sides(
    a: Side,
    b: Side,
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
    same_event: bool | None = None,
) -> pd.DataFrame:
    """The one code path behind `align` and `align_texts`."""
    semantic = semantic_scorer.resolve(semantic)
    if match_threshold is None:
        match_threshold = SEMANTIC_MATCH_THRESHOLD if semantic else MATCH_THRESHOLD
    if not 0 <= partial_threshold <= match_threshold <= 1:
        raise ValueError("thresholds must satisfy 0 <= partial_threshold <= match_threshold <= 1")
    pool = _pool(a.texts, b.texts)
    evidence = _scores(pool)
    # Fact units are read on report-sized inputs (every sentence pair scored); longer ones align sentences.
    facts = _fact_evidence(a.texts, b.texts) if len(evidence.i) == pool.n_a * pool.n_b else None
    whole = evidence.scores
    if facts is not None:
        evidence = evidence.with_facts(facts.evidence)
    open_pairs = evidence.shares & (evidence.contained | evidence.counterpart | (evidence.scores >= partial_threshold))
    proposed = np.zeros(len(evidence.i), dtype=bool)
    if semantic and len(evidence.i) == pool.n_a * pool.n_b:  # every pair listed, in row-major order
        proposed = semantic_scorer.proposals(a.texts, b.texts, open_pairs.reshape(evidence.shape)).ravel()
    keep = open_pairs | proposed  # only these can be linked
    evidence, whole, proposed = evidence.only(keep), whole[keep], proposed[keep]
    learned = _semantic_scores(a.texts, b.texts, evidence.i, evidence.j) if semantic else None
    if learned is not None:  # a proposal is linkable only when the cross-encoder reads a paraphrase
        keep = ~proposed | (learned >= semantic_scorer.PARAPHRASE)
        evidence, whole, proposed, learned = evidence.only(keep), whole[keep], proposed[keep], learned[keep]
    lexical, contained = evidence.scores, evidence.contained
    scores = lexical if learned is None else (lexical + learned) / 2
    tier_a, tier_b = np.asarray(a.tiers, dtype=int), np.asarray(b.tiers, dtype=int)
    links = link_pairs(evidence.i, evidence.j, np.maximum(scores, partial_threshold), evidence.shape, tier_a, tier_b,
                       match_threshold=match_threshold, partial_threshold=partial_threshold, inside=contained,
                       room=None if facts is None else (facts.counts_a, facts.counts_b))
    at = {(int(i), int(j)): k for k, (i, j) in enumerate(zip(evidence.i, evidence.j))}
    speakers_a, speakers_b = speakers(a, pool.a), speakers(b, pool.b)
    rows = [
        _pair_row(a, b, pool, i, j, scores[k], lexical[k], match_threshold, partial_threshold,
                  tier_a[i] < 2 and tier_b[j] < 2, contained[k], (speakers_a[i], speakers_b[j]),
                  whole=whole[k], same_event=same_event)
        | fact_columns(pool, facts, i, j, partial_threshold, (speakers_a[i], speakers_b[j]), same_event)
        | ({} if learned is None else {"lexical_score": round(float(lexical[k]), 4),
                                       "semantic_score": round(float(learned[k]), 4)})
        | ({"basis": semantic_scorer.BASIS} if proposed[k] and scores[k] < match_threshold else {})
        for i, j in links for k in (at[(i, j)],)
    ]
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    rows += [_single_row(a, i, "a") for i in range(len(a.texts)) if i not in linked_a]
    rows.sort(key=lambda r: (r.pop("_a"), r.pop("_b")))
    rows += [_single_row(b, j, "b") for j in range(len(b.texts)) if j not in linked_b]
    for r in rows:
        r.pop("_a", None), r.pop("_b", None)
    extra = [] if learned is None else ["lexical_score", "semantic_score"]
    return pd.DataFrame(rows, columns=list(COLUMNS) + extra)


def speakers(side: Side, infos: list[SentenceInfo]) -> list[frozenset[str]]:
    """Each sentence's speaker as stems; in a report, "He added ..." continues the speaker before it.

    Without this, "She said the upgrades would enhance Pakistan's capacity"
    (after "Ambassador Baker highlighted ...") and "Naqvi said the technology
    would enhance the agencies' capacity" share a frame and no known speaker
    conflict. Only the safest case is resolved: the sentence opens with he or
    she as the subject of a reporting verb (not inside a quotation), and the
    sentence just before has a known speaker. Pointing back to the last
    person named instead would often pick the person talked about, not the
    one talking (tried on BASIL). The scorer's features keep the unresolved
    speakers it was fitted with.
    """
    out = [x.speaker for x in infos]
    if not side.narrative:
        return out
    for k in range(1, len(infos)):
        x = infos[k]
        opens = bool(x.tokens) and x.tokens[0].casefold() == x.speaker_pronoun
        if not out[k] and x.speaker_pronoun in PERSONAL_PRONOUNS and opens and not side.texts[k].startswith(QUOTES):
            out[k] = out[k - 1]
    return out


def _semantic_scores(a: list[str], b: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The cross-encoder's probability for the pairs (a[i[k]], b[j[k]]).

    Only the pairs that can be linked are read: a transformer is slow.
    """
    out = np.full(len(i), np.nan)
    if len(i):
        out[:] = semantic_scorer.pair_probabilities([a[k] for k in i], [b[k] for k in j])
    return out


def _pool(a: list[str], b: list[str]) -> Pool:
    """The pool of both reports; when only candidates will be scored, their cheap measure starts at once."""
    return Pool(a, b, ratio_ahead=ALL_PAIRS_BUDGET < len(a) * len(b) <= CHEAP_ALL_PAIRS_BUDGET)


@dataclass
class Evidence:
    """Per candidate pair (a[i[k]], b[j[k]]), in row-major order: the calibrated score, and the three
    facts besides it that decide whether a pair can be linked at all. Pairs not listed score 0."""

    i: np.ndarray
    j: np.ndarray
    shape: tuple[int, int]
    scores: np.ndarray
    contained: np.ndarray  # one sentence lies inside the other
    shares: np.ndarray  # at least one content word in common
    counterpart: np.ndarray  # the counterpart model says the two correspond

    def only(self, keep: np.ndarray) -> Evidence:
        """The pairs marked in `keep`."""
        return Evidence(self.i[keep], self.j[keep], self.shape, self.scores[keep], self.contained[keep],
                        self.shares[keep], self.counterpart[keep])

    def with_facts(self, facts: Evidence) -> Evidence:
        """This evidence joined with its fact units' over the same pairs (`_fact_evidence`): the better score,
        either containment or counterpart, and shared words only where the units share them."""
        return Evidence(self.i, self.j, self.shape, np.maximum(self.scores, facts.scores), self.contained | facts.contained,
                        self.shares & facts.shares, self.counterpart | facts.counterpart)

    def dense(self, name: str) -> np.ndarray:
        """One field as a matrix of every pair (0 / False off the candidates): for report-sized inputs only."""
        values = getattr(self, name)
        out = np.zeros(self.shape, dtype=values.dtype)
        out[self.i, self.j] = values
        return out


def _scores(pool: Pool) -> Evidence:
    """The evidence of every candidate pair, from one feature matrix."""
    i, j = candidates(pool) if pool.n_a and pool.n_b else (np.zeros(0, np.intp), np.zeros(0, np.intp))
    features = pool.pair_features(i, j)
    cover = features[:, FEATURES.index("cover_max")]
    words = np.minimum([len(pool.a[k].content) for k in i], [len(pool.b[k].content) for k in j])
    return Evidence(i, j, (pool.n_a, pool.n_b), calibrated(features) if len(i) else np.zeros(0),
                    (cover >= CONTAINED) & (words >= CONTAINED_MIN_WORDS), cover > 0,
                    counterpart(features) >= COUNTERPART_THRESHOLD if len(i) else np.zeros(0, bool))


@dataclass
class FactEvidence:
    """The evidence of fact units (`analysis.units`), and the same aggregated to sentence pairs.

    A sentence pair's aggregated score is its best unit pair's: two sentences
    that share one fact whole share it whatever else either adds. Its
    `shares` reads units only, so words of a frame ("During the meeting, ...")
    are no evidence of a shared fact.
    """

    texts_a: list[str]
    texts_b: list[str]
    starts_a: np.ndarray  # first unit of each sentence (units of a sentence are consecutive)
    starts_b: np.ndarray
    unit_scores: np.ndarray  # per unit pair (0 off the candidates)
    unit_contained: np.ndarray
    evidence: Evidence  # per sentence pair, every pair in row-major order

    @property
    def counts_a(self) -> np.ndarray:
        return np.diff(np.append(self.starts_a, len(self.texts_a)))

    @property
    def counts_b(self) -> np.ndarray:
        return np.diff(np.append(self.starts_b, len(self.texts_b)))


def _fact_evidence(a: list[str], b: list[str]) -> FactEvidence | None:
    """Unit evidence of two reports, or None when every sentence is one unit without a frame."""
    split_a, split_b = [fact_units.split(t) for t in a], [fact_units.split(t) for t in b]
    if not a or not b or all(len(u.texts) == 1 and not u.frame for u in split_a + split_b):
        return None
    texts_a, texts_b = [t for u in split_a for t in u.texts], [t for u in split_b for t in u.texts]
    starts_a = np.cumsum([0] + [len(u.texts) for u in split_a[:-1]])
    starts_b = np.cumsum([0] + [len(u.texts) for u in split_b[:-1]])
    units = _scores(_pool(texts_a, texts_b))
    scores, contained, shares, counterparts = (units.dense(name) for name in ("scores", "contained", "shares", "counterpart"))
    per_pair = lambda m: np.maximum.reduceat(np.maximum.reduceat(m, starts_a, axis=0), starts_b, axis=1)  # noqa: E731
    # Pairs of two one-unit sentences keep their whole-sentence evidence; a frame only takes its words' share away.
    split = (np.array([len(u.texts) > 1 for u in split_a])[:, None]) | np.array([len(u.texts) > 1 for u in split_b])
    framed = (np.array([bool(u.frame) for u in split_a])[:, None]) | np.array([bool(u.frame) for u in split_b])
    i, j = np.indices(split.shape)
    evidence = Evidence(i.ravel(), j.ravel(), split.shape, np.where(split, per_pair(scores), 0.0).ravel(),
                        (split & per_pair(contained)).ravel(), np.where(split | framed, per_pair(shares), True).ravel(),
                        (split & per_pair(counterparts)).ravel())
    return FactEvidence(texts_a, texts_b, starts_a, starts_b, scores, contained, evidence)


def fact_columns(pool: Pool, facts: FactEvidence | None, i: int, j: int, partial_threshold: float,
                 voices: tuple[frozenset[str], frozenset[str]], same_event: bool | None) -> dict:
    """`discrepancy`, `discrepancy_words` and `extra` of a linked pair.

    Discrepancies are read on the pair's best unit pair, so a clause only one
    side adds is an addition (`extra`), not a disagreement. A unit of one
    sentence that no unit of the other tells (score below the partial
    threshold, not inside it), or a number only one side gives, is extra.
    """
    x, y = pool.a[i], pool.b[j]
    uncovered_a = uncovered_b = False
    if facts is not None:
        ua = np.arange(facts.starts_a[i], facts.starts_a[i] + facts.counts_a[i])
        ub = np.arange(facts.starts_b[j], facts.starts_b[j] + facts.counts_b[j])
        if len(ua) > 1 or len(ub) > 1:
            block = facts.unit_scores[np.ix_(ua, ub)]
            told = (block >= partial_threshold) | facts.unit_contained[np.ix_(ua, ub)]
            uncovered_a, uncovered_b = not told.any(axis=1).all(), not told.any(axis=0).all()
            u, v = np.unravel_index(int(np.argmax(block)), block.shape)
            x, y = describe([facts.texts_a[ua[u]], facts.texts_b[ub[v]]])
    findings = discrepancy.compare(x, y, speakers=voices, speaker_counts=same_event is not False)
    numbers_a, numbers_b = discrepancy.numbers(x.text), discrepancy.numbers(y.text)
    kinds = {f.kind for f in findings}
    extra_a = uncovered_a or ("number" not in kinds and bool(numbers_a.keys() - numbers_b.keys()))
    extra_b = uncovered_b or ("number" not in kinds and bool(numbers_b.keys() - numbers_a.keys()))
    return {
        "discrepancy": discrepancy.kinds(findings),
        "discrepancy_words": discrepancy.details(findings),
        "extra": "both" if extra_a and extra_b else "a" if extra_a else "b" if extra_b else "",
    }


def candidates(pool: Pool) -> tuple[np.ndarray, np.ndarray]:
    """Pairs worth the full features: all of them for report-sized inputs, else top-k a row and a column.

    Pairs (i, j) come in row-major order. The cheap measure is TF-IDF cosine
    plus character ratio; rows and columns are ranked a block at a time in
    one reused buffer, since allocating n_a x n_b floats costs more than
    ranking them.
    """
    n_a, n_b = pool.n_a, pool.n_b
    if n_a * n_b <= ALL_PAIRS_BUDGET:
        i, j = np.indices((n_a, n_b))
        return i.ravel(), j.ravel()
    if n_a * n_b > CHEAP_ALL_PAIRS_BUDGET:
        return _rare_word_candidates(pool)
    ratio, cosine = pool.ratio(), pool.word_a @ pool.word_b.T
    best_b = _top_k(ratio, cosine.tocsr(), min(CANDIDATES_PER_SENTENCE, n_b))
    best_a = _top_k(np.ascontiguousarray(ratio.T), cosine.T.tocsr(), min(CANDIDATES_PER_SENTENCE, n_a))
    keys = np.concatenate([(np.arange(n_a)[:, None] * n_b + best_b).ravel(), (best_a * n_b + np.arange(n_b)[:, None]).ravel()])
    return np.divmod(np.unique(keys), n_b)


def _rare_word_candidates(pool: Pool) -> tuple[np.ndarray, np.ndarray]:
    """Candidates of very large documents: the top-k pairs a row and a column by the TF-IDF cosine over
    the words found in at most RARE_WORD_POSTINGS sentences of each report.

    The product over rare words has at most RARE_WORD_POSTINGS entries per word
    of A, so it grows linearly; ties go to the earlier sentence.
    """
    word_a, word_b = pool.word_a.tocsc(), pool.word_b.tocsc()
    rare = (np.diff(word_a.indptr) <= RARE_WORD_POSTINGS) & (np.diff(word_b.indptr) <= RARE_WORD_POSTINGS)
    cosine = (word_a[:, rare].tocsr() @ word_b[:, rare].T.tocsr()).tocoo()
    k = CANDIDATES_PER_SENTENCE
    keys = np.concatenate([_sparse_top_k(cosine.row, cosine.col, cosine.data, k),
                           _sparse_top_k(cosine.col, cosine.row, cosine.data, k)])
    keys = np.unique(cosine.row[keys].astype(np.int64) * pool.n_b + cosine.col[keys])
    return np.divmod(keys, pool.n_b)


def _sparse_top_k(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values of each row (by `rows`; among ties, the smaller `cols`)."""
    order = np.lexsort((cols, -values, rows))
    sorted_rows = rows[order]
    first = np.searchsorted(sorted_rows, sorted_rows, side="left")
    return order[np.arange(len(order)) - first < k]


def _top_k(ratio: np.ndarray, cosine: sparse.csr_matrix, k: int, block: int = 256) -> np.ndarray:
    """Per row, the columns of the k largest `cosine + ratio / 100` (numpy's argpartition picks among ties)."""
    n_rows, n_cols = ratio.shape
    out = np.empty((n_rows, k), dtype=np.intp)
    buffer = np.empty((min(block, n_rows), n_cols))
    for start in range(0, n_rows, block):
        rows = cosine[start : start + block]
        cheap = buffer[: rows.shape[0]]
        np.divide(ratio[start : start + block], 100.0, out=cheap)
        cheap[np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr)), rows.indices] += rows.data
        np.negative(cheap, out=cheap)
        out[start : start + rows.shape[0]] = np.argpartition(cheap, k - 1, axis=1)[:, :k]
    return out


def link(
    scores: np.ndarray, tier_a: np.ndarray, tier_b: np.ndarray, *, match_threshold: float, partial_threshold: float,
    contained: np.ndarray | None = None, room: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[int, int]]:
    """Aligned pairs (i, j), sorted: a one-to-one core plus strong one-to-many extras.

    The core is assigned in stages, headlines with headlines, ledes with
    ledes, then everything left. An extra link needs room on both sides and
    a strong pair (a match by score, or a lede pair at the partial threshold),
    or a pair where one sentence lies inside the other (`contained`) and one
    of the two has no counterpart yet: a sentence split in two. A sentence
    takes at most MAX_COUNTERPARTS counterparts, or as many as its fact units
    (`room`, per sentence of A and of B) when it has more.
    Only pairs at or above a threshold can be linked, so the work is done on
    those few pairs, not on the whole matrix.
    """
    i, j = np.nonzero(scores >= min(partial_threshold, match_threshold))
    inside = contained[i, j] if contained is not None else np.zeros(len(i), dtype=bool)
    return link_pairs(i, j, scores[i, j], scores.shape, tier_a, tier_b, match_threshold=match_threshold,
                      partial_threshold=partial_threshold, inside=inside, room=room)


def link_pairs(
    i: np.ndarray, j: np.ndarray, s: np.ndarray, shape: tuple[int, int], tier_a: np.ndarray, tier_b: np.ndarray, *,
    match_threshold: float, partial_threshold: float, inside: np.ndarray | None = None,
    room: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[int, int]]:
    """`link` for pairs listed as (i, j, score) in row-major order, every other pair unlinkable."""
    keep = s >= min(partial_threshold, match_threshold)
    i, j, s = i[keep], j[keep], s[keep]
    inside = inside[keep] if inside is not None else np.zeros(len(i), dtype=bool)
    used_a, used_b = np.zeros(shape[0], dtype=bool), np.zeros(shape[1], dtype=bool)
    core: list[tuple[int, int]] = []
    for stage_a, stage_b in [(tier_a == t, tier_b == t) for t in (0, 1)] + [(True, True)]:
        in_stage = (stage_a & ~used_a)[i] & (stage_b & ~used_b)[j]
        pairs = _assignment(i[in_stage], j[in_stage], s[in_stage], shape, partial_threshold)
        core += pairs
        used_a[[x for x, _ in pairs]] = True
        used_b[[y for _, y in pairs]] = True
    if room is None:
        room = np.ones(len(tier_a), dtype=int), np.ones(len(tier_b), dtype=int)
    cap = np.maximum(room[0], MAX_COUNTERPARTS), np.maximum(room[1], MAX_COUNTERPARTS)
    return sorted(set(core) | set(_extras(i, j, s, inside, core, tier_a, tier_b, match_threshold, partial_threshold, cap)))


def _extras(
    i: np.ndarray, j: np.ndarray, s: np.ndarray, inside: np.ndarray, core: list[tuple[int, int]], tier_a: np.ndarray,
    tier_b: np.ndarray, match_threshold: float, partial_threshold: float, cap: tuple[np.ndarray, np.ndarray],
) -> list[tuple[int, int]]:
    """Further counterparts, strongest first, while both sentences have room (`cap`, see `link`)."""
    count_a = np.bincount([x for x, _ in core], minlength=len(tier_a))
    count_b = np.bincount([y for _, y in core], minlength=len(tier_b))
    lede = (tier_a[i] < 2) & (tier_b[j] < 2)
    strong = s >= np.where(lede, partial_threshold, match_threshold)
    keep = strong | inside
    i, j, s, strong = i[keep], j[keep], s[keep], strong[keep]
    links, extras = set(core), []
    for k in np.lexsort((j, i, -s)).tolist():
        x, y = int(i[k]), int(j[k])
        if (x, y) in links or count_a[x] >= cap[0][x] or count_b[y] >= cap[1][y]:
            continue
        if strong[k] or count_a[x] == 0 or count_b[y] == 0:
            extras.append((x, y))
            count_a[x] += 1
            count_b[y] += 1
    return extras


def _assignment(i: np.ndarray, j: np.ndarray, value: np.ndarray, shape: tuple[int, int], floor: float) -> list[tuple[int, int]]:
    """Maximum-value one-to-one pairs among (i, j) at or above `floor`, solved per connected group.

    Pairs not listed count as 0 and are never returned, even at a floor of 0;
    (i, j) must list every pair at or above `floor` in row-major order.
    """
    keep = value >= floor
    i, j, value = i[keep], j[keep], value[keep]
    if len(i) == 0:
        return []
    n_a, n_b = shape
    graph = sparse.coo_matrix((np.ones(len(i)), (i, n_a + j)), shape=(n_a + n_b, n_a + n_b))
    _, labels = connected_components(graph, directed=False)
    group = labels[i]
    order = np.argsort(group, kind="stable")
    pairs = []
    for members in np.split(order, np.flatnonzero(np.diff(group[order])) + 1):
        if len(members) == 1:
            pairs.append((int(i[members[0]]), int(j[members[0]])))
            continue
        rows, cols = np.unique(i[members]), np.unique(j[members])
        if len(rows) * len(cols) > ASSIGNMENT_BUDGET:
            pairs += _greedy(i[members], j[members], value[members])
            continue
        from scipy.optimize import linear_sum_assignment  # here: importing scipy.optimize costs 0.2 s

        block, listed = np.zeros((len(rows), len(cols))), np.zeros((len(rows), len(cols)), dtype=bool)
        at = np.searchsorted(rows, i[members]), np.searchsorted(cols, j[members])
        block[at], listed[at] = value[members], True
        r, c = linear_sum_assignment(block, maximize=True)
        pairs += [(int(rows[x]), int(cols[y])) for x, y in zip(r, c) if listed[x, y] and block[x, y] >= floor]
    return sorted(pairs)


def _greedy(i: np.ndarray, j: np.ndarray, value: np.ndarray) -> list[tuple[int, int]]:
    """One-to-one pairs, strongest first (ties in row-major order): at least half the optimum's value."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for k in np.lexsort((j, i, -value)).tolist():
        x, y = int(i[k]), int(j[k])
        if x not in used_a and y not in used_b:
            used_a.add(x)
            used_b.add(y)
            pairs.append((x, y))
    return pairs


def _basis(score: float, lexical: float, match_threshold: float, partial_threshold: float, lede: bool,
           conflict: bool, contained: bool, whole: float | None = None, same_event: bool | None = None) -> tuple[str, str]:
    """The relation of a linked pair and the rule that decided it (shown to readers).

    `score` decides a match; the lede and containment rules read the lexical
    score (the same number unless the semantic scorer is on). `lexical` is
    the best of the whole sentences' score and their best fact units' score
    (`whole`): a match that only the units reach is decided by *shared fact*.
    A speaker difference demotes unless the reports are known to tell one
    event (`same_event`): then it is a misattribution of the same fact, kept
    and flagged in `discrepancy`, not another statement.
    """
    if conflict and same_event is not True:
        return "partial", "speakers differ"
    if score >= match_threshold:
        return "match", "shared fact" if whole is not None and whole < match_threshold and lexical > whole else "score"
    if lede and lexical >= partial_threshold:
        return "match", "lede pair"
    if contained and lexical < partial_threshold:
        return "partial", "contained"
    if lexical < partial_threshold:
        return "partial", "counterpart"
    return "partial", "score"


def _pair_row(a: Side, b: Side, pool: Pool, i: int, j: int, score: float, lexical: float, match_threshold: float,
              partial_threshold: float, lede: bool, contained: bool, voices: tuple[frozenset[str], frozenset[str]],
              *, whole: float | None = None, same_event: bool | None = None) -> dict:
    x, y = pool.a[i], pool.b[j]
    conflict = bool(voices[0]) and bool(voices[1]) and not voices[0] & voices[1]
    relation, basis = _basis(score, lexical, match_threshold, partial_threshold, lede, conflict, contained, whole,
                             same_event)
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
