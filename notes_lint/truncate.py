"""Shortening text to a length with an ellipsis: the one rule for every message and title."""

from __future__ import annotations

import regex

ELLIPSIS = "…"
"""U+2026, one code point: what marks a cut."""

_GRAPHEME = regex.compile(r"\X")


def truncate(text: str, limit: int, *, at_word: bool = False, trim: str = "") -> str:
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
    at_word=True)`` → ``"ab cd…"``.  Raises :class:`ValueError` when ``limit`` < 1.
    """
    if limit < 1:
        raise ValueError(f"truncate: limit must be 1 or more, not {limit}")
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    end = 0
    for cluster in _GRAPHEME.finditer(text):
        if cluster.end() > room:
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
