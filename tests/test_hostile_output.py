"""Issue 12, fixes and outputs: ``--fix`` stays inside the repository, ``--diff`` applies,
``fixed N`` counts what was written, file names cannot break any output, and ``new
--output`` leaves no partial file.  Every case is a real CLI run in a temporary repository.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree as ET

import pytest

CONFIG = "extends: sklearn-weekly\npeople:\n  Guillaume: glemaitre\n"
# Two fixable findings (NL108 on line 3, NL201 on line 5) and one that is not (NL204).
NOTE = (
    "## 2021-09-14\n\n#### Discussion\n\n- see https://github.com/a/b/pull/3 now\n"
    "- [docs](http://example.org)\n\n### TODO / Next\n\n- x (Guillaume)\n"
)
FIXED = NOTE.replace("#### Discussion", "### Discussion").replace(
    "see https://github.com/a/b/pull/3", "see [a/b#3](https://github.com/a/b/pull/3)"
)
LEFT = "NL204 insecure link to example.org"  # what check still reports after the fix

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git_repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "--quiet", str(folder)], check=True)
    else:
        (folder / ".git").mkdir()  # how notes-lint finds a work tree
    (folder / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _git_repo(tmp_path / "repo")


def _cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, limit: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The CLI with byte output, stdout encoded strictly (as in a UTF-8 locale, where one
    undecodable byte would crash the run), optionally under a file-size limit."""

    def file_size_limit() -> None:
        if limit is not None:  # Python ignores SIGXFSZ: a write past it fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "notes_lint", *args],
        cwd=cwd,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", **(env or {})},
        preexec_fn=file_size_limit,
    )


def _no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stdout + result.stderr, result.stderr.decode(errors="replace")


# --- --fix stays inside the repository ------------------------------------------------


def test_fix_does_not_follow_a_symlink_out_of_the_repository(tmp_path: Path) -> None:
    repo = _git_repo(tmp_path / "repo")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = outside / "victim.md"
    target.write_text(NOTE, encoding="utf-8")
    (repo / "link.md").symlink_to(target)
    (repo / "own.md").write_text(NOTE, encoding="utf-8")

    results = {}
    for mode in ("--diff", "--fix"):
        result = results[mode] = _cli("check", "--no-cache", mode, cwd=repo)
        _no_traceback(result)
        assert result.returncode == 1
        assert target.read_text(encoding="utf-8") == NOTE  # not a byte written there
        assert os.listdir(outside) == ["victim.md"]  # nor a temporary file
        assert (repo / "link.md").is_symlink()
        refusal, *_rest = result.stderr.decode().splitlines()
        assert refusal.startswith("notes-lint: ") and refusal.endswith(
            "link.md: not fixed: it is a link to "
            f"{outside.resolve() / 'victim.md'}, outside the repository"
        )
    diff = results["--diff"].stdout.decode()
    assert diff.startswith("--- a/own.md\n") and "link.md" not in diff  # the diff leaves it out
    assert results["--diff"].stderr.decode().splitlines()[1] == "would fix 2 findings in 1 file"
    assert (repo / "own.md").read_text(encoding="utf-8") == FIXED
    fixed = results["--fix"]
    assert fixed.stderr.decode().splitlines()[1] == "fixed 2 findings in 1 file"
    report = fixed.stdout.decode()
    assert "link.md:3:1: NL108" in report  # still reported, as check does
    assert "own.md:6:3: " + LEFT in report


