"""Shared fixtures: the seed reports, parsed once per test session."""

import pytest

from analysis import seeds
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
