"""``todos --format csv``: a row a TODO (RFC 4180, LF line ends), exact text."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.ledger_formats.base import COLUMNS
from notes_lint.names import unicode_text


def write(ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None:
    """A header row, then ``id, owner, login``, the first six :data:`COLUMNS`, ``path,
    line, issue`` of each entry; undecodable bytes as ``\\xNN``."""
    writer = csv.writer(out, lineterminator="\n")
    # With LF rows, the csv module leaves a field holding a lone CR unquoted: quote all.
    quoting = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "owner", "login", *COLUMNS[:-1], "path", "line", "issue"])
    for entry in entries:
        age = entry.age_days(ledger.today)
        cells = [
            unicode_text(cell)
            for cell in (
                entry.id,
                entry.owner or "",
                entry.login or "",
                entry.text,
                entry.first.date or "?",
                entry.latest.date or "?",
                "?" if age is None else str(age),
                str(entry.carried_over),
                entry.status(ledger.today, ledger.grace_days),
                entry.latest.path,
                str(entry.latest.line),
                entry.issue or "",
            )
        ]
        (quoting if any("\r" in cell for cell in cells) else writer).writerow(cells)
