"""Issue 18 follow-up, "GitHub references that are not what they look like".

1. A repository name GitHub cannot have (``acme/..``, ``acme/x.git``, ``acme/x.wiki``,
   101 characters) is no repository from any source: ``--repo``, ``github.repo``,
   ``links.default-repo``, ``GITHUB_REPOSITORY`` (one definition: ``urls.REPO_NAME``).
   ``acme/...`` is a name GitHub gives (only ``.`` and ``..`` are reserved).
2. A link's own URL decides what it binds: ``[the #4 thread](https://lists.example.org/x)``
   is no issue 4; a bare ``#4`` in plain text still is.  A TODO's id does not move.
3. ``new --output`` at a symbolic link says so, as every writer does (exit 2, one line).
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint import urls

TODAY = "2024-03-01"
NO_TOKEN = {"GITHUB_TOKEN": "", "GH_TOKEN": "", "GITHUB_REPOSITORY": ""}


def meeting(date: str, *items: str) -> str:
    lines = "\n".join(f"- {item}" for item in items)
    return f"# {date}\n\n## Attendees\n\nAlice\n\n## Agenda\n\nx\n\n## Action items\n\n{lines}\n"


# 1. Repository names ----------------------------------------------------------------------

NAME_CHARS = string.ascii_letters + string.digits + "._-"


def github_gives(name: str) -> bool:
    """GitHub's rules for a repository's name, spelled out plainly (its "Repository
    limits" page; ``.`` and ``..`` reserved by its form): the oracle the pattern is
    tested against."""
    return (
        1 <= len(name) <= 100
        and all(char in NAME_CHARS for char in name)
        and name not in (".", "..")
        and not name.lower().endswith((".git", ".wiki"))
    )


REFUSED = ["acme/..", "acme/.", "acme/x.git", "acme/X.Wiki", "acme/.wiki", "acme/" + "a" * 101]
ACCEPTED = [
    "acme/...",
    "acme/....",
    "acme/.github",
    "acme/x.git.y",
    "acme/wiki",
    "acme/" + "a" * 100,
]


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return write_team(
        tmp_path,
        "extends: generic\n",
        {"notes/2024-02-01.md": meeting("2024-02-01", "[ ] Alice to close #12")},
    )


@pytest.mark.parametrize("name", REFUSED)
def test_a_name_github_cannot_have_is_refused_from_every_source(team: Path, name: str) -> None:
    message = f"notes-lint: --repo must be OWNER/NAME, not '{name}'"
    by_option = run_cli(
        "sync", "--offline", "--repo", name, "--today", TODAY, cwd=team, env=NO_TOKEN
    )
    assert (by_option.returncode, by_option.stderr.strip().splitlines()[-1]) == (2, message)
    by_environment = run_cli(
        "sync", "--offline", "--today", TODAY, cwd=team, env={**NO_TOKEN, "GITHUB_REPOSITORY": name}
    )
    assert by_environment.returncode == 2
    assert by_environment.stderr.strip().splitlines()[-1] == (
        f"notes-lint: GITHUB_REPOSITORY must be OWNER/NAME, not '{name}'"
    )
    for key in ("github:\n  repo", "links:\n  default-repo"):
        (team / ".notes-lint.yaml").write_text(f"extends: generic\n{key}: '{name}'\n", "utf-8")
        by_config = run_cli("todos", "--today", TODAY, cwd=team, env=NO_TOKEN)
        assert by_config.returncode == 2, by_config.stdout
        assert "is not a GitHub repository as owner/name" in by_config.stderr


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_name_github_gives_is_the_repository_in_effect(team: Path, name: str) -> None:
    result = run_cli(
        "sync", "--offline", "--repo", name, "--format", "json", "--today", TODAY,
        cwd=team, env=NO_TOKEN,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["repo"] == name
    (team / ".notes-lint.yaml").write_text(
        f"extends: generic\ngithub:\n  repo: '{name}'\n", "utf-8"
    )
    todos = run_cli("todos", "--format", "json", "--today", TODAY, cwd=team, env=NO_TOKEN)
    assert todos.returncode == 0, todos.stderr
    assert [e["issue"] for e in json.loads(todos.stdout)["entries"]] == [f"{name}#12"]


NAMES = st.one_of(
    st.text(st.sampled_from(NAME_CHARS), min_size=1, max_size=8),
    st.text(st.sampled_from("."), min_size=1, max_size=4),
    st.builds(
        str.__add__,
        st.text(st.sampled_from(NAME_CHARS), max_size=6),
        st.sampled_from([".git", ".GIT", ".wiki", ".Wiki", ".gi", ".wik", ".git.x", "git"]),
    ),
    st.builds(lambda n: "a" * n, st.integers(95, 105)),
    st.text(st.sampled_from("ab/#é "), min_size=1, max_size=4),
)


@given(NAMES)
def test_the_one_pattern_agrees_with_githubs_rules(name: str) -> None:
    gives = github_gives(name)
    event("a name GitHub gives" if gives else "a name GitHub cannot have")
    assert urls.is_repository(f"acme/{name}") is gives
    assert (re.fullmatch(urls.REPO_NAME, name) is not None) is gives
    found = urls.REFERENCE_IN_TEXT.search(f"see acme/{name}#4 now")
    if all(char in NAME_CHARS for char in name):
        assert (found is not None and found["repo"] == f"acme/{name}") is gives


def test_a_reference_to_a_name_github_cannot_have_binds_nothing() -> None:
    assert urls.REFERENCE_IN_TEXT.search("see acme/x.git#4") is None
    dots = urls.REFERENCE_IN_TEXT.search("see acme/...#4")
    assert dots is not None and (dots["repo"], dots["number"]) == ("acme/...", "4")


# 2. A link's own URL decides the issue it binds ----------------------------------------------

ITEMS = {
    # text as written -> the issue it binds, the id the release before this change gave it
    "answer [the #4 thread](https://lists.example.org/x)": (None, "096260e323b4"),
    "read [#5](https://example.org/thread/5)": (None, "a527cc2dd3b3"),
    "fix [acme/widgets#8](https://example.org/thread/8)": (None, "2b7c5c142fa7"),
    "read [#11](../issues/11) and #12": ("acme/widgets#12", "1f1fcf4709a6"),
    "review #6": ("acme/widgets#6", "816d3f0e89ff"),
    "fix [#7](https://github.com/acme/widgets/issues/7)": ("acme/widgets#7", "a1942c1829d4"),
    "fix [#9](https://github.com/acme/widgets/pull/10)": ("acme/widgets#10", "05549ae6ff3c"),
}


def entries(team: Path) -> list[dict[str, Any]]:
    result = run_cli(
        "todos", "--format", "json", "--today", TODAY, cwd=team,
        env={**NO_TOKEN, "GITHUB_REPOSITORY": "acme/widgets"},
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["entries"]
    return found


def test_a_links_own_url_decides_the_issue_it_binds(tmp_path: Path) -> None:
    team = write_team(
        tmp_path,
        "extends: generic\n",
        {"notes/2024-02-01.md": meeting("2024-02-01", *(f"[ ] Alice to {t}" for t in ITEMS))},
    )
    found = {e["text"]: (e["issue"], e["id"]) for e in entries(team)}
    assert found == ITEMS  # the ids are those of before: binding is not identity


def test_a_thread_named_like_an_issue_is_not_merged_with_the_issue(tmp_path: Path) -> None:
    """Two TODOs of one owner were one entry (one issue to open) because a mailing-list
    link's text said ``#4`` and the other TODO names issue 4."""
    team = write_team(
        tmp_path,
        "extends: generic\n",
        {
            "notes/2024-02-01.md": meeting(
                "2024-02-01",
                "[ ] Alice to answer [the #4 thread](https://lists.example.org/x)",
                "[ ] Alice to close #4 after the release",
            )
        },
    )
    found = {e["text"]: (e["issue"], len(e["occurrences"])) for e in entries(team)}
    assert found == {
        "answer [the #4 thread](https://lists.example.org/x)": (None, 1),
        "close #4 after the release": ("acme/widgets#4", 1),
    }
    plan = run_cli(
        "sync", "--offline", "--today", TODAY, cwd=team,
        env={**NO_TOKEN, "GITHUB_REPOSITORY": "acme/widgets"},
    )  # fmt: skip
    assert plan.returncode == 0, plan.stderr
    assert "2 to create" in plan.stdout, plan.stdout


# 3. `new --output` at a symbolic link ---------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A notes repository (``.git`` marks its root) and, beside it, a file to protect."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    root = write_team(
        tmp_path / "repo",
        "extends: generic\n",
        {"notes/2024-02-01.md": meeting("2024-02-01", "[ ] Alice to book a room")},
    )
    (tmp_path / "victim.md").write_text("victim\n", encoding="utf-8")
    return root


