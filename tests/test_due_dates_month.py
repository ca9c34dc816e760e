"""Due dates that name a month and no day (issue 18): due at the end of that month.

``due September 2021``, ``by Sept 2021``, ``due 2021-09`` and, with a strftime format
without a day in ``date.formats`` (``%B %Y``, ``%Y-%m``), ``due September 2021`` through
it: the TODO's due value is the month's last day, and NL303 fires only when that day is
before the meeting.  A day date is read first: ``by 14 September 2021`` is the 14th.
The oracle for a month's last day is the day before the next month's first (not the
module's own :func:`calendar.monthrange` call).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

from conftest import run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.config import default_due_pattern
from notes_lint.dates import MONTH_NAMES, NAMED_FORMATS, read_due

MONTH_FORMATS = ("%B %Y", "%Y-%m", "%m/%Y")
FORMATS = (*NAMED_FORMATS, *MONTH_FORMATS)
DEFAULT = re.compile(default_due_pattern(NAMED_FORMATS))
CONFIGURED = re.compile(default_due_pattern(FORMATS))

# How people write a month with its year (the default config reads all of these).
WRITTEN: dict[str, Callable[[int, int], str]] = {
    "name": lambda y, m: f"{MONTH_NAMES[m - 1]} {y}",
    "short": lambda y, m: f"{MONTH_NAMES[m - 1][:3]} {y}",
    "short-dot": lambda y, m: f"{MONTH_NAMES[m - 1][:3]}. {y}",
    "sept": lambda y, m: f"{'Sept' if m == 9 else MONTH_NAMES[m - 1]} {y}",
    "comma": lambda y, m: f"{MONTH_NAMES[m - 1]}, {y}",
    "iso": lambda y, m: f"{y}-{m:02}",
}


# Written through a strftime format without a day that the config lists.
def _strftime_month(year: int, month: int, fmt: str) -> str:
    return dt.date(year, month, 1).strftime(fmt)


def _last_day(year: int, month: int) -> dt.date:
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return following - dt.timedelta(days=1)


def _found(pattern: re.Pattern[str], written: str) -> str | None:
    match = pattern.search(f"ship the release due {written}")
    return match["date"] if match else None


YEARS = st.integers(1900, 2099)
MONTHS = st.integers(1, 12)


@given(year=YEARS, month=MONTHS, label=st.sampled_from(sorted(WRITTEN)))
def test_a_month_is_due_on_its_last_day(year: int, month: int, label: str) -> None:
    event(label)
    written = WRITTEN[label](year, month)
    assert _found(DEFAULT, written) == written
    assert read_due(written, NAMED_FORMATS, None).value == _last_day(year, month)


@given(year=YEARS, month=MONTHS, fmt=st.sampled_from(MONTH_FORMATS))
def test_a_month_through_a_configured_format_is_due_on_its_last_day(
    year: int, month: int, fmt: str
) -> None:
    event(fmt)
    written = _strftime_month(year, month, fmt)
    assert _found(CONFIGURED, written) == written
    assert read_due(written, FORMATS, None).value == _last_day(year, month)


DAY_WRITTEN: dict[str, Callable[[dt.date], str]] = {
    "dmy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}",
    "dmy-sept": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:4]} {d.year}",
    "mdy": lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}",
    "iso": lambda d: d.isoformat(),
}


@given(
    date=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    label=st.sampled_from(sorted(DAY_WRITTEN)),
)
def test_a_day_date_is_never_cut_to_its_month(date: dt.date, label: str) -> None:
    """Month formats in the config or not, a written day is that day."""
    event(label)
    written = DAY_WRITTEN[label](date)
    if label == "dmy-sept" and date.month != 9:
        written = DAY_WRITTEN["dmy"](date)
    for pattern, formats in ((DEFAULT, NAMED_FORMATS), (CONFIGURED, FORMATS)):
        assert _found(pattern, written) == written
        assert read_due(written, formats, None).value == date


def test_lowercase_may_is_no_month() -> None:
    """``may`` is the month only capitalised, as in a note's stated month."""
    assert _found(DEFAULT, "may 2021") is None
    assert read_due("May 2021", NAMED_FORMATS, None).value == dt.date(2021, 5, 31)


