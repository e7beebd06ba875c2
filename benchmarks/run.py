"""`make bench`: run every benchmark script in this folder, in name order.

Each script reads ../shared/data (or $ANALYSIS_SHARED_DATA), and prints one
line and skips when its data is absent. What they print is shown and written
into the README's Benchmarks section, so the figures there are measured, never
typed. A failing script fails the run and leaves the README as it was.
"""

import os
import platform
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
SECTION = re.compile(r"(<!-- bench:start -->\n).*?(<!-- bench:end -->)", re.DOTALL)


def run(script: Path) -> str:
    """Run one script, echo its output, and return it; exit on failure."""
    print(f"\n=== {script.stem} ===", flush=True)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    print(done.stdout, end="")
    if done.returncode:
        sys.exit(f"{script.name} failed:\n{done.stderr}")
    return done.stdout


def main() -> None:
    outputs = [(script.stem, run(script)) for script in sorted(HERE.glob("bench_*.py"))]
    machine = f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    body = f"Measured by `make bench` ({machine}):\n\n" + "".join(
        f"**{name}**\n\n```\n{text.rstrip()}\n```\n\n" for name, text in outputs
    )
    README.write_text(SECTION.sub(lambda m: m.group(1) + body + m.group(2), README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"\nwrote the Benchmarks section of {README.name}")


if __name__ == "__main__":
    main()
