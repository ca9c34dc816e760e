"""The note model as ``notes-lint dump`` prints it (``schema/note.schema.json``).

The dump is a public format: a team's ``document-schema:`` (NL403) is written
against it.  It is a view of :class:`~notes_lint.model.Note`, declared here as
msgspec Structs: each names the fields it shows, in the order it shows them;
:func:`note_json` fills them from the model's attributes of the same name
(``msgspec.convert(..., from_attributes=True)``).  What the model holds for the
rules only (source spans, rendered text, paragraphs, directives) has no field
here and so is not shown.

``omit_defaults``: a field with a default is left out while it holds it (a
date's ``precision`` of ``"day"``, a front matter's empty ``written``); a field
without one is always shown, ``null`` included.
"""

from __future__ import annotations

from typing import Any

import msgspec

from notes_lint.model import Note


class HeadingJSON(msgspec.Struct):
    level: int
    text: str
    line: int
    col: int
    slug: str


class NoteDateJSON(msgspec.Struct, omit_defaults=True):
    value: str | None
    text: str
    line: int
    col: int
    source: str
    level: int | None
    year: str
    not_a_day: str | None = None
    precision: str = "day"


class FrontMatterJSON(msgspec.Struct, omit_defaults=True):
    line: int
    end_line: int
    data: Any
    error: str | None
    # FrontMatter.written keyed by dotted path: YAML scalars whose JSON is not their text.
    written_dotted: dict[str, str] = msgspec.field(default_factory=dict, name="written")


class ListItemJSON(msgspec.Struct):
    text: str
    line: int
    col: int
    depth: int
    section: str | None
    checked: bool | None
    struck: bool
    children: list[ListItemJSON]


class SectionJSON(msgspec.Struct):
    title: str
    level: int
    line: int
    col: int
    end_line: int
    kind: str
    name: str | None
    empty: bool
    holds_todos: bool
    items: list[ListItemJSON]
    children: list[SectionJSON]


class LinkJSON(msgspec.Struct):
    url: str
    text: str
    line: int
    col: int
    style: str
    kind: str
    section: str | None
    repo: str | None
    number: int | None


class ReferenceJSON(msgspec.Struct):
    label: str
    text: str
    line: int
    col: int


class TodoJSON(msgspec.Struct):
    id: str
    text: str
    owner: str | None
    owners: list[str]
    login: str | None
    owner_style: str | None
    done: bool
    due: str | None
    due_text: str | None
    line: int
    col: int
    section: str | None


class NoteJSON(msgspec.Struct, kw_only=True, omit_defaults=True):
    path: str
    title: HeadingJSON | None
    date: NoteDateJSON | None
    dates: list[NoteDateJSON]
    filename_date: str | None
    filename_date_end: str | None
    # Shown only for a file name that names a month (``2023-01-call.md``).
    filename_date_precision: str = "day"
    frontmatter: FrontMatterJSON | None
    headings: list[HeadingJSON]
    sections: list[SectionJSON]
    preamble_items: list[ListItemJSON]
    links: list[LinkJSON]
    broken_references: list[ReferenceJSON]
    todos: list[TodoJSON]
    line_count: int


def note_json(note: Note) -> dict[str, Any]:
    """The dump of ``note``: a dict of JSON values (str keys), in the schema's order.

    Raises ``msgspec.ValidationError`` only for a model that breaks its own types
    (a bug, not bad input).
    """
    view = msgspec.convert(note, NoteJSON, from_attributes=True)
    data: dict[str, Any] = msgspec.to_builtins(view)
    return data
