"""plan_sync: the reconciliation between the ledger and GitHub, without any network."""

from __future__ import annotations

import datetime as dt
import hashlib

import msgspec
import pytest
from conftest import make_config

from notes_lint.identity import former_todo_ids, normalize_text, todo_id
from notes_lint.ledger import Ledger, build_ledger
from notes_lint.parse import parse_note
from notes_lint.source import from_text
from notes_lint.sync import (
    BODY_LIMIT,
    TITLE_LIMIT,
    Action,
    ActionJSON,
    ExistingIssue,
    Plan,
    SyncSettings,
    issue_title,
    plan_sync,
    replace_tool_section,
)

CONFIG = {
    "extends": "sklearn-weekly",
    "people": {"Ana": "ana-gh", "Bruno": "bruno-gh", "Carla": None},
}
SETTINGS = SyncSettings(repo="acme/notes", ref="abc123")


def note(date: str, *todos: str) -> str:
    items = "\n".join(f"- {t}" for t in todos)
    return f"## {date}\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n{items}\n"


def ledger(*notes: tuple[str, str], today: str = "2024-02-01") -> Ledger:
    config = make_config(CONFIG)
    parsed = [parse_note(from_text(text, f"notes/{name}"), config) for name, text in notes]
    return build_ledger(parsed, today=dt.date.fromisoformat(today), repo="acme/notes")


ASSIGNABLE = {"ana-gh": True, "bruno-gh": False}


def as_existing(plan: Plan, first_number: int = 1) -> list[ExistingIssue]:
    """What GitHub holds after the plan's creates went through."""
    return [
        ExistingIssue(first_number + i, a.title or "", a.body or "", "open")
        for i, a in enumerate(a for a in plan.actions if a.kind == "create")
    ]


def kinds(plan: Plan) -> list[str]:
    return [a.kind for a in plan.actions]


def assert_followed_up_under(text: str, old_id: str) -> None:
    """An issue an older release filed for the TODO ``text`` (its marker holds ``old_id``)
    is the TODO's issue: a run creates nothing, and a later note marking it done closes
    it (PRODUCT.md §8, never a duplicate)."""
    undone = ledger(("2024-01-02.md", note("2024-01-02", text)))
    first = plan_sync(undone, [], SETTINGS, ASSIGNABLE)
    assert kinds(first) == ["create"]
    assert undone.entries[0].id != old_id
    body = (first.actions[0].body or "").replace(undone.entries[0].id, old_id)
    assert old_id in body
    filed = [ExistingIssue(7, first.actions[0].title or "", body, "open")]
    assert "create" not in kinds(plan_sync(undone, filed, SETTINGS, ASSIGNABLE))
    done = ledger(
        ("2024-01-02.md", note("2024-01-02", text)),
        ("2024-01-09.md", note("2024-01-09", f"~~{text}~~")),
    )
    closing = plan_sync(done, filed, SETTINGS, ASSIGNABLE)
    assert [(a.kind, a.number) for a in closing.actions if a.kind != "update"] == [("close", 7)]


def test_first_run_creates_one_issue_per_undone_todo_and_a_second_run_nothing() -> None:
    book = ledger(
        (
            "2024-01-02.md",
            note("2024-01-02", "Write the release notes (Ana)", "Fix the CI (Bruno)"),
        ),
        (
            "2024-01-30.md",
            note("2024-01-30", "Write the release notes (Ana)", "Book a room (Carla)"),
        ),
    )
    first = plan_sync(book, [], SETTINGS, ASSIGNABLE)
    creates = [a for a in first.actions if a.kind == "create"]
    assert [(a.title, a.assignee) for a in creates] == [
        ("Write the release notes", "ana-gh"),
        ("Fix the CI", None),
    ]  # "Book a room" is 2 days old: within the grace period
    assert creates[1].note == "@bruno-gh cannot be assigned issues in acme/notes"
    assert all(a.labels == ("meeting-todo",) for a in creates)
    second = plan_sync(book, as_existing(first), SETTINGS, ASSIGNABLE)
    assert second.actions == []
    assert second.unchanged == 2
    # A new commit alone changes the permalinks' ref, not the plan.
    moved = SyncSettings(repo="acme/notes", ref="def456")
    assert plan_sync(book, as_existing(first), moved, ASSIGNABLE).actions == []


