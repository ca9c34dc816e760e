"""TODO extraction (owners, groups, done markers, due dates) and rules NL301-NL304."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import found, make_config, only

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.linter import lint_text
from notes_lint.model import Note, Todo
from notes_lint.parse import parse_note
from notes_lint.source import from_text

SKLEARN: dict[str, Any] = {
    "extends": "sklearn-weekly",
    "people": {
        "Julien": "jjerphan",
        "Guillaume": "glemaitre",
        "Gael": "GaelVaroquaux",
        "Loïc": None,
    },
}
HACKMD: dict[str, Any] = {"extends": "hackmd", "people": {"Ana": "ana-gh", "Bruno": None}}
GENERIC: dict[str, Any] = {"people": {"Ana": None, "Michael": None}}

# TODO items start on line 9, each "- " item's text at column 3.
HEAD = """\
## 2021-09-14

### Discussion

- plans

### TODO / Next

"""


def parse(text: str, data: dict[str, Any] | None = None) -> Note:
    return parse_note(from_text(text, "<text>"), make_config(SKLEARN if data is None else data))


def todos_of(body: str, data: dict[str, Any] | None = None) -> tuple[Todo, ...]:
    return parse(HEAD + body, data).todos


def lint(text: str, data: dict[str, Any] | None = None) -> list[Diagnostic]:
    return lint_text(text, make_config(SKLEARN if data is None else data))


def summary(todo: Todo) -> tuple[int, int, str | None, str]:
    return (todo.line, todo.col, todo.owner, todo.text)


# --------------------------------------------------------------- TODO sections


def test_each_top_level_item_is_a_todo_and_deeper_items_are_details() -> None:
    body = """\
- Release 1.0 (Guillaume)
    - check the wheels
        - on every platform
- Close the performance gap (Julien)
"""
    todos = todos_of(body)
    assert [summary(t) for t in todos] == [
        (9, 3, "Guillaume", "Release 1.0"),
        (12, 3, "Julien", "Close the performance gap"),
    ]
    assert todos[0].login == "glemaitre"
    assert todos[0].section == "TODO / Next"


@pytest.mark.parametrize(
    ("group", "style"),
    [
        ("(Julien):", "paren-start"),
        ("(Julien)", "paren-start"),
        ("Julien:", "name-colon"),
        ("[name=Julien]", "name-tag"),
        ("@jjerphan", "mention"),
        ("@jjerphan:", "mention"),
    ],
)
def test_owner_groups_give_their_owner_to_each_child(group: str, style: str) -> None:
    body = f"""\
- {group}
     - Close performance gap for #20254
     - Review the PR
         - a detail, not a TODO
- Release 1.0 (Guillaume)
"""
    todos = todos_of(body)
    assert [summary(t) for t in todos] == [
        (10, 8, "Julien", "Close performance gap for #20254"),
        (11, 8, "Julien", "Review the PR"),
        (13, 3, "Guillaume", "Release 1.0"),
    ]
    assert todos[0].login == "jjerphan"
    assert todos[0].owner_style == style


def test_a_child_with_its_own_owner_keeps_it() -> None:
    body = "- (Julien):\n    - review (Guillaume)\n    - benchmark\n"
    assert [(t.owner, t.text) for t in todos_of(body)] == [
        ("Guillaume", "review"),
        ("Julien", "benchmark"),
    ]


@pytest.mark.parametrize(
    ("item", "owner", "style", "text"),
    [
        ("(Guillaume) release 1.0", "Guillaume", "paren-start", "release 1.0"),
        ("(Guillaume): release 1.0", "Guillaume", "paren-start", "release 1.0"),
        ("release 1.0 (Guillaume)", "Guillaume", "paren-end", "release 1.0"),
        ("Guillaume: release 1.0", "Guillaume", "name-colon", "release 1.0"),
        ("[name=Guillaume] release 1.0", "Guillaume", "name-tag", "release 1.0"),
        ("@glemaitre release 1.0", "Guillaume", "mention", "release 1.0"),
        ("release 1.0 @glemaitre", "Guillaume", "mention", "release 1.0"),
        ("Release 1.0 (Loïc)", "Loïc", "paren-end", "Release 1.0"),
    ],
)
def test_owner_tags(item: str, owner: str, style: str, text: str) -> None:
    (todo,) = todos_of(f"- {item}\n")
    assert (todo.line, todo.col) == (9, 3)
    assert (todo.owner, todo.owner_style, todo.text) == (owner, style, text)


def test_a_mention_gives_the_login_and_the_roster_name() -> None:
    (todo,) = todos_of("- @glemaitre release 1.0\n")
    assert (todo.owner, todo.login, todo.owners) == ("Guillaume", "glemaitre", ("glemaitre",))
    (todo,) = todos_of("- (Loïc) release 1.0\n")
    assert (todo.owner, todo.login) == ("Loïc", None)


def test_several_owners() -> None:
    (todo,) = todos_of("- release 1.0 (Guillaume, Julien)\n")
    assert todo.owners == ("Guillaume", "Julien")
    assert todo.owner == "Guillaume"


def test_name_to_style_in_generic_minutes() -> None:
    text = """\
# CPC Meeting 2023-01-03

## Attendees

- Ana

## Agenda

- the vote

## Action items

- Michael to open an issue
- Ana and Michael will write the blog post
- We will decide later
"""
    todos = parse(text, GENERIC).todos
    assert [(t.line, t.owner, t.owners, t.text) for t in todos] == [
        (13, "Michael", ("Michael",), "open an issue"),
        (14, "Ana", ("Ana", "Michael"), "write the blog post"),
        (15, None, (), "We will decide later"),
    ]
    assert found(lint(text, GENERIC), "NL301") == [(15, 3)]


def test_status_words_are_not_owners() -> None:
    (todo,) = todos_of("- release 1.0 (WIP)\n")
    assert todo.owner is None


# ------------------------------------------------------------- TODO: markers


def test_todo_markers_outside_todo_sections() -> None:
    text = """\
## 2021-09-14

### Julien

- TODO: Gael: ask everyone about the sprint
- plain notes
    - TODO: benchmark the fix (Julien)

TODO: Guillaume: write the highlights

### Discussion

- nothing

### TODO / Next

- Release 1.0 (Guillaume)
"""
    todos = parse(text).todos
    assert [summary(t) for t in todos] == [
        (5, 9, "Gael", "ask everyone about the sprint"),
        (7, 13, "Julien", "benchmark the fix"),
        (9, 7, "Guillaume", "write the highlights"),
        (17, 3, "Guillaume", "Release 1.0"),
    ]
    assert todos[0].login == "GaelVaroquaux"
    assert todos[0].section == "Julien"
    assert lint(text) == []


def test_items_without_a_marker_outside_todo_sections_are_not_todos() -> None:
    text = HEAD.replace("- plans", "- plans to do later\n- todo list review") + "- x (Julien)\n"
    assert [t.text for t in parse(text).todos] == ["x"]


def test_hackmd_todos_in_action_items_and_behind_markers() -> None:
    text = """\
# Monthly Developer Meeting

## October 28, 2024 @ 15:00 UTC

### Topics

- [name=Ana] Should we drop Python 3.9?
    - TODO: Bruno: open a discussion issue

### Action items

