"""Whether a word written where an owner goes is a person's name (issue 13, "Owners").

Minutes put many things where an owner could stand: sentence openers
(``Update Roadmap to 2022``), labels (``Note:``, ``Benefit:``), groups
(``All:``, ``those interested``) and abbreviations (``e.g. doc``).  Without a
roster, no list of the team's people exists, so a word is judged by two
published word lists rather than by a hand-kept stop list:

* a **given name** in the first-name lists that Faker (MIT) ships for about 80
  locales (about 30,000 names of many countries: ``Mark``, ``Ali``, ``Theo``,
  ``Loïc``), which is a name even when it is also an English word, provided
  several locales list it (:data:`NAME_LOCALES_FOR_COMMON_WORDS`);
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

import contextlib
import functools
import re
import unicodedata
from collections import Counter

from notes_lint.people import person_key
from notes_lint.urls import is_login

COMMON_ZIPF = 3.0
"""wordfreq Zipf frequency (log10 of uses per billion words) from which a word is common."""
VERY_COMMON_ZIPF = 5.0
"""Zipf frequency from which even a given name or initials read as a word (``will``, ``IT``)."""

_INITIALS = re.compile(r"[A-Z]{2,4}")


NAME_ZIPF = 4.0
"""Zipf frequency below which one locale's list suffices for a given name: a name is
itself frequent in English text (``Rahul`` 3.4, ``Yuki`` 3.1, ``Wei`` 3.5), while the
words one list also holds are more frequent (``Link`` 5.0, ``Server`` 4.5)."""

NAME_LOCALES_FOR_COMMON_WORDS = 2
"""Locales whose first-name lists must all list a common English word for it to count as
a given name: a single list names ``Less``, ``Link``, ``Server``, ``Among`` (historical or
local names that read as words in English minutes), several list ``Bruno`` or ``Mark``."""


_NAME_LISTS = re.compile(r"first_names(?:_\w+)?|(?:first|last)_romanized_names(?:_\w+)?")
"""Faker's person-provider attributes that list names: first names of every locale, and
the romanized given and family names of the Chinese and Japanese locales (minutes in
English write East Asian colleagues romanized, often by family name: ``Chen to …``)."""


_FAMILY_LISTS = re.compile(r"last_names(?:_\w+)?|last_romanized_names(?:_\w+)?")
"""Faker's person-provider attributes that list family names, per locale (with the
romanized family names of the Chinese and Japanese locales: ``Lu``, ``Wang``)."""


def _listed(pattern: re.Pattern[str]) -> Counter[str]:
    """Each name of the Faker person-provider lists whose attribute name matches
    ``pattern`` -> how many locales list it.  A name is counted under its casefolded
    spelling and under its :func:`notes_lint.people.person_key` (``françois`` and
    ``francois``): minutes type names without their accents."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    counts: Counter[str] = Counter()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(
            importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None
        )
        names: set[str] = set()
        for attribute in dir(provider):
            if not pattern.fullmatch(attribute):
                continue
            listed = getattr(provider, attribute, None)
            if isinstance(listed, (tuple, list, dict)):
                # map, not a generator: about 100,000 names, casefolded in C.
                with contextlib.suppress(TypeError):
                    folded = set(map(str.casefold, listed))
                    names.update(folded)
                    names.update(map(person_key, folded))
        counts.update(names)
    return counts


@functools.lru_cache(maxsize=1)
def _given_names() -> Counter[str]:
    """Each first name of Faker's person providers (casefolded, and by person key) -> how
    many locales list it.

    Faker (MIT) ships first-name lists for about 80 locales, drawn from public sources
    such as the US Social Security Administration's and national statistics offices'
    name statistics.  Loaded once, lazily (about 0.5 s: one module per locale).
    """
    return _listed(_NAME_LISTS)


@functools.lru_cache(maxsize=1)
def _family_names() -> Counter[str]:
    """Each family name of Faker's person providers (casefolded, and by person key) -> how
    many locales list it (``patel``, ``singh``, ``muller``, ``perez``).  Loaded lazily."""
    return _listed(_FAMILY_LISTS)


@functools.lru_cache(maxsize=4096)
def is_family_name(word: str) -> bool:
    """Whether ``word`` is written as a family name: capitalised, in a Faker family-name
    list (by its person key: ``Perez`` is ``Pérez``, ``Muller`` is ``Müller``; a
    hyphenated name by its parts) and not a very common English word (Zipf below
    :data:`VERY_COMMON_ZIPF`: ``May``, ``Will`` read as words).  A word as frequent as
    :data:`NAME_ZIPF` must be listed by :data:`NAME_LOCALES_FOR_COMMON_WORDS` locales, as
    a given name must (``Jones``, ``Smith``; not ``Link``).  Family-name lists hold
    no function words (``All``, ``Team``, ``None``, ``Update``), so the test is for
    places that say a name stands there: an explicit owner tag, an attendance list."""
    word = unicodedata.normalize("NFC", word.strip())
    if not word[:1].isupper() or zipf(word) >= VERY_COMMON_ZIPF:
        return False
    parts = [part for part in word.split("-")]
    if not all(part[:1].isalpha() for part in parts):
        return False
    families = _family_names()
    needed = NAME_LOCALES_FOR_COMMON_WORDS if zipf(word) >= NAME_ZIPF else 1
    return all(families.get(person_key(part), 0) >= needed for part in parts)


