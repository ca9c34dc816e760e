"""Owner rules defined once (issue 18, "one definition per concept"): the text left when
an owner tag is taken out of a TODO's middle, honorifics and passives in both owner
readers (the owner tag of a TODO and the ``Name to …`` assignment on any line), and
NL109's roster match and did-you-mean on person keys.

The sentences are written for these tests, not taken from the corpus."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
from conftest import make_config, run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st
from test_sync_plan import assert_followed_up_under, ledger, note

from notes_lint.identity import former_todo_ids, normalize_text, todo_id
from notes_lint.markers import find_assignment
from notes_lint.owners import find_owner, joined

ROSTER = make_config({"people": {"Guillaume": "glemaitre", "Okafor": None, "Ana": None}})
NO_ROSTER = make_config({})


def _nobody(name: str) -> bool:
    return False


# ------------------------------------------------------- a tag taken out of the middle

TAGGED_CONFIG = """\
people:
  Guillaume: glemaitre
  Ana: null
todos:
  markers: ["TODO:"]
"""

TAGGED_NOTE = """\
# Meeting 2021-09-01

## Attendees

- Guillaume, Ana

## Notes

- TODO: Release 1.2 (Guillaume), due date: 2021-10-01
- TODO: Release 1.2 (Guillaume), then tell Ana
- TODO: Publish the wheels (Guillaume); announce them after
- TODO: Close the milestone (Guillaume). Ana reviews the notes
- TODO: Update the changelog [name=Ana], then tag it
- TODO: Bump the pins (Guillaume) and rebuild the images
"""


def test_a_tag_taken_out_of_the_middle_leaves_no_space_before_punctuation(
    tmp_path: Path,
) -> None:
    write_team(tmp_path, TAGGED_CONFIG, {"2021-09-01.md": TAGGED_NOTE})
    done = run_cli("todos", "--format", "json", ".", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    found = {(e["owner"], e["text"]) for e in json.loads(done.stdout)["entries"]}
    assert found == {
        ("Guillaume", "Release 1.2, due date: 2021-10-01"),
        ("Guillaume", "Release 1.2, then tell Ana"),
        ("Guillaume", "Publish the wheels; announce them after"),
        ("Guillaume", "Close the milestone. Ana reviews the notes"),
        ("Ana", "Update the changelog, then tag it"),
        ("Guillaume", "Bump the pins and rebuild the images"),
    }
    dumped = run_cli("dump", "2021-09-01.md", cwd=tmp_path)
    assert dumped.returncode == 0, dumped.stderr
    texts = [t["text"] for t in json.loads(dumped.stdout)["todos"]]
    assert "Release 1.2, then tell Ana" in texts
    assert not any(" ," in t or " ;" in t or " ." in t for t in texts), texts


# Words of no roster name's letters: none is a near-miss of a roster person (``aa`` is
# one of ``Ana``, and after a colon it would be a name tagged onto the end).
WORD = st.from_regex(r"[bcdfhjkpqstvwxz]{1,8}", fullmatch=True)
WORDS = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@given(WORDS, st.sampled_from([",", ";", ":", ".", "!", "?", ""]), WORDS)
def test_the_sides_of_a_roster_tag_are_joined_as_a_writer_joins_them(
    before: str, mark: str, after: str
) -> None:
    """``before (Ana)<mark> after``: the owner is Ana and the text reads
    ``before<mark> after`` (one space between words, none before the mark)."""
    event(f"mark {mark!r}")
    tag = find_owner(f"{before} (Ana){mark} {after}", ROSTER)
    assert tag.names == ["Ana"]
    assert tag.rest == f"{before}{mark} {after}"


@given(st.text(" \t,;:.!?)ab", max_size=6), st.text(" \t,;:.!?)ab", max_size=6))
def test_joined_never_leaves_white_space_before_a_closing_mark_or_at_the_ends(
    before: str, after: str
) -> None:
    text = joined(before, after)
    event("both sides" if before.strip() and after.strip() else "one side or none")
    assert text == text.strip()
    at = len(before.strip())
    if before.strip() and after.strip():
        assert text[:at] == before.strip()
        assert text[at:].lstrip() == after.strip()
        assert (text[at] == " ") == (after.strip()[0] not in ",;:.!?)]}")


def test_an_issue_filed_under_the_id_of_the_spaced_text_is_followed_up_not_filed_again() -> None:
    """Releases before the join kept a space before the mark (``Release 1.2 , then …``);
    the TODO's id moved with its text, and sync finds the issue filed under the old id."""
    text = "Release 1.2 (Bruno), then tell Carla"
    old_id = todo_id("Bruno", "Release 1.2 , then tell Carla")
    new_id = todo_id("Bruno", "Release 1.2, then tell Carla")
    assert normalize_text("Release 1.2 , then tell Carla") != normalize_text(
        "Release 1.2, then tell Carla"
    )  # normalize_text keeps the space: the id moved
    assert old_id != new_id
    assert old_id in former_todo_ids("Bruno", "Release 1.2, then tell Carla")
    assert former_todo_ids(None, "Release 1.2, then tell Carla") == []  # no tag, no move

    assert [e.id for e in ledger(("2024-01-02.md", note("2024-01-02", text))).entries] == [new_id]
    assert_followed_up_under(text, old_id)


