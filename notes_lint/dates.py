"""Finding and parsing meeting dates in headings, lines and file names.

Candidate substrings are located with small regular expressions (one per named
format) so that a heading such as ``October 28, 2024 @ 15:00 UTC`` or
``CPC Meeting 2023-01-03`` yields its date; the candidate itself is parsed by
``datetime`` (ISO, strftime patterns).  A candidate with a month name has a
fixed shape (the expressions above), so its day, month and year are read off
directly; dateutil, which reads the same text the same way (a property test
holds the two to it), is kept as the reader of last resort and never imported
on the common path.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NAMED_FORMATS = ("iso", "month-day-year", "day-month-year")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_CANDIDATES: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])"),
    "month-day-year": re.compile(rf"\b{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}\b", re.IGNORECASE),
    "day-month-year": re.compile(
        rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}\b", re.IGNORECASE
    ),
}
_SEPT = re.compile(r"\bsept\b", re.IGNORECASE)
_FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_/.](\d{1,2})[-_/.](\d{1,2})(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    """A date and where its text starts and ends in the searched string (0-based)."""

    value: dt.date
    start: int
    end: int


def is_strftime(fmt: str) -> bool:
    return "%" in fmt


_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")


def _read_month_name(text: str) -> dt.date | None:
    """``September 14th, 2021`` or ``14 of Sept. 2021``; None when the day does not exist."""
    month = day = year = None
    for part in _WORD_OR_NUMBER.findall(text):
        if part.isdigit():
            if day is None:
                day = int(part)
            elif year is None:
                year = int(part)
        elif month is None:
            month = _MONTH_NUMBERS.get(part[:3].lower())
    if month is None or day is None or year is None or year < 100:
        return _parse_month_name(text)  # dateutil reads years like 0001 as 2001
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_month_name(text: str) -> dt.date | None:
    from dateutil import parser

    try:
        parsed = parser.parse(_SEPT.sub("Sep", text.replace("of ", "")))
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def _parse_candidate(fmt: str, match: re.Match[str]) -> dt.date | None:
    if fmt == "iso":
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return _read_month_name(match[0])


def find_date(text: str, formats: tuple[str, ...]) -> FoundDate | None:
    """The earliest date in ``text`` written in one of ``formats``, or None.

    strftime formats must match the whole (stripped) text, or the text before an
    ``@`` (HackMD headings put the time there).
    """
    best: FoundDate | None = None
    for fmt in formats:
        if is_strftime(fmt):
            found = _find_strftime(text, fmt)
        else:
            found = None
            pattern = _CANDIDATES.get(fmt)
            for match in pattern.finditer(text) if pattern else ():
                value = _parse_candidate(fmt, match)
                if value is not None:
                    found = FoundDate(value, match.start(), match.end())
                    break
        if found is not None and (best is None or found.start < best.start):
            best = found
    return best


def has_date_like_text(text: str) -> bool:
    """Whether ``text`` looks like it tries to be a date in some known format (for messages)."""
    return any(pattern.search(text) for pattern in _CANDIDATES.values()) or bool(
        re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", text)
    )


def _find_strftime(text: str, fmt: str) -> FoundDate | None:
    stripped = text.strip()
    for candidate in (stripped, stripped.split("@", 1)[0].strip()):
        try:
            value = dt.datetime.strptime(candidate, fmt).date()
        except ValueError:
            continue
        start = text.find(candidate)
        return FoundDate(value, start, start + len(candidate))
    return None


def parse_date(text: str, formats: tuple[str, ...] = NAMED_FORMATS) -> dt.date | None:
    """Parse text that should be exactly one date (a due date, a CLI argument)."""
    found = find_date(text, formats)
    if found is None or text[: found.start].strip() or text[found.end :].strip(" .,"):
        return None
    return found.value


def date_in_path(path: str) -> tuple[dt.date, str] | None:
    """The date written in a note's file name or its last folders, with that text.

    ``2021-09-14.md`` and ``2021/09-14-team.md`` both give 2021-09-14.
    """
    tail = "/".join(path.replace("\\", "/").split("/")[-3:])
    for match in _FILENAME_DATE.finditer(tail):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), match[0]
        except ValueError:
            continue
    return None
