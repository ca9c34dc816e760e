"""Issue 14, a fresh-eyes review: table cells read exactly, a list item's heading, the
section of a heading's links, front matter values shown as written.

GitHub's rendering is cmark-gfm's (the ``cmarkgfm`` dev dependency): a table cell splits
at each ``|`` not escaped by a backslash, also inside a code span, and ``\\|`` is a
literal pipe in the cell (GFM spec, tables extension).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import apply_fixes, make_config, run_cli, write_team
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from notes_lint import yamlsafe
from notes_lint.linter import lint_text
from notes_lint.modeljson import note_json
from notes_lint.parse import parse_note
from notes_lint.source import from_text

cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (a dev dependency) renders as GitHub")

GENERIC: dict[str, Any] = {
    "extends": "generic",
    "sections": {"unknown": "allow", "named": []},
    "links": {"default-repo": "o/r"},
}
HEAD = "# Agenda 2026-07-16\n\n## Notes\n\n"  # the body starts on line 5


def github_html(text: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(text))


def lint(text: str, data: dict[str, Any] | None = None) -> list[Any]:
    return lint_text(text, make_config(GENERIC if data is None else data), "2026-07-16.md")


def check_json(root: Path) -> list[dict[str, Any]]:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout or "[]")
    return found


def dump(root: Path, note: str) -> dict[str, Any]:
    result = run_cli("dump", note, cwd=root)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ------------------------------------------------------------- table cells

ISSUE = "[#1](https://github.com/o/r/issues/12)"


@pytest.mark.parametrize(
    ("row", "before"),
    [
        # a finding in the cell of the escaped pipe, and in the cell after it
        (f"| a \\| b {ISSUE} | x |", "| a \\| b "),
        (f"| a \\| b | {ISSUE} |", "| a \\| b | "),
        (f"| a \\| {ISSUE} | b \\| {ISSUE} |", f"| a \\| {ISSUE} | b \\| "),
        # "\\|": the second backslash still escapes the pipe (cmark-gfm, markdown-it)
        (f"| x \\\\| {ISSUE} | y |", "| x \\\\| "),
        # a code span does not protect a pipe; an escaped one inside it is the cell's
        (f"| `a \\| b` {ISSUE} | y |", "| `a \\| b` "),
        # wide characters count one column each, as everywhere
        (f"| 日本語 😀 \\| x | {ISSUE} |", "| 日本語 😀 \\| x | "),
        # no leading pipe, indentation
        (f"  a \\| b | {ISSUE}", "  a \\| b | "),
    ],
)
def test_a_finding_after_an_escaped_pipe_points_at_its_cell_and_keeps_its_fix(
    row: str, before: str
) -> None:
    text = HEAD + "| first | second |\n|---|---|\n" + row + "\n"
    found = [d for d in lint(text) if d.code == "NL202"]
    at = (7, len(before) + 1)
    assert at in [(d.line, d.col) for d in found]
    fixed = apply_fixes(text, found)
    assert fixed.split("\n")[6] == row.replace("[#1]", "[#12]")
    assert github_html(fixed).count("<td>") == github_html(text).count("<td>")


def test_a_table_in_a_quote_and_in_a_list_item_is_read_from_its_text() -> None:
    body = (
        f"> | a | b |\n> |---|---|\n> | c \\| d | {ISSUE} |\n\n"
        f"- | a | b |\n  |---|---|\n  | c \\| d | {ISSUE} |\n"
    )
    found = [(d.line, d.col) for d in lint(HEAD + body) if d.code == "NL202"]
    assert found == [(7, 14), (11, 14)]


def test_the_dump_of_a_cell_link_points_at_it(tmp_path: Path) -> None:
    row = "| 😀 \\| x | https://x.org/y |"
    root = write_team(
        tmp_path,
        "extends: generic\nsections: {unknown: allow, named: []}\n",
        {"notes/2026-07-16.md": HEAD + "| a | b |\n|---|---|\n" + row + "\n"},
    )
    (link,) = dump(root, "notes/2026-07-16.md")["links"]
    assert (link["line"], link["col"]) == (7, row.index("https") + 1) == (7, 12)


# Cell text: words of several scripts and widths, escaped pipes, code spans holding one.
_FILLER = st.sampled_from(
    ["a", "word", "日本語", "😀", "e\u0301", "\\|", "x\\|y", "`a \\| b`", "\\\\|", "**b**", "~~s~~"]
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A note with one table, and where each finding target was written: (line, col,
    what starts there), the target being a bare URL or a mismatched issue link."""
    columns = draw(st.integers(1, 3))
    outer = columns == 1 or draw(st.booleans())  # leading and trailing pipes
    indent = " " * draw(st.integers(0, 3))
    quoted = draw(st.booleans())
    prefix = indent + ("> " if quoted else "")
    lines = HEAD.split("\n")[:-1]
    header = " | ".join(f"h{k}" for k in range(columns))
    delimiter = "|".join("---" for _ in range(columns))
    for row in (header, delimiter):
        lines.append(prefix + (f"| {row} |" if outer else row))
    targets: list[tuple[int, int, str]] = []
    serial = 0
    for _ in range(draw(st.integers(1, 3))):
        row = prefix + ("| " if outer else "")
        for column in range(columns):
            if column:
                row += " | "
            for part in draw(st.lists(_FILLER, min_size=int(not outer), max_size=3)):
                row += part + " "  # a row without outer pipes starts with its text
            if draw(st.booleans()):
                serial += 1
                target = (
                    f"https://x.org/t{serial}"
                    if draw(st.booleans())
                    else f"[#1](https://github.com/o/r/issues/{serial + 1})"
                )
                targets.append((len(lines) + 1, len(row) + 1, target))
                row += target
                for part in draw(st.lists(_FILLER, max_size=2)):
                    row += " " + part
        if not outer and row.strip() in ("", ">"):
            row += "x"  # a row with no text and no pipe is no row
        lines.append(row + (" |" if outer else ""))
    return "\n".join(lines) + "\n", targets


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
@example(  # the text before the link reads "a | " and is written "a \\| ": not the code span's
    table=(
        "# Agenda 2026-07-16\n\n## Notes\n\n| h0 |\n| --- |\n"
        "| a \\\\| [#1](https://github.com/o/r/issues/2) `a \\| b` |\n",
        [(7, 9, "[#1](https://github.com/o/r/issues/2)")],
    )
)
def test_every_cell_finding_points_at_the_text_it_names(
    table: tuple[str, list[tuple[int, int, str]]],
) -> None:
    text, targets = table
    found = [d for d in lint(text) if d.code in ("NL201", "NL202")]
    assert sorted((d.line, d.col) for d in found) == sorted((line, col) for line, col, _ in targets)
    source = text.split("\n")
    for line, col, target in targets:
        assert source[line - 1][col - 1 :].startswith(target)
    # Each target keeps its fix, but in a row holding "\\\\|": that cell keeps an escape
    # ("\\|"), and a URL in the same text as an escape is not located for a fix.
    assert all(d.fix for d in found if "\\\\|" not in source[d.line - 1])
    fixed = apply_fixes(text, found)
    before, after = github_html(text), github_html(fixed)
    assert after.count("<td>") == before.count("<td>")  # no cell split nor merged
    assert re.findall(r'href="([^"]*)"', after) == re.findall(r'href="([^"]*)"', before)


