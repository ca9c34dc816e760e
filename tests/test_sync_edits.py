"""Issue 16: `notes-lint sync` in a repository that people also edit.

The tool finds its issues by the marker in their body alone, whatever a human
did to their labels, title or state: each scenario runs the CLI against the
fake GitHub (tests/fake_github.py) over HTTP, with a person's edit in between.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from test_sync import sync, write

from notes_lint.sync import BEGIN, END

CONFIG = """\
extends: sklearn-weekly
people:
  Alice: alice
  Bob: bob
github:
  repo: acme/notes
"""
USER_TOKEN = "ghp_" + "u" * 36  # a person's token: GET /user names its account
LIST = "issues/list-for-repo"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return tmp_path


@pytest.fixture
def fake(github_server: FakeGitHub) -> FakeGitHub:
    github_server.add_token(USER_TOKEN, "notes-keeper")
    return github_server


def run(team: Path, fake: FakeGitHub, *args: str) -> str:
    result = sync(team, fake, "--apply", *args, token=USER_TOKEN)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def the_issue(fake: FakeGitHub) -> int:
    (issue,) = fake.issues()
    return issue.number


def test_a_relabelled_and_retitled_issue_is_still_the_todos_and_its_done_closes_it(
    team: Path, fake: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake)
    number = the_issue(fake)
    fake.edit_issue(number, labels=["docs"], title="Ship it")
    write(team, "2024-02-08", "Release 1.5 (Alice)")
    fake.clear_requests()
    again = run(team, fake)
    assert fake.count("POST") == 0 and "1 to update" in again  # carried over: no new issue
    assert [i.number for i in fake.issues()] == [number]
    edited = fake.issue(number)
    assert (edited.title, fake.label_names(edited)) == ("Ship it", ["docs"])
    write(team, "2024-02-15", "[x] Release 1.5 (Alice)")
    run(team, fake)
    closed = fake.issue(number)
    assert (closed.state, closed.state_reason) == ("closed", "completed")
    assert [i.number for i in fake.issues()] == [number]


def test_an_issue_with_its_label_removed_is_still_found_and_reopened(
    team: Path, fake: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Fix the docs build (Bob)")
    run(team, fake)
    number = the_issue(fake)
    fake.edit_issue(number, labels=[])
    write(team, "2024-02-08", "[x] Fix the docs build (Bob)")
    run(team, fake)
    assert fake.issue(number).state == "closed"
    write(team, "2024-02-22", "Fix the docs build (Bob)")  # listed open again
    run(team, fake, "--today", "2099-01-01")
    assert [(i.number, i.state) for i in fake.issues()] == [(number, "open")]
    assert fake.label_names(fake.issue(number)) == []  # the tool never relabels


def test_a_body_edited_outside_the_markers_keeps_the_human_bytes(
    team: Path, fake: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake)
    number = the_issue(fake)
    body = fake.issue(number).body or ""
    before, after = "Context from Bob:\r\n\r\n> *quoted*  \n", "\n\n- [ ] a human's checklist\t\n"
    fake.edit_issue(number, body=before + body + after)
    write(team, "2024-02-08", "Release 1.5 (Alice)")
    run(team, fake)
    new_body = fake.issue(number).body or ""
    assert new_body.startswith(before + BEGIN) and new_body.endswith(END + after)
    assert "**Carried over in:**" in new_body and new_body != before + body + after


def test_an_issue_closed_by_hand_as_not_planned_is_never_reopened(
    team: Path, fake: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake)
    number = the_issue(fake)
    fake.edit_issue(number, state="closed", state_reason="not_planned", labels=["wontfix"])
    write(team, "2024-03-20", "Release 1.5 (Alice)")  # still listed, after the close
    fake.clear_requests()
    for _ in range(2):
        run(team, fake, "--today", "2099-01-01")
    assert [r for r in fake.requests if r.is_write] == []
    issue = fake.issue(number)
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    assert len(fake.issues()) == 1


@pytest.mark.parametrize(("how", "status"), [("delete", "410"), ("transfer", "404")])
def test_an_issue_deleted_or_transferred_under_the_run_is_reported_once_not_recreated(
    team: Path, fake: FakeGitHub, how: str, status: str
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    run(team, fake)
    release = next(i.number for i in fake.issues() if i.title == "Release 1.5")
    write(team, "2024-02-08", "Release 1.5 (Alice)", "[x] Fix the docs build (Bob)")
    gone = fake.delete_issue if how == "delete" else fake.transfer_issue
    # The person acts between the run's listing and its write to the issue.
    fake.inject(
        "callback", "PATCH", f"/repos/acme/notes/issues/{release}", callback=lambda: gone(release)
    )
    fake.clear_requests()
    result = sync(team, fake, "--apply", "--format", "json", token=USER_TOKEN)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    (line,) = report["gone"]
    assert f"#{release} is gone" in line and status in line
    assert report["failed"] is None and report["left"] == []
    assert fake.count(operation="issues/create") == 0  # nothing recreated in that run
    assert [i.state for i in fake.issues()] == ["closed"]  # the other TODO was still closed
    # The next run cannot tell a vanished issue from none: it opens one, once.
    run(team, fake)
    fake.clear_requests()
    third = run(team, fake)
    assert "gone" not in third and fake.count("POST") == 0
    assert sorted(i.title for i in fake.issues(state="open")) == ["Release 1.5"]


def test_the_listing_reads_only_the_accounts_issues_paginated(team: Path, fake: FakeGitHub) -> None:
    for n in range(230):  # other people's issues and pull requests
        fake.seed_issue(title=f"someone's {n}", user="carol", pull_request=n % 5 == 0)
    write(team, "2024-02-01", *(f"Task number {n} (Alice)" for n in range(120)))
    run(team, fake, "--max-create", "200")
    assert len([i for i in fake.issues() if i.user == "notes-keeper"]) == 120
    fake.clear_requests()
    again = run(team, fake, "--max-create", "200")
    assert "120 unchanged" in again
    listings = [r for r in fake.requests if r.operation == LIST]
    assert len(listings) == math.ceil(120 / 100)
    assert all(r.query.get("creator") == ["notes-keeper"] for r in listings)
    assert all(r.query.get("per_page") == ["100"] for r in listings)
    assert fake.count(operation="users/get-authenticated") == 1
    assert not [r for r in fake.requests if r.path.startswith("/search/")]


def test_find_by_all_reads_issues_another_account_opened(team: Path, fake: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    sync(team, fake, "--apply")  # the Actions token opens it: creator github-actions[bot]
    (opened,) = fake.issues()
    assert opened.user == "github-actions[bot]"
    config = team / ".notes-lint.yaml"
    config.write_text(CONFIG + "  find-by: all\n", encoding="utf-8")
    fake.clear_requests()
    plan = sync(team, fake, token=USER_TOKEN)
    assert "1 unchanged" in plan.stdout and "to create" not in plan.stdout
    assert fake.count(operation="users/get-authenticated") == 0
    (listing,) = [r for r in fake.requests if r.operation == LIST]
    assert "creator" not in listing.query
    config.write_text(CONFIG + "  find-by: author\n", encoding="utf-8")
    bad = sync(team, fake, token=USER_TOKEN)
    assert bad.returncode == 2 and "find-by" in bad.stderr and "Traceback" not in bad.stderr


def test_an_actions_token_that_may_not_read_its_account_lists_every_issue(
    team: Path, fake: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    assert sync(team, fake, "--apply").returncode == 0
    fake.clear_requests()
    again = sync(team, fake, "--apply")
    assert again.returncode == 0 and "1 unchanged" in again.stdout
    (who,) = [r for r in fake.requests if r.operation == "users/get-authenticated"]
    assert who.status == 403
    (listing,) = [r for r in fake.requests if r.operation == LIST]
    assert "creator" not in listing.query


# ------------------------------------------- a description edited in the browser (review 16, 1)


def _browser_edits() -> dict[str, object]:
    """How a person may leave the body: each keeps the TODO's marker somewhere in it."""

    def crlf(body: str) -> str:  # GitHub's web editor saves the body with CRLF line ends
        return (body + "\n\nBlocked on CI.").replace("\n", "\r\n")

    def no_end(body: str) -> str:
        return body.replace("\n" + END, "") + "\n\nBlocked on CI."

    def no_begin(body: str) -> str:
        return "Blocked on CI.\n\n" + body.replace(BEGIN + "\n", "")

    def crlf_no_end(body: str) -> str:
        return crlf(no_end(body))

    return {"crlf": crlf, "no-end": no_end, "no-begin": no_begin, "crlf-no-end": crlf_no_end}


