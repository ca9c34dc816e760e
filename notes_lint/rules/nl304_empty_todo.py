"""NL304: a TODO with an owner but nothing to do."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL304",
    name="empty-todo",
    summary="an empty TODO (an owner, but nothing to do)",
    bad="### TODO / Next\n\n- (Julien):",
    good="### TODO / Next\n\n- (Julien):\n    - Close the performance gap",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for todo in note.todos:
        if not todo.text.strip():
            who = f" for {todo.owner}" if todo.owner else ""
            yield Finding(
                todo.line, todo.col, f"empty TODO{who}: say what is to be done, or remove it"
            )
