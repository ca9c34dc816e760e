"""TODO markers read on the rendered text, marker lines over lists, task items,
assignments and done markers (issue 13; field cases M3, D4, D6)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_config, run_cli
from hypothesis import event, given, settings
from hypothesis import strategies as st

from notes_lint.linter import lint_text
from notes_lint.markers import (
    find_assignment,
    find_marker,
    name_initials,
    strip_done,
    strip_marker,
    written_initials,
)
from notes_lint.model import Todo
from notes_lint.owners import strip_done as owners_strip_done
from notes_lint.owners import strip_marker as owners_strip_marker
from notes_lint.parse import parse_note
from notes_lint.source import from_text

FIELD = ROOT.parent / "shared" / "cases" / "field"
GENERIC_MARKERS = ("TODO:", "AI:", "Action:", "Action item:", "ACTION:", "Next steps:")
DONE = ("checkbox", "strikethrough", "DONE", "(done)", "[done]", "✅")


def todos_of(text: str, data: dict[str, Any] | None = None) -> tuple[Todo, ...]:
    config = make_config(data or {"extends": "generic"})
    return parse_note(from_text(text, "notes/2018-08-21.md"), config).todos


def table(todos: Sequence[Todo]) -> list[tuple[int, str | None, str]]:
    return [(t.line, t.owner, t.text) for t in todos]


# ------------------------------------------------------------ markers on plain text

M3_NOTE = """\
# Group Meeting 2018-08-21

## Attendees

* Ana

## Agenda

* Misc

AI(bruno): move this discussion to an issue.

AI[AN]: make a GH issue about the wording.

