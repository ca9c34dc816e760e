"""What HTML written in a note gives its links: anchors (``id``/``name``) and URLs.

**Anchors** (targets of ``#fragment`` links, NL207).  GitHub's sanitizer keeps
``id`` and ``name`` on every element it lets through and prefixes both with
``user-content-``: html-pipeline's SanitizationFilter allows ``name`` on all
elements, and hast-util-sanitize's ``defaultSchema``, written to match
github.com, allows ``id`` and ``name`` on all (``'*'``) with ``clobber: ['name',
'id']`` and ``clobberPrefix: 'user-content-'``; GitHub's page script resolves
``#x`` to ``user-content-x``.  What a fragment then reaches is the HTML
standard's "indicated part of the document": the element whose ``id`` is the
fragment, else the first ``<a>`` whose ``name`` is.  So ``<a id="x">``, ``<div
id="x">`` and ``<a name="x">`` are targets of ``#x``; ``<div name="x">`` is not.
Nor is a tag that GFM's tag filter (spec §6.11, disallowed raw HTML: ``title``,
``textarea``, ``style``, ``xmp``, ``iframe``, ``noembed``, ``noframes``,
``script``, ``plaintext``) writes as text.

**URLs** (NL209): the ``href``, ``src`` and the other attributes whose value a
browser follows or loads (:data:`URL_ATTRIBUTES`), read as a browser reads them
(:func:`html_url`).

Tags are read with the syntax of a CommonMark open tag (spec §6.6, raw HTML),
in one linear scan (possessive repeats, no backtracking): the standard
library's HTML parser rescans unclosed tags and takes quadratic time on hostile
input.  Comments are skipped; attribute values have their character references
decoded, as a browser reads them.
"""

from __future__ import annotations

import html
from typing import NamedTuple

import regex

_NAME = r"[A-Za-z_:][A-Za-z0-9_.:-]*+"
_VALUE = r"(?:\s*+=\s*+(?:[^\s\"'=<>`]++|'[^']*+'|\"[^\"]*+\"))?+"
_TAG = regex.compile(rf"<([A-Za-z][A-Za-z0-9-]*+)((?:\s++{_NAME}{_VALUE})*+)\s*+/?>")
_ATTRIBUTE = regex.compile(
    rf"({_NAME})(?:\s*+=\s*+(?:([^\s\"'=<>`]++)|'([^']*+)'|\"([^\"]*+)\"))?+"
)
_TARGET_ATTRIBUTES = frozenset({"id", "name"})
FILTERED_TAGS = frozenset(
    {"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"}
)
"""GFM's tag filter (spec §6.11, disallowed raw HTML): GitHub writes these tags as text."""

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "data", "cite", "background", "xlink:href"}
)
"""Attributes whose value a browser follows or loads as a URL (``<a href>``, ``<img src>``,
``<form action>``, ``<button formaction>``, ``<video poster>``, ``<object data>``, …)."""


def _blank(text: str) -> str:
    """``text`` with its ``<!-- … -->`` comments (an unclosed one runs to the end) turned
    into spaces, lines kept: offsets into it are offsets into ``text``."""
    parts = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        parts.append(text[start:opening])
        closing = text.find("-->", opening + 4)
        end = len(text) if closing < 0 else closing + 3
        parts.append(regex.sub(r"[^\n]", " ", text[opening:end]))
        start = end
    parts.append(text[start:])
    return "".join(parts)


class HtmlAttribute(NamedTuple):
    """An attribute of an open tag: the tag's and attribute's names (lower case), its
    value with character references decoded, and where the value starts in the text
    scanned (the offset of its first character as written, after any quote)."""

    tag: str
    name: str
    value: str
    offset: int


def html_attributes(text: str, names: frozenset[str]) -> list[HtmlAttribute]:
    """The attributes called one of ``names`` of the open tags in ``text`` (raw HTML of a
    note: a block or one inline tag), in order, but for those of GFM's filtered tags."""
    lowered = text.lower()
    if not any(name in lowered for name in names):
        return []
    found: list[HtmlAttribute] = []
    for tag in _TAG.finditer(_blank(text)):
        tag_name = tag[1].lower()
        if tag_name in FILTERED_TAGS:
            continue
        for attribute in _ATTRIBUTE.finditer(tag[2]):
            name = attribute[1].lower()
            if name not in names:
                continue
            group = next((k for k in (2, 3, 4) if attribute[k] is not None), None)
            value = "" if group is None else attribute[group]
            offset = tag.start(2) + (attribute.start(group) if group else attribute.end())
            found.append(HtmlAttribute(tag_name, name, html.unescape(value), offset))
    return found


def html_anchors(text: str) -> list[str]:
    """The fragment targets that the open tags in ``text`` make on GitHub (see the module
    doc: a non-empty ``id`` of any element, the ``name`` of an ``<a>``), in order; ``[]``
    when there is none."""
    return [
        attribute.value
        for attribute in html_attributes(text, _TARGET_ATTRIBUTES)
        if attribute.value and (attribute.name == "id" or attribute.tag == "a")
    ]


_STRIPPED = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def html_url(value: str) -> str:
    """An attribute's URL as a browser reads it (WHATWG URL parser, basic URL parser's
    first steps): leading and trailing C0 controls and spaces removed, then every tab
    and newline, so ``" java\tscript:x"`` is ``javascript:x``.  ``value`` has its
    character references decoded already (``&#106;avascript:`` is ``javascript:``)."""
    return value.strip(_STRIPPED).translate(_TAB_OR_NEWLINE)


def html_urls(text: str) -> list[HtmlAttribute]:
    """The URL attributes (:data:`URL_ATTRIBUTES`) of the open tags in ``text``, each
    value read as :func:`html_url` reads it; empty ones left out."""
    return [
        attribute._replace(value=url)
        for attribute in html_attributes(text, URL_ATTRIBUTES)
        if (url := html_url(attribute.value))
    ]
