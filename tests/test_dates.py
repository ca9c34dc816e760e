"""Dates on real archives (issue 13, "Dates" and "Undated notes").

Each test writes small notes of the kind a field case found (``../shared/cases/field``
A1, A2, M1, M2, E1) and runs the CLI on them as a user would.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, make_config, run_cli, write_team
from fake_github import FakeGitHub
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint.dates import (
    MONTH,
    NAMED_FORMATS,
    date_in_path,
    find_date,
    find_month,
    find_yearless_date,
    year_in_path,
)
from notes_lint.parse import parse_note
from notes_lint.source import from_text

FIELD = ROOT.parent / "shared" / "cases" / "field"

WIDGET = """\
extends: generic
date:
  level: 2
sections:
  level: 2
  unknown: allow
  named:
    - name: Agenda items
"""


team = write_team


def dump(folder: Path, name: str) -> dict[str, object]:
    result = run_cli("dump", "--no-cache", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def date_of(folder: Path, name: str) -> str | None:
    date = dump(folder, name)["date"]
    return date["value"] if isinstance(date, dict) else None


def findings(folder: Path) -> list[tuple[str, str, int, str]]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return [
        (Path(d["path"]).as_posix(), d["code"], d["line"], d["message"])
        for d in json.loads(result.stdout)
    ]


def codes(folder: Path, code: str) -> list[tuple[str, int, str]]:
    return [(path, line, message) for path, c, line, message in findings(folder) if c == code]


# ----------------------------------------------------------- year-less dates (A1)


@pytest.mark.parametrize(
    ("name", "heading", "want"),
    [
        ("2021/CG-06-08.md", "Agenda for the June 8th video call", "2021-06-08"),
        ("2019/notes.md", "Tuesday 14 March meeting", "2019-03-14"),
        ("2024-minutes/standup.md", "Standup, Mar 4", "2024-03-04"),
        ("2022-q3.md", "Sync of 3rd of October", "2022-10-03"),
    ],
)
def test_a_yearless_date_takes_the_year_of_the_path(
    tmp_path: Path, name: str, heading: str, want: str
) -> None:
    folder = team(tmp_path, WIDGET, {name: f"## {heading}\n\n## Agenda items\n\n1. Opening\n"})
    assert date_of(folder, name) == want
    assert codes(folder, "NL101") == [] and codes(folder, "NL102") == []
    assert dump(folder, name)["date"]["year"] == "path"  # type: ignore[index]


def test_a_yearless_date_without_a_year_in_the_path_is_nl101_saying_so(tmp_path: Path) -> None:
    text = "## Agenda for the June 8th video call\n\n## Agenda items\n\n1. Opening\n"
    folder = team(tmp_path, WIDGET, {"notes/cg.md": text})
    assert date_of(folder, "notes/cg.md") is None
    [(_, line, message)] = codes(folder, "NL101")
    assert line == 1 and "no year" in message


def test_may_is_a_month_only_when_written_as_one() -> None:
    assert find_yearless_date("we may 3 things", NAMED_FORMATS) is None
    found = find_yearless_date("Sync on May 3", NAMED_FORMATS)
    assert found is not None and (found.month, found.day) == (5, 3)
    assert find_yearless_date("June 31", NAMED_FORMATS) is None
    assert find_yearless_date("March 2021", NAMED_FORMATS) is None
    assert find_yearless_date("June 8th", ("iso",)) is None  # only the month-name formats


# ------------------------------------------------------ strftime inside text (A2)


def test_a_strftime_format_is_found_inside_a_heading(tmp_path: Path) -> None:
    config = 'extends: generic\ndate:\n  formats: [iso, month-day-year, "%m/%d/%Y"]\n'
    text = "# Minutes for the roadmap meeting of 02/09/2015\n\n## Present\n\n* Ana\n"
    folder = team(tmp_path, config, {"notes/2015-02-09.md": text})
    assert date_of(folder, "notes/2015-02-09.md") == "2015-02-09"
    assert codes(folder, "NL101") == [] and codes(folder, "NL102") == []


@given(
    date=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
    fmt=st.sampled_from(["%m/%d/%Y", "%d.%m.%Y", "%Y.%m.%d", "%d %B %Y", "%m/%d/%y"]),
    before=st.sampled_from(["", "Minutes of ", "Sync (", "Call: "]),
    after=st.sampled_from(["", " @ 20:30 UTC", ")", ", notes"]),
)
@settings(max_examples=200, deadline=None)
def test_strftime_dates_are_found_back_inside_text(
    date: dt.date, fmt: str, before: str, after: str
) -> None:
    written = date.strftime(fmt)
    text = before + written + after
    found = find_date(text, (fmt,))
    assert found is not None and found.value == date, text
    assert text[found.start : found.end] == written


# ------------------------------------------- strftime formats without a year


@pytest.mark.parametrize(
    ("fmt", "heading", "name", "want"),
    [
        ("%d/%m", "Weekly 08/01", "2016/01-08.md", "2016-01-08"),
        ("%b %d", "Sync Jan 08", "2016/notes.md", "2016-01-08"),
        ("%a %d %b", "Call on Fri 08 Jan", "2016/call.md", "2016-01-08"),
        ("%A, %d.%m", "Thursday, 29.02", "2024-minutes/leap.md", "2024-02-29"),
    ],
)
def test_a_strftime_format_without_a_year_takes_the_year_of_the_path(
    tmp_path: Path, fmt: str, heading: str, name: str, want: str
) -> None:
    config = f'extends: generic\ndate:\n  formats: ["{fmt}"]\n'
    folder = team(tmp_path, config, {name: f"# {heading}\n\n## Notes\n\n- hi\n"})
    assert date_of(folder, name) == want
    assert dump(folder, name)["date"]["year"] == "path"  # type: ignore[index]
    assert codes(folder, "NL101") == [] and codes(folder, "NL102") == []


def test_a_strftime_format_without_a_year_and_no_year_in_the_path_is_nl101(
    tmp_path: Path,
) -> None:
    config = 'extends: generic\ndate:\n  formats: ["%d/%m"]\n'
    folder = team(tmp_path, config, {"notes/weekly.md": "# Weekly 08/01\n\n## Notes\n"})
    assert date_of(folder, "notes/weekly.md") is None
    [(_, line, message)] = codes(folder, "NL101")
    assert line == 1 and "no year" in message
    assert find_date("Weekly 08/01", ("%d/%m",)) is None  # never the year 1900


@pytest.mark.parametrize(
    ("formats", "want"),
    [
        (["%d/%m/%Y", "%d.%m.%y"], "e.g. 14/09/2021 or 14.09.21"),
        (["day-month-year"], "e.g. 14 September 2021"),
        (["iso", "month-day-year"], "e.g. 2021-09-14 or September 14th, 2021"),
    ],
)
def test_nl101_examples_are_written_in_the_configured_formats(
    tmp_path: Path, formats: list[str], want: str
) -> None:
    config = WIDGET.replace("date:\n", f"date:\n  formats: {json.dumps(formats)}\n")
    folder = team(tmp_path, config, {"notes/x.md": "## Board call 2015-13-45\n"})
    [(_, _line, message)] = codes(folder, "NL101")
    assert message.endswith(f"({want})"), message


# ------------------------------------------------------------ file names (M1)


@pytest.mark.parametrize(
    ("path", "want", "end"),
    [
        ("2021-09-14.md", "2021-09-14", None),
        ("notes/2021/09-14-team.md", "2021-09-14", None),
        ("2021/CG-09-14.md", "2021-09-14", None),
        ("meetings/2024/THREADS-10-15.md", "2024-10-15", None),
        ("20210914.md", "2021-09-14", None),
        ("minutes/2019.04.18.md", "2019-04-18", None),
        ("notes/2021/09/14.md", "2021-09-14", None),
        ("2025-02-03-to-2025-09-01.md", "2025-02-03", "2025-09-01"),
        ("design/2021-04-14-Planning-Meeting.md", "2021-04-14", None),
    ],
)
def test_file_name_dates_in_the_shapes_archives_use(path: str, want: str, end: str | None) -> None:
    found = date_in_path(path)
    assert found is not None and found.value.isoformat() == want
    assert (found.end.isoformat() if found.end else None) == end


@pytest.mark.parametrize(
    "path",
    [
        "v1.2.3.md",
        "release-2.10.12.md",
        "issue-1234.md",
        "pull/20211.md",
        "2021/13-45.md",
        "notes/week-12-03.md",  # month and day, but no year folder
        "123420210914.md",
        "2021-02-30.md",
    ],
)
def test_what_is_not_a_date_is_never_read_as_one(path: str) -> None:
    assert date_in_path(path) is None


def test_year_in_path() -> None:
    assert year_in_path("2021/CG-06-08.md") == 2021
    assert year_in_path("archive/2019/notes.md") == 2019
    assert year_in_path("2024-minutes/standup.md") == 2024
    assert year_in_path("notes/standup.md") is None
    assert year_in_path("release-2021.md") is None


def test_prefixed_file_names_are_compared(tmp_path: Path) -> None:
    config = WIDGET
    folder = team(
        tmp_path,
        config,
        {
            "2021/SIMD-12-03.md": "## Agenda for the 2012-12-03 call\n\n## Agenda items\n",
            "2024/THREADS-10-15.md": "## Agenda for the October 10, 2024 call\n\n## Agenda items\n",
            "2024/THREADS-10-22.md": "## Agenda for the October 22, 2024 call\n\n## Agenda items\n",
        },
    )
    found = sorted((path, line) for path, line, _ in codes(folder, "NL102"))
    assert found == [("2021/SIMD-12-03.md", 1), ("2024/THREADS-10-15.md", 1)]
    assert codes(folder, "NL101") == []


def test_a_range_in_the_file_name_holds_dates_inside_it(tmp_path: Path) -> None:
    folder = team(
        tmp_path,
        "extends: generic\n",
        {
            "2025-02-03-to-2025-09-01.md": "# Working group 2025-05-20\n",
            "2025-09-02-to-2025-12-01.md": "# Working group 2025-12-02\n",
        },
    )
    [(path, line, message)] = codes(folder, "NL102")
    assert path == "2025-09-02-to-2025-12-01.md" and line == 1
    assert "2025-09-02 to 2025-12-01" in message


@pytest.mark.parametrize(
    "name",
    [
        "2021-09-14--2021-09-20.md",
        "2021-09-14-to-09-20.md",
        "2021-09-14_to_2021-09-20.md",
        "2021-09-14 – 2021-09-20.md",
        "2021-09-14—09-20.md",
    ],
)
def test_ranges_in_other_spellings_hold_dates_inside_them(tmp_path: Path, name: str) -> None:
    found = date_in_path(f"sprints/{name}")
    assert found is not None
    assert (found.value, found.end) == (dt.date(2021, 9, 14), dt.date(2021, 9, 20))
    notes = {f"sprints/{name}": "# 2021-09-16\n\n## Notes\n\n- hi\n"}
    assert codes(team(tmp_path, "extends: generic\n", notes), "NL102") == []


def test_an_end_before_the_start_is_not_a_range() -> None:
    found = date_in_path("2021-09-20-to-09-14.md")
    assert found is not None and found.end is None and found.value == dt.date(2021, 9, 20)


# ------------------------------------------------------------ labelled lines


def test_hackmd_reads_the_date_of_its_own_template(tmp_path: Path) -> None:
    text = (
        "Team sync\n===\n\n:::info\n- **Location:** Room 1\n"
        "- **Date:** Mar 4, 2024 4:00 PM (UTC)\n:::\n\n### Action items\n\n- Ana: do it\n"
    )
    folder = team(tmp_path, "extends: hackmd\n", {"notes/2024-03-04.md": text})
    date = dump(folder, "notes/2024-03-04.md")["date"]
    assert isinstance(date, dict)
    assert (date["value"], date["source"], date["line"]) == ("2024-03-04", "label", 6)
    assert codes(folder, "NL101") == [] and codes(folder, "NL102") == []


@pytest.mark.parametrize(
    "line",
    [
        "- Date: 2024-03-04",
        "**When**: March 4th, 2024",
        "* Meeting date: 2024-03-04",
        "> Date: 2024-03-04",
    ],
)
def test_labelled_lines(line: str) -> None:
    config = make_config({"extends": "hackmd"})
    note = parse_note(from_text(f"# Sync\n\n{line}\n", "notes/x.md"), config)
    assert note.date is not None and note.date.value == "2024-03-04"


@pytest.mark.parametrize(
    "line",
    [
        "Date - 2024-04-15",
        "**Date** - 2024-04-15",
        "- When – April 15th, 2024",
        "Date — 2024-04-15",
    ],
)
def test_a_spaced_dash_separates_a_label_from_its_date(line: str) -> None:
    config = make_config({"extends": "hackmd"})
    note = parse_note(from_text(f"# Sync\n\n{line}\n", "notes/x.md"), config)
    assert note.date is not None and note.date.value == "2024-04-15"
    assert note.date.source == "label"


@pytest.mark.parametrize("line", ["Date-based 2024-04-15 plans", "Date -2024-04-15"])
def test_a_hyphen_without_spaces_is_no_label_separator(line: str) -> None:
    config = make_config({"extends": "hackmd"})
    note = parse_note(from_text(f"# Sync\n\n{line}\n", "notes/x.md"), config)
    assert note.date is None or note.date.source != "label"


def test_a_label_in_code_or_front_matter_or_mid_sentence_is_not_the_date() -> None:
    config = make_config({"extends": "hackmd"})
    text = "# Sync\n\n```\nDate: 2020-01-01\n```\n\nThe Date: 2020-02-02 is late.\n"
    note = parse_note(from_text(text, "notes/x.md"), config)
    assert note.date is None


def test_date_labels_are_validated(tmp_path: Path) -> None:
    folder = team(tmp_path, "extends: hackmd\ndate:\n  labels: Date\n", {"a.md": "# A\n"})
    result = run_cli("check", "--no-cache", cwd=folder)
    assert result.returncode == 2 and "labels" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------- a date at another level (M2)


def test_a_date_one_level_down_is_read_compared_and_its_level_named(tmp_path: Path) -> None:
    config = 'extends: hackmd\ndate:\n  formats: [iso, month-day-year, "%m/%d/%y"]\n'
    text = (
        "# Monthly Developer meeting\n### 09/26/22 @ 20:30 UTC\n\n### Topics\n\n- release\n\n"
        "### Action items\n\n- (Ana) tag the release\n"
    )
    folder = team(tmp_path, config, {"notes/2022-09-27.md": text})
    date = dump(folder, "notes/2022-09-27.md")["date"]
    assert isinstance(date, dict)
    assert (date["value"], date["level"], date["line"]) == ("2022-09-26", 3, 2)
    [(_, line, message)] = codes(folder, "NL101")
    assert line == 2 and "level-3 heading" in message and "no meeting date" not in message
    [(_, line, message)] = codes(folder, "NL102")
    assert line == 2 and "2022-09-27" in message


SECTIONS_AT_3 = """\
extends: generic
date:
  level: 2
