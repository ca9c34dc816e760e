"""``notes-lint report``: the open TODOs as one self-contained HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notes_lint.commands.common import (
    EXIT_OK,
    add_ledger_arguments,
    add_paths_argument,
    add_repo_argument,
    load_ledger,
)
from notes_lint.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_arguments(parser)
    add_paths_argument(parser)
    add_repo_argument(parser)
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("notes-report.html"),
        metavar="PATH",
        help="write the page here, replacing it (default: notes-report.html)",
    )


def run(args: argparse.Namespace) -> int:
    from notes_lint.atomic import write_atomic, write_root
    from notes_lint.ledger import note_date
    from notes_lint.report import render_report

    _config, ledger, notes = load_ledger(args)
    meetings = [d for d in (note_date(n) for n in notes) if d]
    html = render_report(ledger, meetings)
    if args.output.is_dir():
        raise UsageError(f"{args.output}: is a folder; give the report's file name")
    # WriteError: exit 2, "<path>: cannot write: <reason>"; a link out of the repository too
    write_atomic(args.output, html, root=write_root(args.output))
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK
