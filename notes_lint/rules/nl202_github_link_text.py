"""NL202: link text ``#N`` / ``owner/repo#N`` that names another issue than its URL."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Edit
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.urls import SHORTHAND, points_into_item

INFO = RuleInfo(
    code="NL202",
    name="github-link-text",
    summary="link text #N / owner/repo#N that disagrees with its GitHub URL (fix)",
    bad="[#20245](https://github.com/scikit-learn/scikit-learn/pull/20254)",
    good="[#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)",
    fixable=True,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for link in note.links:
        if link.repo is None or link.number is None or link.style == "bare":
            continue
        if points_into_item(link.url):
            continue  # a link to a comment or line of an item, written on purpose (issue 14)
        match = SHORTHAND.match(link.text.strip())
        if match is None:
            continue
        number_differs = int(match["number"]) != link.number
        repo_differs = match["repo"] is not None and match["repo"].lower() != link.repo.lower()
        if number_differs or repo_differs:
            # Keep the writer's style: `#N` stays short, `owner/repo#N` stays qualified.
            right = f"{link.repo}#{link.number}" if match["repo"] else f"#{link.number}"
            span = link.text_span
            # The text as written must be the plain text: `[**#1**](url)` keeps its markup.
            fix = (
                (Edit(span.line, span.col, span.end_line, span.end_col, right, link.text),)
                if span is not None
                else None
            )
            yield Finding(
                link.line,
                link.col,
                f"link text '{link.text.strip()}' disagrees with its URL, which is "
                f"{link.repo}#{link.number}: write [{right}]",
                fix,
            )