@pytest.mark.parametrize("how", sorted(_browser_edits()))
def test_a_body_saved_by_the_browser_or_missing_a_marker_line_keeps_its_todo(
    team: Path, fake: FakeGitHub, how: str
) -> None:
    edit = _browser_edits()[how]
    assert callable(edit)
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake)
    number = the_issue(fake)
    fake.edit_issue(number, body=edit(fake.issue(number).body or ""))
    write(team, "2024-02-08", "Release 1.5 (Alice)")  # carried over: the section changes
    fake.clear_requests()
    run(team, fake)
    assert fake.count(operation="issues/create") == 0
    body = fake.issue(number).body or ""
    assert "Blocked on CI." in body  # the person's words are kept
    assert body.count(END) == 1 and body.count(BEGIN) == 1  # the markers are written again
    assert "**Carried over in:**" in body
    fake.clear_requests()
    assert "1 unchanged" in run(team, fake)  # converged: nothing more to write
    assert [r for r in fake.requests if r.is_write] == []
    write(team, "2024-02-15", "[x] Release 1.5 (Alice)")
    run(team, fake)
    assert [(i.number, i.state) for i in fake.issues()] == [(number, "closed")]


def test_a_crlf_body_alone_is_no_change(team: Path, fake: FakeGitHub) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake)
    number = the_issue(fake)
    fake.edit_issue(number, body=(fake.issue(number).body or "").replace("\n", "\r\n"))
    fake.clear_requests()
    assert "1 unchanged" in run(team, fake)
    assert [r for r in fake.requests if r.is_write] == []


# ---------------------------------------- a person's close is undone only by a later note (2)


@pytest.mark.parametrize("reason", ["completed", "duplicate"])
def test_a_close_by_hand_is_undone_only_by_a_note_dated_after_it(
    team: Path, fake: FakeGitHub, reason: str
) -> None:
    fake.clock = lambda: datetime(2024, 3, 1, 12, tzinfo=UTC)
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    write(team, "2024-02-08", "[x] Release 1.5 (Alice)")
    write(team, "2024-02-15", "Release 1.5 (Alice)")  # done once, then listed open again
    run(team, fake, "--today", "2024-03-01")
    number = the_issue(fake)
    fake.edit_issue(number, state="closed", state_reason=reason)
    fake.clear_requests()
    for _ in range(2):
        run(team, fake, "--today", "2024-03-01")
    assert [r for r in fake.requests if r.is_write] == []  # the notes knew nothing newer
    write(team, "2024-03-01", "Release 1.5 (Alice)")  # the day of the close: known then
    run(team, fake, "--today", "2024-03-02")
    assert fake.issue(number).state == "closed"
    write(team, "2024-03-08", "Release 1.5 (Alice)")
    run(team, fake, "--today", "2024-03-09")
    expected = "open" if reason == "completed" else "closed"  # a duplicate is a person's call
    assert [(i.number, i.state) for i in fake.issues()] == [(number, expected)]


def test_the_tools_own_close_dates_from_the_note_that_marked_it_done(
    team: Path, fake: FakeGitHub
) -> None:
    fake.clock = lambda: datetime(2024, 3, 1, 12, tzinfo=UTC)  # the run comes weeks late
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    run(team, fake, "--today", "2024-03-01")
    number = the_issue(fake)
    write(team, "2024-02-08", "[x] Release 1.5 (Alice)")
    run(team, fake, "--today", "2024-03-01")
    assert "**Marked done:** 2024-02-08" in (fake.issue(number).body or "")
    write(team, "2024-02-15", "Release 1.5 (Alice)")  # written before the run, pushed after
    run(team, fake, "--today", "2024-03-01")
    assert fake.issue(number).state == "open"
    assert "**Marked done:**" not in (fake.issue(number).body or "")
