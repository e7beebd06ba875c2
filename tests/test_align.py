"""Behaviour of analysis.align on small reports written for the purpose, on long generated ones, and on the seeds."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linear_sum_assignment

from analysis import align as align_module
from analysis.align import (
    ALL_PAIRS_BUDGET,
    CANDIDATES_PER_SENTENCE,
    COLUMNS,
    PARTIAL_THRESHOLD,
    _pool,
    _scores,
    align,
    align_texts,
    candidates,
    link,
    score_matrix,
    side_of,
    word_diff,
)
from analysis.describe import describe
from analysis.features import Pool
from analysis.paths import SEEDS
from analysis.sources import parse_report, read_report

FACTS = [
    "The city council approved a budget of 4.2 million dollars for road repairs on Monday.",
    "Mayor Linda Park said the new bridge over the Elm River would open in March.",
    "Police arrested two men after a robbery at the Central Station jewellery shop.",
    "The school board voted to extend the summer holidays by one week.",
]
PARAPHRASES = [
    "On Monday the city council approved a 4.2 million dollar budget for repairing roads.",
    "The new bridge over the Elm River will open in March, Mayor Linda Park said.",
    "Two men were arrested by police after a robbery at the jewellery shop in Central Station.",
    "The school board has voted to extend the summer holidays by a week.",
]


def report(headline: str, *paragraphs: str) -> str:
    return "\n\n".join([headline, *paragraphs])


def pairs(table: pd.DataFrame, relation: str) -> set[tuple[str, str]]:
    rows = table[table.relation == relation]
    return set(zip(rows.a_id, rows.b_id))


def test_columns_and_empty_b_fields_for_a_only():
    table = align_texts(FACTS[:1], ["Completely unrelated: the orchestra played Mahler in Vienna last night."])
    assert list(table.columns) == list(COLUMNS)
    assert table.relation.tolist() == ["a_only", "b_only"]
    assert table.loc[0, "b_id"] == "" and table.loc[0, "b_text"] == ""


def test_reordering_is_aligned():
    table = align_texts(FACTS, PARAPHRASES[::-1])
    assert pairs(table, "match") == {("a001", "b004"), ("a002", "b003"), ("a003", "b002"), ("a004", "b001")}


def test_rows_follow_a_reading_order_then_b():
    table = align_texts(FACTS, PARAPHRASES[::-1] + ["An unrelated line about chess openings and grandmasters."])
    a_rows = table[table.a_id != ""]
    assert a_rows.a_id.tolist() == sorted(a_rows.a_id)
    assert table.relation.iloc[-1] == "b_only"


def test_identical_reports_match_one_to_one():
    table = align_texts(FACTS, FACTS)
    assert pairs(table, "match") == {(f"a{k:03d}", f"b{k:03d}") for k in range(1, 5)}
    assert set(table.relation) == {"match"}
    assert (table.score > 0.9).all()


def test_disjoint_reports_leave_everything_unaligned():
    other = [
        "The orchestra played Mahler's fifth symphony to a full hall in Vienna.",
        "Astronomers reported a new comet visible from the southern hemisphere.",
    ]
    table = align_texts(FACTS, other)
    assert set(table.relation) == {"a_only", "b_only"}
    assert len(table) == len(FACTS) + len(other)


def test_one_sentence_reports():
    table = align_texts(FACTS[1:2], PARAPHRASES[1:2])
    assert table.relation.tolist() == ["match"]


def test_one_to_many_split_sentence():
    merged = "Mayor Linda Park said the new bridge over the Elm River would open in March and would cost 12 million dollars."
    split = [
        "Mayor Linda Park said the new bridge over the Elm River would open in March.",
        "Mayor Linda Park said the new bridge over the Elm River would cost 12 million dollars.",
    ]
    table = align_texts([merged], split)
    linked = table[table.relation.isin(["match", "partial"])]
    assert set(linked.b_id) == {"b001", "b002"}
    assert (linked.relation == "match").any()


@pytest.mark.parametrize(
    "a, b",
    [
        (  # same frame, different speaker and different agency
            "Smith said the new scanners would greatly improve the capacity of the Customs Service.",
            "Jones said the new scanners would greatly improve the capacity of the Coast Guard.",
        ),
        (  # same frame, different named speaker, the rest word for word
            "Minister Ali Khan said the programme would create thousands of jobs.",
            "Opposition leader Sara Malik said the programme would create thousands of jobs.",
        ),
    ],
)
def test_false_friends_are_never_match(a, b):
    table = align_texts([a], [b])
    assert "match" not in set(table.relation)


def test_a_partial_threshold_of_zero_still_links_only_pairs_with_evidence():
    table = align_texts(FACTS[:2], ["Astronomers reported a new comet visible from the southern hemisphere.",
                                    PARAPHRASES[1]], partial_threshold=0.0)
    assert pairs(table, "match") | pairs(table, "partial") == {("a002", "b002")}


def test_a_pair_sharing_no_content_word_is_never_linked():
    """Function words and spelling alone are no evidence of overlap, whatever the score."""
    a = ["It is what they have said about it all along, and they will say it again."]
    b = ["It is not what we had hoped for, and we will not have it again."]
    table = align_texts(a, b)
    assert set(table.relation) == {"a_only", "b_only"}


def test_pronoun_speaker_is_unknown_not_a_conflict():
    info = describe(["She said the plan would work.", "Mayor Linda Park said the plan would work."])
    assert info[0].speaker == frozenset()
    assert info[1].speaker


@pytest.mark.parametrize(
    ("opening", "resolved"),
    [("She said", True), ("She also told reporters", True), ("“She said", False), ("Later she said", False)],
)
def test_in_a_report_he_or_she_continues_the_speaker_before(opening, resolved):
    """The seeds' false friend in small: a frame said by someone else is not the same fact."""
    said = "the new scanners would greatly improve the capacity of the border police."
    a = parse_report(report("Envoy meets minister", "Ambassador Jane Doe said the visit to Berlin had gone well.",
                            f"{opening} {said}"))
    b = parse_report(report("Minister meets envoy", "Minister John Roe said the visit to Berlin had gone well.",
                            f"Roe said {said}"))
    row = align(a, b).set_index(["a_id", "b_id"]).loc[("s003", "s003")]
    assert (row.basis == "speakers differ") == resolved
    # The same sentences as a plain list are not a narrative: "she" stays unknown.
    plain = align_texts([x.text for x in a.sentences[1:]],
                        [x.text for x in b.sentences[1:]]).set_index(["a_id", "b_id"])
    assert plain.loc[("a002", "b002"), "basis"] == "score"


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("met the Acting US Ambassador Natalie Baker", "met the US Chargé d’Affaires Natalie Baker",
         "the [-Acting US Ambassador-]{+US Chargé d’Affaires+} Natalie Baker"),
        ("a b c", "a b c", "a b c"),
        ("one two", "", "[-one two-]"),
    ],
)
def test_word_diff(a, b, expected):
    assert expected in word_diff(a.split(), b.split())


