"""``notes-lint init`` (issue 15): a starting config inferred from the notes, through the CLI."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS, run_cli

from notes_lint.config import load_config, validation_problems

PEOPLE = ("Ana", "Bruno", "Chen")


def _minutes(folder: Path, count: int = 8) -> None:
    """A steering committee's minutes: the date in the title, Present/Agenda/Action items."""
    for k in range(count):
        day = f"2024-03-{k + 1:02d}"
        owner = PEOPLE[k % 3]
        (folder / "2024").mkdir(parents=True, exist_ok=True)
        (folder / "2024" / f"{day}.md").write_text(
            f"# Steering Committee Meeting {day}\n\n"
            "## Present\n\n- Ana\n- Bruno\n- Chen\n\n"
            f"## Agenda\n\n### Topic {k}\n\n- discussed the release plan\n\n"
            f"## Action items\n\n- {owner} to open an issue about item {k}\n",
            encoding="utf-8",
        )


def _hackmd(folder: Path, count: int = 6) -> None:
    """Monthly notes written in HackMD: a title, the date at level 2, sections at level 3."""
    months = ("January", "February", "March", "April", "May", "June")
    for k in range(count):
        (folder / f"2023-{k + 1:02d}-10.md").write_text(
            "# Monthly developer meeting\n\n"
            f"## {months[k]} 10, 2023 @ 15:00 UTC\n\n"
            "### Updates\n\n- [name=Ana] merged the parser\n\n"
            "### Discussion\n\n- the roadmap\n\n"
            f"### Action items\n\n- [ ] write the changelog for {months[k]} [name=Bruno]\n",
            encoding="utf-8",
        )


def _labelled(folder: Path, count: int = 6) -> None:
    """Minutes whose date is on a labelled line in a numeric format nothing named reads."""
    for k in range(count):
        (folder / f"2021-04-{k + 10}.md").write_text(
            "# Language team meeting\n\n"
            f"* Meeting date: 2021.04.{k + 10}\n\n"
            "## Attendance\n\n- Ana, Bruno\n\n"
            "## Discussion\n\n- the edition\n",
            encoding="utf-8",
        )


