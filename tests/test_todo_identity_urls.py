"""Issue 18, "GitHub references in one module": a TODO's identity and its issue binding read
its links as GitHub does (:func:`notes_lint.urls.find_links`), so NL201's fix never changes
a TODO's id, a link binds to its own issue, and an issue filed under the id an older
release computed is followed up rather than filed again (PRODUCT.md §8)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from conftest import make_config, run_cli, write_team
from hypothesis import event, given, settings
from hypothesis import strategies as st
from test_sync_plan import assert_followed_up_under

from notes_lint.fixes import fix_text
from notes_lint.identity import former_todo_ids, legacy_normalize_text, normalize_text, todo_id
from notes_lint.ledger import bound_issue
from notes_lint.parse import parse_note
from notes_lint.source import from_text
from notes_lint.urls import find_links

CONFIG = "extends: generic\nlinks:\n  default-repo: acme/widgets\nrules:\n  NL107: off\n"
REPO_ENV = {"GITHUB_REPOSITORY": "acme/widgets"}


def meeting(date: str, *todos: str) -> str:
    items = "\n".join(f"- {t}" for t in todos)
    return f"# {date}\n\n## Attendees\n\nAna\n\n## Agenda\n\nx\n\n## Action items\n\n{items}\n"


def entries(team: Path, today: str) -> list[dict[str, Any]]:
    done = run_cli("todos", "--format", "json", "notes", "--today", today, cwd=team, env=REPO_ENV)
    assert done.returncode in (0, 1), done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)["entries"]
    return found


def test_fixing_a_bare_url_keeps_the_todo_one_entry_with_one_issue(tmp_path: Path) -> None:
    """The reviewers' repro: a bare issue URL before a comma, carried to the next note and
    fixed there by NL201 (`[#13](…),`), was two TODOs and two planned issues."""
    todo = "TODO: (Ana) fix https://github.com/acme/widgets/issues/13, then ship the release"
    team = write_team(
        tmp_path,
        CONFIG,
        {
            "notes/2021-09-28.md": meeting("2021-09-28", todo),
            "notes/2021-10-05.md": meeting("2021-10-05", todo),
        },
    )
    fixed = run_cli("check", "--no-cache", "--fix", "notes/2021-10-05.md", cwd=team)
    assert fixed.returncode in (0, 1), fixed.stderr
    text = (team / "notes/2021-10-05.md").read_text(encoding="utf-8")
    assert "[#13](https://github.com/acme/widgets/issues/13), then" in text
    (entry,) = entries(team, "2021-12-01")
    assert entry["issue"] == "acme/widgets#13" and len(entry["occurrences"]) == 2
    plan = run_cli("sync", "--offline", "notes", "--today", "2021-12-01", cwd=team, env=REPO_ENV)
    assert "1 to create" in plan.stdout, plan.stdout + plan.stderr


def test_a_link_binds_to_its_own_issue_and_repositories_compare_without_case(
    tmp_path: Path,
) -> None:
    """`[#7](…/other/thing/pull/7)` is other/thing#7, not #7 of the sync repository; an
    `ACME/Widgets` URL and `#5` are one issue, so one entry each (not 4)."""
    team = write_team(
        tmp_path,
        CONFIG,
        {
            "notes/2024-05-01.md": meeting(
                "2024-05-01",
                "[ ] Ana to review https://github.com/ACME/Widgets/pull/8.",
                "[ ] Ana to fix https://github.com/ACME/Widgets/issues/5",
                "[ ] Ana to port [#7](https://github.com/other/thing/pull/7)",
            ),
            "notes/2024-05-08.md": meeting(
                "2024-05-08",
                "[ ] Ana to finish the review of #8",
                "[ ] Ana to close acme/widgets#5 after the release",
            ),
        },
    )
    found = {
        str(e["text"]): (e["issue"], len(e["occurrences"])) for e in entries(team, "2024-06-01")
    }
    assert found == {
        "finish the review of #8": ("acme/widgets#8", 2),
        "close acme/widgets#5 after the release": ("acme/widgets#5", 2),
        "port [#7](https://github.com/other/thing/pull/7)": (None, 1),
    }


def test_bound_issue_reads_links_as_github_does() -> None:
    assert bound_issue("fix [#7](https://github.com/other/thing/pull/7)", "acme/w") is None
    assert (
        bound_issue("fix [#7](https://github.com/other/thing/pull/7) and #9", "acme/w")
        == "acme/w#9"
    )
    assert bound_issue("fix https://github.com/Acme/W/issues/5.", "acme/w") == "acme/w#5"
    assert bound_issue("fix <https://github.com/acme/w/pull/3>!", "Acme/W") == "Acme/W#3"
    # A link's own URL decides: a thread whose link text says #4 is not issue 4.
    assert bound_issue("see [the #4 thread](https://lists.example.org/x)", "acme/w") is None
    assert (
        bound_issue("see [the #4 thread](https://lists.example.org/x) on #4", "acme/w")
        == "acme/w#4"
    )
    assert bound_issue("see https://example.org/x#5", "acme/w") is None


def test_the_one_reader_finds_each_kind_of_link_with_githubs_extent() -> None:
    text = "a [#1](https://github.com/a/b/issues/1), <https://x.org/y>; www.example.org/p. ok"
    found = [(text[link.start : link.end], link.href, link.label) for link in find_links(text)]
    assert found == [
        ("[#1](https://github.com/a/b/issues/1)", "https://github.com/a/b/issues/1", "#1"),
        ("<https://x.org/y>", "https://x.org/y", None),
        ("www.example.org/p", "http://www.example.org/p", None),
    ]


GITHUB_URLS = st.builds(
    "https://github.com/{}/{}/{}/{}".format,
    st.sampled_from(["acme", "ACME", "other-org"]),
    st.sampled_from(["widgets", "Widgets", "thing.js"]),
    st.sampled_from(["issues", "pull"]),
    st.integers(1, 99999),
)
AFTER = st.sampled_from(
    [".", ",", ":", ";", "!", "?", "*", "_", "~", "'", '"', "...", "!?", ".,", ""]
)


@settings(max_examples=60, deadline=None)
@given(
    url=st.one_of(
        GITHUB_URLS, st.sampled_from(["www.example.org/page", "https://example.org/a_b"])
    ),
    after=AFTER,
    then=st.sampled_from(["", " then ship it", "\n  and more"]),
    parenthesised=st.booleans(),
)
def test_nl201s_fix_never_changes_a_todos_id_nor_its_issue(
    url: str, after: str, then: str, parenthesised: bool
) -> None:
    """For a TODO with a bare URL followed by punctuation: the id and the bound issue are the
    same before and after NL201's fix (the library's fix_text, as `check --fix` does)."""
    written = f"(see {url}{after})" if parenthesised else f"{url}{after}"
    event(f"after {after!r}")
    config = make_config(
        {"extends": "generic", "links": {"default-repo": "acme/widgets"}, "rules": {"NL107": "off"}}
    )
    before = meeting("2024-05-01", f"TODO: (Ana) fix {written}{then}")
    after_fix = fix_text(before, config, "notes/2024-05-01.md").after
    todos = [
        parse_note(from_text(t, "notes/2024-05-01.md"), config).todos for t in (before, after_fix)
    ]
    assert [len(t) for t in todos] == [1, 1]
    (old,), (new,) = todos
    assert old.id == new.id, (old.text, new.text)
    assert bound_issue(old.text, "acme/widgets") == bound_issue(new.text, "acme/widgets")


def test_an_issue_filed_under_the_legacy_url_reading_is_followed_up_not_filed_again() -> None:
    """Before GitHub's extent, `…/issues/13,` was keyed with its comma: that id is the one
    an issue filed then carries.  Sync finds it (former_todo_ids) and creates nothing."""
    task = "fix https://github.com/acme/widgets/issues/13, then ship"
    assert normalize_text(task) == "fix acme/widgets#13, then ship"
    assert legacy_normalize_text(task) == "fix https://github.com/acme/widgets/issues/13, then ship"
    legacy_key = f"ana\n{legacy_normalize_text(task)}"  # Ana's person key, the old text
    legacy_id = hashlib.sha256(legacy_key.encode()).hexdigest()[:12]
    assert legacy_id != todo_id("Ana", task) and legacy_id in former_todo_ids("Ana", task)
    assert legacy_id not in former_todo_ids(
        "Ana", "fix [#13](https://github.com/acme/widgets/issues/13)"
    )
    assert_followed_up_under(f"(Ana) {task}", legacy_id)


def test_a_hyphen_after_an_at_login_is_no_owner_tag(tmp_path: Path) -> None:
    """`@alice-` and `@a--b` are no GitHub login: no owner, the text left whole."""
    team = write_team(
        tmp_path,
        "extends: generic\nrules:\n  NL107: off\n",
        {
            "notes/2024-05-01.md": meeting(
                "2024-05-01",
                "[ ] @alice- fix the thing one",
                "[ ] @a--b fix the thing two",
                "[ ] @bob fix the thing three",
            )
        },
    )
    found = {str(e["text"]): e["owner"] for e in entries(team, "2024-06-01")}
    assert found == {
        "@alice- fix the thing one": None,
        "@a--b fix the thing two": None,
        "fix the thing three": "bob",
    }


LINKS = st.one_of(
    GITHUB_URLS.map(lambda url: url + ")"),  # a bare URL closing "(" below
    GITHUB_URLS.map(lambda url: f"[#1]({url})"),
    st.sampled_from(
        [
            "<https://example.org/a>",
            "<mailto:ana@example.org>",
            '[the doc](https://example.org/doc "Title")',
            "![logo](https://example.org/l.png)",
            "www.example.org/page",
            "HTTPS://Example.org/Up",
            "https://en.wikipedia.org/wiki/Foo_(bar)",
        ]
    ),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(LINKS, AFTER), min_size=1, max_size=3),
)
def test_the_todo_link_reader_agrees_with_the_note_models_links(
    written: list[tuple[str, str]],
) -> None:
    """find_links reads a TODO's text alone; the parser reads the whole note with
    markdown-it and GitHub's autolink rule.  On the links a TODO writes they agree: the
    same destinations, in the same order."""
    parts = [
        f"({link}{after}"
        if link.endswith(")") and "](" not in link and "(bar)" not in link
        else f"{link}{after}"
        for link, after in written
    ]
    config = make_config({"extends": "generic", "rules": {"NL107": "off"}})
    text = meeting("2024-05-01", "TODO: (Ana) check " + " and ".join(parts))
    note = parse_note(from_text(text, "notes/2024-05-01.md"), config)
    (todo,) = note.todos
    model = [link.url for link in note.links if link.line == todo.line]
    assert len(model) == len(written)
    assert [link.href for link in find_links(todo.text)] == model
