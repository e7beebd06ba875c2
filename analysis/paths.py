"""Paths anchored on the package, never on the working directory.

Used by every notebook and by the CLI. `SHARED_DATA` is the public benchmark
data beside the checkout (`../shared/data`); it is optional and only read by
benchmarks and calibration scripts, which skip with a message when it is absent.
The environment variable `ANALYSIS_SHARED_DATA` points elsewhere.

Outputs inside the repository (tables, figures) are written through `output`, so
a test run can send them to a scratch folder and leave the tracked files alone.
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


def output(path: Path) -> Path:
    """Where to write the project output `path`.

    `make test` executes the notebooks (nbval) with `ANALYSIS_SCRATCH` set: their
    tables and figures then go to the same relative path under that folder, so a
    test run never rewrites tracked files. A path outside the repository (such as
    a `compare --out` folder) is never redirected. The variable is read on each
    call, not at import.
    """
    scratch = os.environ.get("ANALYSIS_SCRATCH")
    resolved = Path(path).resolve()
    if not scratch or not resolved.is_relative_to(ROOT):
        return Path(path)
    target = Path(scratch) / resolved.relative_to(ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
