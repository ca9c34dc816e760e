"""Issue 16: `sync` with done words, `--since`/`github.since`, `--offline`, and no network.

Every scenario runs the CLI (against the fake GitHub where a GitHub is needed).
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import run_cli
from fake_github import FakeGitHub
from test_sync import CONFIG, TODAY, sync, write


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return tmp_path


Result = subprocess.CompletedProcess[str]


def plan_of(result: Result) -> dict[str, object]:
    data: dict[str, object] = json.loads(result.stdout)
    return data


# ------------------------------------------------------------ done is a marker, not a word


def test_done_inside_a_todo_leaves_its_issue_open_and_its_words_whole(
    team: Path, github_server: FakeGitHub
) -> None:
    text = "Move the tickets to the DONE board (Alice)"
    write(team, "2024-02-01", text, "Tag the release (Bob)")
    assert sync(team, github_server, "--apply").returncode == 0
    write(team, "2024-02-08", text, "Tag the release (Bob) DONE")
    result = sync(team, github_server, "--apply")
    assert result.returncode == 0, result.stdout
    by_title = {i.title: i for i in github_server.issues()}
    board = by_title["Move the tickets to the DONE board"]
    assert board.state == "open" and board.comments == []
    assert "**TODO:** Move the tickets to the DONE board\n" in (board.body or "")
    assert by_title["Tag the release"].state == "closed"  # a done marker at the end


@pytest.mark.parametrize(
    "text",
    [
        "Mark the task as DONE (Bob)",
        "Set status to Done (Alice)",
        "Move the card into the done (Bob)",
        "File it under the DONE (Alice)",
    ],
)
def test_a_done_word_after_a_preposition_or_article_is_the_sentences_object(
    team: Path, github_server: FakeGitHub, text: str
) -> None:
    write(team, "2024-02-01", text)
    assert sync(team, github_server, "--apply").returncode == 0
    (issue,) = github_server.issues()
    words = text.rsplit(" (", 1)[0]
    assert (issue.state, issue.title) == ("open", words)
    write(team, "2024-02-08", text)
    assert sync(team, github_server, "--apply").returncode == 0
    assert [i.state for i in github_server.issues()] == ["open"]


# ------------------------------------------------------------------------- since


def test_since_opens_no_issue_for_older_todos_and_says_how_to_include_them(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-01-10", "Archive the wiki (Alice)", "Renew the domain (Bob)")
    write(team, "2024-02-05", "Plan the sprint (Bob)")
    dry = sync(team, github_server, "--since", "2024-02-01")
    assert dry.returncode == 0, dry.stderr
    assert "1 to create" in dry.stdout
    assert (
        "2 TODOs first seen before 2024-02-01 are not followed up: "
        "an earlier --since or github.since includes them"
    ) in dry.stdout
    data = plan_of(sync(team, github_server, "--since", "2024-02-01", "--format", "json"))
    assert (data["since"], data["before_since"]) == ("2024-02-01", 2)
    (team / ".notes-lint.yaml").write_text(CONFIG + "  since: 2024-02-01\n", encoding="utf-8")
    assert sync(team, github_server, "--apply").returncode == 0
    assert [i.title for i in github_server.issues()] == ["Plan the sprint"]
    wider = sync(team, github_server, "--since", "2024-01-01")  # --since overrides the config
    assert "2 to create" in wider.stdout and "not followed up" not in wider.stdout
    assert wider.stderr == ""  # the Actions token's refused GET /user is not logged


def test_an_issue_opened_before_since_was_set_is_still_closed_when_done(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-01-10", "Archive the wiki (Alice)")
    assert sync(team, github_server, "--apply").returncode == 0
    write(team, "2024-02-08", "[x] Archive the wiki (Alice)")
    result = sync(team, github_server, "--apply", "--since", "2024-02-01")
    assert result.returncode == 0, result.stdout
    (issue,) = github_server.issues()
    assert (issue.state, issue.state_reason) == ("closed", "completed")


def test_a_since_that_is_not_a_date_is_a_usage_error(team: Path, github_server: FakeGitHub) -> None:
    write(team, "2024-01-10", "Archive the wiki (Alice)")
    bad = sync(team, github_server, "--since", "last year")
    assert bad.returncode == 2 and "not a date" in bad.stderr
    (team / ".notes-lint.yaml").write_text(CONFIG + "  since: 2024\n", encoding="utf-8")
    wrong = sync(team, github_server)
    assert wrong.returncode == 2 and "github.since" in wrong.stderr
    assert "Traceback" not in bad.stderr + wrong.stderr


# ------------------------------------------------------------------------ offline


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there any more: connection refused


def offline_run(team: Path, *args: str, **env: str) -> Result:
    base = {
        "GITHUB_TOKEN": "",
        "GH_TOKEN": "",
        "GITHUB_API_URL": f"http://127.0.0.1:{closed_port()}",
    }
    return run_cli("sync", "--today", TODAY, "--offline", *args, cwd=team, env={**base, **env})


def test_offline_plans_from_the_notes_alone_without_token_or_network(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)", "Book a room (Erin)")
    result = offline_run(team)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2 to create" in out and "create: Release 1.5 → @alice" in out
    assert "offline: planned from the notes alone" in out
    data = plan_of(offline_run(team, "--format", "json"))
    actions = data["actions"]
    assert data["offline"] is True and isinstance(actions, list)
    assert [a["action"] for a in actions] == ["create", "create"]


def test_offline_with_apply_is_a_usage_error(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    result = offline_run(team, "--apply", GITHUB_TOKEN="ghp_" + "x" * 36)
    assert result.returncode == 2
    assert "--offline" in result.stderr and "--apply" in result.stderr


# --------------------------------------------------------------------- no network


def one_line_error(result: Result) -> str:
    assert result.returncode == 2, result.stdout
    err = result.stderr
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("notes-lint: sync")]
    assert len(lines) == 1, err
    return lines[0]


def test_a_refused_connection_exits_2_naming_the_host(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    port = closed_port()
    env = {"GITHUB_TOKEN": "ghp_" + "x" * 36, "GITHUB_API_URL": f"http://127.0.0.1:{port}"}
    line = one_line_error(run_cli("sync", "--today", TODAY, cwd=team, env=env))
    assert f"could not reach 127.0.0.1:{port}" in line and "connection refused" in line


def test_a_name_that_does_not_resolve_exits_2_naming_the_host(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    env = {"GITHUB_TOKEN": "ghp_" + "x" * 36, "GITHUB_API_URL": "https://api.example.invalid"}
    line = one_line_error(run_cli("sync", "--today", TODAY, cwd=team, env=env))
    assert "could not reach api.example.invalid" in line and "ghp_" not in line


def test_a_bad_token_says_to_set_the_token_and_an_unknown_repo_is_named(
    team: Path, github_server: FakeGitHub
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    bad = one_line_error(sync(team, github_server, token="ghp_" + "y" * 36))
    assert "401" in bad and "GITHUB_TOKEN" in bad and "GH_TOKEN" in bad
    missing = one_line_error(sync(team, github_server, "--repo", "acme/gone"))
    assert "404" in missing and "acme/gone" in missing
    assert github_server.count("POST") == 0


def test_a_timeout_is_named_as_one(team: Path) -> None:
    from requests.exceptions import ConnectTimeout, ReadTimeout

    from notes_lint.github_sync import GitHubRepo, Unreachable

    target = GitHubRepo("acme/notes", None, "https://api.example.invalid")
    for exc in (ReadTimeout("read timed out"), ConnectTimeout("connect timed out")):
        error = target._error("listing the issues", exc)
        assert isinstance(error, Unreachable)
        assert str(error) == (
            "could not reach api.example.invalid while listing the issues: "
            "no answer in time (timeout)"
        )


def test_a_server_that_never_answers_stops_the_run_within_max_wait(team: Path) -> None:
    """Timeouts and their retries count against --max-wait: the whole run is bounded."""
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    held: list[socket.socket] = []
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        server.settimeout(0.2)
        port = server.getsockname()[1]
        stop = threading.Event()

        def accept_and_stay_silent() -> None:
            while not stop.is_set():
                try:
                    held.append(server.accept()[0])
                except OSError:
                    continue

        silent = threading.Thread(target=accept_and_stay_silent, daemon=True)
        silent.start()
        env = {"GITHUB_TOKEN": "ghp_" + "x" * 36, "GITHUB_API_URL": f"http://127.0.0.1:{port}"}
        started = time.monotonic()
        try:
            result = run_cli("sync", "--today", TODAY, "--max-wait", "2", cwd=team, env=env)
        finally:
            stop.set()
            silent.join()
            for conn in held:
                conn.close()
    elapsed = time.monotonic() - started
    line = one_line_error(result)
    assert f"could not reach 127.0.0.1:{port}" in line and "no answer in time" in line
    assert elapsed < 15, elapsed  # 2 s of waiting, plus the CLI's start-up
    assert held  # the server did accept: the run waited for an answer, not for a connection


@pytest.mark.parametrize("repo", ["nope", "acme/notes/extra", "acme/", "/notes", "ac me/notes"])
def test_a_repository_that_is_not_owner_slash_name_is_named_with_its_source(
    team: Path, repo: str
) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    result = offline_run(team, "--repo", repo)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"notes-lint: --repo must be OWNER/NAME, not {repo!r}"


def test_a_bad_api_url_from_the_environment_names_the_variable(team: Path) -> None:
    write(team, "2024-02-01", "Release 1.5 (Alice)")
    env = {"GITHUB_TOKEN": "ghp_" + "x" * 36, "GITHUB_API_URL": "http://api.example.org"}
    result = run_cli("sync", "--today", TODAY, cwd=team, env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "GITHUB_API_URL must be an https:// URL" in result.stderr
    assert "github.api-url" not in result.stderr
