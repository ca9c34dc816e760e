"""A TODO's identity (PRODUCT.md §7): its owner plus its normalised text.

Normalising drops what changes when a TODO is copied into the next meeting's
note without changing what it asks for: case, whitespace, Markdown markup and
link syntax.  GitHub URLs are kept as their ``owner/repo#N`` reference.
"""

from __future__ import annotations

import functools
import hashlib
import re

from notes_lint.urls import classify

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BARE = re.compile(r"https?://[^\s)>\]]+")
_MARKUP = re.compile(r"[*_~`]+")
_SPACE = re.compile(r"\s+")


def _url_key(url: str) -> str:
    info = classify(url)
    if info.repo and info.number is not None:
        return f"{info.repo.lower()}#{info.number}"
    return url


@functools.lru_cache(maxsize=1 << 14)
def normalize_text(text: str) -> str:
    """The part of a TODO's text that identifies it (see module docstring).

    Remembered: a TODO carried over is the same text in note after note.
    """

    def link(match: re.Match[str]) -> str:
        target = _url_key(match[2])
        label = match[1].strip()
        return target if target != match[2] or not label else label

    text = _LINK.sub(link, text)
    text = _AUTOLINK.sub(lambda m: _url_key(m[1]), text)
    text = _BARE.sub(lambda m: _url_key(m[0]), text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip(" .;:,-").casefold()


def todo_id(owner: str | None, text: str) -> str:
    """A short stable id from owner and normalised text."""
    key = f"{(owner or '').casefold().strip()}\n{normalize_text(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
