"""``notes-lint init``: write a starting config inferred from the notes (issue 15).

What it infers, and how, is :mod:`notes_lint.infer`.  What it inferred goes to
stderr; ``--dry-run`` prints the config on stdout and writes nothing; otherwise
``FOLDER/.notes-lint.yaml`` is written, unless a config already stands in that
folder (``--force`` replaces it).  Exit codes: 0 written or printed, 2 usage
error (no notes, a config already there, a file that cannot be written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notes_lint.commands.common import iso_date
from notes_lint.errors import UsageError

CONFIG_FILE = ".notes-lint.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``init``."""
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("."),
        help="the folder of the notes, where the config is written (default: here)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the config instead of writing it"
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a config already in the folder"
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="DATE",
        help="the day written as github.since, from which sync follows TODOs up (default: today)",
    )
    # --jobs (processes for the trial run over the notes) is a global option (cli.py).


def _existing_config(folder: Path) -> Path | None:
    """A config that stands in ``folder`` itself (pyproject.toml only with our table)."""
    from notes_lint.config import CONFIG_NAMES, find_config

    found = find_config(folder)
    if found is not None and found.parent == folder and found.name in CONFIG_NAMES:
        return found
    return None


def run(args: argparse.Namespace) -> int:
    """Infer, report, write: 0 on success; a :class:`UsageError` (exit 2) otherwise."""
    from notes_lint.atomic import TargetExists, write_atomic, write_root
    from notes_lint.infer import infer_config

    folder: Path = args.folder
    if getattr(args, "config", None) is not None:
        raise UsageError("init infers a config from the notes: --config does not apply to it")
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    target = folder / CONFIG_FILE
    existing = _existing_config(folder.resolve())
    if existing is not None and not args.dry_run and not args.force:
        raise UsageError(
            f"{folder / existing.name}: a config is already there; not overwriting it "
            "(--force replaces it, --dry-run prints the inferred one)"
        )
    inferred = infer_config(folder, jobs=args.jobs, today=args.today)
    for line in inferred.evidence:
        print(f"notes-lint: {line}", file=sys.stderr)
    print(
        f"notes-lint: with this config: {inferred.dated} of {inferred.notes} notes dated "
        f"({inferred.stated} state their date), "
        f"{inferred.errors} errors, {inferred.warnings} warnings",
        file=sys.stderr,
    )
    text = inferred.yaml_text()
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    try:  # any other failure: WriteError, exit 2
        write_atomic(target, text, replace=args.force, root=write_root(target))
    except TargetExists:
        raise UsageError(f"{target}: already exists; not overwriting it (--force)") from None
    other = existing.name if existing is not None and existing.name != CONFIG_FILE else None
    print(
        f"wrote {target}"
        + (f" (it comes before {other}, which is left as it was)" if other else ""),
        file=sys.stderr,
    )
    return 0
