"""``notes-lint new``: the next meeting's note, from the schema, the latest note and the ledger.

The note opens the way the team's latest dated note opens: its front matter, its
title line and the line that states its date (a heading, a labelled line such as
``* Meeting date: …`` or the first line of the date section), each copied with that
note's date rewritten as the new one in the same format (``# CPC Meeting
2024-05-02``, ``## May 2nd, 2024 @ 15:00 UTC``).  Without such a note (an empty
archive, or a latest note that states no date) the date is a heading of its own at
``date.level`` in the first configured format.  The required sections follow in the
schema's order (with a section per roster person first when the schema asks for
one), and every open TODO is carried over into the TODO section as the team wrote
it (its task box, its owner tag: :func:`carried_item`), so the meeting starts from
what is left.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from notes_lint.config import Config
from notes_lint.dates import (
    DAY,
    MONTH,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    WEEKDAY_WORD,
    find_date,
    find_month,
    find_yearless_date,
    format_date,
    from_iso,
    has_year,
    is_strftime,
    month_number,
    ordinal_suffix,
)
from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.model import Definition, Note, Todo
from notes_lint.people import person_key

_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\b")


@dataclass(frozen=True)
class Example:
    """The latest dated note and its source lines (``lines[0]`` is line 1)."""

    note: Note
    lines: Sequence[str]


def owner_tagged(text: str, entry: LedgerEntry, config: Config, written: str | None = None) -> str:
    """The TODO's text with its owner tag in the style it was ``written`` in (a style of
    ``todos.owner-tags``), else in the team's first tag style.

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
    style = written if written in usable else usable[0] if usable else "paren-end"
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


# A list item's line: its bullet (in a blockquote or not), its task box, its text.
_LIST_ITEM = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])[ \t]+)"
    r"(?P<box>\[[ xX]\][ \t]+)?(?P<content>.*?)[ \t]*$"
)


def carried_item(entry: LedgerEntry, todo: Todo | None, line: str | None, config: Config) -> str:
    """The text of the list item (after its bullet) that carries the open TODO ``entry``
    into the new note, written as the team wrote it.

    ``todo`` is the TODO where it was last written and ``line`` that source line.  A
    TODO that is a whole list item naming its owners, each in the roster (or no roster),
    is copied as written (``[ ] [name=Tomasz] rotate the TLS certs``, ``Chidi - renew
    the domain``); otherwise its text gets its owner's tag in the style it was written
    in (:func:`owner_tagged`), so the new note names no one the roster does not know.
    The task box (``[ ]``, unticked: the TODO is open) is kept when it had one.
    """
    box = ""
    match = _LIST_ITEM.match(line) if line is not None else None
    if match is not None:
        box = "[ ] " if match["box"] else ""
        content = match["content"]
        whole = todo is not None and match.start("content") == todo.col - 1
        # The tag names the owner when it holds their person key (people.person_key).
        tag = person_key(content.replace(entry.text, "", 1)) if entry.text in content else ""
        names = [person_key(n) for n in (entry.owner, entry.login) if n]
        known = todo is not None and (
            not config.people or all(config.person(n) is not None for n in todo.owners)
        )
        if whole and known and names and any(n in tag for n in names):
            return box + content
    return box + owner_tagged(entry.text, entry, config, todo.owner_style if todo else None)


# A bracketed text (``[the RFC]``, ``[rfc]``): each may be a reference link's label.
_BRACKETED = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.){1,999})\]")
# A definition's first line when it stands alone on it: no blockquote, no list marker.
_DEFINITION_START = re.compile(r"[ \t]*\[((?:[^\[\]\\]|\\.){1,999})\]:")


def used_definitions(text: str, definitions: Sequence[Definition]) -> list[tuple[str, Definition]]:
    """The link reference definitions of its note that the carried item ``text`` uses,
    each with its label as ``text`` writes it (``[the RFC][rfc]`` -> ``rfc``), in order.

    A reference link's label is a bracketed text of the item that matches a definition
    (CommonMark 0.31 §4.7: labels match case-insensitively, white space collapsed);
    a bracketed text that matches one in a code span also counts (its definition is
    carried for nothing, and harms nothing).
    """
    from markdown_it.common.utils import normalizeReference

    by_label = {definition.label: definition for definition in definitions}
    out: list[tuple[str, Definition]] = []
    for match in _BRACKETED.finditer(text):
        found = by_label.get(normalizeReference(match[1]))
        if found is not None and all(found is not seen for _written, seen in out):
            out.append((match[1], found))
    return out