def test_parse_report_roles_are_carried():
    a = parse_report(report("Council approves road budget", FACTS[0] + " " + FACTS[3]))
    b = parse_report(report("Road budget approved by council", PARAPHRASES[0], PARAPHRASES[3]))
    table = align(a, b)
    assert ("s001", "s001") in pairs(table, "match") | pairs(table, "partial")
    assert table.loc[0, "a_role"] == "headline"
    assert score_matrix(a, b).shape == (len(a.sentences), len(b.sentences))


@pytest.mark.parametrize(
    ("paragraphs", "lede"),
    [
        (("One. Two. Three.", "Four."), {"s002", "s003", "s004"}),  # the whole first paragraph
        (("One.", "Two. Three."), {"s002", "s003"}),  # one-sentence paragraphs: the first two sentences
    ],
)
def test_the_lede_is_the_first_paragraph_or_the_first_two_sentences(paragraphs, lede):
    side = side_of(parse_report(report("A headline about a council", *paragraphs)))
    assert side.tiers[0] == 0
    assert {i for i, t in zip(side.ids, side.tiers) if t == 1} == lede


def test_deterministic():
    first = align_texts(FACTS, PARAPHRASES[::-1])
    second = align_texts(FACTS, PARAPHRASES[::-1])
    pd.testing.assert_frame_equal(first, second)


