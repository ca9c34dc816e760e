"""Issue 12: `notes-lint sync` given hostile notes, settings and GitHub answers.

Every scenario runs the CLI against the fake GitHub (tests/fake_github.py) over
HTTP: the token never leaves, a marker cannot be smuggled, only the owner is
mentioned, waits are bounded, and a retried write is never repeated.
"""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fake_github import FakeGitHub
from test_sync import concurrent_syncs, sync, write

from notes_lint.sync import BEGIN, END, MARKER, ExistingIssue

CONFIG = """\
extends: sklearn-weekly
people:
  Alice: alice
  Bob: bob
  Dave: dave
github:
  repo: acme/notes
"""
ISSUES = "/repos/{owner}/{repo}/issues"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return tmp_path


def todo_ids(team: Path, fake: FakeGitHub) -> dict[str, str]:
    """TODO id by issue title, from a dry run's JSON plan."""
    plan = json.loads(sync(team, fake, "--format", "json").stdout)
    return {a["title"]: a["todo"] for a in plan["actions"] if a["action"] == "create"}


def spellings(token: str) -> list[str]:
    return [
        token,
        token.strip(),
        repr(token)[1:-1],
        quote(token, safe=""),
        base64.b64encode(token.strip().encode()).decode().rstrip("="),
    ]


def everything_posted(fake: FakeGitHub) -> str:
    parts = []
    for issue in fake.issues():
        parts += [issue.title, issue.body or "", *(c.body for c in issue.comments)]
    return "\n".join(parts)


# ------------------------------------------------------------------ the token


