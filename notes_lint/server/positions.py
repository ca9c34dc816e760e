"""Positions between notes-lint and an LSP client.

notes-lint counts 1-based lines and 1-based columns in Unicode code points on the
normalised text (:mod:`notes_lint.source`: no BOM, any line break read as one).
The Language Server Protocol counts 0-based lines and 0-based characters in the
*position encoding* agreed at ``initialize``: UTF-16 code units unless the client
offers another (LSP 3.17, "Position" and ``general.positionEncodings``), so an
emoji or any other astral character is 2 units in UTF-16, 4 in UTF-8, 1 in UTF-32.

Lines are the same on both sides: LSP also ends a line at ``\\r\\n``, ``\\r`` or
``\\n``.  Only line 1 differs, by the BOM, which LSP counts and notes-lint drops.
"""

from __future__ import annotations

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
"""The position encodings the server speaks (LSP 3.17 ``PositionEncodingKind``;
UTF-16 is LSP's default)."""


def units(char: str, encoding: str) -> int:
    """Code units of one character in ``encoding`` (:data:`UTF8`, :data:`UTF16` or :data:`UTF32`)."""
    code = ord(char)
    if encoding == UTF16:
        return 2 if code > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 1


def width(text: str, encoding: str) -> int:
    """Code units of ``text`` in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    return sum(units(char, encoding) for char in text)


def to_character(line_text: str, col: int, encoding: str) -> int:
    """The LSP character of 1-based code-point column ``col`` on a line whose text
    (as the client holds it) is ``line_text``; a column past the end gives the end."""
    return width(line_text[: max(col - 1, 0)], encoding)


def to_col(line_text: str, character: int, encoding: str) -> int:
    """The 1-based code-point column of LSP ``character`` on ``line_text``; a
    character inside a surrogate pair or a UTF-8 sequence gives the column of the
    character it falls in, and one past the end gives the column past the end."""
    if encoding == UTF32 or line_text.isascii():
        return min(max(character, 0), len(line_text)) + 1
    seen = 0
    for index, char in enumerate(line_text):
        size = units(char, encoding)
        if seen + size > character:
            return index + 1
        seen += size
    return len(line_text) + 1