def new_note(repo: Path, output: str) -> tuple[int, list[str]]:
    result = run_cli("new", "--today", TODAY, "--output", output, cwd=repo)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr.strip().splitlines()


@pytest.mark.parametrize("dangling", [False, True])
def test_new_refuses_a_link_out_of_the_repository_as_every_writer_does(
    repo: Path, dangling: bool
) -> None:
    victim = repo.parent / ("nowhere.md" if dangling else "victim.md")
    (repo / "next.md").symlink_to(victim)
    code, lines = new_note(repo, "next.md")
    assert (code, lines[-1]) == (
        2,
        f"notes-lint: next.md: cannot write: it is a link to {victim.resolve()},"
        " outside the repository; not written",
    )
    assert (repo.parent / "victim.md").read_text(encoding="utf-8") == "victim\n"
    assert not (repo.parent / "nowhere.md").exists()


@pytest.mark.parametrize("target", ["notes/2024-02-01.md", "notes/2024-02-08.md"])
def test_new_names_a_link_inside_the_repository_as_a_link(repo: Path, target: str) -> None:
    """``new`` never writes over a file, nor through a link (to a note, or dangling)."""
    before = (repo / "notes/2024-02-01.md").read_bytes()
    (repo / "next.md").symlink_to(repo / target)
    code, lines = new_note(repo, "next.md")
    assert (code, lines[-1]) == (
        2,
        f"notes-lint: next.md: already exists as a symbolic link to {(repo / target).resolve()};"
        " not overwriting it",
    )
    assert (repo / "notes/2024-02-01.md").read_bytes() == before
    assert not (repo / "notes/2024-02-08.md").exists()


def test_new_over_a_plain_file_still_says_it_exists(repo: Path) -> None:
    code, lines = new_note(repo, "notes/2024-02-01.md")
    assert (code, lines[-1]) == (
        2,
        "notes-lint: notes/2024-02-01.md: already exists; not overwriting it",
    )
    assert new_note(repo, "notes/2024-02-08.md")[0] == 0
