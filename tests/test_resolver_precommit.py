"""pre-commit from the repository root with a team's config in its folder (issue 15, f15).

pre-commit runs hooks from the root and passes every staged Markdown file: the
team's notes must be checked, and fixed, by ``team/.notes-lint.yaml``, never by the
generic preset (which would insert its own sections into them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_precommit import _git, _new_repo, _pre_commit, _write, env, hook_repo  # noqa: F401
from test_precommit_fix import BARE, CONFIG, FIXED, NOTE, try_fix_args  # noqa: F401

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed: pre-commit needs git"
)


def test_fix_hook_from_the_root_uses_the_teams_config(
    env: dict[str, str],  # noqa: F811
    try_fix_args: list[str],  # noqa: F811
    tmp_path: Path,
) -> None:
    repo = _new_repo(env, tmp_path / "repo")
    _write(
        repo,
        {f"team/{name}": text for name, text in {".notes-lint.yaml": CONFIG, NOTE: BARE}.items()},
    )
    _write(repo, {"README.md": "not a note\n"})
    _git(env, repo, "add", "--all")
    first = _pre_commit(env, repo, "try-repo", *try_fix_args, "--all-files")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "files were modified by this hook" in output
    # sklearn-weekly's fixes only: the bare URLs linked, no generic section inserted.
    assert (repo / "team" / NOTE).read_bytes() == FIXED.encode("utf-8"), output
    assert (repo / "README.md").read_text(encoding="utf-8") == "not a note\n"
    _git(env, repo, "add", "--all")
    second = _pre_commit(env, repo, "try-repo", *try_fix_args, "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
