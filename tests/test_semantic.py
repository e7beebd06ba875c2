"""The semantic scorer: how align uses it (with a stand-in model), the default and its fallback, and the shipped model.

The stand-in replaces `semantic.pair_probabilities`, so the combination rules
are tested on every machine; the tests of the real model run where its
weights are installed (`make weights`, which every make target runs).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import align as align_module
from analysis import compare, semantic
from analysis.align import MATCH_THRESHOLD, SEMANTIC_MATCH_THRESHOLD, align_texts
from analysis.cli import main
from analysis.errors import InputError
from analysis.paths import RESOURCES
from analysis.sources import parse_report

SAME = "The city council approved a budget of 4.2 million dollars for road repairs on Monday."
REWORDED = "On Monday the city council approved a 4.2 million dollar budget for repairing roads."
TOPIC = "The city council will discuss the road repair budget again next year."
UNRELATED = "Astronomers reported a new comet visible from the southern hemisphere."


class StandIn:
    """A fake cross-encoder: one fixed probability, and a record of the pairs it was asked about."""

    def __init__(self, value: float) -> None:
        self.value, self.asked = value, []

    def __call__(self, a: list[str], b: list[str]) -> np.ndarray:
        self.asked += list(zip(a, b))
        return np.full(len(a), self.value)


@pytest.fixture
def model(monkeypatch):
    def install(value: float) -> StandIn:
        stand_in = StandIn(value)
        monkeypatch.setattr(semantic, "_unusable", lambda: None)
        monkeypatch.setattr(semantic, "pair_probabilities", stand_in)
        return stand_in

    return install


def test_score_is_the_mean_of_the_lexical_and_the_semantic_probability(model):
    model(0.9)
    table = align_texts([SAME], [REWORDED], semantic=True)
    row = table.iloc[0]
    assert row.semantic_score == 0.9
    assert row.score == pytest.approx((row.lexical_score + 0.9) / 2, abs=1e-4)
    lexical = align_texts([SAME], [REWORDED]).iloc[0]
    assert row.lexical_score == lexical.score


def test_only_pairs_the_lexical_rules_could_link_are_read(model):
    stand_in = model(0.99)
    table = align_texts([SAME, UNRELATED], [REWORDED, "It is not what we had hoped for, and we will not have it again."],
                        semantic=True)
    assert stand_in.asked == [(SAME, REWORDED)]
    assert set(table[table.a_text == UNRELATED].relation) == {"a_only"}


def test_the_semantic_score_decides_match_but_never_unlinks(model):
    lexical = align_texts([SAME], [TOPIC]).iloc[0]
    assert lexical.relation == "partial"
    model(1.0)
    assert align_texts([SAME], [TOPIC], semantic=True).iloc[0].relation == "match"
    model(0.0)
    demoted = align_texts([SAME], [REWORDED], semantic=True)
    assert demoted.relation.tolist() == ["partial"]  # still linked, no longer the same fact


def test_default_match_threshold_follows_the_mode(model):
    model(0.0)
    row = align_texts([SAME], [SAME], semantic=True).iloc[0]
    assert row.score < SEMANTIC_MATCH_THRESHOLD and row.relation == "partial"
    forced = align_texts([SAME], [SAME], semantic=True, match_threshold=MATCH_THRESHOLD).iloc[0]
    assert forced.relation == "match"


def test_the_command_takes_the_semantic_default_match_threshold(model, capsys, tmp_path):
    model(0.0)  # identical sentences: lexical about 0.99, so the mean is just under 0.5 but above 0.44
    text = "\n\n".join(["A headline", "First paragraph of the report here.", "Second paragraph, another fact.", SAME])
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--semantic", "--format", "json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["a_text"] == SAME]
    assert MATCH_THRESHOLD <= rows[0]["score"] < SEMANTIC_MATCH_THRESHOLD and rows[0]["relation"] == "partial"


def test_a_lede_pair_stays_a_match_whatever_the_semantic_score(model):
    model(0.0)
    a = parse_report("Council approves road budget\n\n" + SAME)
    b = parse_report("Road budget approved\n\n" + REWORDED)
    row = align_module.align(a, b, semantic=True).set_index(["a_id", "b_id"]).loc[("s002", "s002")]
    assert row.score < SEMANTIC_MATCH_THRESHOLD and (row.relation, row.basis) == ("match", "lede pair")


MISSING = "the model weights are not installed (make weights)"


def test_without_the_weights_semantic_is_an_error_that_says_how_to_install_them(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(semantic, "_unusable", lambda: MISSING)
    with pytest.raises(InputError, match="make weights"):
        align_texts([SAME], [UNRELATED], semantic=True)  # refused even when no pair would be read
    for name, text in [("a.txt", f"Headline A\n\n{SAME}"), ("b.txt", f"Headline B\n\n{REWORDED}")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--semantic"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "make weights" in err


@pytest.mark.default_scorer
def test_without_the_weights_the_default_falls_back_to_lexical_with_one_warning(monkeypatch, capsys):
    monkeypatch.setattr(semantic, "_unusable", lambda: MISSING)
    monkeypatch.setattr(semantic, "_warned", [])
    table = align_texts([SAME], [REWORDED])
    assert "semantic_score" not in table.columns
    assert table.iloc[0].score == align_texts([SAME], [REWORDED], semantic=False).iloc[0].score
    align_texts([SAME], [REWORDED])
    err = capsys.readouterr().err
    assert err == f"warning: {MISSING}; aligning with the lexical scorer only\n"  # one line, once


@pytest.mark.default_scorer
def test_the_default_uses_the_semantic_scorer_and_lexical_turns_it_off(model, capsys, tmp_path):
    stand_in = model(0.9)
    assert "semantic_score" in align_texts([SAME], [REWORDED]).columns
    for name, text in [("a.txt", f"Headline A\n\n{SAME}"), ("b.txt", f"Headline B\n\n{REWORDED}")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    asked = len(stand_in.asked)
    assert main(["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--lexical", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(stand_in.asked) == asked and "semantic_score" not in rows[0]
    assert main(["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json"]) == 0
    assert "semantic_score" in json.loads(capsys.readouterr().out)[0]
    with pytest.raises(SystemExit):  # the two options exclude each other
        main(["align", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--lexical", "--semantic"])


def test_compare_with_semantic_writes_both_scores_and_says_so(model, monkeypatch, tmp_path):
    model(0.8)
    files = []
    for name, text in [("a.txt", f"Council approves road budget\n\n{SAME}"), ("b.txt", f"Road budget approved\n\n{REWORDED}")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    compare.run(files, tmp_path / "out", semantic=True)
    table = pd.read_csv(tmp_path / "out" / "alignment.csv")
    assert {"lexical_score", "semantic_score"} <= set(table.columns)
    assert "semantic scorer" in (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    compare.run(files, tmp_path / "lexical", semantic=False)
    assert "lexical scorer alone" in (tmp_path / "lexical" / "README.md").read_text(encoding="utf-8")
    monkeypatch.setattr(semantic, "_unusable", lambda: MISSING)
    assert main(["compare", *map(str, files), "--out", str(tmp_path / "other"), "--semantic"]) == 2
    assert not (tmp_path / "other").exists()  # refused before any work


def test_the_shipped_adapter_names_its_base_model_not_a_local_path():
    config = json.loads((RESOURCES / "semantic" / "adapter_config.json").read_text(encoding="utf-8"))
    head = json.loads((RESOURCES / "semantic" / "head.json").read_text(encoding="utf-8"))
    assert config["base_model_name_or_path"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert len(head["weight"]) == 384 and "msr_paraphrase_train" in head["data"]
    assert (RESOURCES / "semantic" / "adapter_model.safetensors").stat().st_size < 2_000_000


needs_extra = pytest.mark.skipif(not semantic.available(), reason="the model weights are not installed (make weights)")


@needs_extra
def test_the_model_tells_a_paraphrase_from_a_different_fact():
    p = semantic.pair_probabilities([SAME, SAME, "The council backs the flood wall."],
                                    [REWORDED, TOPIC, "The council approves the flood wall."])
    assert p[0] > 0.5 > p[1] and p[2] > 0.5


@needs_extra
def test_the_model_is_deterministic_and_batch_independent():
    a, b = [SAME, TOPIC, UNRELATED] * 30, [REWORDED, SAME, TOPIC] * 30
    whole = semantic.pair_probabilities(a, b)
    assert np.array_equal(whole, semantic.pair_probabilities(a, b))
    np.testing.assert_allclose(whole[:3], semantic.pair_probabilities(a[:3], b[:3]), atol=1e-5)


@needs_extra
@pytest.mark.default_scorer
def test_on_the_seeds_the_issue_criteria_hold_with_the_default_scorer(report_a, report_b):
    table = align_module.align(report_a, report_b)
    assert "semantic_score" in table.columns
    matches = set(zip(table[table.relation == "match"].a_id, table[table.relation == "match"].b_id))
    b_first_two = [s.id for s in report_b.sentences if s.role == "body"][:2]
    assert ("s001", "s001") in matches  # the headlines
    for lead in ("s002", "s003"):  # A's standfirst and first body sentence: each matches one of B's first two
        assert any(x == lead and y in b_first_two for x, y in matches), lead
    false_friend = table.set_index(["a_id", "b_id"]).loc[("s008", "s010")]  # "She said the technological ..."
    assert (false_friend.relation, false_friend.basis) == ("partial", "speakers differ")


@pytest.mark.default_scorer
def test_the_embedder_proposes_pairs_sharing_no_word_and_the_cross_encoder_decides(model, monkeypatch):
    from analysis import minilm

    a, b = ["Council backs Elbe flood wall.", SAME], ["Barrier approved for riverside district.", UNRELATED]
    vectors = {a[0]: [1.0, 0.0], b[0]: [0.8, 0.6], SAME: [0.0, 1.0], UNRELATED: [-1.0, 0.0]}
    monkeypatch.setattr(minilm, "embeddings", lambda texts: np.array([vectors[t] for t in texts]))
    assert semantic.proposals(a, b, np.zeros((2, 2), bool)).tolist() == [[True, False], [False, False]]
    stand_in = model(0.95)
    row = align_texts(a, b).iloc[0]
    assert stand_in.asked == [(a[0], b[0])] and (row.relation, row.basis) == ("partial", "semantic")
    model(0.3)  # the cross-encoder does not read a paraphrase: left apart
    assert set(align_texts(a, b).relation) == {"a_only", "b_only"}
    assert not semantic.proposals(a, b, np.ones((2, 2), bool)).any()  # sentences with a linkable pair: none
    half = np.array([[False, False], [False, True]])  # SAME and UNRELATED linkable: a[0], b[0] still free
    assert semantic.proposals(a, b, half).tolist() == [[True, False], [False, False]]
