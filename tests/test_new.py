"""``notes-lint new``: the note it writes opens as the team's latest note does (its front
matter, title and date line, redated) and lints clean with the same config, for every
bundled preset and for every config ``notes-lint init`` writes (issue 15, item 1)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, run_cli
from hypothesis import given
from hypothesis import strategies as st

from notes_lint.dates import format_date
from notes_lint.newnote import redated
from notes_lint.resources import preset_names

DAY = "2024-05-02"

EXAMPLES: dict[str, tuple[str, list[str]]] = {
    # preset: (a note in the preset's documented shape, the opening `new` must write)
    "generic": (
        "# Steering Committee Meeting 2024-04-25\n\n"
        "## Attendees\n\n- Ana\n- Bruno\n\n## Agenda\n\n- the release\n\n"
        "## Action items\n\n- Bruno to tag the release\n",
        ["# Steering Committee Meeting 2024-05-02", "", "## Attendees"],
    ),
    "hackmd": (
        "# Monthly Developer Meeting\n\n## April 25th, 2024 @ 15:00 UTC\n\n"
        "### Updates\n\n- [name=Ana] merged the parser\n\n"
        "### Action items\n\n- [ ] write the changelog [name=Bruno]\n",
        ["# Monthly Developer Meeting", "", "## May 2nd, 2024 @ 15:00 UTC", ""],
    ),
    "sklearn-weekly": (
        "## April 25th, 2024\n\n### Julien\n\n- reviewed #20254\n\n"
        "### Discussion\n\n- presence days\n\n### TODO / Next\n\n- Release 1.0 (Julien)\n",
        ["## May 2nd, 2024", ""],
    ),
}


def _write(folder: Path, config: str, notes: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    for name, text in notes.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _new_then_check(folder: Path, output: str = f"{DAY}.md") -> list[str]:
    """Write the new note with ``new --output``; assert ``check`` exits 0 on it; its lines."""
    made = run_cli("new", "--no-cache", "--date", DAY, "--output", output, cwd=folder)
    assert made.returncode == 0, made.stderr
    checked = run_cli("check", "--no-cache", "--format", "json", output, cwd=folder)
    errors = [d for d in json.loads(checked.stdout or "[]") if d["severity"] == "error"]
    assert checked.returncode == 0, (errors, checked.stderr)
    return (folder / output).read_text(encoding="utf-8").splitlines()


def test_every_preset_has_an_example() -> None:
    assert set(EXAMPLES) == set(preset_names())


@pytest.mark.parametrize("preset", preset_names())
def test_new_without_notes_lints_clean(preset: str, tmp_path: Path) -> None:
    _write(tmp_path, f"extends: {preset}\n", {})
    lines = _new_then_check(tmp_path)
    assert any(DAY in line or "May 2nd, 2024" in line for line in lines[:3])


@pytest.mark.parametrize("preset", sorted(EXAMPLES))
def test_new_keeps_the_latest_notes_title_and_lints_clean(preset: str, tmp_path: Path) -> None:
    text, opening = EXAMPLES[preset]
    _write(tmp_path, f"extends: {preset}\n", {"2024-04-25.md": text})
    lines = _new_then_check(tmp_path)
    assert lines[: len(opening)] == opening
    assert not any("2024-04-25" in line or "April 25" in line for line in lines)


# ------------------------------------------------------------- configs init writes


def _minutes_title_date(folder: Path) -> str:
    """The date in the level-1 title (`# CPC Meeting 2024-03-0N`)."""
    for k in range(1, 6):
        (folder / f"2024-03-0{k}.md").write_text(
            f"# CPC Meeting 2024-03-0{k}\n\n## Present\n\n- Ana\n- Bruno\n\n"
            f"## Agenda\n\n- topic {k}\n\n## Action items\n\n- Ana to open issue {k}\n",
            encoding="utf-8",
        )
    return "# CPC Meeting 2024-05-02"


def _hackmd_title_then_date(folder: Path) -> str:
    """A title without a date, the date at level 2."""
    for k in range(1, 6):
        (folder / f"2023-0{k}-10.md").write_text(
            "# Monthly developer meeting\n\n"
            f"## {dt.date(2023, k, 10):%B} 10, 2023\n\n"
            "### Updates\n\n- [name=Ana] merged the parser\n\n"
            f"### Action items\n\n- [ ] write changelog {k} [name=Bruno]\n",
            encoding="utf-8",
        )
    return "# Monthly developer meeting\n\n## May 2, 2024"


def _labelled_with_front_matter(folder: Path) -> str:
    """Front matter, a title without a date, the date on a labelled line (HackMD exports)."""
    for k in range(10, 15):
        (folder / f"2021-04-{k}.md").write_text(
            f"---\ntitle: Triage meeting 2021-04-{k}\ntags: triage\n---\n\n"
            f"# Language team meeting\n\n* Meeting date: 2021-04-{k}\n\n"
            "## Attendance\n\n- Ana, Bruno\n\n"
            f"## Action items\n\n- Bruno: write up the proposal {k}\n",
            encoding="utf-8",
        )
    return (
        "---\ntitle: Triage meeting 2024-05-02\ntags: triage\n---\n\n"
        "# Language team meeting\n\n* Meeting date: 2024-05-02"
    )


def _date_at_level_two_no_title(folder: Path) -> str:
    """The sklearn shape: the date is the first heading, at level 2; person sections."""
    for k in range(14, 19):
        (folder / f"2021-09-{k}.md").write_text(
            f"## September {k}th, 2021\n\n### Julien\n\n- reviewed #{k}\n\n"
            "### Discussion\n\n- presence days\n\n"
            f"### TODO / Next\n\n- Release {k} (Julien)\n",
            encoding="utf-8",
        )
    return "## May 2nd, 2024"


def _date_section(folder: Path) -> str:
    """A title without a date; the date on the first line of a `## Date` section."""
    for k in range(1, 6):
        (folder / f"notes-{k}.md").write_text(
            f"# Board call\n\n## Date\n\n2024-03-0{k}\n\n## Attendees\n\n- Ana\n\n"
            f"## Agenda\n\n- budget {k}\n\n## Action items\n\n- Ana to send minutes {k}\n",
            encoding="utf-8",
        )
    return "# Board call"


SHAPES = [
    _minutes_title_date,
    _hackmd_title_then_date,
    _labelled_with_front_matter,
    _date_at_level_two_no_title,
    _date_section,
]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda f: f.__name__.strip("_"))
def test_new_with_the_config_init_writes(shape: object, tmp_path: Path) -> None:
    assert callable(shape)
    opening = shape(tmp_path)
    assert isinstance(opening, str)
    inited = run_cli("init", cwd=tmp_path)
    assert inited.returncode == 0, inited.stderr
    lines = _new_then_check(tmp_path, output="next.md")
    assert "\n".join(lines).startswith(opening)


def test_the_date_section_keeps_the_new_date(tmp_path: Path) -> None:
    _date_section(tmp_path)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    lines = _new_then_check(tmp_path, output="next.md")
    dumped = json.loads(run_cli("dump", "next.md", cwd=tmp_path).stdout)
    assert dumped["date"]["value"] == DAY and dumped["date"]["source"] == "section"
    assert lines.count("## Date") == 1


@pytest.mark.parametrize("name", ["openjs-cpc", "rust-lang-team"])
def test_new_on_real_archives(name: str, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}): a fresh clone has no ../shared")
    archive = tmp_path / name
    shutil.copytree(CORPUS / name, archive, ignore=shutil.ignore_patterns(".notes-lint.*"))
    assert run_cli("init", cwd=archive).returncode == 0
    lines = _new_then_check(archive)
    titles = [line for line in lines if line.startswith("# ")]
    assert titles and titles[0] != f"# {DAY}"  # the team's title, not the date alone
    assert any(DAY in line for line in lines[:10])


_FORMATS = ("iso", "month-day-year", "day-month-year", "%m/%d/%Y", "%Y.%m.%d")


@given(
    old=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    new=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    fmt=st.sampled_from(_FORMATS),
    ordinal=st.booleans(),
)
def test_redated_rewrites_the_date_in_its_own_format(
    old: dt.date, new: dt.date, fmt: str, ordinal: bool
) -> None:
    text = f"Team meeting {format_date(old, fmt, ordinal)} @ 15:00 UTC"
    want = f"Team meeting {format_date(new, fmt, ordinal)} @ 15:00 UTC"
    assert redated(text, old, new, _FORMATS) == want
    assert redated("Team meeting agenda", old, new, _FORMATS) is None


@given(
    old=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    new=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    style=st.sampled_from(["%B {day}", "%b {day}", "{day} %B", "%b. {day}", "%B {day}"]),
    ordinal=st.booleans(),
)
def test_redated_rewrites_a_date_without_its_year(
    old: dt.date, new: dt.date, style: str, ordinal: bool
) -> None:
    """Review 15 item 2: a labelled date with no year (the year from the folder)."""

    def written(day: dt.date) -> str:
        number = str(day.day) + (_suffix(day.day) if ordinal else "")
        return day.strftime(style.replace("{day}", number))

    text = f"Meeting date: {written(old)}"
    want = f"Meeting date: {written(new)}"
    if old.month == 5 and "%b" in style:  # "May" reads as the full name: "June", not "Jun"
        want = f"Meeting date: {new.strftime(style.replace('%b', '%B').replace('{day}', '@'))}"
        want = want.replace("@", str(new.day) + (_suffix(new.day) if ordinal else ""))
    assert redated(text, old, new, _FORMATS) == want
    other = old + dt.timedelta(days=3)
    assert redated(f"Meeting date: {written(other)}", old, new, _FORMATS) is None


def _suffix(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


@given(
    old=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    new=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
)
def test_redated_rewrites_the_weekday_with_the_day(old: dt.date, new: dt.date) -> None:
    text = f"## {old:%A}, {format_date(old, 'month-day-year')} @ 15:00 UTC"
    want = f"## {new:%A}, {format_date(new, 'month-day-year')} @ 15:00 UTC"
    assert redated(text, old, new, _FORMATS) == want


@given(
    old=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)).map(lambda d: d.replace(day=1)),
    new=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    style=st.sampled_from(["# %B %Y community call", "# %b %Y call", "# Call %Y-%m"]),
)
def test_redated_rewrites_a_monthly_notes_month(old: dt.date, new: dt.date, style: str) -> None:
    """Review 15 item 3: a monthly note states a month (``September 2024``), not a day."""
    got = redated(old.strftime(style), old, new, _FORMATS, precision="month")
    if old.month == 5:  # "May" reads as the full name: "June", not "Jun"
        style = style.replace("%b", "%B")
    assert got == new.strftime(style)


STEERING = """\
# Steering Committee

