"""The README must not drift: the paths it names exist, and the defaults it states are the code's."""

import re

import pytest

from analysis import align, charts, semantic, sources
from analysis.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOP = ("seeds/", "analysis/", "notebooks/", "figures/", "tables/", "scripts/", "benchmarks/", "tests/", "docs/")


def named_paths() -> list[str]:
    """Repository paths in backticks or links, without globs or placeholders."""
    found = re.findall(r"`([^`\s]+)`", README) + re.findall(r"\]\(([^)\s]+)\)", README)
    return sorted({p.rstrip("/") for p in found if p.startswith(TOP) and "*" not in p and "…" not in p})


@pytest.mark.parametrize("path", named_paths())
def test_named_paths_exist(path):
    assert (ROOT / path).exists(), path


@pytest.mark.parametrize("table", re.findall(r"`(T\d-[a-z-]+\.csv)`", README))
def test_named_tables_exist(table):
    assert (ROOT / "tables" / table).exists()


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("match threshold {}", align.MATCH_THRESHOLD),
        ("partial threshold {}", align.PARTIAL_THRESHOLD),
        ("semantic match threshold {}", align.SEMANTIC_MATCH_THRESHOLD),
        ("counterpart threshold {}", align.COUNTERPART_THRESHOLD),
        ("proposal cosine {}", semantic.PROPOSAL_COSINE),
        ("at most {} words) and one sentence", sources.HEADLINE_MAX_WORDS),
        ("lines of at most {} words", sources.SUBHEAD_MAX_WORDS),
        ("lie at least {:.0f} % inside the other", 100 * align.CONTAINED),
        ("at least {} content words) is at least `partial`", {4: "four"}.get(align.CONTAINED_MIN_WORDS)),
        ("single sentences, its first {} sentences", {2: "two"}.get(align.LEDE_SENTENCES)),
        ("above {} sentences a side", charts.MAX_ROWS),
        ("shows\nthe first {0} sentences of each report, the commitments matrix its first {0} lines", charts.MAX_ROWS),
        ("the {} largest voices", charts.MAX_VOICES),
    ],
)
def test_stated_defaults_are_the_code(phrase, value):
    assert phrase.format(value) in README


def test_stated_number_of_batch_examples_is_the_default():
    import inspect

    from analysis import batch

    default = inspect.signature(batch.run).parameters["examples"].default
    assert f"for the first {({3: 'three'}).get(default, default)} events" in README
