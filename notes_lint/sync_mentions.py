"""A TODO's Markdown made safe to post in an issue: nobody mentioned, code left as written.

GitHub turns ``@login`` into a mention (a notification) by html-pipeline's
``MentionFilter``, run on the HTML that cmark-gfm renders: in every text node
that has no ``pre``, ``code``, ``a``, ``style`` or ``script`` ancestor, an ``@``
at the start of the node or after a character other than an ASCII letter,
digit or ``_``, followed by a login (``[a-z0-9][a-z0-9-]*``, any case).  A text
node starts wherever an element ends (``_@carol_`` renders as ``<em>@carol</em>``),
and ``&#64;``, ``&#x40;`` and ``&commat;`` render as ``@``.

:func:`quiet_markdown` therefore:

- keeps each code span byte for byte (a mention inside code is no mention), but
  one holding ``<!--``, which could forge the tool's hidden markers: that one
  becomes escaped text;
- outside code, writes ``<`` as ``&lt;`` (no HTML, no comment) and puts a word
  joiner (U+2060, invisible, not a login character) right after each ``@`` or
  its character reference that a login character or ``&`` follows;
- leaves an ``@`` alone after an ASCII letter or digit when no ``@`` or ``&``
  came earlier in its word (an e-mail address: its text node cannot start at
  the ``@``, so GitHub links it as mail, never as a mention);
- writes ``%40`` for an ``@`` inside a URL (after ``://`` or ``www.`` in its
  word, or in a link's destination after ``](``), so the link still leads where
  it did; where that guess is wrong the reader sees ``%40`` and no one is pinged.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# "@", or a character reference GitHub renders as "@", followed by what may start a login.
_AT = re.compile(r"(@|&#0*64;|&#[xX]0*40;|&commat;)(?=[A-Za-z0-9&])")
_LINE_END = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")
_URL_START = re.compile(r"(?:^|[^A-Za-z])(?:https?|ftp)://|^[(*_~]*www\.")


def code_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each code span in one line of Markdown, backticks included.

    CommonMark's rule: a run of N backticks not escaped by ``\\`` opens a span
    that the next run of exactly N backticks closes; a run with no such match is
    literal text.  A backslash inside a span is literal.
    """
    spans: list[tuple[int, int]] = []
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char != "`":
            i += 1
            continue
        run_end = i
        while run_end < size and text[run_end] == "`":
            run_end += 1
        width = run_end - i
        close = _closing_run(text, run_end, width)
        if close is None:
            i = run_end
            continue
        spans.append((i, close + width))
        i = close + width
    return spans


def _closing_run(text: str, start: int, width: int) -> int | None:
    """Where the next run of exactly ``width`` backticks from ``start`` begins, if any."""
    i, size = start, len(text)
    while i < size:
        if text[i] != "`":
            i += 1
            continue
        end = i
        while end < size and text[end] == "`":
            end += 1
        if end - i == width:
            return i
        i = end
    return None


def quiet_markdown(text: str) -> str:
    """``text`` on one line, rendering as before on GitHub but mentioning no one (see module)."""
    line = _LINE_END.sub(" ", text).strip()
    out: list[str] = []
    done = 0
    for start, end in code_spans(line):
        span = line[start:end]
        if "<!--" in span:
            continue  # stays in the text around it, its backticks escaped below
        out.append(_quiet_text(line[done:start]))
        out.append(span)
        done = end
    out.append(_quiet_text(line[done:]))
    return "".join(out)


def _quiet_text(text: str) -> str:
    """Markdown outside code: whitespace runs to one space, ``<`` escaped, mentions quieted."""
    text = _SPACES.sub(" ", text).replace("<", "&lt;")
    if "&lt;!--" in text:  # a code span that held a comment: its backticks made literal
        text = text.replace("`", "\\`")
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
