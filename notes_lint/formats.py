"""Printing diagnostics: ``text`` (like ruff/flake8), ``json``, ``github`` workflow commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from notes_lint.diagnostics import Diagnostic, Severity

FORMATS = ("text", "json", "github")

_RED = "\033[31m"
_YELLOW = "\033[33m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    lines = []
    for d in diagnostics:
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            lines.append(
                f"{_BOLD}{d.path}:{d.line}:{d.col}:{_RESET} {tint}{d.code}{_RESET} {d.message}"
            )
        else:
            lines.append(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}")
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, escaped as the runner expects."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = (
            f"file={_escape_property(d.path)},line={d.line},col={d.col},"
            f"title={_escape_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(d.message)}")
    return "\n".join(lines)


def render(diagnostics: Sequence[Diagnostic], fmt: str, color: bool = False) -> str:
    if fmt == "json":
        return format_json(diagnostics)
    if fmt == "github":
        return format_github(diagnostics)
    return format_text(diagnostics, color)


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``3 errors, 2 warnings in 41 files``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
