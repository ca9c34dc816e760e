"""Due phrases real notes use (issue 18 follow-up): ``due on``, ``due date``, ``deadline``.

A reviewer found TODOs whose due date a reader sees but notes-lint did not read:
``(Ana) due on 2021-09-01``, ``(Ana), due date: 2021-09-01``, ``(Ana) (due date
2021-09-01)``, ``(Ana) deadline: Sept 1``, ``(Ana) (deadline: 1 September 2021)``.  Each
keyword of :data:`notes_lint.config.DUE_KEYWORDS` introduces a date in any format the
date module reads; ``before`` only when its date closes the TODO.  The notes here are
written for the test (none is copied from the corpus); the dates are written by the
renderers of tests/test_due_dates.py, so the oracle is the date the test wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import make_config, run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st
from test_due_dates import WRITTEN
from test_sync_plan import assert_followed_up_under

from notes_lint.config import DUE_KEYWORDS, default_due_pattern
from notes_lint.dates import NAMED_FORMATS, read_due
from notes_lint.identity import todo_id
from notes_lint.model import Todo
from notes_lint.parse import parse_note
from notes_lint.source import from_text

MEETING = dt.date(2021, 10, 5)
BEFORE = dt.date(2021, 9, 1)
AFTER = dt.date(2021, 11, 1)

# The reviewer's TODOs, ``{d}`` standing for the date; each is Ana's.
PHRASES = (
    "send the slides (Ana) due on {d}",
    "send the slides (Ana), due date: {d}",
    "send the slides (Ana) (due date {d})",
    "send the slides (Ana) deadline {d}",
    "send the slides (Ana) deadline: {d}",
    "send the slides (Ana) (deadline: {d})",
    "send the slides (Ana) due by {d}",
    "send the slides (Ana) Deadline {d}",
    "send the slides (Ana) DUE DATE: {d}",
    "send the slides (Ana) before {d}",
    "send the slides (Ana) before {d}.",
    "send the slides before {d} (Ana)",
)
# Each date as the reviewer wrote it: iso, day-month-year, month-day-year.
SPELLINGS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.day} {d.strftime('%B')} {d.year}",
    lambda d: f"{d.strftime('%b')} {d.day}, {d.year}",
)


def _note(todos: list[str], meeting: dt.date = MEETING) -> str:
    return f"# Meeting {meeting}\n\n## Action items\n\n" + "".join(
        f"- TODO: {todo}\n" for todo in todos
    )


FIRST = 5  # the first TODO's line in :func:`_note`


def _dump(folder: Path, name: str) -> list[dict[str, object]]:
    result = run_cli("dump", "--no-cache", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    todos: list[dict[str, object]] = json.loads(result.stdout)["todos"]
    return todos


def _nl303(folder: Path) -> dict[int, str]:
    result = run_cli("check", "--no-cache", "--format", "json", "--select", "NL303", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return {d["line"]: d["message"] for d in json.loads(result.stdout) if d["code"] == "NL303"}


def _ledger(folder: Path) -> list[dict[str, object]]:
    result = run_cli("todos", "--no-cache", "--format", "json", "--today", "2021-12-01", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, object]] = json.loads(result.stdout)["entries"]
    return entries


def _todos(due: dt.date) -> tuple[list[str], list[str]]:
    """Every phrase with ``due`` in every spelling, and each TODO's date as written."""
    todos, written = [], []
    for phrase in PHRASES:
        for spell in SPELLINGS:
            todos.append(phrase.format(d=spell(due)))
            written.append(spell(due))
    return todos, written


@pytest.mark.parametrize("due", [BEFORE, AFTER], ids=["before", "after"])
def test_each_phrase_gives_its_due_date_and_owner(tmp_path: Path, due: dt.date) -> None:
    todos, written = _todos(due)
    folder = write_team(tmp_path, "{}\n", {"2021-10-05.md": _note(todos)})
    dumped = _dump(folder, "2021-10-05.md")
    assert [(t["owner"], t["due"], t["due_text"]) for t in dumped] == [
        ("Ana", due.isoformat(), text) for text in written
    ]
    found = _nl303(folder)
    if due > MEETING:
        assert found == {}
        return
    expected = {}
    for line, text in enumerate(written, FIRST):
        shown = text if text == due.isoformat() else f"'{text}' ({due})"
        expected[line] = (
            f"due date {shown} is before the meeting ({MEETING}):"
            " overdue or mistyped; write the date it is now due"
        )
    assert found == expected


