"""NL101: the meeting date must be stated where the schema says, and be parseable."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.dates import (
    EXAMPLE_DATE,
    examples,
    format_date,
    formats_with_year,
    has_date_like_text,
    numeric_date_formats,
)
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL101",
    name="date-heading",
    summary="no date heading at the configured level, or its date cannot be parsed",
    bad="## Weekly meeting\n\n### Discussion",
    good="## September 14th, 2021\n\n### Discussion",
)


def _where(ctx: Context) -> str:
    spec = ctx.config.date
    example = format_date(EXAMPLE_DATE, formats_with_year(spec.formats)[0])
    places = []
    if spec.level is not None:
        places.append(f"the first level-{spec.level} heading ({'#' * spec.level} {example})")
    if spec.section:
        places.append(f"the first line of the '{spec.section}' section")
    if spec.labels:
        places.append(f"a line '{spec.labels[0]}: {example}'")
    if spec.pattern is not None:
        places.append(f"a line matching /{spec.pattern.pattern}/")
    return " or ".join(places)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    spec = ctx.config.date
    if spec.level is None and spec.section is None and spec.pattern is None and not spec.labels:
        return
    formats = ", ".join(spec.formats)
    date = note.date
    if date is None:
        yield Finding(1, 1, f"no meeting date: state it as {_where(ctx)}")
    elif date.value is None and date.year == "missing":
        yield Finding(
            date.line,
            date.col,
            f"the date in '{date.text}' has no year, and the note's path names none: "
            f"write the year ({examples(formats_with_year(spec.formats))}) "
            "or keep the note in a year folder (2021/…)",
        )
    elif date.source == "heading" and date.level is not None and date.level != spec.level:
        where = f"a level-{spec.level} heading" if spec.level else _where(ctx)
        yield Finding(
            date.line,
            date.col,
            f"the meeting date {date.value} is in a level-{date.level} heading "
            f"('{'#' * date.level} {date.text}'), not in {where}: "
            f"write it as {'#' * (spec.level or 1)} {date.text}",
        )
    elif date.value is None and date.not_a_day is not None:
        yield Finding(
            date.line,
            date.col,
            f"'{date.not_a_day}' in '{date.text}' is not a real day: that month has no such day",
        )
    elif date.value is None and not has_date_like_text(date.text):
        yield Finding(
            date.line,
            date.col,
            f"no meeting date: '{date.text}' holds none; state it as {_where(ctx)}"
            if date.text
            else f"no meeting date: the front matter's 'date:' has no value; state it as "
            f"{_where(ctx)}",
        )
    elif date.value is None and (numeric := numeric_date_formats(date.text)) is not None:
        written, options = numeric
        yield Finding(
            date.line,
            date.col,
            f"cannot read the date '{written}' in '{date.text}': the config's formats "
            f"({formats}) do not say which number is the day; add "
            f"{' or '.join(repr(o) for o in options)} to date.formats, "
            f"or write it as {examples(spec.formats)}",
        )
    elif date.value is None:
        yield Finding(
            date.line,
            date.col,
            f"cannot read a date in '{date.text}': write it in one of the formats {formats} "
            f"(e.g. {examples(spec.formats)})",
        )
