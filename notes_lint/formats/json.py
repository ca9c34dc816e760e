"""``json``: a JSON array of findings, written as they come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import msgspec

from notes_lint.diagnostics import Diagnostic, FindingJSON
from notes_lint.jsonstream import ArrayWriter
from notes_lint.names import unicode_text


def _json_item(d: Diagnostic) -> FindingJSON:
    """A finding as JSON, its path and message valid Unicode (no undecodable byte)."""
    item = msgspec.convert(d, FindingJSON, from_attributes=True)
    return msgspec.structs.replace(item, path=unicode_text(d.path), message=unicode_text(d.message))


class JsonEmitter:
    """The array's items as they come; :meth:`close` ends the array."""

    step_rows: Sequence[str] = ()  # rows of the step summary: only github has any

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self._array = ArrayWriter(out, [])

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        for d in diagnostics:
            self._array.item(_json_item(d))

    def close(self) -> None:
        self._array.close()