Meeting date: {when}

## Present

- Sam
- Tomás

## Discussion

- Budget review

## Action items

- [ ] Sam: renew the domain
"""


def test_new_keeps_a_labelled_date_without_a_year(tmp_path: Path) -> None:
    """Review 15 item 2: ``minutes/2024/02-13.md`` states ``Meeting date: February 13``
    (the year from its folder): the new note keeps the title and the labelled line."""
    days = ["2023-09-12", "2023-10-10", "2023-11-14", "2023-12-12", "2024-01-09", "2024-02-13"]
    for day in map(dt.date.fromisoformat, days):
        path = tmp_path / "minutes" / str(day.year) / f"{day:%m-%d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STEERING.format(when=f"{day:%B} {day.day}"), encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    output = "minutes/2024/02-27.md"
    made = run_cli("new", "--date", "2024-02-27", "--output", output, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lines = (tmp_path / output).read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["# Steering Committee", "", "Meeting date: February 27", ""]
    checked = run_cli("check", "--format", "json", output, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert not [d for d in json.loads(checked.stdout) if d["severity"] == "error"]
    dumped = json.loads(run_cli("dump", output, cwd=tmp_path).stdout)
    assert dumped["date"]["value"] == "2024-02-27"


MONTHLY = """\
# {month} community call

