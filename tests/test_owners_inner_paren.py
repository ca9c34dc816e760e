"""A ``(Name)`` in the middle of a TODO is its owner tag by the rule an end tag follows
(issue 18, part h): a roster person, a person of the note, or (no roster) a name; with a
roster, a name outside it is the owner NL302 reports.  Asides stay in the text.

The sentences are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_config, run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.owners import find_owner

NO_ROSTER = make_config({"extends": "sklearn-weekly"})
ROSTER = make_config({"extends": "sklearn-weekly", "people": {"Priya": None, "Ben": None}})

OWNED = [
    ("Release 1.2 (Marguerite), then tell Ben", "Marguerite", "Release 1.2, then tell Ben"),
    ("Draft the budget (Oksana) and send it round", "Oksana", "Draft the budget and send it round"),
    ("Book the venue (Jones); ask about catering", "Jones", "Book the venue; ask about catering"),
    ("Rotate the keys (Tomasz) before the audit", "Tomasz", "Rotate the keys before the audit"),
]
ASIDES = [
    "Ship the docs (beta), then tell Ben",
    "Publish the wheels (v2) and announce them",
    "Port the runner (optional) before Friday",
    "Look at the flaky test (see #4) first",
    "Move the servers (EU) next week",
    "Plan the sprint (TBD) soon",
    "Fix the wheel (Windows), then tag it",
    "Review the API (Monday) with the team",
    "Write the guide (draft), then ask for review",
    "Keep `#![feature(never_type)]` gated for now",  # a call, not a tag
    "Read the plan (Oksana)'s team wrote",  # a possessive, not a tag
    "Migrate the build (CI), then drop the old runner",
]


@pytest.mark.parametrize(("text", "owner", "rest"), OWNED)
def test_a_name_in_the_middle_is_the_owner_without_a_roster(
    text: str, owner: str, rest: str
) -> None:
    tag = find_owner(text, NO_ROSTER)
    assert (tag.names, tag.style, tag.rest) == ([owner], "paren-end", rest)


@pytest.mark.parametrize("text", ASIDES)
def test_an_aside_in_the_middle_is_no_owner(text: str) -> None:
    assert find_owner(text, NO_ROSTER).names == []
    assert find_owner(text, ROSTER).names == []


def test_a_person_of_the_note_in_the_middle_is_the_owner() -> None:
    """``known`` (the note's attendees): a name that is also a common word is a person
    of the note (``Will`` attends), and a word in capitals is initials when the note
    names a person so."""
    assert find_owner("Release 1.2 (Will), then tell Ben", NO_ROSTER).names == []
    tag = find_owner("Release 1.2 (Will), then tell Ben", NO_ROSTER, frozenset({"will"}))
    assert tag.names == ["Will"] and tag.rest == "Release 1.2, then tell Ben"
    assert find_owner("Release 1.2 (QX), then tell Ben", NO_ROSTER, frozenset({"qx"})).names == [
        "QX"
    ]


def test_with_a_roster_a_name_outside_it_is_still_the_tag() -> None:
    """As an end tag ``(Julien)``: the owner is the name written, for NL302 to report."""
    assert find_owner("Release 1.4 (Julien), then tell Ben", ROSTER).names == ["Julien"]
    assert find_owner("Release 1.3 (Julien)", ROSTER).names == ["Julien"]
    # A roster person wins over an earlier name outside the roster.
    tag = find_owner("Ask (Julien) about it (Priya), then tell Ben", ROSTER)
    assert tag.names == ["Priya"]


NAMES = st.sampled_from(["Priya", "Marguerite", "Oksana", "Tomasz", "Zoë", "Jones"])
WORDS = st.lists(
    st.sampled_from(["release", "the", "docs", "budget", "draft", "review", "1.2", "wheels"]),
    min_size=1,
    max_size=5,
).map(" ".join)
JOINS = st.sampled_from([", then", "; then", " and", " before"])


@given(before=WORDS, name=NAMES, join=JOINS, after=WORDS)
def test_a_tag_in_the_middle_is_taken_out_and_the_sides_joined(
    before: str, name: str, join: str, after: str
) -> None:
    text = f"Do {before} ({name}){join} {after}"
    event(f"joined by {join.strip()!r}")
    tag = find_owner(text, NO_ROSTER)
    assert tag.names == [name]
    assert tag.rest == f"Do {before}{join} {after}"


NOTE = """\
## March 12th, 2024

### Priya

- reviewed the parser

### Discussion

- presence days

### TODO / Next

- Release 1.2 (Priya), then tell Ben
- Release 1.4 (Julien), then tell Ben
- Ship the docs (beta), then tell Ben
- Move the servers (EU) next week
"""


def _run(folder: Path) -> tuple[dict[str, str | None], list[tuple[int, str, str]]]:
    listed = run_cli("todos", "--no-cache", "--format", "json", cwd=folder)
    assert listed.returncode == 0, listed.stderr
    owners = {e["text"]: e["owner"] for e in json.loads(listed.stdout)["entries"]}
    checked = run_cli("check", "--no-cache", "--format", "json", ".", cwd=folder)
    assert checked.returncode == 1, checked.stderr
    found = [(d["line"], d["code"], d["message"]) for d in json.loads(checked.stdout)]
    return owners, found


def test_cli_without_a_roster(tmp_path: Path) -> None:
    """``Release 1.2 (Priya), then tell Ben`` was ownerless, and NL301 asked for the tag
    the writer had written."""
    owners, found = _run(write_team(tmp_path, "extends: sklearn-weekly\n", {"2024-03-12.md": NOTE}))
    assert owners == {
        "Release 1.2, then tell Ben": "Priya",
        "Release 1.4, then tell Ben": "Julien",
        "Ship the docs (beta), then tell Ben": None,
        "Move the servers (EU) next week": None,
    }
    assert [(line, code) for line, code, _message in found] == [(15, "NL301"), (16, "NL301")]


def test_cli_with_a_roster(tmp_path: Path) -> None:
    """``Release 1.4 (Julien), then tell Ben`` (Julien not in the roster) was NL301 while
    ``Release 1.3 (Julien)`` was NL302: both are NL302 now."""
    config = "extends: sklearn-weekly\npeople:\n  Priya: null\n  Ben: null\n"
    owners, found = _run(write_team(tmp_path, config, {"2024-03-12.md": NOTE}))
    assert owners["Release 1.2, then tell Ben"] == "Priya"
    assert owners["Release 1.4, then tell Ben"] == "Julien"
    assert [(line, code) for line, code, _message in found] == [
        (14, "NL302"),
        (15, "NL301"),
        (16, "NL301"),
    ]
    assert "'Julien' is not in the roster" in found[0][2]
