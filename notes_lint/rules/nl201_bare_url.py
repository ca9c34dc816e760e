"""NL201: a bare URL in the text, where a link says what it points at.

Bare URLs are the ones GitHub autolinks (GFM's autolink extension, cmark-gfm's
``autolink.c``: see :func:`notes_lint.urls.find_bare_urls`), ``www.example.com/x``
among them: GitHub links that to ``http://www.example.com/x``, so its fix,
``<http://www.example.com/x>``, renders to the same href.  A ``www.`` with no
dotted host after it (``www. `` before a space) is linked by GitHub to
``http://www``, an address that goes nowhere: reported without a fix.
"""

from __future__ import annotations

import re
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


def www_in_heading(link: Link, href: str) -> str | None:
    """A ``www.`` link of a heading written out as ``[text](href)``, its text as it was, so
    that the heading's #anchor stays (``<http://…>`` would add ``http`` to it); None when
    the text or href cannot stand there unchanged, or ``!`` before it would make an image."""
    if not _fits_a_destination(href) or link.preceded_by == "!":
        return None
    if any(char in link.text for char in "[]\\`*_~<>&"):
        return None
    return f"[{link.text}]({href})"


def better(link: Link, default_repo: str | None) -> str | None:
    """How the bare URL is written as a link; None when no writing keeps what GitHub shows."""
    if is_www(link) and link.in_heading:
        return www_in_heading(link, link.url)
    if (
        link.repo
        and link.number is not None
        and _fits_a_destination(link.url)
        and link.preceded_by != "!"  # "![#1](url)" would be an image
        and not link.in_heading  # the heading's text, and so its #anchor, would change
    ):
        return f"[{reference_text(link.repo, link.number, default_repo)}]({link.url})"
    return f"<{link.url}>"


_NOT_IN_AUTOLINK = re.compile(r"[\x00-\x20<>\x7f]")
"""What an autolink ``<url>`` cannot hold (CommonMark §6.5): the fix is then not offered."""


def is_www(link: Link) -> bool:
    """Whether a bare link is a ``www.`` autolink: its href (``http://`` and the text) is
    not its text as written."""
    return link.style == "bare" and link.url != link.text


def _fix(link: Link, replacement: str | None) -> Fix | None:
    span = link.span
    if replacement is None:
        return None
    if span is None or span.line != span.end_line or link.preceded_by == "\\":
        return None  # "\<url>" and "\[#1](url)" are escapes, not links
    if replacement.startswith("<") and _NOT_IN_AUTOLINK.search(link.url):
        return None
    return (Edit.replace(span.line, span.col, link.text, replacement),)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    default_repo = ctx.config.links.default_repo
    for link in note.links:
        if link.style != "bare":
            continue
        if link.backwards:
            yield Finding(
                link.line,
                link.col - 1,
                "link written backwards: [URL](text) is not a link on GitHub; "
                "write it as [text](URL)",
            )
            continue
        spaces = sorted({f"U+{ord(c):04X}" for c in link.url if c.isspace()})
        if spaces:
            yield Finding(
                link.line,
                link.col,
                f"bare URL that GitHub links across the invisible {', '.join(spaces)} in it: "
                "replace that character with a space, then write the URL as a link",
            )
            continue
        if is_www(link) and "." not in (link.host or ""):
            yield Finding(
                link.line,
                link.col,
                f"GitHub links '{link.text}' to {link.url}, an address that goes nowhere: "
                "write the whole address, or 'www' without a dot after it",
            )
            continue
        if "]" in link.url and not link.in_brackets:
            # GitHub's link takes the "]" in (cmark-gfm trims no "]"), and "<url]>" reads as
            # a broken link in every other renderer: no edit can keep both.
            yield Finding(
                link.line,
                link.col,
                "bare URL, and GitHub's link takes in its ']': "
                "write the link out as [text](URL), or end the URL before the ']'",
            )
            continue
        replacement: str | None
        if link.in_brackets:
            # GitHub links no URL inside "[...]"; "[#N](url)" there would nest a link.
            replacement = f"<{link.url}>"
            message = (
                f"URL inside [brackets], which GitHub does not link: write it as {replacement}"
            )
        else:
            replacement = better(link, default_repo)
            written = replacement or "a link"
            message = (
                f"bare www. link, which GitHub links to {link.url}: write it as {written}"
                if is_www(link)
                else f"bare URL: write it as {written}"
            )
        yield Finding(link.line, link.col, message, _fix(link, replacement))