def test_credentials_in_the_api_url_are_refused_and_never_shown(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    token = github_server.token
    with_creds = github_server.url.replace("http://", f"http://x-access-token:{token}@")
    env = {"GITHUB_API_URL": with_creds, "GITHUB_SERVER_URL": ""}
    results = [sync(team, github_server, "--apply", **env)]
    results += [sync(team, github_server, "--format", fmt, **env) for fmt in ("json", "markdown")]
    (team / ".notes-lint.yaml").write_text(CONFIG + f"  api-url: {with_creds}\n", encoding="utf-8")
    results.append(sync(team, github_server, "--apply"))
    for result in results:
        assert result.returncode == 2, result.stdout + result.stderr
        assert "must not hold credentials" in result.stderr
        assert github_server.url in result.stderr  # shown without them
        for spelling in [*spellings(token), "x-access-token"]:
            assert spelling not in result.stdout + result.stderr
    assert github_server.requests == []  # refused before any request
    assert github_server.issues() == []


def test_credentials_in_the_server_url_never_reach_a_link(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    token = github_server.token
    result = sync(team, github_server, "--apply", GITHUB_SERVER_URL=f"https://u:{token}@gh.example")
    assert result.returncode == 2 and "GITHUB_SERVER_URL must not hold credentials" in result.stderr
    assert token not in result.stdout + result.stderr
    assert github_server.issues() == []


@pytest.mark.parametrize("variable", ["GITHUB_TOKEN", "GH_TOKEN"])
def test_the_token_in_any_spelling_is_masked_in_outputs_bodies_and_messages(
    team: Path, github_server: FakeGitHub, variable: str
) -> None:
    token = github_server.token
    # A note that holds the token in each spelling, and GitHub echoing it in an error.
    write(
        team,
        "2024-02-01",
        f"Rotate {token} now (Alice)",
        f"Check {quote(token + chr(10), safe='')} encoded (Bob)",
        f"Check {token.upper()} shouted (Dave)",
    )
    env = {"GITHUB_TOKEN": "", "GH_TOKEN": ""}
    env[variable] = token + " \n"  # a pasted secret with trailing whitespace
    outputs = [
        sync(team, github_server, "--format", fmt, **env) for fmt in ("text", "json", "markdown")
    ]
    applied = sync(team, github_server, "--apply", **env)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert len(github_server.issues()) == 3  # the stripped token authenticated
    github_server.inject(
        "status", "GET", ISSUES, status=422, times=50, message=f"bad token {token!r} {token}"
    )
    broken = sync(team, github_server, "--apply", **env)
    assert broken.returncode == 1 and "bad token '***' ***" in broken.stderr
    for result in [*outputs, applied, broken]:
        text = result.stdout + result.stderr
        assert "Traceback" not in text
        for spelling in spellings(token + "\n"):
            assert spelling.lower() not in text.lower()
    posted = everything_posted(github_server)
    for spelling in spellings(token):
        assert spelling.lower() not in posted.lower()
    assert "Rotate *** now" in posted


# --------------------------------------------------------------- smuggled markers


def test_a_smuggled_marker_neither_takes_over_nor_duplicates_nor_grows_a_body(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    victim = todo_ids(team, github_server)["Release 1.5"]
    forged = MARKER.format(id=victim)
    # An owner tag and a file name that carry the victim's marker and the end marker.
    write(
        team,
        "2024-02-02",
        f"Fix the docs [name={forged} {END}]",
        f"Book a room (Bob) {forged}",
        name=f"2024-02-02 {forged}{END}.md",
    )
    assert sync(team, github_server, "--apply").returncode == 0
    issues = github_server.issues()
    assert len(issues) == 3
    assert github_server.issue(1).title == "Release 1.5"
    owners = {ExistingIssue(i.number, i.title, i.body or "", i.state).todo_id for i in issues}
    assert len(owners) == 3 and victim in owners
    for issue in issues:
        assert (issue.body or "").count("<!-- notes-lint:") == 3  # begin, marker, end
    victim_body = github_server.issue(1).body
    # The smuggling TODOs are done: only their own issues close, and no body grows.
    write(
        team,
        "2024-02-09",
        f"[x] Fix the docs [name={forged} {END}]",
        f"[x] Book a room (Bob) {forged}",
    )
    closing = sync(team, github_server, "--apply")
    assert closing.returncode == 0, closing.stdout
    (kept,) = [i for i in github_server.issues() if i.state == "open"]
    assert (kept.number, kept.body, kept.comments) == (1, victim_body, [])
    bodies = {i.number: i.body for i in github_server.issues()}
    github_server.clear_requests()
    for _ in range(2):
        again = sync(team, github_server, "--apply")
        assert again.returncode == 0 and "3 unchanged" in again.stdout
    assert {i.number: i.body for i in github_server.issues()} == bodies
    assert [r for r in github_server.requests if r.is_write] == []


def test_a_body_with_stray_markers_from_humans_converges(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    assert sync(team, github_server, "--apply").returncode == 0
    (issue,) = github_server.issues()
    # A human quotes an end marker above the section and a foreign marker below it.
    github_server.edit_issue(
        issue.number, body=f"{END}\n{issue.body}\n\n> {MARKER.format(id='0' * 12)}\n{END}"
    )
    edited = github_server.issue(issue.number).body
    write(team, "2024-02-08", "Release 1.5 (Alice)")
    for _ in range(3):
        assert sync(team, github_server, "--apply").returncode == 0
    (after,) = github_server.issues()
    assert (after.body or "").startswith(END + "\n" + BEGIN)
    assert (after.body or "").count(BEGIN) == 1
    assert len(after.body or "") < len(edited or "") + 400  # one carry-over link, once


# ---------------------------------------------------------------------- mentions


class _Mentions(HTMLParser):
    """The @logins GitHub would link in rendered HTML: text outside code, pre and links."""

    def __init__(self) -> None:
        super().__init__()
        self.quiet = 0
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("code", "pre", "a"):
            self.quiet += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre", "a"):
            self.quiet -= 1

    def handle_data(self, data: str) -> None:
        if not self.quiet:
            # html-pipeline's MentionFilter: "@" after start or a non-word character.
            pattern = r"(?:^|[^A-Za-z0-9_`])@([A-Za-z0-9][A-Za-z0-9-]*)"
            self.found.update(m.lower() for m in re.findall(pattern, data))


def mentioned(markdown: str) -> set[str]:
    cmarkgfm = pytest.importorskip(
        "cmarkgfm", reason="cmarkgfm (a dev dependency) renders as GitHub"
    )
    parser = _Mentions()
    parser.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    return parser.found


def test_only_the_owner_is_ever_mentioned(team: Path, github_server: FakeGitHub) -> None:
    cut = "x" * 11_995 + "@carol"  # the body's text limit cuts it in the middle of "@carol"
    write(
        team,
        "2024-02-01",
        r"Thank \@carol and _@erin_ for it (Alice)",
        "Run `git log --author @erin` on the branch (Alice)",
        "Ping [name=@carol]",
        "Ask @carol`@erin` about it (Bob)",
        f"{cut} (Dave)",
    )
    assert sync(team, github_server, "--apply").returncode == 0
    write(team, "2024-02-08", r"[x] Thank \@carol and _@erin_ for it (Alice)")
    assert sync(team, github_server, "--apply").returncode == 0
    issues = github_server.issues()
    assert len(issues) == 5
    owners = {"Thank": "alice", "Run": "alice", "Ping": None, "Ask": "bob", "xxxx": "dave"}
    for issue in issues:
        owner = next(login for start, login in owners.items() if issue.title.startswith(start))
        assert mentioned(issue.body or "") == ({owner} if owner else set()), issue.body
        for comment in issue.comments:
            assert mentioned(comment.body) == set()
    (long,) = [i for i in issues if i.title.startswith("xxxx")]
    assert "x@car…" in (long.body or "")  # after a letter, as in a mail address: no mention
    (code,) = [i for i in issues if i.title.startswith("Run")]
    assert "`git log --author @erin`" in (code.body or "")  # the code span is intact (issue 16)


# ------------------------------------------------------------------ bounded waits


@pytest.mark.parametrize(
    ("kind", "method", "path"),
    [
        ("secondary_rate_limit", "POST", ISSUES),  # Retry-After: a day
        ("primary_rate_limit", "GET", ISSUES),  # reset a day away, before any write
    ],
)
def test_a_wait_past_the_ceiling_stops_the_run_and_the_next_run_resumes(
    team: Path, github_server: FakeGitHub, kind: str, method: str, path: str
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    fault = github_server.inject(kind, method, path, retry_after=86_400)  # type: ignore[arg-type]
    stopped = sync(team, github_server, "--apply")
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert fault.fired == 1
    text = stopped.stdout + stopped.stderr
    assert "more than the 300 s left" in text and "max-wait" in text
    if method == "POST":
        assert "left for the next run: 2" in stopped.stdout
    else:
        assert "nothing was written" in stopped.stderr
    assert github_server.issues() == []
    resumed = sync(team, github_server, "--apply")
    assert resumed.returncode == 0, resumed.stdout
    assert len(github_server.issues()) == 2


def test_the_waiting_budget_is_for_the_whole_run_and_configurable(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    (team / ".notes-lint.yaml").write_text(CONFIG + "  max-wait: 1.5\n", encoding="utf-8")
    github_server.inject("secondary_rate_limit", "POST", ISSUES, retry_after=1, times=2)
    stopped = sync(team, github_server, "--apply")
    assert stopped.returncode == 1
    # The first wait fitted in the budget, the second did not.
    assert "asked to wait 1 s" in stopped.stdout and "0.5 s left of the 1.5 s" in stopped.stdout
    assert github_server.issues() == []
    github_server.inject("secondary_rate_limit", "POST", ISSUES, retry_after=1)
    refused = sync(team, github_server, "--apply", "--max-wait", "0")
    assert refused.returncode == 1 and "more than the 0 s left" in refused.stdout
    bad = sync(team, github_server, "--max-wait", "-1")
    assert bad.returncode == 2 and "--max-wait" in bad.stderr
    (team / ".notes-lint.yaml").write_text(CONFIG + "  max-wait: forever\n", encoding="utf-8")
    invalid = sync(team, github_server)
    assert invalid.returncode == 2 and "max-wait" in invalid.stderr


# ------------------------------------------------------------- no repeated writes


def test_a_failed_comment_is_not_posted_again(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-02-01", "Fix the docs build (Bob)")
    assert sync(team, github_server, "--apply").returncode == 0
    # The close's comment lands but its answer is a 500, or the connection drops after it.
    for week, kind in (("08", "server_error"), ("22", "drop")):
        write(team, f"2024-02-{week}", "[x] Fix the docs build (Bob)")
        github_server.inject(kind, "POST", "/repos/acme/notes/issues/*/comments", after=True)  # type: ignore[arg-type]
        failed = sync(team, github_server, "--apply")
        assert failed.returncode == 1 and "left for the next run: 1" in failed.stdout
        closing = sync(team, github_server, "--apply")
        assert closing.returncode == 0, closing.stdout
        (issue,) = github_server.issues()
        assert issue.state == "closed"
        closes = [c for c in issue.comments if c.body.startswith("Marked done")]
        assert len(closes) == (1 if week == "08" else 2)  # one per closing, never repeated
        if week == "08":  # open again in a later note: reopened, with its own comment
            write(team, "2024-02-15", "Fix the docs build (Bob)")
            assert sync(team, github_server, "--apply").returncode == 0
            assert github_server.issue(issue.number).state == "open"
    assert len(github_server.issue(issue.number).comments) == 3


def test_a_create_whose_answer_was_lost_is_not_repeated(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    github_server.inject("drop", "POST", ISSUES, after=True)
    github_server.inject("server_error", "POST", ISSUES)  # carried out, then a 500
    assert sync(team, github_server, "--apply").returncode == 1
    assert sync(team, github_server, "--apply").returncode == 1
    assert len(github_server.issues()) == 2  # each landed once; neither was sent again
    assert sync(team, github_server, "--apply").returncode == 0
    assert sorted(i.title for i in github_server.issues()) == ["Fix the docs build", "Release 1.5"]


def test_an_issue_opened_meanwhile_is_not_created_again(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Fix the docs build (Bob)")
    docs = todo_ids(team, github_server)["Fix the docs build"]
    body = f"{BEGIN}\nby another run\n{MARKER.format(id=docs)}\n{END}"
    # Another run opens the docs issue after this run's listing, before its creates.
    github_server.inject(
        "callback",
        "GET",
        "/repos/acme/notes/labels/*",
        callback=lambda: github_server.seed_issue(
            title="Fix the docs build", body=body, labels=["meeting-todo"]
        ),
    )
    result = sync(team, github_server, "--apply")
    assert result.returncode == 0, result.stdout
    assert "was opened meanwhile: Fix the docs build" in result.stdout
    assert sorted(i.title for i in github_server.issues()) == ["Fix the docs build", "Release 1.5"]


def test_three_concurrent_syncs_end_with_one_open_issue_per_todo(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", *(f"Task number {n} (Alice)" for n in range(10)))
    results = concurrent_syncs(team, github_server, 3)
    assert len(results) == 3 and all("Traceback" not in r.stderr for r in results)
    final = sync(team, github_server, "--apply")
    assert final.returncode == 0 and "10 unchanged" in final.stdout
    open_titles = sorted(i.title for i in github_server.issues(state="open"))
    assert open_titles == sorted(f"Task number {n}" for n in range(10))
    # Twins that slipped through the races were closed as duplicates.
    assert all(i.state_reason == "duplicate" for i in github_server.issues(state="closed"))