sections:
  level: 3
  unknown: person
people:
  Oskar: null
"""


@pytest.mark.parametrize(
    ("name", "heading", "want"),
    [
        ("2020/06-22.md", "June 22nd", "2020-06-22"),
        ("2024/04-29.md", "April 29, 2024", "2024-04-29"),
    ],
)
def test_a_date_heading_at_the_section_level_is_not_a_section(
    tmp_path: Path, name: str, heading: str, want: str
) -> None:
    text = f"# W\n\n### {heading}\n\n### Oskar\n\n- did things\n"
    folder = team(tmp_path, SECTIONS_AT_3, {name: text})
    assert date_of(folder, name) == want
    [(_, line, message)] = codes(folder, "NL101")
    assert line == 3 and "level-3 heading" in message
    assert codes(folder, "NL107") == [] and codes(folder, "NL109") == []
    sections = dump(folder, name)["sections"]
    assert isinstance(sections, list) and [s["title"] for s in sections] == ["Oskar"]


def test_a_date_in_a_topic_heading_is_not_the_meeting_date() -> None:
    config = make_config({"extends": "hackmd"})
    text = "# Sync\n\n### Topics\n\n#### Release on 2022-10-01\n"
    note = parse_note(from_text(text, "notes/sync.md"), config)
    assert note.date is None


# ------------------------------------------------- NL102 on every stated date


def test_nl102_compares_every_date_the_note_gives(tmp_path: Path) -> None:
    text = "---\ndate: 2024-03-09\n---\n# Sync 2024-03-08\n\n- Date: 2024-03-07\n"
    folder = team(tmp_path, "extends: generic\n", {"notes/2024-03-08.md": text})
    dates = dump(folder, "notes/2024-03-08.md")["dates"]
    assert isinstance(dates, list)
    assert [(d["source"], d["value"]) for d in dates] == [
        ("heading", "2024-03-08"),
        ("label", "2024-03-07"),
        ("frontmatter", "2024-03-09"),
    ]
    assert sorted(line for _, line, _ in codes(folder, "NL102")) == [2, 6]


# ------------------------------------------------------------ undated notes (E1)


E1_NOTE = "## Agenda for the February 6th video call\n\n## Agenda items\n\nAI: Ana to update it.\n"


def test_todos_of_a_note_dated_by_its_path_are_dated(tmp_path: Path) -> None:
    folder = team(tmp_path, WIDGET, {"2018/CG-02-06.md": E1_NOTE})
    result = run_cli("todos", "--no-cache", "--format", "json", "--today", "2018-03-01", cwd=folder)
    ledger = json.loads(result.stdout)
    assert ledger["undated"] == [] and result.stderr == ""
    [entry] = ledger["entries"]
    assert (entry["first_seen"], entry["status"]) == ("2018-02-06", "undone")


def test_todos_and_sync_say_which_notes_they_could_not_date(
    tmp_path: Path, github_server: FakeGitHub
) -> None:
    config = WIDGET + "github:\n  repo: acme/notes\n"
    folder = team(tmp_path, config, {"notes/cg.md": E1_NOTE, "notes/other.md": "## Sync\n"})
    result = run_cli("todos", "--no-cache", "--format", "json", cwd=folder)
    assert result.returncode == 0
    undated = {u["path"]: u for u in json.loads(result.stdout)["undated"]}
    assert set(undated) == {"notes/cg.md", "notes/other.md"}
    assert "no year" in undated["notes/cg.md"]["reason"] and undated["notes/cg.md"]["todos"] == 1
    assert undated["notes/other.md"]["todos"] == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("notes-lint: could not date ") for line in lines)
    assert any("notes/cg.md" in line and "1 TODO" in line for line in lines)
    env = {"GITHUB_TOKEN": github_server.token, "GITHUB_API_URL": github_server.url, "GH_TOKEN": ""}
    synced = run_cli("sync", "--no-cache", cwd=folder, env=env)
    assert synced.returncode == 0, synced.stderr
    assert "could not date notes/cg.md" in synced.stderr


@pytest.mark.parametrize(
    ("formats", "heading", "impossible"),
    [
        ("[iso]", "2023-02-30", "2023-02-30"),
        ("[month-day-year]", "Sync, February 29th, 2023", "February 29th, 2023"),
        ('["%d/%m/%Y"]', "Call 31/04/2021", "31/04/2021"),
    ],
)
def test_a_date_shaped_text_that_is_no_real_day_is_said_so(
    tmp_path: Path, formats: str, heading: str, impossible: str
) -> None:
    config = WIDGET.replace("date:\n", f"date:\n  formats: {formats}\n")
    folder = team(tmp_path, config, {"notes/x.md": f"## {heading}\n\nAI: Ana to do it.\n"})
    [(_, line, message)] = codes(folder, "NL101")
    assert line == 1 and f"'{impossible}'" in message and "not a real day" in message
    result = run_cli("todos", "--no-cache", "--format", "json", cwd=folder)
    [undated] = json.loads(result.stdout)["undated"]
    assert "not a real day" in undated["reason"] and "accepted format" not in undated["reason"]


def test_the_undated_list_is_in_the_ledger_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "schema" / "ledger.schema.json").read_text(encoding="utf-8"))
    folder = team(tmp_path, WIDGET, {"notes/cg.md": E1_NOTE})
    result = run_cli("todos", "--no-cache", "--format", "json", cwd=folder)
    jsonschema.validate(json.loads(result.stdout), schema)


# ------------------------------------------------------------ the field cases


def _field(name: str) -> Path:
    case = FIELD / name
    if not case.is_dir():
        pytest.skip(f"the field cases are absent ({FIELD}): a fresh clone has no ../shared")
    return case


@pytest.mark.parametrize(
    "name",
    [
        "A1-yearless-date",
        "A2-numeric-date",
        "M1-prefixed-filename-date",
        "M2-date-at-other-level",
        "E1-undated-ledger",
    ],
)
def test_field_case_dates(tmp_path: Path, name: str) -> None:
    """The `date`, `check` and `nocode` lines of the case's expect.txt hold."""
    case = _field(name)
    work = tmp_path / name
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expect.txt":
            target = work / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    seen = findings(work)
    for line in (case / "expect.txt").read_text(encoding="utf-8").splitlines():
        kind, *args = line.split()
        if kind == "date":
            assert date_of(work, args[0]) == args[1], line
        elif kind == "check":
            assert any(
                p == args[0] and c == args[1] and args[2] in ("*", str(n)) for p, c, n, _ in seen
            ), line
        elif kind == "nocode":
            assert not any(c == args[0] for _, c, _, _ in seen), line


