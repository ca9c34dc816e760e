"""NL303: a due date must parse, and must not fall before the meeting."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL303",
    name="due-date",
    summary="a due date that cannot be parsed, or that falls before the meeting",
    bad="## 2021-09-14\n...\n- Release 1.0 (Guillaume) due: 2021-09-01",
    good="## 2021-09-14\n...\n- Release 1.0 (Guillaume) due: 2021-10-01",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    meeting = note.date.value if note.date else None
    for todo in note.todos:
        if todo.due_text is None:
            continue
        if todo.due is None:
            yield Finding(
                todo.line,
                todo.col,
                f"cannot read the due date '{todo.due_text}': write it as 2021-10-01",
            )
        elif meeting is not None and todo.due < meeting:
            yield Finding(
                todo.line,
                todo.col,
                f"due date {todo.due} is before the meeting ({meeting}): fix the date",
            )
