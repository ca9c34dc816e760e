"""NL401: YAML front matter that does not parse (or is a YAML bomb)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL401",
    name="frontmatter-yaml",
    summary="front matter that is not valid YAML",
    bad="---\nattendees: [Julien, Guillaume\n---",
    good="---\nattendees: [Julien, Guillaume]\n---",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    front = note.frontmatter
    if front is not None and front.error is not None:
        yield Finding(front.error_line, front.error_col, f"front matter: {front.error}")
