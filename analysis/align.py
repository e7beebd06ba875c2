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
  measures) get the full features; other pairs score 0, a lower bound.
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
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from analysis import semantic as semantic_scorer
from analysis.describe import SentenceInfo, is_content, unmatched_entities
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
#: The value of a pair that must never be linked, below any threshold (thresholds lie in [0, 1]).
NOT_LINKABLE = -1.0
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
    "conflicting_numbers", "speaker_conflict", "diff",
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
    return _scores(_pool(side_of(a).texts, side_of(b).texts)).scores


def align(
    a: Report,
    b: Report,
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
) -> pd.DataFrame:
    """One row per aligned pair (match | partial) or left-over sentence (a_only | b_only).

    Rows follow A's reading order, then B's; b_only rows come last, in B's order.
    `match_threshold` defaults to SEMANTIC_MATCH_THRESHOLD when the semantic
    scorer is on (`semantic`: None = when installed, see `analysis.semantic`;
    it adds the columns `lexical_score` and `semantic_score`, and `score` is
    then their mean), else MATCH_THRESHOLD.
    """
    return align_sides(side_of(a), side_of(b), match_threshold=match_threshold, partial_threshold=partial_threshold,
                       semantic=semantic)


def align_texts(
    a: list[str],
    b: list[str],
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
) -> pd.DataFrame:
    """`align` for plain lists of sentences (ids a001... and b001..., role body)."""
    return align_sides(side_of_texts(a, "a"), side_of_texts(b, "b"), match_threshold=match_threshold,
                       partial_threshold=partial_threshold, semantic=semantic)


def align_sides(
    a: Side,
    b: Side,
    *,
    match_threshold: float | None = None,
    partial_threshold: float = PARTIAL_THRESHOLD,
    semantic: bool | None = None,
) -> pd.DataFrame:
    """The one code path behind `align` and `align_texts`."""
    semantic = semantic_scorer.resolve(semantic)
    if match_threshold is None:
        match_threshold = SEMANTIC_MATCH_THRESHOLD if semantic else MATCH_THRESHOLD
    if not 0 <= partial_threshold <= match_threshold <= 1:
        raise ValueError("thresholds must satisfy 0 <= partial_threshold <= match_threshold <= 1")
    pool = _pool(a.texts, b.texts)
    evidence = _scores(pool)
    lexical, contained = evidence.scores, evidence.contained
    open_pairs = evidence.shares & (contained | evidence.counterpart | (lexical >= partial_threshold))
    proposed = semantic_scorer.proposals(a.texts, b.texts, open_pairs) if semantic else np.zeros_like(open_pairs)
    learned = _semantic_scores(a.texts, b.texts, open_pairs | proposed) if semantic else None
    proposed &= np.nan_to_num(learned if learned is not None else 0.0) >= semantic_scorer.PARAPHRASE
    open_pairs = open_pairs | proposed
    scores = lexical if learned is None else np.where(open_pairs, (lexical + learned) / 2, lexical)
    tier_a, tier_b = np.asarray(a.tiers, dtype=int), np.asarray(b.tiers, dtype=int)
    linkable = np.where(open_pairs, np.maximum(scores, partial_threshold), NOT_LINKABLE)
    links = link(linkable, tier_a, tier_b, match_threshold=match_threshold, partial_threshold=partial_threshold,
                 contained=contained)
    speakers_a, speakers_b = speakers(a, pool.a), speakers(b, pool.b)
    rows = [
        _pair_row(a, b, pool, i, j, scores[i, j], lexical[i, j], match_threshold, partial_threshold,
                  tier_a[i] < 2 and tier_b[j] < 2, contained[i, j], (speakers_a[i], speakers_b[j]))
        | ({} if learned is None else {"lexical_score": round(float(lexical[i, j]), 4),
                                       "semantic_score": round(float(learned[i, j]), 4)})
        | ({"basis": semantic_scorer.BASIS} if proposed[i, j] and scores[i, j] < match_threshold else {})
        for i, j in links
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


def _semantic_scores(a: list[str], b: list[str], pairs: np.ndarray) -> np.ndarray:
    """The cross-encoder's probability for the pairs marked in `pairs` (NaN elsewhere).

    Only those pairs are read: a transformer is slow, and only they can be linked.
    """
    out = np.full(pairs.shape, np.nan)
    i, j = np.nonzero(pairs)
    if len(i):
        out[i, j] = semantic_scorer.pair_probabilities([a[k] for k in i], [b[k] for k in j])
    return out


def _pool(a: list[str], b: list[str]) -> Pool:
    """The pool of both reports; when only candidates will be scored, their cheap measure starts at once."""
    return Pool(a, b, ratio_ahead=len(a) * len(b) > ALL_PAIRS_BUDGET)


@dataclass
class Evidence:
    """Per pair (dense, non-candidates keep 0 / False): the calibrated score, and the three facts
    besides it that decide whether a pair can be linked at all."""

    scores: np.ndarray
    contained: np.ndarray  # one sentence lies inside the other
    shares: np.ndarray  # at least one content word in common
    counterpart: np.ndarray  # the counterpart model says the two correspond


def _scores(pool: Pool) -> Evidence:
    """The evidence of every candidate pair, from one feature matrix."""
    shape = (pool.n_a, pool.n_b)
    out = Evidence(np.zeros(shape), np.zeros(shape, bool), np.zeros(shape, bool), np.zeros(shape, bool))
    if pool.n_a == 0 or pool.n_b == 0:
        return out
    i, j = candidates(pool)
    features = pool.pair_features(i, j)
    out.scores[i, j] = calibrated(features)
    cover = features[:, FEATURES.index("cover_max")]
    words = np.minimum([len(pool.a[k].content) for k in i], [len(pool.b[k].content) for k in j])
    out.contained[i, j] = (cover >= CONTAINED) & (words >= CONTAINED_MIN_WORDS)
    out.shares[i, j] = cover > 0
    out.counterpart[i, j] = counterpart(features) >= COUNTERPART_THRESHOLD
    return out


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
    ratio, cosine = pool.ratio(), pool.word_a @ pool.word_b.T
    best_b = _top_k(ratio, cosine.tocsr(), min(CANDIDATES_PER_SENTENCE, n_b))
    best_a = _top_k(np.ascontiguousarray(ratio.T), cosine.T.tocsr(), min(CANDIDATES_PER_SENTENCE, n_a))
    keys = np.concatenate([(np.arange(n_a)[:, None] * n_b + best_b).ravel(), (best_a * n_b + np.arange(n_b)[:, None]).ravel()])
    return np.divmod(np.unique(keys), n_b)


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
    contained: np.ndarray | None = None,
) -> list[tuple[int, int]]:
    """Aligned pairs (i, j), sorted: a one-to-one core plus strong one-to-many extras.

    The core is assigned in stages, headlines with headlines, ledes with
    ledes, then everything left. An extra link needs room on both sides and
    a strong pair (a match by score, or a lede pair at the partial threshold),
    or a pair where one sentence lies inside the other (`contained`) and one
    of the two has no counterpart yet: a sentence split in two.
    Only pairs at or above a threshold can be linked, so the work is done on
    those few pairs, not on the whole matrix.
    """
    i, j = np.nonzero(scores >= min(partial_threshold, match_threshold))
    s = scores[i, j]
    used_a, used_b = np.zeros(scores.shape[0], dtype=bool), np.zeros(scores.shape[1], dtype=bool)
    core: list[tuple[int, int]] = []
    for stage_a, stage_b in [(tier_a == t, tier_b == t) for t in (0, 1)] + [(True, True)]:
        in_stage = (stage_a & ~used_a)[i] & (stage_b & ~used_b)[j]
        pairs = _assignment(i[in_stage], j[in_stage], s[in_stage], scores.shape, partial_threshold)
        core += pairs
        used_a[[x for x, _ in pairs]] = True
        used_b[[y for _, y in pairs]] = True
    inside = contained[i, j] if contained is not None else np.zeros(len(i), dtype=bool)
    return sorted(set(core) | set(_extras(i, j, s, inside, core, tier_a, tier_b, match_threshold, partial_threshold)))


def _extras(
    i: np.ndarray, j: np.ndarray, s: np.ndarray, inside: np.ndarray, core: list[tuple[int, int]], tier_a: np.ndarray,
    tier_b: np.ndarray, match_threshold: float, partial_threshold: float,
) -> list[tuple[int, int]]:
    """Second counterparts, strongest first, while both sentences have room (see `link`)."""
    count_a = np.bincount([x for x, _ in core], minlength=len(tier_a))
    count_b = np.bincount([y for _, y in core], minlength=len(tier_b))
    lede = (tier_a[i] < 2) & (tier_b[j] < 2)
    strong = s >= np.where(lede, partial_threshold, match_threshold)
    keep = strong | inside
    i, j, s, strong = i[keep], j[keep], s[keep], strong[keep]
    links, extras = set(core), []
    for k in np.lexsort((j, i, -s)).tolist():
        x, y = int(i[k]), int(j[k])
        if (x, y) in links or count_a[x] >= MAX_COUNTERPARTS or count_b[y] >= MAX_COUNTERPARTS:
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
        block, listed = np.zeros((len(rows), len(cols))), np.zeros((len(rows), len(cols)), dtype=bool)
        at = np.searchsorted(rows, i[members]), np.searchsorted(cols, j[members])
        block[at], listed[at] = value[members], True
        r, c = linear_sum_assignment(block, maximize=True)
        pairs += [(int(rows[x]), int(cols[y])) for x, y in zip(r, c) if listed[x, y] and block[x, y] >= floor]
    return sorted(pairs)


def _basis(score: float, lexical: float, match_threshold: float, partial_threshold: float, lede: bool,
           conflict: bool, contained: bool) -> tuple[str, str]:
    """The relation of a linked pair and the rule that decided it (shown to readers).

    `score` decides a match; the lede and containment rules read the lexical
    score (the same number unless the semantic scorer is on).
    """
    if conflict:
        return "partial", "speakers differ"
    if score >= match_threshold:
        return "match", "score"
    if lede and lexical >= partial_threshold:
        return "match", "lede pair"
    if contained and lexical < partial_threshold:
        return "partial", "contained"
    if lexical < partial_threshold:
        return "partial", "counterpart"
    return "partial", "score"


def _pair_row(a: Side, b: Side, pool: Pool, i: int, j: int, score: float, lexical: float, match_threshold: float,
              partial_threshold: float, lede: bool, contained: bool, voices: tuple[frozenset[str], frozenset[str]]) -> dict:
    x, y = pool.a[i], pool.b[j]
    conflict = bool(voices[0]) and bool(voices[1]) and not voices[0] & voices[1]
    relation, basis = _basis(score, lexical, match_threshold, partial_threshold, lede, conflict, contained)
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
