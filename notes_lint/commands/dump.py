"""``notes-lint dump FILE``: the note model of one file as JSON."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from notes_lint.commands.common import EXIT_FINDINGS, EXIT_OK, config_for
from notes_lint.errors import InternalError, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)


def run(args: argparse.Namespace) -> int:
    """Print the parsed note as JSON; exit 1 with NL901 when the file is not readable text."""
    from notes_lint.jsonstream import dumps
    from notes_lint.modeljson import note_json
    from notes_lint.parse import parse_note
    from notes_lint.source import UnreadableNote, read

    config = config_for(args, args.file)  # the note's own nearest config
    if not os.path.lexists(args.file) or os.path.isdir(args.file):  # unreadable: NL901
        raise UsageError(f"{args.file}: no such file")
    try:
        source = read(args.file)
    except UnreadableNote as error:
        print(f"{args.file}:{error.line}:{error.col}: NL901 {error}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        # Standard JSON: the model holds no NaN, Infinity or lone surrogate (jsonsafe).
        text = dumps(note_json(parse_note(source, config)))
    except Exception as error:
        raise InternalError(str(args.file), error) from None
    print(text)
    return EXIT_OK
