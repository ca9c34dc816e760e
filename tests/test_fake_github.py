"""The fake GitHub itself, driven by PyGithub as ``notes-lint sync`` will drive it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from fake_github import (
    DEFAULT_ASSIGNABLE,
    SPEC_PATH,
    ContractViolation,
    FakeGitHub,
    openapi_to_json_schema,
)
from github import (
    BadCredentialsException,
    GithubException,
    GithubRetry,
    RateLimitExceededException,
    UnknownObjectException,
)

TESTS = Path(__file__).resolve().parent
SHARED_SPEC = TESTS.parent.parent / "shared" / "github-openapi" / "issues-subset.json"


def raw(
    fake: FakeGitHub,
    path: str,
    *,
    method: str = "GET",
    body: Any = None,
    token: str | None = "default",
) -> tuple[int, dict[str, str], Any]:
    """One request without PyGithub: status, headers, decoded JSON body (or None)."""
    headers = {"Accept": "application/vnd.github+json"}
    if token is not None:
        headers["Authorization"] = f"token {fake.token if token == 'default' else token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(fake.url + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            payload = response.read()
            status, got = response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        payload = error.read()
        status, got = error.code, dict(error.headers)
    return status, got, json.loads(payload) if payload else None


def links(header: str) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', header)}


# ---- the description and its conversion -----------------------------------------------------


def test_spec_is_the_shared_file_named_in_its_provenance() -> None:
    digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()
    assert digest in (SPEC_PATH.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    if SHARED_SPEC.is_file():
        assert SHARED_SPEC.read_bytes() == SPEC_PATH.read_bytes()


def test_openapi_nullable_refs_and_extensions_become_json_schema() -> None:
    assert openapi_to_json_schema({"type": "string", "nullable": True}) == {
        "type": ["string", "null"]
    }
    assert openapi_to_json_schema(
        {"type": "string", "enum": ["completed", "reopened"], "nullable": True, "x-foo": 1}
    ) == {"type": ["string", "null"], "enum": ["completed", "reopened", None]}
    assert openapi_to_json_schema({"nullable": True, "oneOf": [{"type": "integer"}]}) == {
        "anyOf": [{"type": "null"}, {"oneOf": [{"type": "integer"}]}]
    }
    converted = openapi_to_json_schema(
        {
            "type": "object",
            "properties": {
                "type": {"$ref": "#/components/schemas/issue-type", "nullable": True},
                "nullable": {"type": "boolean", "example": True},
            },
        }
    )
    # A property may be called "type" or "nullable": only schema positions are rewritten.
    assert converted["properties"]["type"] == {
        "$ref": "urn:notes-lint:github-openapi:issues-subset#/components/schemas/issue-type"
    }
    assert converted["properties"]["nullable"] == {"type": "boolean"}


# ---- repositories, issues, pagination --------------------------------------------------------


def test_get_repository_and_unknown_repository(github_server: FakeGitHub) -> None:
    g = github_server.client()
    repo = g.get_repo("acme/notes")
    assert (repo.full_name, repo.default_branch, repo.private) == ("acme/notes", "main", True)
    assert repo.permissions.push is True
    assert g.get_repo("ACME/Notes").full_name == "acme/notes"  # names are case-insensitive

    with pytest.raises(UnknownObjectException) as caught:
        g.get_repo("acme/missing")
    assert caught.value.status == 404
    status, headers, body = raw(github_server, "/repos/acme/missing/issues")
    assert status == 404
    assert body["message"] == "Not Found" and body["status"] == "404"
    assert body["documentation_url"].startswith("https://docs.github.com/")
    assert headers["X-RateLimit-Limit"] == "5000"


def test_create_list_and_paginate_250_issues(github_server: FakeGitHub) -> None:
    g = github_server.client(per_page=100)
    repo = g.get_repo("acme/notes")
    for n in range(250):
        repo.create_issue(title=f"TODO {n}", body=f"body {n}", labels=["meeting-todo"])
    assert len(github_server.issues()) == 250
    github_server.clear_requests()

    listed = list(repo.get_issues(state="all", labels=["meeting-todo"]))
    assert len(listed) == 250
    assert sorted(i.number for i in listed) == list(range(1, 251))
    assert listed[0].number == 250  # sort=created, direction=desc by default
    pages = [r for r in github_server.requests if r.operation == "issues/list-for-repo"]
    assert len(pages) == 3
    assert pages[0].path == "/repos/acme/notes/issues"
    # The next pages come from the Link header, which like api.github.com's uses /repositories/{id}.
    repo_id = github_server.repo().id
    assert [p.path for p in pages[1:]] == [f"/repositories/{repo_id}/issues"] * 2
    assert [p.query["page"] for p in pages[1:]] == [["2"], ["3"]]
    assert all(p.query["labels"] == ["meeting-todo"] for p in pages)

    base = f"{github_server.url}/repositories/{repo_id}/issues?state=all&per_page=100&page="
    status, headers, body = raw(github_server, "/repos/acme/notes/issues?state=all&per_page=100")
    assert status == 200 and len(body) == 100
    assert links(headers["Link"]) == {"next": base + "2", "last": base + "3"}
    _, headers, body = raw(github_server, "/repos/acme/notes/issues?state=all&per_page=100&page=2")
    assert list(links(headers["Link"])) == ["prev", "next", "last", "first"]
    assert links(headers["Link"])["prev"] == base + "1"
    _, headers, body = raw(github_server, "/repos/acme/notes/issues?state=all&per_page=100&page=3")
    assert len(body) == 50
    assert links(headers["Link"]) == {"prev": base + "2", "first": base + "1"}
    _, headers, body = raw(github_server, "/repos/acme/notes/issues?state=all&per_page=500")
    assert len(body) == 100  # per_page is capped at 100
    _, headers, body = raw(github_server, "/repos/acme/notes/issues?state=all")
    assert len(body) == 30 and links(headers["Link"])["last"].endswith("page=9")

    assert repo.get_issues(state="all").totalCount == 250  # read from rel="last"


def test_single_page_has_no_link_header(github_server: FakeGitHub) -> None:
    github_server.seed_issue(title="only one")
    status, headers, body = raw(github_server, "/repos/acme/notes/issues")
    assert status == 200 and len(body) == 1 and "Link" not in headers


def test_list_filters_state_labels_sort_and_pull_requests(github_server: FakeGitHub) -> None:
    fake = github_server
    fake.seed_issue(title="a", labels=["meeting-todo", "urgent"])
    fake.seed_issue(title="b", labels=["meeting-todo"], state="closed")
    fake.seed_issue(title="c", labels=["other"], assignees=["alice"])
    fake.seed_issue(title="a PR", pull_request=True)
    repo = fake.client().get_repo("acme/notes")

    def titles(**kwargs: Any) -> list[str]:
        return [i.title for i in repo.get_issues(**kwargs)]

    assert titles() == ["a PR", "c", "a"]  # open only, newest first
    assert titles(state="closed") == ["b"]
    assert titles(state="all", direction="asc") == ["a", "b", "c", "a PR"]
    assert titles(state="all", labels=["meeting-todo"]) == ["b", "a"]
    assert titles(state="all", labels=["MEETING-TODO", "urgent"]) == ["a"]  # every label, any case
    assert titles(state="all", labels=["nope"]) == []
    assert titles(assignee="alice") == ["c"]
    assert titles(assignee="none", state="all") == ["a PR", "b", "a"]
    pr = next(i for i in repo.get_issues() if i.title == "a PR")
    assert pr.pull_request is not None  # GitHub lists pull requests among issues


def test_issue_objects_are_complete(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="Write the notes", body="text", assignees=["alice"])
    status, _, data = raw(github_server, f"/repos/acme/notes/issues/{issue.number}")
    assert status == 200
    required = (
        *("id", "node_id", "url", "repository_url", "labels_url", "comments_url", "events_url"),
        *("html_url", "number", "state", "title", "body", "user", "labels", "assignee"),
        *("assignees", "milestone", "locked", "comments", "created_at", "updated_at"),
        *("closed_at", "author_association", "state_reason", "closed_by", "reactions"),
    )
    for key in required:
        assert key in data, key
    assert data["user"]["login"] == github_server.login
    assert data["assignee"]["login"] == "alice"
    assert data["html_url"] == f"{github_server.url}/acme/notes/issues/{issue.number}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["created_at"])
    with pytest.raises(UnknownObjectException):
        repo.get_issue(999)


# ---- labels, comments, state -----------------------------------------------------------------


def test_labels_create_get_and_duplicates(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    with pytest.raises(UnknownObjectException):
        repo.get_label("meeting-todo")
    created = repo.create_label("meeting-todo", "0e8a16", "Follow-up from a meeting")
    assert (created.name, created.color, created.description) == (
        "meeting-todo",
        "0e8a16",
        "Follow-up from a meeting",
    )
    assert repo.get_label("Meeting-TODO").name == "meeting-todo"
    with pytest.raises(GithubException) as caught:
        repo.create_label("MEETING-todo", "ffffff")
    assert caught.value.status == 422
    assert caught.value.data["errors"][0]["code"] == "already_exists"

    # A label named on a new issue is created if the repository lacks it.
    issue = repo.create_issue(title="x", labels=["new label"])
    assert [label.name for label in issue.labels] == ["new label"]
    assert repo.get_label("new label").color == "ededed"
    assert [label.name for label in repo.get_labels()] == ["meeting-todo", "new label"]


def test_issue_label_endpoints_accept_what_pygithub_sends(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x")
    issue.add_to_labels("a", "b")  # PyGithub sends a bare array
    assert [label.name for label in issue.get_labels()] == ["a", "b"]
    issue.set_labels("c")
    assert github_server.label_names(github_server.issue(issue.number)) == ["c"]
    issue.delete_labels()
    assert github_server.label_names(github_server.issue(issue.number)) == []


def test_comments(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x")
    comment = issue.create_comment("Done in [the 12 March notes](https://example.org).")
    assert comment.user.login == github_server.login
    assert comment.html_url.endswith(f"/acme/notes/issues/{issue.number}#issuecomment-{comment.id}")
    issue.create_comment("second")
    assert [c.body for c in issue.get_comments()] == [comment.body, "second"]
    assert repo.get_issue(issue.number).comments == 2
    with pytest.raises(GithubException) as caught:
        issue.create_comment("   ")
    assert caught.value.status == 422


def test_close_with_state_reason_then_reopen(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x")
    assert (issue.state, issue.state_reason, issue.raw_data["closed_at"]) == ("open", None, None)

    issue.edit(state="closed", state_reason="completed")
    assert (issue.state, issue.state_reason) == ("closed", "completed")
    assert issue.closed_at is not None
    assert issue.closed_by is not None and issue.closed_by.login == github_server.login

    issue.edit(state_reason="not_planned")  # re-label a closed issue
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")

    issue.edit(state="open")
    assert (issue.state, issue.state_reason) == ("open", "reopened")
    assert issue.raw_data["closed_at"] is None and issue.raw_data["closed_by"] is None
    stored = github_server.issue(issue.number)
    assert (stored.state, stored.state_reason, stored.closed_by) == ("open", "reopened", None)

    issue.edit(state="closed")
    assert issue.state_reason == "completed"  # GitHub's default reason


def test_edit_replaces_body_title_labels_and_assignees(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x", body="old", labels=["a"], assignees=["alice"])
    issue.edit(title="y", body="new", labels=["b"], assignees=["bob", "carol"])
    stored = github_server.issue(issue.number)
    assert (stored.title, stored.body, stored.assignees) == ("y", "new", ["bob", "carol"])
    assert github_server.label_names(stored) == ["b"]
    issue.edit(assignees=[])
    assert github_server.issue(issue.number).assignees == []


# ---- assignees -------------------------------------------------------------------------------


def test_assignee_checks(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    assert all(repo.has_in_assignees(login) for login in DEFAULT_ASSIGNABLE)
    assert repo.has_in_assignees("ALICE")
    assert not repo.has_in_assignees("mallory")
    assert [r.status for r in github_server.requests[-2:]] == [204, 404]
    assert sorted(u.login for u in repo.get_assignees()) == sorted(DEFAULT_ASSIGNABLE)


def test_unassignable_login_is_refused_on_create_and_edit(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x", assignees=["alice", "mallory"])
    assert caught.value.status == 422
    assert caught.value.data["message"] == "Validation Failed"
    error = caught.value.data["errors"][0]
    assert (error["field"], error["code"], error["value"]) == ("assignees", "invalid", ["mallory"])
    assert github_server.issues() == []  # nothing was created

    issue = repo.create_issue(title="x")
    with pytest.raises(GithubException):
        issue.edit(assignees=["mallory"])
    # Adding assignees ignores the ones that cannot be assigned, like GitHub.
    issue.add_to_assignees("mallory", "bob")
    assert github_server.issue(issue.number).assignees == ["bob"]
    issue.remove_from_assignees("bob")
    assert github_server.issue(issue.number).assignees == []


# ---- authentication and rate limits ----------------------------------------------------------


def test_401_without_or_with_a_bad_token(github_server: FakeGitHub) -> None:
    from github import Github

    anonymous = Github(base_url=github_server.url, retry=None)
    with pytest.raises(GithubException) as caught:
        anonymous.get_repo("acme/notes")
    assert caught.value.status == 401
    assert caught.value.data["message"] == "Requires authentication"

    with pytest.raises(BadCredentialsException):
        github_server.client(token="ghp_wrong").get_repo("acme/notes")
    status, headers, _ = raw(github_server, "/rate_limit", token=None)
    assert status == 401 and "X-RateLimit-Remaining" in headers

    logged = json.dumps([str(r) for r in github_server.requests])
    assert github_server.token not in logged and "ghp_wrong" not in logged


def test_rate_limit_headers_on_every_response(github_server: FakeGitHub) -> None:
    fake = github_server
    seen = []
    for path in ("/repos/acme/notes", "/repos/acme/notes/issues", "/repos/acme/x", "/user"):
        status, headers, _ = raw(fake, path)
        for name in ("Limit", "Remaining", "Reset", "Used", "Resource"):
            assert f"X-RateLimit-{name}" in headers, (path, name)
        assert int(headers["X-RateLimit-Reset"]) > time.time()
        seen.append(int(headers["X-RateLimit-Remaining"]))
    assert seen == [4999, 4998, 4997, 4996]
    status, headers, body = raw(fake, "/rate_limit")
    assert status == 200 and body["resources"]["core"]["remaining"] == 4996  # free
    assert headers["X-RateLimit-Remaining"] == "4996"

    g = fake.client()
    g.get_repo("acme/notes")
    assert g.rate_limiting == (4995, 5000)


def test_primary_rate_limit_exhausted(github_server: FakeGitHub) -> None:
    github_server.set_rate_limit(remaining=1, reset_in=3600)
    g = github_server.client()
    repo = g.get_repo("acme/notes")
    with pytest.raises(RateLimitExceededException) as caught:
        repo.get_issues().get_page(0)
    assert caught.value.status == 403
    assert caught.value.headers is not None
    assert caught.value.headers["x-ratelimit-remaining"] == "0"


# ---- GitHub's limits and the contract --------------------------------------------------------


def test_title_and_body_limits(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    repo.create_issue(title="x" * 256, body="y" * 65536)
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x" * 257)
    assert caught.value.status == 422
    error = caught.value.data["errors"][0]
    assert (error["field"], error["code"]) == ("title", "custom")
    assert error["message"] == "title is too long (maximum is 256 characters)"
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x", body="y" * 65537)
    assert caught.value.data["errors"][0]["field"] == "body"
    assert len(github_server.issues()) == 1
    # Sending them is the client's bug: recorded (and forgotten here, as this test meant it).
    taken = github_server.take_violations()
    assert [v.kind for v in taken] == ["request", "request"]
    assert "maxLength" in taken[0].message or "too long" in taken[0].message


def test_invalid_request_body_is_a_violation(github_server: FakeGitHub) -> None:
    g = github_server.client()
    with pytest.raises(GithubException) as caught:
        g.requester.requestJsonAndCheck(
            "POST", "/repos/acme/notes/issues", input={"title": "x", "labels": "meeting-todo"}
        )
    assert caught.value.status == 422
    assert caught.value.data["message"].startswith("Invalid request.")
    assert github_server.issues() == []
    (violation,) = github_server.violations
    assert (violation.kind, violation.operation) == ("request", "issues/create")
    assert "labels" in violation.message
    with pytest.raises(ContractViolation, match="issues/create"):
        github_server.check()
    github_server.take_violations()
    github_server.check()  # nothing left


def test_one_of_items_in_request_bodies(github_server: FakeGitHub) -> None:
    requester = github_server.client().requester
    github_server.seed_issue(title="x")
    _, data = requester.requestJsonAndCheck(
        "PATCH",
        "/repos/acme/notes/issues/1",
        input={"labels": ["a", {"name": "b"}], "assignees": [{"login": "bob"}, "carol"]},
    )
    assert [label["name"] for label in data["labels"]] == ["a", "b"]
    assert [user["login"] for user in data["assignees"]] == ["bob", "carol"]
    assert github_server.violations == []
    with pytest.raises(GithubException):
        requester.requestJsonAndCheck("PATCH", "/repos/acme/notes/issues/1", input={"labels": [7]})
    with pytest.raises(GithubException):
        requester.requestJsonAndCheck(
            "PATCH", "/repos/acme/notes/issues/1", input={"state_reason": "fixed"}
        )
    assert [v.kind for v in github_server.take_violations()] == ["request", "request"]


def test_invalid_query_and_unknown_endpoint_are_violations(github_server: FakeGitHub) -> None:
    status, _, _ = raw(github_server, "/repos/acme/notes/issues?state=opened")
    assert status == 422
    status, _, _ = raw(github_server, "/search/issues?q=repo:acme/notes")
    assert status == 404  # the sync must not use the search API
    status, _, _ = raw(github_server, "/repos/acme/notes/pulls")
    assert status == 404
    kinds = [(v.kind, v.operation) for v in github_server.take_violations()]
    assert kinds == [
        ("request", "issues/list-for-repo"),
        ("unsupported", "search/issues-and-pull-requests"),
        ("unsupported", None),
    ]


def test_a_bad_response_from_the_fake_is_a_violation(github_server: FakeGitHub) -> None:
    issue = github_server.seed_issue(title="x")
    with github_server.lock:
        issue.title = None  # type: ignore[assignment]  # corrupt the state on purpose
    status, _, _ = raw(github_server, f"/repos/acme/notes/issues/{issue.number}")
    assert status == 200
    (violation,) = github_server.take_violations()
    assert violation.kind == "response" and "title" in violation.message


def test_the_fixture_fails_a_test_that_leaves_a_violation(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["fake_github"]\n', encoding="utf-8")
    (tmp_path / "test_sloppy.py").write_text(
        "def test_sloppy(github_server):\n"
        "    g = github_server.client()\n"
        "    try:\n"
        "        g.requester.requestJsonAndCheck(\n"
        "            'POST', '/repos/acme/notes/issues', input={'body': 'no title'})\n"
        "    except Exception:\n"
        "        pass\n"
        "\n"
        "def test_tidy(github_server):\n"
        "    github_server.client().get_repo('acme/notes').create_issue(title='fine')\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
            "PYTHONPATH": str(TESTS),
        },
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 passed, 1 error" in result.stdout, result.stdout  # test_sloppy: passed, then failed
    assert "ERROR at teardown of test_sloppy" in result.stdout
    assert "issues/create" in result.stdout and "title" in result.stdout


# ---- faults ----------------------------------------------------------------------------------


def test_500_after_the_issue_was_created(github_server: FakeGitHub) -> None:
    fake = github_server
    fault = fake.inject("server_error", "POST", "/repos/acme/notes/issues")
    repo = fake.client().get_repo("acme/notes")
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="x")
    assert caught.value.status == 500 and fault.fired == 1
    assert [i.title for i in fake.issues()] == ["x"]  # created all the same

    # PyGithub's default retry repeats a POST after a 5xx: GitHub then holds a duplicate.
    fake.inject("server_error", "POST", "/repos/{owner}/{repo}/issues")
    retrying = fake.client(retry=GithubRetry(total=3, backoff_factor=0))
    created = retrying.get_repo("acme/notes").create_issue(title="y")
    assert [i.title for i in fake.issues()] == ["x", "y", "y"]
    assert created.number == 3
    assert [r.status for r in fake.requests if r.method == "POST"] == [500, 500, 201]


def test_dropped_connection_before_or_after_the_change(github_server: FakeGitHub) -> None:
    fake = github_server
    repo = fake.client().get_repo("acme/notes")
    fake.inject("drop", "POST", "/repos/acme/notes/issues")
    with pytest.raises(OSError):  # requests' ConnectionError
        repo.create_issue(title="lost")
    assert fake.issues() == []
    fake.inject("drop", "POST", "/repos/acme/notes/issues", after=True)
    with pytest.raises(OSError):
        repo.create_issue(title="made")
    assert [i.title for i in fake.issues()] == ["made"]
    assert [r.status for r in fake.requests if r.method == "POST"] == [None, None]
    assert repo.create_issue(title="fine").number == 2  # the server is still there


@pytest.mark.parametrize("status", [403, 429])
def test_secondary_rate_limit_is_waited_out(github_server: FakeGitHub, status: int) -> None:
    fake = github_server
    fault = fake.inject("secondary_rate_limit", "POST", "*/issues", status=status, retry_after=1)
    repo = fake.client(retry=GithubRetry(total=3)).get_repo("acme/notes")
    started = time.monotonic()
    issue = repo.create_issue(title="x")
    assert time.monotonic() - started >= 0.9  # Retry-After: 1 was honoured
    assert issue.number == 1 and fault.fired == 1
    assert [r.status for r in fake.requests if r.method == "POST"] == [status, 201]

    fake.inject("secondary_rate_limit", "POST", "*/issues", status=status)
    status_seen, headers, body = raw(
        fake, "/repos/acme/notes/issues", method="POST", body={"title": "y"}
    )
    assert status_seen == status and headers["Retry-After"] == "1"
    assert body["message"].startswith("You have exceeded a secondary rate limit")
    assert len(fake.issues()) == 1


def test_secondary_limit_without_retry_raises(github_server: FakeGitHub) -> None:
    github_server.inject("secondary_rate_limit", "POST")
    repo = github_server.client().get_repo("acme/notes")
    with pytest.raises(RateLimitExceededException):
        repo.create_issue(title="x")


def test_primary_rate_limit_fault(github_server: FakeGitHub) -> None:
    github_server.inject("primary_rate_limit", "GET", "/repos/acme/notes/issues")
    repo = github_server.client().get_repo("acme/notes")
    with pytest.raises(RateLimitExceededException) as caught:
        repo.get_issues().get_page(0)
    assert caught.value.headers is not None
    assert caught.value.headers["x-ratelimit-remaining"] == "0"
    assert repo.get_issues().get_page(0) == []  # fired once


def test_unassignable_fault_for_a_login(github_server: FakeGitHub) -> None:
    fake = github_server
    fault = fake.inject("unassignable", login="alice", times=2)
    repo = fake.client().get_repo("acme/notes")
    assert repo.has_in_assignees(
        "alice"
    )  # the check still says yes: the race the sync must survive
    repo.create_issue(title="nobody")  # no assignee: untouched
    for _ in range(2):
        with pytest.raises(GithubException) as caught:
            repo.create_issue(title="x", assignees=["alice"])
        assert caught.value.status == 422
        assert caught.value.data["errors"][0]["field"] == "assignees"
    assert fault.exhausted
    assert repo.create_issue(title="x", assignees=["alice"]).assignees[0].login == "alice"


def test_faults_match_method_and_path_and_fire_n_times(github_server: FakeGitHub) -> None:
    fake = github_server
    fault = fake.inject(
        "status", "POST", "/repos/acme/notes/issues/*/comments", status=502, times=2
    )
    repo = fake.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x")  # a POST to another path: untouched
    issue.edit(body="y")  # a PATCH: untouched
    for _ in range(2):
        with pytest.raises(GithubException):
            issue.create_comment("hello")
    issue.create_comment("hello")
    assert fault.fired == 2 and len(fake.issue(issue.number).comments) == 1


def test_content_limit_answers_secondary_403(github_server: FakeGitHub) -> None:
    fake = github_server
    fake.content_limit = (2, 60.0)
    repo = fake.client().get_repo("acme/notes")
    repo.create_issue(title="a")
    repo.create_issue(title="b")
    with pytest.raises(RateLimitExceededException):
        repo.create_issue(title="c")
    assert fake.requests[-1].fault == "content_limit"
    assert len(fake.issues()) == 2


def test_concurrent_clients_get_distinct_numbers(github_server: FakeGitHub) -> None:
    fake = github_server
    fake.inject("delay", "POST", seconds=0.05, times=4)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            repo = fake.client().get_repo("acme/notes")
            for k in range(10):
                repo.create_issue(title=f"{n}-{k}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = [i.number for i in fake.issues()]
    assert sorted(numbers) == list(range(1, 61))
    assert fake.count("POST", operation="issues/create", status=201) == 60


# ---- other GitHub behaviour ------------------------------------------------------------------


def test_deleted_issue_and_disabled_issues_are_410(github_server: FakeGitHub) -> None:
    repo = github_server.client().get_repo("acme/notes")
    issue = repo.create_issue(title="x")
    github_server.delete_issue(issue.number)
    with pytest.raises(GithubException) as caught:
        repo.get_issue(issue.number)
    assert caught.value.status == 410
    github_server.repo().has_issues = False
    with pytest.raises(GithubException) as caught:
        repo.create_issue(title="y")
    assert caught.value.status == 410


def test_enterprise_api_prefix(github_server: FakeGitHub) -> None:
    g = github_server.client(base_url=github_server.enterprise_url, per_page=2)
    repo = g.get_repo("acme/notes")
    for n in range(5):
        repo.create_issue(title=str(n))
    assert len(list(repo.get_issues())) == 5
    assert all(r.path.startswith("/api/v3/") for r in github_server.requests)
    assert repo.url == f"{github_server.enterprise_url}/repos/acme/notes"


def test_human_edits_and_seeded_state_are_visible(github_server: FakeGitHub) -> None:
    fake = github_server
    issue = fake.seed_issue(title="t", body="b", labels=["meeting-todo"], user="alice")
    fake.edit_issue(issue.number, title="renamed by a human", assignees=["carol"])
    fake.add_comment(issue.number, "a human comment", user="bob")
    got = fake.client().get_repo("acme/notes").get_issue(issue.number)
    assert (got.title, got.user.login, got.comments) == ("renamed by a human", "alice", 1)
    assert [a.login for a in got.assignees] == ["carol"]
    assert fake.requests[-1].operation == "issues/get"
    assert fake.count(method="GET") == 2  # get_repo, get_issue: seeding is not logged
