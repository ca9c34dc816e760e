"""Bad input through the real command line (issue 2, "Bad input").

Each case runs ``python -m notes_lint`` and asserts the exit code (0 no
errors, 1 errors, 2 usage or config error), a clear message, and that no
traceback ever reaches the user.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from notes_lint import source as note_source
from notes_lint.config import load_config
from notes_lint.modeljson import note_json
from notes_lint.parse import parse_note

TEXT_LINE = r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>NL\d{3}) (?P<message>.+)$"


def run(*args: str | Path, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``notes-lint ARGS`` in ``cwd``; fails the test on a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "notes_lint", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


def diagnostics(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, int, str]]:
    """(path, line, col, code) of each line of text output."""
    import re

    out = []
    for line in result.stdout.splitlines():
        match = re.match(TEXT_LINE, line)
        assert match, line
        out.append((match["path"], int(match["line"]), int(match["col"]), match["code"]))
    return out


def codes(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {d[3] for d in diagnostics(result)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A notes folder with a config extending ``generic``, so runs are hermetic."""
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    return tmp_path


GOOD = "# CPC Meeting 2023-01-03\n\n## Present\n\n* Ana\n\n## Agenda\n\n* Budget\n"

MIXED = """\
---
title: [unclosed
---
# CPC Meeting 2023-01-03

## Present

* Ana

## Agenda

* See https://example.com/x and [#12](https://github.com/o/r/issues/13)
* AI: write the summary

|a|b|
|-|-|
|x|http://insecure.example.org|
"""
MIXED_EXPECTED = [
    (2, "NL401"),
    (12, "NL201"),
    (12, "NL202"),
    (13, "NL301"),
    (17, "NL201"),
    (17, "NL204"),
]


def dump_of(repo: Path, name: str) -> dict[str, object]:
    """The note model of ``repo/name`` as ``notes-lint dump`` prints it (in process)."""
    config = load_config(repo / ".notes-lint.yaml")
    data: dict[str, object] = json.loads(
        json.dumps(note_json(parse_note(note_source.read(repo / name), config)))
    )
    return data


def check_json(repo: Path, *names: str) -> tuple[int, list[dict[str, object]]]:
    result = run(
        "check", "--format", "json", "--config", repo / ".notes-lint.yaml", *names, cwd=repo
    )
    return result.returncode, json.loads(result.stdout)


# -------------------------------------------------------------- encodings


def test_invalid_utf8_is_nl901_at_its_line_and_the_other_files_are_still_linted(
    repo: Path,
) -> None:
    (repo / "a-bad.md").write_bytes(GOOD.replace("Budget", "Caf\xe9").encode("latin-1"))
    (repo / "b-mixed.md").write_text(MIXED, encoding="utf-8")
    (repo / "c-good.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", cwd=repo)
    assert result.returncode == 1
    found = diagnostics(result)
    assert ("a-bad.md", 9, 6, "NL901") in found
    nl901 = next(line for line in result.stdout.splitlines() if "NL901" in line)
    assert "UTF-8" in nl901
    assert [(d[1], d[3]) for d in found if d[0] == "b-mixed.md"] == MIXED_EXPECTED
    assert not [d for d in found if d[0] == "c-good.md"]
    assert "in 3 files" in result.stderr


