"""Shared fixtures: the seed reports, parsed once per test session; the lexical scorer unless a test asks.

The rules of the aligner are tested on the lexical scorer alone (`semantic=None`
resolves to lexical-only here), so each test pins a rule, not a model's
probability. Tests marked `default_scorer` run the real default (the
cross-encoder when its weights are installed); test_semantic.py holds them.
"""

import pytest

from analysis import seeds, semantic
from analysis.paths import SEEDS
from analysis.sources import Report, read_report

SEED_A = SEEDS / "000_d484b0bbc5c06899.txt"
SEED_B = SEEDS / "003_5207cdf50054b922.txt"


@pytest.fixture(scope="session")
def report_a() -> Report:
    return read_report(SEED_A)


@pytest.fixture(scope="session")
def report_b() -> Report:
    return read_report(SEED_B)


@pytest.fixture(scope="session")
def seed_metadata():
    return seeds.metadata()


@pytest.fixture(autouse=True)
def lexical_unless_marked(request, monkeypatch):
    if request.node.get_closest_marker("default_scorer") is None:
        resolve = semantic.resolve
        monkeypatch.setattr(semantic, "resolve", lambda requested: False if requested is None else resolve(requested))
