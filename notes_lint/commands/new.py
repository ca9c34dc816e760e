"""``notes-lint new``: a new note from the template, the open TODOs carried over."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint.commands.common import (
    EXIT_OK,
    add_ledger_arguments,
    iso_date,
    load_ledger,
)
from notes_lint.dates import DAY, MONTH
from notes_lint.errors import UsageError

if TYPE_CHECKING:
    from notes_lint.config import Config
    from notes_lint.model import Note
    from notes_lint.newnote import Example


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_arguments(parser)
    parser.add_argument("paths", nargs="*", type=Path, help="earlier notes (default: every note)")
    parser.add_argument(
        "--date",
        type=meeting_date,
        metavar="DATE",
        help="the meeting date, or its month (2024-10) for monthly notes (default: today)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="PATH", help="write the note here (default: stdout)"
    )


def meeting_date(text: str) -> tuple[dt.date, str]:
    """An argument type: a day ``YYYY-MM-DD``, or a month ``YYYY-MM`` (its first day),
    with its precision (``day`` or ``month``)."""
    if len(text) == 7 and text[4:5] == "-":
        try:
            return dt.date.fromisoformat(text + "-01"), MONTH
        except ValueError:
            pass
    return iso_date(text), DAY


def _example(dated: list[Note], config: Config) -> Example | None:
    """The latest note that states its date, read again whole (the ledger keeps only what
    it needs of each note): the new note opens as it does."""
    from notes_lint import source
    from notes_lint.newnote import Example
    from notes_lint.parse import parse_note

    for note in reversed(dated):
        try:
            text = source.read(Path(note.path), note.path)
        except source.UnreadableNote:
            continue
        return Example(parse_note(text, config), text.lines)
    return None


def run(args: argparse.Namespace) -> int:
    from notes_lint.ledger import note_date
    from notes_lint.newnote import render_new_note

    config, ledger, notes = load_ledger(args)
    dated = sorted((n for n in notes if n.date and n.date.value), key=lambda n: note_date(n) or "")
    example = _example(dated, config)
    date, precision = args.date or (ledger.today, DAY)
    stated = example.note.date if example is not None else None
    if precision == MONTH and (stated is None or stated.precision != MONTH):
        raise UsageError(
            f"--date {date:%Y-%m} names a month, but the latest note is dated by the day:"
            f" give the meeting's day ({date:%Y-%m}-DD)"
        )
    text = render_new_note(config, ledger, date, example)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from notes_lint.report import write_atomically

    exists = f"{args.output}: already exists; not overwriting it"
    if os.path.lexists(args.output):
        raise UsageError(exists)
    try:  # whole or not at all: a full disk leaves no empty or partial note
        write_atomically(args.output, text, replace=False)
    except FileExistsError:
        raise UsageError(exists) from None
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK
