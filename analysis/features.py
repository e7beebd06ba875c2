"""What two sentences share: words, entities, numbers, speakers, as pair features.

`analysis.align` scores sentence pairs with these features; `scripts/fit_scorer.py`
fits the weights that turn them into one calibrated score. One code path serves
both, so a pair is described the same way in training and in use.

Why these features: character similarity alone scores two sentences that share
a frame ("X said the new technology would enhance the capacity of Y") as high
as two that tell the same fact. So the features weigh content words by rarity
in the two reports (TF-IDF over the pooled sentences: words both reports repeat,
such as the country names of the story, count for little), and check that the
named entities, numbers and speakers agree. Measures borrowed from machine
translation metrics (n-gram precision as in BLEU, an edit similarity) tell a
paraphrase from a sentence of the same story with a clause more or less, and a
negation on one side only from agreement. Cheap measures are computed for
every pair as matrices; the rest only for the candidate pairs `align` asks for.
The term matrices come from `analysis.tfidf` (scikit-learn's numbers, faster).
Used through `analysis.align` by notebooks 02_alignment and 04_emphasis.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, Levenshtein
from scipy import sparse

from analysis.describe import SentenceInfo, describe, normalise, unmatched_entities
from analysis.tfidf import char_ngrams, term_counts, tfidf

#: Feature names, in the order of the columns of `Pool.pair_features`.
FEATURES = (
    "ratio",  # rapidfuzz ratio of the casefolded texts
    "token_sort",  # rapidfuzz token_sort_ratio
    "token_set",  # rapidfuzz token_set_ratio (100 when one word set contains the other)
    "word_cos",  # TF-IDF cosine of content-word stems
    "char_cos",  # TF-IDF cosine of character 3-5-grams
    "cover_min",  # rarity-weighted share of content words, smaller side
    "cover_max",  # ... larger side (one sentence inside the other)
    "bigram",  # shared word bigrams / bigrams of the shorter sentence
    "token_lcs",  # Indel similarity of the stem sequences (word order)
    "len_ratio",  # shorter / longer, in content words
    "ent_shared",  # named-entity words found in the other sentence / all entity words
    "ent_conflict",  # each side names an entity the other does not
    "num_shared",  # both give numbers and they are the same
    "num_conflict",  # both give numbers and they differ
    "num_one_side",  # only one side gives numbers
    "spk_agree",  # both speakers named and they share a word
    "spk_conflict",  # both speakers named and they share none
    "word_overlap",  # rarity-weighted words (function words too) found in the other, of the longer sentence
    "content_bigram",  # ... pairs of consecutive content words found in the other, of the longer sentence
    "content_edit",  # Levenshtein similarity of the content-word sequences
    "neg_mismatch",  # one sentence is negated ("not", "never", "n't" ...) and the other is not
)


def _bigrams(info: SentenceInfo) -> list[str]:
    return [f"{x} {y}" for x, y in zip(info.stems, info.stems[1:])]


def _all_pairs_ratio(a: list[str], b: list[str]) -> np.ndarray:
    return process.cdist(a, b, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)


def _rowwise_dot(x: sparse.csr_matrix, y: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Dot products of rows x[i[k]] and y[j[k]] for every k, without a dense matrix."""
    if len(i) == 0:
        return np.zeros(0)
    return np.asarray(x[i].multiply(y[j]).sum(axis=1), dtype=np.float64).ravel()