[*Action item*](https://github.com/example/meetings/issues/94): Chen to come back with data.

*AI*: Dara to try it out.

- **ACTION:** meeting with Ana and Bruno in November

- **Action item**: ask the other project about routing

Action Item for Emil: land the PR before the next meeting.

- TODO write a blog post about unwanted contributions

- Actionable steps to be done by @ana-gh:
    - [ ] list the subprojects
    - [ ] turn the list into a poll

- Release schedule
  A good part of the milestone is done.
  TODO: Feature highlights. Farah: draft highlights

- **[name=Gus] Action**: draft a code-of-conduct page
"""

M3_CONFIG: dict[str, Any] = {
    "extends": "generic",
    "todos": {
        "markers": [
            "TODO:",
            "AI:",
            "Action:",
            "Action item:",
            "ACTION:",
            "*AI:*",
            "**Action item**:",
        ]
    },
}


def test_markers_are_read_on_the_rendered_text() -> None:
    """M3: emphasis, links, an owner after the marker, no colon, a later line of an item."""
    assert table(todos_of(M3_NOTE, M3_CONFIG)) == [
        (11, "bruno", "move this discussion to an issue."),
        (13, "AN", "make a GH issue about the wording."),
        (15, "Chen", "come back with data."),
        (17, "Dara", "try it out."),
        (19, None, "meeting with Ana and Bruno in November"),
        (21, None, "ask the other project about routing"),
        (23, "Emil", "land the PR before the next meeting."),
        (25, None, "write a blog post about unwanted contributions"),
        (28, "ana-gh", "list the subprojects"),
        (29, "ana-gh", "turn the list into a poll"),
        (33, "Farah", "Feature highlights. draft highlights"),
        (35, "Gus", "draft a code-of-conduct page"),
    ]


def test_the_todo_column_is_where_its_text_starts_after_the_marker() -> None:
    todos = todos_of(M3_NOTE, M3_CONFIG)
    columns = {t.line: t.col for t in todos}
    # "- **ACTION:** meeting": the text starts after the closing "**".
    assert columns[19] == len("- **ACTION:** ") + 1
    # "[*Action item*](…): Chen to …": after the link.
    assert M3_NOTE.splitlines()[14][columns[15] - 1 :].startswith("Chen")


@pytest.mark.parametrize(
    "line",
    [
        "todo list review",  # a word, not a marker: lower case and no separator
        "Action plan was discussed",
        "Actionable steps are listed below",
        "AI-assisted development is allowed",
        "The TODO: list is long",  # not at the start
        "ACTION: none.",  # a marker over nothing to do
        "AI: none - still waiting on review",
    ],
)
def test_not_markers(line: str) -> None:
    assert todos_of(f"# M 2018-08-21\n\n{line}\n\n- {line}\n") == ()


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("AI - land the PR", "land the PR"),
        ("ACTION_ITEM: write the proposal", "write the proposal"),
        ("Actions: close the issue", "close the issue"),
        ("ACTION ITEM send the notes", "send the notes"),
        ("Action to revisit next meeting", "revisit next meeting"),
        ("action is to have a working session", "have a working session"),
        ("(TODO: validate the items below)", "validate the items below)"),
        ("**TODO**: ~~old~~ new plan", "~~old~~ new plan"),
        ("`TODO:` ship it", "ship it"),
    ],
)
def test_marker_spellings(line: str, text: str) -> None:
    (todo,) = todos_of(f"# M 2018-08-21\n\n{line}\n")
    assert todo.text == text


# ------------------------------------------------------------ markers heading lists


def test_a_marker_paragraph_heads_the_list_after_it() -> None:
    """D6: ``**Action item**:`` then a list: each item is a TODO, and no empty TODO."""
    text = "# M 2017-07-18\n\n**Action item**:\n\n* QX to measure on other CPUs.\n* Ana to contact them.\n"
    data = {"extends": "generic", "todos": {"markers": ["TODO:", "**Action item**:"]}}
    assert table(todos_of(text, data)) == [
        (5, "QX", "measure on other CPUs."),
        (6, "Ana", "contact them."),
    ]
    codes = [d.code for d in lint_text(text, make_config(data), "notes/2017-07-18.md")]
    assert "NL304" not in codes


def test_a_todo_section_title_written_as_a_paragraph_heads_its_list() -> None:
    text = "# M 2017-07-18\n\n**Next steps:**\n\n- Ana: write it up\n    - detail\n"
    assert table(todos_of(text)) == [(5, "Ana", "write it up")]


def test_a_bare_marker_line_heads_the_lines_under_it() -> None:
    text = "# M 2021-12-07\n\nActions\nPost the tool's info\nJory to check the licences\n"
    assert table(todos_of(text)) == [
        (4, None, "Post the tool's info"),
        (5, "Jory", "check the licences"),
    ]


D4_NOTE = """\
# Monthly meeting

## September 27, 2021

### Topics

- How to set priorities?
    - TODO: Ivo:
        - Ask everyone for 5 priorities
        - Cluster them
- Create a repo for the communication team
    - Todo: Ivo

### Action items

- (Ivo) announce the meeting
"""


def test_marker_and_owner_over_a_list_and_under_a_task() -> None:
    """D4: ``TODO: Ivo:`` over a list gives Ivo each child; ``Todo: Ivo`` under a task
    makes the task Ivo's; no TODO is just the name."""
    todos = todos_of(D4_NOTE, {"extends": "hackmd", "people": {"Ivo": "ivo-gh"}})
    assert table(todos) == [
        (9, "Ivo", "Ask everyone for 5 priorities"),
        (10, "Ivo", "Cluster them"),
        (11, "Ivo", "Create a repo for the communication team"),
        (16, "Ivo", "announce the meeting"),
    ]
    assert all(t.login == "ivo-gh" for t in todos)


def test_an_owner_tagged_item_owns_the_todos_under_it() -> None:
    text = "# M\n\n## 2024-10-28\n\n### Topics\n\n- [name=Ana]\n    - TODO: cut the release\n"
    (todo,) = todos_of(text, {"extends": "hackmd"})
    assert (todo.line, todo.owner, todo.owner_style) == (8, "Ana", "name-tag")


# ------------------------------------------------------------------- task items


def test_task_items_anywhere_with_the_option() -> None:
    text = (
        "# M 2018-08-21\n\n## Agenda\n\n- topic\n    - [ ] write the post (Ana)\n    - [x] ship\n"
    )
    on = todos_of(text)
    assert [(t.line, t.owner, t.text, t.done) for t in on] == [
        (6, "Ana", "write the post", False),
        (7, None, "ship", True),
    ]
    off = todos_of(text, {"extends": "generic", "todos": {"task-items": False}})
    assert off == ()


def test_quoted_task_items_are_not_todos() -> None:
    text = "# M 2018-08-21\n\n> - [ ] @joshtriplett\n> TODO: quoted\n"
    assert todos_of(text) == ()


# ------------------------------------------------------------------ assignments

ASSIGNMENTS = """\
# CPC Meeting 2019-02-11

## Present

* Myles Borins (@MylesBorins)
* Jory Burson
* simulacrum

## Agenda

* Charter
  * Myles to remove the objection.
  * Consensus: sounds good; Jory to send the doodle
  * Open issue in the repo (Myles to open)
  * Need to discuss the budget.
  * Agreed to land it.
  * Jory, need to dig into it.
  * Last week's AI: Jory to update the PR
  * Myles takes action to land the PR
  * simulacrum to post a comment
"""


def test_assignments_to_people_of_the_meeting() -> None:
    assert table(todos_of(ASSIGNMENTS)) == [
        (12, "Myles", "remove the objection."),
        (13, "Jory", "send the doodle"),
        (14, "Myles", "open"),
        (19, "Myles", "to land the PR"),
        (20, "simulacrum", "post a comment"),
    ]
    off = {"extends": "generic", "todos": {"assignments": False}}
    assert todos_of(ASSIGNMENTS, off) == ()


def test_a_note_with_an_action_item_list_keeps_its_actions_there() -> None:
    """Myles has an item in the list: his assignments in the discussion restate it.
    Jory and simulacrum have none: theirs are new actions (BatmanAod in the rust minutes)."""
    text = ASSIGNMENTS + "\n## Action items\n\n* Myles to write the proposal\n"
    assert table(todos_of(text)) == [
        (13, "Jory", "send the doodle"),
        (20, "simulacrum", "post a comment"),
        (24, "Myles", "write the proposal"),
    ]


# ---------------------------------------------------------------- done markers


@pytest.mark.parametrize(
    ("item", "done", "text"),
    [
        ("Move the cards to the DONE column (Bob)", False, "Move the cards to the DONE column"),
        ("Rename the ✅ reaction rule (Bob)", False, "Rename the ✅ reaction rule"),
        ("Mark [done] items as such (Bob)", False, "Mark [done] items as such"),
        ("Fix the (done) handling (Bob) (done)", True, "Fix the (done) handling"),
        ("DONE: ship it (Bob)", True, "ship it"),
        ("✅ ship it (Bob)", True, "ship it"),
        ("ship it (Bob) ✅", True, "ship it"),
        ("ship it [done] (Bob)", True, "ship it"),
    ],
)
def test_done_is_a_marker_at_the_start_or_the_end(item: str, done: bool, text: str) -> None:
    body = f"# M 2024-01-02\n\n## Action items\n\n- {item}\n"
    (todo,) = todos_of(body, {"extends": "generic", "people": {"Bob": None}})
    assert (todo.done, todo.text, todo.owner) == (done, text, "Bob")


SKLEARN = {"extends": "sklearn-weekly", "people": {"Oskar": None}}
SKLEARN_HEAD = "## March 19th, 2024\n\n### Discussion\n\n- Things\n\n### TODO / Next\n\n"


@pytest.mark.parametrize(
    ("item", "owner", "text"),
    [
        ("Oskar: tag 1.6 - done", "Oskar", "tag 1.6"),
        ("tag 1.5 done", None, "tag 1.5"),
        ("tag 1.4. Done.", None, "tag 1.4"),
        ("tag 1.8 (DONE!)", None, "tag 1.8"),
        ("tag 2.4 **DONE**", None, "tag 2.4"),
        ("tag 2.5 *(done)*", None, "tag 2.5"),
        ("tag 2.6 _done_", None, "tag 2.6"),
        ("Done - Oskar: tag 2.2", "Oskar", "tag 2.2"),
        ("tag 2.0 ✅ (merged)", None, "tag 2.0 (merged)"),
        ("tag 2.1 → done", None, "tag 2.1"),
        ("**DONE** Oskar: tag 2.3", "Oskar", "tag 2.3"),
        ("tag 2.7 :white_check_mark:", None, "tag 2.7"),
        ("(done): tag 2.8", None, "tag 2.8"),
        ("Oskar: tag 2.9, done", "Oskar", "tag 2.9"),
    ],
)
def test_done_markers_as_writers_spell_them(item: str, owner: str | None, text: str) -> None:
    (todo,) = todos_of(SKLEARN_HEAD + f"- {item}\n", SKLEARN)
    assert (todo.done, todo.owner, todo.text) == (True, owner, text)


@pytest.mark.parametrize(
    "item",
    [
        "Move the cards to the DONE column",
        "done-callback",
        "DONE-callback",
        "[done] prefix",
        "Use the [done] prefix",
        "Make sure it is done right",
        "We are not done",
        "Get the release done",
        "It should be done",
        "The docs are half done",
        "Done criteria for the release",
        "Rename the file to state.done",
    ],
)
def test_done_as_a_word_of_the_task_keeps_it_open(item: str) -> None:
    (todo,) = todos_of(SKLEARN_HEAD + f"- {item}\n", SKLEARN)
    assert (todo.done, todo.text) == (False, item)


def test_done_markers_in_the_ledger_of_a_real_run(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\npeople:\n  Oskar: null\n", encoding="utf-8"
    )
    note = tmp_path / "2024-03-19.md"
    items = "- Oskar: tag 1.5 done\n- **DONE** Oskar: tag 2.3\n- Oskar: we are not done\n"
    note.write_text(SKLEARN_HEAD + items, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run_cli("todos", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    assert sorted((e["text"], e["done"]) for e in entries) == [
        ("tag 1.5", True),
        ("tag 2.3", True),
        ("we are not done", False),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40))
def test_a_task_keeps_its_words_around_a_stripped_marker(body: str) -> None:
    """Stripping a done marker removes the marker and never a word of the task."""
    body = " ".join(body.split()).strip(" -–—:.,;!→>✅*_()[]") or "ship"
    if re.search(r"(?i)done|[*_~]", body):
        event("the body holds a marker: not checked")
        return
    event("checked")
    for text in (f"{body} - done", f"DONE: {body}", f"{body} **DONE**", f"{body} (done)"):
        stripped, done = strip_done(text, DONE)
        assert done
        assert stripped == body.strip(" -–—:")


# ------------------------------------------------------ a speaker's initials


def _transcript(attendees: str, notes: str) -> str:
    return f"# Finance sync 2024-03-04\n\n## Attendees\n\n{attendees}\n## Notes\n\n{notes}"


TURNS = "MB: Did anyone check the receipts?\n\nAI: I can look at the receipts next week.\n\n"
TURNS += "MB: And the report?\n\nAI: Sure, I'll do it.\n"


@pytest.mark.parametrize(
    ("attendees", "notes"),
    [
        # the attendance writes the initials after the name, or as the entry
        ("- Alba Iglesias (AI)\n- Marc Bosch (MB)\n", TURNS),
        ("- Alba Iglesias (AI)\n", "AI: I can look at the receipts next week.\n"),
        ("- AI\n- MB\n", TURNS),
        ("- Alba Iglesias (AI), Marc Bosch (MB)\n", "- AI: Sure, I'll do it.\n"),
        # the other lines are speaker turns by initials: the attendees' initials speak
        ("- Alba Iglesias\n- Marc Bosch\n", TURNS),
        ("- Alba Iglesias (@alba)\n- Marc Bosch\n", TURNS),
    ],
)
def test_a_speakers_initials_are_their_turn_not_a_marker(attendees: str, notes: str) -> None:
    assert todos_of(_transcript(attendees, notes)) == ()


@pytest.mark.parametrize(
    ("attendees", "notes"),
    [
        # no attendee has the initials AI (openjs-cpc 2019-07-10's gold judgment)
        ("- Jory Burson\n- Joe Sepi\n", "JS: Reminder to share times.\n\nAI: move the text\n"),
        # an attendee with those initials, but no transcript by initials
        ("- Alba Iglesias\n", "AI: move the text\n"),
        # the marker names its owner: a marker, whoever attends
        ("- Alba Iglesias (AI)\n", "AI(Alba): move the text\n"),
    ],
)
def test_an_ai_marker_stays_a_todo_without_a_speaker_of_its_initials(
    attendees: str, notes: str
) -> None:
    (todo,) = todos_of(_transcript(attendees, notes))
    assert todo.text == "move the text"


def test_no_nl301_for_a_speakers_turn_in_a_real_run(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    note = tmp_path / "2024-03-04.md"
    note.write_text(_transcript("- Alba Iglesias (AI)\n- Marc Bosch (MB)\n", TURNS))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run_cli("check", "--select", "NL301", note.name, cwd=tmp_path)
    assert "NL301" not in result.stdout, result.stdout
    result = run_cli("dump", note.name, cwd=tmp_path)
    assert json.loads(result.stdout)["todos"] == []


_NAME = st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAME, min_size=2, max_size=4))
def test_initials_of_a_name_as_written_and_as_derived(words: list[str]) -> None:
    initials = "".join(w[0] for w in words)
    assert initials in name_initials(" ".join(words) + " (@login)")
    assert (words[0][0] + words[-1][0]) in name_initials(" ".join(words))
    event("written initials checked" if len(initials) <= 4 else "too many initials")
    if len(initials) <= 4:
        assert initials in written_initials(f"{' '.join(words)} ({initials})")


def test_the_old_names_stay_importable_from_owners() -> None:
    assert owners_strip_done is strip_done
    assert owners_strip_marker is strip_marker


# ------------------------------------------------------------------- properties

_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_done_marker_inside_the_text_never_goes(middle: str) -> None:
    """Every word of a text stays when a done marker sits inside it."""
    text = f"Move {middle.strip()} to the DONE column"
    stripped, done = strip_done(text, DONE)
    event("read as done" if done else "not read as done")
    assert not done or stripped != text
    if not done:
        assert "DONE" in stripped


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_done_marker_at_an_end_is_always_read(body: str) -> None:
    body = body.strip(" \t\n\r\f\v-–—:.✅") or "ship"
    for text in (f"{body} (done)", f"✅ {body}", f"{body} [done]"):
        _, done = strip_done(text, DONE)
        assert done


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_find_marker_is_total_and_points_inside_the_text(before: str, after: str) -> None:
    for text in (before, f"TODO: {after}", f"{before} AI: {after}"):
        found = find_marker(text, GENERIC_MARKERS)
        if found is not None:
            assert 0 <= found.start <= found.end <= len(text)
    if re.match(r"(?i)\s*(none|nothing|n/a)(?![\w/])", after):
        event("nothing to do")
        return  # "TODO: none" says there is nothing to do
    if re.match(r"(?i)\s*(consensus|decision|decided|agreed|resolved|approved)(?![\w-])", after):
        event("a decision")
        return  # "TODO: Decision: …" records an outcome, no action
    if re.search(r"[a-z]{3,}ed(?![\w-])", after):
        event("maybe a report in the past tense")
        return  # "Actions: PR landed"
    event("a task after TODO:" if after.strip() else "an empty task")
    found = find_marker(f"TODO: {after}", GENERIC_MARKERS)
    assert found is not None
    assert f"TODO: {after}"[found.end :].strip() == after.strip() or not after.strip()


# "Ana to …", "Ana takes action to …", "Ana and Bob to …" (of the grammar find_assignment
# reads), for Ana (a person) or a word that is not one, after any text and a clause start.
_CLAUSES = st.builds(
    "{}{}{} {} {}".format,
    _TEXT,
    st.sampled_from(["", ". ", "; ", "\n", ", ", " (", " Summary: "]),
    st.sampled_from(["Ana", "Ana", "Bob", "Need", "Ana and Bob", "Bob, Ana", "@Ana", "Agreed"]),
    st.sampled_from(["to", "takes action to", "will take action to", "to take the action to"]),
    _TEXT,
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_CLAUSES, _CLAUSES, _CLAUSES, _TEXT))
def test_find_assignment_names_only_people(text: str) -> None:
    found = find_assignment(text, lambda name: name == "Ana")
    event("an assignment" if found is not None else "no assignment")
    if found is not None:
        assert found.names[0] == "Ana"


