"""``todos --format table``: the ledger grouped by owner, in aligned columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.ledger_formats.base import COLUMNS, by_owner, owner_line, row
from notes_lint.truncate import display_width, truncate

WIDTH = 60
"""Terminal columns of a TODO's text shown; a longer one is cut with ``…``."""


def _pad(text: str, width: int) -> str:
    """``text`` and spaces up to ``width`` terminal columns (:func:`display_width`):
    CJK and emoji take two columns, combining marks none."""
    return text + " " * (width - display_width(text))


def write(ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None:
    """One block an owner: ``owner (@login) — count``, the column names, a row a TODO."""
    if not entries:
        out.write("no TODOs\n")
        return
    lines: list[str] = []
    for owner, group in by_owner(entries):
        rows = [row(ledger, e) for e in group]
        for cells in rows:
            cells[0] = truncate(cells[0], WIDTH, measure=display_width)
        widths = [
            max(display_width(c), *(display_width(r[i]) for r in rows))
            for i, c in enumerate(COLUMNS)
        ]
        login = next((e.login for e in group if e.login), None)
        lines.append(f"{owner_line(owner, login)} — {len(group)}")
        lines.append(
            "  " + "  ".join(_pad(c, w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip()
        )
        lines.extend(
            "  " + "  ".join(_pad(v, w) for v, w in zip(cells, widths, strict=True)).rstrip()
            for cells in rows
        )
        lines.append("")
    out.write("\n".join(lines).rstrip() + "\n")
