"""Inline suppression comments (PRODUCT.md §5): disable/enable, disable-next-line, disable-file."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import make_config

from notes_lint.diagnostics import Diagnostic
from notes_lint.linter import lint_text
from notes_lint.parse import parse_note
from notes_lint.source import from_text

SKLEARN: dict[str, Any] = {
    "extends": "sklearn-weekly",
    "links": {"private-hosts": ["mattermost.inria.fr"]},
}

# The body starts on line 5.
HEAD = "## 2021-09-14\n\n### Discussion\n\n"
TAIL = "\n\n### TODO / Next\n\n- Release 1.0 (Guillaume)\n"

PRIVATE = "[chat](https://mattermost.inria.fr/pl/1)"  # NL203
BARE = "https://example.org/x"  # NL201


def lint(body: str, data: dict[str, Any] | None = None) -> list[Diagnostic]:
    return lint_text(HEAD + body + TAIL, make_config(SKLEARN if data is None else data))


def hits(diagnostics: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in diagnostics]


def test_without_directives_everything_is_reported() -> None:
    body = f"- {PRIVATE}\n- {BARE}\n- {PRIVATE} {BARE}"
    assert hits(lint(body)) == [(5, "NL203"), (6, "NL201"), (7, "NL203"), (7, "NL201")]


# ------------------------------------------------------------- disable/enable


def test_disable_enable_range_for_one_code() -> None:
    body = f"""\
- {PRIVATE}
<!-- notes-lint disable NL203 -->
- {PRIVATE} {BARE}
- {PRIVATE}
<!-- notes-lint enable NL203 -->
- {PRIVATE}"""
    assert hits(lint(body)) == [(5, "NL203"), (7, "NL201"), (10, "NL203")]


def test_disable_without_enable_lasts_to_the_end() -> None:
    body = f"- {BARE}\n<!-- notes-lint disable NL201 -->\n- {BARE}\n- {BARE} {PRIVATE}"
    assert hits(lint(body)) == [(5, "NL201"), (8, "NL203")]


def test_codeless_disable_and_enable() -> None:
    body = f"""\
<!-- notes-lint disable -->
- {PRIVATE} {BARE}
<!-- notes-lint enable -->
- {BARE}"""
    assert hits(lint(body)) == [(8, "NL201")]


def test_several_codes_and_a_partial_enable() -> None:
    body = f"""\
<!-- notes-lint disable NL201 NL203 -->
- {BARE} {PRIVATE}
<!-- notes-lint enable NL201 -->
- {BARE} {PRIVATE}
<!-- notes-lint enable NL203 -->
- {PRIVATE}"""
    assert hits(lint(body)) == [(8, "NL201"), (10, "NL203")]


def test_comma_separated_codes() -> None:
    body = f"<!-- notes-lint disable NL201, NL203 -->\n- {BARE} {PRIVATE}"
    assert hits(lint(body)) == []


def test_enable_of_another_code_does_not_end_the_range() -> None:
    body = f"""\
<!-- notes-lint disable NL203 -->
<!-- notes-lint enable NL201 -->
- {PRIVATE}"""
    assert hits(lint(body)) == []


# ------------------------------------------------------------ disable-next-line


def test_disable_next_line_for_one_code() -> None:
    body = f"""\
<!-- notes-lint disable-next-line NL201 -->
- {BARE} {PRIVATE}
- {BARE}"""
    assert hits(lint(body)) == [(6, "NL203"), (7, "NL201")]


def test_disable_next_line_for_every_code() -> None:
    body = f"""\
<!-- notes-lint disable-next-line -->
- {BARE} {PRIVATE}
- {BARE}"""
    assert hits(lint(body)) == [(7, "NL201")]


def test_disable_next_line_at_the_end_of_a_line() -> None:
    body = f"- notes <!-- notes-lint disable-next-line NL201 -->\n- {BARE}\n- {BARE}"
    assert hits(lint(body)) == [(7, "NL201")]


def test_disable_next_line_for_a_heading() -> None:
    text = "<!-- notes-lint disable-next-line NL101 -->\n## Weekly meeting\n" + (
        "\n### Discussion\n\n- plans" + TAIL
    )
    assert hits(lint_text(text, make_config(SKLEARN))) == []
    assert hits(lint_text(text.split("\n", 1)[1], make_config(SKLEARN))) == [(1, "NL101")]


def test_disable_line_on_the_same_line() -> None:
    body = f"- {BARE} <!-- notes-lint disable-line NL201 -->\n- {BARE}"
    assert hits(lint(body)) == [(6, "NL201")]


# ---------------------------------------------------------------- disable-file


def test_disable_file_silences_everything() -> None:
    body = f"- {BARE} {PRIVATE}\n\n<!-- notes-lint disable-file -->"
    assert hits(lint(body)) == []
    text = "## Weekly meeting\n\n<!-- notes-lint disable-file -->\n"
    assert hits(lint_text(text, make_config(SKLEARN))) == []


def test_disable_file_for_one_code() -> None:
    body = f"<!-- notes-lint disable-file NL201 -->\n- {BARE} {PRIVATE}\n- {BARE}"
    assert hits(lint(body)) == [(6, "NL203")]


# ----------------------------------------------------- where directives count


@pytest.mark.parametrize(
    "container",
    [
        "```\n{directive}\n```",
        "~~~markdown\n{directive}\n~~~",
        "```html\n<!-- x -->\n{directive}\n```",
        "    {directive}",
        "- `{directive}`",
    ],
    ids=["backticks", "tildes", "html-fence", "indented-code", "code-span"],
)
@pytest.mark.parametrize(
    "directive",
    [
        "<!-- notes-lint disable-file -->",
        "<!-- notes-lint disable -->",
        "<!-- notes-lint disable NL201 -->",
        "<!-- notes-lint disable-next-line -->",
    ],
)
def test_a_directive_inside_code_does_not_count(container: str, directive: str) -> None:
    body = container.format(directive=directive) + f"\n\n- {BARE}"
    note = parse_note(from_text(HEAD + body + TAIL, "<text>"), make_config(SKLEARN))
    assert note.directives == ()
    bare_line = 5 + body.count("\n")
    assert hits(lint(body)) == [(bare_line, "NL201")]


def test_directives_are_in_the_model_with_their_lines() -> None:
    body = (
        "<!-- notes-lint disable NL203 -->\n- x <!-- notes-lint disable-next-line -->\n\n"
        "<!-- notes-lint enable NL203 -->"
    )
    note = parse_note(from_text(HEAD + body + TAIL, "<text>"), make_config(SKLEARN))
    assert [(d.action, sorted(d.codes), d.line) for d in note.directives] == [
        ("disable", ["NL203"], 5),
        ("disable-next-line", [], 6),
        ("enable", ["NL203"], 8),
    ]


def test_other_comments_and_misspelt_directives_do_nothing() -> None:
    body = f"<!-- notes lint disable-file -->\n<!-- disable NL201 -->\n- {BARE}"
    assert hits(lint(body)) == [(7, "NL201")]


def test_suppressions_work_with_crlf() -> None:
    body = f"<!-- notes-lint disable-next-line NL201 -->\n- {BARE}\n- {BARE}"
    text = (HEAD + body + TAIL).replace("\n", "\r\n")
    assert hits(lint_text(text, make_config(SKLEARN))) == [(7, "NL201")]
