"""``notes-lint todos``: the TODO ledger across notes, filtered, as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import argparse
import sys

from notes_lint.commands.common import (
    EXIT_OK,
    add_ledger_arguments,
    add_paths_argument,
    add_repo_argument,
    iso_date,
    load_ledger,
    say_undated,
)
from notes_lint.errors import UsageError
from notes_lint.people import same_person


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_arguments(parser)
    add_paths_argument(parser)
    add_repo_argument(parser)
    parser.add_argument("--open", action="store_true", help="only TODOs not done")
    parser.add_argument(
        "--undone", action="store_true", help="only TODOs left undone past the grace period"
    )
    parser.add_argument(
        "--owner", metavar="NAME", help="only this owner's TODOs (name, alias or login)"
    )
    parser.add_argument(
        "--since", type=iso_date, metavar="DATE", help="only TODOs seen on or after DATE"
    )
    parser.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    parser.add_argument(
        "--explain", metavar="ID", help="show why an entry's occurrences are one TODO"
    )


def run(args: argparse.Namespace) -> int:
    from notes_lint.ledger_formats import explain, write_ledger

    config, ledger, _notes = load_ledger(args)
    say_undated(ledger)
    if args.explain:
        entry = ledger.entry(args.explain)
        if entry is None:
            raise UsageError(
                f"no TODO with id {args.explain!r} ('notes-lint todos --format json' lists the ids)"
            )
        print(explain(ledger, entry))
        return EXIT_OK
    entries = ledger.entries
    if args.open:
        entries = [e for e in entries if not e.done]
    if args.undone:
        entries = [e for e in entries if e.is_undone(ledger.today, ledger.grace_days)]
    if args.owner:
        # One person however written (people.person_key): "Loic" finds Loïc's TODOs.
        person = config.person(args.owner)
        wanted = person.name if person else args.owner
        login = args.owner.lstrip("@").casefold()
        entries = [
            e
            for e in entries
            if same_person(e.owner, wanted) or (e.login or "").casefold() == login
        ]
    if args.since:
        since = args.since.isoformat()
        entries = [e for e in entries if (e.latest.date or "") >= since]
    write_ledger(ledger, entries, args.format, sys.stdout)
    return EXIT_OK