## Attendees

- Ana
- Bruno

## Updates

- Release {n} out

## Action items

- [ ] Ana: write the blog post {n}
"""


def _monthly_archive(folder: Path) -> None:
    (folder / "calls").mkdir(parents=True)
    for n in range(4, 10):
        month = dt.date(2024, n, 1)
        (folder / "calls" / f"{month:%Y-%m}-community-call.md").write_text(
            MONTHLY.format(month=f"{month:%B %Y}", n=n), encoding="utf-8"
        )


@pytest.mark.parametrize("when", ["2024-10-01", "2024-10"])
def test_new_on_monthly_notes_names_the_month(tmp_path: Path, when: str) -> None:
    """Review 15 item 3: ``# September 2024 community call`` gives ``# October 2024
    community call``; ``--date 2024-10`` names the month of a monthly archive."""
    _monthly_archive(tmp_path)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    output = "calls/2024-10-community-call.md"
    made = run_cli("new", "--date", when, "--output", output, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lines = (tmp_path / output).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# October 2024 community call"
    checked = run_cli("check", "--format", "json", output, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    dumped = json.loads(run_cli("dump", output, cwd=tmp_path).stdout)
    assert (dumped["date"]["value"], dumped["date"]["precision"]) == ("2024-10-01", "month")


def test_new_refuses_a_month_for_notes_dated_by_the_day(tmp_path: Path) -> None:
    text, _opening = EXAMPLES["generic"]
    _write(tmp_path, "extends: generic\n", {"2024-04-25.md": text})
    made = run_cli("new", "--date", "2024-05", cwd=tmp_path)
    assert made.returncode == 2
    assert "names a month" in made.stderr and "2024-05-DD" in made.stderr
    assert made.stderr.count("\n") == 1


TEAMS = {
    "harbor": (
        "extends: generic\n",
        "2024-05-01.md",
        "# Harbor 2024-05-01\n\n## Attendees\n\n- Ana\n\n## Agenda\n\n- certs\n\n"
        "## Action items\n\n- [ ] Ana: rotate the certs\n- [ ] check the backups\n",
    ),
    "orchard": (
        "extends: hackmd\n",
        "2024-05-02.md",
        "# Orchard meeting\n\n## May 2nd, 2024\n\n### Updates\n\n- [name=Bo] merged\n\n"
        "### Action items\n\n- [ ] [name=Tomasz] rotate the TLS certs\n"
        "- [ ] @mchen update the draft\n",
    ),
    "grove": (
        "extends: sklearn-weekly\n",
        "2024-05-03.md",
        "## May 3rd, 2024\n\n### Julien\n\n- reviewed\n\n### Discussion\n\n- budget\n\n"
        "### TODO / Next\n\n- Chidi - renew the domain\n",
    ),
}


@pytest.fixture
def teams(tmp_path: Path) -> Path:
    """A repository of three teams, each with its config in its folder; none at the root."""
    for team, (config, name, text) in TEAMS.items():
        _write(tmp_path / team, config, {name: text})
    return tmp_path


def test_new_at_the_root_of_several_teams_names_their_folders(teams: Path) -> None:
    """Review 15 item 5: from the root, ``new`` mixed the teams' titles and TODOs."""
    made = run_cli("new", "--date", "2024-05-10", cwd=teams)
    assert made.returncode == 2, made.stdout
    assert made.stdout == ""
    assert "grove, harbor, orchard" in made.stderr and "notes-lint new grove" in made.stderr
    assert made.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("team", "opening", "items"),
    [
        ("harbor", "# Harbor 2024-05-10", ["- [ ] Ana: rotate the certs"]),
        (
            "orchard",
            "# Orchard meeting",
            ["- [ ] [name=Tomasz] rotate the TLS certs", "- [ ] @mchen update the draft"],
        ),
        ("grove", "## May 10th, 2024", ["- Chidi - renew the domain"]),
    ],
)
def test_new_for_one_team_keeps_its_task_boxes_and_owner_tags(
    teams: Path, team: str, opening: str, items: list[str]
) -> None:
    """Review 15 items 5 and 6: named from the root, a team's folder gives that team's
    note only; carried TODOs keep their task box and owner tag as written; a TODO with
    no owner is not carried (the note would fail NL301) and stderr says so."""
    output = f"{team}/2024-05-10.md"
    made = run_cli("new", team, "--date", "2024-05-10", "--output", output, cwd=teams)
    assert made.returncode == 0, made.stderr
    lines = (teams / output).read_text(encoding="utf-8").splitlines()
    assert lines[0] == opening
    assert [line for line in lines if line.startswith("- ")] == items
    others = [t for t in TEAMS if t != team]
    assert not any(t.capitalize() in line for line in lines for t in others)
    if team == "harbor":
        assert "check the backups" in made.stderr and "NL301" in made.stderr
    checked = run_cli("check", "--format", "json", output, cwd=teams)
    assert checked.returncode == 0, checked.stdout
    todos = json.loads(run_cli("dump", output, cwd=teams).stdout)["todos"]
    assert len(todos) == len(items) and all(t["owner"] for t in todos)


