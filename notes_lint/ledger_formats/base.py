"""The one interface of the ledger's formats, and the rows the line-based ones share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TextIO

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.names import one_line, quoted

COLUMNS = ("text", "first seen", "last seen", "age", "carried", "status", "latest")
"""The columns of the table and Markdown formats (CSV has the first six, and more)."""

NO_OWNER = "(no owner)"
"""The group of the TODOs nobody owns, last in the table and Markdown formats."""


class LedgerWriter(Protocol):
    """Writes ledger entries in one format to a stream: ``write(ledger, entries, out)``.

    ``entries`` are the ledger's entries to show (filtered, in order); ``ledger``
    gives the day they are judged on and the grace days.  The text ends with one
    newline; with no entries, the line-based formats write ``no TODOs``.
    """

    def __call__(self, ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None: ...


def row(ledger: Ledger, entry: LedgerEntry, line: Callable[[str], str] = one_line) -> list[str]:
    """The :data:`COLUMNS` cells of ``entry``, the note's text made one line by ``line``
    (the path quoted when it needs to be); ``str`` leaves that to
    :func:`~notes_lint.mdescape.table_cell`."""
    age = entry.age_days(ledger.today)
    return [
        line(entry.text),
        line(entry.first.date or "?"),
        line(entry.latest.date or "?"),
        "?" if age is None else str(age),
        str(entry.carried_over),
        entry.status(ledger.today, ledger.grace_days),
        f"{quoted(entry.latest.path)}:{entry.latest.line}",
    ]


def owner_line(owner: str, login: str | None) -> str:
    """``Ana (@ana)``: an owner's name and login, on one line."""
    return one_line(owner + (f" (@{login})" if login else ""))


def by_owner(entries: Sequence[LedgerEntry]) -> list[tuple[str, list[LedgerEntry]]]:
    """``entries`` grouped by owner, owners in case-folded order, :data:`NO_OWNER` last."""
    groups: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.owner or NO_OWNER, []).append(entry)
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_OWNER, kv[0].casefold()))
