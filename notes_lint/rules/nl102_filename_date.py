"""NL102: a date in the file name must agree with the date in the note."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL102",
    name="filename-date",
    summary="the date in the file name differs from the date heading",
    bad="2021-09-14.md:\n## September 21st, 2021",
    good="2021-09-14.md:\n## September 14th, 2021",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    if not ctx.config.date.filename or note.filename_date is None:
        return
    if note.date is None or note.date.value is None or note.date.value == note.filename_date:
        return
    yield Finding(
        note.date.line,
        note.date.col,
        f"the note is dated {note.date.value} but its file name says {note.filename_date} "
        f"('{note.filename_date_text}'): fix whichever is wrong",
    )
