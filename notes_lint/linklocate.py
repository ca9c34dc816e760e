"""Where each link of a note is written (part of the parser, :mod:`notes_lint.parse`).

markdown-it gives a link's destination and text but not where its source is: each
link (inline ``[t](u)``, reference ``[t][r]`` and ``[t]``, autolink ``<u>``, image,
GitHub's bare URL, an HTML tag's ``href``/``src``) is located here in its inline
token's ``content`` and mapped back to lines and columns, with the spans a fix edits.
:class:`LinkLocating` holds the note builder's steps for it; the functions are the
searches they use (brackets matched as CommonMark does, text found near the cursor).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from notes_lint.htmlanchors import html_urls
from notes_lint.mdescape import CHARACTER_REFERENCE
from notes_lint.model import Link, Reference, Span
from notes_lint.notedraft import NoteDraft, SectionDraft
from notes_lint.urls import BareUrl, classify, find_bare_urls

if TYPE_CHECKING:
    from notes_lint.parse import _InlineMap

# No "<" in a directive's codes: a search restarted at each "<!--" stops at the next one.
_DIRECTIVE = re.compile(
    r"<!--\s*notes-lint\s+(disable-next-line|disable-line|disable-file|disable|enable)\b([^<>]*?)-->",
)
_BROKEN_REF = re.compile(r"(?<!\\)\[([^\[\]]+)\]\[([^\[\]]*)\]")

MAX_LABEL_BRACKETS = 32
"""Opening brackets a link's text may hold (``[a [b] c](u)``): past them it is not a link."""


_Matches = dict[tuple[int, str], int]


def _matching(
    content: str, start: int, open_char: str, close_char: str, seen: _Matches | None = None
) -> int:
    """Index of the bracket closing the one at ``start``, or -1 (escapes honoured).

    Gives up past :data:`MAX_LABEL_BRACKETS` nested openings, as the parser does; ``seen``
    remembers each answer, so that the links of a paragraph do not rescan it.
    """
    if seen is not None and (start, open_char) in seen:
        return seen[(start, open_char)]
    depth = opened = 0
    index = start
    found = -1
    while index < len(content):
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if char == open_char:
            depth += 1
            opened += 1
            if opened > MAX_LABEL_BRACKETS + 1:
                break
        elif char == close_char:
            depth -= 1
            if depth == 0:
                found = index
                break
        index += 1
    if seen is not None:
        seen[(start, open_char)] = found
    return found


class _Located(NamedTuple):
    """Where a link's source text is in an inline token's content (-1: not found)."""

    start: int
    end: int
    style: str
    text_start: int = -1  # the link text, between the brackets
    text_end: int = -1
    url_start: int = -1  # the destination as written (inline links only)
    url_end: int = -1


def _destination(content: str, open_paren: int, end: int) -> tuple[int, int]:
    """(start, end) of the destination of ``[text](dest "title")`` as written."""
    index = open_paren + 1
    while index < end and content[index] in " \t\n":
        index += 1
    if content[index : index + 1] == "<":
        close = content.find(">", index + 1, end)
        return (index + 1, close) if close >= 0 else (-1, -1)
    stop, depth = index, 0
    while stop < end - 1:
        char = content[stop]
        if char in " \t\n":
            break
        if char == "\\":
            stop += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        stop += 1
    return index, min(stop, end - 1)


def _locate_link(
    content: str, cursor: int, references: dict[str, Any], image: bool, seen: _Matches
) -> _Located:
    """Where the next link's source text is, at or after ``cursor`` (``seen``: see
    :func:`_matching`)."""
    opener = "![" if image else "["
    search = cursor
    while True:
        start = content.find(opener, search)
        if start < 0:
            return _Located(cursor, cursor, "inline")
        if (start > 0 and content[start - 1] == "\\") or (
            not image and start > 0 and content[start - 1] == "!"
        ):
            search = start + 1
            continue
        bracket = start + (1 if image else 0)
        close = _matching(content, bracket, "[", "]", seen)
        if close < 0:
            return _Located(cursor, cursor, "inline")
        after = content[close + 1 : close + 2]
        label = content[bracket + 1 : close]
        if after == "(":
            paren = _matching(content, close + 1, "(", ")", seen)
            if paren < 0:
                return _Located(start, close + 1, "inline", bracket + 1, close)
            url_start, url_end = _destination(content, close + 1, paren + 1)
            return _Located(start, paren + 1, "inline", bracket + 1, close, url_start, url_end)
        if after == "[":
            ref_end = _matching(content, close + 1, "[", "]", seen)
            ref = content[close + 2 : ref_end] if ref_end >= 0 else ""
            if normalizeReference(ref or label) in references:
                return _Located(start, ref_end + 1, "reference", bracket + 1, close)
        elif normalizeReference(label) in references:
            return _Located(start, close + 1, "reference", bracket + 1, close)
        search = start + 1