def test_marker_scans_are_linear() -> None:
    """Long hostile lines cost about as much as short ones (no backtracking)."""
    import time

    shapes = ("AI" + " " * 50_000 + "x", "(" * 50_000, "TODO" + "-" * 50_000, "a, " * 20_000)
    # A paragraph of links: a clause start after each "https:" looks back to its label.
    for text in (*shapes, " https://a.org" * 20_000, " a: b" * 20_000):
        start = time.perf_counter()
        find_marker(text, GENERIC_MARKERS)
        strip_done(text, DONE)
        find_assignment(text, lambda name: True)
        assert time.perf_counter() - start < 2.0


# ------------------------------------------------------------------ field cases


def _field_case(name: str, tmp_path: Path) -> Path:
    case = FIELD / name
    if not case.is_dir():
        pytest.skip(f"the field cases are absent ({FIELD}): a fresh clone has no ../shared")
    work = tmp_path / name
    shutil.copytree(case, work)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    return work


def _dump_todos(work: Path, note: str) -> list[tuple[int, str | None, str]]:
    done = run_cli("dump", note, cwd=work)
    assert done.returncode == 0, done.stderr
    return [(t["line"], t["owner"], t["text"]) for t in json.loads(done.stdout)["todos"]]


def test_field_case_m3_action_item_forms(tmp_path: Path) -> None:
    work = _field_case("M3-action-item-forms", tmp_path)
    todos = _dump_todos(work, "notes/2018-08-21.md")
    assert [(line, owner) for line, owner, _ in todos] == [
        (11, "bruno"),
        (13, "AN"),
        (15, "Chen"),
        (17, "Dara"),
        (19, None),
        (21, None),
        (23, "Emil"),
        (25, None),
        (28, "ana-gh"),
        (29, "ana-gh"),
        (33, "Farah"),
        (35, "Gus"),
    ]