def test_fix_writes_a_symlink_inside_the_repository_at_its_target(repo: Path) -> None:
    (repo / "drafts").mkdir()
    target = repo / "drafts" / "real.md"  # one note under two names: fixed once
    target.write_text(NOTE, encoding="utf-8")
    (repo / "note.md").symlink_to(Path("drafts") / "real.md")
    result = _cli("check", "--no-cache", "--fix", cwd=repo)
    _no_traceback(result)
    assert (repo / "note.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED
    assert result.stderr.decode().splitlines()[0] == "fixed 2 findings in 1 file"
    assert sorted(os.listdir(repo / "drafts")) == ["real.md"]


def test_fix_does_not_replace_a_read_only_note_even_as_root(repo: Path) -> None:
    locked = repo / "locked.md"
    locked.write_text(NOTE, encoding="utf-8")
    locked.chmod(0o444)
    (repo / "open.md").write_text(NOTE, encoding="utf-8")
    if os.geteuid() == 0:
        # Root may write anything: only notes-lint's own check stands in the way.
        assert os.access(locked, os.W_OK)
    result = _cli("check", "--no-cache", "--fix", cwd=repo)
    _no_traceback(result)
    assert result.returncode == 1
    assert locked.read_text(encoding="utf-8") == NOTE
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert (repo / "open.md").read_text(encoding="utf-8") == FIXED
    err = result.stderr.decode().splitlines()
    assert err[0] == "notes-lint: locked.md: not fixed: the file is read-only"
    assert err[1] == "fixed 2 findings in 1 file"  # open.md only
    assert "locked.md:3:1: NL108" in result.stdout.decode()


def test_fixed_counts_only_what_was_written(repo: Path) -> None:
    """A write that fails (here past a file-size limit, which binds root too) is not counted."""
    note = repo / "a.md"
    note.write_text(NOTE, encoding="utf-8")
    result = _cli("check", "--no-cache", "--fix", cwd=repo, limit=len(NOTE) // 2)
    _no_traceback(result)
    assert result.returncode == 1
    assert note.read_text(encoding="utf-8") == NOTE
    assert [p for p in os.listdir(repo) if p.startswith(".a.md.")] == []  # no temporary left
    err = result.stderr.decode()
    assert "notes-lint: a.md: cannot write: File too large" in err
    assert "fixed" not in err
    assert "a.md:3:1: NL108" in result.stdout.decode()


# --- --diff is taken by git apply -------------------------------------------------------


def _bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode()


@needs_git
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("old-mac.md", NOTE.replace("\n", "\r").encode()),
        ("bom.md", _bom(NOTE)),
        ("bom-crlf.md", _bom(NOTE.replace("\n", "\r\n"))),
        ("mixed.md", NOTE.replace("\n", "\r", 3).encode()),
        ("tab\tand\nnewline.md", NOTE.encode()),
        ('quote"back\\slash.md', NOTE.encode()),
    ],
)
def test_diff_is_accepted_by_git_apply(tmp_path: Path, name: str, data: bytes) -> None:
    repo, twin = _git_repo(tmp_path / "diffed"), _git_repo(tmp_path / "fixed")
    (repo / name).write_bytes(data)
    (twin / name).write_bytes(data)
    diff = _cli("check", "--no-cache", "--diff", cwd=repo)
    _no_traceback(diff)
    assert diff.returncode == 1 and diff.stdout
    assert (repo / name).read_bytes() == data  # --diff writes nothing
    check = subprocess.run(
        ["git", "apply", "--check", "-"], input=diff.stdout, cwd=repo, capture_output=True
    )
    assert check.returncode == 0, check.stderr.decode()
    subprocess.run(["git", "apply", "-"], input=diff.stdout, cwd=repo, check=True)
    _cli("check", "--no-cache", "--fix", cwd=twin)
    assert (repo / name).read_bytes() == (twin / name).read_bytes() != data


# --- file names cannot break outputs -----------------------------------------------------