# ------------------------------------------------------------ by the CLI


def _due_and_nl303(folder: Path, name: str) -> tuple[list[str | None], dict[int, str]]:
    dump = run_cli("dump", "--no-cache", name, cwd=folder)
    assert dump.returncode == 0, dump.stderr
    dues = [todo["due"] for todo in json.loads(dump.stdout)["todos"]]
    check = run_cli("check", "--no-cache", "--format", "json", "--select", "NL303", cwd=folder)
    assert check.returncode in (0, 1), check.stderr
    found = {d["line"]: d["message"] for d in json.loads(check.stdout) if d["code"] == "NL303"}
    return dues, found


def test_months_with_the_default_config(tmp_path: Path) -> None:
    """The reviewer's cases: no due date was read, so no NL303 in a note after the month."""
    note = (
        "# Meeting 2021-10-05\n\n## Action items\n\n"
        "- TODO: ship S (Ana) due September 2021\n"
        "- TODO: ship T (Ana) due 2021-09\n"
        "- TODO: ship U (Ana) by Sept 2021\n"
        "- TODO: ship V (Ana) due 2021-10\n"
        "- TODO: ship W (Ana) by 14 September 2021\n"
    )
    write_team(tmp_path, "{}\n", {"2021-10-05.md": note})
    dues, found = _due_and_nl303(tmp_path, "2021-10-05.md")
    assert dues == ["2021-09-30", "2021-09-30", "2021-09-30", "2021-10-31", "2021-09-14"]
    assert found == {
        5: "due date 'September 2021' (2021-09-30) is before the meeting (2021-10-05): "
        "overdue or mistyped; write the date it is now due",
        6: "due date '2021-09' (2021-09-30) is before the meeting (2021-10-05): "
        "overdue or mistyped; write the date it is now due",
        7: "due date 'Sept 2021' (2021-09-30) is before the meeting (2021-10-05): "
        "overdue or mistyped; write the date it is now due",
        9: "due date '14 September 2021' (2021-09-14) is before the meeting (2021-10-05): "
        "overdue or mistyped; write the date it is now due",
    }
    todos = run_cli("todos", "--format", "json", "--today", "2021-12-01", cwd=tmp_path)
    owners = {entry["owner"] for entry in json.loads(todos.stdout)["entries"]}
    assert owners == {"Ana"}  # the tag before the due date is the owner's


def test_a_month_in_a_strftime_format_is_due_at_its_end(tmp_path: Path) -> None:
    """``date: {formats: [iso, "%B %Y"]}``: September 2021 has not ended on the 10th."""
    note = (
        "# Meeting 2021-09-10\n\n## Action items\n\n"
        "- TODO: ship (Ana) due September 2021\n"
        "- TODO: plan (Ana) due August 2021\n"
        "- TODO: test (Ana) by 2 September 2021\n"
    )
    config = 'date:\n  formats: [iso, "%B %Y"]\n'
    write_team(tmp_path, config, {"2021-09-10.md": note})
    dues, found = _due_and_nl303(tmp_path, "2021-09-10.md")
    assert dues == ["2021-09-30", "2021-08-31", "2021-09-02"]
    assert found == {
        6: "due date 'August 2021' (2021-08-31) is before the meeting (2021-09-10): "
        "overdue or mistyped; write the date it is now due",
        7: "due date '2 September 2021' (2021-09-02) is before the meeting (2021-09-10): "
        "overdue or mistyped; write the date it is now due",
    }


def test_a_weekday_before_a_month_is_reported(tmp_path: Path) -> None:
    note = "# Meeting 2021-09-10\n\n## Action items\n\n- TODO: ship (Ana) by Tue, Sept 2021\n"
    write_team(tmp_path, "{}\n", {"2021-09-10.md": note})
    dues, found = _due_and_nl303(tmp_path, "2021-09-10.md")
    assert dues == [None]
    assert found == {
        5: "the due date 'Tue, Sept 2021' names a Tuesday, but a month is no day: write the day"
    }