def test_field_case_d4_todo_marker_owner(tmp_path: Path) -> None:
    work = _field_case("D4-todo-marker-owner", tmp_path)
    todos = _dump_todos(work, "notes/2021-09-27.md")
    assert [(line, owner) for line, owner, _ in todos] == [
        (9, "Ivo"),
        (10, "Ivo"),
        (11, "Ivo"),
        (16, "Ivo"),
    ]
    assert all(text != "Ivo" for _, _, text in todos)


def test_field_case_d6_marker_paragraph_list(tmp_path: Path) -> None:
    work = _field_case("D6-marker-paragraph-list", tmp_path)
    assert _dump_todos(work, "notes/2017-07-18.md") == [
        (13, "QX", "measure on other CPUs."),
        (14, "Ana", "contact the other vendors."),
    ]
    check = run_cli("check", "--no-cache", "--format", "json", cwd=work)
    assert "NL304" not in {d["code"] for d in json.loads(check.stdout or "[]")}


def test_labels_under_a_marker_are_details() -> None:
    """D2's kind: under ``TODO:``, ``Benefit:`` and ``Note:`` items explain, they are not
    TODOs; with a roster, a label that names no one is one too."""
    text = (
        "# M\n\n## September 5, 2022\n\n### Topics\n\n- Contributor roles\n    - TODO:\n"
        "        - Add a notion of recurrent contributor\n"
        "        - Benefit: accepting people more easily\n"
        "        - Motivation: we agreed on this in May\n"
        "        - Ana: write the proposal\n"
    )
    data = {"extends": "hackmd", "people": {"Ana": "ana-gh"}}
    assert table(todos_of(text, data)) == [
        (9, None, "Add a notion of recurrent contributor"),
        (12, "Ana", "write the proposal"),
    ]


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("*AI: Dara to try it out*", "try it out"),
        ("**TODO: write the post**", "write the post"),
        ("- **Myles to fcp merge**", "fcp merge"),
    ],
)
def test_emphasis_around_a_whole_todo_is_not_its_text(line: str, text: str) -> None:
    body = f"# M 2019-02-11\n\n## Present\n\n* Myles, Dara\n\n## Agenda\n\n{line}\n"
    (todo,) = todos_of(body)
    assert todo.text == text