HOSTILE_NAMES = [
    b"new\nline.md",
    b"carriage\rreturn.md",
    b"tab\there.md",
    b"not-utf8-\xff\xfe.md",
    b"latin1-caf\xe9.md",
    b"escape-\x1b[31mred.md",
    b"controls-\x01\x0b\x0c.md",
    "separator-\u2028-\u0085.md".encode(),
    b'quote"back\\slash`pipe|.md',
    b"::error file=forged.md::x.md",
]
TEXTS = ["apple", "brick", "cloud", "drum", "eagle", "fjord", "grape", "house", "igloo", "jelly"]
# The ordinary note beside them, whose lines must stay as they are.
PLAIN = "2021-09-30-plain.md"


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """A repository with one note per hostile name (each a distinct TODO and NL204)."""
    repo = _git_repo(tmp_path / "named")
    for index, (name, text) in enumerate(zip(HOSTILE_NAMES, TEXTS, strict=True)):
        body = (
            f"## 2021-09-{10 + index}\n\n### Discussion\n\n- [docs](http://example.org)\n\n"
            f"### TODO / Next\n\n- {text} {text} {text} (Owner{index})\n"
        )
        (repo / os.fsdecode(name)).write_bytes(body.encode())
    (repo / PLAIN).write_text(NOTE.replace("## 2021-09-14", "## 2021-09-30"), encoding="utf-8")
    return repo


def _findings(repo: Path) -> list[dict[str, object]]:
    result = _cli("check", "--no-cache", "--format", "json", cwd=repo)
    _no_traceback(result)
    findings: list[dict[str, object]] = json.loads(result.stdout.decode("utf-8"))
    assert len({f["path"] for f in findings}) == len(HOSTILE_NAMES) + 1
    return findings


def _quoted_or_plain(line: str) -> bool:
    """A line starts with a name in Git's quotes or one without quote, break or control."""
    return re.match(r'("([^"\\]|\\.)*"|[^"\\\s][^"\\]*?):\d+:\d+: NL\d{3} ', line) is not None


def test_text_output_has_one_line_per_finding(named: Path) -> None:
    findings = _findings(named)
    result = _cli("check", "--no-cache", cwd=named)
    _no_traceback(result)
    lines = result.stdout.decode("utf-8").split("\n")
    assert lines[-1] == ""
    assert len(lines[:-1]) == len(findings)
    assert all(_quoted_or_plain(line) and line.isprintable() for line in lines[:-1])
    assert any(x.startswith(f"{PLAIN}:6:3: {LEFT}") for x in lines)  # a plain name, as it is
    assert '"new\\nline.md":5:3: NL204' in result.stdout.decode()
    assert '"not-utf8-\\377\\376.md":5:3: NL204' in result.stdout.decode()


def test_github_output_has_one_command_per_finding(named: Path, tmp_path: Path) -> None:
    findings = _findings(named)
    summary = tmp_path / "summary.md"
    result = _cli(
        "check", "--no-cache", "--format", "github", cwd=named,
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    _no_traceback(result)
    lines = result.stdout.decode("utf-8").split("\n")[:-1]
    assert len(lines) == len(findings)
    assert all(
        re.match(r"::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=NL", x) for x in lines
    )
    assert all(line.replace("\t", " ").isprintable() for line in lines)  # a tab breaks nothing
    assert any(line.startswith("::error file=new%0Aline.md,line=5,") for line in lines)
    rows = [x for x in summary.read_text(encoding="utf-8").split("\n") if x.startswith("| ")]
    assert len(rows) == 1 + len(findings)  # the header, then one row a finding
    assert all(row.replace("\\|", "").count("|") == 5 and row.isprintable() for row in rows)


def test_json_sarif_and_junit_stay_valid(named: Path) -> None:
    findings = _findings(named)
    paths = {str(f["path"]) for f in findings}
    assert "new\nline.md" in paths and "not-utf8-\\xff\\xfe.md" in paths  # exact, or escaped

    sarif = _cli("check", "--no-cache", "--format", "sarif", cwd=named)
    _no_traceback(sarif)
    log = json.loads(sarif.stdout.decode("utf-8"))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert len(uris) == len(findings)
    assert all(re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri) for uri in uris)
    on_disk = {os.fsencode(p.name) for p in named.iterdir() if p.suffix == ".md"}
    assert {unquote_to_bytes(uri) for uri in uris} == on_disk  # each names its file's bytes

    junit = _cli("check", "--no-cache", "--format", "junit", cwd=named)
    _no_traceback(junit)
    root = ET.fromstring(junit.stdout)  # well-formed, or this raises
    cases = root.findall(".//testcase")
    assert len(cases) == len(HOSTILE_NAMES) + 1
    assert len(root.findall(".//failure")) == sum(f["severity"] == "error" for f in findings)


