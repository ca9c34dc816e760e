"""File names (and other untrusted one-line texts) made safe for each kind of output.

A file name comes from a contributor: it may hold a newline, a tab, an escape
sequence or bytes that are not UTF-8 (which Python keeps as lone surrogates,
``U+DC80``–``U+DCFF``, by ``surrogateescape``).  Printed as is, such a name
forges output lines or makes the output not UTF-8 (a crash when writing it).
Each output gets the conversion its format needs:

* :func:`quoted` for line-based outputs (text, stderr, the TODO table, a diff's
  ``---``/``+++`` lines): Git's C-style quoting (``core.quotePath=false``), which
  ``git apply`` reads back.
* :func:`unicode_text` for JSON, CSV and HTML, which can hold any Unicode text:
  only undecodable bytes change, to ``\\xNN``.
* :func:`uri` for SARIF's ``artifactLocation.uri``: percent-encoded bytes (RFC 3986).
* :func:`xml_text` for JUnit XML: also the characters XML 1.0 forbids, as ``\\xNN``.
* :func:`one_line` for messages in line-based outputs: line breaks and control
  characters as ``\\xNN``/``\\uNNNN`` escapes.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

_C_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_ESCAPED_BYTE = range(0xDC80, 0xDD00)  # an undecodable byte under surrogateescape
_SURROGATE = re.compile("[\ud800-\udfff]")
# Not allowed in XML 1.0 (besides surrogates, handled first): C0 controls but tab,
# newline and carriage return, and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Breaks a line somewhere (str.splitlines, terminals) or drives a terminal.
_NOT_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(char: str) -> str:
    """A character as a Python-style escape: ``\\xNN`` for an undecodable byte, else
    ``\\xNN``/``\\uNNNN``/``\\UNNNNNNNN`` for its code point."""
    code = ord(char)
    if code in _ESCAPED_BYTE:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _utf8(text: str) -> bytes:
    """The bytes of ``text``: undecodable bytes as they were on disk, other surrogates as
    their (invalid) UTF-8 encoding."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@functools.lru_cache(maxsize=4096)
def quoted(name: str) -> str:
    """``name`` as is when it is printable without ``"`` or ``\\``, else Git's quoting:
    in double quotes, with ``\\n``, ``\\t``, ``\\"``, ``\\\\`` … and every other byte
    of a non-printable character (control, format, separator, undecodable) in octal.

    Shape: ``'notes/a.md'`` → ``'notes/a.md'``; ``'a\\nb.md'`` → ``'"a\\\\nb.md"'``.
    Source of the rule: Git's ``quote_c_style`` (what ``git diff`` writes and
    ``git apply`` reads); non-ASCII printable text is kept, as with
    ``core.quotePath=false``.
    """
    if name.isprintable() and '"' not in name and "\\" not in name:
        return name
    out = ['"']
    for char in name:
        if char in _C_ESCAPES:
            out.append(_C_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:
            out.extend(f"\\{byte:03o}" for byte in _utf8(char))
    out.append('"')
    return "".join(out)


def unicode_text(text: str) -> str:
    """``text`` as valid Unicode: each undecodable byte (a lone surrogate) as ``\\xNN``,
    any other lone surrogate as ``\\uNNNN``; everything else unchanged."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: _escape(m[0]), text)


def uri(path: str) -> str:
    """A relative path as a URI reference (RFC 3986): its bytes percent-encoded but ``/``.

    ``'notes/a b.md'`` → ``'notes/a%20b.md'``; an undecodable byte 0xFF → ``%FF``.
    """
    return quote(_utf8(path), safe="/")


def xml_text(text: str) -> str:
    """:func:`unicode_text`, and the characters XML 1.0 forbids (most C0 controls,
    U+FFFE, U+FFFF) as ``\\xNN``/``\\uNNNN``: the result is always well-formed in XML."""
    text = unicode_text(text)
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(lambda m: _escape(m[0]), text)


def one_line(text: str) -> str:
    """``text`` on one line: line breaks, control characters and lone surrogates as
    ``\\xNN``/``\\uNNNN`` escapes (a tab stays)."""
    if _NOT_ONE_LINE.search(text) is None:
        return text
    return _NOT_ONE_LINE.sub(lambda m: _escape(m[0]), text)
