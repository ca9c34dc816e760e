"""``json``: a JSON array of findings, written as they come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic
from notes_lint.jsonstream import ArrayWriter
from notes_lint.names import unicode_text


def _json_item(d: Diagnostic) -> dict[str, object]:
    """A finding as JSON, its path and message valid Unicode (no undecodable byte)."""
    item = d.to_json()
    item["path"] = unicode_text(d.path)
    item["message"] = unicode_text(d.message)
    return item


class JsonEmitter:
    """The array's items as they come; :meth:`close` ends the array."""

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self._array = ArrayWriter(out, [])

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        for d in diagnostics:
            self._array.item(_json_item(d))

    def close(self) -> None:
        self._array.close()
