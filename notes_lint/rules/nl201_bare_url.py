"""NL201: a bare URL in the text, where a link says what it points at."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Edit, Fix, Severity
from notes_lint.model import Link, Note
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


def _fits_a_destination(url: str) -> bool:
    """Whether ``url`` can stand as ``(url)`` unchanged: parentheses balanced, no escapes."""
    depth = 0
    for char in url:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and "\\" not in url


def better(link: Link, default_repo: str | None) -> str:
    """How the bare URL is written as a link."""
    if (
        link.repo
        and link.number is not None
        and _fits_a_destination(link.url)
        and link.preceded_by != "!"  # "![#1](url)" would be an image
        and not link.in_heading  # the heading's text, and so its #anchor, would change
    ):
        return f"[{reference_text(link.repo, link.number, default_repo)}]({link.url})"
    return f"<{link.url}>"


def _fix(link: Link, replacement: str) -> Fix | None:
    span = link.span
    if span is None or span.line != span.end_line or link.preceded_by == "\\":
        return None  # "\<url>" and "\[#1](url)" are escapes, not links
    return (Edit.replace(span.line, span.col, link.url, replacement),)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    default_repo = ctx.config.links.default_repo
    for link in note.links:
        if link.style != "bare":
            continue
        replacement = better(link, default_repo)
        yield Finding(
            link.line, link.col, f"bare URL: write it as {replacement}", _fix(link, replacement)
        )
