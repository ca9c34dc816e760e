"""GitHub's heading anchors, so ``#fragment`` links can be checked (NL207).

The algorithm is github-slugger's (github.com/Flet/github-slugger, v2), which
reproduces the ids GitHub gives rendered headings:

1. lower-case the heading's text (its rendered text: markup dropped, the text of
   links and inline code kept, HTML tags dropped);
2. remove every character of the Unicode general categories Other_Number (``²``,
   ``①``), all punctuation except Connector_Punctuation (``_``, ``‿``) and the
   ASCII ``-``, all symbols (emoji, ``©``, ``+``), Control, Format (U+200D),
   Private_Use, Unassigned, and all separators except the ASCII space, unless the
   character is Alphabetic (``Ⓐ`` is a symbol that is a letter, and stays);
3. turn each ASCII space into ``-``; nothing is trimmed.

Letters, marks (Devanagari vowel signs, an NFD accent, the emoji variation
selector U+FE0F) and decimal and letter numbers of every script are kept.  A
repeated slug gets ``-1``, ``-2``… in document order.  Categories come from the
Unicode tables of the ``regex`` module (github-slugger uses Unicode 13; the
two differ only for characters assigned since).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

_STRIP = regex.compile(
    r"[[\p{No}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{S}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}]"
    r"--[\p{Alphabetic}\x20\-]]",
    regex.VERSION1,
)


def github_slug(text: str) -> str:
    """The anchor GitHub renders for a heading whose rendered text is ``text``, before
    de-duplication (see the module doc)."""
    return _STRIP.sub("", text.lower()).replace(" ", "-")


def unique_slugs(texts: Iterable[str]) -> list[str]:
    """The anchors of headings in document order, with GitHub's ``-1``, ``-2`` suffixes for
    repeats (a suffixed slug that is taken, as ``a-1`` after a heading ``a 1``, counts on)."""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        base = github_slug(text)
        slug = base
        while slug in seen:
            seen[base] += 1
            slug = f"{base}-{seen[base]}"
        seen.setdefault(slug, 0)
        out.append(slug)
    return out


def anchor_key(anchor: str) -> str:
    """How a fragment (decoded, without ``#``) is compared with an anchor: NFC-normalised
    and lower-cased, so a link typed with a composed ``é`` finds a heading written with
    ``e`` and a combining accent, and ``#Discussion`` finds ``discussion``."""
    return unicodedata.normalize("NFC", anchor).lower()
