"""`notes-lint sync` end to end: PyGithub against the fake GitHub (tests/fake_github.py)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import run_cli
from fake_github import FakeGitHub

CONFIG = """\
extends: sklearn-weekly
people:
  Alice: alice
  Bob: bob
  Dave: dave
  Erin: null
github:
  repo: acme/notes
"""
TODAY = "2024-03-01"


def note(date: str, *todos: str) -> str:
    items = "\n".join(f"- {t}" for t in todos)
    return f"## {date}\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n{items}\n"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return tmp_path


def write(team: Path, date: str, *todos: str, name: str | None = None) -> None:
    (team / "notes" / (name or f"{date}.md")).write_text(note(date, *todos), encoding="utf-8")


def sync(
    team: Path, fake: FakeGitHub, *args: str, token: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``notes-lint sync`` against ``fake``; ``env`` overrides the runner's variables."""
    base = {
        "GITHUB_TOKEN": token if token is not None else fake.token,
        "GITHUB_API_URL": fake.url,
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_SHA": "0123abcd",
        "GH_TOKEN": "",
    }
    return run_cli(
        "sync", "--today", TODAY, "--write-interval", "0", *args, cwd=team, env={**base, **env}
    )


def concurrent_syncs(
    team: Path, fake: FakeGitHub, count: int
) -> list[subprocess.CompletedProcess[str]]:
    """``count`` runs of ``sync --apply`` started at once, their results as they finish."""
    results: list[subprocess.CompletedProcess[str]] = []
    runs = [
        threading.Thread(target=lambda: results.append(sync(team, fake, "--apply")))
        for _ in range(count)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    return results


def open_issues(fake: FakeGitHub) -> list[tuple[str, list[str]]]:
    return sorted((i.title, i.assignees) for i in fake.issues(state="open"))


def test_first_run_creates_one_issue_per_undone_todo_then_nothing(
    team: Path, github_server: FakeGitHub
) -> None:
    write(
        team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)", "Book a room (Erin)"
    )
    write(
        team, "2024-02-27", "Release 1.5 (Alice)", "Plan the sprint (Dave)"
    )  # Dave's is 3 days old
    dry = sync(team, github_server)
    assert dry.returncode == 0, dry.stderr
    assert "3 to create" in dry.stdout and "dry run: nothing was written" in dry.stdout
    assert github_server.count("POST") == 0
    first = sync(team, github_server, "--apply")
    assert first.returncode == 0, first.stdout + first.stderr
    assert open_issues(github_server) == [
        ("Book a room", []),
        ("Fix the docs build", ["bob"]),
        ("Release 1.5", ["alice"]),
    ]
    (release,) = [i for i in github_server.issues() if i.title == "Release 1.5"]
    assert github_server.repo().label_names(release) == ["meeting-todo"]
    assert "https://github.example/acme/notes/blob/0123abcd/notes/2024-02-01.md#L9" in (
        release.body or ""
    )
    (room,) = [i for i in github_server.issues() if i.title == "Book a room"]
    assert "Erin has no GitHub login" in (room.body or "")
    github_server.clear_requests()
    second = sync(team, github_server, "--apply")
    assert second.returncode == 0
    assert "0 unchanged" not in second.stdout and "3 unchanged" in second.stdout
    assert [r.method for r in github_server.requests if r.method != "GET"] == []


