"""Hover on a TODO (its ledger history), document symbols, go to a ``#fragment``'s heading.

All read the note model (:mod:`notes_lint.model`) that the lint parsed; the
ledger is :func:`~notes_lint.ledger.build_ledger`'s, over the notes of the
config's folder as ``notes-lint todos`` reads them there.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.model import Heading, Link, Note, Section, Todo
from notes_lint.server.convert import ClientText
from notes_lint.slugs import anchor_key


def todo_at(note: Note, line: int) -> Todo | None:
    """The TODO written on 1-based ``line`` (the line its item or paragraph starts on)."""
    return next((todo for todo in note.todos if todo.line == line), None)


def entry_of(ledger: Ledger, note: Note, todo: Todo) -> LedgerEntry | None:
    """The ledger entry that holds ``todo`` of ``note``."""
    for entry in ledger.entries:
        if any(o.path == note.path and o.line == todo.line for o in entry.occurrences):
            return entry
    return None


def history(ledger: Ledger, entry: LedgerEntry, note: Note) -> str:
    """The hover text of a TODO: its ledger history, as Markdown."""
    first = entry.first
    owner = entry.owner or "no owner"
    lines = [f"**TODO** ({owner}): {entry.text}", ""]
    if first.path == note.path:
        lines.append(f"- first seen: in this note ({first.date or 'undated'})")
    else:
        lines.append(
            f"- first seen: {first.date or 'undated'} in `{first.path}`, line {first.line}"
        )
    times = entry.carried_over
    if times:
        earlier = [o for o in entry.occurrences if o.path != note.path]
        came_from = earlier[-1].path if earlier else first.path
        lines.append(
            f"- carried over {times} time{'' if times == 1 else 's'}, last from `{came_from}`"
        )
    else:
        lines.append("- not carried over (written in one note)")
    status = entry.status(ledger.today, ledger.grace_days)
    age = entry.age_days(ledger.today)
    lines.append(f"- status: {status}" + (f", {age} days old" if age is not None else ""))
    if entry.issue:
        lines.append(f"- follow-up issue: {entry.issue}")
    lines.append(f"- ledger id: `{entry.id[:12]}`")
    return "\n".join(lines)


def hover(ledger: Ledger, note: Note, line: int, text: ClientText) -> types.Hover | None:
    """The ledger history of the TODO on ``line``, or None when there is none."""
    todo = todo_at(note, line)
    if todo is None:
        return None
    entry = entry_of(ledger, note, todo)
    if entry is None:
        return None
    end = len(text.line(line)) + 1
    return types.Hover(
        contents=types.MarkupContent(types.MarkupKind.Markdown, history(ledger, entry, note)),
        range=text.span(line, todo.col, line, end),
    )


def _end_of_line(text: ClientText, line: int) -> tuple[int, int]:
    return line, len(text.line(line)) + 1 - (1 if line == 1 and text.bom else 0)


def symbols(note: Note, text: ClientText) -> list[types.DocumentSymbol]:
    """The note's sections as a tree (its subsections inside), each TODO in the
    deepest section that holds it; TODOs before any section at the top."""

    def section_symbol(section: Section) -> types.DocumentSymbol:
        children = [section_symbol(child) for child in section.children]
        inner = [t for t in note.todos if section.line <= t.line <= section.end_line]
        for child in section.walk()[1:]:
            inner = [t for t in inner if not child.line <= t.line <= child.end_line]
        children += [todo_symbol(t) for t in inner]
        children.sort(key=lambda s: (s.range.start.line, s.range.start.character))
        return types.DocumentSymbol(
            name=section.title or "(untitled)",
            detail=section.name or section.kind,
            kind=types.SymbolKind.Namespace,
            range=text.span(section.line, 1, *_end_of_line(text, section.end_line)),
            selection_range=text.span(section.line, section.col, *_end_of_line(text, section.line)),
            children=children,
        )

    def todo_symbol(todo: Todo) -> types.DocumentSymbol:
        owner = ", ".join(todo.owners) or todo.owner or "no owner"
        return types.DocumentSymbol(
            name=todo.text or "(empty TODO)",
            detail=("done, " if todo.done else "") + owner,
            kind=types.SymbolKind.Event,
            range=text.span(todo.line, todo.col, *_end_of_line(text, todo.line)),
            selection_range=text.span(todo.line, todo.col, *_end_of_line(text, todo.line)),
        )

    out = [section_symbol(section) for section in note.sections]
    covered = [(s.line, s.end_line) for s in note.sections]
    out += [todo_symbol(t) for t in note.todos if not any(a <= t.line <= b for a, b in covered)]
    out.sort(key=lambda s: (s.range.start.line, s.range.start.character))
    return out


def link_at(note: Note, line: int, col: int) -> Link | None:
    """The link written at 1-based ``line:col``."""
    for link in note.links:
        span = link.span
        if span is not None:
            if (span.line, span.col) <= (line, col) < (span.end_line, span.end_col):
                return link
        elif link.line == line and link.col <= col < (link.end_col or link.col + len(link.url)):
            return link
    return None


def heading_for(headings: Sequence[Heading], fragment: str) -> Heading | None:
    """The heading whose GitHub anchor is ``fragment`` (decoded, compared as GitHub
    does: :func:`~notes_lint.slugs.anchor_key`)."""
    key = anchor_key(unquote(fragment))
    return next((h for h in headings if anchor_key(h.slug) == key), None)


def target_of(link: Link, path: Path | None) -> tuple[Path | None, str]:
    """The file a link points to (None: this note) and its fragment ('' for none)."""
    url, _, fragment = link.url.partition("#")
    if link.kind == "fragment" or not url:
        return None, fragment
    if link.kind != "relative" or path is None:
        raise LookupError("not a link into a note")
    return Path(os.path.normpath(path.parent / unquote(url.split("?", 1)[0]))), fragment
