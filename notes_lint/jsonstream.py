"""A JSON document written while its one long array is still being filled.

A bulk run's findings or TODOs go out one by one instead of as one string (for
10,000 notes, ``json.dumps`` of the whole with ``indent`` builds hundreds of MiB
of fragments).  The text is exactly that of ``json.dumps(document, indent=2,
ensure_ascii=False)`` with the items in the array: tests hold it to that.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO


def dumps(value: object) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, several times faster.

    With ``indent``, the standard library encodes in Python, not C: an archive's
    ledger (40,000 entries) took seconds.  Strings go through its C escaper, and
    anything unusual (a key that is not a string, NaN, a subclass) through
    ``json.dumps`` itself, so the text is always the same.
    """
    try:
        return _pretty(value, "\n")
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False)


class _Unusual(Exception):
    """A value the fast path leaves to ``json.dumps``."""


_INFINITY = float("inf")
_escape: Callable[[str], str] = json.encoder.encode_basestring  # the C escaper where built


def _pretty(value: object, newline: str) -> str:
    """``value`` as ``json.dumps(indent=2, ensure_ascii=False)`` writes it after ``newline``."""
    if isinstance(value, dict) and type(value) is dict:
        if not value:
            return "{}"
        inner = newline + "  "
        parts = []
        for key, item in value.items():
            if not (isinstance(key, str) and type(key) is str):
                raise _Unusual
            parts.append(_escape(key) + ": " + _value(item, inner))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if isinstance(value, list) and type(value) is list:
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + inner + ("," + inner).join([_value(v, inner) for v in value]) + newline + "]"
    return _value(value, newline)


def _value(value: object, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return _escape(value)  # type: ignore[arg-type]
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value or value in (_INFINITY, -_INFINITY):
            raise _Unusual  # NaN and the infinities, as json.dumps spells them
        return float.__repr__(value)
    if kind is dict or kind is list:
        return _pretty(value, newline)
    raise _Unusual


class ArrayWriter:
    """Writes ``document`` (with the empty array ``marker`` ends in) to ``out``; items go in
    by :meth:`item`, and :meth:`close` writes the rest with a final newline."""

    def __init__(self, out: TextIO, document: object, marker: str = "[]") -> None:
        text = dumps(document)
        if text.count(marker) != 1 or not marker.endswith("[]"):
            raise ValueError(f"{marker!r} must occur once in the document")
        head, tail = text.split(marker, 1)
        head += marker[:-1]
        line = head[head.rfind("\n") + 1 :]
        indent = line[: len(line) - len(line.lstrip(" "))]
        self.out = out
        self.items = 0
        self._indent = indent + "  "
        self._closing = f"\n{indent}]{tail}\n"
        self._empty_closing = f"]{tail}\n"
        out.write(head)

    def item(self, value: object) -> None:
        try:
            text = _pretty(value, "\n" + self._indent)
        except _Unusual:
            text = dumps(value).replace("\n", "\n" + self._indent)
        self.out.write(("," if self.items else "") + "\n" + self._indent + text)
        self.items += 1

    def close(self) -> None:
        self.out.write(self._closing if self.items else self._empty_closing)