Check = Callable[[str], None]


def _table(out: str) -> None:
    owners = [line for line in out.split("\n") if line and not line.startswith(" ")]
    assert len(owners) == len(TEXTS)  # one header line per owner, nothing forged
    assert all(line.isprintable() for line in out.split("\n"))


def _markdown(out: str) -> None:
    rows = [line for line in out.split("\n") if line.startswith("|")]
    assert len(rows) == 3 * len(TEXTS)
    assert all(line.isprintable() for line in out.split("\n"))
    assert all(line.endswith("|") and line.replace("\\|", "").count("|") == 8 for line in rows)


def _csv(out: str) -> None:
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + len(TEXTS)
    paths = {row[9] for row in rows[1:]}
    assert "new\nline.md" in paths and "not-utf8-\\xff\\xfe.md" in paths


def _json(out: str) -> None:
    entries = json.loads(out)["entries"]
    paths = {o["path"] for e in entries for o in e["occurrences"]}
    assert "new\nline.md" in paths and "not-utf8-\\xff\\xfe.md" in paths


@pytest.mark.parametrize(
    ("fmt", "check"), [("table", _table), ("markdown", _markdown), ("csv", _csv), ("json", _json)]
)
def test_todo_formats_stay_valid(named: Path, fmt: str, check: Check) -> None:
    (named / PLAIN).unlink()  # its TODO has no owner tag to count by
    result = _cli("todos", "--no-cache", "--format", fmt, cwd=named)
    _no_traceback(result)
    assert result.returncode == 0, result.stderr
    check(result.stdout.decode("utf-8"))


def test_explain_and_the_html_report_stay_valid(named: Path) -> None:
    entries = json.loads(_cli("todos", "--no-cache", "--format", "json", cwd=named).stdout)
    for entry in entries["entries"]:
        explain = _cli("todos", "--no-cache", "--explain", entry["id"], cwd=named)
        _no_traceback(explain)
        lines = explain.stdout.decode("utf-8").rstrip("\n").split("\n")
        assert all(line.isprintable() for line in lines)
        assert len(lines) == 6  # id, owner, status, "occurrences:", one occurrence, the why
    report = _cli("report", "--no-cache", "--output", "out.html", cwd=named)
    _no_traceback(report)
    assert report.returncode == 0
    page = (named / "out.html").read_bytes().decode("utf-8")  # valid UTF-8, or this raises
    assert "not-utf8-\\xff\\xfe.md" in page


# --- writes are whole or nothing -----------------------------------------------------------


def test_new_output_leaves_no_partial_file_when_a_write_fails(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(NOTE, encoding="utf-8")
    out = repo / "next"
    result = _cli("new", "--no-cache", "--output", "next/2021-09-21.md", cwd=repo, limit=40)
    _no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "notes-lint: next/2021-09-21.md: cannot write: File too large\n"
    )
    assert os.listdir(out) == []  # neither the note nor a temporary file
    written = _cli("new", "--no-cache", "--output", "next/2021-09-21.md", cwd=repo)
    assert written.returncode == 0 and (out / "2021-09-21.md").read_text(encoding="utf-8")
    assert os.listdir(out) == ["2021-09-21.md"]
    again = _cli("new", "--no-cache", "--output", "next/2021-09-21.md", cwd=repo)
    assert again.returncode == 2 and b"already exists" in again.stderr


def test_report_output_keeps_the_old_page_when_a_write_fails(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(NOTE, encoding="utf-8")
    (repo / "page.html").write_text("old page", encoding="utf-8")
    result = _cli("report", "--no-cache", "--output", "page.html", cwd=repo, limit=100)
    _no_traceback(result)
    assert result.returncode == 2
    assert (repo / "page.html").read_text(encoding="utf-8") == "old page"
    assert [p.name for p in repo.iterdir() if p.name.startswith(".page.html.")] == []