def definition_text(written: str, definition: Definition, lines: Sequence[str] | None) -> str:
    """The lines that define ``definition`` in the new note: its source lines as they are
    written (``lines[0]`` is line 1) when it opens its line, with no blockquote or list
    marker before it (leading spaces dropped); else written anew as ``[written]:
    destination "title"`` (the destination in ``<…>`` when empty or holding parentheses),
    which CommonMark reads as the same definition."""
    from markdown_it.common.utils import normalizeReference

    if lines is not None and 0 < definition.line <= definition.end_line <= len(lines):
        source = list(lines[definition.line - 1 : definition.end_line])
        opened = _DEFINITION_START.match(source[0])
        if (
            opened is not None
            and normalizeReference(opened[1]) == definition.label
            and not any(line.lstrip().startswith(">") for line in source[1:])
        ):
            return "\n".join([source[0].lstrip(), *source[1:]])
    url = definition.url
    destination = f"<{url}>" if not url or any(c in url for c in "() ") else url
    title = definition.title
    for mark in ("\\", '"', "&"):
        title = title.replace(mark, "\\" + mark)
    return f"[{written}]: {destination}" + (f' "{title}"' if definition.title else "")


def house_style(config: Config, example: str | None) -> tuple[str, bool]:
    """The date format (and whether days take ordinals) of the team's latest date text."""
    formats = config.date.formats or ("iso",)
    if example:
        for fmt in formats:
            if find_date(example, (fmt,)) is not None:
                return fmt, bool(_ORDINAL.search(example))
    return formats[0], True


# The parts of a date written with words: a month or weekday name, a number with its
# ordinal suffix.
_DATE_PART = re.compile(r"(?P<word>[^\W\d_]+\.?)|(?P<num>\d+)(?P<ord>st|nd|rd|th)?", re.IGNORECASE)


def _same_case(word: str, like: str) -> str:
    """``word`` in the case of ``like`` (``MARCH``, ``March``, ``march``)."""
    if len(like) > 1 and like.isupper():
        return word.upper()
    return word if like[:1].isupper() else word.lower()


def _month_written_like(month: int, like: str) -> str:
    """Month ``month`` (1-12) named as ``like`` names its month: the full name, or an
    abbreviation (``Sep``, ``Sept`` kept for September), its case and full stop kept."""
    bare = like.rstrip(".")
    full = MONTH_NAMES[month - 1]
    old = month_number(bare)
    if old is not None and bare.lower() == MONTH_NAMES[old - 1].lower():
        name = full
    elif bare.lower() == "sept" and month == 9:
        name = "Sept"
    else:
        name = full[:3]
    return _same_case(name, bare) + ("." if like.endswith(".") else "")


def _reworded(written: str, new: dt.date, day: bool) -> str:
    """A date written with a month name (``Feb 13th``, ``14 March 2023``, ``September
    2024``) rewritten as ``new`` part by part: the month named in the same form, the day
    with its ordinal suffix and zero padding as written (when ``day``), the year."""

    def part(match: re.Match[str]) -> str:
        if match["word"]:
            word = match["word"]
            return word if month_number(word) is None else _month_written_like(new.month, word)
        digits = match["num"]
        if len(digits) == 4:
            return str(new.year)
        if not day:
            return match[0]
        number = f"{new.day:02d}" if len(digits) == 2 and digits[0] == "0" else str(new.day)
        suffix = match["ord"]
        return number + (_same_case(ordinal_suffix(new.day), suffix) if suffix else "")

    return _DATE_PART.sub(part, written)


def _weekday_redated(text: str, old: dt.date, new: dt.date) -> str:
    """``text`` with the first name of ``old``'s weekday (``Tuesday``, ``Tue``) written
    as ``new``'s in the same form; other words are kept."""
    if old.weekday() == new.weekday():
        return text
    for match in WEEKDAY_WORD.finditer(text):
        word = match[0]
        full = WEEKDAY_NAMES[old.weekday()]
        if word.lower() not in (full.lower(), full[:3].lower()):
            continue
        name = WEEKDAY_NAMES[new.weekday()]
        name = name if len(word) > 3 else name[:3]
        return text[: match.start()] + _same_case(name, word) + text[match.end() :]
    return text


