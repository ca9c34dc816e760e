"""Writes, unreadable paths and output (issue 18, a reviewer's findings; SECURITY.md).

- Every writer (``report``, ``init``, ``new --output``, ``check --output-file``,
  ``check --fix``) refuses a target inside the repository that a symbolic link
  leads out of, and makes no folder there (``notes_lint.atomic``).
- An unreadable folder is skipped with one warning line; an unreadable note is NL901.
- A file where a folder should be is ``Not a directory`` for every writer; a full
  standard output is one line, exit 2.
- Loopback hosts as a browser reads them (NL203/NL204), the ``todos`` table by display
  width, a line break in a Markdown table cell.
"""

from __future__ import annotations

import ipaddress
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st

from notes_lint import urls

TODAY = "2024-06-05"
CONFIG = "extends: sklearn-weekly\npeople:\n  Ann: ann\n"


def note(date: str, *lines: str) -> str:
    items = "\n".join(lines) or "- talk"
    return f"## {date}\n\n### Discussion\n\n{items}\n\n### TODO / Next\n\n- Book a room (Ann)\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A notes repository (``.git`` marks its root) and, beside it, a file to protect."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "notes" / "2024-06-01.md").write_text(note("2024-06-01"), encoding="utf-8")
    (tmp_path / "victim.txt").write_text("victim\n", encoding="utf-8")
    return root


# 1. Writers and links out of the repository


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--today", TODAY, "--output", "out.html"),
        ("check", "--output-file", "out.html"),
    ],
)
def test_a_writer_refuses_a_link_leading_out_of_the_repository(
    repo: Path, command: tuple[str, ...]
) -> None:
    victim = repo.parent / "victim.txt"
    (repo / "out.html").symlink_to(victim)
    result = run_cli(*command, cwd=repo)
    assert result.returncode == 2, result.stderr
    assert victim.read_text(encoding="utf-8") == "victim\n"
    assert result.stderr.strip().splitlines()[-1] == (
        f"notes-lint: out.html: cannot write: it is a link to {victim.resolve()},"
        " outside the repository; not written"
    )


def test_init_force_makes_no_folder_outside_through_a_dangling_link(repo: Path) -> None:
    (repo / ".notes-lint.yaml").unlink()
    outside = repo.parent / "nonexist"
    (repo / ".notes-lint.yaml").symlink_to(outside / "cfg.yaml")
    result = run_cli("init", "--force", cwd=repo)
    assert result.returncode == 2
    assert "outside the repository; not written" in result.stderr.splitlines()[-1]
    assert not outside.exists()


def test_new_output_makes_no_folder_through_a_linked_folder(repo: Path) -> None:
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (repo / "drafts").symlink_to(outside)
    result = run_cli("new", "--today", TODAY, "--output", "drafts/sub/n.md", cwd=repo)
    assert result.returncode == 2
    assert "resolves to" in result.stderr and not (outside / "sub").exists()


