"""Issue 18: one repository in effect for the ledger's bindings of ``#N`` and sync's target.

Precedence: ``--repo``, ``github.repo``, ``links.default-repo``, ``GITHUB_REPOSITORY``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_config, run_cli
from fake_github import FakeGitHub
from test_sync import TODAY, sync, write

from notes_lint.errors import UsageError
from notes_lint.repository import repository_in_effect

ONLY_DEFAULT_REPO = """\
extends: sklearn-weekly
people:
  Alice: alice
links:
  default-repo: acme/notes
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(ONLY_DEFAULT_REPO, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    write(tmp_path, "2024-02-01", "Fix #12 before the release (Alice)", "Book a room (Alice)")
    return tmp_path


def bound_issues(team: Path, **env: str) -> dict[str, str | None]:
    result = run_cli("todos", "--today", TODAY, "--format", "json", cwd=team, env=env)
    assert result.returncode == 0, result.stderr
    return {e["text"]: e["issue"] for e in json.loads(result.stdout)["entries"]}


def test_only_default_repo_set_binds_and_syncs_in_the_same_repository(
    team: Path, github_server: FakeGitHub
) -> None:
    """The issue's case: `links.default-repo` alone, `GITHUB_REPOSITORY` naming another one."""
    elsewhere = {"GITHUB_REPOSITORY": "other/elsewhere"}
    assert bound_issues(team, **elsewhere) == {
        "Fix #12 before the release": "acme/notes#12",
        "Book a room": None,
    }
    offline = run_cli(
        "sync", "--today", TODAY, "--offline", "--format", "json", cwd=team,
        env={"GITHUB_TOKEN": "", "GH_TOKEN": "", **elsewhere},
    )  # fmt: skip
    assert offline.returncode == 0, offline.stderr
    assert json.loads(offline.stdout)["repo"] == "acme/notes"
    applied = sync(team, github_server, "--apply", **elsewhere)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    titles = sorted(i.title for i in github_server.issues("acme/notes"))
    assert titles == ["Book a room", "Fix #12 before the release"]


def test_github_repository_is_used_when_the_config_names_none(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\npeople:\n  Alice: alice\n", encoding="utf-8"
    )
    (tmp_path / "notes").mkdir()
    write(tmp_path, "2024-02-01", "Fix #12 before the release (Alice)")
    env = {"GITHUB_REPOSITORY": "acme/tools"}
    assert bound_issues(tmp_path, **env) == {"Fix #12 before the release": "acme/tools#12"}
    assert bound_issues(tmp_path, GITHUB_REPOSITORY="") == {"Fix #12 before the release": None}


def test_a_bad_github_repository_is_ignored_with_a_warning_except_by_sync(team: Path) -> None:
    """Only ``sync`` acts on the repository: there a bad value stops the run (exit 2);
    ``todos``, ``report`` and ``new`` warn once and bind no ``#N`` (as the editor server)."""
    (team / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\npeople:\n  Alice: alice\n", encoding="utf-8"
    )
    env = {"GITHUB_REPOSITORY": "not a repo", "GITHUB_TOKEN": "", "GH_TOKEN": ""}
    warning = (
        "notes-lint: warning: GITHUB_REPOSITORY is not OWNER/NAME ('not a repo'):"
        " ignored, so no #N is bound to an issue"
    )
    for command in (("todos", "--format", "json"), ("report",), ("new",)):
        result = run_cli(*command, "--today", TODAY, cwd=team, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines().count(warning) == 1, result.stderr
    todos = run_cli("todos", "--format", "json", "--today", TODAY, cwd=team, env=env)
    assert all(entry["issue"] is None for entry in json.loads(todos.stdout)["entries"])
    result = run_cli("sync", "--offline", "--today", TODAY, cwd=team, env=env)
    assert result.returncode == 2, result.stdout
    assert result.stderr.strip() == (
        "notes-lint: GITHUB_REPOSITORY must be OWNER/NAME, not 'not a repo'"
    )


@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_repo_option_is_an_error_not_unset(team: Path, value: str) -> None:
    result = run_cli("sync", "--offline", "--repo", value, "--today", TODAY, cwd=team)
    assert result.returncode == 2
    assert result.stderr.strip() == "notes-lint: --repo is empty: give OWNER/NAME"


@pytest.mark.parametrize("name", ["acme/..", "acme/."])
def test_dot_and_dot_dot_are_no_repository_names(team: Path, name: str) -> None:
    """GitHub refuses ``.`` and ``..`` as a repository's name (they are path steps)."""
    result = run_cli("sync", "--offline", "--repo", name, "--today", TODAY, cwd=team)
    assert result.returncode == 2
    assert result.stderr.strip() == f"notes-lint: --repo must be OWNER/NAME, not '{name}'"
    config = team / ".notes-lint.yaml"
    for key in ("github:\n  repo", "links:\n  default-repo"):
        config.write_text(f"extends: sklearn-weekly\n{key}: '{name}'\n", encoding="utf-8")
        assert run_cli("todos", "--today", TODAY, cwd=team).returncode == 2
    config.write_text("extends: sklearn-weekly\ngithub:\n  repo: ''\n", encoding="utf-8")
    empty = run_cli("todos", "--today", TODAY, cwd=team)
    assert empty.returncode == 2 and "github.repo" in empty.stderr  # a config error, not unset


def test_sync_without_any_repository_says_every_source(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    write(tmp_path, "2024-02-01", "Book a room (Alice)")
    result = run_cli(
        "sync", "--today", TODAY, "--offline", cwd=tmp_path,
        env={"GITHUB_REPOSITORY": "", "GITHUB_TOKEN": "", "GH_TOKEN": ""},
    )  # fmt: skip
    assert result.returncode == 2
    for source in ("--repo", "github.repo", "links.default-repo", "GITHUB_REPOSITORY"):
        assert source in result.stderr


def test_repo_help_states_the_precedence(tmp_path: Path) -> None:
    result = run_cli("sync", "--help", cwd=tmp_path)
    text = " ".join(result.stdout.split())
    assert "--repo, github.repo, links.default-repo, GITHUB_REPOSITORY" in text


SOURCES = ("--repo", "github.repo", "links.default-repo", "GITHUB_REPOSITORY")


@pytest.mark.parametrize("mask", range(16))
def test_the_first_source_set_wins(mask: int) -> None:
    """Every combination of the four sources: the first set, in the documented order, wins."""
    given = {s: f"owner{i}/name{i}" for i, s in enumerate(SOURCES) if mask & (1 << i)}
    data: dict[str, object] = {}
    if "github.repo" in given:
        data["github"] = {"repo": given["github.repo"]}
    if "links.default-repo" in given:
        data["links"] = {"default-repo": given["links.default-repo"]}
    environment = {"GITHUB_REPOSITORY": given.get("GITHUB_REPOSITORY", "")}
    found = repository_in_effect(make_config(data), given.get("--repo"), environment)
    first = next((s for s in SOURCES if s in given), None)
    if first is None:
        assert found is None
    else:
        assert found is not None and (found.source, found.name) == (first, given[first])


def test_check_reads_no_environment() -> None:
    """`check` judges a note the same wherever it runs: the config's sources only."""
    config = make_config({"links": {"default-repo": "acme/notes"}})
    found = repository_in_effect(config)
    assert found is not None and found.name == "acme/notes"
    assert repository_in_effect(make_config({}), None, None) is None
    with pytest.raises(UsageError, match="--repo must be OWNER/NAME"):
        repository_in_effect(config, "acme-/notes")


def test_nl201_writes_short_references_for_the_repository_in_effect(tmp_path: Path) -> None:
    """github.repo comes before links.default-repo for NL201's `#N` too."""
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\ngithub:\n  repo: acme/sync\nlinks:\n  default-repo: acme/notes\n",
        encoding="utf-8",
    )
    body = "- see https://github.com/acme/sync/issues/5 and https://github.com/acme/notes/issues/6"
    (tmp_path / "2024-02-01.md").write_text(
        f"## 2024-02-01\n\n### Discussion\n\n{body}\n\n### TODO / Next\n\n- none\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--diff", "2024-02-01.md", cwd=tmp_path,
                     env={"GITHUB_REPOSITORY": "acme/notes"})  # fmt: skip
    assert "[#5](https://github.com/acme/sync/issues/5)" in result.stdout
    assert "[acme/notes#6](https://github.com/acme/notes/issues/6)" in result.stdout


def test_a_repository_github_does_not_show_names_its_source(
    team: Path, github_server: FakeGitHub
) -> None:
    (team / ".notes-lint.yaml").write_text(
        ONLY_DEFAULT_REPO.replace("acme/notes", "acme/missing"), encoding="utf-8"
    )
    result = sync(team, github_server, GITHUB_REPOSITORY="")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no repository acme/missing" in result.stderr
    assert "check links.default-repo and the token's access" in result.stderr
