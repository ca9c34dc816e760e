"""Dates given on the command line and in the config go through the date module (issue 18).

``--today``, ``--since``, ``new --date`` and ``github.since`` used ``date.fromisoformat``,
which reads ``20210914`` and ``2021-W37-2`` from Python 3.11 on (not on 3.10) and not
``2021-9-14``, which the notes' own dates allow. Each now reads one whole date as the
notes write it (:func:`notes_lint.dates.parse_argument`), the same on every Python.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import run_cli, write_team

from notes_lint.dates import parse_argument, parse_month

CONFIG = """\
extends: generic
people:
  Alice: alice
github:
  repo: acme/notes
"""
NOTE = "# Sync 2024-01-10\n\n## Attendees\n\n- Alice\n\n## Agenda\n\n- TODO: Alice: ship it\n"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return write_team(tmp_path, CONFIG, {"notes/2024-01-10.md": NOTE})


def _ages(team: Path, today: str) -> list[object]:
    result = run_cli("todos", "--format", "json", "--today", today, cwd=team)
    assert result.returncode == 0, result.stderr
    return [entry["age_days"] for entry in json.loads(result.stdout)["entries"]]


@pytest.mark.parametrize("today", ["2024-1-20", "2024/01/20", "20 January 2024", "Jan 20, 2024"])
def test_today_in_any_spelling_of_a_whole_date(team: Path, today: str) -> None:
    assert _ages(team, today) == _ages(team, "2024-01-20") == [10]


@pytest.mark.parametrize("today", ["20240120", "2024-W03-6", "2024-02-30", "tomorrow", "2024-01"])
def test_a_today_that_is_no_whole_date_is_one_usage_line(team: Path, today: str) -> None:
    result = run_cli("todos", "--today", today, cwd=team)
    assert result.returncode == 2
    assert f"not a date: {today!r} (write it as 2021-09-14)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("since", ["2024-02-01", "'2024-02-01'"])
def test_github_since_in_the_config(team: Path, since: str) -> None:
    """The config schema keeps ``github.since`` to ``YYYY-MM-DD`` (editors check it);
    YAML reads it unquoted as a date, quoted as text that the date module reads."""
    (team / ".notes-lint.yaml").write_text(CONFIG + f"  since: {since}\n", encoding="utf-8")
    result = run_cli("sync", "--offline", "--today", "2024-03-01", "--format", "json", cwd=team)
    assert result.returncode in (0, 1), result.stderr
    plan = json.loads(result.stdout)
    assert (plan["since"], plan["before_since"]) == ("2024-02-01", 1)


@pytest.mark.parametrize("since", ["'2024-02-30'", "'1 February 2024'"])
def test_github_since_that_is_no_date(team: Path, since: str) -> None:
    (team / ".notes-lint.yaml").write_text(CONFIG + f"  since: {since}\n", encoding="utf-8")
    result = run_cli("sync", "--offline", "--today", "2024-03-01", cwd=team)
    assert result.returncode == 2
    assert "github.since" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "want"),
    [("2024-10", dt.date(2024, 10, 1)), ("October 2024", dt.date(2024, 10, 1))],
)
def test_new_date_names_a_month(text: str, want: dt.date) -> None:
    assert parse_month(text) == want
    assert parse_argument(text) is None


@pytest.mark.parametrize("text", ["2024-10-05", "5 October 2024", "v2024.10", "2024-13"])
def test_what_is_no_month(text: str) -> None:
    assert parse_month(text) is None


def test_new_date_takes_a_month_written_out(tmp_path: Path) -> None:
    text = "# September 2024 community call\n\n## Agenda\n\n- plans\n"
    folder = write_team(tmp_path, "extends: generic\n", {"calls/2024-09-call.md": text})
    made = run_cli("new", "--no-cache", "--date", "October 2024", cwd=folder)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == "# October 2024 community call"
