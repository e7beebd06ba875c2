"""Behaviour of analysis.msrp: reading the corpus as published, and the pseudo-documents built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.msrp import Pair, pseudo_documents, read_pairs

HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"

#: Rows as MSRP writes them (tab-separated, no quoting) and the pair each must read as.
ROWS = [
    (  # a quoted phrase inside the text (the project's own sentences, in MSRP's layout)
        "1\t101\t102\tThe mayor called the plan \"a promise kept\" at the council meeting.\t"
        "At the council meeting, the mayor described the plan as \"a promise kept\".",
        Pair(True, "101", "102",
             'The mayor called the plan "a promise kept" at the council meeting.',
             'At the council meeting, the mayor described the plan as "a promise kept".'),
    ),
    (  # a string opening with a quote mark, and one with a lone quote: no CSV quoting may swallow the tab
        "0\t3446796\t3446844\t\"We're not done yet, he said.\tHe said 12\" of snow fell.",
        Pair(False, "3446796", "3446844", "\"We're not done yet, he said.", 'He said 12" of snow fell.'),
    ),
    (  # non-ASCII text and curly quotes come through as written
        "1\t1\t2\tThe café’s “owner” paid €5.\tThe owner of the café paid 5 euros.",
        Pair(True, "1", "2", "The café’s “owner” paid €5.", "The owner of the café paid 5 euros."),
    ),
]


def write_msrp(path: Path, rows: list[str], newline: str = "\n") -> Path:
    """An MSRP split file: UTF-8 with a byte-order mark, as Microsoft publishes it."""
    path.write_bytes(newline.join([HEADER, *rows, ""]).encode("utf-8-sig"))
    return path


@pytest.mark.parametrize("row, expected", ROWS)
def test_reads_one_row_as_published(tmp_path, row, expected):
    assert read_pairs(write_msrp(tmp_path / "split.txt", [row])) == [expected]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_reads_every_row_in_file_order(tmp_path, newline):
    pairs = read_pairs(write_msrp(tmp_path / "split.txt", [row for row, _ in ROWS], newline))
    assert pairs == [expected for _, expected in ROWS]


def test_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    (pair,) = read_pairs(write_msrp(tmp_path / "split.txt", [ROWS[0][0]]))
    assert pair.paraphrase is True  # "\ufeffQuality" would leave the column unread


def numbered_pairs(n: int) -> list[Pair]:
    return [Pair(k % 2 == 0, str(k), str(1000 + k), f"first {k}", f"second {k}") for k in range(n)]


@pytest.mark.parametrize(
    "n, size, lengths",
    [
        (7, 3, [3, 3, 1]),  # consecutive chunks, the last one short
        (6, 3, [3, 3]),
        (2, 40, [2]),
        (0, 40, []),
    ],
)
def test_pseudo_documents_are_consecutive_chunks(n, size, lengths):
    pairs = numbered_pairs(n)
    docs = pseudo_documents(pairs, size=size)
    assert [len(d.pairs) for d in docs] == lengths
    assert [p for d in docs for p in d.pairs] == pairs
    assert all(d.a == [p.a for p in d.pairs] for d in docs)


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_each_b_side_is_a_permutation_and_truth_points_to_the_counterpart(seed):
    for doc in pseudo_documents(numbered_pairs(50), size=20, seed=seed):
        assert sorted(doc.b) == sorted(p.b for p in doc.pairs)
        assert sorted(doc.truth) == list(range(len(doc.pairs)))
        assert all(doc.b[j] == p.b for j, p in zip(doc.truth, doc.pairs))


@pytest.mark.parametrize("seed", [0, 3])
def test_pseudo_documents_are_deterministic_for_a_seed(seed):
    pairs = numbered_pairs(60)
    assert pseudo_documents(pairs, seed=seed) == pseudo_documents(pairs, seed=seed)


def test_the_seed_changes_the_order():
    pairs = numbered_pairs(40)
    orders = {tuple(pseudo_documents(pairs, seed=seed)[0].truth) for seed in range(5)}
    assert len(orders) == 5
    assert tuple(range(40)) not in orders  # B is shuffled, not left in A's order