def test_new_from_a_team_folder_uses_its_config(teams: Path) -> None:
    made = run_cli("new", "--date", "2024-05-10", cwd=teams / "orchard")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("# Orchard meeting\n\n## May 10th, 2024\n")
    assert "Ana" not in made.stdout and "Chidi" not in made.stdout


def test_verbose_todos_at_the_root_names_each_teams_config(teams: Path) -> None:
    """Review 15 (minor): ``--verbose todos`` at the root named only the generic defaults."""
    result = run_cli("--verbose", "todos", cwd=teams)
    assert result.returncode == 0, result.stderr
    used = next(line for line in result.stderr.splitlines() if "configs used:" in line)
    for team in TEAMS:
        assert str(Path(team) / ".notes-lint.yaml") in used


# Issue 18 (part h): a carried TODO's reference links keep their definitions, and a due
# date that has passed by the new meeting is the one thing NL303 may still report.
REFERENCED = (
    "# Steering Committee Meeting 2024-04-25\n\n"
    "## Attendees\n\n- Ana Okoye\n- Bruno Levi\n\n## Agenda\n\n- the release\n\n"
    "## Action items\n\n"
    "- Ana Okoye: review the proposal, see [the RFC][rfc]\n"
    "- Bruno Levi: read [the plan] and [the notes][Notes-Ref]\n"
    "- Ana Okoye: answer the [survey][]\n\n"
    "> [survey]: https://example.org/survey 'The \"survey\" & more'\n\n"
    '[rfc]: https://example.org/rfc/12 "The RFC"\n'
    "[the plan]: <https://example.org/plan>\n"
    "[notes-ref]:\n  https://example.org/notes\n"
    "[unused]: https://example.org/unused\n"
)


