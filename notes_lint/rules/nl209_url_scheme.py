"""NL209: a URL scheme the config does not allow (``javascript:``, ``data:``, ``file:``...)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.urls import scheme_of

INFO = RuleInfo(
    code="NL209",
    name="url-scheme",
    summary="a disallowed URL scheme (javascript:, data:, file:, ...)",
    bad="[notes](file:///home/julien/notes.md)",
    good="[notes](https://github.com/acme/notes/blob/main/notes.md)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    allowed = ctx.config.links.schemes
    for link in note.links:
        scheme = scheme_of(link.url)
        if scheme is None or scheme in allowed:
            continue
        yield Finding(
            link.line,
            link.col,
            f"URL scheme '{scheme}:' is not allowed (allowed: {', '.join(allowed)})",
        )