# -- monthly notes (issue 13 "Dates", issue 15's init check) -------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("January 2023 community call", "2023-01-01"),
        ("Community call, Jan. 2023", "2023-01-01"),
        ("Sept 2023 sync", "2023-09-01"),
        ("December, 2022", "2022-12-01"),
        ("May 2024 meeting", "2024-05-01"),
        ("Call 2023-01", "2023-01-01"),
        ("we may 2024 the plan", None),  # the verb, not the month
        ("Release v2023.01", None),  # a version
        ("Fixes #2023-01", None),  # an issue-like reference
        ("2023-01-17", None),  # a day: find_date reads it, not find_month
        ("build 2023-01.3", None),
        ("2023-13 call", None),
    ],
)
def test_find_month(text: str, month: str | None) -> None:
    found = find_month(text, NAMED_FORMATS)
    assert (found.value.isoformat() if found else None) == month
    if found is not None:
        assert found.precision == MONTH
        assert text[found.start : found.end].strip(" ,")


def test_find_month_follows_the_configured_formats() -> None:
    assert find_month("January 2023", ("iso",)) is None
    assert find_month("2023-01 call", ("month-day-year",)) is None
    # a strftime pattern without a day reads a month
    found = find_date("Call of 01/2023", ("%m/%Y",))
    assert found is not None and found.precision == MONTH


