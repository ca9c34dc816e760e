"""A TODO's identity (PRODUCT.md §7): its owner plus its normalised text.

Normalising drops what changes when a TODO is copied into the next meeting's
note without changing what it asks for: case, whitespace, Markdown markup and
link syntax.  Links are read as GitHub reads them (:func:`notes_lint.urls.find_links`):
a GitHub issue or pull URL is kept as its ``owner/repo#N`` reference, any other
link as its text (an inline link) or its address (an autolink or a bare URL, a
``www.`` one with GitHub's ``http://``).  So NL201's fix, which writes a bare URL
as ``[#N](url)`` or ``<url>``, never changes a TODO's id.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

from notes_lint.people import person_key
from notes_lint.urls import classify, find_links, inline_links

_MARKUP = re.compile(r"[*_~`]+")
_SPACE = re.compile(r"\s+")


def _url_key(url: str) -> str:
    """``owner/repo#N`` (lower case) for a GitHub issue or pull URL, else ``url``."""
    info = classify(url)
    if info.repo and info.number is not None:
        return f"{info.repo.lower()}#{info.number}"
    return url


def _tidy(text: str) -> str:
    """Markup, runs of white space, case and the ends' punctuation dropped."""
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip(" .;:,-").casefold()


@functools.lru_cache(maxsize=1 << 14)
def normalize_text(text: str) -> str:
    """The part of a TODO's text that identifies it (see module docstring).

    Remembered: a TODO carried over is the same text in note after note.  Linear in
    the text's length.
    """
    parts = []
    at = 0
    for link in find_links(text):
        target = _url_key(link.href)
        label = (link.label or "").strip()
        parts.append(text[at : link.start])
        parts.append(label if target == link.href and label else target)
        at = link.end
    return _tidy("".join(parts) + text[at:])


_LEGACY_URL = re.compile(r"https?://[^\s)>\]]+")
_LEGACY_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")


@functools.lru_cache(maxsize=1 << 10)
def legacy_normalize_text(text: str) -> str:
    """:func:`normalize_text` as releases before GitHub's URL extent read it: a bare URL
    from ``http(s)://`` to white space, ``)``, ``>`` or ``]`` (``…/issues/13,`` kept its
    comma, so it was no issue reference), ``www.`` URLs and non-web autolinks left as
    text.  Only for finding an issue filed under such an id (:func:`former_todo_ids`)."""
    parts = []
    at = 0
    for start, end, label, dest in inline_links(text):
        target = _url_key(dest)
        parts.append(text[at:start])
        parts.append(target if target != dest or not label.strip() else label.strip())
        at = end
    text = "".join(parts) + text[at:]
    text = _LEGACY_AUTOLINK.sub(lambda m: _url_key(m[1]), text)
    text = _LEGACY_URL.sub(lambda m: _url_key(m[0]), text)
    return _tidy(text)


_CLOSING_MARK = re.compile(r"(?<=\S)[,;:.!?)\]}](?=\s|$)")
MAX_SPACED_READINGS = 8
"""Closing marks of a TODO's text tried as the place an owner tag was taken out
(:func:`spaced_readings`); a longer text's later marks are not tried."""


def spaced_readings(text: str) -> list[str]:
    """``text`` as releases before :func:`notes_lint.owners.joined` wrote a TODO whose
    owner tag stood before a closing mark: ``Release 1.2 (Ana), then tell Bo`` was
    ``Release 1.2 , then tell Bo``.  The text does not say where the tag stood, so each
    closing mark after a word (``,;:.!?)]}`` followed by white space or the end) gives one
    reading with a space before it, at most :data:`MAX_SPACED_READINGS`.  Only for
    finding an issue filed under such an id (:func:`former_todo_ids`)."""
    marks = [m.start() for m in _CLOSING_MARK.finditer(text)][:MAX_SPACED_READINGS]
    return [f"{text[:at]} {text[at:]}" for at in marks]


def todo_id(owner: str | None, text: str) -> str:
    """A short stable id (12 hex digits of SHA-256) from the owner's person key
    (:func:`notes_lint.people.person_key`: ``Loïc`` and ``Loic`` are one owner) and the
    normalised text."""
    return _digest(person_key(owner or ""), normalize_text(text))


def former_todo_ids(owner: str | None, text: str, older: Sequence[str] = ()) -> list[str]:
    """The ids that older releases gave the TODO whose id is ``todo_id(owner, text)``,
    where they differ from it, newest reading first; empty for most TODOs without an owner.

    ``older``: the texts older releases read the id from where a due phrase is
    concerned (:attr:`~notes_lint.model.Todo.former_id_texts`: the whole text, the text
    that kept a bracketed phrase's brackets).  Three changes moved ids: due phrases a
    release did not read (an id then held the whole text: ``deadline 2021-09-01`` before
    ``deadline`` was a due keyword, or the brackets around one: ``send it ()``), the
    owner's person key (before it, the owner was only case-folded: owners with accents,
    apostrophes or hyphens differ) and GitHub's URL extent (before it,
    :func:`legacy_normalize_text`: TODOs with a URL followed by punctuation, or a
    ``www.`` URL, differ).  Sync looks an issue up by these ids too, so an issue opened
    before a change is followed up rather than opened a second time (PRODUCT.md §8:
    never a duplicate).  A fourth change moved the ids of owned TODOs whose owner tag
    stood inside the text before a closing mark (``Release 1.2 (Ana), then …``): before
    it, the text kept a space before the mark (:func:`spaced_readings`)."""
    current = todo_id(owner, text)
    owner_keys = (person_key(owner or ""), (owner or "").casefold().strip())
    found: list[str] = []
    for written in (*older, text):
        readings = (written, *spaced_readings(written)) if owner else (written,)
        for reading in readings:
            for normalized in (normalize_text(reading), legacy_normalize_text(reading)):
                for owner_key in owner_keys:
                    former = _digest(owner_key, normalized)
                    if former != current and former not in found:
                        found.append(former)
    return found


def _digest(owner_key: str, normalized: str) -> str:
    key = f"{owner_key}\n{normalized}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