_GAP = 256
"""Source characters of markup (emphasis, escapes) allowed between inline texts."""
_EXPANSION = 33
"""Source characters one decoded character may come from (``&CounterClockwiseContourIntegral;``)."""
_MAX_GAP = 4096
"""The furthest a text is looked for past where it can first be: the cost of each look."""


# CommonMark's backslash escapes: any ASCII punctuation character.
_ESCAPABLE = re.compile(r"[!-/:-@\[-`{-~]")


def _find_near(content: str, text: str, cursor: int, unfound: int) -> int:
    """Where ``text`` (an inline token's) is in ``content`` at or after ``cursor``, or -1.

    ``unfound`` decoded characters before it were not found (entities, escapes): the text
    is looked for as far as they may reach in the source, at most :data:`_MAX_GAP`
    characters on.  Each look is bounded, so a paragraph of many tokens costs linear time
    (issue 12, S6: a search to the end for each missing text was quadratic).
    """
    reach = min(_GAP + _EXPANSION * unfound, _MAX_GAP)
    found = content.find(text, cursor, cursor + reach + len(text))
    if found == cursor or not _ESCAPABLE.search(text):
        return found
    # The text may be written with backslash escapes (``a \| b`` in a table cell reads
    # ``a | b``): look for it with an optional backslash before each ASCII punctuation
    # character, so a later copy of the text (in a code span) is not taken for it.
    written = re.compile(
        "".join("\\\\?" + re.escape(c) if _ESCAPABLE.match(c) else re.escape(c) for c in text)
    )
    escaped = written.search(content, cursor, cursor + reach + 2 * len(text))
    if escaped is None or (found >= 0 and escaped.start() >= found):
        return found
    if found >= 0 and escaped.end() > found:
        return found  # the same text, an escape before it ("\| x": "| x" is found after it)
    return -1  # written with escapes here (offsets do not map one for one): not a later copy


_ANCHOR_TAG = re.compile(r"<(/?)a(?=[\s/>])[\s\S]*?(/?)>\Z", re.IGNORECASE)


_HREF = re.compile(r"\shref\s*=", re.IGNORECASE)


def _anchor_depth(html: str, depth: int) -> int:
    """How many HTML links (``<a href>`` elements) are open after the inline tag ``html``.

    An ``<a>`` without ``href`` (``<a name="x">``, ``<a>``) leads nowhere: GitHub's
    autolink extension still links a URL in its text, so that URL is bare."""
    tag = html.strip()
    match = _ANCHOR_TAG.match(tag)
    if match is None or match[2]:
        return depth
    if match[1]:
        return max(depth - 1, 0)
    return depth + 1 if _HREF.search(tag) else depth


def _cuts_an_entity(content: str, start: int, end: int) -> bool:
    """Whether the source ``content[start:end]`` ends inside a character reference
    (``&amp;``): what markdown-it decoded there is not what the source holds."""
    at = content.rfind("&", start, end)
    if at < 0:
        return False
    match = CHARACTER_REFERENCE.match(content, at)
    return match is not None and match.end() > end


def _plain_text(children: Sequence[Token], images: bool = True) -> str:
    """The rendered text of inline tokens (markup dropped); an image counts as its alt
    text unless ``images`` is false.  GitHub's heading anchors take the heading's text
    content, where an ``<img>`` adds nothing: a badge in a heading is not in its slug."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "image" and images:
            parts.append(child.content)
    return "".join(parts)


@dataclass
class _InlineWalk:
    """Where the walk over one inline token's children is in its source ``content``."""

    content: str
    mapper: _InlineMap
    section: str | None  # the title of the section the links are in
    cursor: int = 0  # where the next child is looked for
    unfound: int = 0  # characters of text not found since the cursor: each may be an entity
    brackets: int = 0  # "[" open at this point (GitHub autolinks no URL inside one)
    anchors: int = 0  # HTML <a> elements open at this point (their text is a link already)
    seen: _Matches = field(default_factory=dict)  # bracket matches found (see _matching)

    def find(self, text: str) -> int:
        """Where ``text`` is in the source from the cursor on, or -1 (see _find_near)."""
        return _find_near(self.content, text, self.cursor, self.unfound)


