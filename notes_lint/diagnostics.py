"""Diagnostics: what a rule reports, independent of how it is printed."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    """How much a finding matters; ``off`` silences a rule entirely."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Diagnostic:
    """One finding at a 1-based ``line:col`` of a note."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fixable: bool = False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fixable,
        }