def test_the_body_holds_the_todo_owner_meeting_permalink_carry_overs_and_marker() -> None:
    book = ledger(
        ("2024-01-02.md", note("2024-01-02", "Write the release notes (Ana)")),
        ("2024-01-09.md", note("2024-01-09", "Write the release notes (Ana)")),
    )
    (create,) = plan_sync(book, [], SETTINGS, ASSIGNABLE).actions
    body = create.body or ""
    assert "**TODO:** Write the release notes" in body
    assert "**Owner:** Ana (@ana-gh)" in body
    assert "https://github.com/acme/notes/blob/abc123/notes/2024-01-02.md#L9" in body
    assert (
        "**Carried over in:** [2024-01-09](https://github.com/acme/notes/blob/abc123/notes/2024-01-09.md#L9)"
        in body
    )
    assert f"<!-- notes-lint:todo={book.entries[0].id} -->" in body
    assert ExistingIssue(1, "t", body, "open").todo_id == book.entries[0].id


def test_done_closes_with_a_comment_and_reopening_in_a_later_note_reopens() -> None:
    start = [("2024-01-02.md", note("2024-01-02", "Fix the CI (Ana)"))]
    created = plan_sync(ledger(*start), [], SETTINGS, ASSIGNABLE)
    existing = as_existing(created, first_number=7)
    done = ledger(*start, ("2024-01-16.md", note("2024-01-16", "[x] Fix the CI (Ana)")))
    (close,) = plan_sync(done, existing, SETTINGS, ASSIGNABLE).actions
    assert (close.kind, close.number) == ("close", 7)
    assert close.comment is not None
    assert "notes/2024-01-16.md#L9" in close.comment
    closed = [
        ExistingIssue(
            7, "Fix the CI", existing[0].body, "closed", "completed", "2024-01-16T10:00:00Z"
        )
    ]
    assert plan_sync(done, closed, SETTINGS, ASSIGNABLE).actions == []
    again = ledger(
        *start,
        ("2024-01-16.md", note("2024-01-16", "[x] Fix the CI (Ana)")),
        ("2024-01-23.md", note("2024-01-23", "Fix the CI (Ana)")),
    )
    (reopen,) = plan_sync(again, closed, SETTINGS, ASSIGNABLE).actions
    assert (reopen.kind, reopen.number) == ("reopen", 7)


def test_a_human_closing_an_issue_is_respected_until_a_later_note_lists_it() -> None:
    book = ledger(("2024-01-02.md", note("2024-01-02", "Fix the CI (Ana)")))
    existing = as_existing(plan_sync(book, [], SETTINGS, ASSIGNABLE))
    closed = [
        ExistingIssue(1, "x", existing[0].body, "closed", "not_planned", "2024-01-20T08:00:00Z")
    ]
    assert plan_sync(book, closed, SETTINGS, ASSIGNABLE).actions == []


def test_duplicates_keep_the_lowest_number() -> None:
    book = ledger(("2024-01-02.md", note("2024-01-02", "Fix the CI (Ana)")))
    body = plan_sync(book, [], SETTINGS, ASSIGNABLE).actions[0].body or ""
    twins = [ExistingIssue(n, "Fix the CI", body, "open") for n in (12, 5, 9)]
    plan = plan_sync(book, twins, SETTINGS, ASSIGNABLE)
    assert sorted((a.kind, a.number) for a in plan.actions) == [
        ("close-duplicate", 9),
        ("close-duplicate", 12),
    ]
    assert all("Duplicate of #5" in (a.comment or "") for a in plan.actions)


def test_issues_without_the_marker_are_never_touched() -> None:
    book = ledger(("2024-01-02.md", note("2024-01-02", "Fix the CI (Ana)")))
    human = [ExistingIssue(3, "Fix the CI", "a human's issue", "open")]
    plan = plan_sync(book, human, SETTINGS, ASSIGNABLE)
    assert kinds(plan) == ["create"]


def test_max_create_defers_the_rest() -> None:
    todos = [f"Task number {i} (Ana)" for i in range(30)]
    book = ledger(("2024-01-02.md", note("2024-01-02", *todos)))
    plan = plan_sync(book, [], SyncSettings(repo="acme/notes", max_create=20), ASSIGNABLE)
    assert kinds(plan).count("create") == 20
    assert kinds(plan).count("defer") == 10
    assert len(plan.writes) == 20 and len(plan.deferred) == 10


