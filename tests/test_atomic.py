"""notes_lint.atomic: the one atomic write, and every command that writes a file using it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint import cache
from notes_lint.atomic import TargetExists, WriteError, write_atomic
from notes_lint.errors import UsageError

NOTE = """# Team meeting 2024-04-02

## Attendees

- Ana

## Notes

See https://example.com/plan for the plan.
"""


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new"


def test_a_new_file_gets_the_umask_bits_not_the_temporary_files(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_keep_mode_false_leaves_the_file_private(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o644)
    write_atomic(target, "[]", keep_mode=False, durable=False)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=2000) | st.text(max_size=500))
def test_the_content_is_exact(tmp_path_factory: pytest.TempPathFactory, data: bytes | str) -> None:
    folder = tmp_path_factory.mktemp("exact")
    target = folder / "out.md"
    target.write_bytes(b"previous content")
    write_atomic(target, data)
    want = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if isinstance(data, str) and any("\ud800" <= c <= "\udfff" for c in data):
        assert target.read_bytes().decode("utf-8")  # lone surrogates written as text
    else:
        assert target.read_bytes() == want
    assert _entries(folder) == ["out.md"]


def test_a_failed_rename_removes_the_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "page.html"  # a folder where the file should be: rename fails
    folder.mkdir()
    (folder / "inside").write_text("kept", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        write_atomic(folder, "data")
    assert str(caught.value).startswith(f"{folder}: cannot write: ")
    assert _entries(tmp_path) == ["page.html"] and _entries(folder) == ["inside"]


def test_a_folder_that_is_a_file_is_a_clear_error_even_for_root(tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(WriteError) as caught:
        write_atomic(blocker / "page.html", "data")
    assert isinstance(caught.value, UsageError)  # the CLI's exit-2 path
    assert str(caught.value) == f"{blocker / 'page.html'}: cannot write: Not a directory"
    assert caught.value.reason == "Not a directory"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.txt"
    write_atomic(target, "deep")
    assert target.read_text(encoding="utf-8") == "deep"
    assert _entries(target.parent) == ["c.txt"]


def test_replace_false_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(TargetExists):
        write_atomic(target, "theirs", replace=False)
    dangling = tmp_path / "link.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(TargetExists):
        write_atomic(dangling, "theirs", replace=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert _entries(tmp_path) == ["link.md", "note.md"]


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o604)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o604


def test_fix_keeps_the_notes_mode(tmp_path: Path) -> None:
    note = tmp_path / "2024-04-02.md"
    note.write_text(NOTE, encoding="utf-8")
    note.chmod(0o640)
    result = run_cli("check", "--fix", "--select", "NL201", "2024-04-02.md", cwd=tmp_path)
    assert "<https://example.com/plan>" in note.read_text(encoding="utf-8"), result.stderr
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert _entries(tmp_path) == ["2024-04-02.md"]


def test_report_into_a_file_instead_of_a_folder_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "2024-04-02.md").write_text(NOTE, encoding="utf-8")
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    result = run_cli("report", "--output", "out/report.html", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "notes-lint: out/report.html: cannot write: Not a directory"
    ]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file"


def test_a_cache_that_cannot_be_written_is_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NOTES_LINT_CACHE_DIR", str(blocker))
    cache.write_json("kind", "key", {"a": 1})  # no exception
    monkeypatch.setenv("NOTES_LINT_CACHE_DIR", str(tmp_path / "ok"))
    cache.write_json("kind", "key", {"a": 1})
    assert cache.read_json("kind", "key") == {"a": 1}
    assert _entries(tmp_path / "ok" / "kind") == ["key.json"]
