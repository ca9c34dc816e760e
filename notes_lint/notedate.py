"""Where a note states its meeting date (part of the parser, :mod:`notes_lint.parse`).

The places (PRODUCT.md §3, ``date`` in the config): the file name, the first heading at
``date.level``, the first line of ``date.section``, a line matching ``date.pattern``, a
line or table cell labelled with one of ``date.labels``, the front matter's ``date:``,
and else a heading at another level. The text at each place is read by
:mod:`notes_lint.dates`; :class:`DateFinding` holds the note builder's steps for it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import msgspec
from markdown_it.token import Token

from notes_lint.config import Config
from notes_lint.dates import (
    DAY,
    PathDate,
    date_in_path,
    has_date_like_text,
    nonexistent_date,
    read_stated_date,
)
from notes_lint.matching import normalize_heading
from notes_lint.model import NoteDate
from notes_lint.notedraft import NoteDraft
from notes_lint.source import Source

if TYPE_CHECKING:
    from notes_lint.parse import _InlineMap


class DateFinding:
    """The note builder's date steps: ``note.filename_date`` from the path, every date the
    note states (``note.dates``) and the meeting date (``note.date``). Mixed into the
    builder, whose state it reads (the headings, the date section's first line)."""

    source: Source
    config: Config
    draft: NoteDraft
    lines: list[str]
    section_date: NoteDate | None
    heading_maps: list[tuple[str, _InlineMap]]
    section_heading_lines: set[int]

    def _path_date(self) -> PathDate | None:
        """The date the note's path gives (``note.filename_date`` and its text, end and
        precision), read by :func:`~notes_lint.dates.date_in_path`."""
        return date_in_path(self.source.path, self.config.date.formats)

    def _read_date(self, text: str) -> tuple[str | None, int, int, str, str]:
        """The date in ``text`` (ISO), the offsets of its text, where its year came from,
        and its precision (``day``, or ``month``).

        A full date in one of ``date.formats`` comes first; else a day and month
        written without a year (``June 8th``) takes the year of the note's path,
        or has none (value None, year ``missing``: NL101 says so); else a month
        and year (``January 2023``, ``2023-01``: its first day, precision ``month``).
        """
        found = read_stated_date(text, self.config.date.formats, self.source.path)
        if found is None:
            return None, 0, 0, "stated", DAY
        value = found.value.isoformat() if found.value else None
        return value, found.start, found.end, found.year, found.precision

    def _date_from_section(self, token: Token, mapper: _InlineMap) -> None:
        text = token.content.split("\n", 1)[0]
        value, start, _end, year, precision = self._read_date(text)
        line, col = mapper.position(start)
        self.section_date = NoteDate(
            value, text.strip(), line, col, "section", year=year, precision=precision
        )

    def _heading_date(self, index: int) -> NoteDate:
        """The date read from the ``index``-th heading, placed where its text is written."""
        heading = self.draft.headings[index]
        value, start, end, year, precision = self._read_date(heading.text)
        date_line, date_col = heading.line, heading.col
        if end > start:  # where the date is written: a setext heading may span lines
            content, mapper = self.heading_maps[index]
            written = heading.text[start:end]
            at = -1
            for _ in range(heading.text.count(written, 0, start) + 1):
                at = content.find(written, at + 1)
            if at >= 0:
                date_line, date_col = mapper.position(at)
        return NoteDate(
            value,
            heading.text,
            date_line,
            date_col,
            "heading",
            heading.level,
            year,
            precision=precision,
        )

    def _find_date(self, tokens: list[Token]) -> tuple[list[NoteDate], NoteDate | None]:
        """Every date the note states (``note.dates``) and the meeting date (``note.date``).

        Places, in order: the first heading at ``date.level``, the first line of
        ``date.section``, the first line matching ``date.pattern``, the first line
        labelled with one of ``date.labels``, the front matter's ``date:``. The
        meeting date is the first place that gives a date (else the first place
        found, whose text NL101 reports). When none gives one, the first heading
        at another level that holds a date, before the schema's first section, is
        read instead (NL101 names its level).
        """
        spec = self.config.date
        candidates = [
            found
            for found in (
                self._level_date(),
                self.section_date,
                self._pattern_date(),
                self._labelled_date(tokens),
                self._front_matter_date(),
            )
            if found is not None
        ]
        if spec.level is not None and not any(c.value for c in candidates):
            elsewhere = self._date_at_other_level(spec.level)
            if elsewhere is not None:
                candidates.append(elsewhere)
        stated: list[NoteDate] = []
        seen: set[tuple[int, str]] = set()  # a labelled line may match date.pattern too
        for candidate in candidates:
            if candidate.value and (candidate.line, candidate.value) not in seen:
                seen.add((candidate.line, candidate.value))
                stated.append(candidate)
        return stated, self._meeting_date(candidates)

    def _level_date(self) -> NoteDate | None:
        """The date of the first heading at ``date.level``, if the config names one."""
        level = self.config.date.level
        index = next((k for k, h in enumerate(self.draft.headings) if h.level == level), None)
        return self._heading_date(index) if level is not None and index is not None else None

    def _pattern_date(self) -> NoteDate | None:
        """The date of the first line matching ``date.pattern`` (its ``date`` group, or the
        whole match), if the config has one."""
        pattern = self.config.date.pattern
        if pattern is None:
            return None
        for number, line in enumerate(self.lines, start=1):
            match = pattern.search(line)
            if match is None:
                continue
            text = match.group("date") if "date" in pattern.groupindex else match[0]
            start = match.start("date") if "date" in pattern.groupindex else match.start()
            value, _start, _end, year, precision = self._read_date(text)
            return NoteDate(
                value, text, number, start + 1, "pattern", year=year, precision=precision
            )
        return None

    def _labelled_date(self, tokens: list[Token]) -> NoteDate | None:
        """The date of the first line outside code labelled with one of ``date.labels``;
        else of the first labelled table cell that holds one (else the first such cell)."""
        labels = self.config.date.labels
        code = _code_lines(tokens)  # and the front matter: its `date:` is read apart
        labelled = _label_pattern(labels)
        if labelled is not None:
            for number, line in enumerate(self.lines, start=1):
                label = labelled.match(line) if number not in code else None
                if label is not None:
                    text = label["date"].strip()
                    value, start, _end, year, precision = self._read_date(text)
                    col = label.start("date") + start + 1
                    return NoteDate(
                        value, text, number, col, "label", year=year, precision=precision
                    )
        cells = [self._cell_date(line, text) for line, text in _labelled_cells(tokens, labels)]
        return next((c for c in cells if c.value), cells[0] if cells else None)

    def _meeting_date(self, candidates: list[NoteDate]) -> NoteDate | None:
        """The meeting date among the places found, in order: the first day, else the
        first month; without a date, the place NL101 reports, with why it is no day."""
        # A day is preferred to a month (``# January 2023`` then ``Date: 2023-01-17``).
        # Without a date, the place NL101 reports is the first whose text tries to be one
        # (``| Date | … |`` over ``08.04.2024`` in a note titled ``# Team``).
        unread = next((c for c in candidates if has_date_like_text(c.text)), None)
        # A front matter ``date:`` is a date meant, whatever YAML read it as.
        unread = unread or next((c for c in candidates if c.source == "frontmatter"), None)
        date = next(
            (c for c in candidates if c.value and c.precision == DAY),
            next(
                (c for c in candidates if c.value),
                unread or (candidates[0] if candidates else None),
            ),
        )
        if date is not None and date.value is None:
            not_a_day = nonexistent_date(date.text, self.config.date.formats)
            return msgspec.structs.replace(date, not_a_day=not_a_day)
        return date

    def _cell_date(self, line: int, text: str) -> NoteDate:
        """The date of a labelled table cell's ``text`` on 1-based ``line``."""
        value, _start, _end, year, precision = self._read_date(text)
        col = max(self.lines[line - 1].find(text), 0) + 1
        return NoteDate(value, text, line, col, "label", year=year, precision=precision)

    def _date_at_other_level(self, level: int) -> NoteDate | None:
        """The first heading not at ``level`` with a date, before the first named section.

        A heading that opened a section is skipped: the date heading is never a section
        (:meth:`_is_date_heading` keeps the one read here out of the sections).
        """
        for index, heading in enumerate(self.draft.headings):
            if self.config.sections.lookup(heading.plain) is not None:
                return None
            if heading.level != level and heading.line not in self.section_heading_lines:
                found = self._heading_date(index)
                if found.value is not None:
                    return found
        return None

    def _front_matter_date(self) -> NoteDate | None:
        """The front matter's ``date:`` (a YAML date or a string holding one), if any."""
        front = self.draft.frontmatter
        if front is None or not isinstance(front.data, dict) or "date" not in front.data:
            return None
        raw = front.data["date"]
        if not isinstance(raw, str):
            # ``date: 20250819``, ``yes``, ``~``, ``1.10`` or no value: YAML read a number, a
            # boolean or null; the date NL101 judges is the text as written.
            read, raw = raw, front.written.get(("date",))
            if raw is None and isinstance(read, int | float) and not isinstance(read, bool):
                raw = str(read)  # a number written as YAML writes it back (20250819)
            if raw is None:
                return None
        value, _start, _end, year, precision = self._read_date(raw)
        line, col = front.position(("date",))
        return NoteDate(value, raw, line, col, "frontmatter", year=year, precision=precision)


def _code_lines(tokens: list[Token]) -> set[int]:
    """The 1-based lines inside fenced and indented code blocks and the front matter."""
    lines: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block", "front_matter") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines


def _tables(tokens: list[Token]) -> list[list[tuple[int, list[str]]]]:
    """The note's GFM tables: for each, its rows as (1-based line, the cells' text)."""
    tables: list[list[tuple[int, list[str]]]] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open" and tables and token.map:
            tables[-1].append((token.map[0] + 1, []))
        elif token.type == "inline" and tables and tables[-1] and token.level > 0:
            tables[-1][-1][1].append(token.content.strip())
        elif token.type == "table_close" and tables:
            tables[-1] = [row for row in tables[-1] if row[1]]
    return tables


def _labelled_cells(tokens: list[Token], labels: tuple[str, ...]) -> list[tuple[int, str]]:
    """The table cells labelled with one of ``labels``, as (1-based line, text), in the
    note's order: the cell after a row's first cell (``| **Date** | 2023-03-14 |``), and
    the cell under a header cell (``| Date | Time |`` over ``| 2023-03-14 | 10:00 |``)."""
    keys = {normalize_heading(label) for label in labels} - {""}
    found: list[tuple[int, str]] = []
    for rows in _tables(tokens) if keys else ():
        for line, cells in rows:
            if len(cells) >= 2 and normalize_heading(cells[0]) in keys and _has_digit(cells[1]):
                found.append((line, cells[1]))
        if len(rows) >= 2:
            (_, header), (line, first) = rows[0], rows[1]
            for index, cell in enumerate(header[: len(first)]):
                if normalize_heading(cell) in keys and _has_digit(first[index]):
                    found.append((line, first[index]))
    return found


def _has_digit(text: str) -> bool:
    """Whether a cell can hold a date (every date writes its day or year in digits): not
    the header ``Time`` beside a ``Date`` header."""
    return any(c.isdigit() for c in text)


@functools.lru_cache(maxsize=32)
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    """A line that starts with one of ``labels`` and a separator: ``**Date:** …``, ``- When: …``.

    The separator is a colon, or a dash with a space on each side (``Date - 2024-04-15``,
    ``Date – …``); a hyphen inside words (``Date-based``) is none.

    Blockquote markers, a list marker, a task box and emphasis around the label
    or the colon are allowed; the label is matched case-insensitively, any run of
    whitespace inside it as any other.  Group ``date`` is the rest of the line.
    """
    words = [r"\s+".join(re.escape(w) for w in label.split()) for label in labels if label.split()]
    if not words:
        return None
    emphasis = r"[*_]{0,3}"
    return re.compile(
        r"[ \t]{0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?"
        rf"{emphasis}[ \t]*(?:{'|'.join(words)})[ \t]*{emphasis}"
        rf"(?:[ \t]*:|[ \t]+[-–—](?=[ \t]))[ \t]*{emphasis}"
        r"[ \t]*(?P<date>\S.*)",
        re.IGNORECASE,
    )
