"""NL401: YAML front matter that does not parse (or is a YAML bomb)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL401",
    name="frontmatter-yaml",
    summary="front matter that is not valid YAML (or sets a key twice)",
    bad="---\nattendees: [Julien, Guillaume\n---",
    good="---\nattendees: [Julien, Guillaume]\n---",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    front = note.frontmatter
    if front is None:
        return
    if front.error is not None:
        yield Finding(front.error_line, front.error_col, f"front matter: {front.error}")
    for path, line, col, first_line in front.duplicates:
        yield Finding(
            line,
            col,
            f"front matter: key '{path}' is already set on line {first_line}; "
            "YAML keys must be unique (this later value is the one read)",
        )