@pytest.mark.parametrize(
    ("path", "value", "precision"),
    [
        ("calls/2023-01-community-call.md", "2023-01-01", "month"),
        ("2023-01.md", "2023-01-01", "month"),
        ("2023_01_notes.md", "2023-01-01", "month"),
        ("2023/01-community-call.md", "2023-01-01", "month"),
        ("2023/01.md", "2023-01-01", "month"),
        ("calls/2023-01-17-call.md", "2023-01-17", "day"),  # a day wins
        ("2021/09-14-team.md", "2021-09-14", "day"),
        ("v2023.01.md", None, None),
        ("release-v2023-01.md", None, None),
        ("2023-13-call.md", None, None),
    ],
)
def test_date_in_path_reads_a_month(path: str, value: str | None, precision: str | None) -> None:
    found = date_in_path(path)
    assert (found.value.isoformat() if found else None) == value
    assert (found.precision if found else None) == precision


MONTHLY = {
    **{
        f"calls/2023-{n:02d}-community-call.md": (
            f"# {name} 2023 community call\n\n## Attendees\n\n- Ana\n- Bruno\n\n"
            f"## Notes\n\n- Released v2023.{n:02d}.\n\n"
            "## Action items\n\n- Ana to publish the blog post\n"
        )
        for n, name in enumerate(
            ("January", "Feb", "March", "April", "May", "June", "July", "Aug.", "September"),
            1,
        )
    },
    # a day stated in a month-named file: the day is the date
    "calls/2023-10-community-call.md": (
        "# 2023-10-17 community call\n\n## Attendees\n\n- Ana\n\n## Notes\n\n- nothing\n\n"
        "## Action items\n\n- Bruno to review the roadmap\n"
    ),
    # the month in a year folder's file name
    "calls/2023/11-community-call.md": (
        "# November 2023 community call\n\n## Attendees\n\n- Ana\n\n## Notes\n\n- nothing\n\n"
        "## Action items\n\n- Ana to send the survey\n"
    ),
    "calls/2023-12.md": (
        "# December 2023 community call\n\n## Attendees\n\n- Ana\n\n## Notes\n\n- nothing\n\n"
        "## Action items\n\n- Bruno to close the year\n"
    ),
}
MONTHLY_CONFIG = """\
extends: generic
date:
  level: 1
  filename: true
sections:
  level: 2
  named:
    - name: Attendees
    - name: Notes
    - name: Action items
      todos: true
"""


