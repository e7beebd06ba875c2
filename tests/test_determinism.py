"""Reruns are deterministic: the same command in fresh interpreters with other hash seeds gives the same bytes.

Set iteration order depends on PYTHONHASHSEED, so a result that leaked it would differ between these runs
while every in-process test still passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_A, SEED_B

SEEDS = ("0", "4242")


def _run(args: list[str], seed: str, cwd: Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, env=env, capture_output=True, check=True)
    return done.stdout


@pytest.mark.parametrize("args", [
    ["sentences", str(SEED_A)],
    ["align", str(SEED_A), str(SEED_B)],
    ["commitments", str(SEED_B)],
], ids=["sentences", "align", "commitments"])
def test_command_output_does_not_depend_on_the_hash_seed(tmp_path, args):
    first, second = (_run(args, seed, tmp_path) for seed in SEEDS)
    assert first and first == second


def test_compare_folder_does_not_depend_on_the_hash_seed(tmp_path):
    outs = []
    for seed in SEEDS:
        out = tmp_path / f"out-{seed}"
        _run(["compare", str(SEED_A), str(SEED_B), "--out", str(out)], seed, tmp_path)
        outs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outs[0] and outs[0] == outs[1]