def test_done_closes_with_a_comment_and_a_later_open_note_reopens(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Fix the docs build (Bob)")
    assert sync(team, github_server, "--apply").returncode == 0
    write(team, "2024-02-08", "[x] Fix the docs build (Bob)")
    closing = sync(team, github_server, "--apply")
    assert closing.returncode == 0, closing.stdout
    (issue,) = github_server.issues()
    assert (issue.state, issue.state_reason) == ("closed", "completed")
    assert "notes/2024-02-08.md#L9" in issue.comments[-1].body
    assert sync(team, github_server, "--apply", "--format", "json").returncode == 0
    write(team, "2024-02-22", "Fix the docs build (Bob)")
    reopening = sync(team, github_server, "--apply", "--today", "2099-01-01")
    assert reopening.returncode == 0, reopening.stdout
    (issue,) = github_server.issues()
    assert issue.state == "open"
    assert "2024-02-22" in issue.comments[-1].body


def test_150_undone_todos_page_correctly(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", *(f"Task number {n} (Alice)" for n in range(150)))
    result = sync(team, github_server, "--apply", "--max-create", "200")
    assert result.returncode == 0, result.stdout[-2000:]
    assert len(github_server.issues(state="open")) == 150
    github_server.clear_requests()
    again = sync(team, github_server, "--apply", "--max-create", "200")
    assert again.returncode == 0
    assert "150 unchanged" in again.stdout
    assert github_server.count(operation="issues/list-for-repo") == 2  # ceil(150/100)


def test_max_create_stops_a_flood_and_the_next_run_goes_on(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", *(f"Task number {n} (Alice)" for n in range(25)))
    first = sync(team, github_server, "--apply")
    assert first.returncode == 1
    assert "left for the next run: 5" in first.stdout
    assert len(github_server.issues()) == 20
    second = sync(team, github_server, "--apply")
    assert second.returncode == 0
    assert len(github_server.issues()) == 25


def test_request_budget(team: Path, github_server: FakeGitHub) -> None:
    existing = 230
    for n in range(existing):
        github_server.seed_issue(title=f"old {n}", labels=["meeting-todo"])
    write(
        team, "2024-02-01", *(f"Task {n} (Alice)" for n in range(5)), "Other (Bob)", "Third (Erin)"
    )
    github_server.clear_requests()
    result = sync(team, github_server, "--apply")
    assert result.returncode == 0, result.stdout
    listings = github_server.count(operation="issues/list-for-repo")
    changes = 7
    owners = 2  # alice and bob; Erin has no login
    # The listing, one small read of the newest issues before each create (issue 12: a
    # create is never repeated blindly), and one after them to close twins.
    assert listings <= math.ceil(existing / 100) + changes + 1
    assert len(github_server.requests) <= listings + changes + owners + 3


def test_a_500_after_create_converges_to_one_issue(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    github_server.inject("server_error", "POST", "/repos/{owner}/{repo}/issues")
    sync(team, github_server, "--apply")
    rerun = sync(team, github_server, "--apply")
    assert rerun.returncode == 0, rerun.stdout
    assert open_issues(github_server) == [
        ("Fix the docs build", ["bob"]),
        ("Release 1.5", ["alice"]),
    ]


def test_a_dropped_connection_reports_what_is_left_and_a_rerun_finishes(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    fault = github_server.inject("drop", "POST", "/repos/{owner}/{repo}/issues", times=20)
    failed = sync(team, github_server, "--apply")
    assert fault.fired == 1  # a POST whose answer was lost is never sent again blindly
    github_server.clear_faults()
    assert failed.returncode == 1
    assert "stopped:" in failed.stdout and "left for the next run" in failed.stdout
    assert "Traceback" not in failed.stderr
    assert sync(team, github_server, "--apply").returncode == 0
    assert len(open_issues(github_server)) == 2


def test_two_syncs_at_once_end_with_one_issue_per_todo(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", *(f"Task number {n} (Alice)" for n in range(6)))
    github_server.inject("delay", "POST", "/repos/{owner}/{repo}/issues", times=12, seconds=0.05)
    results = concurrent_syncs(team, github_server, 2)
    assert len(results) == 2
    titles = [t for t, _ in open_issues(github_server)]
    assert sorted(titles) == sorted(f"Task number {n}" for n in range(6))
    final = sync(team, github_server, "--apply")
    assert final.returncode == 0 and "6 unchanged" in final.stdout


def test_a_secondary_rate_limit_is_waited_out(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    fault = github_server.inject(
        "secondary_rate_limit", "POST", "/repos/{owner}/{repo}/issues", retry_after=1
    )
    result = sync(team, github_server, "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    assert fault.fired == 1
    assert open_issues(github_server) == [("Release 1.5", ["alice"])]


def test_the_token_never_shows(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    github_server.inject("status", "GET", "/repos/{owner}/{repo}/issues", status=500, times=50)
    broken = sync(team, github_server, "--apply")
    assert broken.returncode == 1
    bad_token = sync(team, github_server, "--apply", token="ghs_" + "x" * 36)
    for result in (broken, bad_token):
        assert github_server.token not in result.stdout + result.stderr
        assert "ghs_" + "x" * 36 not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert "401" in bad_token.stderr


def test_human_edits_survive_and_unmarked_issues_are_untouched(
    team: Path, github_server: FakeGitHub
) -> None:
    human = github_server.seed_issue(
        title="Release 1.5", body="written by a human", labels=["meeting-todo"]
    )
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    assert sync(team, github_server, "--apply").returncode == 0
    (ours,) = [i for i in github_server.issues() if i.number != human.number]
    github_server.edit_issue(
        ours.number, title="Release 1.5 (renamed)", body="Intro by a human.\n\n" + (ours.body or "")
    )
    write(team, "2024-02-08", "Release 1.5 (Alice)")
    assert sync(team, github_server, "--apply").returncode == 0
    edited = github_server.issue(ours.number)
    assert edited.title == "Release 1.5 (renamed)"
    assert (edited.body or "").startswith("Intro by a human.")
    assert "**Carried over in:**" in (edited.body or "")
    assert github_server.issue(human.number).body == "written by a human"


def test_json_and_markdown_plans(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    plan = json.loads(sync(team, github_server, "--format", "json").stdout)
    assert plan["applied"] is False
    assert [a["action"] for a in plan["actions"]] == ["create"]
    markdown = sync(team, github_server, "--format", "markdown").stdout
    assert markdown.startswith("### notes-lint sync of acme/notes")
    assert "| create |" in markdown


def test_usage_errors(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    no_token = sync(team, github_server, "--apply", token="")
    assert no_token.returncode == 2 and "GITHUB_TOKEN" in no_token.stderr
    (team / ".notes-lint.yaml").write_text(
        CONFIG + "  api-url: http://github.example.com/api/v3\n", encoding="utf-8"
    )
    insecure = sync(team, github_server)
    assert insecure.returncode == 2 and "https://" in insecure.stderr


def test_sync_does_not_import_pygithub_for_other_commands(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    code = "import sys\nfrom notes_lint.cli import main\nmain(['check'])\nprint('github' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=team, capture_output=True, text=True, check=False
    )
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_an_exhausted_hourly_budget_is_waited_out_until_its_reset(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    fault = github_server.inject(
        "primary_rate_limit", "POST", "/repos/{owner}/{repo}/issues", retry_after=2
    )
    result = sync(team, github_server, "--apply")
    assert fault.fired == 1
    assert result.returncode == 0, result.stdout + result.stderr
    assert open_issues(github_server) == [("Release 1.5", ["alice"])]
