"""A TODO's Markdown made safe to post in an issue: nobody mentioned, code left as written.

GitHub turns ``@login`` into a mention (a notification) by html-pipeline's
``MentionFilter``, run on the HTML that cmark-gfm renders: in every text node
that has no ``pre``, ``code``, ``a``, ``style`` or ``script`` ancestor, an ``@``
at the start of the node or after a character other than an ASCII letter,
digit or ``_``, followed by a login (``[a-z0-9][a-z0-9-]*``, any case).  A text
node starts wherever an element ends (``_@carol_`` renders as ``<em>@carol</em>``),
and ``&#64;``, ``&#x40;`` and ``&commat;`` render as ``@``.

:func:`quiet_markdown` finds the code spans, autolinks and link destinations
as CommonMark parses them (:func:`kept_ranges`: a backtick in a link's
destination or in an autolink opens no code span), and:

- keeps each code span byte for byte (a mention inside code is no mention), but
  one holding ``<!--``, which could forge the tool's hidden markers: that one
  becomes escaped text;
- keeps each autolink (``<https://…>``) and each link's or image's destination
  and title as written (inside a link, nothing is a mention), but ``<!--``,
  written ``&lt;!--``;
- elsewhere, writes ``<`` followed by a word joiner (U+2060: no tag, comment or
  autolink starts so, and unlike ``&lt;`` it still ends a bare URL just before
  it, as GitHub's autolink extension stops at ``<``), escapes each
  backtick (it opened no code span, and must not pair with one now), and puts
  a word joiner (U+2060, invisible, not a login character) right after each
  ``@`` or its character reference that a login character or ``&`` follows;
- leaves an ``@`` alone after an ASCII letter or digit when no ``@`` or ``&``
  came earlier in its word (an e-mail address: its text node cannot start at
  the ``@``, so GitHub links it as mail, never as a mention);
- writes ``%40`` for an ``@`` in a bare URL (after ``://`` or ``www.`` in its
  word: GitHub's extended autolinks), so the link still leads where it did.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from notes_lint.urls import AUTOLINK_SCHEME, AUTOLINK_WWW, BEFORE_WWW, find_bare_urls

WORD_JOINER = "\u2060"

# "@", or a character reference GitHub renders as "@", followed by what may start a login.
_AT = re.compile(r"(@|&#0*64;|&#[xX]0*40;|&commat;)(?=[A-Za-z0-9&])")
_LINE_END = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_TEXT_LT = "<" + WORD_JOINER  # a "<" that opens nothing, yet ends a bare URL as "<" does
_URL_START = re.compile(rf"(?:^|[^A-Za-z]){AUTOLINK_SCHEME}|^{BEFORE_WWW}*{AUTOLINK_WWW}")


@dataclass(frozen=True)
class Kept:
    """A range of one line of Markdown that GitHub does not render as plain text.

    ``kind``: ``"code"`` (a code span, backticks included), ``"autolink"``
    (``<scheme:…>`` or ``<mail@host>``) or ``"destination"`` (a link's or an
    image's ``](destination "title")``, after its text); ``start``/``end``:
    offsets in the line.
    """

    kind: str
    start: int
    end: int
    opener: int = -1
    """Where its syntax opens: the backtick, the ``<``, or a link's ``[`` (``![`` of an
    image), before ``start`` for a destination."""


_PARSER: MarkdownIt | None = None


def kept_ranges(line: str) -> list[Kept]:
    """The code spans, autolinks and link destinations of ``line``, in order, never nested.

    Found as CommonMark parses inline Markdown (markdown-it-py; cmark-gfm, which
    GitHub runs, follows the same spec): a backtick inside a link's destination
    or an autolink opens no code span, a code span's backtick can cut a link
    short, raw HTML hides the backticks inside it.  Ranges inside a link's text
    are listed too (the text itself is not a range).
    """
    found: list[Kept] = []
    _parser().parseInline(line, {"notes_lint_kept": found})
    # GitHub's autolink extension reads a bare URL as the inline parser reaches it: what
    # the URL holds is its text, so a backtick, a ``<`` or a link's ``[`` inside
    # ``https://w.x/a`b[c](`` opens nothing, whatever markdown-it made of it (cmark-gfm
    # links the URL, and what follows is text).  A URL that starts inside an autolink, a
    # destination or a code span is none.
    urls = [
        (u.start, u.end)
        for u in find_bare_urls(line)[0]
        if not any(k.start <= u.start < k.end for k in found)
    ]
    found = [k for k in found if not any(a < k.opener < b for a, b in urls)]
    found.sort(key=lambda k: k.start)
    return found


def _parser() -> MarkdownIt:
    """A CommonMark inline parser whose code, autolink, link and image rules report their ranges."""
    global _PARSER
    if _PARSER is None:
        md = MarkdownIt("commonmark").enable("strikethrough")
        md.validateLink = _any_link  # type: ignore[method-assign]  # GitHub links any scheme
        for name, kind in (
            ("backticks", "code"),
            ("autolink", "autolink"),
            ("link", "destination"),
            ("image", "destination"),
        ):
            rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
            md.inline.ruler.at(name, _reporting(_cmark_backticks if kind == "code" else rule, kind))
        _PARSER = md
    return _PARSER


def _any_link(url: str) -> bool:
    return True


_MAX_BACKTICKS = 1000  # cmark's MAXBACKTICKS: longer runs are never remembered


def _cmark_backticks(state: StateInline, silent: bool) -> bool:
    """A code span as cmark-gfm finds one (``inlines.c``, ``scan_to_closing_backticks``).

    CommonMark pairs a backtick run with the next run of its length.  cmark
    speeds this up with a memory that markdown-it does not share: each scan
    notes, per run length, where it last saw such a run (the closer it found
    included), and once one scan has reached the end of the text without a
    closer, a run whose length was last seen before it opens nothing.  So in
    ``a‹2›b‹1›c‹1›d‹1›e‹1›`` (‹n›: a run of n backticks) the spec's second span,
    ``d``, is none on GitHub: the scan for the ‹2› saw the ‹1› after ``e`` last,
    the span ``c`` then noted its closer before ``d``, and the ‹1› after ``d`` is text.
    """
    src = state.src
    start = state.pos
    if src[start] != "`":
        return False
    pos = start
    while pos < state.posMax and src[pos] == "`":
        pos += 1
    marker = src[start:pos]
    closer = _closing_run(state, len(marker), pos)
    if closer is None:
        if not silent:
            state.append_pending(marker)
        state.pos = pos
        return True
    if not silent:
        token = state.push("code_inline", "code", 0)
        token.markup = marker
        content = src[pos:closer].replace("\n", " ")
        if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
            content = content[1:-1]
        token.content = content
    state.pos = closer + len(marker)
    return True


def _closing_run(state: StateInline, length: int, pos: int) -> int | None:
    """Where the run closing an opener of ``length`` backticks ending at ``pos`` starts, by
    cmark's scan and its memory (kept on ``state``, one per inline parse)."""
    last: dict[int, int] = state.backticks
    if state.backticksScanned and last.get(length, -1) < pos:
        return None
    src = state.src
    at = pos
    while (run := src.find("`", at, state.posMax)) != -1:
        at = run
        while at < state.posMax and src[at] == "`":
            at += 1
        if at - run <= _MAX_BACKTICKS:
            last[at - run] = run
        if at - run == length:
            return run
    state.backticksScanned = True
    return None