# ------------------------------------------------------------- a heading as a list item

TODO_NOTE = """# Meeting 2026-07-16

## Action items

- ## Ana: write the release notes
- (Bob) review the draft
-
  ### Send the invitations (Ana)
- #### Groups
  - Bob: book the room
"""


def test_a_list_items_heading_is_its_text_never_an_empty_todo() -> None:
    config = make_config({"extends": "generic", "people": {"Ana": None, "Bob": None}})
    note = parse_note(from_text(TODO_NOTE, "2026-07-16.md"), config)
    todos = [(t.line, t.col, t.text, t.owner) for t in note.todos]
    assert todos == [
        (5, 6, "write the release notes", "Ana"),
        (6, 3, "review the draft", "Bob"),
        (8, 7, "Send the invitations", "Ana"),
        (9, 8, "Groups", None),  # a plain item "- Groups" says the same: its children are details
    ]
    codes = {d.code for d in lint_text(TODO_NOTE, config, "2026-07-16.md")}
    assert "NL304" not in codes


def test_a_list_items_heading_through_the_cli(tmp_path: Path) -> None:
    root = write_team(
        tmp_path,
        "extends: generic\npeople: {Ana: null}\n",
        {"notes/2026-07-16.md": "# Meeting 2026-07-16\n\n## Action items\n\n- ## Ana: ship it\n"},
    )
    assert [d["code"] for d in check_json(root) if d["code"].startswith("NL3")] == []
    (todo,) = dump(root, "notes/2026-07-16.md")["todos"]
    assert (todo["text"], todo["owner"], todo["line"]) == ("ship it", "Ana", 5)


def test_a_heading_in_an_item_is_still_no_section() -> None:
    note = parse_note(from_text(TODO_NOTE, "2026-07-16.md"), make_config({"extends": "generic"}))
    assert [s.title for s in note.sections] == ["Action items"]


# ------------------------------------------------------------- the section of a link


