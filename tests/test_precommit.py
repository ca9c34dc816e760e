"""Real pre-commit runs of the ``notes-lint`` hook in temporary git repositories.

* ``pre-commit try-repo <checkout> notes-lint --all-files``, as a user tries the hook;
* a ``.pre-commit-config.yaml`` pinned to a commit, ``pre-commit install``, and
  ``git commit``: a bad note is refused, a good one goes through.

The hook repository for the second is a snapshot of the working tree (tracked and
untracked files, less what .gitignore ignores) committed into a temporary repo, so
the hook runs the code as it is now, uncommitted changes included. All runs share
one ``PRE_COMMIT_HOME``, so each hook environment is built once per session.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HOOK_TIMEOUT = 900  # seconds: the first run builds the hook's virtualenv from the index

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed: pre-commit needs git"
)

# path:line:col: CODE message, as the hook prints it.
DIAGNOSTIC = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>NL\d{3}) \S", re.MULTILINE
)

# Git variables that pre-commit itself keeps (pre_commit.git.no_git_env); every other
# GIT_* (GIT_DIR, GIT_INDEX_FILE, ... set when pytest runs inside a git hook) goes.
_GIT_KEEP = {
    "GIT_EXEC_PATH",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_SSL_CAINFO",
    "GIT_SSL_NO_VERIFY",
    "GIT_HTTP_PROXY_AUTHMETHOD",
    "GIT_ALLOW_PROTOCOL",
    "GIT_ASKPASS",
}
_PYTHON_LEAKY = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_USER", "SKIP"}

CONFIG = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Ana: ana-gh
  Bruno: bruno-gh
"""

# Markdown that is not a note: pre-commit passes it too, and it must be skipped silently.
README = "# Our notes\n\nNo date heading, a bare http://example.org link, no sections.\n"

NOTE = "notes/2024-05-14.md"
BAD_NOTE = """\
## May 14th, 2024

### Ana

- Read the [design doc](http://docs.example.org/design)

### Brunoo

- Fixed the docs build

### Discussion

- Release next week

### TODO / Next

- Write the release notes
- Bruno: tag the release
"""
BAD_EXPECTED = {
    (NOTE, 5, "NL204"),  # http://
    (NOTE, 7, "NL109"),  # 'Brunoo' is not in the roster
    (NOTE, 17, "NL301"),  # a TODO without an owner
}
GOOD_NOTE = """\
## May 14th, 2024

### Ana

- Read the [design doc](https://docs.example.org/design)

### Bruno

- Fixed the docs build

### Discussion

- Release next week

### TODO / Next

- Write the release notes (Ana)
- Bruno: tag the release
"""


@dataclass(frozen=True)
class HookRepo:
    path: Path
    rev: str


