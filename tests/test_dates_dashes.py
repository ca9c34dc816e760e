"""Dates written with a Unicode dash where ISO writes ``-`` (issue 18, one definition of a
date): every reader of :mod:`notes_lint.dates` takes each of :data:`~notes_lint.dates.DASHES`
in every format and file-name shape that has a hyphen, strftime patterns of
``date.formats`` too, and gives the date it gives for ``-``; a range of dates in a file
name stays a range.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.config import default_due_pattern
from notes_lint.dates import (
    DASHES,
    MONTH,
    MONTH_NAMES,
    NAMED_FORMATS,
    date_in_path,
    find_date,
    find_month,
    numeric_date_formats,
    read_due,
    read_stated_date,
)

# The dashes word processors and editors write for ``-`` (the brief of issue 18 names
# these five; DASHES holds them and more).
WORD_PROCESSOR_DASHES = ("\u2010", "\u2011", "\u2012", "\u2013", "\u2212")
DAY_FIRST = "%d-%m-%Y"
FORMATS = (*NAMED_FORMATS, DAY_FIRST)
DUE = re.compile(default_due_pattern(FORMATS))
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))

Render = Callable[[dt.date, str], str]

# How a day is written with a hyphen, for each format that has one; ``d`` is the dash.
DAY_FORMS: dict[str, Render] = {
    "iso": lambda x, d: f"{x.year:04}{d}{x.month:02}{d}{x.day:02}",
    "iso-short": lambda x, d: f"{x.year}{d}{x.month}{d}{x.day}",
    "month-day-year": lambda x, d: f"{MONTH_NAMES[x.month - 1][:3]}{d}{x.day:02}{d}{x.year}",
    "day-month-year": lambda x, d: f"{x.day:02}{d}{MONTH_NAMES[x.month - 1][:3]}{d}{x.year}",
    DAY_FIRST: lambda x, d: x.strftime(DAY_FIRST).replace("-", d),
}
# File names that hold a day: the name, and how it is written.
FILE_FORMS: dict[str, Render] = {
    "iso": lambda x, d: f"notes/{x.year:04}{d}{x.month:02}{d}{x.day:02}.md",
    "iso-suffix": lambda x, d: f"notes/{x.year:04}{d}{x.month:02}{d}{x.day:02}{d}weekly.md",
    "year-folder": lambda x, d: f"{x.year}/CG{d}{x.month:02}{d}{x.day:02}.md",
    DAY_FIRST: lambda x, d: f"notes/meeting_{x.strftime(DAY_FIRST).replace('-', d)}.md",
}


def _readers(written: str) -> dict[str, dt.date | None]:
    """What each reader that takes ``form`` reads in ``written`` (a day)."""
    match = DUE.search(f"- Ana to ship the release due {written}")
    return {
        "heading": (found.value if (found := find_date(f"Sync {written}", FORMATS)) else None),
        "stated": (
            stated.value
            if (stated := read_stated_date(f"Meeting {written}", FORMATS, "notes/x.md"))
            else None
        ),
        "due pattern": (read_due(match["date"], FORMATS, None).value if match else None),
        "due": read_due(written, FORMATS, None).value,
    }


@given(date=DATES, dash=st.sampled_from(DASHES), form=st.sampled_from(sorted(DAY_FORMS)))
def test_every_reader_reads_a_day_with_any_dash_as_with_a_hyphen(
    date: dt.date, dash: str, form: str
) -> None:
    """Oracle: the date the test wrote; and the hyphen's reading, reader by reader."""
    event(f"{form} U+{ord(dash):04X}")
    written = DAY_FORMS[form](date, dash)
    assert _readers(written) == dict.fromkeys(_readers(written), date)
    assert _readers(written) == _readers(DAY_FORMS[form](date, "-"))


@given(date=DATES, dash=st.sampled_from(DASHES), form=st.sampled_from(sorted(FILE_FORMS)))
def test_a_file_name_reads_a_day_with_any_dash_as_with_a_hyphen(
    date: dt.date, dash: str, form: str
) -> None:
    event(f"{form} U+{ord(dash):04X}")
    found = date_in_path(FILE_FORMS[form](date, dash), FORMATS)
    hyphen = date_in_path(FILE_FORMS[form](date, "-"), FORMATS)
    assert found is not None and hyphen is not None
    assert (found.value, found.end, found.precision) == (date, None, "day")
    assert found.text == hyphen.text.replace("-", dash)  # quoted as written


@given(date=DATES, dash=st.sampled_from(DASHES))
def test_a_month_reads_with_any_dash(date: dt.date, dash: str) -> None:
    event(f"U+{ord(dash):04X}")
    first = date.replace(day=1)
    written = f"{date.year}{dash}{date.month:02}"
    month = find_month(f"Monthly call {written}", FORMATS)
    assert month is not None and (month.value, month.precision) == (first, MONTH)
    named = date_in_path(f"notes/{written}{dash}community{dash}call.md", FORMATS)
    assert named is not None and (named.value, named.precision) == (first, MONTH)


