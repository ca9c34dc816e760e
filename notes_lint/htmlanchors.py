"""The ``id`` and ``name`` attributes of HTML written in a note: targets of ``#fragment`` links.

GitHub keeps both on the HTML it renders (prefixed ``user-content-``, which its
page script resolves for a fragment without the prefix), so ``<a id="x"></a>``,
``<a name="x"></a>`` and ``<div id="x">`` are all targets of ``#x`` (NL207).

Tags are read with the syntax of a CommonMark open tag (spec §6.6, raw HTML),
in one linear scan (possessive repeats, no backtracking): the standard
library's HTML parser rescans unclosed tags and takes quadratic time on hostile
input.  Comments are skipped; attribute values have their character references
decoded, as a browser reads them.
"""

from __future__ import annotations

import html

import regex

_NAME = r"[A-Za-z_:][A-Za-z0-9_.:-]*+"
_VALUE = r"(?:\s*+=\s*+(?:[^\s\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?+"
_TAG = regex.compile(rf"<[A-Za-z][A-Za-z0-9-]*+((?:\s++{_NAME}{_VALUE})*+)\s*+/?>")
_ATTRIBUTE = regex.compile(
    rf"({_NAME})(?:\s*+=\s*+(?:([^\s\"'=<>`]++)|'([^']*+)'|\"([^\"]*+)\"))?+"
)
_TARGET_ATTRIBUTES = frozenset({"id", "name"})


def _without_comments(text: str) -> str:
    """``text`` without its ``<!-- … -->`` comments (an unclosed one runs to the end)."""
    parts = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        parts.append(text[start:opening])
        closing = text.find("-->", opening + 4)
        if closing < 0:
            return "".join(parts)
        start = closing + 3
    parts.append(text[start:])
    return "".join(parts)


def html_anchors(text: str) -> list[str]:
    """The non-empty ``id``/``name`` values of the open tags in ``text`` (raw HTML of a
    note: a block or one inline tag), in order; ``[]`` when there is none."""
    lowered = text.lower()
    if "id" not in lowered and "name" not in lowered:
        return []
    found: list[str] = []
    for tag in _TAG.finditer(_without_comments(text)):
        for attribute in _ATTRIBUTE.finditer(tag[1]):
            if attribute[1].lower() not in _TARGET_ATTRIBUTES:
                continue
            value = next((v for v in attribute.groups()[1:] if v is not None), "")
            if value:
                found.append(html.unescape(value))
    return found
