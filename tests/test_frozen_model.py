"""The note model is frozen: no rule or later step can change what the parse found.

Every Struct of :mod:`notes_lint.model` is frozen and holds tuples, not lists; the parser
fills in mutable drafts (:mod:`notes_lint.notedraft`) and makes the model at the end."""

from __future__ import annotations

import inspect

import msgspec
import pytest
from conftest import make_config

from notes_lint import model
from notes_lint.notecache import decode_note, encode_note
from notes_lint.parse import parse_note
from notes_lint.source import from_text

NOTE = """---
"a.b": {c: .nan}
---
# [Team](https://example.org) meeting 2023-02-30

See https://example.org/x for more.
"""


def test_links_dates_and_front_matter_are_built_final_and_frozen() -> None:
    note = parse_note(from_text(NOTE, "notes/x.md"), make_config())
    assert note.frontmatter is not None and note.date is not None
    heading_link, bare = note.links
    assert heading_link.in_heading and not bare.in_heading  # set when made, not after
    assert note.date.not_a_day == "2023-02-30"
    assert note.frontmatter.error == "['a.b'].c: nan is not a JSON number"
    for part, field in (
        (bare, "in_heading"),
        (note.date, "not_a_day"),
        (note.frontmatter, "error"),
    ):
        with pytest.raises(AttributeError):
            setattr(part, field, None)


MODEL = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    if issubclass(cls, msgspec.Struct) and cls.__module__ == model.__name__
]


def _sequences(info: msgspec.inspect.Type) -> list[msgspec.inspect.Type]:
    """The list/tuple types within a field's type (through unions)."""
    if isinstance(info, msgspec.inspect.UnionType):
        return [found for t in info.types for found in _sequences(t)]
    if isinstance(info, msgspec.inspect.ListType | msgspec.inspect.VarTupleType):
        return [info]
    return []


@pytest.mark.parametrize("cls", MODEL, ids=lambda cls: cls.__name__)
def test_every_model_struct_is_frozen_and_holds_no_list(cls: type[msgspec.Struct]) -> None:
    assert cls.__struct_config__.frozen, f"{cls.__name__} is not frozen"
    info = msgspec.inspect.type_info(cls)
    assert isinstance(info, msgspec.inspect.StructType)
    for field in info.fields:
        for found in _sequences(field.type):
            assert not isinstance(found, msgspec.inspect.ListType), (
                f"{cls.__name__}.{field.name} is a list: a frozen part could still change"
            )


TREE = """# Team meeting 2024-03-05

## Action items

- [ ] Ana to draft the budget due 2024-03-12
  - Ben to review it

### Follow-ups

Paragraph over a list:

- Cleo to book the room
"""


def test_the_parsed_tree_is_frozen_and_keeps_its_links() -> None:
    """Each part of a parsed note refuses a change; an item listed under its section and
    after its paragraph is one object; a subsection knows its parent, after a cache
    round trip too."""
    config = make_config({"extends": "generic"})
    note = parse_note(from_text(TREE, "notes/2024-03-05.md"), config)
    (actions,) = note.sections
    (follow_ups,) = actions.children
    (budget,) = actions.items
    (room,) = follow_ups.items
    assert follow_ups.parent is actions and actions.parent is None
    assert note.paragraphs[-1].list_after == (room,) and note.paragraphs[-1].list_after[0] is room
    assert note.title is note.headings[0] and note.headings[0].has_content is False
    assert [h.slug for h in note.headings] == [
        "team-meeting-2024-03-05",
        "action-items",
        "follow-ups",
    ]
    assert budget.children[0].text == "Ben to review it"
    todo = next(t for t in note.todos if t.owner == "Ana")
    assert todo.due == "2024-03-12" and todo.identity_text.strip() == "draft the budget"
    for part, field in (
        (note, "todos"),
        (note.title, "slug"),
        (actions, "end_line"),
        (budget, "text"),
        (todo, "id"),
    ):
        with pytest.raises(AttributeError):
            setattr(part, field, None)
    decoded = decode_note(encode_note(note))
    assert decoded == note
    assert decoded.sections[0].children[0].parent is decoded.sections[0]
