"""A TODO's identity (PRODUCT.md §7): its owner plus its normalised text.

Normalising drops what changes when a TODO is copied into the next meeting's
note without changing what it asks for: case, whitespace, Markdown markup and
link syntax.  GitHub URLs are kept as their ``owner/repo#N`` reference.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator

from notes_lint.people import person_key
from notes_lint.urls import URL_IN_TODO, classify

_STOP = re.compile(r"[)\s]")  # where a link's destination ends
_NOT_SPACE = re.compile(r"\S")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")  # no "<" inside: no rescan from each "<"
_MARKUP = re.compile(r"[*_~`]+")
_SPACE = re.compile(r"\s+")


def _url_key(url: str) -> str:
    info = classify(url)
    if info.repo and info.number is not None:
        return f"{info.repo.lower()}#{info.number}"
    return url


def _links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, label, destination) of each ``[label](dest "title")`` (an image too).

    What ``!?\\[([^\\]]*)\\]\\(([^)\\s]*)(?:\\s+"[^"]*")?\\)`` finds, left to right,
    but in time linear in the text: the next ``]``, stop and quote are each found once
    for all the links that share them, where that pattern rescans from every ``[``.
    """
    end = len(text)
    pos = 0
    close = stop = quote = -1  # the next ']', ')'-or-space and '"' found so far
    while (opening := text.find("[", pos)) >= 0:
        if close < opening:
            close = text.find("]", opening)
            if close < 0:
                return
        # Every '[' before this ']' reaches it and fails or matches alike: the first decides.
        start = opening - 1 if opening > pos and text[opening - 1] == "!" else opening
        label = text[opening + 1 : close]
        pos = close + 1
        if text[close + 1 : close + 2] != "(":
            continue
        dest = close + 2
        if stop < dest:
            found = _STOP.search(text, dest)
            stop = found.start() if found else end
        if stop < end and text[stop] == ")":
            yield start, stop + 1, label, text[dest:stop]
            pos = stop + 1
            continue
        title = _NOT_SPACE.search(text, stop) if stop < end else None
        if title is None or text[title.start()] != '"':
            continue
        if quote <= title.start():
            quote = text.find('"', title.start() + 1)
            if quote < 0:
                quote = end
        if text[quote : quote + 2] == '")':
            yield start, quote + 2, label, text[dest:stop]
            pos = quote + 2


@functools.lru_cache(maxsize=1 << 14)
def normalize_text(text: str) -> str:
    """The part of a TODO's text that identifies it (see module docstring).

    Remembered: a TODO carried over is the same text in note after note.  Linear in
    the text's length.
    """
    parts = []
    at = 0
    for start, end, label, dest in _links(text):
        target = _url_key(dest)
        parts.append(text[at:start])
        parts.append(target if target != dest or not label.strip() else label.strip())
        at = end
    text = "".join(parts) + text[at:]
    text = _AUTOLINK.sub(lambda m: _url_key(m[1]), text)
    text = URL_IN_TODO.sub(lambda m: _url_key(m[0]), text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip(" .;:,-").casefold()


def todo_id(owner: str | None, text: str) -> str:
    """A short stable id (12 hex digits of SHA-256) from the owner's person key
    (:func:`notes_lint.people.person_key`: ``Loïc`` and ``Loic`` are one owner) and the
    normalised text."""
    return _digest(person_key(owner or ""), text)


def former_todo_id(owner: str | None, text: str) -> str | None:
    """The id that releases before the person key gave this TODO (its owner only
    case-folded), or None where it is the same as :func:`todo_id`.

    Only owners written with accents, apostrophes, hyphens or other punctuation
    differ.  Sync looks an issue up by this id too, so an issue opened before the
    change is followed up rather than opened a second time (PRODUCT.md §8: never
    a duplicate)."""
    former = _digest((owner or "").casefold().strip(), text)
    return None if former == todo_id(owner, text) else former


def _digest(owner_key: str, text: str) -> str:
    key = f"{owner_key}\n{normalize_text(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
