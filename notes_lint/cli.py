"""The command line: builds the parser and dispatches to ``notes_lint/commands/`` (PRODUCT.md §6).

Each command is a module with ``add_arguments(parser)`` and ``run(args) -> int``
(pre-commit's ``commands/`` layout).  The global options (``--config``,
``--no-cache``, ``--jobs``, ``--verbose``) mean the same before or after the
command: they are defined on the top-level parser and again, with
``default=SUPPRESS``, on every command's parser, so a value given before the
command is not overwritten by the command's default.

A file whose name starts with ``-`` is a path wherever it stands when such a
file or folder exists, whatever its name (``-2024-05-01.md``, ``-h.md``,
``--output-file=x.md``): pre-commit passes the staged files after the hook's
options with no ``--`` between them, so a note must never be read as an option
(an ``--output-file=`` note would make the run overwrite another file).  Such a
name is therefore never an option's value either: write ``--config=-a.yaml``.
``-`` (stdin) and ``--`` (the end of the options) keep their meaning.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or config error,
or an internal error of notes-lint (one line, never a traceback; ruff does the same).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from notes_lint import __version__
from notes_lint.atomic import GuardedOutput, OutputError
from notes_lint.commands import check, dump, init, new, report, rules, server, sync, todos
from notes_lint.commands.common import EXIT_USAGE, use_color
from notes_lint.errors import InternalError, UsageError

__all__ = ["COMMANDS", "main", "use_color"]

# name: (module, one-line help), in the order --help lists them.
COMMANDS: dict[str, tuple[ModuleType, str]] = {
    "check": (check, "check notes against the schema"),
    "dump": (dump, "print the note model as JSON"),
    "todos": (todos, "the TODO ledger across notes"),
    "report": (report, "the open TODOs as one self-contained HTML page"),
    "new": (new, "a new note, open TODOs carried over"),
    "sync": (sync, "open/close GitHub issues for TODOs left undone"),
    "rules": (rules, "explain the rules (with --config: the severities it sets)"),
    "init": (init, "write a config inferred from the notes already there"),
    "server": (server, "a language server (LSP on stdio) for editors"),
}


class _Parser(argparse.ArgumentParser):
    """No abbreviated options (as in ruff): a file named ``--conf.md`` is never ``--config``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        # main() adds the one "notes-lint: " prefix.
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _global_options(suppress: bool) -> _Parser:
    """The options every command takes, before or after its name.  On a command's
    parser (``suppress``) an option not given leaves the top level's value alone."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    options = _Parser(add_help=False)
    options.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=default(None),
        help="config file for every note (default: found from here upward)",
    )
    options.add_argument(
        "--no-cache",
        action="store_true",
        default=default(False),
        help="neither read nor write the cache of configs and parsed notes",
    )
    options.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        default=default(None),
        help="processes for large runs (default and most: one per CPU; small runs use one)",
    )
    options.add_argument(
        "--verbose",
        action="store_true",
        default=default(False),
        help="say which config is used and which named files are skipped",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="notes-lint",
        description="Lint Markdown meeting notes against the team's template.",
        parents=[_global_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"notes-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    shared = _global_options(suppress=True)
    for name, (module, summary) in COMMANDS.items():
        command = sub.add_parser(name, parents=[shared], help=summary, description=summary)
        module.add_arguments(command)
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``; arguments argparse cannot place become paths when such files exist
    (a note named ``-2024-05-01.md``), else a :class:`UsageError` names them."""
    parser = build_parser()
    tokens = _existing_files_last(list(sys.argv[1:] if argv is None else argv))
    _command_option_first(parser, tokens)
    args, extras = parser.parse_known_args(tokens)
    unknown = []
    for extra in extras:
        if hasattr(args, "paths") and extra != "--" and os.path.lexists(extra):
            args.paths.append(Path(extra))
        elif extra != "--":
            unknown.append(extra)
    if unknown:
        prog = f"notes-lint {args.command}" if getattr(args, "command", None) else "notes-lint"
        raise UsageError(f"unrecognized arguments: {' '.join(unknown)} (see '{prog} --help')")
    return args


def _existing_files_last(argv: list[str]) -> list[str]:
    """``argv`` with each token before ``--`` that starts with ``-`` and names an
    existing file or folder moved after a ``--`` at the end, so argparse reads it as
    a path, never as an option (``-h.md``, ``--select=NL1.md``) or an option's value.

    ``-`` (stdin) and ``--`` stay where they are; tokens after ``--`` are paths already.
    """
    options: list[str] = []
    files: list[str] = []
    rest: list[str] = []
    for index, token in enumerate(argv):
        if token == "--":
            rest = argv[index + 1 :]
            break
        if token != "-" and token.startswith("-") and os.path.lexists(token):
            files.append(token)
        else:
            options.append(token)
    if not files:
        return list(argv)
    return [*options, "--", *files, *rest]


def _command_option_first(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """Raise a :class:`UsageError` naming the command when an option of a command
    (``--stdin-filename``) comes before the command's name, where argparse would
    otherwise take its value for the command (``invalid choice: 'X'``)."""
    commands: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands = dict(action.choices)
    top = parser._option_string_actions
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in commands or token == "--" or not token.startswith("-"):
            return
        option = token.split("=", 1)[0]
        if option in top:
            takes_value = top[option].nargs != 0 and "=" not in token
            index += 2 if takes_value else 1
            continue
        owners = [name for name, sub in commands.items() if option in sub._option_string_actions]
        if owners:
            where = " and ".join(owners[:3]) + (" …" if len(owners) > 3 else "")
            raise UsageError(
                f"{option} is an option of {where}: write it after the command"
                f" (notes-lint {owners[0]} {option} …)"
            )
        return


def main(argv: Sequence[str] | None = None) -> int:
    stdout = sys.stdout
    try:
        args = parse(argv)
        if args.command != "server":  # LSP owns its stream; elsewhere a full disk: OutputError
            sys.stdout = GuardedOutput(stdout)
        if args.no_cache:
            os.environ["NOTES_LINT_CACHE_DIR"] = ""  # see notes_lint.cache; workers inherit it
        module, _summary = COMMANDS[args.command]
        code: int = module.run(args)
        sys.stdout.flush()  # a failure to write shows here, not at exit
        return code
    except OutputError as error:
        print(f"notes-lint: {error}", file=sys.stderr)
        _drop_output(stdout)
        return EXIT_USAGE
    except UsageError as error:
        for line in error.lines():
            print(f"notes-lint: {line}" if not line.startswith(" ") else line, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except InternalError as error:
        print(f"notes-lint: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a crash of notes-lint itself: one line, never exit 1
        path = getattr(error, "filename", None)
        print(f"notes-lint: {InternalError(path and str(path), error)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        sys.stdout = stdout


def _drop_output(stdout: TextIO) -> None:
    """Point the standard output's descriptor at the null device, so the interpreter's
    flush at exit neither fails again nor prints ``Exception ignored``."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stdout.fileno())
        os.close(null)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
