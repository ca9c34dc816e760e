"""NL205: a link with no text to click, or nowhere to go.

A destination of ``#`` alone counts as none, as markdownlint's MD042 has it: it is
the usual placeholder of a link still to write, though the HTML standard scrolls to
the top for it; ``#top`` says that on purpose (NL207 accepts it).
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL205",
    name="empty-link",
    summary="empty link text or empty destination",
    bad="[](https://github.com/scikit-learn/scikit-learn/pull/20254) and [the PR]()",
    good="[#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for link in note.links:
        if link.style in ("bare", "image"):
            continue
        if not link.url.strip():
            yield Finding(
                link.line, link.col, f"link '{link.text}' has no destination: add its URL"
            )
        elif link.url.strip() == "#":  # markdownlint's MD042 too: the placeholder of a link
            yield Finding(
                link.line,
                link.col,
                f"link '{link.text}' has no destination ('#' alone): add its URL, "
                "or write '#top' for the top of the note",
            )
        elif not link.text.strip():
            yield Finding(
                link.line, link.col, f"link to {link.url} has no text: say what it points at"
            )
