"""Real pre-commit runs of the ``notes-lint-fix`` hook in temporary git repositories.

Like pre-commit's own fixers, the hook rewrites the notes it can mend and the
run fails ("files were modified by this hook"); run again on the fixed files,
it passes.  Both with ``pre-commit try-repo`` and with an installed hook and
``git commit``.  The machinery (isolated git config, shared PRE_COMMIT_HOME,
the working tree as a hook repository) is tests/test_precommit.py's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from test_precommit import (  # noqa: F401  (env and hook_repo are fixtures)
    HOOK_TIMEOUT,
    ROOT,
    HookRepo,
    _git,
    _new_repo,
    _pre_commit,
    _run,
    _untracked_package_files,
    _write,
    env,
    hook_repo,
)

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed: pre-commit needs git"
)

HOOK = "notes-lint-fix"
# path:line:col: CODE message, one per line.
DIAGNOSTIC = re.compile(
    r"^(?P<path>[^\s:][^:\n]*):(?P<line>\d+):(?P<col>\d+): (?P<code>NL\d{3}) \S", re.MULTILINE
)
CONFIG = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Ana: ana-gh
  Bruno: bruno-gh
links:
  default-repo: acme/notes
"""
NOTE = "notes/2024-05-14.md"
CRLF_NOTE = "notes/2024-05-21.md"
PR = "https://github.com/acme/notes/pull/12"
OTHER = "https://github.com/acme/tools/issues/3"
# Only warnings (bare URLs): the hook passes once they are fixed.
BARE = f"""\
## May 14th, 2024

### Ana

- Reviewed {PR} and {OTHER}.
- Read https://docs.example.org/design\t

### Discussion

- Release next week: `{PR}` in code stays

### TODO / Next

- Write the release notes (Ana)
"""
FIXED = BARE.replace(
    f"Reviewed {PR} and {OTHER}.", f"Reviewed [#12]({PR}) and [acme/tools#3]({OTHER})."
)
FIXED = FIXED.replace(
    "Read https://docs.example.org/design\t", "Read <https://docs.example.org/design>\t"
)
CRLF = (
    "\ufeff## May 21st, 2024\r\n\r\n### Discussion\r\n\r\n- Café: "
    + PR
    + "\r\n\r\n### TODO / Next\r\n\r\n- Tag it (Ana)\r\n"
)
CRLF_FIXED = CRLF.replace(PR, f"[#12]({PR})")


def _hook_line(output: str, status: str) -> bool:
    return re.search(rf"^notes-lint \(fix\)\.+{status}$", output, re.MULTILINE) is not None


@pytest.fixture(scope="module")
def try_fix_args(env: dict[str, str], hook_repo: HookRepo) -> list[str]:  # noqa: F811
    """``try-repo``'s arguments for the fix hook (see test_precommit.try_repo_args)."""
    inside = _run(["git", "rev-parse", "--show-toplevel"], ROOT, env)
    is_checkout_root = inside.returncode == 0 and Path(inside.stdout.strip()).resolve() == ROOT
    if is_checkout_root and not _untracked_package_files(env):
        return [str(ROOT), HOOK]
    return [str(hook_repo.path), HOOK, "--ref", hook_repo.rev]


def test_the_fix_hook_is_in_the_manifest() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == HOOK)
    assert hook["entry"] == "notes-lint check --fix"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]


def test_try_repo_fixes_bare_urls_then_passes(
    env: dict[str, str],  # noqa: F811
    try_fix_args: list[str],
    tmp_path: Path,
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    _write(repo, {".notes-lint.yaml": CONFIG, NOTE: BARE})
    (repo / CRLF_NOTE).write_bytes(CRLF.encode("utf-8"))
    _git(env, repo, "add", "--all")

    first = _pre_commit(env, repo, "try-repo", *try_fix_args, "--all-files")
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert _hook_line(output, "Failed"), output
    assert "files were modified by this hook" in output
    assert "fixed 3 findings in 1 file" in output or "fixed 4 findings in 2 files" in output
    assert not DIAGNOSTIC.search(output), output  # nothing left to report
    assert (repo / NOTE).read_bytes() == FIXED.encode("utf-8")
    assert (repo / CRLF_NOTE).read_bytes() == CRLF_FIXED.encode("utf-8")  # BOM, CRLF kept
    assert set(_git(env, repo, "diff", "--name-only").split()) == {NOTE, CRLF_NOTE}

    _git(env, repo, "add", "--all")
    second = _pre_commit(env, repo, "try-repo", *try_fix_args, "--all-files")
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert _hook_line(output, "Passed"), output
    assert (repo / NOTE).read_bytes() == FIXED.encode("utf-8")


def test_try_repo_reports_what_it_cannot_fix(
    env: dict[str, str],  # noqa: F811
    try_fix_args: list[str],
    tmp_path: Path,
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    bad = BARE.replace("(Ana)", "(Brunno)").replace("### Ana", "### Brunoo")
    _write(repo, {".notes-lint.yaml": CONFIG, NOTE: bad})
    _git(env, repo, "add", "--all")
    result = _pre_commit(env, repo, "try-repo", *try_fix_args, "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "files were modified by this hook" in output
    # 'Brunno' owns a TODO: a typo of Bruno, fixed; 'Brunoo' heads a person section (NL109: no fix).
    found = {(m["path"], int(m["line"]), m["code"]) for m in DIAGNOSTIC.finditer(output)}
    assert found == {(NOTE, 3, "NL109")}, output
    assert "(Bruno)" in (repo / NOTE).read_text(encoding="utf-8")


def test_commit_with_the_fix_hook_installed(
    env: dict[str, str],  # noqa: F811
    hook_repo: HookRepo,  # noqa: F811
    tmp_path: Path,
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    pinned = {
        "repos": [{"repo": str(hook_repo.path), "rev": hook_repo.rev, "hooks": [{"id": HOOK}]}]
    }
    _write(
        repo,
        {
            ".pre-commit-config.yaml": yaml.safe_dump(pinned, sort_keys=False),
            ".notes-lint.yaml": CONFIG,
            NOTE: BARE,
        },
    )
    installed = _pre_commit(env, repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(env, repo, "add", "--all")
    refused = _run(["git", "commit", "-m", "Notes of May 14th"], repo, env, HOOK_TIMEOUT)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert _hook_line(output, "Failed") and "files were modified by this hook" in output
    assert (repo / NOTE).read_bytes() == FIXED.encode("utf-8")  # fixed in the work tree...
    staged = _git(env, repo, "show", f":{NOTE}")
    assert staged == BARE  # ...not in the index: the user looks, adds, commits again
    _git(env, repo, "add", NOTE)
    accepted = _run(["git", "commit", "-m", "Notes of May 14th"], repo, env, HOOK_TIMEOUT)
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert _hook_line(output, "Passed"), output
    assert _git(env, repo, "show", f"HEAD:{NOTE}") == FIXED