def test_a_todo_heading_above_the_section_level_heads_its_items() -> None:
    # "# Action items" where sections are at level 2: no section, but its items are TODOs.
    text = (
        "# 2019-10-03\n\n# Action items\n\n* [ ] Ana to book the room\n"
        "* reach out to the parser group (Bruno)\n\n## Agenda\n\n* a topic\n"
    )
    todos = todos_of(text, {"sections": {"level": 2, "unknown": "allow"}})
    assert [(t.line, t.owner, t.section) for t in todos] == [
        (5, "Ana", "Action items"),
        (6, "Bruno", "Action items"),
    ]


def test_a_task_box_outside_a_list_does_not_hide_an_assignment() -> None:
    # Exported minutes keep "[ ]" on a paragraph line; the assignment after it counts.
    assert find_assignment("[ ] @Nicholas M to open an issue", {"Nicholas M"}.__contains__)
    assert find_assignment("[x] Ana to book the room", {"Ana"}.__contains__)


@pytest.mark.parametrize(
    ("entry", "todo"),
    [
        ("[Beta nominations](https://example.org/beta)", False),
        ("<https://example.org/pr/1>", False),
        ("#123", False),
        ("[RFC 2753](https://example.org/rfc) — Ana to write the summary", True),
        ("book the room", True),
    ],
)
def test_a_task_item_that_is_only_a_link_is_a_checklist_entry(entry: str, todo: bool) -> None:
    todos = todos_of(f"# 2018-08-21\n\n## Agenda\n\n- [x] {entry}\n", {"extends": "generic"})
    assert bool(todos) is todo


