"""A person's identity: the one key under which two spellings are the same person.

Minutes write one person many ways: ``Loïc`` and ``Loic``, ``José`` and ``JOSE``,
``O'Brien`` and ``OBrien``, ``Anne-Marie`` and ``Anne Marie``, a name typed on a
keyboard that composes accents (NFC, ``é`` as one code point) and one pasted from a
system that decomposes them (NFD, ``e`` + U+0301).  :func:`person_key` maps all of
them to one key.  Every place that asks "is this the same person?" uses it: the
roster lookup (:meth:`notes_lint.config.Config.person`, so NL301/NL302), the
ledger's owner (its TODO ids and carried-over matching), ``todos --owner``, the
report's owner groups and ``new``'s carried items.

The key is what Unicode's compatibility decomposition (NFKD, UAX #15) leaves once
combining marks (accents) are dropped, casefolded (Unicode full case folding, so
``ß`` is ``ss``); apostrophes inside a name are dropped (``O'Brien`` is ``obrien``)
and every other run of characters that are not letters or digits is one space
(``Anne-Marie`` is ``anne marie``).  Letters without a decomposition keep their
identity (``Ł`` is not ``L``, ``ø`` is not ``o``), as NL302 always treated them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = re.compile("['’ʼ`´]")  # ASCII, right single quote, modifier letter, grave, acute
_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=8192)
def person_key(name: str) -> str:
    """The key of the person ``name`` writes (see the module docstring); ``""`` for a
    name with no letter or digit.  A ``@`` before a login is no part of it.

    ``person_key("Loïc") == person_key("LOIC") == "loic"``;
    ``person_key("O’Brien") == "obrien"``; ``person_key("Anne-Marie") == "anne marie"``.
    Idempotent; never raises.
    """
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("@"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Casefold after stripping marks, then decompose again: casefolding may yield a
    # letter with a mark of its own (``İ`` -> ``i̇``).
    folded = unicodedata.normalize("NFKD", bare.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", folded)).strip()


def same_person(left: str | None, right: str | None) -> bool:
    """Whether ``left`` and ``right`` are spellings of one person (:func:`person_key`);
    a missing or empty name is no one, the same as no other."""
    if not left or not right:
        return False
    key = person_key(left)
    return bool(key) and key == person_key(right)
