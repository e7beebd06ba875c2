"""TF-IDF term matrices, entry for entry as scikit-learn's vectorizers build them, faster.

Why this module exists: `analysis.features` weighs words and character n-grams
by their rarity over the pooled sentences of two reports, and the scorer was
fitted on exactly scikit-learn's numbers (`TfidfVectorizer`, sublinear TF).
The vectorizers cut every occurrence of a word again, which on long documents
was the largest cost after the pair scores; here each distinct word is cut
once, and the result is the same sparse matrix, down to the order of its
stored entries (tested against scikit-learn in `tests/test_tfidf.py`).
Used through `analysis.features` (and so `analysis.align`) by notebooks
02_alignment and 04_emphasis.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np
from scipy import sparse

#: See `_row_norms`.
SHORT_ROW = 64


def char_ngrams(word: str) -> list[str]:
    """Character 3- to 5-grams of one word padded with a space each side, cut as
    scikit-learn's `char_wb` analyzer cuts them (a word shorter than n gives itself once)."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(3, 6):
        grams += [padded[k : k + n] for k in range(max(len(padded) - n, 0) + 1)]
        if len(padded) <= n:
            break
    return grams


def _single(term: str) -> tuple[str]:
    return (term,)


def term_counts(
    docs: Sequence[Sequence[str]], terms_of: Callable[[str], Sequence[str]] = _single, dtype: type = np.float64
) -> sparse.csr_matrix:
    """Document-term counts laid out entry for entry as scikit-learn's CountVectorizer lays them out.

    Each document is a sequence of units; `terms_of(unit)` gives a unit's
    terms (by default the unit itself; for character n-grams, the n-grams of
    a word). Each distinct unit is expanded once, not at every occurrence:
    that is the speed-up over the vectorizer, which cuts every word again.
    Columns are the terms in sorted order; within a row, entries follow the
    order in which the pool first met each term, as scikit-learn leaves them.
    The layout matters because sparse products add in that order, and the
    features must not move by a rounding step from those the scorer was fitted on.
    """
    units: dict[str, int] = {}
    tokens = np.fromiter((units.setdefault(u, len(units)) for doc in docs for u in doc), dtype=np.int64)
    first_seen: dict[str, int] = {}
    unit_terms = [[first_seen.setdefault(t, len(first_seen)) for t in terms_of(u)] for u in units]
    sizes = np.array([len(terms) for terms in unit_terms], dtype=np.int64)
    flat = np.fromiter(chain.from_iterable(unit_terms), dtype=np.int64, count=int(sizes.sum()))
    cols = flat[_ranges(np.cumsum(sizes)[tokens] - sizes[tokens], sizes[tokens])]
    rows = np.repeat(np.repeat(np.arange(len(docs)), [len(doc) for doc in docs]), sizes[tokens])
    shape = (len(docs), len(first_seen))
    # Building from coordinates sums repeats and orders each row by first sight, as scikit-learn does.
    counts = sparse.csr_matrix((np.ones(len(cols), dtype=dtype), (rows, cols)), shape=shape)
    rank = np.empty(len(first_seen), dtype=counts.indices.dtype)
    rank[[first_seen[t] for t in sorted(first_seen)]] = np.arange(len(first_seen), dtype=rank.dtype)
    return sparse.csr_matrix((counts.data, rank[counts.indices], counts.indptr), shape=shape)


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The ranges starts[k] .. starts[k] + lengths[k] - 1, concatenated, without a Python loop."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(ends[-1] if len(ends) else 0)


def tfidf(counts: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sublinear TF-IDF rows with unit length, and the IDF, as scikit-learn's TfidfVectorizer computes them
    (its TfidfTransformer with sublinear_tf, smooth IDF and l2 norm), bit for bit; `counts` is overwritten.

    Why not the transformer itself: importing scikit-learn costs about 0.8 s (it loads scipy.stats), a
    third of a whole `align` of two short reports, for three array operations. `tests/test_tfidf.py` holds
    these against scikit-learn's. A pool without a single term (no sentences, or only function words) has
    no vocabulary; its rows are empty rather than an error.
    """
    if counts.shape[1] == 0:
        return counts.astype(np.float64), np.zeros(0)
    dtype = counts.dtype if counts.dtype in (np.float64, np.float32) else np.float64
    counts = counts if counts.dtype == dtype else counts.astype(dtype)
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1]).astype(dtype)
    document_frequency += 1.0
    idf = np.full_like(document_frequency, counts.shape[0] + 1, dtype=dtype)
    idf /= document_frequency
    np.log(idf, out=idf)
    idf += 1.0
    np.log(counts.data, out=counts.data)
    counts.data += 1.0
    counts.data *= idf[counts.indices]
    counts.data[:] = counts.data / np.repeat(_row_norms(counts.data, counts.indptr), np.diff(counts.indptr))
    return counts, idf


def _row_norms(data: np.ndarray, indptr: np.ndarray, short: int = SHORT_ROW) -> np.ndarray:
    """Each row's l2 norm (1 for an empty row), its squares added one by one in storage order in float64,
    as scikit-learn's `normalize` adds them (numpy's sums add pairwise, which rounds otherwise).

    Rows up to `short` entries are added a column at a time across rows; longer ones each by a running sum.
    """
    squares = (data * data).astype(np.float64)  # the square in the data's type, then added in double
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths))
    rows = np.flatnonzero(lengths <= short)
    rows = rows[np.argsort(-lengths[rows], kind="stable")]
    live = np.searchsorted(-lengths[rows], -np.arange(int(lengths[rows].max(initial=0))), side="left")
    for k, n in enumerate(live.tolist()):  # the n longest rows have an entry k
        sums[rows[:n]] += squares[indptr[rows[:n]] + k]
    for row in np.flatnonzero(lengths > short).tolist():
        sums[row] = np.cumsum(squares[indptr[row] : indptr[row + 1]])[-1]
    sums[sums == 0.0] = 1.0
    return np.sqrt(sums)
