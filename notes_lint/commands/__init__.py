"""The commands of the command line, one module each (pre-commit's ``commands/`` layout).

Every module exposes ``add_arguments(parser: argparse.ArgumentParser) -> None`` and
``run(args: argparse.Namespace) -> int`` (an exit code: 0 clean, 1 findings, 2 usage
or config error); :mod:`notes_lint.cli` registers it with one line.
"""