@pytest.mark.parametrize(
    ("line", "todo"),
    [
        ("Actions: PR landed", False),
        ("Actions: Joe Sepi and Kris Borchers confirmed for the roles", False),
        ("ACTION: Consensus is that we will not share the details", False),
        ("AI: Hamid agreed to update the FAQ.", True),
        ("ACTION: agreed to revisit it next week", True),
        ("Actions: No action on the PR. JB to poke the voting reps.", True),
        ("AI: PR needs a review from Ana", True),
    ],
)
def test_a_marker_over_an_outcome_is_no_action(line: str, todo: bool) -> None:
    assert (find_marker(line, GENERIC_MARKERS) is not None) is todo


def test_a_question_under_a_marker_heading_is_not_an_action() -> None:
    text = (
        "# 2020-06-15\n\n## Notes\n\nNext steps:\n\n- Loop in Ana to get an opinion.\n"
        "- Maybe move to an MCP to prototype the process?\n"
    )
    assert [t.line for t in todos_of(text)] == [7]


def test_a_marker_inside_a_todo_section_gives_its_owner_and_leaves_the_text() -> None:
    text = (
        "# Title 2026-05-11\n\n## Attendees\n\n- Kenji\n- Fatima\n\n## Action items\n\n"
        "- TODO: Kenji to send the slides\n- ACTION: Kenji - tag the release\n"
        "- AI(Fatima): chase the CLA bot\n- TODO(Kenji): fix the flaky test\n"
        "- TODO: ask finance (Fatima)\n"
    )
    assert table(todos_of(text)) == [
        (10, "Kenji", "send the slides"),
        (11, "Kenji", "tag the release"),
        (12, "Fatima", "chase the CLA bot"),
        (13, "Kenji", "fix the flaky test"),
        (14, "Fatima", "ask finance"),
    ]


