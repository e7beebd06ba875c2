"""Behaviour of analysis.features: the pair features of two sentences."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.features import FEATURES, Pool


def feature(a: str, b: str, name: str) -> float:
    """One pair feature of sentence a against sentence b."""
    return float(Pool([a], [b]).pair_features(np.array([0]), np.array([0]))[0, FEATURES.index(name)])


# --- pair features ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, name, expected",
    [
        ("It cost 4 million.", "It cost 5 million.", "num_conflict", 1.0),
        ("It cost 4 million.", "It cost 4 million dollars.", "num_shared", 1.0),
        ("It cost 4 million.", "It cost a lot.", "num_one_side", 1.0),
        ("Smith said the plan works.", "Jones said the plan works.", "spk_conflict", 1.0),
        ("She said the plan works.", "Jones said the plan works.", "spk_conflict", 0.0),  # unknown, not a conflict
        ("Interior Minister Naqvi said the plan works.", "Naqvi said the plan works.", "spk_agree", 1.0),
        ("Pakistan signed the deal.", "India signed the deal.", "ent_conflict", 1.0),
        ("The United States signed the deal.", "The US signed the deal.", "ent_conflict", 0.0),
        ("The talks did not end.", "The talks ended.", "neg_mismatch", 1.0),
        ("The talks won’t end soon.", "The talks never end.", "neg_mismatch", 0.0),  # curly apostrophe, both negated
        ("The mayor opened the new bridge.", "The mayor has opened the bridge.", "content_edit", 0.75),  # one word dropped
        ("The mayor opened the bridge.", "The bridge was opened by the mayor.", "content_edit", pytest.approx(1 / 3)),
    ],
)
def test_pair_feature(a, b, name, expected):
    assert feature(a, b, name) == expected


def test_identical_sentences_score_one_on_every_similarity():
    text = "Mayor Linda Park said the new bridge would open in March."
    row = dict(zip(FEATURES, Pool([text], [text]).pair_features(np.array([0]), np.array([0]))[0]))
    for name in ("ratio", "token_sort", "token_set", "word_cos", "cover_min", "cover_max", "bigram", "token_lcs", "len_ratio",
                 "word_overlap", "content_bigram", "content_edit"):
        assert row[name] == pytest.approx(1.0), name
    assert row["char_cos"] == pytest.approx(1.0, abs=1e-6)  # float32 vectors
    assert row["ent_conflict"] == row["spk_conflict"] == row["num_conflict"] == 0.0


def test_word_overlap_is_taken_from_the_longer_sentence():
    short, long = "Police arrested two men.", "Police arrested two men and seized a car near the river."
    assert feature(short, long, "word_overlap") == pytest.approx(feature(long, short, "word_overlap"))
    assert 0.2 < feature(short, long, "word_overlap") < 0.7  # the added clause is what is missing


def test_a_frame_both_reports_repeat_weighs_little_in_word_overlap():
    """Sentences sharing only a frame share little rarity-weighted wording, whatever their word counts."""
    frame = "{} said the new equipment would enhance the capacity of the {}."
    a = [frame.format(s, t) for s, t in (("Naqvi", "police"), ("Baker", "airport staff"), ("Sharif", "coast guards"))]
    b = [frame.format(s, t) for s, t in (("Rubio", "navy"), ("Khan", "border force"), ("Ali", "customs"))]
    pool = Pool(a, b)
    frame_only = pool.pair_features(np.array([0]), np.array([0]))[0][FEATURES.index("word_overlap")]
    plain = Pool([a[0]], [b[0]]).pair_features(np.array([0]), np.array([0]))[0][FEATURES.index("word_overlap")]
    assert frame_only < plain  # in a pool that repeats the frame, the frame counts for less


def test_ratio_ahead_gives_the_same_matrix():
    a = ["The council approved the budget.", "Police arrested two men."]
    b = ["Two men were arrested by police.", "The budget was approved.", "It rained."]
    assert np.array_equal(Pool(a, b, ratio_ahead=True).ratio(), Pool(a, b).ratio())
