"""NL302: a TODO's owner must be in the roster (when there is one)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.matching import did_you_mean
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL302",
    name="todo-owner-roster",
    summary="a TODO owner not in the roster, with did-you-mean",
    bad="people: {Guillaume: glemaitre}\n\n- Release 1.0 (Guilaume)",
    good="people: {Guillaume: glemaitre}\n\n- Release 1.0 (Guillaume)",
    fixable=True,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    if not config.people:
        return
    names = config.roster_names()
    logins = [p.login for p in config.people if p.login]
    for todo in note.todos:
        for owner in todo.owners:
            if config.person(owner) is not None:
                continue
            pool = logins if todo.owner_style == "mention" else names
            hint = did_you_mean(owner, pool)
            yield Finding(
                todo.line,
                todo.col,
                f"TODO owner '{owner}' is not in the roster (people:): "
                + (f"did you mean '{hint}'?" if hint else "add them to the config or fix the name"),
                fixable=hint is not None,
            )