@functools.lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (in NFC) in English (0 for an unknown word)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(unicodedata.normalize("NFC", word), "en"))


@functools.lru_cache(maxsize=4096)
def is_given_name(word: str) -> bool:
    """Whether ``word`` (any case) is a first name in Faker's lists: in one locale's list
    for a word rare in English (``Loïc``, ``Theo``), in at least
    :data:`NAME_LOCALES_FOR_COMMON_WORDS` for a common English word (``Mark``, ``Bruno``;
    not ``Link`` or ``Server``).  Hyphenated names are judged by their parts
    (``Jean-Marc``); judged in NFC."""
    word = unicodedata.normalize("NFC", word)
    parts = word.split("-")
    if len(parts) > 1:
        return all(parts) and all(is_given_name(part) for part in parts)
    if not word.isalpha():
        return False
    given = _given_names()
    listed = max(given.get(word.casefold(), 0), given.get(person_key(word), 0))
    if zipf(word) < NAME_ZIPF:
        return listed >= 1
    return listed >= NAME_LOCALES_FOR_COMMON_WORDS


@functools.lru_cache(maxsize=4096)
def is_name_word(word: str) -> bool:
    """Whether ``word`` alone can be a person's name, a login or initials.

    A common English word is not, unless it is also a given name (``Mark``);
    a very common one is not even then (``Will``, ``May``), except written
    with a capital as initials are.  Judged in NFC (``Loïc`` typed with a combining
    diaresis is ``Loïc``).  Raises nothing; ``""`` is not a name.
    """
    word = unicodedata.normalize("NFC", word.strip().lstrip("@"))
    if not word or not word[0].isalnum() or word.isdigit():
        return False
    if _INITIALS.fullmatch(word):
        return zipf(word) < VERY_COMMON_ZIPF
    if not (word.isalpha() or is_login(word) or re.fullmatch(r"[^\W\d_][\w.'’-]*", word)):
        return False
    if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word):
        return False
    if is_elided_name(word) or _is_hyphenated_login(word):
        return True
    frequency = zipf(word)
    if frequency < COMMON_ZIPF:
        return True
    return is_given_name(word) and frequency < VERY_COMMON_ZIPF + 0.5


def is_verb_phrase(name: str) -> bool:
    """Whether ``name`` (two or more words) reads as a verb before a person rather than a
    person's given and family name: its first word is a common English word (Zipf of at
    least :data:`COMMON_ZIPF`: ``Ping``, ``Ask``, ``Email``) that fewer than
    :data:`NAME_LOCALES_FOR_COMMON_WORDS` locales list as a given name and none as a family
    name (not ``Ana``, ``Chase``), and its last word is a given name that no family-name
    list holds (``Priya``).  ``Ping Priya to review the docs``
    asks someone to ping Priya: its owner is not written.  A given name stands first in a
    person's name, a family name last: ``Mark Jones``, ``Rose Patel`` are names."""
    words = name.split()
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    first_key = person_key(first)
    return (
        zipf(first) >= COMMON_ZIPF
        and _given_names().get(first_key, 0) < NAME_LOCALES_FOR_COMMON_WORDS
        and _family_names().get(first_key, 0) == 0
        and is_given_name(last)
        and _family_names().get(person_key(last), 0) == 0
    )


def _is_hyphenated_login(word: str) -> bool:
    """Whether ``word`` is a login of hyphen-joined lower-case parts, each a single letter,
    a given name or a family name and one of them a name (``k-morales``, ``ana-perez``;
    not ``follow-up``, ``e-mail``).  wordfreq reads such a word as its parts, so its
    frequency says nothing of the login."""
    parts = word.split("-")
    if len(parts) < 2 or not word.islower() or not all(p.isalpha() for p in parts):
        return False

    def named(part: str) -> bool:
        return is_given_name(part) or _family_names().get(person_key(part), 0) > 0

    return any(named(p) for p in parts if len(p) > 1) and all(
        len(p) == 1 or named(p) for p in parts
    )


UNUSED_ZIPF = 1.0
"""Zipf frequency (about once per ten million words) below which wordfreq's English
list does not use a word as a word: logins (``cramertj``, ``scottmcm``) and typos."""


