"""``notes-lint new``: the next meeting's note, from the schema, the latest note and the ledger.

The note opens the way the team's latest dated note opens: its front matter, its
title line and the line that states its date (a heading, a labelled line such as
``* Meeting date: …`` or the first line of the date section), each copied with that
note's date rewritten as the new one in the same format (``# CPC Meeting
2024-05-02``, ``## May 2nd, 2024 @ 15:00 UTC``).  Without such a note (an empty
archive, or a latest note that states no date) the date is a heading of its own at
``date.level`` in the first configured format.  The required sections follow in the
schema's order (with a section per roster person first when the schema asks for
one), and every open TODO is carried over into the TODO section with its owner tag,
so the meeting starts from what is left.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from notes_lint.config import Config
from notes_lint.dates import DAY, find_date, format_date
from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.model import Note

_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class Example:
    """The latest dated note and its source lines (``lines[0]`` is line 1)."""

    note: Note
    lines: Sequence[str]


def owner_tagged(text: str, entry: LedgerEntry, config: Config) -> str:
    """The TODO's text with its owner tag in the team's first tag style.

    ``Name to …`` is written only for a roster person (an assignment names someone the
    notes know); ``@login`` only when the owner has a login.
    """
    if entry.owner is None:
        return text
    rostered = any(entry.owner in (p.name, *p.aliases) for p in config.people)
    usable = [
        s
        for s in config.todos.owner_tags
        if (s != "name-to" or rostered) and (s != "mention" or entry.login)
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
    if style == "name-to":
        return f"{entry.owner} to {text}"
    if style == "name-end":
        return f"{text} - {entry.owner}"
    return f"{text} ({entry.owner})"


def house_style(config: Config, example: str | None) -> tuple[str, bool]:
    """The date format (and whether days take ordinals) of the team's latest date text."""
    formats = config.date.formats or ("iso",)
    if example:
        for fmt in formats:
            if find_date(example, (fmt,)) is not None:
                return fmt, bool(_ORDINAL.search(example))
    return formats[0], True


def redated(text: str, old: dt.date, new: dt.date, formats: Sequence[str]) -> str | None:
    """``text`` with each date equal to ``old`` written as ``new`` in the format it was
    written in (ordinals kept or left out as written); None when ``text`` holds no such date.

    Other dates in ``text`` are kept as they are.
    """
    done: list[str] = []
    rest = text
    changed = False
    while rest:
        best: tuple[str, int, int, dt.date] | None = None
        for fmt in formats:
            found = find_date(rest, (fmt,))
            if found is None or found.precision != DAY:
                continue
            if best is None or found.start < best[1]:
                best = (fmt, found.start, found.end, found.value)
        if best is None:
            break
        fmt, start, end, value = best
        if value == old:
            written = rest[start:end]
            text_of_new = format_date(new, fmt, bool(_ORDINAL.search(written)))
            if fmt == "iso" and len(written) > 4 and not written[4].isdigit():
                text_of_new = text_of_new.replace("-", written[4])  # 2024/03/01, 2024.03.01
            done.append(rest[:start] + text_of_new)
            changed = True
        else:
            done.append(rest[:end])
        rest = rest[end:]
    return "".join(done) + rest if changed else None


def opening(config: Config, example: Example, date: dt.date) -> tuple[list[str], str | None] | None:
    """The front matter, title and date lines of ``example``, redated to ``date``.

    Returns the lines, and the text of the date section when ``example`` states its
    date on the first line of ``date.section`` (written where the schema places that
    section); None when the example states no date of a day that its lines give back
    (then the new note falls back to a date heading).
    """
    note, lines = example.note, example.lines
    stated = note.date
    if stated is None or not stated.value or stated.precision != DAY:
        return None
    try:
        old = dt.date.fromisoformat(stated.value)
    except ValueError:
        return None
    formats = config.date.formats or ("iso",)

    def line(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    placed: list[tuple[int, list[str]]] = []
    if note.frontmatter is not None:
        block = [
            redated(text, old, date, formats) or text
            for text in lines[note.frontmatter.line - 1 : note.frontmatter.end_line]
        ]
        placed.append((note.frontmatter.line, block))
    title = note.title
    if title is not None and not (stated.source == "heading" and stated.line == title.line):
        placed.append((title.line, [f"# {redated(title.text, old, date, formats) or title.text}"]))
    in_section: str | None = None
    if stated.source == "heading":
        heading = next((h for h in note.headings if h.line == stated.line), None)
        text = redated(heading.text, old, date, formats) if heading else None
        if heading is None or text is None:
            return None
        level = config.date.level or heading.level
        placed.append((stated.line, [f"{'#' * level} {text}"]))
    elif stated.source in ("label", "section"):
        text = redated(line(stated.line), old, date, formats)
        if text is None:
            return None
        if stated.source == "section":
            if not config.date.section:
                return None
            in_section = text.strip()
        else:
            placed.append((stated.line, [text]))
    elif stated.source != "frontmatter":
        return None
    out: list[str] = []
    for _line, block in sorted(placed, key=lambda p: p[0]):
        out += [*block, ""]
    return out, in_section


def render_new_note(
    config: Config, ledger: Ledger, date: dt.date, example: Example | None = None
) -> str:
    """The Markdown of a new note for ``date`` (see the module docstring).

    ``example`` is the team's latest dated note: the new note opens the way it does.
    """
    spec = config.sections
    out: list[str] = []
    opened = opening(config, example, date) if example is not None else None
    date_text = format_date(
        date,
        *house_style(config, example.note.date.text if example and example.note.date else None),
    )
    date_section: str | None = None
    if opened is not None:
        out, date_section = opened
    elif config.date.level is not None:
        out += [f"{'#' * config.date.level} {date_text}", ""]
    open_entries = [e for e in ledger.entries if not e.done]
    if spec.per_person and spec.unknown == "person" and spec.persons != "after":
        for person in config.people:
            out += [f"{'#' * spec.level} {person.name}", ""]
    for section in spec.named:
        if section.name == config.date.section:
            # Written when the date is stated there, not when a heading states it.
            if date_section is None and opened is None and config.date.level is None:
                date_section = date_text
            if date_section is not None:
                out += [f"{'#' * spec.level} {section.name}", "", date_section, ""]
                date_section = None
            continue
        if not section.required and not section.todos:
            continue
        out += [f"{'#' * spec.level} {section.name}", ""]
        if section.todos:
            out += [f"- {owner_tagged(e.text, e, config)}" for e in open_entries]
            if open_entries:
                out.append("")
            open_entries = []  # carried over once, into the first TODO section
    if date_section is not None:  # a date section the schema does not name: after the title
        out[len(opened[0]) if opened else 0 : 0] = [date_section, ""]
    return "\n".join(out).rstrip() + "\n"
