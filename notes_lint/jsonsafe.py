"""Turning loaded YAML/TOML data into plain JSON data, or saying why it cannot be.

The note model (``notes-lint dump``, the note cache, ``document-schema``) and the
cached config are JSON, so what reaches them must have a standard JSON form:
mappings with string keys, lists, strings of valid Unicode, finite numbers of a
sane size, booleans and null.  PyYAML can also produce sets (``!!set``),
``.inf``/``.nan``, integers of any size, strings holding lone surrogates
(``"\\ud800"``), dates and bytes; TOML can nest past Python's recursion limit.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

MAX_DEPTH = 100
"""Containers nested deeper than this are refused (see :mod:`notes_lint.yamlsafe`)."""

MAX_INT_BITS = 1024
"""Integers wider than this (about 308 digits) are refused: Python refuses to print
integers of more than 4,300 digits, and no note or config needs one."""

_SURROGATE = re.compile("[\ud800-\udfff]")

KeyPath = tuple[str | int, ...]


class NotJson(ValueError):
    """A value with no JSON form; ``path`` is where it sits (keys and list indexes)."""

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _check_text(text: str, path: KeyPath) -> str:
    if _has_surrogate(text):
        raise NotJson(path, "a string holding a lone surrogate (like \\ud800) is not Unicode text")
    return text


def _check_int(value: int, path: KeyPath) -> int:
    if value.bit_length() > MAX_INT_BITS:
        digits = int(value.bit_length() * 0.30103)
        raise NotJson(path, f"an integer of about {digits} digits is too large")
    return value


def _key(key: Any, path: KeyPath, string_keys: bool) -> str:
    if isinstance(key, str):
        return _check_text(key, path)
    if string_keys:
        raise NotJson(path, f"the key {key!r} is not a string: quote it")
    if isinstance(key, bool) or key is None or isinstance(key, float):
        return str(key)
    if isinstance(key, int):
        return str(_check_int(key, path))
    if isinstance(key, dt.date):
        return key.isoformat()
    raise NotJson(path, f"a key of type {type(key).__name__} cannot be used")


def plain(value: Any, *, string_keys: bool = False, keep_dates: bool = False) -> Any:
    """``value`` as JSON data; :class:`NotJson` names the first part that has no JSON form.

    Keys become strings (unless ``string_keys``: then a key that is not one is
    refused), tuples become lists, dates ISO strings (unless ``keep_dates``) and
    bytes Latin-1 text.  Refused: sets, infinite or NaN floats, integers wider
    than :data:`MAX_INT_BITS`, strings with lone surrogates, nesting deeper than
    :data:`MAX_DEPTH`, and any other type.
    """
    return _plain(value, (), string_keys, keep_dates)


def _plain(value: Any, path: KeyPath, string_keys: bool, keep_dates: bool) -> Any:
    if len(path) > MAX_DEPTH:
        raise NotJson(path, f"nested too deep (more than {MAX_DEPTH} levels)")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _check_text(value, path)
    if isinstance(value, int):
        return _check_int(value, path)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotJson(path, f"{value} is not a JSON number")
        return value
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            label = key if isinstance(key, str) and not _has_surrogate(key) else ascii(key)
            name = _key(key, (*path, label), string_keys)
            out[name] = _plain(item, (*path, name), string_keys, keep_dates)
        return out
    if isinstance(value, list | tuple):
        return [_plain(item, (*path, i), string_keys, keep_dates) for i, item in enumerate(value)]
    if isinstance(value, dt.date):  # datetime is a date too
        return value if keep_dates else value.isoformat()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, set | frozenset):
        raise NotJson(path, "a set (!!set) has no JSON form: write a list")
    raise NotJson(path, f"a value of type {type(value).__name__} has no JSON form")
