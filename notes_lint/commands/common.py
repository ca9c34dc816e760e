"""What the commands share: exit codes, the run's config, the ledger, small argument types.

Every command module (``notes_lint/commands/<name>.py``) exposes
``add_arguments(parser)`` and ``run(args) -> int``, as pre-commit's
``pre_commit/commands/`` modules do; :mod:`notes_lint.cli` only builds the parser
and dispatches.  The configs of a run are obtained in one place, :func:`resolver_for`
(each note's nearest config, or ``--config`` for all); :func:`config_for` is its
run-wide config.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint.dates import argument_date
from notes_lint.errors import InternalError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from notes_lint.config import Config
    from notes_lint.ledger import Ledger
    from notes_lint.model import Note
    from notes_lint.resolver import Resolver

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """One line on stderr with the program's prefix (``notes-lint: ...``)."""
    from notes_lint.errors import printable

    print(f"notes-lint: {printable(message)}", file=sys.stderr)


def resolver_for(
    args: argparse.Namespace,
    near: Path | None = None,
    adjust: Callable[[Config], None] | None = None,
) -> Resolver:
    """The configs of a run (:class:`~notes_lint.resolver.Resolver`): ``--config`` for
    every note if given, else each note's nearest config; the run-wide (base) config is
    the one found from ``near``'s folder (a note's path, e.g. ``--stdin-filename``) or
    the working folder upward.  ``adjust`` is applied to every config loaded.

    This is the only place a command obtains its configs.  A missing ``--config``
    file is a :class:`UsageError` (exit 2); an unexpected failure while loading
    names the config file (:class:`InternalError`).
    """
    from notes_lint.resolver import Resolver

    explicit: Path | None = getattr(args, "config", None)
    try:
        resolver = Resolver(
            cwd=_existing_folder(near) if near else None, forced=explicit, adjust=adjust
        )
    except UsageError:
        raise
    except Exception as error:
        raise InternalError(str(explicit or "the config"), error) from None
    if getattr(args, "verbose", False):
        if resolver.forced:
            say(f"config: {config_label(resolver.base)}, for every note (--config)")
        else:
            say(
                "config: each note's nearest config, from its folder upward; "
                f"here: {config_label(resolver.base)}"
            )
    return resolver


def config_for(args: argparse.Namespace, near: Path | None = None) -> Config:
    """The run-wide config (see :func:`resolver_for`): ``--config``, else the config of
    ``near``'s folder, else the one found from the working folder."""
    resolver = resolver_for(args, near)
    return resolver.config_for(near) if near is not None else resolver.base


def _existing_folder(path: Path) -> Path:
    """The nearest folder of ``path`` that exists (a stdin file name need not exist)."""
    folder = path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def describe_config(config: Config) -> str:
    """The config as a noun phrase that reads in a sentence: ``the config F`` (its
    file), or ``the generic defaults (no config file found from R upward)``."""
    if config.source is not None:
        return f"the config {config.source}"
    return f"the generic defaults (no config file found from {config.root} upward)"


def config_label(config: Config) -> str:
    """The config as a label after ``config:``: its file, or ``the generic defaults
    (no config file found from R upward)``."""
    if config.source is not None:
        return str(config.source)
    return describe_config(config)


def check_jobs(jobs: int | None) -> None:
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be 1 or more")


def iso_date(text: str) -> dt.date:
    """An argument type: a date, best written ``YYYY-MM-DD`` (any whole date the notes'
    named formats write is read, after an optional weekday, in the years the tool reads:
    :func:`notes_lint.dates.argument_date`).  Raises ``ArgumentTypeError`` (exit 2) with
    the date module's one-line reason."""
    try:
        return argument_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def use_color(stream: object) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def add_paths_argument(parser: argparse.ArgumentParser, what: str = "notes or folders") -> None:
    parser.add_argument("paths", nargs="*", type=Path, help=f"{what} (default: every note)")


