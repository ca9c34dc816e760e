"""NL209: a URL scheme that is dangerous in a rendered note, or that the config does not allow.

Without ``links.schemes``, only the schemes that run code or reach the reader's
own disk when a rendered note's link is followed are flagged: ``javascript:``,
``vbscript:``, ``data:`` and ``file:`` (the ones browsers and GitHub's sanitiser
treat as unsafe). Everything else (``mailto:``, ``tel:``, ``webcal:``, a
meeting client's ``zoommtg:``, a chat's ``<time:…>`` widget) passes. With
``links.schemes``, only the schemes it lists pass.

The URLs of the note's HTML are judged too (``<a href>``, ``<img src>``, ``<form
action>``…: :mod:`notes_lint.htmlanchors`), read as a browser reads them: character
references decoded (``&#106;avascript:``), leading and trailing spaces and control
characters and every tab and newline removed, the scheme compared without case.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.urls import scheme_of

INFO = RuleInfo(
    code="NL209",
    name="url-scheme",
    summary="a URL scheme that is unsafe (javascript:, data:, file:, ...) or not in links.schemes",
    bad="[notes](file:///home/julien/notes.md)",
    good="[notes](https://github.com/acme/notes/blob/main/notes.md)",
)


DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "file")


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    allowed = ctx.config.links.schemes
    for link in (*note.links, *note.html_links):
        scheme = scheme_of(link.url)
        if scheme is None:
            continue
        if allowed is None:
            if scheme in DANGEROUS_SCHEMES:
                yield Finding(
                    link.line,
                    link.col,
                    f"URL scheme '{scheme}:' is unsafe in a rendered note: link to an https:// page instead",
                )
        elif scheme not in allowed:
            yield Finding(
                link.line,
                link.col,
                f"URL scheme '{scheme}:' is not allowed (allowed: {', '.join(allowed)})",
            )