def test_the_old_id_of_the_hashed_key_is_the_one_releases_wrote() -> None:
    old_key = f"bruno\n{normalize_text('Ship it , then tell Carla')}"
    old_id = hashlib.sha256(old_key.encode()).hexdigest()[:12]
    assert old_id in former_todo_ids("Bruno", "Ship it, then tell Carla")


# ------------------------------------------------------------- honorifics, both readers

HONORED = [
    ("Dr. Okafor to review the draft", "Okafor"),
    ("Dr Okafor to review the draft", "Okafor"),
    ("Mrs. Wanjiru Kamau to send the slides", "Wanjiru Kamau"),
    ("Ms Lindqvist to book the room", "Lindqvist"),
    ("Prof. van Aalst to chair the panel", "van Aalst"),
    ("Mx Ferreira and Dr. Okafor to pair on the parser", "Ferreira"),
]


def test_an_honorific_belongs_to_the_name_in_both_readers() -> None:
    """The owner-tag reader (a TODO's text) and the assignment reader (any line) name the
    same owner, without the honorific; the honorific alone says a person is named (the
    assignment reader's ``is_person`` knows no one here)."""
    for sentence, owner in HONORED:
        for config in (NO_ROSTER, ROSTER):
            tag = find_owner(sentence, config)
            assert tag.names[:1] == [owner], (sentence, tag)
            assert not tag.rest.startswith(("Dr", "Ms", "Mrs", "Prof", "Mx")), tag.rest
        found = find_assignment(sentence, _nobody)
        assert found is not None, sentence
        assert found.names[0] == owner, (sentence, found)
    pair = find_assignment("Mx Ferreira and Dr. Okafor to pair on the parser", _nobody)
    assert pair is not None and pair.names == ("Ferreira", "Okafor")
    assert find_owner("Mx Ferreira and Dr. Okafor to pair", NO_ROSTER).names == [
        "Ferreira",
        "Okafor",
    ]


FAMILY = st.sampled_from(["Okafor", "Lindqvist", "Nakamura", "Ferreira", "Kowalczyk", "Adeyemi"])
TITLE = st.sampled_from(["Dr. ", "Dr ", "Mr. ", "Mrs ", "Ms. ", "Mx ", "Prof. "])
ACTION = st.sampled_from(["review the draft", "send the slides", "book the venue", "ping legal"])


@given(TITLE, FAMILY, ACTION)
def test_both_readers_give_the_same_owner_after_any_honorific(
    title: str, family: str, action: str
) -> None:
    sentence = f"{title}{family} to {action}"
    event(title.strip())
    tag = find_owner(sentence, NO_ROSTER)
    found = find_assignment(sentence, _nobody)
    assert found is not None
    assert tag.names == list(found.names) == [family]
    assert tag.rest == action


