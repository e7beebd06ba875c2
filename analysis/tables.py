"""Write tables as CSV or JSON, the same way everywhere (CLI, `compare`, notebooks).

Report texts come from the web and users open these files in spreadsheets, so a
text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
be run as a formula. CSV output therefore prefixes such cells with an
apostrophe (the OWASP recommendation); the JSON output keeps every text as it is.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.paths import output

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """Prefix a text that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text, formula-safe and byte-stable (LF line ends)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(defuse)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def json_text(frame: pd.DataFrame) -> str:
    """The frame as a JSON list of records, texts unchanged."""
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def write(frame: pd.DataFrame, out: Path | TextIO, fmt: str = "csv") -> None:
    """Write the frame to a path or an open stream in `fmt` (csv or json)."""
    text = csv_text(frame) if fmt == "csv" else json_text(frame)
    if isinstance(out, Path):
        output(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)
