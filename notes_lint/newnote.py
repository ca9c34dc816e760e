"""``notes-lint new``: the next meeting's note, from the schema and the ledger.

The date heading is written in the team's first accepted format, the required
sections follow in the schema's order (with a section per roster person first
when the schema asks for one), and every open TODO is carried over into the
TODO section with its owner tag, so the meeting starts from what is left.
"""

from __future__ import annotations

import datetime as dt
import re

from notes_lint.config import Config
from notes_lint.dates import find_date, format_date
from notes_lint.ledger import Ledger, LedgerEntry


def owner_tagged(text: str, entry: LedgerEntry, config: Config) -> str:
    """The TODO's text with its owner tag in the team's first tag style."""
    if entry.owner is None:
        return text
    usable = [
        s for s in config.todos.owner_tags if s != "name-to" and (s != "mention" or entry.login)
    ]
    style = usable[0] if usable else "paren-end"
    if style == "paren-start":
        return f"({entry.owner}) {text}"
    if style == "name-colon":
        return f"{entry.owner}: {text}"
    if style == "name-tag":
        return f"[name={entry.owner}] {text}"
    if style == "mention" and entry.login:
        return f"@{entry.login} {text}"
    if style == "name-end":
        return f"{text} - {entry.owner}"
    return f"{text} ({entry.owner})"


def house_style(config: Config, example: str | None) -> tuple[str, bool]:
    """The date format (and whether days take ordinals) of the team's latest date heading."""
    formats = config.date.formats or ("iso",)
    if example:
        for fmt in formats:
            if find_date(example, (fmt,)) is not None:
                return fmt, bool(re.search(r"\d(?:st|nd|rd|th)\b", example))
    return formats[0], True


def render_new_note(
    config: Config, ledger: Ledger, date: dt.date, latest_date_text: str | None = None
) -> str:
    """The Markdown of a new note for ``date`` (see the module docstring).

    ``latest_date_text`` is how the latest note wrote its date; the new note
    writes its date the same way.
    """
    spec = config.sections
    out: list[str] = []
    date_text = format_date(date, *house_style(config, latest_date_text))
    if config.date.level is not None:
        out += [f"{'#' * config.date.level} {date_text}", ""]
    open_entries = [e for e in ledger.entries if not e.done]
    if spec.per_person and spec.unknown == "person" and spec.persons != "after":
        for person in config.people:
            out += [f"{'#' * spec.level} {person.name}", ""]
    for section in spec.named:
        if not section.required and not section.todos and section.name != config.date.section:
            continue
        out += [f"{'#' * spec.level} {section.name}", ""]
        if section.name == config.date.section:
            out += [date_text, ""]
        elif section.todos:
            out += [f"- {owner_tagged(e.text, e, config)}" for e in open_entries]
            if open_entries:
                out.append("")
            open_entries = []  # carried over once, into the first TODO section
    return "\n".join(out).rstrip() + "\n"
