"""Diagnostics: what a rule reports, independent of how it is printed, and its fix."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import msgspec


class Severity(str, enum.Enum):
    """How much a finding matters; ``off`` silences a rule entirely."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Edit:
    """Replace the text from ``line:col`` up to ``end_line:end_col`` (exclusive) with ``text``.

    Positions are 1-based and refer to the normalised text (no BOM, LF line
    endings; see :mod:`notes_lint.source`), like every diagnostic's.  ``old`` is
    what the span holds: an edit whose span holds anything else is never applied.
    A ``\\n`` in ``text`` is written with the line ending of the file.
    """

    line: int
    col: int
    end_line: int
    end_col: int
    text: str
    old: str = ""

    @classmethod
    def insert(cls, line: int, col: int, text: str) -> Edit:
        return cls(line, col, line, col, text, "")

    @classmethod
    def replace(cls, line: int, col: int, old: str, text: str) -> Edit:
        """Replace ``old``, which lies on one line from ``line:col``."""
        return cls(line, col, line, col + len(old), text, old)


Fix = tuple[Edit, ...]
"""A fix: edits applied together or not at all."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding at a 1-based ``line:col`` of a note, with its fix when there is a safe one."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fix: Fix | None = None
    end: tuple[int, int] | None = None  # where the text it is about ends, when known

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)


class FindingJSON(msgspec.Struct):
    """A diagnostic as ``check --format json`` writes it (README, "Output formats").

    Filled from a :class:`Diagnostic`'s attributes of the same names
    (``msgspec.convert(d, FindingJSON, from_attributes=True)``); its edits are not
    shown (SARIF shows them).  ``severity`` is written as its value.
    """

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    fixable: bool
