"""Shared bits of the benchmark scripts: where the data is, and skipping politely."""

import sys
from pathlib import Path

from analysis.paths import SHARED_DATA


def data_file(*parts: str) -> Path:
    """Path of a benchmark file under ../shared/data; exit 0 with a message if absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {'/'.join(parts)} not found under the shared data folder (set ANALYSIS_SHARED_DATA)")
        sys.exit(0)
    return path
