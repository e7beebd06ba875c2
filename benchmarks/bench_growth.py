"""Growth with report size: `sentences`, `align`, `commitments` and `compare` on reports of 0.1, 1 and 10 MB.

Targets (issue 14): a 10 MB report through `compare` in <= 5 minutes and
<= 2 GB; about 12x time or less per 10x input. Then a 200,000-character
token, run of white space and run of capitals through every command: <= 2 s
each (no super-linear regex).

Reports are built from the BASIL articles, one outlet each (A: The New York
Times, B: Fox News), cycled until the size is reached, so the two reports tell
the same stories in other words. Each command runs as its own process, as a
user runs it: the time is wall time, the peak memory the process's maximum
resident set. `GROWTH_SIZES_MB` (e.g. "0.1,1") and `GROWTH_COMMANDS` (e.g.
"compare") restrict the run; a run over `GROWTH_TIMEOUT_S` (900) is stopped
and reported as such.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import data_file

SIZES_MB = [float(x) for x in os.environ.get("GROWTH_SIZES_MB", "0.1,1,10").split(",")]
COMMANDS = os.environ.get("GROWTH_COMMANDS", "sentences,align,commitments,compare").split(",")
TIMEOUT_S = float(os.environ.get("GROWTH_TIMEOUT_S", "900"))
LONG = 200_000
OUTLETS = ("nyt", "fox")


def report_of(texts: list[str], size: int) -> str:
    """A headline, then whole articles (cycled) until the UTF-8 size reaches `size` bytes."""
    parts, total = ["Collected reports"], 0
    for text in itertools.cycle(texts):
        if total >= size:
            break
        parts.append(text.strip())
        total += len(text.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def arguments(command: str, a: Path, b: Path, out: Path) -> list[str]:
    if command in ("sentences", "commitments"):
        return [command, str(a)]
    if command == "align":
        return [command, str(a), str(b)]
    return [command, str(a), str(b), "--out", str(out), "--force"]


def measure(args: list[str], stdout: Path) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB and status of one `python -m analysis` process."""
    start = time.perf_counter()
    with open(stdout, "w", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        process = subprocess.Popen([sys.executable, "-m", "analysis", *args], stdout=out, stderr=err, text=True)
        while True:
            pid, code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT_S:
                process.kill()
                _, code, usage = os.wait4(process.pid, 0)
                return time.perf_counter() - start, usage.ru_maxrss / 1024, f"stopped after {TIMEOUT_S:.0f} s"
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(code)
        err.seek(0)
        last = (err.read().strip().splitlines() or [""])[-1]
    status = "ok" if process.returncode == 0 else f"exit {process.returncode}: {last}"
    return time.perf_counter() - start, usage.ru_maxrss / 1024, status


def build(texts: dict[str, list[str]], tmp: Path, mb: float) -> tuple[Path, Path]:
    """The two reports of one size (written once)."""
    a, b = tmp / f"a-{mb}.txt", tmp / f"b-{mb}.txt"
    for path, outlet in ((a, OUTLETS[0]), (b, OUTLETS[1])):
        if not path.exists():
            path.write_text(report_of(texts[outlet], int(mb * 1_000_000)), encoding="utf-8")
    return a, b


def growth(texts: dict[str, list[str]], tmp: Path) -> None:
    """One line per command and size; the growth is time's factor per 10x input between consecutive sizes."""
    print(f"{'command':<12} {'size':>7} {'time':>9} {'peak':>9} {'x time per 10x':>14}  status")
    for command in COMMANDS:
        previous: tuple[float, float] | None = None
        for mb in SIZES_MB:
            a, b = build(texts, tmp, mb)
            stdout = tmp / f"{command}-{mb}.out"
            elapsed, peak, status = measure(arguments(command, a, b, tmp / f"out-{command}-{mb}"), stdout)
            step = ""
            if previous is not None and status == "ok":
                step = f"{(elapsed / previous[1]) ** (1 / math.log10(mb / previous[0])):.1f}"
            rows = f" ({_rows(stdout):,} sentences)" if command == "sentences" and status == "ok" else ""
            page = tmp / f"out-{command}-{mb}" / "report.html"
            if command == "compare" and status == "ok":
                rows = f" (report.html {page.stat().st_size / 1e6:.1f} MB, target < 10 MB at 5,000 sentences)"
            print(f"{command:<12} {mb:>5g}MB {elapsed:>8.1f}s {peak:>7.0f}MB {step:>14}  {status}{rows}", flush=True)
            previous = (mb, elapsed) if status == "ok" else None


def _rows(table: Path) -> int:
    with open(table, encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def long_runs(tmp: Path) -> None:
    """A 200,000-character token, run of white space and run of capitals inside a short report, through every command."""
    runs = {"token": "x" * LONG, "white space": " \t" * (LONG // 2), "capitals": "A" * LONG}
    print(f"\n{'run of ' + format(LONG, ','):<22} {'command':<12} {'time':>7}  status (target <= 2 s)")
    other = tmp / "other.txt"
    other.write_text("Talks end\n\nThe minister said the talks would resume in May.\n", encoding="utf-8")
    for name, run in runs.items():
        path = tmp / f"run-{name.replace(' ', '-')}.txt"
        path.write_text(f"Talks end\n\nThe minister {run} said the talks would resume in May.\n\n"
                        f"Officials met {run} on Monday.\n", encoding="utf-8")
        for command in COMMANDS:
            elapsed, _, status = measure(arguments(command, path, other, tmp / f"out-run-{command}"), tmp / "run.out")
            print(f"{name:<22} {command:<12} {elapsed:>6.1f}s  {status}", flush=True)


def main() -> None:
    texts: dict[str, list[str]] = {outlet: [] for outlet in OUTLETS}
    with open(data_file("multi-outlet", "basil_articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article["outlet"] in texts:
                texts[article["outlet"]].append(article["text"])
    with tempfile.TemporaryDirectory() as folder:
        growth(texts, Path(folder))
        long_runs(Path(folder))


if __name__ == "__main__":
    main()
