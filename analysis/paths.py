"""Paths anchored on the package, never on the working directory.

Used by every notebook and by the CLI. `SHARED_DATA` is the public benchmark
data beside the checkout (`../shared/data`); it is optional and only read by
benchmarks and calibration scripts, which skip with a message when it is absent.
The environment variable `ANALYSIS_SHARED_DATA` points elsewhere.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
RESOURCES = PACKAGE / "resources"
ROOT = PACKAGE.parent
SEEDS = ROOT / "seeds"
FIGURES = ROOT / "figures"
TABLES = ROOT / "tables"
NOTEBOOKS = ROOT / "notebooks"
SHARED_DATA = Path(os.environ.get("ANALYSIS_SHARED_DATA", ROOT.parent / "shared" / "data"))
