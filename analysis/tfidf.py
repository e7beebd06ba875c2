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
from sklearn.feature_extraction.text import TfidfTransformer


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
    """Sublinear TF-IDF rows with unit length, and the IDF, as scikit-learn's TfidfVectorizer computes them.

    A pool without a single term (no sentences, or only function words) has no
    vocabulary; its rows are empty rather than an error.
    """
    if counts.shape[1] == 0:
        return counts.astype(np.float64), np.zeros(0)
    transformer = TfidfTransformer(sublinear_tf=True).fit(counts)
    return transformer.transform(counts, copy=False), transformer.idf_
