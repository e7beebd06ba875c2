"""`make bench`: run every benchmark script in this folder, in name order.

Each script reads ../shared/data (or $ANALYSIS_SHARED_DATA) and prints one
line and skips when its data is absent. A failing script fails the run.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.stem} ===", flush=True)
        status |= subprocess.call([sys.executable, str(script)])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
