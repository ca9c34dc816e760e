"""Text made safe inside GitHub Flavored Markdown: table cells, code spans, literal text.

The step summary of ``check --format github``, ``todos --format markdown`` and
``sync --format markdown`` put text from notes and file names into GFM tables;
these functions are the one place that knows what GFM needs for that.
"""

from __future__ import annotations

import re

from notes_lint.names import one_line

_BACKTICKS = re.compile("`+")

CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
"""An entity or numeric character reference as written (``&amp;``, ``&#35;``, ``&#x23;``;
CommonMark 0.31, 2.5): Markdown shows the character it names, not its text.  A name
is matched by shape (letters and digits), not against HTML's list of entities."""

MARKDOWN_PUNCTUATION = frozenset("\\`*_[]()>|!~")
"""The characters :func:`literal` backslash-escapes: those that start emphasis, links,
code spans, block quotes, table cells or strikethrough in GFM."""


# A line break with the blanks around it, or with the backslash before it that makes it a
# hard break (CommonMark 6.7: an odd run of backslashes; escaped pairs stay, group 2, with
# the blanks before them, group 1).
# One pattern, so that dropping a backslash never joins a CR and the LF after it into one
# break ("\r\\\n" is two line breaks).
_LINE_BREAK = re.compile(r"(?:([ \t]*)(?<!\\)((?:\\\\)*)\\|[ \t]*)(?:\r\n|\r|\n)[ \t]*")


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
    joined = _LINE_BREAK.sub(lambda m: f"{m[1]}{m[2]} " if m[2] else " ", text)
    return one_line(joined).replace("|", "\\|")


def literal(text: str) -> str:
    """``text`` escaped so that GFM shows exactly its characters, as inline Markdown.

    Each of :data:`MARKDOWN_PUNCTUATION` gets a backslash (CommonMark 0.31, 2.4),
    ``&`` and ``<`` become ``&amp;`` and ``&lt;`` (no character reference, HTML tag or
    autolink starts).  Line breaks are kept: a caller that needs one line says so.
    """
    out = []
    for char in text:
        if char == "<":
            out.append("&lt;")
        elif char == "&":
            out.append("&amp;")
        elif char in MARKDOWN_PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


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
