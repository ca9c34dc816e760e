"""``notes-lint server``: the language server, on stdin and stdout (issue 17).

The editor starts it; it lints the notes the editor holds as ``check`` would
(see :mod:`notes_lint.server`).  It needs the ``server`` extra
(``pip install 'notes-lint[server]'``: pygls and lsprotocol), imported only here.
"""

from __future__ import annotations

import argparse

from notes_lint.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="speak LSP on stdin/stdout (the only transport, and the default)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve until the client's ``exit``: 0 after ``shutdown``, else 1 (LSP's rule)."""
    try:
        from notes_lint.server.app import serve
    except ImportError as error:
        if error.name not in ("pygls", "lsprotocol") and not str(error.name).startswith(
            ("pygls.", "lsprotocol.")
        ):
            raise
        raise UsageError(
            "notes-lint server needs pygls and lsprotocol: pip install 'notes-lint[server]'"
        ) from None
    return serve()
