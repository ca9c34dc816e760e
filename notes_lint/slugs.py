"""GitHub's heading anchors, so ``#fragment`` links can be checked (NL207)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_STRIP = re.compile(r"[^\w\- ]", re.UNICODE)


def github_slug(text: str) -> str:
    """The anchor GitHub renders for a heading (before de-duplication)."""
    return _STRIP.sub("", text.strip().lower()).replace(" ", "-")


def unique_slugs(texts: Iterable[str]) -> list[str]:
    """Slugs with GitHub's ``-1``, ``-2`` suffixes for repeated headings."""
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
