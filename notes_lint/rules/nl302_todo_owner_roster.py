"""NL302: a TODO's owner must be in the roster (when there is one)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notes_lint.config import Config
from notes_lint.diagnostics import Edit, Fix
from notes_lint.model import Note, Span
from notes_lint.owners import roster_candidates, roster_spelling
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL302",
    name="todo-owner-roster",
    summary="a TODO owner not in the roster, with did-you-mean",
    bad="people: {Guillaume: glemaitre}\n\n- Release 1.0 (Guilaume)",
    good="people: {Guillaume: glemaitre}\n\n- Release 1.0 (Guillaume)",
    fixable=True,
)

_PLAIN_NAME = re.compile(r"[^\W_][\w .'’-]*")
"""A replacement name that reads the same in Markdown (no markup characters)."""


def typo_of(owner: str, pool: list[str], config: Config) -> str | None:
    """The roster spelling ``owner`` is a typo of, when exactly one person is that close
    and the written words allow them (:func:`notes_lint.owners.roster_spelling`:
    Guilaume, Julein; not Mark for Mara, not Anne Martin for Anne Marie)."""
    return roster_spelling(owner, config, pool, typos_only=True)


def _fix(owner: str, span: Span | None, hint: str) -> Fix | None:
    if span is None or not _PLAIN_NAME.fullmatch(hint):
        return None
    return (Edit.replace(span.line, span.col, owner, hint),)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    if not config.people:
        return
    names = config.roster_names()
    logins = [p.login for p in config.people if p.login]
    reported: set[tuple[int, int]] = set()  # owner tags written on a line of their own
    for todo in note.todos:
        for index, owner in enumerate(todo.owners):
            if config.person(owner) is not None:
                continue
            pool = logins if todo.owner_style == "mention" else names
            typo = typo_of(owner, pool, config)
            hint = typo or roster_spelling(owner, config, pool)  # the ledger's rule too
            span = todo.owner_spans[index] if index < len(todo.owner_spans) else None
            line, col, end = todo.line, todo.col, None
            if span is not None and span.line != todo.line:
                # "- (Julein):" over its TODOs: one finding, on the name, not one per TODO
                if (span.line, span.col) in reported:
                    continue
                reported.add((span.line, span.col))
                line, col, end = span.line, span.col, (span.end_line, span.end_col)
            several = roster_candidates(owner, config)
            if several:
                advice = "it names several people: write " + " or ".join(
                    f"'{name}'" for name in several[:3]
                )
            elif hint:
                advice = f"did you mean '{hint}'?"
            else:
                advice = "add them to the config or fix the name"
            yield Finding(
                line,
                col,
                f"TODO owner '{owner}' is not in the roster (people:): {advice}",
                _fix(owner, span, typo) if typo else None,
                end=end,
            )