def test_a_yearless_deadline_is_the_next_such_day(tmp_path: Path) -> None:
    """``deadline: Sept 1`` has no year: the first 1 September on or after the meeting."""
    todos = ["send the slides (Ana) deadline: Sept 1", "book the room (Ana) (deadline: 1 Sept)"]
    folder = write_team(
        tmp_path,
        "{}\n",
        {
            "2021-08-20.md": _note(todos, dt.date(2021, 8, 20)),
            "2021-10-05.md": _note(todos),
        },
    )
    assert [t["due"] for t in _dump(folder, "2021-08-20.md")] == ["2021-09-01"] * 2
    assert [t["due"] for t in _dump(folder, "2021-10-05.md")] == ["2022-09-01"] * 2
    assert _nl303(folder) == {}


def test_the_owner_before_a_closing_deadline_is_the_owner(tmp_path: Path) -> None:
    """``Release 1.0 (Guillaume) deadline: 2021-10-01``: the due phrase is said after the
    TODO and its owner, with or without brackets around it, with or without a roster.
    ``(Guillaume), due date: …`` is a tag in the middle of the text (issue 18, part h):
    its sides are joined as prose, the comma kept, with a roster or without one."""
    todos = [
        "Release 1.0 (Guillaume) deadline: 2021-10-01",
        "Release 1.1 (Guillaume) (deadline: 2021-10-01)",
        "Release 1.2 (Guillaume), due date: 1 October 2021",
        "Release 1.3 (Guillaume) due on 2021-10-01.",
        "Release 1.4 (Guillaume) before 2021-10-01",
    ]
    write_team(tmp_path, "{}\n", {"2021-10-05.md": _note(todos)})
    assert [(e["owner"], e["text"]) for e in _ledger(tmp_path)] == [
        ("Guillaume", "Release 1.0 deadline: 2021-10-01"),
        ("Guillaume", "Release 1.1 (deadline: 2021-10-01)"),
        ("Guillaume", "Release 1.2, due date: 1 October 2021"),
        ("Guillaume", "Release 1.3 due on 2021-10-01."),
        ("Guillaume", "Release 1.4 before 2021-10-01"),
    ]
    assert sorted(_nl303(tmp_path)) == list(range(FIRST, FIRST + len(todos)))
    texts = [e["text"] for e in _ledger(tmp_path)]
    write_team(tmp_path, "people: {Guillaume: glemaitre}\n", {})  # the roster names him
    entries = _ledger(tmp_path)
    assert [e["owner"] for e in entries] == ["Guillaume"] * len(todos)
    assert [e["text"] for e in entries] == texts


@pytest.mark.parametrize(
    "phrase",
    [
        "send the slides (Ana) deadline {d}",
        "send the slides (Ana) (deadline: {d})",
        "send the slides (Ana), due date: {d}",
        "send the slides (Ana) due on {d}",
        "send the slides (Ana) before {d}",
    ],
)
def test_a_moved_deadline_keeps_the_todo_id(tmp_path: Path, phrase: str) -> None:
    """PRODUCT.md §7: a due date moved between meetings is still the same TODO."""
    write_team(
        tmp_path,
        "{}\n",
        {
            "2021-08-24.md": _note([phrase.format(d="2021-09-01")], dt.date(2021, 8, 24)),
            "2021-08-31.md": _note([phrase.format(d="15 September 2021")], dt.date(2021, 8, 31)),
        },
    )
    entries = _ledger(tmp_path)
    assert len(entries) == 1, [e["text"] for e in entries]
    occurrences = entries[0]["occurrences"]
    assert isinstance(occurrences, list)
    assert [o["path"] for o in occurrences] == ["2021-08-24.md", "2021-08-31.md"]
    ids = {t["id"] for name in ("2021-08-24.md", "2021-08-31.md") for t in _dump(tmp_path, name)}
    assert ids == {entries[0]["id"]}


def test_a_month_due_date_is_quoted_as_written(tmp_path: Path) -> None:
    """NL303 names the month as written and the day it stands for (its last)."""
    folder = write_team(
        tmp_path, "{}\n", {"2021-10-05.md": _note(["ship (Ana) due September 2021"])}
    )
    assert _nl303(folder) == {
        FIRST: "due date 'September 2021' (2021-09-30) is before the meeting (2021-10-05): "
        "overdue or mistyped; write the date it is now due"
    }


# ------------------------------------------------------------ the pattern itself