def _reporting(rule: Any, kind: str) -> Any:
    def report(state: StateInline, silent: bool) -> bool:
        start = state.pos
        label_end = -1
        if kind == "destination" and not silent:
            at = start + 1 if state.src.startswith("!", start) else start
            label_end = state.md.helpers.parseLinkLabel(state, at, True)
        matched: bool = rule(state, silent)
        if matched and not silent:
            begin = label_end if kind == "destination" else start
            if begin >= 0:
                state.env["notes_lint_kept"].append(Kept(kind, begin, state.pos, start))
        return matched

    return report


def quiet_markdown(text: str) -> str:
    """``text`` on one line, rendering as before on GitHub but mentioning no one (see module)."""
    line = _LINE_END.sub(" ", text).strip()
    out: list[str] = []
    done = 0
    for kept in kept_ranges(line):
        if kept.start < done:
            continue  # inside a range already kept
        piece = line[kept.start : kept.end]
        if kept.kind == "code" and "<!--" in piece:
            continue  # could forge the tool's markers: shown as text, its backticks escaped
        out.append(_quiet_text(line[done : kept.start]))
        out.append(piece.replace("<!--", "&lt;!--") if kept.kind == "destination" else piece)
        done = kept.end
    out.append(_quiet_text(line[done:]))
    return "".join(out)


def _quiet_text(text: str) -> str:
    """Markdown outside code and link targets: white space runs to one space, ``<`` made text,
    each backtick escaped (it was no code span's, and must not pair with one now that
    ``<`` no longer opens HTML), mentions quieted; a backslash escape is copied whole."""
    text = _SPACES.sub(" ", text)
    escaped: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ASCII_PUNCTUATION:
            escaped.append(text[i : i + 2] if text[i + 1] != "<" else _TEXT_LT)
            i += 2
            continue
        escaped.append(_TEXT_LT if char == "<" else "\\`" if char == "`" else char)
        i += 1
    text = "".join(escaped)
    pieces: list[str] = []
    done = 0
    for match in _AT.finditer(text):
        where = match.start()
        word_start = text.rfind(" ", 0, where) + 1
        before = text[word_start:where]
        if _in_url(before):
            pieces.append(text[done:where] + "%40")
        elif before[-1:].isascii() and before[-1:].isalnum() and not re.search(r"[@&]", before):
            pieces.append(text[done : match.end()])
        else:
            pieces.append(text[done : match.end()] + WORD_JOINER)
        done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _in_url(word_before: str) -> bool:
    """Whether an ``@`` after ``word_before`` (its word so far) sits in a URL or link target."""
    destination = word_before.rfind("](")
    if destination != -1 and ")" not in word_before[destination + 2 :]:
        return True
    return _URL_START.search(word_before) is not None
