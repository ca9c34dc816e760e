"""NL208: a full or collapsed reference link whose label has no definition.

A lone ``[x]`` is text (HackMD's ``[name=X]`` tags look like that), so only
``[text][label]`` and ``[text][]`` are checked.  A label starting with ``^`` is
GFM footnote syntax (``[^1][^2]``), never a link reference: the parser does not
record it.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL208",
    name="undefined-reference",
    summary="a reference-style link whose reference is not defined",
    bad="see [the release][release-1.0]",
    good="see [the release][release-1.0]\n\n[release-1.0]: https://github.com/scikit-learn/scikit-learn/milestone/42",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for ref in note.broken_references:
        yield Finding(
            ref.line,
            ref.col,
            f"reference '[{ref.label}]' is not defined: add a line '[{ref.label}]: URL' "
            "or fix the label",
        )
