"""The command line: `python -m analysis COMMAND ...` (also installed as `analysis`).

The same steps the notebooks run, for your own reports (notebooks use the
modules directly).

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

SCHEDULER_HELP = "run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://host:8786); default: this machine"
SEMANTIC_HELP = ("require the fine-tuned cross-encoder (the default whenever its weights are installed: make weights); "
                 "an error if it cannot be loaded")
LEXICAL_HELP = "the lexical scorer alone: faster, weaker on paraphrase"


def _cmd_sentences(args: argparse.Namespace) -> pd.DataFrame:
    report = read_report(args.file, allow_empty=args.removed)
    return removed_frame(report) if args.removed else sentences_frame(report)


def _cmd_align(args: argparse.Namespace) -> pd.DataFrame:
    from analysis import semantic
    from analysis.align import MATCH_THRESHOLD, SEMANTIC_MATCH_THRESHOLD, align

    args.semantic = semantic.resolve(args.semantic)
    if args.match_threshold is None:
        args.match_threshold = SEMANTIC_MATCH_THRESHOLD if args.semantic else MATCH_THRESHOLD
    if args.partial_threshold > args.match_threshold:
        raise InputError(f"--partial-threshold {args.partial_threshold} must not be above the match threshold "
                         f"{args.match_threshold}")
    a, b = read_report(args.file_a), read_report(args.file_b)
    return align(a, b, match_threshold=args.match_threshold, partial_threshold=args.partial_threshold,
                 semantic=args.semantic)


def _cmd_commitments(args: argparse.Namespace) -> pd.DataFrame:
    from analysis.commitments import commitments_table

    return commitments_table(read_report(args.file))


def _cmd_compare(args: argparse.Namespace) -> pd.DataFrame:
    from analysis import compare

    labels = args.labels.split(",") if args.labels is not None else None
    shares = compare.run(args.files, args.out, labels=labels, force=args.force, semantic=args.semantic,
                         successive=args.successive)
    print(f"wrote {', '.join(compare.OUTPUTS)} to {args.out}", file=sys.stderr)
    return shares


def _cmd_events(args: argparse.Namespace) -> pd.DataFrame:
    from analysis import grouping

    return grouping.run(args.files, pairs=args.pairs, scheduler=args.scheduler)


def _cmd_batch(args: argparse.Namespace) -> pd.DataFrame:
    from analysis import batch

    summary = batch.run(args.file, args.out, force=args.force, semantic=args.semantic, scheduler=args.scheduler)
    print(f"wrote {', '.join(batch.BATCH_OUTPUTS)} to {args.out}", file=sys.stderr)
    return summary


def _parser() -> argparse.ArgumentParser:
    from analysis.align import MATCH_THRESHOLD, PARTIAL_THRESHOLD, SEMANTIC_MATCH_THRESHOLD

    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sentences = _add(commands, "sentences", _cmd_sentences, "the kept sentences of a report (or what cleaning removed)")
    sentences.add_argument("file", help="a report as a UTF-8 text file")
    sentences.add_argument("--removed", action="store_true", help="print the removal log instead")
    aligner = _add(commands, "align", _cmd_align, "which sentences of two reports tell the same thing")
    aligner.add_argument("file_a", help="report A (UTF-8 text)")
    aligner.add_argument("file_b", help="report B (UTF-8 text)")
    aligner.add_argument("--match-threshold", type=_unit, default=None,
                         help=f"score from which a pair is the same fact (default {MATCH_THRESHOLD}; "
                              f"{SEMANTIC_MATCH_THRESHOLD} with the cross-encoder, the default)")
    aligner.add_argument("--partial-threshold", type=_unit, default=PARTIAL_THRESHOLD,
                         help=f"score from which a pair overlaps (default {PARTIAL_THRESHOLD})")
    _scorer_options(aligner)
    extractor = _add(commands, "commitments", _cmd_commitments, "who committed to what, and how firmly")
    extractor.add_argument("file", help="a report as a UTF-8 text file")
    comparer = _add(commands, "compare", _cmd_compare, "the whole analysis of two or more reports, written to a folder")
    comparer.add_argument("files", nargs="+", metavar="FILE", help="reports: UTF-8 text files or HTML pages")
    comparer.add_argument("--out", required=True, help="output folder (created; must be empty unless --force)")
    comparer.add_argument("--labels", help="comma-separated labels, one per file (default: file names)")
    comparer.add_argument("--force", action="store_true", help="replace the files compare writes in a non-empty --out")
    _scorer_options(comparer)
    comparer.add_argument("--successive", nargs="?", const="event", metavar="EVENT",
                          help="the reports tell successive events in the order given (EVENT names them, e.g. "
                               "meeting): shared commitments are read as recurring, new or dropped")
    grouper = _add(commands, "events", _cmd_events, "which reports tell the same event: a group label per file")
    grouper.add_argument("files", nargs="+", metavar="FILE", help="reports: UTF-8 text files or HTML pages")
    grouper.add_argument("--pairs", action="store_true",
                         help="print one row per judged pair (a, b, probability, verdict, evidence) instead")
    grouper.add_argument("--scheduler", metavar="ADDRESS", help=SCHEDULER_HELP)
    batcher = _add(commands, "batch", _cmd_batch, "pairwise overlap of every event in a JSON-lines file of articles")
    batcher.add_argument("file", help="JSON lines: event_id (or event; grouped by `events` when absent), outlet (or label), "
                                      "title, date, text")
    batcher.add_argument("--out", required=True, help="output folder for overlap.csv and summary.csv")
    batcher.add_argument("--force", action="store_true", help="replace those files in a non-empty --out")
    _scorer_options(batcher)
    batcher.add_argument("--scheduler", metavar="ADDRESS", help=SCHEDULER_HELP)
    return parser


def _scorer_options(command: argparse.ArgumentParser) -> None:
    """--semantic / --lexical: None (neither) lets `analysis.semantic.resolve` choose the cross-encoder when installed."""
    scorer = command.add_mutually_exclusive_group()
    scorer.add_argument("--semantic", dest="semantic", action="store_const", const=True, default=None, help=SEMANTIC_HELP)
    scorer.add_argument("--lexical", dest="semantic", action="store_const", const=False, help=LEXICAL_HELP)


def _unit(text: str) -> float:
    """A threshold in [0, 1], or a usage error."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value


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
