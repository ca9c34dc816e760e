"""Loose matching of names: heading keys and did-you-mean suggestions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

_NOT_WORD = re.compile(r"[\W_]+")

SUGGESTION_CUTOFF = 75.0
"""rapidfuzz WRatio score (0-100) a candidate needs to be suggested."""


@functools.lru_cache(maxsize=8192)
def normalize_heading(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``TODO / Next`` -> ``todo next``, ``Loïc`` -> ``loic``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", bare).strip()


def did_you_mean(
    word: str, candidates: Iterable[str], cutoff: float = SUGGESTION_CUTOFF, scorer: str = "wratio"
) -> str | None:
    """The closest candidate to ``word``, when one is close enough to suggest.

    ``scorer="ratio"`` compares whole strings only, for cases where a partial
    match ("Next week" containing "Next") must not count.
    """
    matches = close_matches(word, candidates, cutoff, limit=1, scorer=scorer)
    return matches[0] if matches else None


def close_matches(
    word: str,
    candidates: Iterable[str],
    cutoff: float = SUGGESTION_CUTOFF,
    limit: int = 3,
    scorer: str = "wratio",
) -> list[str]:
    """Candidates close to ``word``, best first (rapidfuzz, on normalised keys)."""
    from rapidfuzz import fuzz, process

    pool = {normalize_heading(c): c for c in candidates}
    pool.pop(normalize_heading(word), None)
    if not pool or not word.strip():
        return []
    found = process.extract(
        normalize_heading(word),
        list(pool),
        scorer=fuzz.ratio if scorer == "ratio" else fuzz.WRatio,
        score_cutoff=cutoff,
        limit=limit,
    )
    return [pool[key] for key, _score, _index in found]
