"""NL301: every TODO needs an owner."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL301",
    name="todo-owner",
    summary="a TODO without an owner",
    bad="### TODO / Next\n\n- Release 1.0",
    good="### TODO / Next\n\n- Release 1.0 (Guillaume)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for todo in note.todos:
        if todo.owner is None and todo.text.strip():
            yield Finding(
                todo.line,
                todo.col,
                f"TODO '{_short(todo.text)}' has no owner: tag it '(Name)' at the end, 'Name:' "
                "before it, or group it under '- (Name):'",
            )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