def _run(
    cmd: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _git(env: dict[str, str], cwd: Path, *args: str) -> str:
    result = _run(["git", *args], cwd, env)
    if result.returncode != 0:
        pytest.fail(f"git {' '.join(args)} failed in {cwd}:\n{result.stderr}", pytrace=False)
    return result.stdout


def _pre_commit(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env, timeout=HOOK_TIMEOUT)


def _diagnostics(output: str) -> set[tuple[str, int, str]]:
    return {(m["path"], int(m["line"]), m["code"]) for m in DIAGNOSTIC.finditer(output)}


def _new_repo(env: dict[str, str], path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(env, path, "init", "--quiet")
    _git(env, path, "config", "user.name", "notes-lint tests")
    _git(env, path, "config", "user.email", "tests@notes-lint.invalid")
    _git(env, path, "config", "commit.gpgsign", "false")
    return path


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every git and pre-commit run: isolated git config, shared PRE_COMMIT_HOME."""
    if importlib.util.find_spec("pre_commit") is None:
        pytest.fail(
            "pre-commit is not installed in this environment: pip install -e '.[dev]'",
            pytrace=False,
        )
    base = tmp_path_factory.mktemp("pre-commit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = notes-lint tests\n\temail = tests@notes-lint.invalid\n"
        "[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    result = {
        key: value
        for key, value in os.environ.items()
        if not (key.startswith("GIT_") and key not in _GIT_KEEP)
        and not key.startswith("PRE_COMMIT")
        and key not in _PYTHON_LEAKY
    }
    result.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_TERMINAL_PROMPT="0",
        PRE_COMMIT_HOME=str(base / "home"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return result


def _working_tree_files(env: dict[str, str]) -> list[Path]:
    """The checkout's files as git would commit them: tracked and untracked, less ignored."""
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env
    )
    if listed.returncode == 0:
        names = {name for name in listed.stdout.split("\0") if name}
        return sorted(ROOT / name for name in names if (ROOT / name).is_file())
    # Not a git work tree (an unpacked sdist, say): everything but caches and builds.
    skip = {".git", ".venv", "venv", "build", "dist", "__pycache__"}
    return sorted(
        p
        for p in ROOT.rglob("*")
        if p.is_file()
        and not any(part in skip or part.endswith("_cache") for part in p.relative_to(ROOT).parts)
    )


def _untracked_package_files(env: dict[str, str]) -> list[str]:
    """New files that ``try-repo <checkout>`` would leave out (it snapshots tracked ones only)."""
    listed = _run(
        ["git", "ls-files", "--others", "--exclude-standard", "--", "notes_lint", "schema"],
        ROOT,
        env,
    )
    return listed.stdout.split()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> HookRepo:
    """The working tree committed into a repo of its own: the hook repository to pin."""
    path = tmp_path_factory.mktemp("hook-repo")
    for source in _working_tree_files(env):
        target = path / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _new_repo(env, path)
    _git(env, path, "add", "--all")
    _git(env, path, "commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree")
    return HookRepo(path, _git(env, path, "rev-parse", "HEAD").strip())


@pytest.fixture(scope="module")
def try_repo_args(env: dict[str, str], hook_repo: HookRepo) -> list[str]:
    """``try-repo``'s arguments: the checkout itself and the hook, as a user tries it.

    try-repo copies uncommitted changes to tracked files but not new files; while
    the working tree has new package files, try the working-tree snapshot instead.
    """
    inside = _run(["git", "rev-parse", "--show-toplevel"], ROOT, env)
    is_checkout_root = inside.returncode == 0 and Path(inside.stdout.strip()).resolve() == ROOT
    if is_checkout_root and not _untracked_package_files(env):
        return [str(ROOT), "notes-lint"]
    return [str(hook_repo.path), "notes-lint", "--ref", hook_repo.rev]


def test_manifest_is_valid(env: dict[str, str]) -> None:
    result = _pre_commit(env, ROOT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "notes-lint")
    assert hook["entry"] == "notes-lint check"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert "minimum_pre_commit_version" in hook


def test_try_repo_fails_on_a_bad_note(
    env: dict[str, str], try_repo_args: list[str], tmp_path: Path
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    _write(repo, {".notes-lint.yaml": CONFIG, "README.md": README, NOTE: BAD_NOTE})
    _git(env, repo, "add", "--all")
    result = _pre_commit(env, repo, "try-repo", *try_repo_args, "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"^notes-lint\.+Failed$", output, re.MULTILINE), output
    assert _diagnostics(output) == BAD_EXPECTED, output
    assert "README" not in output


def test_try_repo_passes_a_good_note(
    env: dict[str, str], try_repo_args: list[str], tmp_path: Path
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    _write(repo, {".notes-lint.yaml": CONFIG, "README.md": README, NOTE: GOOD_NOTE})
    _git(env, repo, "add", "--all")
    result = _pre_commit(env, repo, "try-repo", *try_repo_args, "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"^notes-lint\.+Passed$", output, re.MULTILINE), output
    assert not DIAGNOSTIC.search(output), output


@pytest.fixture
def installed_repo(env: dict[str, str], hook_repo: HookRepo, tmp_path: Path) -> Path:
    """A team repo whose ``.pre-commit-config.yaml`` pins the hook repo, hook installed."""
    repo = _new_repo(env, tmp_path / "team")
    pinned = {
        "repos": [
            {"repo": str(hook_repo.path), "rev": hook_repo.rev, "hooks": [{"id": "notes-lint"}]}
        ]
    }
    _write(
        repo,
        {
            ".pre-commit-config.yaml": yaml.safe_dump(pinned, sort_keys=False),
            ".notes-lint.yaml": CONFIG,
            "README.md": README,
        },
    )
    installed = _pre_commit(env, repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # The hook runs on README.md here: Markdown that is not a note passes silently.
    _git(env, repo, "add", "--all")
    first = _run(["git", "commit", "-m", "Set up notes-lint"], repo, env, timeout=HOOK_TIMEOUT)
    assert first.returncode == 0, first.stdout + first.stderr
    assert re.search(r"^notes-lint\.+Passed$", first.stdout + first.stderr, re.MULTILINE)
    return repo


def _commits(env: dict[str, str], repo: Path) -> int:
    return int(_git(env, repo, "rev-list", "--count", "HEAD"))


def test_commit_hook_refuses_a_bad_note(env: dict[str, str], installed_repo: Path) -> None:
    _write(installed_repo, {NOTE: BAD_NOTE})
    _git(env, installed_repo, "add", NOTE)
    result = _run(["git", "commit", "-m", "Notes of May 14th"], installed_repo, env, HOOK_TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(r"^notes-lint\.+Failed$", output, re.MULTILINE), output
    assert _diagnostics(output) == BAD_EXPECTED, output
    assert _commits(env, installed_repo) == 1
    assert NOTE in _git(env, installed_repo, "diff", "--cached", "--name-only")


def test_commit_hook_accepts_a_good_note(env: dict[str, str], installed_repo: Path) -> None:
    _write(installed_repo, {NOTE: GOOD_NOTE, "docs/HOWTO.md": README})
    _git(env, installed_repo, "add", "--all")
    result = _run(["git", "commit", "-m", "Notes of May 14th"], installed_repo, env, HOOK_TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"^notes-lint\.+Passed$", output, re.MULTILINE), output
    assert not DIAGNOSTIC.search(output), output
    assert _commits(env, installed_repo) == 2


DASH_CONFIG = """\
extends: sklearn-weekly
exclude: ["README.md"]
people:
  Ana: ana-gh
  Bruno: bruno-gh
"""
DASH_NOTE = "-2024-05-14.md"  # at the root: pre-commit passes it as is, after the hook's args


@pytest.mark.parametrize("hook", ["notes-lint", "notes-lint-fix"])
def test_hooks_lint_a_note_whose_name_starts_with_a_dash(
    env: dict[str, str], try_repo_args: list[str], tmp_path: Path, hook: str
) -> None:
    repo = _new_repo(env, tmp_path / "team")
    note = BAD_NOTE.replace(
        "- Release next week", "- Release next week, see https://example.org/plan"
    )
    _write(repo, {".notes-lint.yaml": DASH_CONFIG, "README.md": README, DASH_NOTE: note})
    _git(env, repo, "add", "--all")
    args = [hook if arg == "notes-lint" else arg for arg in try_repo_args]
    result = _pre_commit(env, repo, "try-repo", *args, "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "unrecognized arguments" not in output and "notes-lint: notes-lint" not in output
    found = {code for path, _line, code in _diagnostics(output) if path == DASH_NOTE}
    assert {"NL109", "NL301"} <= found, output  # the note was linted
    fixed = "<https://example.org/plan>" in (repo / DASH_NOTE).read_text(encoding="utf-8")
    assert fixed == (hook == "notes-lint-fix"), output  # and fixed by the fixing hook only


OPTION_LIKE = ("--output-file=2024-07-09.md", "--select=NL1.md", "-h.md", "--config=a.md")
PLAIN_NOTE = """\
# 2024-07-09

## Attendees

- Ana

## Agenda

- Plans
"""


def test_pre_commit_run_never_reads_a_note_as_an_option(
    env: dict[str, str], hook_repo: HookRepo, tmp_path: Path
) -> None:
    """Review 15 item 1: through ``pre-commit run``, a note named
    ``--output-file=2024-07-09.md`` made the fixing hook overwrite 2024-07-09.md with
    its findings.  Each such file is a note; the other notes are left as they are."""
    repo = _new_repo(env, tmp_path / "team")
    pinned = {
        "repos": [
            {
                "repo": str(hook_repo.path),
                "rev": hook_repo.rev,
                "hooks": [{"id": "notes-lint-fix"}],
            }
        ]
    }
    # Each option-like note is dated a day after its file name says: NL102, not fixable.
    odd = {name: PLAIN_NOTE.replace("07-09", "07-10") for name in OPTION_LIKE}
    _write(
        repo,
        {
            ".pre-commit-config.yaml": yaml.safe_dump(pinned, sort_keys=False),
            ".notes-lint.yaml": "extends: generic\n",
            "2024-07-09.md": PLAIN_NOTE,
            "a.md": "extends: strict\n",
            **odd,
        },
    )
    _git(env, repo, "add", "--all")
    before = {p.name: p.read_bytes() for p in repo.iterdir() if p.is_file()}
    result = _pre_commit(env, repo, "run", "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "usage" not in output.lower() and "unrecognized" not in output, output
    after = {p.name: p.read_bytes() for p in repo.iterdir() if p.is_file()}
    assert after == before, output  # nothing written: the clean note is untouched
    found = {(path, code) for path, _line, code in _diagnostics(output)}
    assert ("--output-file=2024-07-09.md", "NL102") in found, output
    # Every Markdown file was checked as a note (pre-commit may split them in batches).
    counted = sum(int(n) for n in re.findall(r" in (\d+) files?$", output, re.MULTILINE))
    assert counted == len(OPTION_LIKE) + 2, output