DUE = re.compile(default_due_pattern(NAMED_FORMATS))
RENDERS = sorted((fmt, label) for fmt, forms in WRITTEN.items() for label in forms)


def _variants(keyword: str) -> list[str]:
    return [keyword, keyword.upper(), keyword.capitalize()]


@given(
    date=st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    keyword=st.sampled_from(DUE_KEYWORDS).flatmap(lambda k: st.sampled_from(_variants(k))),
    colon=st.booleans(),
    bracketed=st.booleans(),
    render=st.sampled_from(RENDERS),
)
def test_every_keyword_introduces_every_named_format(
    date: dt.date, keyword: str, colon: bool, bracketed: bool, render: tuple[str, str]
) -> None:
    """Oracle: the date the test wrote, read back whole (never cut to its month)."""
    fmt, label = render
    event(f"{keyword.lower()} / {fmt}")
    written = WRITTEN[fmt][label](date)
    phrase = f"{keyword}{':' if colon else ''} {written}"
    text = f"send the slides (Ana) {f'({phrase})' if bracketed else phrase}"
    match = DUE.search(text)
    assert match is not None
    assert match["date"] == written
    # keyword and date, not the brackets: the id leaves them out as it did for ``(due …)``
    assert text[match.end() :] == (")" if bracketed else "")
    assert text[match.start() - bracketed :].startswith(f"{'(' if bracketed else ''}{keyword}")
    assert read_due(match["date"], NAMED_FORMATS, None).value == date


@pytest.mark.parametrize(
    "text",
    [
        "keep the old server on stand-by 2021-09-01",  # ``by`` inside a word
        "move the nearby 2021-09-01 notes",
        "list what is overdue 2021-09-01",
        "archive the notes from before 2021-09-01 in the wiki",  # ``before`` mid-sentence
        "check what we said before the 2021-09-01 release",
        "ask about the deadline for the release",
        "deadline: 1.44.0",  # a version, no date
        "due to #100513",
    ],
)
def test_words_that_are_no_due_phrase(text: str) -> None:
    assert DUE.search(text) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("send the slides before 2021-09-01", "2021-09-01"),
        ("send the slides before 1 September 2021.", "1 September 2021"),
        ("send the slides (before Sept 1)", "Sept 1"),
        ("send the slides (due 2021-09-01, or later)", "2021-09-01"),
    ],
)
def test_before_closes_a_todo_and_a_bracket_needs_its_pair(text: str, date: str) -> None:
    match = DUE.search(text)
    assert match is not None and match["date"] == date


# ------------------------------------------------------------ ids across releases


def _parsed(todo: str, config: dict[str, object]) -> Todo:
    text = _note([todo], dt.date(2021, 8, 24))
    (found,) = parse_note(from_text(text, "2021-08-24.md"), make_config(config)).todos
    return found


@pytest.mark.parametrize("keyword", ["due", "by", "due:"])
def test_a_bracketed_due_date_leaves_the_id_with_its_brackets(keyword: str) -> None:
    """``send the slides (due 2021-09-01)`` is the TODO ``send the slides``, as the same
    date written without brackets is: a note that drops or adds the date keeps one
    ledger entry.  Older releases left the brackets in the id's text (``send the slides
    ()``): an issue filed under that id is followed up, not filed again."""
    written = f"send the slides (Ana) ({keyword} 2021-09-01)"
    todo = _parsed(written, {"extends": "generic"})
    assert (todo.owner, todo.due) == ("Ana", "2021-09-01")
    assert todo.id == todo_id("Ana", "send the slides")
    assert_followed_up_under(written, todo_id("Ana", "send the slides ()"))


def test_an_issue_filed_before_deadline_was_read_is_followed_up_not_filed_again() -> None:
    """Before ``deadline`` was a due keyword, the id's text kept the deadline; an issue
    filed then carries that id.  Sync finds it (former_todo_ids) and creates nothing."""
    config: dict[str, object] = {"extends": "generic", "people": {"Ana": "ana-gh"}}
    todo = _parsed("send the slides (Ana) deadline 2021-09-01", config)
    assert (todo.owner, todo.due) == ("Ana", "2021-09-01")
    old_id = todo_id("Ana", todo.text)  # what a release without ``deadline`` gave it
    assert todo.id != old_id and todo.id == todo_id("Ana", "send the slides")
    assert_followed_up_under("send the slides (Ana) deadline 2021-09-01", old_id)
