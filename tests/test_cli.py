"""The command line: formats, exit codes, the summary line, `rules` and the README table."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from notes_lint.catalogue import rules_table
from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.formats import summary
from notes_lint.formats.github import format_github
from notes_lint.rules import RULES

CONFIG = "extends: sklearn-weekly\npeople: {Julien: jjerphan}\n"
BAD = "## 2021-09-14\n\n### Discussion\n\n- see https://example.org/x\n\n### TODO / Next\n\n- Release 1.0\n"
WARN_ONLY = "## 2021-09-14\n\n### Discussion\n\n- see https://example.org/x\n\n### TODO / Next\n\n- Release 1.0 (Julien)\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "2021-09-14.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_text_format_exit_code_and_summary(repo: Path) -> None:
    result = run_cli("check", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "2021-09-14.md:5:7: NL201 [*] bare URL: write it as <https://example.org/x>",
        "2021-09-14.md:9:3: NL301 TODO 'Release 1.0' has no owner: tag it '(Name)' at the end, "
        "'Name:' before it, or group it under '- (Name):'",
    ]
    assert result.stderr.strip() == "1 error, 1 warning in 1 file; [*] 1 fixable with --fix"


def test_warnings_alone_exit_0(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(WARN_ONLY, encoding="utf-8")
    result = run_cli("check", cwd=repo)
    assert result.returncode == 0
    assert "NL201" in result.stdout
    assert result.stderr.strip() == "0 errors, 1 warning in 1 file; [*] 1 fixable with --fix"


def test_json_format(repo: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=repo)
    data = json.loads(result.stdout)
    assert data[0] == {
        "path": "2021-09-14.md",
        "line": 5,
        "col": 7,
        "code": "NL201",
        "severity": "warning",
        "message": "bare URL: write it as <https://example.org/x>",
        "fixable": True,
    }
    assert [d["code"] for d in data] == ["NL201", "NL301"]


def test_github_format_escapes_workflow_command_syntax() -> None:
    diagnostic = Diagnostic("notes/a,b:c.md", 3, 7, "NL301", "50% done\nnext: line", Severity.ERROR)
    assert format_github([diagnostic]) == (
        "::error file=notes/a%2Cb%3Ac.md,line=3,col=7,title=NL301::50%25 done%0Anext: line"
    )
    warning = Diagnostic("a.md", 1, 1, "NL201", "x", Severity.WARNING)
    assert format_github([warning]).startswith("::warning file=a.md,line=1,col=1,title=NL201::")


def test_github_format_from_the_cli(repo: Path) -> None:
    result = run_cli("check", "--format", "github", cwd=repo)
    assert result.stdout.splitlines()[1].startswith(
        "::error file=2021-09-14.md,line=9,col=3,title=NL301::TODO 'Release 1.0' has no owner"
    )


def test_colour_only_on_a_terminal_and_never_with_no_color(repo: Path) -> None:
    assert "\033[" not in run_cli("check", cwd=repo).stdout  # a pipe is not a terminal
    from notes_lint.formats.text import format_text

    diagnostic = Diagnostic("a.md", 1, 1, "NL301", "x", Severity.ERROR)
    assert "\033[31m" in format_text([diagnostic], color=True)
    from notes_lint.cli import use_color as _use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    os.environ.pop("NO_COLOR", None)
    assert _use_color(Tty())
    os.environ["NO_COLOR"] = "1"
    try:
        assert not _use_color(Tty())
    finally:
        del os.environ["NO_COLOR"]


def test_paths_that_are_not_notes_are_skipped_silently(repo: Path) -> None:
    (repo / "README.md").write_text("bare https://example.org here\n", encoding="utf-8")
    (repo / "script.py").write_text("print()\n", encoding="utf-8")
    result = run_cli("check", "README.md", "script.py", cwd=repo)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "0 errors, 0 warnings in 0 files"


def test_a_missing_path_is_a_usage_error(repo: Path) -> None:
    result = run_cli("check", "nope.md", cwd=repo)
    assert result.returncode == 2
    assert "nope.md: no such file or folder" in result.stderr


def test_bad_usage_exits_2_without_traceback(repo: Path) -> None:
    for args in (("check", "--format", "xml"), ("frobnicate",), ()):
        result = run_cli(*args, cwd=repo)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_rules_lists_every_rule_and_explains_one(repo: Path) -> None:
    listing = run_cli("rules", cwd=repo)
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == [r.info.code for r in RULES]
    one = run_cli("rules", "nl301", cwd=repo)
    assert one.stdout.startswith("NL301 (todo-owner): a TODO without an owner")
    assert "bad:" in one.stdout and "good:" in one.stdout
    unknown = run_cli("rules", "NL3011", cwd=repo)
    assert unknown.returncode == 2
    assert "did you mean NL301?" in unknown.stderr


def test_the_readme_rule_table_is_generated_from_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table(markdown=True) in readme


def test_summary_pluralises() -> None:
    assert summary([], 1) == "0 errors, 0 warnings in 1 file"


def test_python_dash_m_and_version(repo: Path) -> None:
    result = run_cli("--version", cwd=repo)
    assert result.returncode == 0
    assert result.stdout.startswith("notes-lint ")


def test_dump_prints_the_model(repo: Path) -> None:
    result = run_cli("dump", "2021-09-14.md", cwd=repo)
    assert result.returncode == 0
    model = json.loads(result.stdout)
    assert model["date"]["value"] == "2021-09-14"
    assert [s["kind"] for s in model["sections"]] == ["named", "todo"]