def test_scores_are_probabilities():
    m = score_matrix(parse_report(report(FACTS[0], FACTS[1])), parse_report(report(PARAPHRASES[0], PARAPHRASES[1])))
    assert np.all((m >= 0) & (m <= 1))


@pytest.mark.parametrize(
    "a, b, relations",
    [
        ([], [], []),
        (FACTS[:1], [], ["a_only"]),  # a report with nothing left after cleaning
        ([], FACTS[:1], ["b_only"]),
        (["The."], ["It is."], ["a_only", "b_only"]),  # function words only: no vocabulary at all
    ],
)
def test_degenerate_reports_align_without_error(a, b, relations):
    assert align_texts(a, b).relation.tolist() == relations


# --- linking ----------------------------------------------------------------------------------

BODY = np.array([2, 2])
LEDE_FIRST = np.array([1, 2])


@pytest.mark.parametrize(
    "scores, tier_a, tier_b, expected",
    [
        ([[0.35, 0.3], [0.32, 0.01]], BODY, BODY, [(0, 1), (1, 0)]),  # the best total, not greedy (0, 0) first
        ([[0.9, 0.8], [0.85, 0.1]], BODY, BODY, [(0, 0), (0, 1), (1, 0)]),  # and a strong pair left over is an extra
        ([[0.9, 0.7]], BODY[:1], BODY, [(0, 0), (0, 1)]),  # a sentence split in two: both strong
        ([[0.9, 0.3]], BODY[:1], BODY, [(0, 0)]),  # a weak second counterpart is not linked
        ([[0.9, 0.8, 0.7]], BODY[:1], np.array([2, 2, 2]), [(0, 0), (0, 1)]),  # at most two counterparts
        ([[0.05]], BODY[:1], BODY[:1], []),  # below the partial threshold
        ([[0.3, 0.35], [0.36, 0.2]], BODY, BODY, [(0, 1), (1, 0)]),
        ([[0.3, 0.35], [0.36, 0.2]], LEDE_FIRST, LEDE_FIRST, [(0, 0), (1, 1)]),  # ledes are paired first
    ],
)
def test_link(scores, tier_a, tier_b, expected):
    assert link(np.array(scores), tier_a, tier_b, match_threshold=0.39, partial_threshold=0.12) == expected


@pytest.mark.parametrize(
    "scores, inside, expected",
    [
        ([[0.9, 0.3]], [[False, True]], [(0, 0), (0, 1)]),  # the other half of a split sentence: inside, unused
        ([[0.9, 0.3], [0.1, 0.8]], [[False, True], [False, False]], [(0, 0), (1, 1)]),  # b1 has a counterpart already
    ],
)
def test_a_contained_sentence_without_counterpart_is_an_extra(scores, inside, expected):
    links = link(np.array(scores), BODY[: len(scores)], BODY, match_threshold=0.39, partial_threshold=0.12,
                 contained=np.array(inside))
    assert links == expected


@pytest.mark.parametrize("seed", range(5))
def test_link_core_is_the_best_assignment_and_counterparts_are_capped(seed):
    rng = np.random.default_rng(seed)
    scores = np.where(rng.random((30, 25)) < 0.2, rng.random((30, 25)), 0.0)
    tiers_a, tiers_b = np.full(30, 2), np.full(25, 2)
    links = link(scores, tiers_a, tiers_b, match_threshold=0.39, partial_threshold=0.12)
    floored = np.where(scores >= 0.12, scores, 0.0)
    r, c = linear_sum_assignment(floored, maximize=True)
    core = [(i, j) for i, j in links if (i, j) in set(zip(r.tolist(), c.tolist()))]
    assert sum(scores[p] for p in core) == pytest.approx(floored[r, c].sum())
    assert all(scores[p] >= 0.12 for p in links)
    assert max(np.bincount([i for i, _ in links]).max(), np.bincount([j for _, j in links]).max()) <= 2


# --- long documents: only candidate pairs are scored ------------------------------------------