def test_a_binary_file_is_nl901_and_the_other_files_are_still_linted(repo: Path) -> None:
    (repo / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (repo / "mixed.md").write_text(MIXED, encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", "image.md", "mixed.md", cwd=repo)
    assert result.returncode == 1
    found = diagnostics(result)
    assert [d for d in found if d[0] == "image.md"] == [("image.md", 3, 1, "NL901")]
    assert "binary" in result.stdout
    assert [(d[1], d[3]) for d in found if d[0] == "mixed.md"] == MIXED_EXPECTED


def test_nl901_can_be_silenced_and_then_nothing_else_is_reported(repo: Path) -> None:
    (repo / ".notes-lint.yaml").write_text("extends: generic\nrules: {NL901: off}\n")
    (repo / "image.md").write_bytes(b"\x00\x01\x02")
    result = run("check", "--config", repo / ".notes-lint.yaml", "image.md", cwd=repo)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_utf8_bom_changes_nothing(repo: Path) -> None:
    (repo / "plain.md").write_text(MIXED, encoding="utf-8")
    (repo / "bom.md").write_bytes(b"\xef\xbb\xbf" + MIXED.encode("utf-8"))
    plain = check_json(repo, "plain.md")
    bom = check_json(repo, "bom.md")
    assert plain[0] == bom[0] == 1
    assert [{**d, "path": "x"} for d in plain[1]] == [{**d, "path": "x"} for d in bom[1]]


def test_a_bom_before_front_matter_still_opens_the_front_matter(repo: Path) -> None:
    (repo / "bom.md").write_bytes(b"\xef\xbb\xbf---\nattendees: [Ana]\n---\n" + GOOD.encode())
    result = run("dump", "--config", repo / ".notes-lint.yaml", "bom.md", cwd=repo)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["frontmatter"]["data"] == {"attendees": ["Ana"]}
    assert data["title"]["line"] == 4


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_line_endings_give_the_same_lines_and_columns(repo: Path, newline: str) -> None:
    (repo / "lf.md").write_bytes(MIXED.encode())
    (repo / "other.md").write_bytes(MIXED.replace("\n", newline).encode())
    lf = check_json(repo, "lf.md")
    other = check_json(repo, "other.md")
    assert lf[0] == other[0] == 1
    assert [{**d, "path": "x"} for d in lf[1]] == [{**d, "path": "x"} for d in other[1]]
    assert [(d["line"], d["code"]) for d in lf[1]] == MIXED_EXPECTED
    assert {**dump_of(repo, "lf.md"), "path": "x"} == {**dump_of(repo, "other.md"), "path": "x"}


def test_an_empty_file(repo: Path) -> None:
    (repo / "2023-01-03.md").write_bytes(b"")
    result = run("check", "--config", repo / ".notes-lint.yaml", "2023-01-03.md", cwd=repo)
    assert result.returncode == 1
    assert codes(result) == {"NL101", "NL103"}
    assert all(d[1:3] == (1, 1) for d in diagnostics(result))
    dump = run("dump", "--config", repo / ".notes-lint.yaml", "2023-01-03.md", cwd=repo)
    assert dump.returncode == 0
    assert json.loads(dump.stdout)["line_count"] == 0


def test_whitespace_only_file(repo: Path) -> None:
    (repo / "blank.md").write_bytes(b"\n\n   \n\t\n")
    result = run("check", "--config", repo / ".notes-lint.yaml", "blank.md", cwd=repo)
    assert result.returncode == 1
    assert codes(result) == {"NL101", "NL103"}


# ------------------------------------------------------------------ size


def test_a_10_mb_note_completes(repo: Path) -> None:
    """A pasted log and a long transcript: linear time, and positions still exact at the end."""
    head = GOOD + "\n## Log\n\n```text\n"
    log = "2023-01-03T10:00:00Z worker-1 INFO processed batch 1234 in 12 ms\n"
    transcript = (
        "We discussed the release plan at length and agreed on the next steps.\n"
        "Nothing else came up in this part of the transcript.\n\n"
    )
    text = head + log * (7_500_000 // len(log)) + "```\n\n"
    text += transcript * (3_000_000 // len(transcript))
    text += "## Action items\n\n* write the summary\n"
    assert len(text.encode()) > 10_000_000
    (repo / "2023-01-03.md").write_text(text, encoding="utf-8")
    last_line = text.count("\n")
    start = time.monotonic()
    result = run(
        "check", "--config", repo / ".notes-lint.yaml", "2023-01-03.md", cwd=repo, timeout=120
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 1
    assert diagnostics(result) == [("2023-01-03.md", last_line, 3, "NL301")]
    assert elapsed < 60, f"a 10 MB note took {elapsed:.1f}s"


def test_a_note_over_the_size_limit_is_refused_without_reading_it(repo: Path) -> None:
    path = repo / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(note_source.MAX_BYTES + 1)  # sparse: no disk, no memory
    start = time.monotonic()
    result = run("check", "--config", repo / ".notes-lint.yaml", "huge.md", cwd=repo)
    assert time.monotonic() - start < 30
    assert result.returncode == 1
    assert diagnostics(result) == [("huge.md", 1, 1, "NL901")]
    assert "limit" in result.stdout


# --------------------------------------------------------------- nesting


@pytest.mark.parametrize(
    "body",
    [
        "".join("  " * depth + "- item\n" for depth in range(1000)),
        "".join("    " * depth + "1. item\n" for depth in range(1000)),
        ">" * 1000 + " quoted\n",
        "".join("> " * depth + "- item\n" for depth in range(1000)),
        "- " * 1000 + "item\n",
        "[" * 1000 + "x" + "](y)" * 1000 + "\n",
        "*" * 1000 + "x" + "*" * 1000 + "\n",
    ],
    ids=[
        "lists",
        "ordered-lists",
        "blockquotes",
        "quoted-lists",
        "one-line-lists",
        "brackets",
        "emphasis",
    ],
)
def test_1000_deep_nesting(repo: Path, body: str) -> None:
    text = "# CPC Meeting 2023-01-03\n\n## Present\n\n* Ana\n\n## Agenda\n\n" + body
    (repo / "deep.md").write_text(text, encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", "deep.md", cwd=repo)
    assert result.returncode in (0, 1)
    for path, line, col, code in diagnostics(result):
        assert 1 <= line <= text.count("\n") and col >= 1, (path, line, col, code)
    assert dump_of(repo, "deep.md")["line_count"] == text.count("\n")


# ---------------------------------------------------------- front matter


def test_front_matter_that_is_not_yaml_is_nl401_at_its_line(repo: Path) -> None:
    text = "---\ntitle: Weekly\nattendees: [Ana, Bruno\nnext: x\n---\n" + GOOD
    (repo / "note.md").write_text(text, encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", "note.md", cwd=repo)
    assert result.returncode == 1
    found = diagnostics(result)
    assert [d for d in found if d[3] == "NL401"] == [("note.md", 4, 5, "NL401")]
    assert "invalid YAML" in result.stdout
    assert {d[3] for d in found} == {"NL401"}  # the rest of the note is still fine


@pytest.mark.parametrize(
    "yaml_text",
    ["- a\n- b\n", "just text\n", "{a: 1}: x\n", "!!python/object:os.system {}\n"],
    ids=["list", "scalar", "complex-key", "python-tag"],
)
def test_front_matter_that_is_not_a_plain_mapping_never_crashes(repo: Path, yaml_text: str) -> None:
    (repo / "note.md").write_text(f"---\n{yaml_text}---\n" + GOOD, encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", "note.md", cwd=repo)
    assert result.returncode in (0, 1)
    assert dump_of(repo, "note.md")["frontmatter"]


BILLION_LAUGHS = """\
---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
"""


def test_a_yaml_bomb_in_front_matter_is_bounded(repo: Path) -> None:
    (repo / "bomb.md").write_text(BILLION_LAUGHS + GOOD, encoding="utf-8")
    start = time.monotonic()
    result = run("check", "--config", repo / ".notes-lint.yaml", "bomb.md", cwd=repo)
    assert time.monotonic() - start < 15
    assert result.returncode == 1
    assert diagnostics(result) == [("bomb.md", 2, 1, "NL401")]
    assert "aliases" in result.stdout
    front = dump_of(repo, "bomb.md")["frontmatter"]
    assert isinstance(front, dict)
    assert front["data"] is None
    assert front["error"]


def test_a_yaml_bomb_in_the_config_is_bounded(repo: Path) -> None:
    (repo / "bomb.yaml").write_text(BILLION_LAUGHS.strip("-\n") + "\n", encoding="utf-8")
    (repo / "note.md").write_text(GOOD, encoding="utf-8")
    start = time.monotonic()
    result = run("check", "--config", repo / "bomb.yaml", "note.md", cwd=repo)
    assert time.monotonic() - start < 15
    assert result.returncode == 2
    assert result.stdout == ""
    assert "aliases" in result.stderr


# ---------------------------------------------------------------- config


def config_error(repo: Path, config_text: str | bytes, name: str = "bad.yaml") -> str:
    """Run with a broken config: exit 2, nothing on stdout, stderr returned: every line
    one problem, ``notes-lint: FILE…``, the file named relative to the working folder."""
    path = repo / name
    if isinstance(config_text, bytes):
        path.write_bytes(config_text)
    else:
        path.write_text(config_text, encoding="utf-8")
    (repo / "note.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "--config", path, "note.md", cwd=repo)
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "a config error says what is wrong"
    assert lines[0].startswith(f"notes-lint: {name}"), lines
    assert all(line.startswith("notes-lint: ") for line in lines), lines
    return result.stderr


@pytest.mark.parametrize(
    ("text", "what"),
    [("- a\n- b\n", "not a list"), ("just a string\n", "not a string"), ("42\n", "not a number")],
)
def test_a_config_that_is_not_a_mapping(repo: Path, text: str, what: str) -> None:
    stderr = config_error(repo, text)
    assert "must be a mapping" in stderr and what in stderr
    assert len(stderr.splitlines()) == 1


def test_an_unknown_preset_suggests_the_nearest(repo: Path) -> None:
    stderr = config_error(repo, "extends: hackmdd\n")
    assert "unknown preset 'hackmdd'" in stderr
    assert "did you mean 'hackmd'?" in stderr
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("date:\n  pattern: '('\n", "date.pattern"),
        ("todos:\n  due-pattern: '(?P<x'\n", "todos.due-pattern"),
    ],
)
def test_a_regex_that_does_not_compile(repo: Path, text: str, key: str) -> None:
    stderr = config_error(repo, text)
    assert key in stderr and "regular expression" in stderr
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date: {formats: [isoo]}\n", "unknown date format 'isoo'; did you mean 'iso'?"),
        ("date: {formats: ['%Q']}\n", "invalid strftime pattern '%Q'"),
        ("date: {formats: ['%-d %B %Y']}\n", "invalid strftime pattern"),
    ],
)
def test_a_date_format_that_cannot_work(repo: Path, text: str, expected: str) -> None:
    stderr = config_error(repo, text)
    assert "date.formats" in stderr and expected in stderr
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sectoins: {}\n", "sectoins: unknown key; did you mean 'sections'?"),
        ("date: {levle: 2}\n", "date.levle: unknown key; did you mean 'level'?"),
        ("rules: {NL107: loud}\n", "rules.NL107"),
        ("rules: {NL999: off}\n", "rules.NL999: unknown key"),
        ("include: 5\n", "include: 5 is not of type 'array'"),
        ("sections: {level: 9}\n", "sections.level"),
    ],
)
def test_an_invalid_config_key_names_its_path(repo: Path, text: str, expected: str) -> None:
    stderr = config_error(repo, text)
    assert len(stderr.splitlines()) == 1
    assert expected in stderr


def test_every_problem_of_a_config_is_reported(repo: Path) -> None:
    stderr = config_error(repo, "sectoins: {}\ninclude: 5\n")
    assert stderr.splitlines() == [
        "notes-lint: bad.yaml:1:1: sectoins: unknown key; did you mean 'sections'?",
        "notes-lint: bad.yaml:2:10: include: 5 is not of type 'array'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date: [unclosed\n", "invalid YAML"),
        (b"extends: generic\n# caf\xe9\n", "cannot read"),
        ("extends: missing.yaml\n", "file not found"),
        ("extends: bad.yaml\n", "cycle"),
        ("document-schema: {type: 12}\n", "not a valid JSON Schema"),
        ("document-schema: nowhere.json\n", "cannot read schema"),
        ("frontmatter: {schema: {required: yes}}\n", "frontmatter.schema"),
    ],
    ids=[
        "yaml",
        "encoding",
        "extends-missing",
        "extends-cycle",
        "schema",
        "schema-path",
        "fm-schema",
    ],
)
def test_other_broken_configs(repo: Path, text: str | bytes, expected: str) -> None:
    assert expected in config_error(repo, text)


def test_broken_toml_config(repo: Path) -> None:
    stderr = config_error(repo, "include = [\n", name="bad.toml")
    assert "invalid TOML" in stderr


def test_a_broken_config_found_by_discovery(repo: Path) -> None:
    (repo / ".notes-lint.yaml").write_text("- not a mapping\n", encoding="utf-8")
    (repo / "note.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "note.md", cwd=repo)
    assert result.returncode == 2
    assert ".notes-lint.yaml" in result.stderr and "must be a mapping" in result.stderr


# ------------------------------------------------------------ command line


def test_a_missing_config_file(repo: Path) -> None:
    result = run("check", "--config", repo / "nope.yaml", cwd=repo)
    assert result.returncode == 2
    assert "config file not found" in result.stderr


def test_a_missing_note(repo: Path) -> None:
    result = run("check", "--config", repo / ".notes-lint.yaml", "nope.md", cwd=repo)
    assert result.returncode == 2
    assert "nope.md" in result.stderr
    dump = run("dump", "--config", repo / ".notes-lint.yaml", "nope.md", cwd=repo)
    assert dump.returncode == 2
    assert "nope.md" in dump.stderr


def test_unknown_options_and_commands(repo: Path) -> None:
    for args in (("frobnicate",), ("check", "--format", "xml"), ("check", "--bogus"), ()):
        result = run(*args, cwd=repo)
        assert result.returncode == 2, args
        assert result.stderr.startswith("notes-lint: "), args
        assert result.stdout == ""


def test_a_folder_of_notes_with_a_bad_one_inside(repo: Path) -> None:
    notes = repo / "notes" / "2023"
    notes.mkdir(parents=True)
    (notes / "2023-01-03.md").write_text(GOOD, encoding="utf-8")
    (notes / "2023-01-10.md").write_bytes(b"# CPC Meeting 2023-01-10\n\n\xff\xfe\n")
    (notes / "2023-01-17.md").write_text(GOOD.replace("01-03", "01-17"), encoding="utf-8")
    result = run("check", "--config", repo / ".notes-lint.yaml", "notes", cwd=repo)
    assert result.returncode == 1
    assert diagnostics(result) == [("notes/2023/2023-01-10.md", 3, 1, "NL901")]
    assert "in 3 files" in result.stderr


def test_a_date_with_no_such_day_is_reported_where_it_is_written(tmp_path: Path) -> None:
    """``since: 2024-02-30`` in a config, ``date: 2024-02-30`` in front matter: YAML cannot
    build the date; the message points at the value, not at line 1."""
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: generic\ngithub:\n  since: 2024-02-30\n", encoding="utf-8"
    )
    (tmp_path / "2024-01-01.md").write_text("# S 2024-01-01\n", encoding="utf-8")
    done = run("check", cwd=tmp_path)
    assert done.returncode == 2
    assert ".notes-lint.yaml:3:10: invalid YAML: '2024-02-30' cannot be read" in done.stderr
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    (tmp_path / "2024-01-01.md").write_text(
        "---\ndate: 2024-02-30\n---\n# S 2024-01-01\n", encoding="utf-8"
    )
    done = run("check", "--select", "NL401", cwd=tmp_path)
    assert "2024-01-01.md:2:7: NL401" in done.stdout and "quote it" in done.stdout
