"""Issue 18: the repository a write belongs to is found from the path as written.

Two git repositories side by side, ``a`` (the one run in) and ``b``.  A linked folder
in ``a`` that leads into ``b`` (``a/out -> ../b/dir``) must not make ``b`` the
repository of the write: every writer (``new --output``, ``report --output``,
``check --output-file``, ``init``, ``check --fix``) refuses it, exit 2 (``--fix``:
the note named, exit 1), and writes nothing in ``b``.  A linked folder that stays in
``a`` and a plain folder are written (``notes_lint.atomic.write_root``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

TODAY = "2021-09-20"
CONFIG = "extends: sklearn-weekly\npeople:\n  Guillaume: glemaitre\n"
NOTE_NAME = "2021-09-14.md"
# NL108 (a level-4 section heading) is fixable: --fix has something to write.
NOTE = (
    "## 2021-09-14\n\n#### Discussion\n\n- talk\n\n### TODO / Next\n\n- Book a room (Guillaume)\n"
)


def _repository(folder: Path) -> Path:
    folder.mkdir(parents=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "--quiet", str(folder)], check=True)
    else:
        (folder / ".git").mkdir()  # how notes-lint finds a work tree
    return folder


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """``a`` (config, ``notes/``, ``inner/`` with a note each; ``out -> ../b/dir``,
    ``linkin -> inner``, ``whole -> ../b``) and ``b`` (``dir/`` with a note)."""
    a = _repository(tmp_path / "a")
    b = _repository(tmp_path / "b")
    (a / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    for folder in (a / "notes", a / "inner", b / "dir"):
        folder.mkdir()
        (folder / NOTE_NAME).write_text(NOTE, encoding="utf-8")
    (a / "out").symlink_to(Path("..") / "b" / "dir")
    (a / "linkin").symlink_to("inner")
    (a / "whole").symlink_to(Path("..") / "b")
    return a, b


def _b_files(b: Path) -> list[str]:
    return sorted(str(path.relative_to(b)) for path in b.rglob("*") if ".git" not in path.parts)


def _writer(name: str, folder: str) -> tuple[tuple[str, ...], str]:
    """The command line writing into ``folder`` (relative to ``a``), and the file written."""
    if name == "new":
        return ("new", "--today", TODAY, "--output", f"{folder}/n.md", "notes"), f"{folder}/n.md"
    if name == "report":
        return ("report", "--today", TODAY, "--output", f"{folder}/r.html", "notes"), (
            f"{folder}/r.html"
        )
    if name == "check --output-file":
        return ("check", "--no-cache", "--output-file", f"{folder}/o.txt", "notes"), (
            f"{folder}/o.txt"
        )
    return ("init", "--force", folder), f"{folder}/.notes-lint.yaml"


WRITERS = ("new", "report", "check --output-file", "init")


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("folder", ["out", "whole/dir", "out/../dir"])
def test_a_linked_folder_into_another_repository_is_refused(
    pair: tuple[Path, Path], writer: str, folder: str
) -> None:
    """``whole`` links to the other repository's root (its ``.git`` seen through the
    link); ``out/..`` is ``b`` to the system, not ``a``: both are refused alike."""
    a, b = pair
    before = _b_files(b)
    command, written = _writer(writer, folder)
    result = run_cli(*command, cwd=a)
    assert result.returncode == 2, result.stdout + result.stderr
    resolved = os.path.realpath(a / written)
    assert Path(resolved).is_relative_to(b.resolve())
    assert result.stderr.splitlines()[-1] == (
        f"notes-lint: {written}: cannot write: it resolves to {resolved},"
        " outside the repository; not written"
    )
    assert _b_files(b) == before


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("folder", ["linkin", "inner", "made/here"])
def test_a_linked_folder_inside_the_repository_and_a_plain_one_are_written(
    pair: tuple[Path, Path], writer: str, folder: str
) -> None:
    a, b = pair
    if writer == "init" and folder == "made/here":
        folder = "notes"  # init writes into a folder of notes that exists
    command, written = _writer(writer, folder)
    result = run_cli(*command, cwd=a)
    assert result.returncode in (0, 1), result.stderr  # check: 1, the notes' findings
    assert "cannot write" not in result.stderr
    assert (a / written).is_file()
    assert Path(os.path.realpath(a / written)).is_relative_to(a.resolve())
    assert _b_files(b) == ["dir", f"dir/{NOTE_NAME}"]


@pytest.mark.parametrize(
    ("folder", "fixed"), [("out", False), ("whole/dir", False), ("linkin", True), ("inner", True)]
)
def test_fix_writes_only_notes_that_resolve_inside_the_repository(
    pair: tuple[Path, Path], folder: str, fixed: bool
) -> None:
    a, b = pair
    note = a / folder / NOTE_NAME
    result = run_cli(
        "check", "--no-cache", "--config", ".notes-lint.yaml", "--fix", f"{folder}/{NOTE_NAME}",
        cwd=a,
    )  # fmt: skip
    assert result.returncode == (0 if fixed else 1), result.stdout + result.stderr
    text = note.read_text(encoding="utf-8")
    assert ("\n### Discussion\n" in text) is fixed
    if not fixed:
        assert (
            f"notes-lint: {folder}/{NOTE_NAME}: not fixed: it resolves to"
            f" {os.path.realpath(note)}, outside the repository"
        ) in result.stderr.splitlines()
        assert (b / "dir" / NOTE_NAME).read_text(encoding="utf-8") == NOTE


def test_a_link_to_the_repository_itself_is_the_repository(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """A path written through a link to the repository (``alias -> a``) from outside it
    is in that repository: written."""
    a, _b = pair
    (tmp_path / "alias").symlink_to(a)
    target = tmp_path / "alias" / "inner" / "r.html"
    result = run_cli(
        "report", "--today", TODAY, "--output", str(target), str(a / "notes"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert (a / "inner" / "r.html").is_file()
