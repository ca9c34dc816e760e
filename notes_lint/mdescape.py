"""Text made safe inside GitHub Flavored Markdown: table cells and code spans.

The step summary of ``check --format github``, ``todos --format markdown`` and
``sync --format markdown`` put text from notes and file names into GFM tables;
these functions are the one place that knows what GFM needs for that.
"""

from __future__ import annotations

import re

from notes_lint.names import one_line

_BACKTICKS = re.compile("`+")


_HARD_BREAK_MARK = re.compile(r"(?<!\\)((?:\\\\)*)\\(?=\r\n|\r|\n)")
"""A backslash that ends a line as a hard break (CommonMark 6.7), not one of an escaped pair."""
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t]*")


def table_cell(text: str) -> str:
    """``text`` as the content of one GFM table cell: it stays one cell of one row.

    GFM splits a row at every ``|`` that no backslash precedes, before any
    inline parsing, even inside a code span, and reads ``\\|`` back as ``|``
    everywhere in the cell (GFM spec, "Tables (extension)").  So every ``|``
    becomes ``\\|``.  A row is one line: a line break (soft, or hard: two
    spaces or a backslash at the line's end, CommonMark 6.7 and 6.8) becomes one
    space, as a paragraph shows a soft break, and the hard break's backslash goes
    with it (left, it would escape what follows); a backslash elsewhere stays and
    renders as it would in a paragraph.  Other control characters become visible
    ``\\xNN`` escapes (:func:`one_line`).  Other inline Markdown is kept: a TODO's
    link stays a link, and the cell renders as the text would in a paragraph.
    """
    joined = _LINE_BREAK.sub(" ", _HARD_BREAK_MARK.sub(r"\1", text))
    return one_line(joined).replace("|", "\\|")


def code_span(text: str) -> str:
    """``text`` as a Markdown code span that shows it exactly (CommonMark 0.31, 6.1).

    The fence is a run of backticks longer than any inside ``text``; a space
    pads both ends when ``text`` starts or ends with a backtick, or starts and
    ends with a space (which the parser would otherwise strip).
    """
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    spaced = text.startswith(" ") and text.endswith(" ") and text.strip(" ") != ""
    pad = " " if text.startswith("`") or text.endswith("`") or spaced else ""
    return f"{fence}{pad}{text}{pad}{fence}"