def _ledger(folder: Path) -> list[dict[str, object]]:
    listed = run_cli("todos", "--no-cache", "--format", "json", cwd=folder)
    assert listed.returncode == 0, listed.stderr
    entries: list[dict[str, object]] = json.loads(listed.stdout)["entries"]
    return entries


def test_new_carries_the_definitions_its_todos_use(tmp_path: Path) -> None:
    """Without the definitions the new note had NL208 ("reference '[rfc]' is not
    defined"), and a shortcut ``[the plan]`` silently became text.  Each is written
    once, at the end, as the source wrote it (a definition in a blockquote is written
    anew); the TODOs' text is unchanged, so each stays one ledger entry."""
    _write(tmp_path, "extends: generic\n", {"2024-04-25.md": REFERENCED})
    lines = _new_then_check(tmp_path)
    assert lines[-6:] == [
        "",
        '[rfc]: https://example.org/rfc/12 "The RFC"',
        "[the plan]: <https://example.org/plan>",
        "[notes-ref]:",
        "  https://example.org/notes",
        '[survey]: https://example.org/survey "The \\"survey\\" \\& more"',
    ]
    assert not any("unused" in line for line in lines)
    checked = run_cli("check", "--no-cache", f"{DAY}.md", cwd=tmp_path)
    assert checked.returncode == 0 and "NL208" not in checked.stdout, checked.stdout
    dumped = json.loads(run_cli("dump", "--no-cache", f"{DAY}.md", cwd=tmp_path).stdout)
    urls = {link["text"]: link["url"] for link in dumped["links"]}
    assert urls == {
        "the RFC": "https://example.org/rfc/12",
        "the plan": "https://example.org/plan",
        "the notes": "https://example.org/notes",
        "survey": "https://example.org/survey",
    }
    entries = _ledger(tmp_path)
    assert len(entries) == 3
    for entry in entries:
        places = [o["path"] for o in entry["occurrences"]]  # type: ignore[attr-defined]
        assert places == ["2024-04-25.md", f"{DAY}.md"], entry


