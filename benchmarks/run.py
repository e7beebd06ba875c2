"""`make bench`: run every benchmark script in this folder, in name order.

Each script reads ../shared/data (or $ANALYSIS_SHARED_DATA), and prints one
line and skips when its data is absent. What they print is shown and written
into the README's Benchmarks section, so the figures there are measured, never
typed. A failing script fails the run and leaves the README as it was.

`python benchmarks/run.py bench_events ...` runs only the named scripts and
rewrites only their blocks of the section, keeping the others as measured.
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
BLOCK = re.compile(r"\*\*(bench_\w+)\*\*\n\n```\n(.*?)\n```\n", re.DOTALL)


def run(script: Path) -> str:
    """Run one script, echo its output, and return it; exit on failure."""
    print(f"\n=== {script.stem} ===", flush=True)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    print(done.stdout, end="")
    if done.returncode:
        sys.exit(f"{script.name} failed:\n{done.stderr}")
    return done.stdout


def measured(readme: str) -> dict[str, str]:
    """The blocks of the README's Benchmarks section as they stand, by script name."""
    section = SECTION.search(readme)
    return dict(BLOCK.findall(section.group(0))) if section else {}


def main(names: list[str]) -> None:
    scripts = sorted(HERE.glob("bench_*.py"))
    unknown = set(names) - {s.stem for s in scripts}
    if unknown:
        sys.exit(f"error: no benchmark named {', '.join(sorted(unknown))}")
    outputs = measured(README.read_text(encoding="utf-8")) if names else {}
    outputs.update((script.stem, run(script)) for script in scripts if not names or script.stem in names)
    machine = f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"
    body = f"Measured by `make bench` ({machine}):\n\n" + "".join(
        f"**{name}**\n\n```\n{outputs[name].rstrip()}\n```\n\n" for name in sorted(outputs)
    )
    README.write_text(SECTION.sub(lambda m: m.group(1) + body + m.group(2), README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"\nwrote the Benchmarks section of {README.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
