"""JSON documents as notes-lint writes them, and one written while its array is filled.

Every JSON output (findings, the ledger, the note dump, sync plans) is written
by :func:`dumps`: msgspec's encoder and ``msgspec.json.format(indent=2)``.  The
text is that of ``json.dumps(document, indent=2, ensure_ascii=False)`` (two
spaces, ``": "`` between key and value, ``[]``/``{}`` for empty containers,
non-ASCII characters as they are, control characters escaped as ``\\uXXXX``)
except for the spelling of some floats: very large and very small ones are
written as msgspec spells them, ``1e16`` for Python's ``1e+16``, ``1e-7`` for
``1e-07``, ``0.00006103515625`` for ``6.103515625e-05`` (the same number for
every JSON reader).  The outputs hold few floats (a ledger's similarity score,
0-100 to one decimal; numbers in a note's front matter, in the dump).

A bulk run's findings or TODOs go out one by one through :class:`ArrayWriter`
instead of as one string (for 10,000 notes, one document of them all would be
hundreds of MiB of text in memory at once).
"""

from __future__ import annotations

from typing import TextIO

import msgspec

_ENCODER = msgspec.json.Encoder()


def dumps(value: object) -> str:
    """``value`` as indented JSON text, without a final newline.

    ``value`` is made of dicts with string keys, lists, tuples, strings, ints,
    floats, booleans, None and msgspec Structs.  NaN and the infinities are
    written ``null`` (the models hold none: :mod:`notes_lint.jsonsafe`).  Raises
    ``TypeError`` for anything else (a key that is not a string or a number).
    """
    return msgspec.json.format(_ENCODER.encode(value), indent=2).decode("utf-8")


class ArrayWriter:
    """Writes ``document`` (with the empty array ``marker`` ends in) to ``out``; items go in
    by :meth:`item`, and :meth:`close` writes the rest with a final newline.

    The text written is :func:`dumps` of the document with the items in the array.
    Raises ``ValueError`` when ``marker`` is not an empty array found once in it.
    """

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
        self._indent = "\n" + indent + "  "
        self._closing = f"\n{indent}]{tail}\n"
        self._empty_closing = f"]{tail}\n"
        out.write(head)

    def item(self, value: object) -> None:
        """Write one more item of the array (a JSON string holds no raw line break)."""
        text = dumps(value).replace("\n", self._indent)
        self.out.write(("," if self.items else "") + self._indent + text)
        self.items += 1

    def close(self) -> None:
        self.out.write(self._closing if self.items else self._empty_closing)
