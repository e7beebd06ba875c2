"""The seed case: the two reports in `seeds/` and what is known about them.

`seeds/sources.csv` holds, per file, its SHA-256, the structure fields the
parser must find (tests check them), and the facts that only outside sources
give (outlet, meeting date), each with its source. Used by notebooks 01–04.
"""

from __future__ import annotations

import pandas as pd

from analysis.paths import SEEDS
from analysis.sources import Report, read_report

METADATA = SEEDS / "sources.csv"


def metadata() -> pd.DataFrame:
    """The seed metadata table, one row per file, in file order."""
    return pd.read_csv(METADATA, dtype=str, keep_default_na=False).sort_values("file", ignore_index=True)


def label(row: pd.Series) -> str:
    """A reader-facing label from what is known: outlet if a cited source names it, meeting date."""
    who = row["outlet_in_text"] or row["outlet_external"] or "outlet not named"
    return f"{row['file'][:3]} ({who}; meeting {row['meeting_date_external']})"


def reports() -> list[Report]:
    """Parse the seeds in file order, named by their reader-facing label."""
    return [read_report(SEEDS / row["file"], label(row)) for _, row in metadata().iterrows()]


def successive_meetings() -> bool:
    """True when outside sources date the seeds to different meetings, in file order (notebook 01 shows them)."""
    dates = list(metadata()["meeting_date_external"])
    return len(set(dates)) == len(dates) and dates == sorted(dates)


def external_evidence() -> pd.DataFrame:
    """Facts about the seeds that only outside sources give, each with its source."""
    return pd.read_csv(SEEDS / "external_evidence.csv", dtype=str, keep_default_na=False)