def test_a_headings_links_are_in_the_section_it_opens(tmp_path: Path) -> None:
    text = (
        "# Meeting 2026-07-16 [site](https://x.org/site)\n\n## Agenda\n\n- a https://x.org/a\n\n"
        "## Notes on [#1](https://github.com/o/r/issues/1)\n\n- b\n\n"
        "### Topic <https://x.org/t>\n\n- c\n"
    )
    note = parse_note(from_text(text, "2026-07-16.md"), make_config(GENERIC))
    assert [(link.url, link.section) for link in note.links] == [
        ("https://x.org/site", None),  # the title opens no section
        ("https://x.org/a", "Agenda"),
        # a section's title is its heading's text as GitHub shows it
        ("https://github.com/o/r/issues/1", "Notes on #1"),
        ("https://x.org/t", "Topic https://x.org/t"),
    ]
    root = write_team(tmp_path, "extends: generic\n", {"notes/2026-07-16.md": text})
    sections = [link["section"] for link in dump(root, "notes/2026-07-16.md")["links"]]
    assert sections[2:] == ["Notes on #1", "Topic https://x.org/t"]


# ------------------------------------------------------------- front matter as written

FRONT_CONFIG = """extends: generic
include: ["notes/**/*.md"]
sections: {unknown: allow, named: []}
frontmatter:
  schema:
    type: object
    properties:
      version: {type: string}
      code: {type: string}
      who: {type: string}
      other: {type: string}
      empty: {type: string}
      list: {type: array, items: {type: string}}
      size: {enum: [small, large]}
      many: {type: string}
"""

FRONT = """---
version: 1.10
code: 0x1F
who: null
other: ~
empty:
list: [Ana, 1.10, NULL]
size: 1.50
many: [1, ~]
---
# Meeting 2026-07-16
"""


def test_front_matter_findings_show_values_as_written(tmp_path: Path) -> None:
    root = write_team(tmp_path, FRONT_CONFIG, {"notes/2026-07-16.md": FRONT})
    found = {d["line"]: d["message"] for d in check_json(root) if d["code"] == "NL402"}
    assert found[2] == (
        "front matter $.version: 1.10 is not of type 'string' "
        '(YAML 1.1 reads the unquoted 1.10 as 1.1): quote it, "1.10"'
    )
    assert found[3].startswith("front matter $.code: 0x1F is not of type 'string'")
    assert '0x1F as 31): quote it, "0x1F"' in found[3]
    assert found[4] == "front matter $.who: null is not of type 'string'"  # never None
    assert found[5].startswith("front matter $.other: ~ is not") and "~ as null" in found[5]
    assert "the empty value is not of type 'string'" in found[6] and "write its value" in found[6]
    messages = " ".join(found.values())
    assert "1.10 is not of type" in messages and "NULL is not of type" in messages
    assert "1.50 is not one of" in found[8] and 'quote it, "1.50"' in found[8]
    assert found[9] == "front matter $.many: [1, null] is not of type 'string'"
    assert "None" not in messages


def test_the_dump_says_how_front_matter_values_were_written(tmp_path: Path) -> None:
    root = write_team(tmp_path, FRONT_CONFIG, {"notes/2026-07-16.md": FRONT})
    front = dump(root, "notes/2026-07-16.md")["frontmatter"]
    assert front["data"]["version"] == 1.1 and front["data"]["code"] == 31  # as read
    assert front["written"] == {
        "version": "1.10",
        "code": "0x1F",
        "other": "~",
        "empty": "",
        "list[1]": "1.10",
        "list[2]": "NULL",
        "size": "1.50",
        "many[1]": "~",
    }


def test_values_read_as_written_are_not_recorded() -> None:
    document = yamlsafe.load("a: null\nb: true\nc: 12\nd: 1.5\ne: '1.10'\nf: -3\ng: x\n")
    assert document.written == {}
    text = "---\na: 1\n---\n# Meeting 2026-07-16\n"
    note = parse_note(from_text(text, "2026-07-16.md"), make_config(GENERIC))
    assert note.frontmatter is not None and "written" not in note_json(note)["frontmatter"]


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False).map(lambda f: f"{f:.3f}"),
        st.integers(0, 4095).map(hex),
        st.sampled_from(["~", "null", "Null", "", "yes", "No", "on", "010", "1_0", "1:20"]),
    )
)
def test_a_value_read_otherwise_than_written_is_shown_as_written(text: str) -> None:
    document = yamlsafe.load(f"k: {text}\n")
    value = document.data["k"]
    event("read as text" if isinstance(value, str) else "read otherwise")
    if isinstance(value, str):
        assert ("k",) not in document.written
        return
    shown = yamlsafe.shown(value, document.written.get(("k",)))
    assert shown == (text if text else "the empty value")


def test_front_matter_keys_are_names_as_written() -> None:
    text = "---\nyes: x\n1.10: y\n~: z\nlist: [{on: 1}]\n---\n# Meeting 2026-07-16\n"
    note = parse_note(from_text(text, "2026-07-16.md"), make_config(GENERIC))
    assert note.frontmatter is not None
    assert note.frontmatter.data == {"yes": "x", "1.10": "y", "~": "z", "list": [{"on": 1}]}
    assert note.frontmatter.position(("1.10",)) == (3, 7)  # where its value is written
    # a config is read as YAML reads it: there, such a key is refused with its own message
    assert yamlsafe.load("yes: x\n").data == {True: "x"}
