"""Which list items are TODOs, and who owns them (PRODUCT.md §4–§5).

In a TODO section each top-level item is a TODO, except an item that is only an
owner tag: that is an owner group whose children are the owner's TODOs.  Deeper
items are details.  Anywhere else, an item or a paragraph line that starts with
a marker (``TODO:``, ``AI:``) is a TODO.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from notes_lint.config import Config
from notes_lint.dates import NAMED_FORMATS, find_date
from notes_lint.identity import todo_id
from notes_lint.model import ListItem, Note, Span, Todo
from notes_lint.owners import (
    OwnerTag,
    find_owner,
    is_commentary,
    leading_name_tag,
    owner_group,
    roster_person,
    strip_done,
    strip_marker,
    word_pattern,
)

_STRUCK = re.compile(r"~~(?:(?!~~).)+~~")
_MAX_TAG_LINES = 50  # how far a paragraph is searched for its owner tag


def _owner_spans(tag: OwnerTag, lines: Sequence[str], at: tuple[int, int]) -> list[Span | None]:
    """Where each owner name of ``tag`` is written: its n-th occurrence as a word in the
    paragraph starting at ``at`` (line, col), n counted as in the text the tag was found in."""
    spans: list[Span | None] = []
    for index, name in enumerate(tag.names):
        ordinal = tag.ordinals[index] if index < len(tag.ordinals) else 0
        spans.append(_nth_word(name, ordinal, lines, at))
    return spans


def _nth_word(name: str, ordinal: int, lines: Sequence[str], at: tuple[int, int]) -> Span | None:
    pattern = word_pattern(name)
    line, col = at
    seen = 0
    for number in range(line, min(line + _MAX_TAG_LINES, len(lines) + 1)):
        text = lines[number - 1]
        if number > line and not text.strip():
            break  # the paragraph ended
        for match in pattern.finditer(text, col - 1 if number == line else 0):
            if seen == ordinal:
                return Span(number, match.start() + 1, number, match.end() + 1)
            seen += 1
    return None


def _make_todo(
    text: str,
    line: int,
    col: int,
    section: str | None,
    config: Config,
    *,
    inherited: OwnerTag | None = None,
    inherited_at: tuple[int, int] | None = None,
    item: ListItem | None = None,
    lines: Sequence[str] = (),
) -> Todo:
    markers = config.todos.done_markers
    if item is not None and item.struck and "strikethrough" in markers:
        text = text.replace("~~", "").strip()  # the owner tag is struck too: ~~x (Julien)~~
    tag = find_owner(text, config)
    marked = False
    if not tag.names:  # a done marker after the owner tag hides it: "x (Julien) (done)"
        unmarked, marked = strip_done(text, markers)
        retry = find_owner(unmarked, config) if marked else tag
        tag, marked = (retry, True) if retry.names else (tag, False)
    tag_at = (line, col)
    if not tag.names and inherited is not None:
        tag = OwnerTag(inherited.names, inherited.style, tag.rest, inherited.ordinals)
        tag_at = inherited_at or tag_at
    rest, done = strip_done(tag.rest, config.todos.done_markers)
    done = done or marked
    if item is not None:
        if "checkbox" in config.todos.done_markers and item.checked:
            done = True
        if "strikethrough" in config.todos.done_markers and (
            item.struck or _STRUCK.fullmatch(rest)
        ):
            done = True
            rest = rest.replace("~~", "").strip()
    todo = Todo(text=rest, line=line, col=col, section=section, done=done)
    if tag.names:
        todo.owners = tag.names
        todo.owner_spans = _owner_spans(tag, lines, tag_at) if lines else [None] * len(tag.names)
        # A typo of exactly one roster person is that person (NL302 still reports it).
        person = roster_person(tag.names[0], config)
        if tag.style == "mention":
            todo.login = tag.names[0]
            todo.owner = person.name if person else tag.names[0]
        else:
            todo.owner = person.name if person else tag.names[0]
            todo.login = person.login if person else None
        todo.owner_style = tag.style
    due_pattern = config.todos.due_pattern
    identity_text = rest
    if due_pattern is not None:
        match = due_pattern.search(rest)
        if match:
            # A due date moved between meetings is still the same TODO.
            identity_text = rest[: match.start()] + rest[match.end() :]
            due_text = match.group("date") if "date" in due_pattern.groupindex else match[0]
            todo.due_text = due_text
            found = find_date(due_text, (*config.date.formats, *NAMED_FORMATS))
            todo.due = found.value.isoformat() if found else None
    todo.id = todo_id(todo.owner, identity_text)
    return todo


def _from_item(
    item: ListItem,
    config: Config,
    lines: Sequence[str],
    inherited: OwnerTag | None = None,
    inherited_at: tuple[int, int] | None = None,
) -> Todo:
    return _make_todo(
        item.text,
        item.line,
        item.col,
        item.section,
        config,
        inherited=inherited,
        inherited_at=inherited_at,
        item=item,
        lines=lines,
    )


def collect_todos(
    note: Note,
    config: Config,
    marker_lines: list[tuple[str, int, int, str | None]],
    lines: Sequence[str] = (),
) -> list[Todo]:
    """Every TODO of the note, in document order.

    With the note's source ``lines``, each owner name's source span is recorded too.
    """
    todos: list[Todo] = []
    in_todo_sections: set[int] = set()
    for section in note.all_sections():
        if not section.holds_todos:  # a TODO section at any depth, or inside one
            continue
        for item in section.items:
            in_todo_sections.update(id(i) for i in item.walk())
            group = owner_group(item.text, config) if config.todos.inherit_owner else None
            at = (item.line, item.col)
            if group is not None and item.children:
                todos.extend(_from_item(child, config, lines, group, at) for child in item.children)
            elif group is not None:  # "- Julien:" and nothing under it: an empty TODO (NL304)
                todos.append(
                    _make_todo(
                        "",
                        item.line,
                        item.col,
                        item.section,
                        config,
                        inherited=group,
                        inherited_at=at,
                        item=item,
                        lines=lines,
                    )
                )
            else:
                todos.append(_from_item(item, config, lines))
    markers = config.todos.markers
    groups = _owner_groups(note, config)
    for item in note.items():
        if id(item) in in_todo_sections:
            continue
        rest = strip_marker(item.text, markers)
        group, group_at = groups.get(id(item), (None, None))
        if rest == "" and item.children:
            # "- Action items:" over a list: each child is a TODO, as in a TODO section.
            in_todo_sections.update(id(i) for i in item.walk())
            todos.extend(
                _from_item(child, config, lines, group, group_at) for child in item.children
            )
            continue
        if rest is not None:
            offset = (
                len(item.text) - len(item.text.lstrip()) + (len(item.text.lstrip()) - len(rest))
            )
            if "\n" in item.text[:offset]:  # "TODO:" alone on its line: point at the marker
                offset = 0
            todos.append(
                _make_todo(
                    rest,
                    item.line,
                    item.col + max(offset, 0),
                    item.section,
                    config,
                    inherited=group,
                    inherited_at=group_at,
                    item=item,
                    lines=lines,
                )
            )
    for text, line, col, title in marker_lines:
        rest = strip_marker(text, markers)
        if rest is not None:  # the column of the TODO's text, after the marker, as for items
            todos.append(
                _make_todo(rest, line, col + len(text) - len(rest), title, config, lines=lines)
            )
    todos = [todo for todo in todos if not is_commentary(todo.text)]
    todos.sort(key=lambda t: (t.line, t.col))
    return todos


def _owner_groups(note: Note, config: Config) -> dict[int, tuple[OwnerTag, tuple[int, int]]]:
    """For each item nested under an owner item (``- [name=Ana]``, ``- (Julien):``): the
    nearest such item's owner and where it stands (issue 13: HackMD progress reports)."""
    out: dict[int, tuple[OwnerTag, tuple[int, int]]] = {}
    if not config.todos.inherit_owner:
        return out
    stack: list[tuple[ListItem, tuple[OwnerTag, tuple[int, int]] | None]] = [
        (item, None)
        for item in reversed([*note.preamble_items, *(i for s in note.sections for i in s.items)])
    ]
    while stack:
        item, inherited = stack.pop()
        if inherited is not None:
            out[id(item)] = inherited
        group = owner_group(item.text, config) or leading_name_tag(item.text, config)
        below = (group, (item.line, item.col)) if group is not None else inherited
        stack.extend((child, below) for child in reversed(item.children))
    return out
