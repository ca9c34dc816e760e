"""``notes-lint rules [CODE]``: the rule catalogue, with the severities a config sets."""

from __future__ import annotations

import argparse

from notes_lint.commands.common import EXIT_OK, config_for
from notes_lint.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="one rule code, e.g. NL301")
    parser.add_argument("--format", choices=("text", "markdown"), default="text")


def run(args: argparse.Namespace) -> int:
    """List the rules, or explain one.  With ``--config F`` the severity column is the
    one F sets (``off`` for a rule it turns off); without, each rule's default."""
    from notes_lint.catalogue import describe_rule, rules_table
    from notes_lint.matching import did_you_mean
    from notes_lint.rules import RULES_BY_CODE

    severities = config_for(args).rules if args.config is not None else None
    if args.code is None:
        print(rules_table(markdown=args.format == "markdown", severities=severities))
        return EXIT_OK
    code = args.code.upper()
    if code not in RULES_BY_CODE:
        hint = did_you_mean(code, list(RULES_BY_CODE))
        raise UsageError(
            f"unknown rule '{args.code}'"
            + (f"; did you mean {hint}?" if hint else "")
            + " ('notes-lint rules' lists them)"
        )
    text = describe_rule(RULES_BY_CODE[code].info)
    if severities is not None and code in severities:
        text += f"\nseverity in {args.config}: {severities[code].value}"
    print(text)
    return EXIT_OK
