"""How long `make` (the full rebuild) takes with a warm virtual environment. Target: <= 60 s."""

import subprocess
import time

from analysis.paths import ROOT


def main() -> None:
    start = time.perf_counter()
    subprocess.run(["make", "-s", "all"], cwd=ROOT, check=True, capture_output=True)
    print(f"make (tables and all notebooks, warm .venv): {time.perf_counter() - start:.1f} s (target <= 60 s)")


if __name__ == "__main__":
    main()