- [name=Bruno] Write the release highlights
- Ana: update the roadmap
- prepare the agenda
"""
    todos = parse(text, HACKMD).todos
    assert [(t.line, t.col, t.owner, t.owner_style, t.text) for t in todos] == [
        (8, 13, "Bruno", "name-colon", "open a discussion issue"),
        (12, 3, "Bruno", "name-tag", "Write the release highlights"),
        (13, 3, "Ana", "name-colon", "update the roadmap"),
        (14, 3, None, None, "prepare the agenda"),
    ]
    assert todos[2].login == "ana-gh"
    assert found(lint(text, HACKMD), "NL301") == [(14, 3)]


# --------------------------------------------------------------- done markers


@pytest.mark.parametrize(
    ("item", "col"),
    [
        ("[x] release 1.0 (Julien)", 7),
        ("[X] release 1.0 (Julien)", 7),
        ("~~release 1.0 (Julien)~~", 3),
        ("~~release 1.0~~ (Julien)", 3),
        ("DONE release 1.0 (Julien)", 3),
        ("release 1.0 (Julien) DONE", 3),
        ("release 1.0 (Julien) (done)", 3),
        ("(Julien) release 1.0 (done)", 3),
        ("release 1.0 [done] (Julien)", 3),
        ("release 1.0 (Julien) ✅", 3),
    ],
)
def test_done_markers(item: str, col: int) -> None:
    (todo,) = todos_of(f"- {item}\n")
    assert todo.done
    assert (todo.line, todo.col) == (9, col)
    assert (todo.owner, todo.text) == ("Julien", "release 1.0")
    assert found(lint(HEAD + f"- {item}\n"), "NL301") == []


@pytest.mark.parametrize(
    "item",
    [
        "[ ] release 1.0 (Julien)",
        "~~release~~ 1.0 (Julien)",
        "release 1.0 (Julien)",
        "release the done-list tool (Julien)",
    ],
)
def test_not_done(item: str) -> None:
    (todo,) = todos_of(f"- {item}\n")
    assert not todo.done
    assert todo.owner == "Julien"


def test_done_child_of_an_owner_group() -> None:
    body = "- (Julien):\n    - [x] benchmark\n    - ~~review~~\n    - profile\n"
    assert [(t.owner, t.done, t.text) for t in todos_of(body)] == [
        ("Julien", True, "benchmark"),
        ("Julien", True, "review"),
        ("Julien", False, "profile"),
    ]


# ------------------------------------------------------------------ due dates


def test_due_dates_are_parsed() -> None:
    body = "- release (Julien) due: 2021-10-01\n- blog post (Guillaume) by September 30th, 2021\n"
    todos = todos_of(body)
    assert [(t.due, t.due_text) for t in todos] == [
        ("2021-10-01", "2021-10-01"),
        ("2021-09-30", "September 30th, 2021"),
    ]
    assert found(lint(HEAD + body), "NL303") == []


def test_nl303_due_date_before_the_meeting() -> None:
    body = "- release (Guillaume)\n- release (Julien) due: 2021-09-01\n"
    d = only(lint(HEAD + body), "NL303")
    assert (d.line, d.col) == (10, 3)
    assert "2021-09-01" in d.message and "before the meeting (2021-09-14)" in d.message
    assert d.severity is Severity.ERROR


def test_nl303_due_date_that_cannot_be_read() -> None:
    d = only(lint(HEAD + "- release (Julien) due: 2021-02-30\n"), "NL303")
    assert (d.line, d.col) == (9, 3)
    assert "'2021-02-30'" in d.message


def test_nl303_due_on_the_meeting_day_is_fine() -> None:
    assert found(lint(HEAD + "- release (Julien) due: 2021-09-14\n"), "NL303") == []


def test_nl303_no_meeting_date_only_checks_parsing() -> None:
    text = HEAD.replace("## 2021-09-14", "## Weekly") + "- release (Julien) due: 2021-09-01\n"
    assert found(lint(text), "NL303") == []


# ---------------------------------------------------------------------- NL301


def test_nl301_todo_without_an_owner() -> None:
    body = "- Release 1.0 (Guillaume)\n- Fix the CI\n    - details (Julien)\n"
    d = only(lint(HEAD + body), "NL301")
    assert (d.line, d.col) == (10, 3)
    assert "'Fix the CI'" in d.message
    assert "(Name)" in d.message  # says how to give it an owner
    assert d.severity is Severity.ERROR


def test_nl301_marker_todo_without_an_owner() -> None:
    text = HEAD.replace("- plans", "- plans\n- TODO: ask everyone") + "- x (Julien)\n"
    d = only(lint(text), "NL301")
    assert (d.line, d.col) == (6, 9)
    assert "'ask everyone'" in d.message


def test_nl301_owned_todos_do_not_fire() -> None:
    body = "- Release 1.0 (Guillaume)\n- (Julien):\n    - benchmark\n- @jjerphan profile\n"
    assert lint(HEAD + body) == []


# ---------------------------------------------------------------------- NL302


def test_nl302_owner_not_in_the_roster_with_did_you_mean() -> None:
    d = only(lint(HEAD + "- Release 1.0 (Guilaume)\n"), "NL302")
    assert (d.line, d.col) == (9, 3)
    assert "'Guilaume' is not in the roster" in d.message
    assert "did you mean 'Guillaume'?" in d.message
    assert d.fixable


def test_nl302_mentions_are_matched_against_logins() -> None:
    d = only(lint(HEAD + "- @glemaitr release 1.0\n"), "NL302")
    assert "did you mean 'glemaitre'?" in d.message


def test_nl302_group_owner_reported_once_on_the_name() -> None:
    diagnostics = lint(HEAD + "- (Jlien):\n    - benchmark\n    - profile\n")
    assert found(diagnostics, "NL302") == [(9, 4)]
    assert all("did you mean 'Julien'?" in d.message for d in diagnostics if d.code == "NL302")


def test_nl302_without_a_roster_anyone_goes() -> None:
    text = HEAD + "- Release 1.0 (Guilaume)\n"
    assert found(lint(text, {"extends": "sklearn-weekly"}), "NL302") == []


def test_nl302_aliases_and_logins_are_in_the_roster() -> None:
    data = {**SKLEARN, "people": {"Julien": {"login": "jjerphan", "aliases": ["Jules"]}}}
    assert lint(HEAD + "- a (Jules)\n- b (jjerphan)\n- @jjerphan c\n", data) == []


# ---------------------------------------------------------------------- NL304


@pytest.mark.parametrize("item", ["(Julien):", "Julien:", "[name=Julien]", "@jjerphan"])
def test_nl304_owner_and_nothing_to_do(item: str) -> None:
    d = only(lint(HEAD + f"- Release 1.0 (Guillaume)\n- {item}\n"), "NL304")
    assert (d.line, d.col) == (10, 3)
    assert "empty TODO for Julien" in d.message
    assert found(lint(HEAD + f"- {item}\n"), "NL301") == []


def test_nl304_done_marker_alone_is_empty_too() -> None:
    d = only(lint(HEAD + "- Julien: DONE\n"), "NL304")
    assert (d.line, d.col) == (9, 3)


# ----------------------------------------------------------------------- CRLF


def test_crlf_gives_the_same_todo_positions_as_lf() -> None:
    body = (
        "- Fix the CI\n- (Jlien):\n    - benchmark\n- Julien:\n- release (Julien) due: 2021-09-01\n"
    )
    text = HEAD.replace("- plans", "- plans\n    - TODO: ask everyone") + body
    lf = [(d.line, d.col, d.code, d.message) for d in lint(text)]
    assert {code for _, _, code, _ in lf} == {"NL301", "NL302", "NL303", "NL304"}
    assert [(d.line, d.col, d.code, d.message) for d in lint(text.replace("\n", "\r\n"))] == lf
    assert [summary(t) for t in parse(text.replace("\n", "\r\n")).todos] == [
        summary(t) for t in parse(text).todos
    ]


def test_nl302_on_a_group_owner_is_one_finding_on_the_name() -> None:
    """``- (Julein):`` over three TODOs: the misspelt name is reported once, where it is
    written (an editor underlines it), not once per TODO on their texts."""
    from conftest import make_config

    from notes_lint.linter import lint_text

    text = (
        "# S 2024-09-19\n\n## Attendees\n\n- Julien\n\n## Agenda\n\n- x\n\n## Action items\n\n"
        "- (Julein):\n    - one\n    - two\n    - three\n- Julein: four\n"
    )
    config = make_config({"extends": "generic", "people": {"Julien": "jjerphan"}})
    found = [d for d in lint_text(text, config, "2024-09-19.md") if d.code == "NL302"]
    assert [(d.line, d.col, d.end) for d in found] == [(13, 4, (13, 10)), (17, 3, None)]
    assert all(d.fixable for d in found)
