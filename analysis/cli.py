"""The command line: `python -m analysis COMMAND ...` (also installed as `analysis`).

Commands print tables to standard output (CSV by default, `--format json`).
Bad input ends with a one-line `error: ...` on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from analysis import tables
from analysis.errors import InputError
from analysis.sources import read_report, removed_frame, sentences_frame

def _cmd_sentences(args: argparse.Namespace) -> pd.DataFrame:
    report = read_report(args.file, allow_empty=args.removed)
    return removed_frame(report) if args.removed else sentences_frame(report)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sentences = _add(commands, "sentences", _cmd_sentences, "the kept sentences of a report (or what cleaning removed)")
    sentences.add_argument("file", help="a report as a UTF-8 text file")
    sentences.add_argument("--removed", action="store_true", help="print the removal log instead")
    return parser


def _add(commands, name: str, run: Callable[[argparse.Namespace], pd.DataFrame], summary: str) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=summary, description=summary)
    sub.set_defaults(run=run)
    sub.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default: csv)")
    return sub


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status (0 ok, 2 bad input)."""
    args = _parser().parse_args(argv)
    try:
        frame = args.run(args)
        tables.write(frame, sys.stdout, args.format)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `| head`: not an error of ours
        sys.stderr.close()
    return 0
