"""Printing the ledger (``todos --format``): one module a format, behind one interface.

``table`` (grouped by owner, :mod:`.table`), ``markdown`` (:mod:`.markdown`),
``json`` (:mod:`.json`, written entry by entry) and ``csv`` (:mod:`.csv`): each
module has a :class:`~notes_lint.ledger_formats.base.LedgerWriter` function
``write`` that :data:`WRITERS` names, as ``check``'s formats each have an emitter
(:mod:`notes_lint.formats`).  ``--explain`` is :func:`explain`.

File names and texts come from contributors: the line-based formats (table,
Markdown, ``--explain``) quote a name that could break a line and keep every
text on its line; JSON and CSV keep them exact but for undecodable bytes
(see :mod:`notes_lint.names`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TextIO

from notes_lint.ledger import SIMILARITY_THRESHOLD, Ledger, LedgerEntry
from notes_lint.ledger_formats.base import NO_OWNER, LedgerWriter, owner_line
from notes_lint.names import one_line, quoted

WRITERS: Mapping[str, str] = {
    "table": "table",
    "json": "json",
    "csv": "csv",
    "markdown": "markdown",
}
"""Format name (``todos --format``) → its module in this package; a module is imported
when its format is used.  Any other name is written as ``table``."""


def writer(fmt: str) -> LedgerWriter:
    """The ``write`` function of format ``fmt`` (``table`` for a name not in :data:`WRITERS`)."""
    module = importlib.import_module(f"{__name__}.{WRITERS.get(fmt, 'table')}")
    write: LedgerWriter = module.write
    return write


def write_ledger(ledger: Ledger, entries: Sequence[LedgerEntry], fmt: str, out: TextIO) -> None:
    """``entries`` of ``ledger`` in format ``fmt`` written to ``out``, then a newline."""
    writer(fmt)(ledger, entries, out)


def explain(ledger: Ledger, entry: LedgerEntry) -> str:
    """Why the occurrences of an entry are one TODO: identity, and any merge evidence."""
    lines = [
        f"{entry.id}: {one_line(entry.text)}",
        f"owner: {owner_line(entry.owner or NO_OWNER, entry.login)}",
        f"status: {entry.status(ledger.today, ledger.grace_days)}"
        + (f"; bound to {one_line(entry.issue)}" if entry.issue else ""),
        "occurrences:",
    ]
    lines += [
        f"  {one_line(o.date or '?')}  {quoted(o.path)}:{o.line}  "
        f"{'[done] ' if o.done else ''}{one_line(o.text)}"
        for o in entry.occurrences
    ]
    if entry.evidence:
        lines.append("merged because:")
        for ev in entry.evidence:
            if ev.reason == "same-issue":
                why = f"links the same issue ({entry.issue})"
            else:
                why = f"same owner, consecutive notes, text similarity {ev.score:.1f} (threshold {SIMILARITY_THRESHOLD:g})"
            lines.append(
                f"  {quoted(ev.path)}:{ev.line}: "
                f"'{one_line(ev.previous_text)}' -> '{one_line(ev.text)}': {why}"
            )
    else:
        lines.append("every occurrence has the same owner and the same normalised text")
    return "\n".join(lines)
