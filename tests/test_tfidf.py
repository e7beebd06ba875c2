"""analysis.tfidf gives scikit-learn's term matrices entry for entry, in storage order, on tricky texts."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analysis.tfidf import char_ngrams, term_counts, tfidf

TEXT_SETS = [
    ["the cat sat on the mat", "a dog ate the cat food", "zebra"],
    ["a", "ab abc abcd abcdef", ""],  # words shorter than an n-gram, an empty sentence
    ["ΣΑΣ σας  İstanbul\tistanbul", "naïve café ’quoted’ co-operate"],  # non-ASCII, tabs, repeated spaces
    ["same words same words same words", "words same"],  # repeats: counts and first-seen order
    # rows longer than tfidf.SHORT_ROW terms (their norms are summed another way) beside short ones
    [" ".join(f"w{k}q{k * 7 % 13}" for k in range(150)), "w1q7 w2q1 short", " ".join(f"v{k}" for k in range(64))],
]


def same_matrix(ours, theirs) -> bool:
    """Entry for entry, in storage order: sparse products add in that order."""
    return (
        type(ours) is type(theirs)
        and ours.shape == theirs.shape
        and all(np.array_equal(getattr(ours, f), getattr(theirs, f)) for f in ("indptr", "indices", "data"))
        and ours.data.dtype == theirs.data.dtype
    )


@pytest.mark.parametrize("texts", TEXT_SETS)
def test_character_tfidf_equals_scikit_learn(texts):
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    ours, _ = tfidf(term_counts([t.lower().split() for t in texts], char_ngrams, dtype=np.float32))
    assert same_matrix(ours, theirs)


@pytest.mark.parametrize("texts", TEXT_SETS)
def test_word_tfidf_and_counts_equal_scikit_learn(texts):
    docs = [t.split() for t in texts]
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True)
    theirs = vectorizer.fit_transform(docs)
    ours, idf = tfidf(term_counts(docs))
    assert same_matrix(ours, theirs) and np.array_equal(idf, vectorizer.idf_)
    assert same_matrix(term_counts(docs, dtype=np.int64), CountVectorizer(analyzer=lambda doc: doc).fit_transform(docs))


def test_a_pool_without_vocabulary_is_empty_not_an_error():
    matrix, idf = tfidf(term_counts([[], []]))
    assert matrix.shape == (2, 0) and idf.shape == (0,)