@functools.lru_cache(maxsize=4096)
def is_lower_case_name(word: str) -> bool:
    """Whether ``word``, written in lower case, names a person rather than being an
    English word in lower case: a given name (``tobie``, ``niko``) or a word English
    hardly uses (Zipf below :data:`UNUSED_ZIPF`: ``kmorales``, ``cramertj``); not
    ``caching`` or ``docs``.  The stricter test for places where lower-case content
    words stand (a name tagged after a colon)."""
    word = unicodedata.normalize("NFC", word.strip().lstrip("@"))
    if not word or not is_name_word(word):
        return False
    return is_given_name(word) or zipf(word) < UNUSED_ZIPF


NAME_PARTICLES = frozenset(
    {
        "al", "bin", "bint", "da", "das", "de", "degli", "dei", "del", "della", "den",
        "der", "des", "di", "do", "dos", "du", "el", "ibn", "la", "le", "lo", "ten",
        "ter", "van", "von", "zu", "zum", "zur",
    }
)  # fmt: skip
"""Lower-case particles that stand inside a name before a family name (``Ana de Vries``,
``Ludwig van Beethoven``, ``Omar bin Said``): Dutch, German, French, Italian, Spanish,
Portuguese and Arabic usage.  A closed set: any other lower-case word ends a name."""

_ELIDED = re.compile(r"[^\W\d_][’'][^\W\d_]\w+")
"""An elided particle joined to a capitalised name (``O'Neil``, ``D'Angelo``, ``N’Diaye``)."""


def is_elided_name(word: str) -> bool:
    """Whether ``word`` has the shape of an Irish, French or Italian family name with an
    elided particle: one letter, an apostrophe, then a capitalised name (``O'Neil``).
    English contractions (``Don't``, ``I'm``) continue in lower case, so never match."""
    return bool(_ELIDED.fullmatch(word)) and word[0].isupper() and word[2].isupper()


def is_surname_word(word: str) -> bool:
    """Whether ``word`` can follow a given name in a name: capitalised (``Warner``, ``O``, ``K.``)."""
    return bool(word) and word[0].isupper()


def are_later_name_words(words: list[str]) -> bool:
    """Whether ``words`` can follow the first word of a name: each capitalised or a name
    particle (:data:`NAME_PARTICLES`), and the last capitalised (``de Vries``,
    ``van der Berg``, ``Smith``; not ``CPC members``, not ``Ana de``).  ``[]`` can."""
    if not words:
        return True
    return is_surname_word(words[-1]) and all(
        is_surname_word(word) or word in NAME_PARTICLES for word in words[:-1]
    )


HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?[ ]+(?=\S)"
"""An English honorific before a name, with the space after it (a closed class of
grammar): ``Dr.``, ``Mr``, ``Mrs``, ``Ms``, ``Mx``, ``Prof``.  A pattern source that both
:mod:`re` and :mod:`regex` compile: the owner-tag reader (:mod:`notes_lint.owners`) and the
assignment reader (:func:`notes_lint.markers.find_assignment`) place it before a name."""
_HONORIFIC = re.compile(HONORIFIC)

_PARTICIPLES = (
    r"done|made|sent|set|put|held|kept|built|bought|told|shown|run|cut|read|paid|left|met|"
    r"brought|taught|found|given|taken|seen|known|chosen|written|broken|forgotten|driven|"
    r"hidden|spoken|frozen|proven|drawn|grown|thrown|rewritten|redone|rerun|shut|split|spun"
)
PASSIVE = rf"be\s+(?:[a-z]*ly\s+)?(?:[a-z]*ed|{_PARTICIPLES})(?![\w'’-])"
"""A passive after ``to``/``will`` (``Kubernetes to be upgraded``, ``Loïc will be
contacted``, ``the fix to be quickly done``): ``be``, an optional adverb in ``-ly``, then a
past participle, which ends in ``-ed`` or is one of English's irregular participles (a
closed class of grammar).  A passive names the thing or person acted on, not who acts:
its subject is no owner, for the owner-tag reader and the assignment reader alike.  A
pattern source for :mod:`re` and :mod:`regex`, used in a lookahead at one place (its only
repeats are within one word, so it is linear)."""


def without_honorific(name: str) -> str | None:
    """``name`` without the English honorific (:data:`HONORIFIC`) it opens with, when the
    words after it can be a name (:func:`are_later_name_words`): ``Dr. Smith`` ->
    ``Smith``, ``Ms Ana de Vries`` -> ``Ana de Vries``; None without an honorific
    (``Drake``, ``Dr. no``); ``Dr. van Helsing`` -> ``van Helsing``.  An honorific says a person's name follows: the name is a
    person's whatever its words, and the honorific is part of neither the owner's name
    nor the TODO's text."""
    titled = _HONORIFIC.match(name)
    if titled is None:
        return None
    rest = name[titled.end() :].strip()
    return rest if rest and are_later_name_words(rest.split()) else None
