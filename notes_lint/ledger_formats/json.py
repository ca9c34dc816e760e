"""``todos --format json``: the ledger document (schema/ledger.schema.json), each entry
written as it is made (an archive has many)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

import msgspec

from notes_lint.jsonstream import ArrayWriter
from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.names import unicode_text


def write(ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None:
    """The document's header, then its ``entries`` array one entry at a time."""
    header = _unicode_json(msgspec.to_builtins(ledger.json_document([])))
    array = ArrayWriter(out, header, '"entries": []')
    for entry in entries:
        array.item(_unicode_json(msgspec.to_builtins(ledger.entry_json(entry))))
    array.close()


def _unicode_json(value: object) -> object:
    """``value`` with every string made valid Unicode (undecodable bytes as ``\\xNN``)."""
    if isinstance(value, str):
        return unicode_text(value)
    if isinstance(value, dict):
        return {key: _unicode_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unicode_json(item) for item in value]
    return value
