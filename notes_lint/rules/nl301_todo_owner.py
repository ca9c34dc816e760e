"""NL301: every TODO needs an owner."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.owners import name_outside_roster, roster_candidates
from notes_lint.people import person_key
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.truncate import truncate

QUOTE_LIMIT = 50
"""Code points of the TODO quoted in the message (:func:`truncate`)."""

INFO = RuleInfo(
    code="NL301",
    name="todo-owner",
    summary="a TODO without an owner",
    bad="### TODO / Next\n\n- Release 1.0",
    good="### TODO / Next\n\n- Release 1.0 (Guillaume)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for todo in note.todos:
        if todo.owner is None and todo.text.strip():
            written = name_outside_roster(todo.text, ctx.config)
            # A TODO's text may span lines (an item's lazy continuation); a message is one.
            shown = truncate(" ".join(todo.text.split()), QUOTE_LIMIT)
            if written is not None:
                several = roster_candidates(written, ctx.config)
                suggestions = several or [
                    p.name for p in ctx.config.people if _begins(p.name, written)
                ]
                names = " or ".join(f"'{n}'" for n in suggestions[:3])
                what = "names several people of" if several else "is not a person of"
                yield Finding(
                    todo.line,
                    todo.col,
                    f"TODO '{shown}' has no owner: '{written}' {what} "
                    "the roster (people:): "
                    + (f"write {names}" if names else "add them to the config or fix the name"),
                )
                continue
            yield Finding(
                todo.line,
                todo.col,
                f"TODO '{shown}' has no owner: tag it '(Name)' at the end, 'Name:' "
                "before it, or group it under '- (Name):'",
            )


def _begins(name: str, written: str) -> bool:
    """Whether roster ``name``'s first word is ``written`` (``Priya Raman``, ``Priya``)."""
    words = person_key(name).split()
    return bool(words) and words[0] == person_key(written)
