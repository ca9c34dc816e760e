"""One reader for a note's dates (issue 18): the parser and ``init`` read a stated date
the same way, and a file name's number date follows ``date.formats`` as a heading's does.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_cli, write_team

from notes_lint.dates import NAMED_FORMATS, date_in_path, read_stated_date

DAY_FIRST = "extends: generic\ndate:\n  level: 1\n  formats: [iso, '%d.%m.%Y']\n"
BODY = "\n## Attendees\n\n- Ana\n\n## Agenda\n\n- plans\n"


def _check(folder: Path) -> list[tuple[str, int, str]]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)]


def _filename_date(folder: Path, name: str) -> object:
    result = run_cli("dump", "--no-cache", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["filename_date"]


def test_a_day_first_file_name_is_read_through_the_configured_format(tmp_path: Path) -> None:
    notes = {
        "notes/meeting_05.03.2024.md": "# Sync 05.03.2024\n" + BODY,
        "notes/meeting_12.03.2024.md": "# Sync 13.03.2024\n" + BODY,
    }
    folder = write_team(tmp_path, DAY_FIRST, notes)
    assert _filename_date(folder, "notes/meeting_05.03.2024.md") == "2024-03-05"
    nl102 = [(line, m) for code, line, m in _check(folder) if code == "NL102"]
    assert len(nl102) == 1
    assert "dated 2024-03-13" in nl102[0][1] and "'12.03.2024'" in nl102[0][1]


def test_without_the_format_a_day_first_file_name_is_not_read(tmp_path: Path) -> None:
    folder = write_team(
        tmp_path, "extends: generic\n", {"notes/meeting_05.03.2024.md": "# Sync\n" + BODY}
    )
    assert _filename_date(folder, "notes/meeting_05.03.2024.md") is None


@pytest.mark.parametrize(
    ("path", "formats", "want"),
    [
        ("notes/meeting_05.03.2024.md", ("%d.%m.%Y",), dt.date(2024, 3, 5)),
        ("notes/03-05-2024-sync.md", ("%m-%d-%Y",), dt.date(2024, 3, 5)),
        ("notes/2024-03-05-planning.md", (), dt.date(2024, 3, 5)),
        ("notes/v1.2.2024.md", ("%d.%m.%Y",), None),  # a version: no date inside a word
        ("notes/meeting_05.03.2024.md", ("%d.%m",), None),  # no year: not a file's date
    ],
)
def test_date_in_path_with_formats(path: str, formats: tuple[str, ...], want: dt.date) -> None:
    found = date_in_path(path, formats)
    assert (found.value if found else None) == want


def test_a_day_that_does_not_exist_is_no_month_for_init_either() -> None:
    """``init`` counted ``30 Feb 2024`` as February 2024 where ``check`` said NL101."""
    assert read_stated_date("Sync 30 Feb 2024", NAMED_FORMATS, "notes/sync.md") is None
    found = read_stated_date("Sync February 2024", NAMED_FORMATS, "notes/sync.md")
    assert found is not None and (found.value, found.precision) == (dt.date(2024, 2, 1), "month")
    yearless = read_stated_date("Sync June 8th", NAMED_FORMATS, "notes/sync.md")
    assert yearless is not None and (yearless.value, yearless.year) == (None, "missing")
    dated = read_stated_date("Sync June 8th", NAMED_FORMATS, "2021/sync.md")
    assert dated is not None and (dated.value, dated.year) == (dt.date(2021, 6, 8), "path")
