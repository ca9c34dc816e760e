"""NL303: a due date must parse, and must not fall before the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notes_lint.dates import examples, formats_with_year
from notes_lint.ledger import note_date
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL303",
    name="due-date",
    summary="a due date that cannot be parsed, or that falls before the meeting",
    bad="## 2021-09-14\n...\n- Release 1.0 (Guillaume) due: 2021-09-01",
    good="## 2021-09-14\n...\n- Release 1.0 (Guillaume) due: 2021-10-01",
)

SUGGESTED = dt.date(2021, 10, 1)
"""The date a suggestion writes (``write it as 2021-10-01``), in the config's formats."""


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    # The note's date as the ledger files it: stated, else its file name's.
    meeting = note_date(note)
    for todo in note.todos:
        if todo.due_text is None:
            continue
        if todo.due is None and todo.due_problem is not None:
            yield Finding(todo.line, todo.col, f"the due date '{todo.due_text}' {todo.due_problem}")
        elif todo.due is None:
            suggestion = examples(formats_with_year(ctx.config.date.formats), SUGGESTED)
            yield Finding(
                todo.line,
                todo.col,
                f"cannot read the due date '{todo.due_text}': write it as {suggestion}",
            )
        elif meeting is not None and todo.due < meeting:
            yield Finding(
                todo.line,
                todo.col,
                f"due date {_as_read(todo.due_text, todo.due)} is before the meeting "
                f"({meeting}): overdue or mistyped; write the date it is now due",
            )


def _as_read(written: str, due: str) -> str:
    """The due date as the TODO writes it and the day read from it: ``2021-09-01`` when
    written so, else quoted with that day (``'September 2021' (2021-09-30)``, ``'Mar 14'
    (2025-03-14)``), so the reader finds the text and sees the day it stands for."""
    return due if written == due else f"'{written}' ({due})"
