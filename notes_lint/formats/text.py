"""``text``: one line a finding, ``path:line:col: CODE message`` (like ruff and flake8)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.names import one_line, quoted

_RED = "\033[31m"
_YELLOW = "\033[33m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    """One line a finding, ``path:line:col: CODE message``; a path that could break or
    forge a line is quoted (:func:`~notes_lint.names.quoted`), a message kept on its line.
    A finding that ``--fix`` can mend shows ``[*]`` before its message, as ruff's do."""
    lines = []
    for d in diagnostics:
        path, message = quoted(d.path), one_line(d.message)
        if d.fixable:
            message = f"[*] {message}"
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            lines.append(
                f"{_BOLD}{path}:{d.line}:{d.col}:{_RESET} {tint}{d.code}{_RESET} {message}"
            )
        else:
            lines.append(f"{path}:{d.line}:{d.col}: {d.code} {message}")
    return "\n".join(lines)


class TextEmitter:
    """Each file's lines as they come."""

    step_rows: Sequence[str] = ()  # rows of the step summary: only github has any

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self.out = out
        self.color = color

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.out.write(format_text(diagnostics, self.color) + "\n")

    def close(self) -> None:
        pass
