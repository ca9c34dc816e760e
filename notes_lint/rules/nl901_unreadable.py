"""NL901: a file that cannot be read as UTF-8 text, or that notes-lint fails on.

Reported by the linter when reading fails, before any parsing, and when parsing
the note or running a rule on it raises an unexpected error (an internal error
of notes-lint, named in the message); the other files of the run are still
linted.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL901",
    name="unreadable",
    summary="a file that cannot be read as UTF-8 text (binary, bad encoding)",
    bad="a note saved as Latin-1, or a PNG named notes.md",
    good="a note saved as UTF-8",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    return iter(())
