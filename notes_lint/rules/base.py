"""What every rule module provides, and what it receives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from notes_lint.config import Config
from notes_lint.diagnostics import Fix, Severity
from notes_lint.model import Note


@dataclass(frozen=True)
class RuleInfo:
    """A rule's catalogue entry: shown by ``notes-lint rules`` and in the README."""

    code: str
    name: str
    summary: str
    bad: str
    good: str
    severity: Severity = Severity.ERROR
    fixable: bool = False
    description: str = ""
    verify_fix: bool = False
    """The fix changes the note's structure: the linter offers it only after
    re-parsing the fixed text and seeing the finding gone."""


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the linter adds the path, code and severity.

    ``fix`` is a tuple of edits that resolve the finding, built from the note
    model's spans; None when there is no safe fix.
    """

    line: int
    col: int
    message: str
    fix: Fix | None = None
    # Where the text the finding is about ends (1-based line and column, exclusive), when
    # the rule knows it: an editor underlines ``line:col`` up to it.
    end: tuple[int, int] | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None


@dataclass
class Context:
    """What a rule may know beyond the note: the config and the repository around it."""

    config: Config
    note_path: Path | None = None
    repo_root: Path | None = None
    # The anchors (heading slugs, HTML ids) of another note; None when missing or unreadable.
    anchors_of: Callable[[Path], tuple[str, ...] | None] = field(default=lambda _path: None)
    # The number of lines of another note (GitHub's line anchors stop there); None: unknown.
    lines_of: Callable[[Path], int | None] = field(default=lambda _path: None)


Check = Callable[[Note, Context], Iterator[Finding]]