class Pool:
    """Two lists of sentences described against one shared vocabulary.

    Rarity (IDF) is measured over the pooled sentences of both reports, so the
    words every sentence of the story repeats weigh little and the specifics
    weigh much.
    """

    def __init__(self, a: list[str], b: list[str], *, ratio_ahead: bool = False) -> None:
        """`ratio_ahead`: start `ratio()` now on a background thread. It runs in
        C++ without the GIL, so it overlaps describing the sentences."""
        self.n_a, self.n_b = len(a), len(b)
        self._ratio: Future[np.ndarray] | None = None
        if ratio_ahead:
            executor = ThreadPoolExecutor(max_workers=1)
            self._ratio = executor.submit(_all_pairs_ratio, [normalise(t) for t in a], [normalise(t) for t in b])
            executor.shutdown(wait=False)  # its thread ends with the task
        infos = describe(list(a) + list(b))
        self.a, self.b = infos[: self.n_a], infos[self.n_a :]
        matrix, self.idf = tfidf(term_counts([info.terms for info in infos]))
        self.word_a, self.word_b = matrix[: self.n_a], matrix[self.n_a :]
        presence = matrix.copy()
        presence.data[:] = 1.0
        self.weighted = presence.multiply(self.idf).tocsr()
        self.mass = np.asarray(self.weighted.sum(axis=1)).ravel()
        self.presence = presence
        bigrams = term_counts([_bigrams(info) for info in infos], dtype=np.int64)
        bigrams.data[:] = 1  # presence, not count
        self.bigram_a, self.bigram_b = bigrams[: self.n_a], bigrams[self.n_a :]
        self.bigram_count = np.asarray(bigrams.sum(axis=1)).ravel()
        self.stem_counts, self.pair_counts, self.stem_weight, self.pair_weight = _wording_matrices(infos)
        self.stem_mass, self.pair_mass = self.stem_counts @ self.stem_weight, self.pair_counts @ self.pair_weight
        words = [info.norm.lower().split() for info in infos]
        char_matrix, _ = tfidf(term_counts(words, char_ngrams, dtype=np.float32))
        self.char_a, self.char_b = char_matrix[: self.n_a], char_matrix[self.n_a :]

    def word_cosine(self) -> np.ndarray:
        """TF-IDF cosine of every pair, dense (n_a, n_b), by one sparse product."""
        return (self.word_a @ self.word_b.T).toarray()

    def ratio(self) -> np.ndarray:
        """rapidfuzz ratio of every pair, dense uint8 (n_a, n_b), on all cores."""
        if self._ratio is not None:
            return self._ratio.result()
        return _all_pairs_ratio([x.norm for x in self.a], [x.norm for x in self.b])

    def pair_features(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Feature rows (len(i), len(FEATURES)) for the pairs (a[i[k]], b[j[k]])."""
        i = np.asarray(i, dtype=np.int64)
        j = np.asarray(j, dtype=np.int64)
        a_norm = [self.a[k].norm for k in i]
        b_norm = [self.b[k].norm for k in j]
        cols: dict[str, np.ndarray] = {}
        for name, scorer in (("ratio", fuzz.ratio), ("token_sort", fuzz.token_sort_ratio), ("token_set", fuzz.token_set_ratio)):
            cols[name] = process.cpdist(a_norm, b_norm, scorer=scorer, workers=-1) / 100.0 if len(i) else np.zeros(0)
        cols["word_cos"] = _rowwise_dot(self.word_a, self.word_b, i, j)
        cols["char_cos"] = _rowwise_dot(self.char_a, self.char_b, i, j)
        jb = j + self.n_a
        shared = _rowwise_dot(self.weighted, self.presence, i, jb)
        mass_a, mass_b = self.mass[i], self.mass[jb]
        cover_a = np.divide(shared, mass_a, out=np.zeros_like(shared), where=mass_a > 0)
        cover_b = np.divide(shared, mass_b, out=np.zeros_like(shared), where=mass_b > 0)
        cols["cover_min"] = np.minimum(cover_a, cover_b)
        cols["cover_max"] = np.maximum(cover_a, cover_b)
        shared_bigrams = _rowwise_dot(self.bigram_a, self.bigram_b, i, j).astype(np.float64)
        fewer = np.minimum(self.bigram_count[i], self.bigram_count[jb])
        cols["bigram"] = np.divide(shared_bigrams, fewer, out=np.zeros_like(shared_bigrams), where=fewer > 0)
        cols["word_overlap"], cols["content_bigram"] = self._wording(i, j)
        rows = [_symbolic(self.a[x], self.b[y]) for x, y in zip(i, j)]
        symbolic = np.array(rows, dtype=np.float64).reshape(len(i), len(_SYMBOLIC))
        for k, name in enumerate(_SYMBOLIC):
            cols[name] = symbolic[:, k]
        return np.column_stack([cols[name] for name in FEATURES]) if len(i) else np.zeros((0, len(FEATURES)))

    def _wording(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How much of the longer sentence's wording the other shares, rarity-weighted.

        Two sentences of one story that are not the same fact usually differ by
        a clause: the longer one has words, and runs of content words, that the
        other lacks (clipped n-gram precision as in BLEU, taken from the longer
        side). Function words count here, since a changed "not" or "by" can
        change the fact, but weighted by rarity in the pool like everything
        else, so a frame the reports repeat ("X said the new ... would enhance
        ...") adds little.
        """
        jb = j + self.n_a
        out = []
        for counts, weight, mass in ((self.stem_counts, self.stem_weight, self.stem_mass),
                                     (self.pair_counts, self.pair_weight, self.pair_mass)):
            shared = counts[i].minimum(counts[jb]) @ weight if len(i) else np.zeros(0)
            longer = np.maximum(mass[i], mass[jb])
            out.append(np.divide(shared, longer, out=np.zeros(len(i)), where=longer > 0))
        return out[0], out[1]


def _wording_matrices(infos: list[SentenceInfo]) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Counts of every stem (function words too) and of every pair of consecutive content stems, with weights.

    A stem weighs its smoothed IDF over the pool (scikit-learn's formula), a
    pair the sum of its two stems' weights.
    """
    stems = term_counts([info.stems for info in infos])
    document_frequency = np.bincount(stems.indices, minlength=stems.shape[1])
    stem_weight = np.log((1 + len(infos)) / (1 + document_frequency)) + 1.0
    # term_counts lays its columns out as the terms in sorted order; the weights follow that order.
    column = {s: k for k, s in enumerate(sorted({s for info in infos for s in info.stems}))}
    pair_terms = [[f"{x} {y}" for x, y in zip(info.content_order, info.content_order[1:])] for info in infos]
    pairs = term_counts(pair_terms)
    pair_columns = sorted({t for terms in pair_terms for t in terms})
    pair_weight = np.array([sum(stem_weight[column[s]] for s in term.split(" ")) for term in pair_columns])
    return stems, pairs, stem_weight, pair_weight


_SYMBOLIC = (
    "token_lcs",
    "len_ratio",
    "ent_shared",
    "ent_conflict",
    "num_shared",
    "num_conflict",
    "num_one_side",
    "spk_agree",
    "spk_conflict",
    "content_edit",
    "neg_mismatch",
)


def _symbolic(x: SentenceInfo, y: SentenceInfo) -> tuple[float, ...]:
    """The per-pair features that compare sets rather than vectors."""
    lcs = Indel.normalized_similarity(x.stems, y.stems)
    nx, ny = len(x.content), len(y.content)
    len_ratio = min(nx, ny) / max(nx, ny) if max(nx, ny) else 1.0
    ent_total = len(x.entity_stems) + len(y.entity_stems)
    found = len(x.entity_stems & y.words) + len(y.entity_stems & x.words)
    ent_shared = found / ent_total if ent_total else 1.0
    ent_conflict = float(bool(unmatched_entities(x, y)) and bool(unmatched_entities(y, x)))
    both_numbers = bool(x.numbers) and bool(y.numbers)
    num_shared = float(both_numbers and x.numbers == y.numbers)
    num_conflict = float(both_numbers and x.numbers != y.numbers)
    num_one_side = float(bool(x.numbers) != bool(y.numbers))
    both_speakers = bool(x.speaker) and bool(y.speaker)
    spk_agree = float(both_speakers and bool(x.speaker & y.speaker))
    spk_conflict = float(both_speakers and not x.speaker & y.speaker)
    return (lcs, len_ratio, ent_shared, ent_conflict, num_shared, num_conflict, num_one_side, spk_agree, spk_conflict,
            Levenshtein.normalized_similarity(x.content_order, y.content_order),
            float(x.negated != y.negated))