def test_an_edited_todo_updates_only_the_tool_section() -> None:
    first = [("2024-01-02.md", note("2024-01-02", "Fix the CI (Ana)"))]
    created = plan_sync(ledger(*first), [], SETTINGS, ASSIGNABLE).actions[0]
    human_body = "Context from a human.\n\n" + (created.body or "") + "\n\nMore notes."
    existing = [ExistingIssue(4, "Fix the CI (renamed by a human)", human_body, "open")]
    later = ledger(*first, ("2024-01-09.md", note("2024-01-09", "Fix the CI (Ana)")))
    (update,) = plan_sync(later, existing, SETTINGS, ASSIGNABLE).actions
    assert update.kind == "update" and update.title is None  # a human's title stays
    assert update.body is not None
    assert update.body.startswith("Context from a human.\n\n")
    assert update.body.endswith("\n\nMore notes.")
    assert "**Carried over in:**" in update.body


def test_titles_are_cut_on_a_word_boundary_and_bodies_stay_under_the_limit() -> None:
    long = " ".join(["word"] * 200)
    title = issue_title(long)
    assert len(title) <= TITLE_LIMIT
    assert title.endswith("word…")
    book = ledger(("2024-01-02.md", note("2024-01-02", "x" * 70_000 + " (Ana)")))
    (create,) = plan_sync(book, [], SETTINGS, ASSIGNABLE).actions
    assert len(create.body or "") < BODY_LIMIT
    assert f"notes-lint:todo={book.entries[0].id}" in (create.body or "")


def test_a_marker_in_the_todo_text_cannot_forge_an_identity_and_mentions_do_not_ping() -> None:
    text = "Ask @bruno-gh and @someone about <!-- notes-lint:todo=0123456789ab --> (Ana)"
    book = ledger(("2024-01-02.md", note("2024-01-02", text)))
    (create,) = plan_sync(book, [], SETTINGS, ASSIGNABLE).actions
    body = create.body or ""
    assert ExistingIssue(1, "t", body, "open").todo_id == book.entries[0].id
    assert "<!-- notes-lint:todo=0123456789ab" not in body
    assert "@\u2060bruno-gh" in body and "@\u2060someone" in body
    assert "@bruno-gh" not in body and "@someone" not in body
    assert "(@ana-gh)" in body  # the owner's own login is kept


def test_assign_none_and_missing_logins_say_why() -> None:
    book = ledger(("2024-01-02.md", note("2024-01-02", "Book a room (Carla)", "Plan the sprint")))
    plan = plan_sync(book, [], SETTINGS, ASSIGNABLE)
    assert [a.note for a in plan.actions] == [
        "Carla has no GitHub login in the roster (people:)",
        "the TODO names no owner",
    ]
    quiet = plan_sync(book, [], SyncSettings(repo="acme/notes", assign="none"), ASSIGNABLE)
    assert [a.note for a in quiet.actions] == [None, None]


def test_replace_tool_section_adds_one_when_a_human_deleted_it() -> None:
    assert replace_tool_section("human only", "SECTION") == "SECTION\n\nhuman only"


def test_actions_render_as_json() -> None:
    action = Action("create", "0123456789ab", "create: x", title="x", labels=("a",))
    shown = msgspec.to_builtins(msgspec.convert(action, ActionJSON, from_attributes=True))
    assert shown["labels"] == ["a"]
    assert list(shown)[:3] == ["action", "todo", "issue"] and "body" not in shown


@pytest.mark.parametrize("due", ["", " due 2024-02-01", ", by 1 February 2024"])
def test_an_issue_filed_under_an_older_releases_id_is_followed_up_not_filed_again(
    due: str,
) -> None:
    """Ids once keyed the owner by case alone; ``Zoé-Anne`` now keys as ``zoe anne``.
    The issue opened under the old id is the TODO's issue: a second run creates nothing,
    and a done TODO closes it.  An id leaves the due phrase out, and so do the former
    ids sync looks the issue up by."""
    task = "Draft the budget"  # the TODO's id text: no owner tag, no due phrase
    text = f"{task} (Zoé-Anne){due}"
    old_key = f"zoé-anne\n{normalize_text(task)}"
    old_id = hashlib.sha256(old_key.encode()).hexdigest()[:12]
    assert former_todo_ids("Zoé-Anne", task) == [old_id] != [todo_id("Zoé-Anne", task)]
    assert former_todo_ids("Ana", task) == []  # plain names kept their id
    assert_followed_up_under(text, old_id)
