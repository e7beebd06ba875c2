"""The verdict's evidence for and against, feature by feature (analysis.events.contributions)."""

import math
from pathlib import Path

import pytest

from analysis import events, pipeline
from analysis.align import align
from analysis.sources import parse_report, read_report

FIXTURES = Path(__file__).parent / "fixtures" / "events"


@pytest.fixture(scope="module")
def near_miss():
    a, b = (read_report(FIXTURES / f"{what}-gazette.txt") for what in ("bridge", "tunnel"))
    return events.same_event(a, b)


def test_the_pushes_add_up_to_the_models_probability(near_miss):
    params = events.model()["pair"]
    table = events.contributions(near_miss)
    assert sorted(table.feature) == sorted(params["features"])
    assert 1 / (1 + math.exp(-(table.push.sum() + params["intercept"]))) == pytest.approx(near_miss.probability)


def test_strongest_first_and_each_names_its_direction(near_miss):
    table = events.contributions(near_miss)
    assert table.push.abs().is_monotonic_decreasing
    assert set(table.towards) <= {events.ONE, events.TWO, "neither"}
    assert ((table.push > 0) == (table.towards == events.ONE)).all()
    dates = table.set_index("feature").loc["officials_apart"]
    assert dates.towards == events.TWO and "June 20, 2024" in dates.reads


def test_an_alignment_by_the_default_scorer_is_not_the_fitted_feature():
    a, b = (read_report(FIXTURES / f"bridge-{o}.txt") for o in ("gazette", "herald"))
    lexical = align(a, b, semantic=False)
    relabelled = lexical.assign(semantic_score=0.0)  # as the cross-encoder's alignment carries
    assert events.aligned_share(a, b, relabelled) == events.aligned_share(a, b, lexical)


def verdict_of(p: float) -> events.Verdict:
    return events.Verdict(p, events.ONE if p >= events.THRESHOLD else events.TWO, {}, {})


@pytest.mark.parametrize(("p", "expected"), [(0.95, True), (events.CONFIDENT, True), (0.6, None), (0.3, None),
                                              (0.05, False)])
def test_only_a_confident_verdict_is_acted_on(p, expected):
    assert events.known(verdict_of(p)) is expected


def test_reports_told_as_successive_events_read_another_speaker_as_another_statement():
    fact = "said the northern border crossing will reopen to trucks on Monday."
    a = parse_report(f"Border to reopen\n\nInterior Minister Omar Haddad {fact}\n")
    b = parse_report(f"Crossing news\n\nGovernor Lena Brandt {fact}\n")
    one = pipeline.compare([a, b], ["A", "B"], semantic=False).alignments[(0, 1)]
    two = pipeline.compare([a, b], ["A", "B"], semantic=False, successive=True).alignments[(0, 1)]
    row = lambda t: t[(t.a_id == "s002") & (t.b_id == "s002")].iloc[0]  # noqa: E731
    assert events.known(pipeline.compare([a, b], ["A", "B"], semantic=False).verdicts[(0, 1)]) is True
    assert (row(one).relation, row(one).discrepancy) == ("match", "speaker")  # one event: a misattribution
    assert (row(two).basis, row(two).discrepancy) == ("speakers differ", "")  # two events: another statement
