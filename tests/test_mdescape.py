"""notes_lint.mdescape: any text stays one GFM table cell and renders as it would in a paragraph."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.formats import Report
from notes_lint.mdescape import code_span, literal, table_cell
from notes_lint.names import one_line

cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (a dev dependency) renders as GitHub")

_TEXT = st.text(alphabet=st.sampled_from("ab |\\`*_[]()<>&!~#:/\n\r\t-é"), max_size=40)


def _html(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown))


class _Cells(HTMLParser):
    """The inner HTML of each body cell, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.rows: list[list[str]] = []
        self.depth = 0  # inside a <td>
        self.body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self.body = True
        elif tag == "tr" and self.body:
            self.rows.append([])
        elif tag == "td" and self.body:
            self.rows[-1].append("")
            self.depth = 1
        elif self.depth:
            self.rows[-1][-1] += self.get_starttag_text() or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.depth = 0
        elif self.depth:
            self.rows[-1][-1] += f"</{tag}>"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.rows[-1][-1] += data

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.handle_data(f"<!--{data}-->")  # cmark-gfm's "raw HTML omitted"


def _cells(markdown: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(_html(markdown))
    parser.close()
    return parser.rows


def _paragraph(markdown: str) -> str:
    html = _html(markdown).strip()
    assert html.startswith("<p>") and html.endswith("</p>"), html
    return html[3:-4]


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
@example("a|b")
@example("<a>")  # raw HTML: omitted the same in a cell and in a paragraph
@example("a\\|b")
@example("`x|y`")
@example("`x\\|y`")
@example("line one\nline two")
@example("ends with \\")
@example("\r\\\n")  # a CR, then a hard break: two line breaks, never one CRLF
@example("a \\\\\\\nb")  # a blank, an escaped pair, then a hard break
def test_any_text_is_one_cell_that_renders_as_in_a_paragraph(text: str) -> None:
    event("has a pipe" if "|" in text else "no pipe")
    event("has a line break" if re.search("[\r\n]", text) else "one line")
    inner = f"a {table_cell(text)} z"
    assert "\n" not in inner and "\r" not in inner
    rows = _cells(f"| one | two | three |\n|---|---|---|\n| x | {inner} | y |\n")
    assert len(rows) == 1 and len(rows[0]) == 3, rows
    assert rows[0][0] == "x" and rows[0][2] == "y"
    assert rows[0][1] == _paragraph(f"a {one_line(_lines_joined(text))} z")


def _lines_joined(text: str) -> str:
    """``text`` with each line break a space, as a paragraph shows a soft break: the
    blanks around it go, and so does a hard break's backslash (an odd run ending a line)."""
    lines = re.split(r"\r\n|\r|\n", text)
    kept = []
    for index, line in enumerate(lines):
        if index < len(lines) - 1:
            run = len(line) - len(line.rstrip("\\"))
            line = line[:-1] if run % 2 else line
            line = line.rstrip(" \t")
        kept.append(line.lstrip(" \t") if index else line)
    return " ".join(kept)


@pytest.mark.parametrize(
    "text",
    [
        "line one\\\nline two",
        "two spaces  \nbreak",
        "soft\nbreak",
        "pair \\\\\nafter",
        "C:\\dir\\x\n  y",
    ],
)
def test_a_line_break_in_a_cell_renders_as_a_space_where_a_paragraph_breaks(text: str) -> None:
    """GitHub's paragraph of the text, its ``<br />`` and soft breaks read as one space,
    is the cell: a backslash that is no hard break stays visible."""
    (row,) = _cells(f"| one |\n|---|\n| {table_cell(text)} |\n")
    shown = re.sub(r"\s*<br />\s*|\s*\n\s*", " ", _paragraph(text))
    assert row == [shown]


@given(text=st.text(alphabet=st.sampled_from("ab `|\\ "), min_size=1, max_size=20))
def test_a_code_span_shows_the_text_exactly(text: str) -> None:
    if text.strip(" ") == "":
        return  # a span of spaces only is not stripped, but an empty one is no span
    event("backtick inside" if "`" in text else "no backtick")
    html = _paragraph(f"x {code_span(text)} y")
    shown = re.fullmatch(r"x <code>(.*)</code> y", html, re.S)
    assert shown is not None, html
    assert shown[1] == text


def test_the_step_summary_row_keeps_four_cells() -> None:
    diagnostic = Diagnostic(
        path="notes/a|b`c.md",
        line=3,
        col=1,
        code="NL201",
        message="bad | link\nhere",
        severity=Severity.ERROR,
    )
    report = Report("github", out=io.StringIO())
    report.add([diagnostic])
    (row,) = report.step_rows
    (cells,) = _cells("| where | code | severity | message |\n|---|---|---|---|\n" + row + "\n")
    assert len(cells) == 4
    assert re.sub("<[^>]+>", "", cells[0]) == "notes/a|b`c.md:3:1"
    assert cells[3] == "bad | link here"  # a line break in a cell is a space


def test_todos_markdown_keeps_its_columns_with_pipes_in_a_todo(tmp_path: Path) -> None:
    (tmp_path / "2024-04-02.md").write_text(
        "# Team meeting 2024-04-02\n\n## Action items\n\n- [ ] Ana: compare a | b and `x|y`\n",
        encoding="utf-8",
    )
    result = run_cli("todos", "--format", "markdown", "--today", "2024-04-09", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    table = "\n".join(line for line in result.stdout.splitlines() if line.startswith("|"))
    (row,) = _cells(table)
    assert len(row) == 7  # text, first seen, last seen, age, carried, status, latest
    assert row[0] == "compare a | b and <code>x|y</code>"
    assert row[6] == "2024-04-02.md:5"


@given(st.text(max_size=40))
def test_literal_text_renders_as_itself(text: str) -> None:
    """What :func:`literal` writes is read by a CommonMark parser back as the text."""
    import html

    import markdown_it

    line = text.replace("\r", " ").replace("\n", " ").strip()
    if not line or not line.isprintable():
        event("not one printable line")
        return
    event("escaped" if literal(line) != line else "unchanged")
    rendered = markdown_it.MarkdownIt("commonmark").renderInline(literal(line))
    assert html.unescape(rendered) == line.replace("\x00", "\ufffd")