def test_a_monthly_archive_is_dated_and_clean(tmp_path: Path) -> None:
    write_team(tmp_path, MONTHLY_CONFIG, MONTHLY)
    done = run_cli("check", ".", cwd=tmp_path)
    assert "NL101" not in done.stdout and "NL102" not in done.stdout, done.stdout
    dump = json.loads(run_cli("dump", "calls/2023-01-community-call.md", cwd=tmp_path).stdout)
    assert dump["date"]["value"] == "2023-01-01"
    assert dump["date"]["precision"] == "month"
    assert dump["filename_date_precision"] == "month"
    day = json.loads(run_cli("dump", "calls/2023-10-community-call.md", cwd=tmp_path).stdout)
    assert day["date"]["value"] == "2023-10-17" and "precision" not in day["date"]
    ledger = json.loads(run_cli("todos", ".", "--format", "json", cwd=tmp_path).stdout)
    assert ledger["undated"] == []
    seen = {t["text"]: t["first_seen"] for t in ledger["entries"]}
    assert seen["send the survey"] == "2023-11-01"
    assert seen["review the roadmap"] == "2023-10-17"


def test_nl102_compares_a_month_at_the_coarser_precision(tmp_path: Path) -> None:
    write_team(
        tmp_path,
        MONTHLY_CONFIG,
        {
            "2023-01-17.md": "# January 2023\n",  # a month over a day: fine
            "2023-01-call.md": "# 2023-01-17 call\n",  # a day in a month: fine
            "2023-02-call.md": "# March 2023\n",  # NL102
            "2023-04-call.md": "# 2023-05-02 call\n",  # NL102
        },
    )
    out = run_cli("check", ".", "--select", "NL101,NL102", cwd=tmp_path).stdout
    assert [line.split(":")[0] for line in out.splitlines() if "NL102" in line] == [
        "2023-02-call.md",
        "2023-04-call.md",
    ], out
    assert "dated 2023-03 but its file name says 2023-02" in out
    assert "NL101" not in out


