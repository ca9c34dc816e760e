"""Owner guessing where tags compete or look like labels."""

from __future__ import annotations

from conftest import make_config

from notes_lint.owners import find_owner
from notes_lint.parse import parse_note
from notes_lint.source import from_text

GENERIC = make_config({})
ROSTER = make_config({"people": {"niko": "nikomatsakis", "Josh": "joshtriplett"}})


def test_a_roster_name_wins_over_an_earlier_tag_style() -> None:
    tag = find_owner("niko to post a comment on the RFC (Pin)", ROSTER)
    assert (tag.names, tag.style) == (["niko"], "name-to")
    # Without a roster the first style found wins (a name the dictionary knows: "Pin" is
    # the Rust type as often as a person, and no first-name list holds it).
    assert find_owner("niko to post a comment on the RFC (Priya)", GENERIC).names == ["Priya"]


def test_sentence_openers_are_not_owners() -> None:
    assert find_owner("Good to land #238 first", GENERIC).names == []
    assert find_owner("Michael to open an issue", GENERIC).names == ["Michael"]


def test_a_lowercase_label_before_a_colon_is_not_an_owner() -> None:
    assert find_owner("alternative time selected: Tuesdays", GENERIC).names == []
    assert find_owner("niko: write it up", GENERIC).names == ["niko"]
    assert find_owner("Jordan Harband: review", GENERIC).names == ["Jordan Harband"]


def test_a_marker_item_over_a_list_makes_each_child_a_todo() -> None:
    text = "# Meeting 2024-01-01\n\n## Agenda\n\n* Action item:\n  * Josh: review the RFC\n  * Ana to fix CI\n"
    note = parse_note(from_text(text, "2024-01-01.md"), GENERIC)
    assert [(t.text, t.owner, t.line) for t in note.todos] == [
        ("review the RFC", "Josh", 6),
        ("fix CI", "Ana", 7),
    ]


def test_the_person_addressed_owns_the_action() -> None:
    """``Kenji, ping legal``: a name, a comma, then the verb."""
    tag = find_owner("Kenji, ping legal", GENERIC)
    assert (tag.names, tag.rest) == (["Kenji"], "ping legal")
    assert find_owner("Josh, review the RFC", ROSTER).names == ["Josh"]
    assert find_owner("Also, ping legal", GENERIC).names == []
    assert find_owner("Overall, review the doc", GENERIC).names == []