def add_ledger_arguments(parser: argparse.ArgumentParser) -> None:
    """``--today`` and ``--grace-days``: the options of the commands built on the ledger."""
    parser.add_argument(
        "--today", type=iso_date, metavar="DATE", help="reference date (default: today)"
    )
    parser.add_argument(
        "--grace-days",
        type=int,
        metavar="N",
        help="days before an open TODO is left undone (default: config, else 7)",
    )


def add_repo_argument(parser: argparse.ArgumentParser) -> None:
    """``--repo OWNER/NAME``: the first source of the repository in effect
    (:mod:`notes_lint.repository`), for ``todos``, ``report``, ``new`` and ``sync``.

    The value is checked where it is read, by
    :func:`notes_lint.repository.repository_in_effect` (from :func:`build_run_ledger`):
    empty, or not a name GitHub can give, is a :class:`UsageError` (exit 2), one line.
    """
    parser.add_argument(
        "--repo",
        metavar="OWNER/NAME",
        help="the repository that #N in a TODO means and that sync opens issues in: the first "
        "of --repo, github.repo, links.default-repo, GITHUB_REPOSITORY "
        "(README: the repository in effect)",
    )


def load_ledger(args: argparse.Namespace) -> tuple[Config, Ledger, list[Note]]:
    """The config, the TODO ledger of the notes among ``args.paths``, and those notes."""
    resolver, config = run_config(args)
    notes = load_run_notes(args, resolver)
    return config, build_run_ledger(args, config, notes), notes


def run_config(args: argparse.Namespace) -> tuple[Resolver, Config]:
    """The run's resolver, and its settings' config (github, roster for ``--owner``):
    the config of the folder run on, or of the first path given."""
    resolver = resolver_for(args)
    given: Path | None = args.paths[0] if args.paths else None
    config = (
        resolver.base
        if given is None
        else resolver.config_of_folder(given if os.path.isdir(given) else given.parent)
    )
    return resolver, config


def load_run_notes(args: argparse.Namespace, resolver: Resolver) -> list[Note]:
    """The notes among ``args.paths`` (default: every note), each read with its own
    nearest config; an unreadable one is named on stderr and left out."""
    from notes_lint.collection import load_notes

    check_jobs(args.jobs)
    loaded = load_notes(resolver, args.paths or None, jobs=args.jobs)
    for problem in loaded.unreadable:
        say(f"skipped {problem}")
    if getattr(args, "verbose", False) and loaded.notes and not resolver.forced:
        used: dict[int, tuple[Config, int]] = {}
        for note in loaded.notes:
            own = resolver.config_for(Path(note.path))
            used[id(own)] = (own, used.get(id(own), (own, 0))[1] + 1)
        say(
            "configs used: "
            + "; ".join(
                f"{config_label(c)} for {n} note{'s' if n != 1 else ''}" for c, n in used.values()
            )
        )
    return loaded.notes


def build_run_ledger(args: argparse.Namespace, config: Config, notes: list[Note]) -> Ledger:
    """The TODO ledger of ``notes`` with the run's ``--today``/``--grace-days`` and the
    repository whose issues a TODO can link (``--repo`` names it first: :func:`add_repo_argument`)."""
    from notes_lint.ledger import DEFAULT_GRACE_DAYS, build_ledger
    from notes_lint.repository import run_repository

    grace = (
        args.grace_days
        if args.grace_days is not None
        else config.github.get("grace-days", DEFAULT_GRACE_DAYS)
    )
    if grace < 0:
        raise UsageError("--grace-days must be 0 or more")
    repo = run_repository(
        config, getattr(args, "repo", None), target=getattr(args, "command", None) == "sync"
    )
    return build_ledger(notes, today=args.today, grace_days=grace, repo=repo)


def say_undated(ledger: Ledger) -> None:
    """One stderr line per note the ledger could not date, with the reason."""
    from notes_lint.errors import printable
    from notes_lint.names import quoted

    for note in ledger.undated:
        left = f"; its {note.todos} TODO(s) have no date and are never undone" if note.todos else ""
        print(
            f"notes-lint: could not date {quoted(note.path)}: {printable(note.reason)}{left}",
            file=sys.stderr,
        )