def test_a_path_outside_the_repository_as_written_is_the_users_choice(repo: Path) -> None:
    target = repo.parent / "site" / "report.html"
    result = run_cli("report", "--today", TODAY, "--output", str(target), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_link_that_stays_inside_is_written_through(repo: Path) -> None:
    (repo / "site").mkdir()
    (repo / "notes-report.html").symlink_to(repo / "site" / "index.html")
    result = run_cli("report", "--today", TODAY, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (repo / "notes-report.html").is_symlink()
    assert (repo / "site" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


# 2. Unreadable folders and notes


def _unreadable_folder(tmp_path: Path) -> Path:
    """A folder this process may not search: ``chmod 000`` for a user, ``/proc/1/cwd``
    for root (to whom the mode bits do not apply)."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked-folder"
        (folder / "inner").mkdir(parents=True)
        folder.chmod(0)
        return folder
    probe = Path("/proc/1/cwd")
    try:
        os.listdir(probe)
    except PermissionError:
        return probe
    except OSError:
        pass
    pytest.skip("no folder here that this process cannot read")


@pytest.fixture
def locked(repo: Path, tmp_path: Path) -> Iterator[Path]:
    folder = _unreadable_folder(tmp_path)
    (repo / "notes" / "locked").symlink_to(folder)
    (repo / "notes" / "2024-06-03.md").symlink_to(folder / "x.md")
    yield folder
    if folder.is_relative_to(tmp_path):
        folder.chmod(0o755)


@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("check", "--fix"),  # looks for the notes twice: still one warning
        ("check", "--show-files"),
        ("todos", "--today", TODAY),
        ("new", "--today", TODAY),
        ("report", "--today", TODAY),
        ("init", "--dry-run"),
        ("sync", "--offline", "--repo", "acme/notes", "--today", TODAY),
    ],
)
def test_an_unreadable_folder_is_skipped_with_one_warning(
    repo: Path, locked: Path, command: tuple[str, ...]
) -> None:
    result = run_cli(*command, cwd=repo)
    assert "internal error" not in result.stderr and "failed" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    warnings = [line for line in result.stderr.splitlines() if "notes/locked" in line]
    assert warnings == ["notes-lint: skipped notes/locked: cannot read: Permission denied"]


def test_an_unreadable_note_is_nl901_and_the_others_are_checked(repo: Path, locked: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=repo)
    assert result.returncode == 1, result.stderr
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)}
    assert ("notes/2024-06-03.md", "NL901") in found
    shown = run_cli("check", "--show-files", cwd=repo).stdout.splitlines()
    assert shown == ["notes/2024-06-01.md", "notes/2024-06-03.md"]
    named = run_cli("check", "notes/2024-06-03.md", cwd=repo)
    assert named.returncode == 1 and "NL901 cannot read file: Permission denied" in named.stdout
    dump = run_cli("dump", "notes/2024-06-03.md", cwd=repo)
    assert dump.returncode == 1 and "NL901" in dump.stderr


# 3. Write errors


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--output-file"),
        ("report", "--today", TODAY, "--output"),
        ("new", "--today", TODAY, "--output"),
    ],
)
def test_a_file_where_a_folder_should_be_is_not_a_directory(
    repo: Path, command: tuple[str, ...]
) -> None:
    (repo / "afile").write_text("", encoding="utf-8")
    result = run_cli(*command, "afile/x/out.txt", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "notes-lint: afile/x/out.txt: cannot write: Not a directory"
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "command",
    [
        ("check", "--format", "json"),
        ("check", "--show-files"),
        ("todos", "--format", "csv"),
        ("todos", "--format", "json"),
        ("todos", "--format", "markdown"),
        ("todos",),
        ("dump", "notes/2024-06-01.md"),
    ],
)
def test_a_full_standard_output_is_one_line_exit_2(repo: Path, command: tuple[str, ...]) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = subprocess.run(
            [sys.executable, "-m", "notes_lint", *command],
            cwd=repo,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "notes-lint: cannot write to standard output: No space left on device"
    )
    assert "Exception ignored" not in result.stderr and "internal error" not in result.stderr


# 5. Loopback hosts, as a browser reads them


def test_loopback_hosts_as_a_browser_reads_them_get_neither_nl203_nor_nl204(repo: Path) -> None:
    loopback = [
        "http://127.0.0.1./",
        "http://localhost./",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]/",
    ]
    private = ["http://0xa000001/", "http://[::ffff:10.0.0.1]/"]
    links = [f"- [site {i}]({url})" for i, url in enumerate(loopback + private)]
    (repo / "notes" / "2024-06-02.md").write_text(note("2024-06-02", *links), encoding="utf-8")
    result = run_cli("check", "--format", "json", "notes/2024-06-02.md", cwd=repo)
    found = {(d["line"], d["code"]) for d in json.loads(result.stdout)}
    first = 5  # the line of the first link
    for offset, _url in enumerate(loopback):
        assert (first + offset, "NL203") not in found and (first + offset, "NL204") not in found
    for offset, _url in enumerate(private, start=len(loopback)):
        assert {(first + offset, "NL203"), (first + offset, "NL204")} <= found


@given(st.integers(0, 2**32 - 1))
def test_ipv4_numbers_are_read_in_every_browser_form(value: int) -> None:
    """WHATWG URL Standard, "IPv4 parser": one number, hex, and dotted forms agree."""
    address = ipaddress.IPv4Address(value)
    a, b, c, d = address.packed
    for host in (
        str(value),
        hex(value),
        f"{a}.{b}.{c}.{d}",
        f"{a}.{b}.{c}.{d}.",
        f"{a}.{(b << 16) + (c << 8) + d}",
        f"{a}.{b}.{(c << 8) + d}",
        f"0x{a:x}.0{b:o}.{c}.{d}",
        f"[::ffff:{address}]",
    ):
        assert urls.ip_address_of(host) == address, host
        assert urls.is_loopback(host) is (a == 127 or value == 0), host


@pytest.mark.parametrize(
    "host", ["256.1.1.1", "1.2.3.4.5", "08.1.1.1", "0x1g.1", "example.com", "foo.127", "1..2"]
)
def test_hosts_that_are_no_ipv4_address(host: str) -> None:
    assert urls.ip_address_of(host) is None


# 7. and 8. The todos table and its Markdown


def test_the_todos_table_is_aligned_by_display_width(repo: Path) -> None:
    wcwidth = pytest.importorskip("wcwidth")
    todos = [
        "会議の議事録を書く (Ann)",
        "🎉 party plan (Ann)",
        "Cafe\u0301 menu (Ann)",
        "漢字" * 40,
    ]
    body = "\n".join(f"- {t}" for t in todos[:-1]) + f"\n- {todos[-1]} (Ann)\n"
    text = f"## 2024-06-04\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n{body}"
    (repo / "notes" / "2024-06-04.md").write_text(text, encoding="utf-8")
    result = run_cli("todos", "--today", TODAY, cwd=repo)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert len(rows) == 6  # the header and five TODOs
    columns = {
        wcwidth.wcswidth(row[: row.index("first seen" if i == 0 else "2024-")])
        for i, row in enumerate(rows)
    }
    assert len(columns) == 1, result.stdout
    cut = next(row for row in rows if "漢字漢字" in row)
    assert "…" in cut and wcwidth.wcswidth(cut.split("…")[0]) <= 2 + 60


def test_a_hard_line_break_in_a_markdown_cell_is_a_space(repo: Path) -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm renders as GitHub does")
    text = (
        "## 2024-06-04\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n"
        "- Ann: line one\\\n  line two in C:\\\\dir and a\\b\n"
    )
    (repo / "notes" / "2024-06-04.md").write_text(text, encoding="utf-8")
    result = run_cli("todos", "--today", TODAY, "--format", "markdown", cwd=repo)
    assert result.returncode == 0, result.stderr
    html = cmarkgfm.github_flavored_markdown_to_html(result.stdout)
    assert "<td>line one line two in C:\\dir and a\\b</td>" in html
