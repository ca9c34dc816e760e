"""The command line: a thin layer over the library (PRODUCT.md §6).

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or config error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from notes_lint import __version__
from notes_lint.errors import UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--config", type=Path, metavar="FILE", help="config file (default: found from here upward)"
    )
    parser = _Parser(
        prog="notes-lint",
        description="Lint Markdown meeting notes against the team's template.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"notes-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    check = sub.add_parser("check", parents=[common], help="check notes against the schema")
    check.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: every note)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--quiet", action="store_true", help="no summary line on stderr")

    dump = sub.add_parser("dump", parents=[common], help="print the note model as JSON")
    dump.add_argument("file", type=Path)

    rules = sub.add_parser("rules", parents=[common], help="explain the rules")
    rules.add_argument("code", nargs="?", help="one rule code, e.g. NL301")
    rules.add_argument("--format", choices=("text", "markdown"), default="text")
    return parser


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def cmd_check(args: argparse.Namespace) -> int:
    from notes_lint.config import load_config
    from notes_lint.diagnostics import Severity
    from notes_lint.formats import render, summary
    from notes_lint.linter import lint_paths

    config = load_config(args.config)
    result = lint_paths(config, args.paths or None)
    output = render(result.diagnostics, args.format, color=_use_color(sys.stdout))
    if output:
        print(output)
    if not args.quiet:
        print(summary(result.diagnostics, result.files), file=sys.stderr)
    return EXIT_FINDINGS if result.count(Severity.ERROR) else EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    from notes_lint.config import load_config
    from notes_lint.parse import parse_note
    from notes_lint.source import UnreadableNote, read

    config = load_config(args.config)
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        source = read(args.file)
    except UnreadableNote as error:
        print(f"{args.file}:{error.line}:{error.col}: NL901 {error}", file=sys.stderr)
        return EXIT_FINDINGS
    print(json.dumps(parse_note(source, config).to_json(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from notes_lint.catalogue import describe_rule, rules_table
    from notes_lint.matching import did_you_mean
    from notes_lint.rules import RULES_BY_CODE

    if args.code is None:
        print(rules_table(markdown=args.format == "markdown"))
        return EXIT_OK
    code = args.code.upper()
    if code not in RULES_BY_CODE:
        hint = did_you_mean(code, list(RULES_BY_CODE))
        raise UsageError(
            f"unknown rule '{args.code}'"
            + (f"; did you mean {hint}?" if hint else "")
            + " ('notes-lint rules' lists them)"
        )
    print(describe_rule(RULES_BY_CODE[code].info))
    return EXIT_OK


COMMANDS = {"check": cmd_check, "dump": cmd_dump, "rules": cmd_rules}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as error:
        for line in error.lines():
            print(f"notes-lint: {line}" if not line.startswith(" ") else line, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
