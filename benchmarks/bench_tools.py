"""The tools under test: where they are, how each is invoked, and their versions.

Peers are looked up first in benchmarks/.tools/ (what setup.sh installs), then on
PATH. A peer that is not found is reported as absent, never faked.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOOLS_DIR = HERE / ".tools"

# A fixed "today" so that `todos` output does not depend on the day of the run.
TODAY = "2030-01-01"


@dataclass(frozen=True)
class Target:
    """What one case hands to every tool: a folder of notes, or explicit files."""

    cwd: Path
    folder: str | None = None  # relative to cwd; every *.md under it is a note
    files: tuple[str, ...] = ()  # relative to cwd, when there is no folder


@dataclass
class Tool:
    key: str
    label: str
    ours: bool
    version: str
    argv: Callable[[Target], list[str]]
    ok_codes: frozenset[int] = frozenset({0, 1})
    notes: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)  # added to the run's environment
    # Python exits 1 on an uncaught exception, which a linter also uses for "findings".
    crash_marker: str | None = None
    # Run before every timed run (e.g. forget the parsed notes), and whether each case
    # gets one untimed run first (so that a cache is filled before the timed runs).
    before_run: Callable[[], None] | None = None
    prime: bool = False


def _run(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    try:
        done = subprocess.run(
            argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout or done.stderr).strip()


def _paths(target: Target) -> list[str]:
    return [target.folder] if target.folder else list(target.files)


# -- notes-lint --------------------------------------------------------------


def find_notes_lint(explicit: str | None) -> Path | None:
    """The console script of the interpreter running this harness, not a shim.

    A pyenv shim on PATH is a bash script that costs ~0.3 s per call: measuring it
    would measure pyenv.
    """
    if explicit:
        return Path(explicit)
    beside = Path(sys.executable).parent / "notes-lint"
    if beside.exists():
        return beside
    found = shutil.which("notes-lint")
    return Path(found) if found else None


def snapshot(rev: str, work: Path) -> tuple[Path, str]:
    """Install the repository at `rev` into its own venv, as pre-commit installs a hook.

    Returns the installed console script and the full commit id.  A venv of its own keeps a long run from measuring a tree that someone
    is editing, and keeps the harness's interpreter and its site packages (and any
    ``.pth`` files they run at start-up) out of the figures.
    """
    repo = HERE.parent
    sha = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dest = work / "snapshots" / sha
    if not (dest / "pyproject.toml").exists():
        dest.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", "--format=tar", sha],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    venv = work / "venvs" / sha
    script = venv / "bin" / "notes-lint"
    if not script.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(dest)], check=True
        )
    return script, sha


def notes_lint_tools(
    exe: Path, config: Path | None, jobs: int | None, cache_root: Path
) -> tuple[list[Tool], dict[str, str]]:
    """`check` and `todos --format json`, with --jobs where the CLI has it.

    Three tools, each with its cache folder under ``cache_root``: ``check`` and
    ``todos`` on an archive they have seen (their cache primed by an untimed run per case), and ``check-new``, whose
    parsed-note cache is emptied before every run: every note is new to it, as in a
    pre-commit run on edited notes (its config stays cached, as it would).
    """
    info: dict[str, str] = {}
    version = _run([str(exe), "--version"]).removeprefix("notes-lint ").strip() or "?"
    check_help = _run([str(exe), "check", "--help"])
    todos_help = _run([str(exe), "todos", "--help"])
    check_jobs = "--jobs" in check_help
    todos_jobs = "--jobs" in todos_help
    n_jobs = jobs or os.cpu_count() or 1
    cfg = ["--config", str(config)] if config else []
    info["check --jobs"] = f"--jobs {n_jobs}" if check_jobs else "not in the CLI (one process)"
    info["todos --jobs"] = f"--jobs {n_jobs}" if todos_jobs else "not in the CLI (one process)"

    def check_argv(t: Target) -> list[str]:
        extra = ["--jobs", str(n_jobs)] if check_jobs else []
        return [str(exe), "check", *cfg, *extra, *_paths(t)]

    def todos_argv(t: Target) -> list[str]:
        extra = ["--jobs", str(n_jobs)] if todos_jobs else []
        return [str(exe), "todos", *cfg, "--format", "json", "--today", TODAY, *extra, *_paths(t)]

    crash = "Traceback (most recent call last):"
    seen = {"NOTES_LINT_CACHE_DIR": str(cache_root / "seen")}
    new_dir = cache_root / "new"
    new = {"NOTES_LINT_CACHE_DIR": str(new_dir)}

    def forget_notes() -> None:
        """Empty the parsed-note table, as a cache that has seen none of these notes."""
        import sqlite3

        path = new_dir / "notes.sqlite3"
        if path.exists():
            with sqlite3.connect(path) as db:
                db.execute("DELETE FROM notes")
            db.close()

    info["cache"] = (
        "check/todos: notes parsed by an untimed run first (an archive seen before); "
        "check-new: parsed-note table emptied before every run (every note new)"
    )
    label = "notes-lint check"
    return [
        Tool(
            "check",
            f"{label} (seen)",
            True,
            version,
            check_argv,
            env=seen,
            prime=True,
            crash_marker=crash,
        ),
        Tool(
            "check-new",
            f"{label} (new)",
            True,
            version,
            check_argv,
            env=new,
            before_run=forget_notes,
            crash_marker=crash,
        ),
        Tool(
            "todos",
            "notes-lint todos (seen)",
            True,
            version,
            todos_argv,
            env=seen,
            prime=True,
            crash_marker=crash,
        ),
    ], info


# -- markdownlint-cli2 (npm) -------------------------------------------------


def _node_version(node: str) -> str:
    return _run([node, "--version"]).lstrip("v")


def find_node(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    local = TOOLS_DIR / "npm" / "node_modules" / ".bin" / "node"
    if local.exists():
        return str(local)
    return shutil.which("node")


def find_markdownlint_cli2() -> Path | None:
    local = TOOLS_DIR / "npm" / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
    if local.exists():
        return local
    found = shutil.which("markdownlint-cli2")
    return Path(found).resolve() if found else None


def markdownlint_tool(node: str | None) -> tuple[Tool | None, dict[str, str]]:
    info: dict[str, str] = {}
    script = find_markdownlint_cli2()
    if script is None:
        return None, {"markdownlint-cli2": "absent (run benchmarks/setup.sh)"}
    if node is None:
        return None, {"markdownlint-cli2": f"found at {script} but no node to run it"}
    pkg_dir = script.parent
    version = "?"
    engines = ""
    lib = ""
    try:
        pkg = json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))
        version = str(pkg.get("version", "?"))
        engines = str(pkg.get("engines", {}).get("node", ""))
        lib_pkg = pkg_dir.parent / "markdownlint" / "package.json"
        if not lib_pkg.exists():
            lib_pkg = pkg_dir / "node_modules" / "markdownlint" / "package.json"
        if lib_pkg.exists():
            lib = str(json.loads(lib_pkg.read_text(encoding="utf-8")).get("version", ""))
    except (OSError, ValueError):
        pass
    node_version = _node_version(node)
    info["node"] = f"{node_version} ({node})"
    m = re.match(r">=\s*(\d+)", engines)
    major = int(node_version.split(".")[0]) if node_version[:1].isdigit() else 0
    notes: list[str] = []
    if m and major and major < int(m.group(1)):
        notes.append(f"runs on Node {node_version}, below its engines requirement {engines}")

    def argv(t: Target) -> list[str]:
        if t.folder:
            return [node, str(script), f"{t.folder}/**/*.md"]
        # A leading ':' makes markdownlint-cli2 take the path literally (no glob).
        return [node, str(script), *(f":{f}" for f in t.files)]

    label_version = version + (f" (markdownlint {lib})" if lib else "")
    tool = Tool(
        "markdownlint-cli2",
        "markdownlint-cli2",
        False,
        f"{label_version}, Node {node_version}",
        argv,
        notes=notes,
    )
    return tool, info


# -- Python peers ------------------------------------------------------------


def _venv_or_path(name: str) -> Path | None:
    local = TOOLS_DIR / "venv" / "bin" / name
    if local.exists():
        return local
    found = shutil.which(name)
    return Path(found) if found else None


def pymarkdown_tool() -> Tool | None:
    exe = _venv_or_path("pymarkdown")
    if exe is None:
        return None
    version = _run([str(exe), "version"]) or "?"

    def argv(t: Target) -> list[str]:
        if t.folder:
            return [str(exe), "scan", "-r", t.folder]
        return [str(exe), "scan", *t.files]

    return Tool(
        "pymarkdown", "PyMarkdown", False, version, argv, crash_marker="Traceback (most recent"
    )


def mdformat_tool() -> Tool | None:
    exe = _venv_or_path("mdformat")
    if exe is None:
        return None
    version = _run([str(exe), "--version"]).removeprefix("mdformat ").strip() or "?"

    def argv(t: Target) -> list[str]:
        return [str(exe), "--check", *_paths(t)]

    return Tool(
        "mdformat", "mdformat --check", False, version, argv, crash_marker="Traceback (most recent"
    )
