"""Loose matching of names: heading keys and did-you-mean suggestions."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from notes_lint.people import person_key

_NOT_WORD = re.compile(r"[\W_]+")

SUGGESTION_CUTOFF = 75.0
"""rapidfuzz score (0-100) a candidate needs to be suggested."""
TYPO_CUTOFF = 85.0
"""How alike (rapidfuzz ``ratio``, 0-100) a word and a name must be to be its typo: a
person's name (:func:`typos`), a section name under a person-section heading (NL104,
and NL109 leaves such a heading to NL104).  Not the ledger's
:data:`notes_lint.ledger.SIMILARITY_THRESHOLD`, which compares whole TODO sentences
for a rewording; the two are tuned apart and only happen to share a value."""
TYPO_MIN_LENGTH = 5
"""Shorter names are never typos: one letter apart, they are often two names (Jon, John)."""


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
    match ("Next week" containing "Next") must not count.  ``scorer="near"``
    (names: sections, people) compares whole strings in any word order: a
    candidate that merely contains ``word`` (``Natalie`` for ``Ali``,
    ``Rosamund`` for ``Sam``) is not a near-miss.  ``"wratio"`` (config keys,
    codes) also takes a candidate that ``word`` is a part of (``warn``).
    """
    matches = close_matches(word, candidates, cutoff, limit=1, scorer=scorer)
    return matches[0] if matches else None


def _near(left: str, right: str, **kwargs: object) -> float:
    """Whole-string similarity, in any word order (no partial match)."""
    from rapidfuzz import fuzz

    return max(fuzz.ratio(left, right), fuzz.token_sort_ratio(left, right))


def _fuzz(name: str) -> Callable[..., float]:
    from rapidfuzz import fuzz

    scorer: Callable[..., float] = getattr(fuzz, name)
    return scorer


_SCORERS: dict[str, Callable[[], Callable[..., float]]] = {
    "wratio": lambda: _fuzz("WRatio"),
    "ratio": lambda: _fuzz("ratio"),
    "near": lambda: _near,
}


def typos(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates ``word`` is a slip of the keyboard of, best first.

    A typo differs by one edit or swap of two neighbouring letters (optimal
    string alignment distance 1: ``Julein`` for ``Julien``), or is at least
    :data:`TYPO_CUTOFF` alike (``ratio``: ``Guilaume``); names shorter than
    :data:`TYPO_MIN_LENGTH` never are (``Jon`` is not ``John``).  Names are compared
    by :func:`notes_lint.people.person_key`, the one key of a person's name
    (``O'Brien`` is ``obrien``, not ``o brien``).
    """
    from rapidfuzz.distance import OSA

    key = person_key(word)
    if len(key) < TYPO_MIN_LENGTH:
        return []
    pool = list(candidates)
    near = set(close_matches(word, pool, TYPO_CUTOFF, limit=5, scorer="ratio", key=person_key))
    scored = []
    for candidate in pool:
        other = person_key(candidate)
        if other == key or len(other) < TYPO_MIN_LENGTH:
            continue
        distance = OSA.distance(key, other)
        if candidate in near or distance <= 1:
            scored.append((distance, candidate))
    return [candidate for _distance, candidate in sorted(scored, key=lambda pair: pair[0])]


def close_matches(
    word: str,
    candidates: Iterable[str],
    cutoff: float = SUGGESTION_CUTOFF,
    limit: int = 3,
    scorer: str = "wratio",
    key: Callable[[str], str] = normalize_heading,
) -> list[str]:
    """Candidates close to ``word``, best first (rapidfuzz, on the ``key`` of each:
    :func:`normalize_heading` for headings and settings, :func:`notes_lint.people.person_key`
    for people's names).

    ``scorer`` is one of ``"wratio"``, ``"ratio"``, ``"near"`` (see :func:`did_you_mean`).
    """
    from rapidfuzz import process

    pool = {key(c): c for c in candidates}
    pool.pop(key(word), None)
    if not pool or not word.strip():
        return []
    found = process.extract(
        key(word),
        list(pool),
        scorer=_SCORERS[scorer](),
        score_cutoff=cutoff,
        limit=limit,
    )
    return [pool[key] for key, _score, _index in found]
