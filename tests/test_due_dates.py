"""Due dates in every format the date module reads (issue 18).

The dates are written here by the test's own renderers (f-strings and
``date.strftime``), one or more per named format of :data:`notes_lint.dates.NAMED_FORMATS`
(the test fails when a named format has no renderer) and per strftime pattern a config
may list; the date module must read each back, the default ``todos.due-pattern`` must
find each after ``due`` and ``by``, and NL303 must fire when it falls before the meeting.
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
from notes_lint.dates import MONTH_NAMES, NAMED_FORMATS, WEEKDAY_NAMES, parse_date, read_due

Render = Callable[[dt.date], str]


def _month(date: dt.date) -> str:
    return MONTH_NAMES[date.month - 1]


def _weekday(date: dt.date) -> str:
    return WEEKDAY_NAMES[date.weekday()]


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# How people write a dated day, for each named format.
WRITTEN: dict[str, dict[str, Render]] = {
    "iso": {
        "iso": lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}",
        "iso-short": lambda d: f"{d.year}-{d.month}-{d.day}",
        "iso-slash": lambda d: f"{d.year}/{d.month:02}/{d.day:02}",
        "iso-dot": lambda d: f"{d.year}.{d.month:02}.{d.day:02}",
        "iso-u2011": lambda d: f"{d.year}\u2011{d.month:02}\u2011{d.day:02}",
        "iso-en-dash": lambda d: f"{d.year}\u2013{d.month:02}\u2013{d.day:02}",
        "iso-minus": lambda d: f"{d.year}\u2212{d.month:02}\u2212{d.day:02}",
    },
    "month-day-year": {
        "mdy": lambda d: f"{_month(d)} {d.day}, {d.year}",
        "mdy-ordinal": lambda d: f"{_month(d)} {_ordinal(d.day)}, {d.year}",
        "mdy-short": lambda d: f"{_month(d)[:3]} {d.day} {d.year}",
        "mdy-hyphen": lambda d: f"{_month(d)[:3]}-{d.day:02}-{d.year}",
        "mdy-weekday": lambda d: f"{_weekday(d)}, {_month(d)} {d.day}, {d.year}",
    },
    "day-month-year": {
        "dmy": lambda d: f"{d.day} {_month(d)} {d.year}",
        "dmy-of": lambda d: f"{_ordinal(d.day)} of {_month(d)} {d.year}",
        "dmy-hyphen": lambda d: f"{d.day:02}-{_month(d)[:3]}-{d.year}",
        "dmy-weekday": lambda d: f"{_weekday(d)[:3]} {d.day} {_month(d)[:3]} {d.year}",
    },
}
# The same without a year: the first such day on or after the meeting.
YEARLESS: dict[str, Render] = {
    "md": lambda d: f"{_month(d)} {d.day}",
    "md-short": lambda d: f"{_month(d)[:3]} {d.day}",
    "dm-of": lambda d: f"{_ordinal(d.day)} of {_month(d)}",
    "md-weekday": lambda d: f"{_weekday(d)[:3]} {_month(d)[:3]} {d.day}",
}
# Number formats a config lists (``date.formats``): the order is the writer's habit.
STRFTIME = ("%d/%m/%Y", "%m.%d.%y", "%d.%m.%Y", "%Y%m%d")
STRFTIME_YEARLESS = ("%d/%m",)

FORMATS = (*NAMED_FORMATS, *STRFTIME, *STRFTIME_YEARLESS)


def test_every_named_format_is_written_here() -> None:
    """A named format added to the date module breaks this test until it is written here."""
    assert set(WRITTEN) == set(NAMED_FORMATS)


def _all_dated(formats: tuple[str, ...]) -> dict[str, Render]:
    renders = {label: render for forms in WRITTEN.values() for label, render in forms.items()}
    for fmt in formats:
        renders[fmt] = _strftime(fmt)
    return renders


def _strftime(fmt: str) -> Render:
    return lambda date: date.strftime(fmt)


def _reads(pattern: re.Pattern[str], written: str) -> str | None:
    """The date text the due pattern finds in a TODO that ends ``due <written>``."""
    match = pattern.search(f"ship the release due {written}")
    return match["date"] if match else None


DUE = re.compile(default_due_pattern(FORMATS))
NL303_DATES = st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2068, 12, 31))


@given(date=NL303_DATES, label=st.sampled_from(sorted(_all_dated(STRFTIME))))
def test_each_written_date_is_read_back(date: dt.date, label: str) -> None:
    """Oracle: the date the test rendered (not another parser's reading)."""
    event(label)
    written = _all_dated(STRFTIME)[label](date)
    assert _reads(DUE, written) == written
    assert read_due(written, FORMATS, None).value == date


@given(date=NL303_DATES, label=st.sampled_from(sorted(YEARLESS)), ahead=st.integers(0, 364))
def test_a_yearless_due_date_is_the_next_such_day(date: dt.date, label: str, ahead: int) -> None:
    event(label)
    meeting = date - dt.timedelta(days=ahead)
    written = YEARLESS[label](date)  # with a weekday: that day's, the only one within a year
    assert _reads(DUE, written) == written
    if (date.month, date.day) == (2, 29) and ahead > 0:
        return  # 29 February: the next one may be years on
    assert read_due(written, FORMATS, meeting).value == date


@given(date=NL303_DATES)
def test_a_yearless_number_date_is_read_through_the_config(date: dt.date) -> None:
    written = date.strftime("%d/%m")
    assert _reads(DUE, written) == written
    if (date.month, date.day) != (2, 29):
        assert read_due(written, FORMATS, date).value == date


@pytest.mark.parametrize("text", ["by Niko", "by CPC #115", "due to #100513", "by oli 3 days"])
def test_words_after_due_or_by_are_no_date(text: str) -> None:
    assert DUE.search(text) is None


@pytest.mark.parametrize(
    "text", ["2021-09-14", "2021-9-14", "14 September 2021", "September 14th, 2021"]
)
def test_parse_date_reads_a_whole_date(text: str) -> None:
    assert parse_date(text) == dt.date(2021, 9, 14)


# ------------------------------------------------------------ NL303 by the CLI

MEETING = dt.date(2023, 6, 20)
BEFORE = dt.date(2023, 3, 14)  # day 14: no number format reads it in the other order
AFTER = dt.date(2023, 9, 14)
CONFIG = "extends: generic\ndate:\n  formats: [{}]\n".format(
    ", ".join(json.dumps(fmt) for fmt in FORMATS)
)


def _note(due: dt.date) -> tuple[str, dict[int, str], dict[int, str]]:
    """A note dated :data:`MEETING` whose TODOs are due on ``due``, each written in one
    format after ``due`` and after ``by``; with each TODO's line and its date's text."""
    lines = [f"# Sync {MEETING.isoformat()}", "", "## Notes", ""]
    where: dict[int, str] = {}
    written: dict[int, str] = {}
    for label, render in _all_dated(STRFTIME).items():
        for keyword in ("due", "by"):
            lines.append(f"- [ ] TODO(@alice): ship it {keyword} {render(due)}")
            where[len(lines)] = f"{keyword} {label}"
            written[len(lines)] = render(due)
    return "\n".join(lines) + "\n", where, written


def _nl303(folder: Path) -> dict[int, str]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return {d["line"]: d["message"] for d in json.loads(result.stdout) if d["code"] == "NL303"}


def test_nl303_fires_for_a_due_date_before_the_meeting_in_every_format(tmp_path: Path) -> None:
    text, where, written = _note(BEFORE)
    folder = write_team(tmp_path, CONFIG, {"notes/sync.md": text})
    found = _nl303(folder)
    missed = sorted(label for line, label in where.items() if line not in found)
    assert missed == []
    # the date as written, and the day read from it unless written as that day
    for line, message in found.items():
        shown = BEFORE.isoformat() if written[line] == BEFORE.isoformat() else None
        shown = shown or f"'{written[line]}' ({BEFORE})"
        assert message == (
            f"due date {shown} is before the meeting ({MEETING}):"
            " overdue or mistyped; write the date it is now due"
        )


def test_nl303_is_quiet_for_a_due_date_after_the_meeting(tmp_path: Path) -> None:
    text, where, _written = _note(AFTER)
    yearless = [
        f"- [ ] TODO(@alice): ship it {keyword} {render(BEFORE)}"
        for label, render in YEARLESS.items()
        if label != "md-weekday"  # a weekday picks its year: test_due_dates_weekday.py
        for keyword in ("due", "by")
    ]
    folder = write_team(tmp_path, CONFIG, {"notes/sync.md": text + "\n".join(yearless) + "\n"})
    assert _nl303(folder) == {}
    result = run_cli("dump", "--no-cache", "notes/sync.md", cwd=folder)
    todos = json.loads(result.stdout)["todos"]
    assert len(todos) == len(where) + len(yearless)
    # a year-less day before the meeting's is next year's, not an error
    assert {t["due"] for t in todos} == {AFTER.isoformat(), BEFORE.replace(year=2024).isoformat()}


def test_an_owner_tag_before_a_closing_due_date_is_the_owner(tmp_path: Path) -> None:
    """``Release 1.0 (Guillaume) due: 2021-10-01`` (NL303's own example) is Guillaume's,
    with or without a roster: the due date is said after the TODO and its owner."""
    note = (
        "# Meeting 2021-10-05\n\n## Action items\n\n"
        "- TODO: Release 1.0 (Guillaume) due: 2021-10-01\n"
        "- TODO: Release 2.0 (Ana) by 2021-11-01.\n"
        "- TODO: Draft the plan by 2021-11-01\n"
    )
    write_team(tmp_path, "{}\n", {"2021-10-05.md": note})
    out = run_cli("todos", "--format", "json", "--today", "2021-12-01", cwd=tmp_path)
    entries = json.loads(out.stdout)["entries"]
    assert [(e["owner"], e["text"]) for e in entries] == [
        ("Guillaume", "Release 1.0 due: 2021-10-01"),
        ("Ana", "Release 2.0 by 2021-11-01."),
        (None, "Draft the plan by 2021-11-01"),
    ]
    check = run_cli("check", "--select", "NL301,NL303", cwd=tmp_path)
    assert [line.split(" ")[1] for line in check.stdout.splitlines() if ": NL" in line] == [
        "NL303",
        "NL301",
    ]
