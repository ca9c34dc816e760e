"""The checkout as a user gets it: a wheel, installed (not editable) into a fresh venv.

The wheel is built once per module from the working tree, installed into a new
virtual environment whose dependencies come from the package index, and the
venv's ``notes-lint`` then checks a small notes folder of its own that lives
outside the repository. Nothing here imports the checkout's ``notes_lint``: every
check goes through the installed console script or the venv's interpreter.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""
INSTALL_TIMEOUT = 900  # seconds: pip resolves and downloads the dependencies

# path:line:col: CODE message, as ruff and flake8 print them.
DIAGNOSTIC = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>NL\d{3}) \S")
SUMMARY = re.compile(
    r"^\d+ errors?, \d+ warnings? in \d+ files?(; \[\*\] \d+ fixable with --fix)?$"
)

# Environment variables that would let the venv see the checkout or another install.
_LEAKY = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV", "PIP_USER"}

CONFIG = """\
# A team's config, as a user writes it.
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Ana: ana-gh
  Bruno: bruno-gh
  Chen: null
"""

GOOD = "notes/2024/2024-05-07.md"
GOOD_NOTE = """\
## May 7th, 2024

### Ana

- Reviewed [#12](https://github.com/acme/widgets/pull/12)

### Bruno

- Fixed the docs build

### Discussion

- Release 2.0 next week

### TODO / Next

- Write the release notes (Ana)
- (Bruno):
    - Update the changelog
    - Tag the release
- Chen: book the room
"""

BAD = "notes/2024/2024-05-14.md"
BAD_NOTE = """\
## May 15th, 2024

### Ana

- Merged https://github.com/acme/widgets/pull/12

### Bruna

- Read the [design doc](http://docs.example.org/design)

### Discussion

- Release next week? See [the plan][plan]

### TODO / Next

- Write the release notes
- Update the changelog (Brunoo)
- Chen: tag the release
"""

UNDATED = "notes/2024/2024-05-21.md"
UNDATED_NOTE = """\
# Weekly meeting

### Ana

- Nothing to report

### Discussion

- Quiet week

### Discussion

- Forgot something

### TODO / Next

- Ana: write the minutes
"""

BINARY = "notes/2024/2024-05-28.md"
BINARY_NOTE = b"## May 28th, 2024\n\n### Ana\n\n- caf\xe9 \xff\n"

WARNED = "notes/2024/2024-06-04.md"
WARNED_NOTE = """\
## June 4th, 2024

### Chen

- Slides: https://example.org/slides.pdf

### Discussion

- Nothing new

### TODO / Next

- (Chen) share the slides
"""

README = "# Our meeting notes\n\nNot a note: no date, http://example.org/plain and no sections.\n"

EXPECTED = {
    (BAD, 1, "NL102"),  # dated May 15th in a file named 2024-05-14
    (BAD, 5, "NL201"),  # bare URL (a warning in sklearn-weekly)
    (BAD, 7, "NL109"),  # 'Bruna' is not in the roster
    (BAD, 9, "NL204"),  # http://
    (BAD, 13, "NL208"),  # [plan] is not defined
    (BAD, 17, "NL301"),  # a TODO without an owner
    (BAD, 18, "NL302"),  # owner 'Brunoo' is not in the roster
    (UNDATED, 1, "NL101"),  # no date heading
    (UNDATED, 11, "NL106"),  # Discussion again
    (BINARY, 5, "NL901"),  # not UTF-8, at the offending byte's line
    (WARNED, 5, "NL201"),  # bare URL: a warning only
}
WARNINGS = {"NL201"}


@dataclass(frozen=True)
class Venv:
    root: Path
    python: Path
    notes_lint: Path
    site_packages: Path
    schema_files: frozenset[str]  # schema/ of the checkout when the wheel was built
    wheel: Path


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _LEAKY}
    env["NO_COLOR"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _run(
    cmd: list[str | Path], cwd: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in cmd],
        cwd=cwd,
        env={**_env(), **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def _must(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        pytest.fail(
            f"{what} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def _diagnostics(stdout: str) -> set[tuple[str, int, str]]:
    """(path, line, code) of each line of text output; any other line fails the test."""
    found: set[tuple[str, int, str]] = set()
    for line in stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        assert match, f"not a 'path:line:col: CODE message' line: {line!r}"
        assert int(match["col"]) >= 1, line
        found.add((match["path"], int(match["line"]), match["code"]))
    return found


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """A fresh venv holding the wheel built from the checkout, and its dependencies."""
    base = tmp_path_factory.mktemp("install")
    wheelhouse = base / "wheelhouse"
    schema_files = frozenset(
        p.relative_to(ROOT / "schema").as_posix()
        for p in (ROOT / "schema").rglob("*")
        if p.is_file()
    )
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheelhouse, ROOT],
        cwd=base,
        timeout=INSTALL_TIMEOUT,
    )
    _must(built, "building the wheel of the checkout")
    wheels = sorted(wheelhouse.glob("notes_lint-*.whl"))
    assert len(wheels) == 1, f"expected one notes_lint wheel, got {wheels}"

    root = base / "venv"
    _must(_run([sys.executable, "-m", "venv", root], cwd=base), "creating the venv")
    python = root / BIN / f"python{EXE}"
    installed = _run(
        [python, "-m", "pip", "install", "--no-input", "--quiet", wheels[0]],
        cwd=base,
        timeout=INSTALL_TIMEOUT,
    )
    _must(installed, "installing the wheel into the venv")
    where = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base)
    _must(where, "asking the venv for its site-packages")
    return Venv(
        root=root,
        python=python,
        notes_lint=root / BIN / f"notes-lint{EXE}",
        site_packages=Path(where.stdout.strip()).resolve(),
        schema_files=schema_files,
        wheel=wheels[0],
    )


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A team's notes folder outside the repository: a config, notes, a README."""
    folder = tmp_path_factory.mktemp("team").resolve()
    assert not folder.is_relative_to(ROOT), f"{folder} must not be inside the checkout {ROOT}"
    (folder / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "README.md").write_text(README, encoding="utf-8")
    for name, text in [(GOOD, GOOD_NOTE), (BAD, BAD_NOTE), (UNDATED, UNDATED_NOTE)]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / WARNED).write_text(WARNED_NOTE, encoding="utf-8")
    (folder / BINARY).write_bytes(BINARY_NOTE)
    return folder


def test_the_package_comes_from_site_packages(venv: Venv, team: Path) -> None:
    probe = _run(
        [
            venv.python,
            "-c",
            "import json, notes_lint, notes_lint.resources as r;"
            "print(json.dumps([notes_lint.__file__, str(r.schema_dir()), r.preset_names()]))",
        ],
        cwd=team,
    )
    _must(probe, "importing notes_lint in the venv")
    package_file, schema_dir, presets = json.loads(probe.stdout)
    for path in (Path(package_file).resolve(), Path(schema_dir).resolve()):
        assert path.is_relative_to(venv.site_packages), f"{path} is not in {venv.site_packages}"
        assert not path.is_relative_to(ROOT), f"{path} is the checkout, not the installed copy"
    assert Path(schema_dir).resolve() == venv.site_packages / "notes_lint" / "schema"
    assert {"generic", "hackmd", "sklearn-weekly"} <= set(presets)


def test_the_wheel_ships_every_schema_and_preset(venv: Venv) -> None:
    installed = venv.site_packages / "notes_lint" / "schema"
    assert (installed / "config.schema.json").is_file()
    assert sorted(p.name for p in (installed / "presets").glob("*.yaml")) == [
        "generic.yaml",
        "hackmd.yaml",
        "sklearn-weekly.yaml",
    ]
    shipped = {p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file()}
    assert venv.schema_files <= shipped, (
        f"missing from the wheel: {sorted(venv.schema_files - shipped)}"
    )


def test_version(venv: Venv, team: Path) -> None:
    expected = f"notes-lint {_project_version()}"
    by_module = _run([venv.python, "-m", "notes_lint", "--version"], cwd=team)
    assert (by_module.returncode, by_module.stdout.strip()) == (0, expected), by_module.stderr
    by_script = _run([venv.notes_lint, "--version"], cwd=team)
    assert (by_script.returncode, by_script.stdout.strip()) == (0, expected), by_script.stderr


def test_a_reinstall_of_the_same_code_finds_the_notes_it_parsed(
    venv: Venv, team: Path, tmp_path: Path
) -> None:
    """Every CI job installs notes-lint afresh: its cache must outlive the install."""
    cache = tmp_path / "cache"

    def stored() -> int:
        with sqlite3.connect(cache / "notes.sqlite3") as db:
            (count,) = db.execute("SELECT count(*) FROM notes").fetchone()
        db.close()
        return int(count)

    first = _run([venv.notes_lint, "check"], cwd=team, NOTES_LINT_CACHE_DIR=str(cache))
    assert first.returncode == 1, first.stderr
    parsed = stored()
    assert parsed >= 2
    module = venv.site_packages / "notes_lint" / "parse.py"
    installed_at = module.stat().st_mtime_ns
    again: list[str | Path] = [venv.python, "-m", "pip", "install", "--quiet", "--no-deps"]
    again.append("--force-reinstall")
    _must(_run([*again, venv.wheel], cwd=tmp_path, timeout=INSTALL_TIMEOUT), "reinstalling")
    assert module.stat().st_mtime_ns != installed_at  # the modules are new files
    second = _run([venv.notes_lint, "check"], cwd=team, NOTES_LINT_CACHE_DIR=str(cache))
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert stored() == parsed  # every note found by its key: none parsed and stored again


def test_check_reports_exactly_the_planted_mistakes(venv: Venv, team: Path) -> None:
    result = _run([venv.notes_lint, "check"], cwd=team)
    assert result.returncode == 1, result.stdout + result.stderr
    assert _diagnostics(result.stdout) == EXPECTED
    assert "Traceback" not in result.stderr
    summary = result.stderr.strip().splitlines()
    assert summary and SUMMARY.match(summary[-1]), result.stderr
    # Sorted by path, then line.
    keys = [
        (m["path"], int(m["line"])) for m in map(DIAGNOSTIC.match, result.stdout.splitlines()) if m
    ]
    assert keys == sorted(keys)


def test_check_json_agrees_with_text(venv: Venv, team: Path) -> None:
    result = _run([venv.python, "-m", "notes_lint", "check", "--format", "json"], cwd=team)
    assert result.returncode == 1, result.stderr
    items = json.loads(result.stdout)
    assert {(item["path"], item["line"], item["code"]) for item in items} == EXPECTED
    for item in items:
        expected = "warning" if item["code"] in WARNINGS else "error"
        assert item["severity"] == expected, item


def test_paths_as_pre_commit_passes_them(venv: Venv, team: Path) -> None:
    """Every Markdown file of a commit, relative to the root: the README is skipped silently."""
    result = _run([venv.notes_lint, "check", "README.md", GOOD, BAD], cwd=team)
    assert result.returncode == 1, result.stderr
    assert _diagnostics(result.stdout) == {found for found in EXPECTED if found[0] == BAD}
    assert "README" not in result.stdout + result.stderr


def test_clean_note_exits_0(venv: Venv, team: Path) -> None:
    result = _run([venv.notes_lint, "check", "README.md", GOOD], cwd=team)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_warnings_alone_exit_0(venv: Venv, team: Path) -> None:
    result = _run([venv.notes_lint, "check", WARNED], cwd=team)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _diagnostics(result.stdout) == {(WARNED, 5, "NL201")}


def test_misspelled_config_key_exits_2(venv: Venv, tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\nsections:\n  levle: 3\n", encoding="utf-8"
    )
    (tmp_path / "2024-05-07.md").write_text(GOOD_NOTE, encoding="utf-8")
    result = _run([venv.notes_lint, "check"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = [line.strip() for line in result.stderr.splitlines() if "levle" in line]
    assert len(lines) == 1, result.stderr
    assert "sections.levle" in lines[0], result.stderr
    assert "did you mean 'level'?" in lines[0], result.stderr


def test_unknown_preset_exits_2(venv: Venv, tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekyl\n", encoding="utf-8")
    result = _run([venv.notes_lint, "check"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "sklearn-weekyl" in result.stderr
    assert "sklearn-weekly" in result.stderr.replace("sklearn-weekyl", "")


# What the sdist may hold at its top level: the include list of pyproject.toml, and
# what hatchling always adds.
SDIST_TOP = {
    "notes_lint",
    "schema",
    "tests",
    "examples",
    "README.md",
    ".pre-commit-hooks.yaml",
    "pyproject.toml",
    "PKG-INFO",
    ".gitignore",
}


def test_sdist_builds_a_complete_wheel(tmp_path: Path) -> None:
    """``python -m build``: the sdist holds the project and no strays; its wheel has the schemas."""
    pytest.importorskip("build", reason="'build' is a dev dependency: pip install -e '.[dev]'")
    built = _run(
        [sys.executable, "-m", "build", "--outdir", tmp_path, ROOT], tmp_path, INSTALL_TIMEOUT
    )
    _must(built, "python -m build")
    (sdist,) = tmp_path.glob("notes_lint-*.tar.gz")
    (wheel,) = tmp_path.glob("notes_lint-*.whl")
    with tarfile.open(sdist) as archive:
        members = [Path(name).parts[1:] for name in archive.getnames()]
    strays = sorted("/".join(parts) for parts in members if parts and parts[0] not in SDIST_TOP)
    assert not strays, f"unexpected files in the sdist: {strays[:20]}"
    assert ("schema", "config.schema.json") in members
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "notes_lint/schema/config.schema.json" in names
    for preset in ("generic", "hackmd", "sklearn-weekly"):
        assert f"notes_lint/schema/presets/{preset}.yaml" in names
    assert not any(name.startswith(("schema/", "tests/", "examples/")) for name in names)


def test_report_renders_from_the_installed_wheel(venv: Venv, team: Path, tmp_path: Path) -> None:
    """The page's template and Jinja2 come with the wheel: `report` works from the venv."""
    output = tmp_path / "report.html"
    result = _run([venv.notes_lint, "report", "--today", "2024-05-20", "--output", output], team)
    _must(result, "notes-lint report")
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Write the release notes" in html
    assert html.count("<tr data-entry-id=") >= 4