RANGE_SEPARATORS = ("--", "\u2013", " \u2013 ", "\u2014", "-to-", "_to_")


@given(
    start=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 6, 30)),
    days=st.integers(0, 180),
    dash=st.sampled_from(DASHES),
    separator=st.sampled_from(RANGE_SEPARATORS),
    year_at_end=st.booleans(),
)
def test_a_range_stays_a_range_whatever_dash_its_dates_have(
    start: dt.date, days: int, dash: str, separator: str, year_at_end: bool
) -> None:
    """The separators of a range (``--``, an en or em dash, ``to``) are those read before
    dashes inside dates were: a range is a range, its dates written with any dash."""
    event(f"{separator!r} U+{ord(dash):04X}")
    end = start + dt.timedelta(days=days)
    if end.year != start.year:
        year_at_end = True
    first = f"{start.year}{dash}{start.month:02}{dash}{start.day:02}"
    last = f"{end.month:02}{dash}{end.day:02}"
    last = f"{end.year}{dash}{last}" if year_at_end else last
    found = date_in_path(f"sprints/{first}{separator}{last}.md")
    assert found is not None and (found.value, found.end) == (start, end)


@pytest.mark.parametrize("dash", WORD_PROCESSOR_DASHES)
def test_one_hyphen_between_two_dates_is_no_range_as_before(dash: str) -> None:
    """``2021-09-14-2021-09-20`` is no range (its first date is read): with any other
    single dash between the two, the same."""
    found = date_in_path(f"2021{dash}09{dash}14-2021{dash}09{dash}20.md")
    assert found is not None and (found.value, found.end) == (dt.date(2021, 9, 14), None)


@pytest.mark.parametrize("dash", WORD_PROCESSOR_DASHES)
def test_nl101_names_a_format_with_a_hyphen_for_a_dashed_number_date(dash: str) -> None:
    """The strftime pattern a message suggests writes ``-``: it reads every dash."""
    assert numeric_date_formats(f"Sync 14{dash}09{dash}2021") == (
        f"14{dash}09{dash}2021",
        ("%d-%m-%Y",),
    )


# ------------------------------------------------------------------ as a user runs it

BODY = "\n## Attendees\n\n- Ana\n\n## Agenda\n\n- plans\n\n## Notes\n\n- n\n\n## Action items\n\n"


def _check(folder: Path) -> list[tuple[str, str, int, str]]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return sorted(
        (Path(d["path"]).name, d["code"], d["line"], d["message"])
        for d in json.loads(result.stdout)
    )


@pytest.mark.parametrize("dash", WORD_PROCESSOR_DASHES)
def test_check_reads_every_dash_in_heading_file_name_and_due_date(
    tmp_path: Path, dash: str
) -> None:
    """Heading, file name and due date in ISO, and a configured ``%d-%m-%Y``: NL102 and
    NL303 fire as with ``-``, and quote the dates as written."""

    def iso(day: int) -> str:
        return f"2021{dash}09{dash}{day:02}"

    def day_first(day: int) -> str:
        return f"{day:02}{dash}09{dash}2021"

    notes = {
        f"notes/{iso(15)}.md": f"# Meeting {iso(14)}\n{BODY}- Ana to draft due {iso(10)}\n",
        f"notes/meeting {day_first(15)}.md": (
            f"# Meeting {day_first(14)}\n{BODY}- Ana to draft due {day_first(10)}\n"
        ),
    }
    config = f"extends: generic\ndate:\n  level: 1\n  formats: [iso, '{DAY_FIRST}']\n"
    found = _check(write_team(tmp_path, config, notes))
    assert [(code, line) for _name, code, line, _m in found] == [
        ("NL102", 1),
        ("NL303", 17),
        ("NL102", 1),
        ("NL303", 17),
    ]
    messages = [message for *_, message in found]
    assert f"its file name says 2021-09-15 ('{iso(15)}')" in messages[0]
    assert f"due date '{iso(10)}' (2021-09-10) is before the meeting (2021-09-14)" in messages[1]
    assert f"its file name says 2021-09-15 ('{day_first(15)}')" in messages[2]
    assert f"due date '{day_first(10)}' (2021-09-10)" in messages[3]


def test_nl101_quotes_a_dashed_date_as_written(tmp_path: Path) -> None:
    """Without a day-first format, NL101 quotes the date with its dashes and names the
    format (with ``-``) that reads it."""
    folder = write_team(tmp_path, "extends: generic\n", {"notes/sync.md": "# Sync 14–09–2021\n"})
    [(_name, _code, _line, message)] = [f for f in _check(folder) if f[1] == "NL101"]
    assert "cannot read the date '14–09–2021'" in message and "add '%d-%m-%Y'" in message
