"""Due dates and command-line dates as a reviewer wrote them (issue 18).

Each note here is written for the test: ``Due``/``BY`` in capitals, a date in bold or
code, a note dated only by its file name, a year-less date with a weekday, a config's
own formats in NL303's suggestion, and ``--today``/``new --date`` with a weekday or out
of the years the tool reads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.dates import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTH_NAMES,
    NAMED_FORMATS,
    WEEKDAY_NAMES,
    argument_date,
    find_date,
    read_due,
)

GENERIC = "extends: generic\n"
BODY = "\n## Attendees\n\n- Priya\n\n## Action items\n\n"


def _team(
    tmp_path: Path,
    todos: list[str],
    *,
    name: str = "notes/2025-06-17.md",
    heading: str = "# Team meeting 2025-06-17",
    config: str = GENERIC,
) -> Path:
    text = heading + "\n" + BODY + "".join(f"- [ ] Priya: {todo}\n" for todo in todos)
    return write_team(tmp_path, config, {name: text})


def _first_todo_line(todos: list[str]) -> int:
    return 1 + BODY.count("\n") + 1  # heading, body, then the first TODO


def _nl303(folder: Path) -> dict[int, str]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return {d["line"]: d["message"] for d in json.loads(result.stdout) if d["code"] == "NL303"}


def _dump(folder: Path, name: str = "notes/2025-06-17.md") -> list[dict[str, object]]:
    result = run_cli("dump", "--no-cache", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    todos: list[dict[str, object]] = json.loads(result.stdout)["todos"]
    return todos


# ------------------------------------------------------------ 1. due/by in any case


def test_due_and_by_in_any_case(tmp_path: Path) -> None:
    todos = ["a Due 2024-09-01", "b BY 2024-09-01", "c By 2024-09-01", "d DUE: 2024-09-01"]
    folder = _team(tmp_path, todos)
    assert [t["due"] for t in _dump(folder)] == ["2024-09-01"] * 4
    first = _first_todo_line(todos)
    assert sorted(_nl303(folder)) == list(range(first, first + 4))


def test_a_capitalised_by_before_a_name_is_no_due_date(tmp_path: Path) -> None:
    folder = _team(tmp_path, ["review it By Niko", "BY THE WAY ask Ana"])
    assert [t.get("due_text") for t in _dump(folder)] == [None, None]


# ------------------------------------------------------------ 2. dates in inline markup


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("**2025-03-14**", "2025-03-14"),
        ("`2025-03-14`", "2025-03-14"),
        ("_14 March 2025_", "2025-03-14"),
        ("*March 14, 2025*", "2025-03-14"),
        ("14&nbsp;March 2025", "2025-03-14"),
        ("_March 14_", "2026-03-14"),  # year-less: the first 14 March after the meeting
    ],
)
def test_a_date_in_inline_markup_is_read_as_rendered(
    tmp_path: Path, written: str, due: str
) -> None:
    folder = _team(tmp_path, [f"ship it by {written}"])
    assert [t["due"] for t in _dump(folder)] == [due]
    found = _nl303(folder)
    assert bool(found) == (due < "2025-06-17")


def test_a_due_date_in_markup_moved_later_is_the_same_todo(tmp_path: Path) -> None:
    """The id leaves the due date out (PRODUCT.md §7), as written in markup too."""
    folder = _team(tmp_path, ["ship it by **2025-07-01**", "ship it by **2025-08-01**"])
    todos = _dump(folder)
    assert [t["due"] for t in todos] == ["2025-07-01", "2025-08-01"]
    assert todos[0]["id"] == todos[1]["id"]
    (tmp_path / "other").mkdir()
    other = _team(tmp_path / "other", ["ship it"])
    assert _dump(other)[0]["id"] == todos[0]["id"]


# ------------------------------------------------------------ 3. dated by the file name


def test_a_note_dated_by_its_file_name_gives_its_due_dates_their_meeting(
    tmp_path: Path,
) -> None:
    todos = ["e1 by 2025-03-14", "e2 by March 14", "e3 by 2025-07-14", "e4 by Fri 14 March"]
    folder = _team(tmp_path, todos, name="notes/2025-06-10.md", heading="# Team meeting")
    assert [t["due"] for t in _dump(folder, "notes/2025-06-10.md")] == [
        "2025-03-14",
        "2026-03-14",  # readable: the year is the first after the file name's date
        "2025-07-14",
        "2025-03-14",
    ]
    first = _first_todo_line(todos)
    found = _nl303(folder)
    assert sorted(found) == [first, first + 3]
    assert found[first] == (
        "due date 2025-03-14 is before the meeting (2025-06-10):"
        " overdue or mistyped; write the date it is now due"
    )


def test_a_note_with_no_date_at_all_says_why_a_yearless_due_date_has_none(
    tmp_path: Path,
) -> None:
    folder = _team(tmp_path, ["by March 14"], name="notes/minutes.md", heading="# Team meeting")
    found = _nl303(folder)
    assert list(found.values()) == [
        "the due date 'March 14' has no year, and the note has no date to give it one: "
        "write the year"
    ]


# ------------------------------------------------------------ 4. a weekday picks the year


def test_a_weekday_picks_the_year_of_a_yearless_due_date(tmp_path: Path) -> None:
    # 14 March is a Friday in 2025, a Saturday in 2026; a Thursday in 2024, but that is
    # more than a year before the meeting; no Sunday from 2023 to 2027.
    todos = [
        "c14 by Fri 14 March",
        "s by Saturday, 14 March",
        "t by Thu 14 Mar",
        "x by Sun 14 March",
    ]
    folder = _team(tmp_path, todos)
    assert [t["due"] for t in _dump(folder)] == ["2025-03-14", "2026-03-14", None, None]
    first = _first_todo_line(todos)
    found = _nl303(folder)
    assert sorted(found) == [first, first + 2, first + 3]
    assert found[first] == (
        "due date 'Fri 14 March' (2025-03-14) is before the meeting (2025-06-17): "
        "overdue or mistyped; write the date it is now due"
    )
    assert found[first + 3] == (
        "the due date 'Sun 14 March' names a Sunday, but no 14 March within a year of the "
        "meeting (2025-06-17) is one: fix the weekday or write the year"
    )


def test_a_weekday_that_a_dated_due_date_does_not_fall_on(tmp_path: Path) -> None:
    folder = _team(tmp_path, ["c5 by Tuesday, 2025-03-14", "ok by Friday, 2025-03-14"])
    first = _first_todo_line([])
    assert _nl303(folder) == {
        first: "the due date 'Tuesday, 2025-03-14' names a Tuesday, but 2025-03-14 is a "
        "Friday: fix the weekday or the date",
        first + 1: "due date 'Friday, 2025-03-14' (2025-03-14) is before the meeting "
        "(2025-06-17): overdue or mistyped; write the date it is now due",
    }


DAYS = st.dates(min_value=dt.date(1902, 1, 1), max_value=dt.date(2097, 12, 31))


def _yearless(day: dt.date, weekday: int, abbreviated: bool) -> str:
    name, month = WEEKDAY_NAMES[weekday], MONTH_NAMES[day.month - 1]
    if abbreviated:
        return f"{name[:3]} {month[:3]} {day.day}"
    return f"{name}, {day.day} {month}"


@given(day=DAYS, offset=st.integers(-365, 365), abbreviated=st.booleans())
def test_a_yearless_date_with_its_weekday_is_that_day(
    day: dt.date, offset: int, abbreviated: bool
) -> None:
    """Oracle: the day the text was rendered from, up to a year either side of the meeting."""
    event("due before the meeting" if offset > 0 else "due on or after the meeting")
    meeting = day + dt.timedelta(days=offset)
    written = _yearless(day, day.weekday(), abbreviated)
    assert read_due(written, NAMED_FORMATS, meeting).value == day


@given(day=DAYS, shift=st.sampled_from([3, 4]), abbreviated=st.booleans())
def test_a_weekday_no_nearby_year_has_is_reported(
    day: dt.date, shift: int, abbreviated: bool
) -> None:
    """A day and month move one or two weekdays a year: three or four off is no
    weekday the day has within a year of the meeting."""
    due = read_due(_yearless(day, (day.weekday() + shift) % 7, abbreviated), NAMED_FORMATS, day)
    assert due.value is None
    assert due.problem is not None and due.problem.startswith("names a ")


@given(day=DAYS, ahead=st.integers(0, 300))
def test_a_yearless_date_without_a_weekday_is_the_next_such_day(day: dt.date, ahead: int) -> None:
    if (day.month, day.day) == (2, 29):
        event("29 February")
        return
    meeting = day - dt.timedelta(days=ahead)
    written = f"{day.day} {MONTH_NAMES[day.month - 1]}"
    assert read_due(written, NAMED_FORMATS, meeting).value == day


# ------------------------------------------------------------ 5. NL303 suggests date.formats


def test_nl303_suggests_the_configured_formats(tmp_path: Path) -> None:
    config = (
        "extends: generic\ndate:\n  formats: ['%d-%m-%Y', '%d %b']\n"
        "todos:\n  due-pattern: '(?i)\\bdue:?\\s+(?P<date>\\S+)'\n"
    )
    folder = _team(
        tmp_path, ["ship it due soon"], heading="# Team meeting 17-06-2025", config=config
    )
    assert list(_nl303(folder).values()) == [
        "cannot read the due date 'soon': write it as 01-10-2021"
    ]


def test_nl303_suggests_the_named_formats_by_default(tmp_path: Path) -> None:
    config = "extends: generic\ntodos:\n  due-pattern: '(?i)\\bdue:?\\s+(?P<date>\\S+)'\n"
    folder = _team(tmp_path, ["ship it due soon"], config=config)
    assert list(_nl303(folder).values()) == [
        "cannot read the due date 'soon': write it as 2021-10-01 or October 1st, 2021 "
        "or 1 October 2021"
    ]


def test_a_due_date_outside_the_years_read(tmp_path: Path) -> None:
    folder = _team(tmp_path, ["ship it by 2150-01-01", "ship it by 2023-02-30"])
    assert list(_nl303(folder).values()) == [
        "the due date '2150-01-01' is not in the years 1900–2099: fix the year",
        "the due date '2023-02-30' is not a real day: that month has no such day",
    ]


# ------------------------------------------------------------ 6. command-line dates

LEDGER_NOTES = {
    "notes/2025-03-04.md": "# Sync 2025-03-04\n" + BODY + "- [ ] Priya: update the wiki\n"
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return write_team(tmp_path, GENERIC, LEDGER_NOTES)


def _ages(team: Path, today: str) -> list[tuple[object, object]]:
    result = run_cli("todos", "--format", "json", "--today", today, cwd=team)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    return [(entry["age_days"], entry["status"]) for entry in entries]


@pytest.mark.parametrize(
    "today", ["Wed, 19 Mar 2025", "Wednesday 19 March 2025", "wed. 2025-03-19"]
)
def test_today_with_its_weekday(team: Path, today: str) -> None:
    assert _ages(team, today) == _ages(team, "2025-03-19")
    assert _ages(team, today)[0][0] == 15


@pytest.mark.parametrize(
    ("today", "message"),
    [
        ("Tue, 19 Mar 2025", "'Tue, 19 Mar 2025': 2025-03-19 is a Wednesday, not a Tuesday"),
        ("19 March", "'19 March' has no year: write the whole date (e.g. 2021-09-14)"),
        ("Wed 19 March", "'Wed 19 March' has no year: write the whole date (e.g. 2021-09-14)"),
        ("1899-12-31", "'1899-12-31' is not in the years 1900–2099 that notes-lint reads"),
        ("2100-01-01", "'2100-01-01' is not in the years 1900–2099 that notes-lint reads"),
        ("Wed, nonsense", "not a date: 'Wed, nonsense' (write it as 2021-09-14)"),
    ],
)
def test_a_today_that_cannot_be_is_one_usage_line(team: Path, today: str, message: str) -> None:
    result = run_cli("todos", "--today", today, cwd=team)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_today_before_the_first_note_ages_nothing(team: Path) -> None:
    assert _ages(team, "2025-03-01") == [(0, "open")]


def test_new_date_with_its_weekday(team: Path) -> None:
    made = run_cli("new", "--no-cache", "--date", "Tue, 25 Mar 2025", cwd=team)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == "# Sync 2025-03-25"
    refused = run_cli("new", "--no-cache", "--date", "1899-12-31", cwd=team)
    assert refused.returncode == 2
    assert "is not in the years 1900–2099" in refused.stderr


@given(day=st.dates(min_value=dt.date(1000, 1, 1)), weekday=st.booleans(), iso=st.booleans())
def test_argument_date_reads_a_whole_date_in_the_years_read(
    day: dt.date, weekday: bool, iso: bool
) -> None:
    written = day.isoformat() if iso else f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year:04}"
    if weekday:
        written = f"{WEEKDAY_NAMES[day.weekday()][:3]}, {written}"
    inside = FIRST_YEAR <= day.year <= LAST_YEAR
    event("inside the years" if inside else "outside the years")
    if inside:
        assert argument_date(written) == day
    else:
        with pytest.raises(ValueError, match="is not in the years"):
            argument_date(written)


OUTSIDE = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)).filter(
    lambda day: not FIRST_YEAR <= day.year <= LAST_YEAR
)


@given(day=OUTSIDE, iso=st.booleans())
def test_a_date_outside_the_years_is_no_date_in_a_note(day: dt.date, iso: bool) -> None:
    """One range for every date read: a heading's or a due date's as the command line's."""
    written = day.isoformat() if iso else f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    event("before" if day.year < FIRST_YEAR else "after")
    text = f"Sync {written} notes"
    assert find_date(text, NAMED_FORMATS) is None
    found = find_date(text, NAMED_FORMATS, any_year=True)
    assert found is not None and found.value == day
