"""NL201: a bare URL in the text, where a link says what it points at."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Severity
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.urls import reference_text

INFO = RuleInfo(
    code="NL201",
    name="bare-url",
    summary="a bare URL (fix: [#N](url) for GitHub issues/PRs, <url> otherwise)",
    bad="- see https://github.com/scikit-learn/scikit-learn/pull/20254",
    good="- see [#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)",
    severity=Severity.WARNING,
    fixable=True,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    default_repo = ctx.config.links.default_repo
    for link in note.links:
        if link.style != "bare":
            continue
        if link.repo and link.number is not None:
            better = f"[{reference_text(link.repo, link.number, default_repo)}]({link.url})"
        else:
            better = f"<{link.url}>"
        yield Finding(link.line, link.col, f"bare URL: write it as {better}", fixable=True)
