"""NL102: every date the note states must agree with the date in its file name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notes_lint.dates import from_iso
from notes_lint.model import Note, NoteDate
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL102",
    name="filename-date",
    summary="the date in the file name differs from a date the note states",
    bad="2021-09-14.md:\n## September 21st, 2021",
    good="2021-09-14.md:\n## September 14th, 2021",
)

_PLACES = {
    "heading": "the heading",
    "section": "the date section",
    "label": "the labelled line",
    "pattern": "the date line",
    "frontmatter": "the front matter's date",
}


def _where(date: NoteDate) -> str:
    if date.source == "heading" and date.level is not None:
        return f"the level-{date.level} heading"
    return _PLACES.get(date.source, date.source)


def _month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _agrees(date: NoteDate, first: dt.date, last: dt.date, name_precision: str) -> bool:
    """Whether ``date`` falls in the file name's day or range, compared at the coarser
    precision of the two: a month (``January 2023``, ``2023-01-call.md``) agrees with
    each of its days."""
    value = from_iso(date.value or "")
    if date.precision == "month" or name_precision == "month":
        return _month(first) <= _month(value) <= _month(last)
    return first <= value <= last


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    """One finding per stated date (heading, section, labelled line, pattern, front
    matter) outside the file name's date or range (``2025-02-03-to-2025-09-01.md``).

    A month on either side (``# January 2023`` in ``2023-01-17.md``, ``# 2023-01-17``
    in ``2023-01-call.md``) is compared as a month."""
    if not ctx.config.date.filename or note.filename_date is None:
        return
    first = from_iso(note.filename_date)
    last = from_iso(note.filename_date_end or note.filename_date)
    if note.filename_date_precision == "month":
        says = f"says {first:%Y-%m}"
    else:
        says = f"spans {first} to {last}" if note.filename_date_end else f"says {first}"
    for date in note.dates:
        if date.value is None or _agrees(date, first, last, note.filename_date_precision):
            continue
        where = "" if date == note.date else f" by {_where(date)}"
        stated = date.value[:7] if date.precision == "month" else date.value
        yield Finding(
            date.line,
            date.col,
            f"the note is dated {stated}{where} but its file name {says} "
            f"('{note.filename_date_text}'): fix whichever is wrong",
        )
