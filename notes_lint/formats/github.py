"""``github``: GitHub Actions workflow commands, one a finding, and rows for the step summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.mdescape import code_span, table_cell
from notes_lint.names import one_line, quoted


def _escape_data(text: str) -> str:
    """A workflow command's data: ``%``, CR and LF as the runner unescapes them; any other
    control character or undecodable byte as ``\\xNN`` (so no name can forge a line)."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


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


def step_summary_row(d: Diagnostic) -> str:
    """A Markdown table row; the location is a code span that no file name can end."""
    location = table_cell(code_span(f"{quoted(d.path)}:{d.line}:{d.col}"))
    return f"| {location} | {d.code} | {d.severity.value} | {table_cell(d.message)} |"


class GithubEmitter:
    """Each file's workflow commands as they come; :attr:`step_rows` keeps a step-summary row
    a finding, since the runner shows only the first annotations of a step."""

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self.out = out
        self.step_rows: list[str] = []

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.out.write(format_github(diagnostics) + "\n")
        self.step_rows.extend(step_summary_row(d) for d in diagnostics)

    def close(self) -> None:
        pass