def test_init_dates_a_monthly_archive(tmp_path: Path) -> None:
    for name, text in MONTHLY.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_cli("init", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    found = re.search(r"(\d+) of (\d+) notes dated \((\d+) state", done.stdout + done.stderr)
    assert found is not None, done.stdout + done.stderr
    dated, total, stated = (int(g) for g in found.groups())
    assert total == len(MONTHLY) and dated * 100 >= 95 * total and stated == total
    assert "level: 1" in done.stdout


@given(
    year=st.integers(1900, 2099),
    month=st.integers(1, 12),
    spelled=st.sampled_from(["%B", "%b", "%b.", "%Y-%m"]),
    before=st.sampled_from(["", "Community call ", "Notes: "]),
)
@settings(max_examples=200, deadline=None)
def test_a_month_reads_back_and_never_inside_a_version(
    year: int, month: int, spelled: str, before: str
) -> None:
    """A month written any way reads as its first day; the same digits in a version
    (``v2023.01``, ``2023.01.2``) or a day (``2023-01-17``) are no month."""
    first = dt.date(year, month, 1)
    written = first.strftime(spelled) if spelled == "%Y-%m" else f"{first:{spelled}} {year}"
    found = find_month(before + written, NAMED_FORMATS)
    assert found is not None and found.value == first and found.precision == MONTH
    for other in (f"v{year}.{month:02d}", f"{year}.{month:02d}.2", f"{year}-{month:02d}-17"):
        assert find_month(before + other, NAMED_FORMATS) is None
        named = date_in_path(f"{other}.md")
        assert named is None or named.precision == "day"


# ------------------------------------------- dates as other tools and hands write them


def _date(text: str, data: dict[str, object] | None = None) -> str | None:
    note = parse_note(from_text(text, "notes/sync.md"), make_config(data or {"extends": "generic"}))
    return note.date.value if note.date is not None else None


@pytest.mark.parametrize(
    ("heading", "want"),
    [
        ("Team sync (2023/03/14)", "2023-03-14"),  # year first: no doubt which is the day
        ("Team sync 2023\u201103\u201114", "2023-03-14"),  # U+2011 non-breaking hyphens
        ("Team sync 2023\u201303\u201314", "2023-03-14"),  # en dashes
        ("Team sync 2019.04.18", "2019-04-18"),
        ("Team sync 14-Mar-2023", "2023-03-14"),
        ("Team sync Mar-14-2023", "2023-03-14"),
        ("Release 2023.1.2", None),  # a version, not a date
        ("Release v2023.01.02.5", None),
        ("Team sync 2023-03/14", None),  # two different separators
    ],
)
def test_year_first_and_hyphenated_dates_are_read(heading: str, want: str | None) -> None:
    assert _date(f"# {heading}\n\n## Notes\n") == want


def test_a_date_in_a_labelled_table_cell() -> None:
    """``| **Date** | … |`` (a row) and ``| Date | Time |`` over a row (a column)."""
    row = "# Sync\n\n| **Date** | 14 March 2023 |\n|---|---|\n| Where | Zoom |\n"
    column = "# Sync\n\n| Date | Time |\n| --- | --- |\n| 2023-03-15 | 10:00 |\n"
    assert _date(row) == "2023-03-14"
    assert _date(column) == "2023-03-15"
    assert _date(column, {"extends": "generic", "date": {"labels": ["When"]}}) is None


@pytest.mark.parametrize(
    ("heading", "formats"),
    [
        ("Sync 14/03/2023", "'%d/%m/%Y'"),
        ("Sync 03/14/2023", "'%m/%d/%Y'"),
        ("Sync 03/04/2023", "'%d/%m/%Y' or '%m/%d/%Y'"),
        ("Sync 3.4.23", "'%d.%m.%y' or '%m.%d.%y'"),
    ],
)
def test_nl101_names_the_format_a_number_date_needs(
    tmp_path: Path, heading: str, formats: str
) -> None:
    """A day-or-month-first number date is read only through a format the config lists:
    NL101 says which to add."""
    folder = team(tmp_path, "extends: generic\n", {"notes/sync.md": f"# {heading}\n"})
    (message,) = [m for _, _, m in codes(folder, "NL101")]
    assert f"add {formats} to date.formats" in message
    fixed = "extends: generic\ndate:\n  formats: [iso, '%d/%m/%Y', '%m/%d/%Y', '%d.%m.%y']\n"
    if "or" not in formats:
        (tmp_path / "fixed").mkdir()
        folder = team(tmp_path / "fixed", fixed, {"notes/sync.md": f"# {heading}\n"})
        assert codes(folder, "NL101") == []


@pytest.mark.parametrize(
    ("meeting", "todo", "due"),
    [
        ("2024-03-14", "ping legal by June 15", "2024-06-15"),
        ("2024-12-14", "ping legal by June 15", "2025-06-15"),  # past in December: next June
        ("2024-12-14", "send the deck by Jan 10", "2025-01-10"),
        ("2024-03-14", "file it due 1 September 2025", "2025-09-01"),
        ("2024-03-14", "file it due 2025-9-1", "2025-09-01"),
        ("2024-03-14", "look at it by issue 12", None),
    ],
)
def test_due_dates_as_todos_write_them(meeting: str, todo: str, due: str | None) -> None:
    """A due date without a year is the first such day on or after the meeting."""
    text = f"# Sync {meeting}\n\n## Notes\n\n- TODO: Kenji: {todo}\n"
    (found,) = parse_note(
        from_text(text, "notes/sync.md"), make_config({"extends": "generic"})
    ).todos
    assert found.due == due


def test_a_day_that_does_not_exist_is_no_month() -> None:
    note = parse_note(from_text("# Sync 30 Feb 2024\n", "notes/sync.md"), make_config({}))
    assert note.date is not None and note.date.value is None
    assert note.date.not_a_day == "30 Feb 2024"


def test_nl101_points_at_an_unread_date_in_a_labelled_column(tmp_path: Path) -> None:
    text = "# Team\n\n| Date | Time |\n|---|---|\n| 08.04.2024 | 10:00 |\n"
    folder = team(tmp_path, "extends: generic\n", {"notes/sync.md": text})
    ((_, line, message),) = codes(folder, "NL101")
    assert line == 5 and "'%d.%m.%Y' or '%m.%d.%Y'" in message