CITIES = ["Lahore", "Karachi", "Quetta", "Multan", "Peshawar", "Sialkot", "Gwadar"]
THINGS = ["schools", "clinics", "bridges", "wells", "roads", "parks"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def long_reports(n: int) -> tuple[list[str], list[str], list[int]]:
    """n near-identical facts told twice, B reworded and shuffled: the hard case for picking candidates.

    Returns A, B and, for each sentence of A, the index of its counterpart in B.
    """
    facts = [(CITIES[k % 7], THINGS[(k // 7) % 6], DAYS[(k // 42) % 5], 10 + k) for k in range(n)]
    a = [f"The {c} council approved {n} new {t} on {d}." for c, t, d, n in facts]
    b = [f"On {d}, {n} new {t} were approved by the council of {c}." for c, t, d, n in facts]
    order = list(range(n))
    random.Random(0).shuffle(order)
    position = {k: p for p, k in enumerate(order)}
    return a, [b[k] for k in order], [position[k] for k in range(n)]


def test_long_reports_above_the_all_pairs_budget_still_align():
    a, b, truth = long_reports(210)
    assert len(a) * len(b) > ALL_PAIRS_BUDGET
    table = align_texts(a, b)
    assert pairs(table, "match") == {(f"a{k + 1:03d}", f"b{j + 1:03d}") for k, j in enumerate(truth)}


def test_candidates_are_the_top_pairs_of_every_row_and_column():
    a, b, _ = long_reports(230)
    pool = Pool(a, b[:200])
    i, j = candidates(pool)
    cheap = pool.word_cosine() + pool.ratio() / 100.0  # the definition, on the whole dense matrix
    k = CANDIDATES_PER_SENTENCE
    keep = np.zeros(cheap.shape, dtype=bool)
    keep[np.arange(cheap.shape[0])[:, None], np.argpartition(-cheap, k - 1, axis=1)[:, :k]] = True
    keep[np.argpartition(-cheap, k - 1, axis=0)[:k, :], np.arange(cheap.shape[1])[None, :]] = True
    expected_i, expected_j = np.nonzero(keep)
    assert np.array_equal(i, expected_i) and np.array_equal(j, expected_j)


def _dense_top_pairs(values: np.ndarray, k: int) -> set[tuple[int, int]]:
    """The definition: the k largest nonzero values of every row and of every column (ties to the smaller index)."""
    keep = set()
    for matrix, flip in ((values, False), (values.T, True)):
        for r, row in enumerate(matrix):
            order = sorted((c for c in np.flatnonzero(row)), key=lambda c: (-row[c], c))[:k]
            keep |= {(c, r) if flip else (r, c) for c in order}
    return keep


def test_book_length_candidates_are_the_top_pairs_by_shared_rare_words(monkeypatch):
    monkeypatch.setattr(align_module, "ALL_PAIRS_BUDGET", 0)
    monkeypatch.setattr(align_module, "CHEAP_ALL_PAIRS_BUDGET", 0)
    monkeypatch.setattr(align_module, "RARE_WORD_POSTINGS", 20)
    a, b, _ = long_reports(120)
    pool = Pool(a, b[:100])
    i, j = candidates(pool)
    ia, ib = np.diff(pool.word_a.tocsc().indptr), np.diff(pool.word_b.tocsc().indptr)
    rare = (ia <= 20) & (ib <= 20)
    cosine = (pool.word_a[:, rare] @ pool.word_b[:, rare].T).toarray()
    assert set(zip(i.tolist(), j.tolist())) == _dense_top_pairs(cosine, CANDIDATES_PER_SENTENCE)
    assert np.all(np.diff(i.astype(np.int64) * pool.n_b + j) > 0)  # row-major, each pair once


def test_book_length_reports_align_by_shared_rare_words(monkeypatch):
    monkeypatch.setattr(align_module, "CHEAP_ALL_PAIRS_BUDGET", 0)
    a, b, truth = long_reports(210)
    table = align_texts(a, b)
    assert pairs(table, "match") == {(f"a{k + 1:03d}", f"b{j + 1:03d}") for k, j in enumerate(truth)}


@pytest.mark.parametrize("seed", range(5))
def test_a_very_large_group_is_assigned_greedily_one_to_one(monkeypatch, seed):
    monkeypatch.setattr(align_module, "ASSIGNMENT_BUDGET", 0)
    rng = np.random.default_rng(seed)
    scores = np.where(rng.random((30, 25)) < 0.2, rng.random((30, 25)), 0.0)
    tiers_a, tiers_b = np.full(30, 2), np.full(25, 2)
    greedy = align_module._assignment(*np.nonzero(scores), scores[np.nonzero(scores)], scores.shape, 0.12)
    floored = np.where(scores >= 0.12, scores, 0.0)
    r, c = linear_sum_assignment(floored, maximize=True)
    assert len({x for x, _ in greedy}) == len({y for _, y in greedy}) == len(greedy)
    assert all(scores[p] >= 0.12 for p in greedy)
    assert sum(scores[p] for p in greedy) >= floored[r, c].sum() / 2
    best = np.unravel_index(np.argmax(scores), scores.shape)
    assert (int(best[0]), int(best[1])) in greedy
    links = link(scores, tiers_a, tiers_b, match_threshold=0.39, partial_threshold=0.12)
    assert max(np.bincount([i for i, _ in links]).max(), np.bincount([j for _, j in links]).max()) <= 2


# --- the seeds -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    a, b = read_report(SEEDS / "000_d484b0bbc5c06899.txt"), read_report(SEEDS / "003_5207cdf50054b922.txt")
    return a, b, align(a, b)


def _id(report, prefix: str) -> str:
    return next(s.id for s in report.sentences if s.text.startswith(prefix))


def test_seed_headlines_and_leads_match(seeds):
    a, b, table = seeds
    matches = pairs(table, "match")
    assert (_id(a, "Pakistan, US Agree"), _id(b, "Pakistan, US agree")) in matches
    a_lead = _id(a, "Pakistan and the United States on Saturday")
    b_lead = _id(b, "Pakistan and the United States on Saturday")
    assert (a_lead, b_lead) in matches
    standfirst = _id(a, "Pakistan and the US agreed")
    b_first_two = [s.id for s in b.sentences if s.role == "body"][:2]
    for x in (standfirst, a_lead):  # A's lead: its standfirst and first body sentence
        assert any(x == m and y in b_first_two for m, y in matches), x


def test_seed_false_friend_is_not_match(seeds):
    a, b, table = seeds
    pair = (_id(a, "She said the technological upgrades"), _id(b, "Interior Minister Naqvi said the induction"))
    assert pair not in pairs(table, "match")


@pytest.mark.parametrize(
    "side, prefix",
    [
        ("a", "In September, Prime Minister Shehbaz Sharif"),
        ("a", "The Trump administration has also encouraged"),
        ("a", "In October, US Secretary of State Marco Rubio"),
        ("b", "Referring to cybercrime enforcement"),
        ("b", "During the meeting, the establishment of a crime control centre"),
    ],
)
def test_seed_unique_material_is_unaligned(seeds, side, prefix):
    a, b, table = seeds
    sid = _id(a if side == "a" else b, prefix)
    rows = table[table[f"{side}_id"] == sid]
    assert rows.relation.tolist() == [f"{side}_only"]


@pytest.mark.parametrize(
    ("short", "long", "inside"),
    [
        # one sentence repeated inside a longer one: overlapping content, whatever the paraphrase score
        ("Fishing boats returned to sea at dawn.",
         "Fishing boats returned to sea at dawn, and the ferry to the islands resumed its timetable.", True),
        ("The council approved the new harbour budget on Monday.",
         "The council approved the new harbour budget on Monday after a long debate about fishing quotas and ferry fares.",
         True),
        # too short to count as contained: the words may be shared by chance (the counterpart model still links it)
        ("Boats returned.", "Boats returned to the harbour after the storm, officials in the port town said.", False),
    ],
)
def test_a_sentence_inside_another_is_linked(short, long, inside):
    assert bool(_scores(_pool([short], [long])).dense("contained")[0, 0]) == inside
    table = align_texts([short, "The mayor opened a new library downtown."], [long, "Rain is expected over the weekend."])
    row = table[(table.a_id == "a001") & (table.b_id == "b001")]
    assert row.relation.item() in ("partial", "match")


def test_a_counterpart_that_adds_a_number_is_linked_though_no_paraphrase():
    """One story told with an added figure: the paraphrase score is low, the counterpart model links it."""
    a = ["Mayor Anna Weber said the wall would shield 3,000 homes from spring floods.",
         "The city council on Tuesday approved a 2.4-kilometre flood wall along the Elbe to protect the district.",
         "The orchestra played Mahler in Vienna last night."]
    b = ["The barrier, 2.4 kilometres long, is meant to protect around 3,000 homes, Mayor Anna Weber said.",
         "Councillors have given the go-ahead for a flood barrier beside the Elbe, the city announced on Tuesday.",
         "Astronomers reported a new comet visible from the southern hemisphere."]
    table = align_texts(a, b)
    row = table[(table.a_id == "a001") & (table.b_id == "b001")].iloc[0]
    assert row.score < PARTIAL_THRESHOLD and (row.relation, row.basis) == ("partial", "counterpart")
    assert set(table[table.a_id == "a003"].relation) == {"a_only"}


def test_containment_is_named_as_the_basis_when_the_score_is_low():
    table = align_texts(["Fishing boats returned to sea at dawn."],
                        ["Fishing boats returned to sea at dawn, and the ferry to the islands resumed its timetable."])
    row = table.iloc[0]
    assert row.relation == "partial" and (row.basis == "contained") == (row.score < PARTIAL_THRESHOLD)


WALL = "Mayor Anna Weber said the flood wall would protect 3,000 homes in the river district"


def test_a_contained_fact_with_an_identical_quote_is_a_match_and_the_longer_side_adds():
    table = align_texts([f"{WALL}, adding that construction would begin in May."], [f"{WALL}."])
    row = table.iloc[0]
    assert (row.relation, row.basis, row.extra, row.discrepancy) == ("match", "shared fact", "a", "")


def test_a_merged_sentence_links_to_both_halves_and_split_halves_link_back():
    merged = "The council approved a new flood wall for the river district and praised the engineers who designed the barrier."
    halves = ["The council approved a new flood wall for the river district.",
              "Council members praised the engineers who designed the barrier."]
    one_to_many = align_texts([merged], halves)
    assert pairs(one_to_many, "match") == {("a001", "b001"), ("a001", "b002")}
    assert set(one_to_many.extra) == {"a"}
    many_to_one = align_texts(halves, [merged])
    assert pairs(many_to_one, "match") == {("a001", "b001"), ("a002", "b001")}
    assert set(many_to_one.extra) == {"b"}


def test_a_pair_sharing_only_its_opening_frame_is_not_linked():
    frame = "During the harbour talks in Oslo on Monday, "
    a, b = [frame + "a briefing was given on pension reform."], [frame + "both sides agreed on closer cooperation in fisheries."]
    assert _scores(_pool(a, b)).dense("scores")[0, 0] > PARTIAL_THRESHOLD  # the whole sentences alone would link
    assert align_texts(a, b).relation.tolist() == ["a_only", "b_only"]


MISATTRIBUTED = (["Mayor Anna Weber said the new flood wall would protect three thousand homes in the river district."],
                 ["Governor Peter Lund said the new flood wall would protect three thousand homes in the river district."])


@pytest.mark.parametrize(
    "same_event, relation, basis, flagged",
    [(True, "match", "score", "speaker"), (None, "partial", "speakers differ", "speaker"),
     (False, "partial", "speakers differ", "")],
)
def test_a_speaker_difference_is_a_misattribution_only_within_one_event(same_event, relation, basis, flagged):
    row = align_texts(*MISATTRIBUTED, same_event=same_event).iloc[0]
    assert (row.relation, row.basis, row.discrepancy) == (relation, basis, flagged)


def test_a_contradiction_stays_linked_but_is_flagged():
    row = align_texts(["The council voted 7-2 to approve the flood wall for the river district on Monday."],
                      ["The council voted 6-3 to reject the flood wall for the river district on Monday."]).iloc[0]
    assert row.relation == "match" and row.discrepancy == "number;negation"
    assert "number: A 7; 2 | B 6; 3" in row.discrepancy_words


@pytest.mark.parametrize("same_event", [True, False, None])
def test_seed_false_friend_is_not_match_whatever_the_event_verdict(same_event):
    a, b = read_report(SEEDS / "000_d484b0bbc5c06899.txt"), read_report(SEEDS / "003_5207cdf50054b922.txt")
    table = align(a, b, same_event=same_event)
    pair = (_id(a, "She said the technological upgrades"), _id(b, "Interior Minister Naqvi said the induction"))
    assert pair not in pairs(table, "match")