class LinkLocating:
    """The note builder's link steps: each link of an inline token, located and added
    to ``note.links`` (``note.html_links`` for HTML tags, ``note.broken_references``
    for ``[a][b]`` with no definition). Mixed into the builder, whose state it reads."""

    draft: NoteDraft
    lines: list[str]
    references: dict[str, Any]
    section: SectionDraft | None
    linking_heading: bool = False  # the links being located are in a heading's text

    def _directive(self, match: re.Match[str], line: int) -> None:
        """A ``<!-- notes-lint … -->`` directive found among the inline HTML (the builder's)."""
        raise NotImplementedError

    def _add_html_link(self, url: str, line: int, col: int) -> None:
        info = classify(url)
        section = self.section.title if self.section else None
        self.draft.html_links.append(
            Link(
                url,
                "",
                line,
                col,
                "html",
                info.kind,
                section,
                info.repo,
                info.number,
                host=info.host,
            )
        )

    def _links(self, token: Token, mapper: _InlineMap) -> None:
        """Each link of the inline ``token``, in order: its children are walked along
        its source ``content`` (a cursor per child), one step per kind of child."""
        children = token.children or []
        walk = _InlineWalk(token.content, mapper, self.section.title if self.section else None)
        index = 0
        while index < len(children):
            child = children[index]
            kind = child.type
            if kind == "text":
                self._text_links(walk, child, last=index == len(children) - 1)
            elif kind == "code_inline":
                found = walk.find(child.content)
                if found >= 0:
                    walk.cursor, walk.unfound = found + len(child.content), 0
            elif kind == "html_inline":
                self._html_inline(walk, child)
            elif kind == "image":
                self._image(walk, child)
            elif kind == "link_open":
                index = self._link(walk, children, index)
            index += 1

    def _text_links(self, walk: _InlineWalk, child: Token, last: bool) -> None:
        """A text child: its bare URLs (as GitHub's autolink extension reads the text as
        written: entities and escapes not decoded, ``…/p&amp;`` ends before the entity)
        and its ``[a][b]`` with no definition."""
        written = str(child.meta.get("raw", child.content))
        found = walk.find(written)
        base = found if found >= 0 else walk.cursor
        content = walk.content
        before = content[base - 1] if base > 0 else ""  # for "www.": see urls.py
        at_end = found + len(written) >= len(content) if found >= 0 else last
        urls, walk.brackets = find_bare_urls(written, walk.brackets, before, at_end)
        for bare in urls if not walk.anchors else ():  # inside <a href>: already a link
            self._bare_url(walk, written, bare, base, found >= 0)
        for match in _BROKEN_REF.finditer(child.content):
            at = (
                base + match.start()
                if found >= 0 and written == child.content
                else _find_near(content, match[0], base, match.start())
            )
            if at < 0:
                continue  # not in the source as written: escaped brackets, \[a\]\[b\]
            label = match[2] or match[1]
            if label.startswith("^"):
                continue  # GFM footnote syntax, never a link reference
            line, col = walk.mapper.position(at)
            self.draft.broken_references.append(Reference(label, match[1], line, col))
        if found >= 0:
            walk.cursor, walk.unfound = found + len(written), 0
        else:
            walk.unfound += len(written)

    def _bare_url(
        self, walk: _InlineWalk, written: str, bare: BareUrl, base: int, placed: bool
    ) -> None:
        """One bare URL of the text ``written``, which starts at ``base`` in the source
        when ``placed`` (else it is not found there as written)."""
        content, mapper = walk.content, walk.mapper
        start, end = bare.start, bare.end
        url = written[start:end]  # as written; GitHub's href: bare.href
        # Where the text is, the URL is at its place in it; else it is looked for
        # near there (not an earlier twin of this URL).
        at = base + start if placed else _find_near(content, url, base, start)
        line, col = mapper.position(at if at >= 0 else base)
        # Where the text differs from its source (entities, escapes), the URL
        # found may be a twin further on: no span, so nothing edits it.
        span = mapper.span(at, at + len(url)) if at >= 0 and placed else None
        if span is not None and (
            _cuts_an_entity(content, at, at + len(url)) or CHARACTER_REFERENCE.search(url)
        ):
            # "…/t&amp;" read as "…/t&": a fix would split the entity; and in
            # <…> an entity is decoded, where GitHub's bare URL keeps it
            span = None
        href = bare.href(written)
        tail = written[end:]
        if (
            at >= 0
            and not bare.in_brackets
            and not any(char.isspace() or char == "<" for char in tail)
            and content.startswith("\\\n", at + len(url) + len(tail))
        ):
            # "…/x.\" ending a line: GitHub's URL runs on through the "\" (no
            # hard break); a fix ending the link before it would add a line break.
            url = written[start:] + "\\"
            href, span = ("http://" if bare.www else "") + url, None
        self._add_link(
            href,
            url,
            line,
            col,
            "bare",
            walk.section,
            None,
            (span, span, span),
            in_brackets=bare.in_brackets,
            backwards=bare.reversed_link,
        )

    def _html_inline(self, walk: _InlineWalk, child: Token) -> None:
        """Inline HTML: a directive, the URLs of its tags, and ``<a>`` depth."""
        found = walk.find(child.content)
        if found >= 0:
            walk.unfound = 0
            walk.cursor = found + len(child.content)
            directive = _DIRECTIVE.search(child.content)
            if directive:
                self._directive(directive, walk.mapper.position(found)[0])
            for attribute in html_urls(child.content):
                self._add_html_link(
                    attribute.value, *walk.mapper.position(found + attribute.offset)
                )
        walk.anchors = _anchor_depth(child.content, walk.anchors)

    def _image(self, walk: _InlineWalk, child: Token) -> None:
        found_at = _locate_link(walk.content, walk.cursor, self.references, True, walk.seen)
        line, col = walk.mapper.position(found_at.start)
        self._add_link(
            str(child.attrs.get("src", "")),
            child.content,
            line,
            col,
            "image",
            walk.section,
            spans=self._spans(walk.mapper, found_at),
        )
        walk.cursor = max(walk.cursor, found_at.end)

    def _link(self, walk: _InlineWalk, children: Sequence[Token], index: int) -> int:
        """The link opened at ``children[index]``; the index of its ``link_close``."""
        child = children[index]
        close = index + 1
        while close < len(children) and children[close].type != "link_close":
            close += 1
        text = _plain_text(children[index + 1 : close])
        href = str(child.attrs.get("href", ""))
        content, cursor = walk.content, walk.cursor
        if child.markup == "autolink":
            start = content.find("<", cursor)
            end = content.find(">", start) + 1 if start >= 0 else cursor
            found_at = (
                _Located(start, end, "autolink", start + 1, end - 1, start + 1, end - 1)
                if start >= 0 and end > start
                else _Located(cursor, cursor, "autolink")
            )
        else:
            found_at = _locate_link(content, cursor, self.references, False, walk.seen)
        start, end, style = found_at.start, found_at.end, found_at.style
        line, col = walk.mapper.position(start)
        _, end_col = walk.mapper.position(end)
        self._add_link(
            href, text, line, col, style, walk.section, end_col, self._spans(walk.mapper, found_at)
        )
        walk.cursor = max(cursor, end)
        return close

    @staticmethod
    def _spans(mapper: _InlineMap, found: _Located) -> tuple[Span | None, Span | None, Span | None]:
        """The link's (whole, text, destination) source spans, where located."""
        if found.end <= found.start:
            return None, None, None
        return (
            mapper.span(found.start, found.end),
            mapper.span(found.text_start, found.text_end),
            mapper.span(found.url_start, found.url_end),
        )

    def _add_link(
        self,
        url: str,
        text: str,
        line: int,
        col: int,
        style: str,
        section: str | None,
        end_col: int | None = None,
        spans: tuple[Span | None, Span | None, Span | None] = (None, None, None),
        *,
        in_brackets: bool = False,
        backwards: bool = False,
    ) -> None:
        span, text_span, url_span = spans
        info = classify(url)
        source_line = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        before = (
            source_line[col - 2] if span is not None and 1 < col <= len(source_line) + 1 else ""
        )
        self.draft.links.append(
            Link(
                url,
                text,
                line,
                col,
                style,
                info.kind,
                section,
                info.repo,
                info.number,
                end_col,
                span=span,
                text_span=text_span,
                url_span=url_span,
                preceded_by=before,
                host=info.host,
                in_brackets=in_brackets,
                backwards=backwards,
                in_heading=self.linking_heading,
            )
        )
