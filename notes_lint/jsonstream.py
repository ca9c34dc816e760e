"""A JSON document written while its one long array is still being filled.

A bulk run's findings or TODOs go out one by one instead of as one string (for
10,000 notes, ``json.dumps`` of the whole with ``indent`` builds hundreds of MiB
of fragments).  The text is exactly that of ``json.dumps(document, indent=2,
ensure_ascii=False)`` with the items in the array: tests hold it to that.
"""

from __future__ import annotations

import json
from typing import TextIO


def dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


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
        text = dumps(value).replace("\n", "\n" + self._indent)
        self.out.write(("," if self.items else "") + "\n" + self._indent + text)
        self.items += 1

    def close(self) -> None:
        self.out.write(self._closing if self.items else self._empty_closing)
