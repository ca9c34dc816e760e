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
    add_repo_argument,
    build_run_ledger,
    iso_date,
    load_run_notes,
    run_config,
    say,
)
from notes_lint.dates import DAY, MONTH, parse_month
from notes_lint.errors import UsageError

if TYPE_CHECKING:
    from notes_lint.config import Config
    from notes_lint.ledger import Ledger
    from notes_lint.model import Note
    from notes_lint.newnote import Example
    from notes_lint.resolver import Resolver


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_arguments(parser)
    parser.add_argument("paths", nargs="*", type=Path, help="earlier notes (default: every note)")
    add_repo_argument(parser)
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
    month = parse_month(text.strip())
    if month is not None:
        return month, MONTH
    return iso_date(text), DAY


def _team(resolver: Resolver, config: Config, notes: list[Note]) -> tuple[Config, list[Note]]:
    """The config whose template the new note follows, and the notes it carries TODOs from.

    Each note is its team's by its nearest config.  The config of the folder run on
    keeps the notes it governs; when it governs none and the notes follow one other
    config (run from above one team's folder), that config and its notes; when they
    follow several (the root of a repository of teams), a :class:`UsageError` names
    the team folders.  ``--config`` makes every note the team's.
    """
    if resolver.forced:
        return config, notes
    teams: dict[tuple[str, str], tuple[Config, list[Note]]] = {}
    for note in notes:
        own = resolver.config_for(Path(note.path))
        teams.setdefault(_key(own), (own, []))[1].append(note)
    if _key(config) in teams:
        return teams[_key(config)]
    if len(teams) <= 1:
        return next(iter(teams.values()), (config, notes))
    folders = sorted(_folder(c) for c, _notes in teams.values())
    raise UsageError(
        f"the notes here follow {len(folders)} configs, one per team folder"
        f" ({', '.join(folders)}): name the team's folder (notes-lint new {folders[0]})"
    )


def _key(config: Config) -> tuple[str, str]:
    return (str(config.source), str(config.root))


def _folder(config: Config) -> str:
    """The folder a config governs, relative to the working folder when under it."""
    folder = Path(config.source).parent if config.source is not None else config.root
    try:
        shown = folder.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return str(folder)
    return str(shown) if str(shown) != "." else "."


def _carried(ledger: Ledger, notes: list[Note], config: Config) -> tuple[list[str], list[str]]:
    """The items that carry the open TODOs over, each as it was last written, and the
    link reference definitions they use (``[the RFC][rfc]``: ``[rfc]: https://…``), each
    once, as its note wrote it (:func:`notes_lint.newnote.definition_text`): the TODO's
    text, and so its id, stays as it was.

    A TODO without an owner is left out, and named on stderr, when the config
    reports ownerless TODOs (NL301): the new note must lint clean; the ledger still
    holds it, open, in the note it came from.  Two notes that define a label a
    carried TODO uses differently: the first one's definition is written, and stderr
    says so.
    """
    from notes_lint import source
    from notes_lint.diagnostics import Severity
    from notes_lint.linter import severity_of
    from notes_lint.newnote import carried_item, definition_text, used_definitions

    by_place = {(n.path, t.line): t for n in notes for t in n.todos}
    by_path = {n.path: n for n in notes}
    defined: dict[str, tuple[str, str]] = {}  # label -> (its URL, the note defining it)
    definitions: list[str] = []
    lines: dict[str, list[str] | None] = {}
    ownerless_ok = severity_of("NL301", config) is Severity.OFF
    out: list[str] = []
    for entry in ledger.entries:
        if entry.done:
            continue
        where = entry.latest
        if entry.owner is None and not ownerless_ok:
            say(f"not carried: {where.path}:{where.line}: TODO {entry.text!r} has no owner (NL301)")
            continue
        if where.path not in lines:
            try:
                lines[where.path] = list(source.read(Path(where.path), where.path).lines)
            except source.UnreadableNote:
                lines[where.path] = None
        text = lines[where.path]
        line = text[where.line - 1] if text is not None and 0 < where.line <= len(text) else None
        item = carried_item(entry, by_place.get((where.path, where.line)), line, config)
        out.append(item)
        note = by_path.get(where.path)
        for written, definition in used_definitions(item, note.definitions if note else ()):
            first = defined.get(definition.label)
            if first is None:
                defined[definition.label] = (definition.url, where.path)
                definitions.append(definition_text(written, definition, text))
            elif first[0] != definition.url:
                say(
                    f"{where.path}:{definition.line}: [{written}]: {definition.url} not carried:"
                    f" the new note keeps {first[1]}'s [{written}]: {first[0]}"
                )
    return out, definitions


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

    resolver, config = run_config(args)
    config, notes = _team(resolver, config, load_run_notes(args, resolver))
    ledger = build_run_ledger(args, config, notes)
    dated = sorted((n for n in notes if n.date and n.date.value), key=lambda n: note_date(n) or "")
    example = _example(dated, config)
    date, precision = args.date or (ledger.today, DAY)
    stated = example.note.date if example is not None else None
    if precision == MONTH and (stated is None or stated.precision != MONTH):
        raise UsageError(
            f"--date {date:%Y-%m} names a month, but the latest note is dated by the day:"
            f" give the meeting's day ({date:%Y-%m}-DD)"
        )
    carried, definitions = _carried(ledger, notes, config)
    text = render_new_note(config, ledger, date, example, carried, definitions)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from notes_lint.atomic import TargetExists, check_confined, write_atomic, write_root

    root = write_root(args.output)
    check_confined(args.output, root)  # a link out of the repository: as every writer says
    if os.path.lexists(args.output):
        raise UsageError(_exists(args.output))
    try:  # whole or not at all: a full disk leaves no empty or partial note (WriteError)
        write_atomic(args.output, text, replace=False, root=root)
    except TargetExists:
        raise UsageError(_exists(args.output)) from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _exists(path: Path) -> str:
    """Why ``new --output`` does not write ``path``, which exists: one line.  ``new`` never
    writes over a file, nor through a symbolic link (one leading out of the repository is
    refused before, as by every writer: :func:`notes_lint.atomic.check_confined`); a link
    is named as one, with where it leads, dangling or not."""
    if os.path.islink(path):
        return (
            f"{path}: already exists as a symbolic link to {os.path.realpath(path)};"
            " not overwriting it"
        )
    return f"{path}: already exists; not overwriting it"