# ------------------------------------------------ forms of the rust and openjs minutes


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("ACTTION ITEM send the notes", "send the notes"),  # a letter doubled
        ("TOOD: fix the build", "fix the build"),  # two letters swapped
        ("ACTOIN: ping legal", "ping legal"),
    ],
)
def test_a_marker_in_capitals_with_one_typo_is_the_marker(line: str, text: str) -> None:
    (todo,) = todos_of(f"# M 2018-08-21\n\n{line}\n")
    assert todo.text == text


@pytest.mark.parametrize(
    "line",
    [
        "TODAY: we met",  # two letters from TODO
        "CODE: freeze on Friday",
        "AIM: a faster build",  # AI is too short to have a typo form
        "Tood: lower case is a word, not a marker",
    ],
)
def test_words_near_a_marker_are_not_markers(line: str) -> None:
    assert todos_of(f"# M 2018-08-21\n\n{line}\n") == ()


@pytest.mark.parametrize(
    ("line", "owner", "text"),
    [
        ("Pending action item for Myles to talk to the board.", "Myles", "talk to the board."),
        ("Action item for Jory to send the doodle", "Jory", "send the doodle"),
        ("Open action item: Myles to land the PR", "Myles", "land the PR"),
    ],
)
def test_a_status_word_and_an_owner_around_a_marker(line: str, owner: str, text: str) -> None:
    (todo,) = table(todos_of(ASSIGNMENTS.split("## Agenda")[0] + f"## Agenda\n\n* {line}\n"))[:1]
    assert todo[1:] == (owner, text)


def test_a_task_box_gives_will_an_action_and_narrative_will_stays_narrative() -> None:
    """``[ ] Niko will review`` is a task even where task items are off (the triage
    checklists of the rust minutes); ``Niko will review`` outside a box is a narrative."""
    text = (
        "# M 2019-10-03\n\n## Attendance\n\n* Niko, Centril\n\n## Triage\n\n"
        "* [x] [Stabilize RFC 2451](https://github.com/rust-lang/rust/issues/63599)\n"
        "    * [ ] Niko will review tests some more\n"
        "    * [ ] Centril will be out next week\n"
        "* Niko will review the PR\n"
    )
    config = {"extends": "generic", "todos": {"task-items": False, "assignments": True}}
    assert table(todos_of(text, config)) == [(10, "Niko", "review tests some more")]


def test_a_person_the_note_writes_is_a_person_of_the_meeting() -> None:
    """Not in the attendance, but a speaker of the note's turns (``Dawson: …``) or named
    alone in brackets after a topic (``(BatmanAod)``): their assignments count."""
    text = (
        "# M 2018-12-17\n\n## Present\n\n* Myles Borins\n\n## Agenda\n\n"
        "* Elections\n  * Dawson: there are three models of election\n"
        "  * Dawson to take the action.\n\n"
        "**ffi-unwind (BatmanAod)**\n\n- BatmanAod to post an explainer\n"
        "- Goal: to have a plan\n"  # a label, not a speaker
    )
    assert table(todos_of(text)) == [
        (11, "Dawson", "take the action."),
        (15, "BatmanAod", "post an explainer"),
    ]


def test_a_date_label_before_an_assignment_under_a_marker() -> None:
    """``2021-05-11: Felix to ask …`` under ``Pending action item:``: the day the action
    was given, then its owner."""
    text = (
        "# M 2021-06-01\n\n## Present\n\n* Felix, Niko\n\n## Triage\n\n"
        "* Pending action item:\n"
        "    * 2021-05-11: Felix to ask for the grammar implications\n"
        "    * [2021-05-04]: Niko to track down the RFC\n"
    )
    assert table(todos_of(text)) == [
        (10, "Felix", "ask for the grammar implications"),
        (11, "Niko", "track down the RFC"),
    ]


def test_a_struck_name_is_the_writers_correction() -> None:
    """``~~Niko~~ Felix to register …``: Felix owns it; a line struck whole is done."""
    text = (
        "# M 2021-04-20\n\n## Present\n\n* Felix, Niko\n\n## Notes\n\n"
        "* ~~Niko~~ Felix to register a concern\n"
        "* ~~Niko to post the summary~~\n"
    )
    todos = todos_of(text)
    assert [(t.line, t.owner, t.owners) for t in todos] == [
        (9, "Felix", ("Felix",)),
        (10, "Niko", ("Niko",)),
    ]
    assert todos[1].done


