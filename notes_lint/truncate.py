"""Shortening text to a length with an ellipsis: the one rule for every message and title."""

from __future__ import annotations

from collections.abc import Callable

import regex

ELLIPSIS = "…"
"""U+2026, one code point: what marks a cut."""

_GRAPHEME = regex.compile(r"\X")


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal (``wcwidth.wcswidth``, Unicode's East
    Asian Width and emoji data): wide and full-width characters 2, combining marks and
    zero-width joiners 0, others 1; a character that does not print counts 1 (the
    callers pass :func:`~notes_lint.names.one_line` text, where none is left)."""
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    if width >= 0:
        return int(width)
    return sum(w if (w := int(wcwidth(c))) >= 0 else 1 for c in text)


def truncate(
    text: str,
    limit: int,
    *,
    at_word: bool = False,
    trim: str = "",
    measure: Callable[[str], int] = len,
) -> str:
    """``text`` when it has at most ``limit`` code points, else a prefix and ``…`` within ``limit``.

    Lengths are code points (``len``), as the callers pad and count: a GitHub
    issue title's 256, a diagnostic's quote, a table column of ``todos``.  The
    cut never splits a user-perceived character (an extended grapheme cluster,
    Unicode UAX #29: ``e`` and its combining accent, an emoji sequence); a
    cluster longer than the room left is dropped whole.

    - ``at_word``: the cut moves back to the last space when that keeps more
      than half of ``limit`` (a whole word rather than part of one).
    - ``trim``: characters taken off the end of the kept prefix before ``…``
      (``" ,.;:"``: no ``word,…``).

    Shape: ``truncate("abcdef", 4)`` → ``"abc…"``; ``truncate("ab cd ef", 7,
    at_word=True)`` → ``"ab cd…"``.  ``measure``: how a length is counted, code points
    (``len``) unless given; :func:`display_width` for a column of a terminal table.  Raises :class:`ValueError` when ``limit`` < 1.
    """
    if limit < 1:
        raise ValueError(f"truncate: limit must be 1 or more, not {limit}")
    if measure(text) <= limit:
        return text
    room = limit - measure(ELLIPSIS)
    end = used = 0
    for cluster in _GRAPHEME.finditer(text):
        used += measure(cluster.group())
        if used > room:
            break
        end = cluster.end()
    kept = text[:end]
    if at_word:
        space = kept.rfind(" ")
        if space > limit // 2:
            kept = kept[:space]
    if trim:
        kept = kept.rstrip(trim)
    return kept + ELLIPSIS
