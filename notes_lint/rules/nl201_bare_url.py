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
from notes_lint.mdescape import CHARACTER_REFERENCE
from notes_lint.model import Link, Note
from notes_lint.repository import repository_in_effect
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


# What GitHub adds after ``#N`` when it shows a URL to a spot in an issue or pull request.
_SPOT_LABEL = re.compile(
    r"#(?:(?P<comment>issuecomment-|discussion_r|discussioncomment-)|pullrequestreview-)\d+\Z"
)


def _reference(link: Link, default_repo: str | None) -> str | None:
    """The text GitHub shows for a link to an issue or pull: ``#91``, ``#91 (comment)`` for
    a comment, ``#91 (review)`` for a review; None for another fragment (no text known)."""
    if link.repo is None or link.number is None:
        return None
    text = reference_text(link.repo, link.number, default_repo)
    if "#" not in link.url:
        return text
    match = _SPOT_LABEL.search(link.url)
    if match is None:
        return None
    return f"{text} ({'comment' if match['comment'] else 'review'})"


def better(link: Link, default_repo: str | None) -> str | None:
    """How the bare URL is written as a link; None when no writing keeps what GitHub shows.

    ``<url>`` in general; ``[#N](url)`` for an issue or pull, with GitHub's ``(comment)``
    or ``(review)`` after it for a URL to one; None where an autolink cannot hold the URL
    (``>``, a space: CommonMark §6.5) or would read it otherwise (a character reference,
    decoded in ``<…>`` but kept in GitHub's bare URL)."""
    if is_www(link) and link.in_heading:
        return www_in_heading(link, link.url)
    reference = _reference(link, default_repo)
    if (
        reference is not None
        and _fits_a_destination(link.url)
        and link.preceded_by != "!"  # "![#1](url)" would be an image
        and not link.in_heading  # the heading's text, and so its #anchor, would change
    ):
        return f"[{reference}]({link.url})"
    if _NOT_IN_AUTOLINK.search(link.url) or CHARACTER_REFERENCE.search(link.text):
        return None
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
    # The config's sources only: a finding does not depend on the environment it runs in.
    in_effect = repository_in_effect(ctx.config)
    default_repo = in_effect.name if in_effect else None
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
        if link.text.endswith("\\"):
            yield Finding(
                link.line,
                link.col,
                f"bare URL that GitHub runs on through the '\\' ending the line ({link.url}), "
                "so the line does not break: write the URL as <URL> and end the line with <br>",
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
            written = replacement or "a link, [text](URL)"
            message = (
                f"bare www. link, which GitHub links to {link.url}: write it as {written}"
                if is_www(link)
                else f"bare URL: write it as {written}"
            )
        yield Finding(link.line, link.col, message, _fix(link, replacement))
