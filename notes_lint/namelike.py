"""Whether a word written where an owner goes is a person's name (issue 13, "Owners").

Minutes put many things where an owner could stand: sentence openers
(``Update Roadmap to 2022``), labels (``Note:``, ``Benefit:``), groups
(``All:``, ``those interested``) and abbreviations (``e.g. doc``).  Without a
roster, no list of the team's people exists, so a word is judged by two
published word lists rather than by a hand-kept stop list:

* a **given name** known to gender-guesser's name dictionary (about 40,000
  first names of many countries: ``Mark``, ``Ali``, ``Theo``), which is a name
  even when it is also an English word;
* otherwise a word is a name unless it is a **common English word**
  (wordfreq's Zipf frequency of at least :data:`COMMON_ZIPF`, about once per
  100,000 words): logins (``kmorales``, ``scottmcm``) and rare names
  (``Jory``) are rare as words, ``update``, ``note``, ``punt`` are not.

Initials (``QX``, ``JB``, ``MD``) are names unless they spell a very common
word (``IT``, ``DO``, ``OK``: :data:`VERY_COMMON_ZIPF`).

Both lists load lazily, on the first word that needs them (about 0.5 s), so
a run on notes whose owners are all in the roster never loads them.
"""

from __future__ import annotations

import functools
import re
from typing import Any

COMMON_ZIPF = 3.0
"""wordfreq Zipf frequency (log10 of uses per billion words) from which a word is common."""
VERY_COMMON_ZIPF = 5.0
"""Zipf frequency from which even a given name or initials read as a word (``will``, ``IT``)."""

_INITIALS = re.compile(r"[A-Z]{2,4}")
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*")


@functools.lru_cache(maxsize=1)
def _given_names() -> Any:
    import gender_guesser.detector as detector  # type: ignore[import-untyped]

    return detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 for an unknown word)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@functools.lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Whether gender-guesser's dictionary knows ``word`` as a first name (any case)."""
    if not word.isalpha():
        return False
    return str(_given_names().get_gender(word)) != "unknown"


@functools.lru_cache(maxsize=4096)
def is_gendered_name(word: str) -> bool:
    """Whether gender-guesser knows ``word`` as a name mostly of one gender: surer evidence
    of a person than a unisex entry (``andy``), where words such as ``Pin`` also stand."""
    if not word.isalpha():
        return False
    return str(_given_names().get_gender(word)) in (
        "male",
        "female",
        "mostly_male",
        "mostly_female",
    )


@functools.lru_cache(maxsize=4096)
def is_name_word(word: str) -> bool:
    """Whether ``word`` alone can be a person's name, a login or initials.

    A common English word is not, unless it is also a given name (``Mark``);
    a very common one is not even then (``Will``, ``May``), except written
    with a capital as initials are.  Raises nothing; ``""`` is not a name.
    """
    word = word.strip().lstrip("@")
    if not word or not word[0].isalnum() or word.isdigit():
        return False
    if _INITIALS.fullmatch(word):
        return zipf(word) < VERY_COMMON_ZIPF
    if not (word.isalpha() or _LOGIN.fullmatch(word) or re.fullmatch(r"[^\W\d_][\w.'’-]*", word)):
        return False
    if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word):
        return False
    frequency = zipf(word)
    if frequency < COMMON_ZIPF:
        return True
    return is_given_name(word) and frequency < VERY_COMMON_ZIPF + 0.5


def is_surname_word(word: str) -> bool:
    """Whether ``word`` can follow a given name in a name: capitalised (``Warner``, ``O``, ``K.``)."""
    return bool(word) and word[0].isupper()
