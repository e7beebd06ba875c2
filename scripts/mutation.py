"""Mutation testing of the rule modules (`make mutation`): does a one-line change to a rule make a test fail?

mutmut (a dev dependency) plants one small change at a time in a module (a flipped comparison, a changed
constant, a dropped condition) and runs the tests that reach the changed function. A mutant that no test
notices survives; the score is the share of mutants killed. Each module is mutated alone, in its own
scratch folder under `mutants/` (git-ignored, rebuilt on every run), against its own test files only, so a
module takes minutes rather than the whole suite per mutant. Survivors that cannot be killed (equivalent
mutants) are explained in tests/mutation-survivors.md.

    python scripts/mutation.py                      # every rule module
    python scripts/mutation.py --modules furniture,scope
    python scripts/mutation.py --modules scope --survivors   # also list the survivors (`mutmut show NAME` in mutants/scope)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "mutants"

#: Each rule module and the test files that pin it (the module's own tests and those of the stage built on it).
MODULES: dict[str, tuple[str, ...]] = {
    "furniture": ("test_furniture.py", "test_sources.py"),
    "sources": ("test_sources.py", "test_furniture.py", "test_repair.py", "test_segment.py"),
    "repair": ("test_repair.py", "test_sources.py"),
    "segment": ("test_segment.py", "test_sources.py"),
    "scope": ("test_scope.py", "test_commitments.py"),
    "themes": ("test_themes.py",),
    "evidence": ("test_evidence.py",),
    "batch": ("test_batch.py",),
    "actors": ("test_actors.py", "test_evidence.py"),
    "commitments": ("test_commitments.py",),
    "align": ("test_align.py",),
}

#: Outcomes that count as killed: a test failed, the tests ran out of time, or the process crashed.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
#: Outcomes that are not a verdict on the tests (the run was cut short): left out of the score.
UNDECIDED = {"not checked", "skipped", "check was interrupted by user"}


def prepare(module: str) -> Path:
    """A fresh scratch folder for `module`: links to the package, tests and seeds, and mutmut's settings."""
    work = SCRATCH / module
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("analysis", "tests", "seeds", "pyproject.toml"):
        (work / name).symlink_to(ROOT / name)
    tests = "\n".join(f"    tests/{name}" for name in MODULES[module] if (ROOT / "tests" / name).exists())
    # mutmut reads [tool.mutmut] in pyproject.toml, else [mutmut] in setup.cfg: the project's
    # pyproject.toml has no such table, so this per-module setup.cfg decides.
    (work / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = analysis\n"
        f"only_mutate = analysis/{module}.py\n"
        f"pytest_add_cli_args_test_selection =\n{tests}\n"
        # one seed for Hypothesis: every mutant meets the same generated examples, so a verdict is repeatable
        "pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    --hypothesis-seed=0\n"
        "also_copy = seeds\n"
        "use_git_change_detection = false\n",
        encoding="utf-8",
    )
    return work


def mutmut(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run mutmut in `work`; the copied package finds the shared data where the checkout's would."""
    from analysis.paths import SHARED_DATA

    env = {**os.environ, "ANALYSIS_SHARED_DATA": str(SHARED_DATA), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=work, env=env,
                          capture_output=True, text=True, check=False)


def outcomes(work: Path) -> dict[str, str]:
    """Each mutant's outcome, from `mutmut results --all true` ("    name: status" lines)."""
    listing = mutmut(work, "results", "--all", "true").stdout
    pairs = (line.strip().rsplit(": ", 1) for line in listing.splitlines() if ": " in line)
    return {name: status for name, status in pairs}


def score(counts: Counter[str]) -> tuple[int, int]:
    """Killed and decided mutants."""
    decided = sum(n for status, n in counts.items() if status not in UNDECIDED)
    return sum(counts[status] for status in KILLED), decided


def run(module: str, max_children: int) -> dict[str, str]:
    """Mutate `module` against its tests; a failed run (tests failing before any mutation) is an error."""
    work = prepare(module)
    done = mutmut(work, "run", "--max-children", str(max_children))
    (work / "run.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
        sys.exit(f"error: mutmut failed on {module} (log: {work / 'run.log'}):\n" + "\n".join(tail))
    return outcomes(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", default="", help="comma-separated rule modules (default: all of them)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="mutants tested at once")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 if a module scores below this percentage")
    args = parser.parse_args(argv)
    selected = [m.strip() for m in args.modules.split(",") if m.strip()] or list(MODULES)
    unknown = [m for m in selected if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")

    total: Counter[str] = Counter()
    below = []
    print(f"{'module':<12} {'killed':>7} {'mutants':>8} {'score':>7}  survived  no tests  timeout")
    for module in selected:
        results = run(module, args.max_children)
        counts = Counter(results.values())
        total.update(counts)
        killed, decided = score(counts)
        percent = 100 * killed / decided if decided else 100.0
        below += [module] if percent < args.fail_under else []
        print(f"{module:<12} {killed:>7} {decided:>8} {percent:>6.1f}%  {counts['survived']:>8}  "
              f"{counts['no tests']:>8}  {counts['timeout']:>7}", flush=True)
        if args.survivors:
            for name, status in sorted(results.items()):
                if status not in KILLED | UNDECIDED:
                    print(f"    {status:<9} {name}")
    killed, decided = score(total)
    print(f"{'overall':<12} {killed:>7} {decided:>8} {100 * killed / decided if decided else 100.0:>6.1f}%")
    if below:
        print(f"below {args.fail_under:g} %: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