def test_honorifics_in_a_note_give_the_same_owner_to_a_todo_and_an_assignment(
    tmp_path: Path,
) -> None:
    config = "people:\n  Okafor: null\n  Lindqvist: null\ntodos:\n  assignments: true\n"
    text = (
        "# Meeting 2021-09-01\n\n## Attendees\n\n- Ana\n\n## Notes\n\n"
        "- We read the report. Dr. Okafor to check the figures\n\n"
        "## Action items\n\n- Prof. Lindqvist to draft the summary\n"
    )
    write_team(tmp_path, config, {"2021-09-01.md": text})
    done = run_cli("todos", "--format", "json", ".", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    entries = json.loads(done.stdout)["entries"]
    assert {(e["owner"], e["text"]) for e in entries} == {
        ("Okafor", "check the figures"),
        ("Lindqvist", "draft the summary"),
    }
    check = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert "NL301" not in check.stdout and "NL302" not in check.stdout, check.stdout


# ---------------------------------------------------------------- passives, both readers

PARTICIPLE = st.sampled_from(
    ["upgraded", "contacted", "reviewed", "done", "sent", "rewritten", "fully migrated"]
)
SUBJECT = st.sampled_from(["Kubernetes", "Okafor", "Ana", "The runner", "Dr. Okafor"])


@given(SUBJECT, st.sampled_from(["to", "will"]), PARTICIPLE)
def test_a_passive_names_no_owner_in_either_reader(subject: str, verb: str, done: str) -> None:
    sentence = f"{subject} {verb} be {done} by Friday"
    event(verb)
    assert find_owner(sentence, ROSTER).names == []
    assert find_owner(sentence, NO_ROSTER).names == []
    assert find_assignment(sentence, lambda n: ROSTER.person(n) is not None, task=True) is None


def test_an_active_sentence_of_the_same_words_has_its_owner_in_both_readers() -> None:
    """The passive rule takes the owner only from a passive: the same subject acting is
    the owner (a test that fails if the rule swallowed every ``to be``-free sentence)."""
    for sentence in ("Okafor to upgrade Kubernetes", "Dr. Okafor to contact legal"):
        assert find_owner(sentence, ROSTER).names == ["Okafor"]
        found = find_assignment(sentence, lambda n: ROSTER.person(n) is not None)
        assert found is not None and found.names == ("Okafor",)


def test_a_passive_in_a_note_is_no_assignment_and_its_todo_has_no_owner(tmp_path: Path) -> None:
    config = "people:\n  Okafor: null\ntodos:\n  assignments: true\n  markers: ['TODO:']\n"
    text = (
        "# Meeting 2021-09-01\n\n## Notes\n\n"
        "- Kubernetes to be upgraded next sprint\n"
        "- Okafor to be contacted by the auditors\n"
        "- TODO: Okafor will be briefed by legal\n"
    )
    write_team(tmp_path, config, {"2021-09-01.md": text})
    done = run_cli("todos", "--format", "json", ".", cwd=tmp_path)
    entries = json.loads(done.stdout)["entries"]
    assert [(e["owner"], e["text"]) for e in entries] == [(None, "Okafor will be briefed by legal")]


# ------------------------------------------------------------------------------ NL109

PEOPLE = """\
extends: sklearn-weekly
people:
  Julien: jjerphan
  Loïc: null
  José: null
  "O'Neil": null
"""


def _person_section(title: str) -> str:
    return (
        f"## September 14th, 2021\n\n### {title}\n\n- worked on the docs\n\n"
        "### Discussion\n\n- the release\n\n### TODO / Next\n\n- Release 1.0 (Julien)\n"
    )


def _nl109(tmp_path: Path, title: str) -> list[str]:
    folder = tmp_path / title.encode().hex()
    folder.mkdir()
    write_team(folder, PEOPLE, {"2021-09-14.md": _person_section(title)})
    done = run_cli("check", "--no-cache", "2021-09-14.md", cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    return [line for line in done.stdout.splitlines() if " NL109 " in line]


def test_nl109_a_person_spelt_without_accents_or_decomposed_is_that_person(
    tmp_path: Path,
) -> None:
    decomposed = unicodedata.normalize("NFD", "Loïc")
    assert decomposed != "Loïc"
    for title in ("Loic", "LOIC", "Jose", decomposed, "ONeil", "O’Neil"):
        assert _nl109(tmp_path, title) == [], title


def test_nl109_suggests_the_roster_person_of_a_typo_by_person_key(tmp_path: Path) -> None:
    assert _nl109(tmp_path, "Loyc") == [
        "2021-09-14.md:3:5: NL109 'Loyc' is not in the roster (people:): did you mean 'Loïc'?"
    ]
    # The heading normaliser read O'Neil as "o neil": no suggestion for ONiel.
    assert _nl109(tmp_path, "ONiel") == [
        "2021-09-14.md:3:5: NL109 'ONiel' is not in the roster (people:): did you mean 'O'Neil'?"
    ]
    far = _nl109(tmp_path, "Zebulon")
    assert len(far) == 1 and "did you mean" not in far[0] and "add them" in far[0]


@pytest.mark.parametrize(
    ("line", "owners", "login"),
    [
        ("CI talk. @0xdev to update the CI config", ["0xdev"], "0xdev"),
        ("CI talk. @ana-gh to update the CI config", ["ana-gh"], "ana-gh"),
        ("CI talk. Ana and @0xdev to review the tests", ["Ana", "0xdev"], None),
        ("CI talk. @0xdev and Ana to review the tests", ["0xdev", "Ana"], "0xdev"),
    ],
)
def test_an_assignment_by_login_is_the_logins_as_an_owner_tag_is(
    tmp_path: Path, line: str, owners: list[str], login: str | None
) -> None:
    """``@login to …`` on any line (``todos.assignments``) gives the login, as the same
    words as a TODO's owner tag do; a login may start with a digit (GitHub's rule)."""
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: generic\ntodos:\n  assignments: true\n", encoding="utf-8"
    )
    note = tmp_path / "2024-01-10.md"
    note.write_text(
        f"# Team 2024-01-10\n\n## Attendees\n\n- Ana\n\n## Agenda\n\n- {line}\n",
        encoding="utf-8",
    )
    dumped = run_cli("dump", str(note), cwd=tmp_path)
    (todo,) = json.loads(dumped.stdout)["todos"]
    assert (todo["owners"], todo["login"]) == (owners, login)
