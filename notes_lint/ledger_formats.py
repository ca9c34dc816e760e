"""Printing the ledger: a table grouped by owner, JSON, CSV, Markdown.

File names and texts come from contributors: the line-based formats (table,
Markdown, ``--explain``) quote a name that could break a line and keep every
text on its line; JSON and CSV keep them exact but for undecodable bytes
(see :mod:`notes_lint.names`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import TextIO

import msgspec

from notes_lint.jsonstream import ArrayWriter
from notes_lint.ledger import SIMILARITY_THRESHOLD, Ledger, LedgerEntry
from notes_lint.mdescape import table_cell
from notes_lint.names import one_line, quoted, unicode_text
from notes_lint.truncate import display_width, truncate

_COLUMNS = ("text", "first seen", "last seen", "age", "carried", "status", "latest")
_NO_OWNER = "(no owner)"


def _row(ledger: Ledger, entry: LedgerEntry, line: Callable[[str], str] = one_line) -> list[str]:
    """The table's cells, the note's text made one line by ``line`` (the path quoted when
    it needs to be); ``str`` leaves it to :func:`~notes_lint.mdescape.table_cell`."""
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


def _owner_line(owner: str, login: str | None) -> str:
    return one_line(owner + (f" (@{login})" if login else ""))


def _by_owner(entries: Sequence[LedgerEntry]) -> list[tuple[str, list[LedgerEntry]]]:
    groups: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.owner or _NO_OWNER, []).append(entry)
    return sorted(groups.items(), key=lambda kv: (kv[0] == _NO_OWNER, kv[0].casefold()))


def _pad(text: str, width: int) -> str:
    """``text`` and spaces up to ``width`` terminal columns (:func:`display_width`):
    CJK and emoji take two columns, combining marks none."""
    return text + " " * (width - display_width(text))


def format_table(ledger: Ledger, entries: Sequence[LedgerEntry], width: int = 60) -> str:
    if not entries:
        return "no TODOs"
    out: list[str] = []
    for owner, group in _by_owner(entries):
        rows = [_row(ledger, e) for e in group]
        for row in rows:
            row[0] = truncate(row[0], width, measure=display_width)
        widths = [
            max(display_width(c), *(display_width(r[i]) for r in rows))
            for i, c in enumerate(_COLUMNS)
        ]
        login = next((e.login for e in group if e.login), None)
        out.append(f"{_owner_line(owner, login)} — {len(group)}")
        out.append(
            "  " + "  ".join(_pad(c, w) for c, w in zip(_COLUMNS, widths, strict=True)).rstrip()
        )
        out.extend(
            "  " + "  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )
        out.append("")
    return "\n".join(out).rstrip()


def write_json(ledger: Ledger, entries: Sequence[LedgerEntry], out: TextIO) -> None:
    """The ledger as JSON, each entry written as it is made (an archive has many)."""
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


def format_json(ledger: Ledger, entries: Sequence[LedgerEntry]) -> str:
    out = io.StringIO()
    write_json(ledger, entries, out)
    return out.getvalue().removesuffix("\n")


def format_csv(ledger: Ledger, entries: Sequence[LedgerEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # With LF rows, the csv module leaves a field holding a lone CR unquoted: quote all.
    quoting = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "owner", "login", *_COLUMNS[:-1], "path", "line", "issue"])
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
    return buffer.getvalue().rstrip("\n")


def format_markdown(ledger: Ledger, entries: Sequence[LedgerEntry]) -> str:
    out = []
    for owner, group in _by_owner(entries):
        out.append(f"### {one_line(owner)}\n")
        out.append("| " + " | ".join(_COLUMNS) + " |")
        out.append("|" + "---|" * len(_COLUMNS))
        out.extend(
            "| " + " | ".join(table_cell(v) for v in _row(ledger, e, line=str)) + " |"
            for e in group
        )
        out.append("")
    return "\n".join(out).rstrip() or "no TODOs"


def write_ledger(ledger: Ledger, entries: Sequence[LedgerEntry], fmt: str, out: TextIO) -> None:
    """:func:`render_ledger` and a newline, written to ``out`` (JSON as it is made)."""
    if fmt == "json":
        write_json(ledger, entries, out)
    else:
        out.write(render_ledger(ledger, entries, fmt) + "\n")


def render_ledger(ledger: Ledger, entries: Sequence[LedgerEntry], fmt: str) -> str:
    if fmt == "json":
        return format_json(ledger, entries)
    if fmt == "csv":
        return format_csv(ledger, entries)
    if fmt == "markdown":
        return format_markdown(ledger, entries)
    return format_table(ledger, entries)


def explain(ledger: Ledger, entry: LedgerEntry) -> str:
    """Why the occurrences of an entry are one TODO: identity, and any merge evidence."""
    lines = [
        f"{entry.id}: {one_line(entry.text)}",
        f"owner: {_owner_line(entry.owner or _NO_OWNER, entry.login)}",
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
