"""Issue 18: ``--repo OWNER/NAME`` on every command that reads the repository in effect.

``todos``, ``report``, ``new`` and ``sync`` take the same option (one definition:
``notes_lint.commands.common.add_repo_argument``), first of the four sources; its
value is checked alike (exit 2, one line).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

TODAY = "2024-02-20"
CONFIG = "extends: sklearn-weekly\npeople:\n  Alice: alice\n"  # names no repository
NOTE = (
    "## 2024-02-01\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n"
    "- Fix #4 before the release (Alice)\n"
)
NO_REPOSITORY = {"GITHUB_REPOSITORY": "", "GITHUB_TOKEN": "", "GH_TOKEN": ""}
COMMANDS = (("todos", "--format", "json"), ("report", "--output", "r.html"), ("new",))


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "2024-02-01.md").write_text(NOTE, encoding="utf-8")
    return tmp_path


def _todos(team: Path, *options: str, env: dict[str, str] = NO_REPOSITORY) -> list[object]:
    result = run_cli("todos", "--today", TODAY, "--format", "json", *options, cwd=team, env=env)
    assert result.returncode == 0, result.stderr
    return [entry["issue"] for entry in json.loads(result.stdout)["entries"]]


def test_todos_repo_binds_short_references_where_no_config_names_a_repository(
    team: Path,
) -> None:
    assert _todos(team) == [None]
    assert _todos(team, "--repo", "acme/widgets") == ["acme/widgets#4"]
    assert _todos(team, "--repo=acme/widgets") == ["acme/widgets#4"]


def test_repo_comes_before_the_config_and_the_environment(team: Path) -> None:
    (team / ".notes-lint.yaml").write_text(
        CONFIG + "github:\n  repo: acme/config\n", encoding="utf-8"
    )
    env = {**NO_REPOSITORY, "GITHUB_REPOSITORY": "acme/env"}
    assert _todos(team, env=env) == ["acme/config#4"]
    assert _todos(team, "--repo", "acme/widgets", env=env) == ["acme/widgets#4"]


def test_report_repo_binds_the_issue_on_the_page(team: Path) -> None:
    result = run_cli(
        "report", "--today", TODAY, "--repo", "acme/widgets", "--output", "r.html",
        cwd=team, env=NO_REPOSITORY,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "acme/widgets#4" in (team / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_repo_wins_over_a_bad_github_repository_without_a_warning(
    team: Path, command: tuple[str, ...]
) -> None:
    """The first source set wins: a ``GITHUB_REPOSITORY`` that is no ``OWNER/NAME``
    is never read when ``--repo`` is given, so no warning about it."""
    env = {**NO_REPOSITORY, "GITHUB_REPOSITORY": "not a repo"}
    without = run_cli(*command, "--today", TODAY, cwd=team, env=env)
    assert without.returncode == 0 and "GITHUB_REPOSITORY" in without.stderr
    given = run_cli(*command, "--today", TODAY, "--repo", "acme/widgets", cwd=team, env=env)
    assert given.returncode == 0, given.stderr
    assert "GITHUB_REPOSITORY" not in given.stderr


@pytest.mark.parametrize("command", (*COMMANDS, ("sync", "--offline")), ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "--repo is empty: give OWNER/NAME"),
        (" ", "--repo is empty: give OWNER/NAME"),
        ("acme", "--repo must be OWNER/NAME, not 'acme'"),
        ("acme/..", "--repo must be OWNER/NAME, not 'acme/..'"),
        ("acme/widgets.git", "--repo must be OWNER/NAME, not 'acme/widgets.git'"),
    ],
)
def test_an_invalid_repo_is_one_line_and_exit_2(
    team: Path, command: tuple[str, ...], value: str, message: str
) -> None:
    result = run_cli(*command, "--today", TODAY, "--repo", value, cwd=team, env=NO_REPOSITORY)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() == f"notes-lint: {message}"
    assert not (team / "r.html").exists()


@pytest.mark.parametrize("command", ("todos", "report", "new", "sync"))
def test_every_repo_option_has_the_same_help(team: Path, command: str) -> None:
    result = run_cli(command, "--help", cwd=team)
    text = " ".join(result.stdout.split())
    assert (
        "--repo OWNER/NAME the repository that #N in a TODO means and that sync opens issues"
        " in: the first of --repo, github.repo, links.default-repo, GITHUB_REPOSITORY"
    ) in text