# ------------------------------------------------ fresh-eyes cases (issue 13, review)


def test_several_owners_before_a_short_task() -> None:
    """``Ingrid and Bartek to plan onsite`` is an assignment of two, never an owner group
    of ``Ingrid`` and ``onsite`` with an empty text."""
    text = (
        "# M 2024-11-05\n\n## Attendees\n\n- Mateus, Ingrid, Bartek\n\n## Action items\n\n"
        "- Ingrid and Bartek to plan onsite\n- Mateus & Ingrid to update docs\n"
        "- Mateus / Ingrid to update docs\n- Ingrid, Bartek\n  - draft the agenda\n"
    )
    assert [(t.owners, t.text) for t in todos_of(text)] == [
        (("Ingrid", "Bartek"), "plan onsite"),
        (("Mateus", "Ingrid"), "update docs"),
        (("Mateus", "Ingrid"), "update docs"),
        (("Ingrid", "Bartek"), "draft the agenda"),
    ]


def test_a_schema_section_one_level_deeper_under_no_section_holds_todos() -> None:
    text = "# M 2024-11-26\n\n### Attendees\n\n- Ingrid\n\n### Action items\n\n- Ingrid: review\n- write docs\n"
    assert table(todos_of(text)) == [(9, "Ingrid", "review"), (10, None, "write docs")]


@pytest.mark.parametrize(
    "item",
    [
        "Priya: list what's done",
        "Priya: report what we've done",
        "Priya: keep going until it's done",
        "Tomasz: ping me when done",
        "Tomasz: tell me once done",
        "Tomasz: ask Odile if done",
    ],
)
def test_done_in_a_clause_of_time_or_a_relative_is_a_word(item: str) -> None:
    (todo,) = todos_of(f"# M 2024-11-05\n\n## Action items\n\n- {item}\n")
    assert not todo.done and todo.text.endswith("done")


def test_an_explicit_marker_owner_outside_the_roster_is_the_owner() -> None:
    data = {"extends": "generic", "people": {"Priya": "praman"}}
    text = "# M 2024-09-19\n\n## Notes\n\nAI(Zed): check mirrors\n\nAction item for folks: review\n"
    assert [(t.owner, t.text) for t in todos_of(text, data)] == [
        ("Zed", "check mirrors"),
        (None, "review"),
    ]


def test_a_marker_and_owner_over_a_list_in_a_todo_section() -> None:
    data = {"extends": "generic", "people": {"Mateus": None}}
    text = "# M 2024-09-19\n\n## Action items\n\n- TODO: Mateus:\n  - benchmark the disks\n  - write it up\n"
    assert table(todos_of(text, data)) == [
        (6, "Mateus", "benchmark the disks"),
        (7, "Mateus", "write it up"),
    ]


def test_struck_names_and_a_text_struck_in_runs() -> None:
    text = (
        "# M 2024-09-19\n\n## Action items\n\n- ~~Kwame~~ Priya: book the venue\n"
        "- ~~Centril to comment on #~~~~45600~~ ~~and do a PR~~\n"
    )
    first, second = todos_of(text)
    assert (first.owner, first.text, first.done) == ("Priya", "book the venue", False)
    assert (second.owner, second.done) == ("Centril", True)


def test_a_todo_under_a_head_takes_the_owner_named_under_it() -> None:
    text = "# M 2024-09-19\n\n## Notes\n\nTODO: Tomasz:\n- cut the branch\n\n- Fix the installer\n  - Todo: Odile\n"
    data = {"extends": "generic", "people": {"Tomasz": None, "Odile": None}}
    assert table(todos_of(text, data)) == [
        (6, "Tomasz", "cut the branch"),
        (8, "Odile", "Fix the installer"),
    ]


def test_phrases_around_a_roster_name_are_not_its_typos() -> None:
    """``Ask Ingrid``, ``Bartek's team``: not near-misses of Ingrid and Bartek."""
    data = {"extends": "generic", "people": {"Bartek": None, "Ingrid": None, "Lucía Gómez": None}}
    text = (
        "# M 2024-09-19\n\n## Action items\n\n- Ask Ingrid to review\n"
        "- Bartek's team to look at it\n- Gomez to present again\n"
    )
    assert [t.owner for t in todos_of(text, data)] == [None, None, "Lucía Gómez"]


def test_a_name_alone_in_brackets_in_a_heading_is_a_person() -> None:
    text = "# M 2024-09-19\n\n## Attendees\n\n- Ana\n\n### Borrowck rework (Okonkwo)\n\n- Okonkwo to split the PR\n"
    assert table(todos_of(text)) == [(9, "Okonkwo", "split the PR")]