def _config_of(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    assert validation_problems(data) == []
    return data


def test_dry_run_prints_a_valid_config_and_writes_nothing(tmp_path: Path) -> None:
    _minutes(tmp_path)
    done = run_cli("init", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".notes-lint.yaml").exists()
    data = _config_of(done.stdout)
    assert data["extends"] == "generic"
    date = data["date"]
    assert date["level"] == 1 and date["filename"] is True
    sections = data["sections"]
    assert sections["level"] == 2
    named = {s["name"]: s for s in sections["named"]}
    assert named["Present"].get("required") is True
    assert named["Action items"].get("todos") is True
    assert set(data["people"]) == set(PEOPLE)
    # a comment over each key, and what was inferred on stderr
    assert re.search(r"# .*\n\s*level: 1", done.stdout)
    assert "8 of 8 notes dated" in done.stderr


def test_hackmd_shape(tmp_path: Path) -> None:
    _hackmd(tmp_path)
    done = run_cli("init", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = _config_of(done.stdout)
    assert data["date"]["level"] == 2
    assert data["sections"]["level"] == 3
    names = [s["name"] for s in data["sections"]["named"]]
    assert names == ["Updates", "Discussion", "Action items"]
    assert data["todos"]["owner-tags"][0] == "name-tag"


def test_labelled_numeric_dates_are_read(tmp_path: Path) -> None:
    _labelled(tmp_path)
    done = run_cli("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = _config_of((tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8"))
    assert data["date"]["labels"] == ["Meeting date"]
    # "2024.03.01" is read by iso (year first, two-digit month and day): no format added.
    assert set(data["date"]["formats"]) & {"iso", "%Y.%m.%d"}
    checked = run_cli("check", "--format", "json", cwd=tmp_path)
    codes = {d["code"] for d in json.loads(checked.stdout)}
    assert "NL101" not in codes and "NL102" not in codes
    assert checked.returncode == 0, checked.stdout


def test_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    _minutes(tmp_path, 4)
    (tmp_path / ".notes-lint.yaml").write_text("extends: hackmd\n", encoding="utf-8")
    refused = run_cli("init", cwd=tmp_path)
    assert refused.returncode == 2
    assert "already there" in refused.stderr and "--force" in refused.stderr
    assert (tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8") == "extends: hackmd\n"
    forced = run_cli("init", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    written = (tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8")
    assert "extends: generic" in written
    assert load_config(tmp_path / ".notes-lint.yaml").sections.lookup("Present") is not None


def test_folder_argument_and_bad_input(tmp_path: Path) -> None:
    team = tmp_path / "team"
    _minutes(team, 3)
    done = run_cli("init", "team", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (team / ".notes-lint.yaml").is_file()
    (tmp_path / "empty").mkdir()
    empty = run_cli("init", "empty", cwd=tmp_path)
    assert empty.returncode == 2 and "no Markdown notes" in empty.stderr
    assert "Traceback" not in empty.stderr
    missing = run_cli("init", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "not a folder" in missing.stderr


def test_check_hints_at_init_without_a_config(tmp_path: Path) -> None:
    _hackmd(tmp_path)  # fails the generic preset: no Attendees, no Agenda
    checked = run_cli("check", cwd=tmp_path)
    assert checked.returncode == 1
    assert "notes-lint init" in checked.stderr.splitlines()[-1]
    assert run_cli("init", cwd=tmp_path).returncode == 0
    again = run_cli("check", cwd=tmp_path)
    assert "notes-lint init" not in again.stderr


def test_no_hint_when_most_notes_pass(tmp_path: Path) -> None:
    _minutes(tmp_path)  # the generic preset's own shape
    checked = run_cli("check", cwd=tmp_path)
    assert "notes-lint init" not in checked.stderr


@pytest.mark.parametrize("name", ["openjs-cpc", "rust-lang-team"])
def test_real_archives(name: str, tmp_path: Path) -> None:
    """Issue 15's measure: with the inferred config, >= 95 % of notes dated and at most
    10 error findings per 20 notes."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}): a fresh clone has no ../shared")
    archive = tmp_path / name
    shutil.copytree(CORPUS / name, archive, ignore=shutil.ignore_patterns(".notes-lint.*"))
    done = run_cli("init", cwd=archive)
    assert done.returncode == 0, done.stderr
    figures = re.search(r"(\d+) of (\d+) notes dated", done.stderr)
    assert figures is not None, done.stderr
    dated, notes = int(figures[1]), int(figures[2])
    assert notes > 100 and dated >= 0.95 * notes
    checked = run_cli("check", "--format", "json", cwd=archive)
    errors = [d for d in json.loads(checked.stdout) if d["severity"] == "error"]
    assert len(errors) * 20 <= 10 * notes, f"{len(errors)} errors on {notes} notes"
    ledger = json.loads(run_cli("todos", "--format", "json", cwd=archive).stdout)
    undated = ledger.get("undated", []) if isinstance(ledger, dict) else []
    assert len(undated) <= 0.05 * notes


def test_init_refuses_a_config_option(tmp_path: Path) -> None:
    result = run_cli("init", "--config", "nope.yaml", "--dry-run", cwd=tmp_path)
    assert result.returncode == 2
    assert "--config does not apply" in result.stderr


def _amara(folder: Path, count: int = 5) -> None:
    """Minutes whose attendance pairs names with logins (``Name (@login)``, ``Name
    @login``, ``[name=X] @login``) and whose actions name the same people three ways."""
    for k in range(count):
        (folder / f"2024-05-{k + 1:02d}.md").write_text(
            f"# Team meeting 2024-05-{k + 1:02d}\n\n"
            "## Present\n\n- Amara Okafor (@amokafor)\n- Jonas Berg @jberg\n"
            "- [name=Rosa Díaz] @rdiaz\n- Li Wei\n\n"
            f"## Agenda\n\n- release {k}\n\n"
            "## Action items\n\n"
            f"- [ ] @amokafor draft the release notes {k}\n"
            f"- [ ] Amara: review the roadmap {k}\n"
            f"- [ ] book the room {k} (Amara)\n"
            f"- [ ] Jonas: update the CI {k}\n"
            f"- [ ] @jberg fix the docs {k}\n"
            f"- [ ] Rosa: label the issues {k}\n"
            f"- [ ] Li Wei to send the survey {k}\n",
            encoding="utf-8",
        )


def test_roster_merges_a_person_written_by_name_first_name_and_login(tmp_path: Path) -> None:
    """Issue 15, item 3: one entry per person, the login from the attendance beside
    the name; then the ledger groups each person's TODOs once."""
    _amara(tmp_path)
    done = run_cli("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    people = _config_of((tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8"))["people"]
    assert people["Amara Okafor"] == {"login": "amokafor", "aliases": ["Amara"]}
    assert people["Jonas Berg"] == {"login": "jberg", "aliases": ["Jonas"]}
    assert people["Rosa Díaz"] == {"login": "rdiaz", "aliases": ["Rosa"]}
    assert people["Li Wei"] is None
    assert not {"Amara", "amokafor", "Jonas", "jberg", "Rosa"} & set(people)
    ledger = run_cli("todos", "--format", "json", cwd=tmp_path)
    assert ledger.returncode == 0, ledger.stderr
    entries = json.loads(ledger.stdout)
    entries = entries["entries"]
    owners = Counter(str(e.get("owner")) for e in entries)
    assert owners["Amara Okafor"] == 3 and owners["Jonas Berg"] == 2
    assert not {"Amara", "amokafor", "Jonas", "jberg"} & set(owners)


def test_a_first_name_shared_by_two_full_names_is_not_merged(tmp_path: Path) -> None:
    for k in range(3):
        (tmp_path / f"2024-06-{k + 1:02d}.md").write_text(
            f"# Sync 2024-06-{k + 1:02d}\n\n## Present\n\n- Sam Ortiz (@sortiz)\n"
            "- Sam Lee (@slee)\n\n## Action items\n\n"
            f"- [ ] Sam: ship {k}\n- [ ] @sortiz test {k}\n- [ ] @slee docs {k}\n",
            encoding="utf-8",
        )
    people = _config_of(run_cli("init", "--dry-run", cwd=tmp_path).stdout)["people"]
    assert "Sam" in people and people["Sam"] is None
    assert people["Sam Ortiz"] == "sortiz" and people["Sam Lee"] == "slee"


def _team_minutes(folder: Path, bodies: list[str]) -> None:
    """One note a week, each with the given Action items (and attendance) body."""
    for k, body in enumerate(bodies):
        day = f"2022-02-{k + 1:02d}"
        (folder / f"{day}.md").write_text(
            f"# T-lang meeting agenda\n\n* Meeting date: {day}\n\n{body}", encoding="utf-8"
        )


def _people(folder: Path) -> dict[str, Any]:
    done = run_cli("init", "--dry-run", cwd=folder)
    assert done.returncode == 0, done.stderr
    people = _config_of(done.stdout).get("people", {})
    assert isinstance(people, dict)
    return people


def test_a_login_built_on_a_given_name_is_that_person(tmp_path: Path) -> None:
    """Issue 15, item 3: ``Niko`` and ``nikomatsakis``, ``Felix`` and ``pnkfelix`` are
    never written side by side, and each login is built on the one given name: one person
    each, the login kept; the ledger files their TODOs under one owner."""
    _team_minutes(
        tmp_path,
        [
            "## Action items\n\n- Niko to write up the proposal\n- Felix: review the RFC\n",
            "## Action items\n\n- nikomatsakis to file the issue\n- pnkfelix: ping the author\n",
            "## Action items\n\n- Niko: summarize the thread\n- Felix to check the report\n",
            "## Attendance\n\n* Team members: nikomatsakis, pnkfelix, Josh\n\n"
            "## Action items\n\n- nikomatsakis: close the FCP\n",
        ],
    )
    people = _people(tmp_path)
    assert people["Niko"] == "nikomatsakis"
    assert people["Felix"] == "pnkfelix"
    assert not {"nikomatsakis", "pnkfelix"} & set(people)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    ledger = json.loads(run_cli("todos", "--format", "json", cwd=tmp_path).stdout)
    owners = Counter(str(e.get("owner")) for e in ledger["entries"])
    assert owners["Niko"] == 4 and owners["Felix"] == 3


def test_a_given_name_written_beside_the_login_stays_another_person(tmp_path: Path) -> None:
    """Never merge two people: ``Niko`` listed beside ``nikomatsakis`` is someone else,
    and a given name that prefixes two logins (``sam``: ``samlee``, ``samortiz``) is
    neither of them."""
    _team_minutes(
        tmp_path,
        [
            "## Attendance\n\n* Team members: Niko, nikomatsakis, Sam\n\n"
            "## Action items\n\n- Niko to write up the proposal\n- samlee: fix the docs\n",
            "## Action items\n\n- nikomatsakis to file the issue\n- samortiz: test it\n",
            "## Action items\n\n- Niko: summarize the thread\n- Sam to ping samlee\n"
            "- samlee: review\n- samortiz: release\n",
            "## Action items\n\n- nikomatsakis: close the FCP\n- Sam: book the room\n",
        ],
    )
    people = _people(tmp_path)
    assert people["Niko"] is None and people["nikomatsakis"] is None
    assert people["Sam"] is None and "samlee" in people and "samortiz" in people


@pytest.mark.parametrize(
    ("given", "login", "merged"),
    [
        # The same login whatever its hyphens and capitals: the name and an initial.
        ("Ngozi", "ngozi-e", True),
        ("Ngozi", "ngozie", True),
        ("Ngozi", "NgoziE", True),
        ("Tomás", "tomas-r", True),
        ("Tomás", "tomasr", True),
        ("Tomás", "Tomas-R", True),
        # The name and a surname.
        ("Bea", "beatricel", True),
        ("Bea", "beatrice-l", True),
        ("Niko", "niko-matsakis", True),
        # A login that is itself another given name: another person.
        ("Sam", "samira", False),
        ("Sam", "Samira", False),
        ("Sam", "sam-ira", False),
        ("Ana", "anabel", False),
    ],
)
def test_a_login_is_built_on_a_given_name_whatever_its_hyphens_and_capitals(
    tmp_path: Path, given: str, login: str, merged: bool
) -> None:
    """Review 15 item 4: attendance ``Sam, Tomás, Ngozi, Bea``; ``@ngozi-e`` was merged
    but ``@ngozie`` and ``@NgoziE`` not, ``@beatricel`` but not ``@beatrice-l``, and
    ``@samira`` (another given name) was merged into Sam."""
    others = [name for name in ("Sam", "Tomás", "Ngozi", "Bea") if name != given]
    body = (
        f"## Attendance\n\n- {given}, {', '.join(others)}\n\n"
        f"## Action items\n\n- {given}: book the room\n- @{login}: write the post\n"
    )
    _team_minutes(tmp_path, [body, body.replace("room", "hall"), body.replace("post", "blog")])
    people = _people(tmp_path)
    if merged:
        assert people[given] == login, people
        assert login not in people
    else:
        assert people[given] is None, people
        assert people[login] == login


def test_a_name_with_its_own_login_is_not_merged_into_another(tmp_path: Path) -> None:
    """``Scott`` is Scott Olson (``Scott Olson (@solson)``): ``scottmcm`` stays apart."""
    _team_minutes(
        tmp_path,
        [
            "## Attendance\n\n- Scott Olson (@solson)\n\n"
            "## Action items\n\n- Scott to write the report\n- scottmcm: review\n",
            "## Action items\n\n- Scott: file the issue\n- scottmcm to ping\n",
        ],
    )
    people = _people(tmp_path)
    assert people["Scott Olson"] == {"login": "solson", "aliases": ["Scott"]}
    assert people["scottmcm"] is None


def test_pages_that_are_not_notes_are_excluded(tmp_path: Path) -> None:
    """A static site's content tree: the section pages (``_index.md``) hold no date in
    their name or text where every note's name does; init excludes them, so every note
    left is dated (issue 15's acceptance on the field case C2)."""
    for team in ("parser", "triage"):
        (tmp_path / "content" / team).mkdir(parents=True)
        (tmp_path / "content" / team / "_index.md").write_text(
            f"# The {team} group\n\nWe meet every week.\n", encoding="utf-8"
        )
        for day in ("2019-04-11", "2019-04-18"):
            (tmp_path / "content" / team / f"{day}.md").write_text(
                f"# {team} meeting {day}\n\n## Notes\n\n- the roadmap\n", encoding="utf-8"
            )
    done = run_cli("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "4 of 4 notes dated" in done.stderr
    data = _config_of((tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8"))
    assert "_index.md" in data["exclude"] and "README.md" in data["exclude"]
    shown = run_cli("check", "--show-files", cwd=tmp_path).stdout
    assert "_index.md" not in shown and "2019-04-11.md" in shown


def test_an_undated_note_among_undated_names_is_kept(tmp_path: Path) -> None:
    """Where file names hold no date, an undated note is a note to fix, not a page."""
    _labelled(tmp_path, 4)
    for k in range(4):
        (tmp_path / f"2021-04-{k + 10}.md").rename(tmp_path / f"meeting-{k}.md")
    (tmp_path / "meeting-9.md").write_text("# Language team meeting\n\n- no date\n")
    data = _config_of(run_cli("init", "--dry-run", cwd=tmp_path).stdout)
    assert "exclude" not in data


def test_init_writes_since_so_sync_follows_up_what_is_new(tmp_path: Path) -> None:
    """Adopting the tool on an archive follows up what is new, not the archive (issue 16):
    init writes ``github.since`` as the day it runs; sync then opens nothing for the
    archive's TODOs and says how many it left out."""
    _minutes(tmp_path)
    done = run_cli("init", "--today", "2024-06-01", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / ".notes-lint.yaml").read_text(encoding="utf-8")
    assert _config_of(written)["github"] == {"since": "2024-06-01"}
    assert "# sync follows up the TODOs first seen from 2024-06-01" in written
    env = {"GITHUB_TOKEN": "", "GH_TOKEN": "", "GITHUB_REPOSITORY": "team/notes"}
    plan = run_cli("sync", "--today", "2024-06-10", "--offline", cwd=tmp_path, env=env)
    assert plan.returncode == 0, plan.stderr
    assert "to create" not in plan.stdout
    assert "8 TODOs first seen before 2024-06-01 are not followed up" in plan.stdout
