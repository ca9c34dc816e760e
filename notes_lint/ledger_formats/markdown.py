"""``todos --format markdown``: a GFM table an owner, under a heading with the owner's name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.ledger_formats.base import COLUMNS, by_owner, row
from notes_lint.mdescape import table_cell
from notes_lint.names import one_line


def write(ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None:
    """``### owner``, then the table; each cell escaped (:func:`~notes_lint.mdescape.table_cell`)."""
    lines = []
    for owner, group in by_owner(entries):
        lines.append(f"### {one_line(owner)}\n")
        lines.append("| " + " | ".join(COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        lines.extend(
            "| " + " | ".join(table_cell(v) for v in row(ledger, e, line=str)) + " |" for e in group
        )
        lines.append("")
    out.write(("\n".join(lines).rstrip() or "no TODOs") + "\n")