def redated(
    text: str, old: dt.date, new: dt.date, formats: Sequence[str], precision: str = DAY
) -> str | None:
    """``text`` with each date equal to ``old`` written as ``new`` in the form it was
    written in; None when ``text`` holds no such date.  Other dates are kept as they are.

    With ``precision`` :data:`~notes_lint.dates.DAY`, a day: in each of ``formats``
    (ordinals kept or left out as written, a month named in full or abbreviated as
    written), or without its year (``February 13``: the year comes from the path),
    and the name of its weekday (``Tuesday``) with it.  With
    :data:`~notes_lint.dates.MONTH`, ``old``'s month and year (``September 2024``,
    ``2024-09``), a monthly note's date.
    """
    done: list[str] = []
    rest = text
    changed = False
    named = tuple(formats)
    while rest:
        # (start, end, replacement or None when the date found is not ``old``)
        best: tuple[int, int, str | None] | None = None

        def consider(start: int, end: int, same: bool, written: str) -> None:
            nonlocal best
            if best is None or start < best[0]:
                best = (start, end, written if same else None)

        if precision == DAY:
            for fmt in named:
                found = find_date(rest, (fmt,))
                if found is None or found.precision != DAY:
                    continue
                piece = rest[found.start : found.end]
                consider(found.start, found.end, found.value == old, _written(piece, new, fmt))
            yearless = find_yearless_date(rest, named)
            if yearless is not None:
                piece = rest[yearless.start : yearless.end]
                same = (yearless.month, yearless.day) == (old.month, old.day)
                is_words = any(c.isalpha() for c in piece)
                written = _reworded(piece, new, day=True) if is_words else None
                if written is None:
                    written = next(
                        (new.strftime(f) for f in named if is_strftime(f) and not has_year(f)),
                        piece,
                    )
                consider(yearless.start, yearless.end, same, written)
        else:
            month = find_month(rest, named)
            if month is not None:
                piece = rest[month.start : month.end]
                same = (month.value.year, month.value.month) == (old.year, old.month)
                iso = piece[:4].isdigit()
                written = f"{new.year}-{new.month:02d}" if iso else _reworded(piece, new, day=False)
                consider(month.start, month.end, same, written)
        if best is None:
            break
        start, end, replacement = best
        if replacement is not None:
            done.append(rest[:start] + replacement)
            changed = True
        else:
            done.append(rest[:end])
        rest = rest[end:]
    if not changed:
        return None
    out = "".join(done) + rest
    return _weekday_redated(out, old, new) if precision == DAY else out


def _written(piece: str, new: dt.date, fmt: str) -> str:
    """``new`` written as ``piece`` (a date in ``fmt``) is written."""
    if fmt in ("month-day-year", "day-month-year"):
        return _reworded(piece, new, day=True)
    text_of_new = format_date(new, fmt, bool(_ORDINAL.search(piece)))
    if fmt == "iso" and len(piece) > 4 and not piece[4].isdigit():
        text_of_new = text_of_new.replace("-", piece[4])  # 2024/03/01, 2024.03.01
    return text_of_new


def opening(config: Config, example: Example, date: dt.date) -> tuple[list[str], str | None] | None:
    """The front matter, title and date lines of ``example``, redated to ``date`` (its
    day, or its month when ``example`` is dated by the month: a monthly note).

    Returns the lines, and the text of the date section when ``example`` states its
    date on the first line of ``date.section`` (written where the schema places that
    section); None when the example states no date of a day that its lines give back
    (then the new note falls back to a date heading).
    """
    note, lines = example.note, example.lines
    stated = note.date
    if stated is None or not stated.value or stated.precision not in (DAY, MONTH):
        return None
    try:
        old = from_iso(stated.value)
    except ValueError:
        return None
    formats = config.date.formats or ("iso",)
    precision = stated.precision

    def line(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    placed: list[tuple[int, list[str]]] = []
    if note.frontmatter is not None:
        block = [
            redated(text, old, date, formats, precision) or text
            for text in lines[note.frontmatter.line - 1 : note.frontmatter.end_line]
        ]
        placed.append((note.frontmatter.line, block))
    title = note.title
    if title is not None and not (stated.source == "heading" and stated.line == title.line):
        placed.append(
            (title.line, [f"# {redated(title.text, old, date, formats, precision) or title.text}"])
        )
    in_section: str | None = None
    if stated.source == "heading":
        heading = next((h for h in note.headings if h.line == stated.line), None)
        text = redated(heading.text, old, date, formats, precision) if heading else None
        if heading is None or text is None:
            return None
        level = config.date.level or heading.level
        placed.append((stated.line, [f"{'#' * level} {text}"]))
    elif stated.source in ("label", "section"):
        text = redated(line(stated.line), old, date, formats, precision)
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
    config: Config,
    ledger: Ledger,
    date: dt.date,
    example: Example | None = None,
    carried: Sequence[str] | None = None,
    definitions: Sequence[str] = (),
) -> str:
    """The Markdown of a new note for ``date`` (see the module docstring).

    ``example`` is the team's latest dated note: the new note opens the way it does.
    ``carried`` are the items (text after the bullet, see :func:`carried_item`) that
    carry the open TODOs over; default: every open TODO of ``ledger``, owner-tagged.
    ``definitions``: the link reference definitions the carried items use
    (:func:`definition_text`), written at the end of the note, as notes keep them.
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
    items = (
        list(carried)
        if carried is not None
        else [owner_tagged(e.text, e, config) for e in ledger.entries if not e.done]
    )
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
            out += [f"- {item}" for item in items]
            if items:
                out.append("")
            items = []  # carried over once, into the first TODO section
    if date_section is not None:  # a date section the schema does not name: after the title
        out[len(opened[0]) if opened else 0 : 0] = [date_section, ""]
    if definitions:
        out = [*"\n".join(out).rstrip().split("\n"), "", *definitions]
    return "\n".join(out).rstrip() + "\n"