def test_new_keeps_the_first_of_two_definitions_of_a_label(tmp_path: Path) -> None:
    """Two notes whose carried TODOs use one label for two URLs: a note holds one
    definition of a label, so the first is kept and stderr names the other."""
    older = REFERENCED.replace("2024-04-25", "2024-04-18").replace("/rfc/12", "/rfc/7")
    older = older.replace("review the proposal, see [the RFC][rfc]", "vote on [the RFC][rfc]")
    _write(tmp_path, "extends: generic\n", {"2024-04-18.md": older, "2024-04-25.md": REFERENCED})
    made = run_cli("new", "--no-cache", "--date", DAY, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.count("[rfc]:") == 1
    assert '[rfc]: https://example.org/rfc/7 "The RFC"' in made.stdout
    assert "2024-04-25.md:20: [rfc]: https://example.org/rfc/12 not carried" in made.stderr


def test_a_carried_todo_past_its_due_date_is_kept_and_is_overdue(tmp_path: Path) -> None:
    """README, ``new``: the note lints clean except NL303 on a carried TODO whose due date
    has passed: it is the same TODO (its id leaves the due phrase out), so ``new`` keeps
    its date as written and NL303 says it is overdue."""
    note = (
        "# Steering Committee Meeting 2024-03-12\n\n## Attendees\n\n- Bruno Levi\n\n"
        "## Agenda\n\n- the release\n\n## Action items\n\n"
        "- Bruno Levi: write the changelog due 2024-03-19\n"
        "- Bruno Levi: tag the release due 2024-04-30\n"
    )
    _write(tmp_path, "extends: generic\n", {"2024-03-12.md": note})
    made = run_cli("new", "--no-cache", "--date", "2024-03-26", "--output", "new.md", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lines = (tmp_path / "new.md").read_text(encoding="utf-8").splitlines()
    assert "- Bruno Levi: write the changelog due 2024-03-19" in lines
    checked = run_cli("check", "--no-cache", "--format", "json", "new.md", cwd=tmp_path)
    errors = [d for d in json.loads(checked.stdout) if d["severity"] == "error"]
    assert checked.returncode == 1
    assert [(d["code"], lines[d["line"] - 1]) for d in errors] == [
        ("NL303", "- Bruno Levi: write the changelog due 2024-03-19")
    ]
    assert errors[0]["message"] == (
        "due date 2024-03-19 is before the meeting (2024-03-26):"
        " overdue or mistyped; write the date it is now due"
    )
    occurrences = [entry["occurrences"] for entry in _ledger(tmp_path)]
    assert [len(places) for places in occurrences] == [2, 2]  # type: ignore[arg-type]
