"""Finding and parsing meeting dates in headings, lines and file names.

Candidate substrings are located with small regular expressions (one per named
format) so that a heading such as ``October 28, 2024 @ 15:00 UTC`` or
``CPC Meeting 2023-01-03`` yields its date; the candidate itself is parsed by
``datetime`` (ISO, strftime patterns).  A candidate with a month name has a
fixed shape (the expressions above), so its day, month and year are read off
directly; a property test (tests/test_dates.py) holds that reading to dateutil's
for every shape the expressions accept.  A year is the year as written, in every
format: ``0099-09-14`` and ``September 14, 0099`` are both in year 99 (dateutil
would read the second as 1999), and year ``0000`` is no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

NAMED_FORMATS = ("iso", "month-day-year", "day-month-year")

FIRST_YEAR, LAST_YEAR = 1900, 2099
"""The years every date the tool reads falls in (both included): a note's stated date,
its file name's, a due date and a date given on the command line (``--today``,
``--since``, ``new --date``).  A date outside them is no date (a version such as
``v3000.01.02``, a typo such as ``0225-03-14``); the command line refuses one with
one line (:func:`argument_date`)."""


def in_years(value: dt.date) -> bool:
    """Whether ``value`` falls in :data:`FIRST_YEAR`–:data:`LAST_YEAR`."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""The characters a date may write where ISO 8601 writes a hyphen-minus (``-``): the
hyphen-minus and Unicode's hyphens and dashes U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN,
U+2012 FIGURE DASH, U+2013 EN DASH, U+2014 EM DASH, U+2015 HORIZONTAL BAR and U+2212
MINUS SIGN, which word processors and editors put in its place (``2021\u201309\u201314``).
Every reader of this module takes any of them wherever a format or a file-name shape
has a ``-``, strftime patterns of ``date.formats`` too (:func:`hyphenated`); a range of
dates keeps its own separators (``--``, ``to``, a spaced or lone en or em dash between
two dates in a file name: :func:`date_in_path`)."""
_DASH_CHARS = re.escape(DASHES[0]) + DASHES[1:]
_DASH = f"[{_DASH_CHARS}]"
_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES[1:], "-"))


def hyphenated(text: str) -> str:
    """``text`` with each character of :data:`DASHES` written as ``-`` (same length, so
    offsets into one are offsets into the other): what :func:`datetime.datetime.strptime`
    is given, the text and the pattern alike, since it reads only ``-``."""
    return text.translate(_TO_HYPHEN)


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_CANDIDATES: dict[str, re.Pattern[str]] = {
    # Year first, in numbers: ``2023-03-14``, also with another of :data:`DASHES`
    # (the same one twice), ``2023/03/14``, ``2023.03.14`` (two digits each:
    # ``2023.1.2`` is a version).  The year first leaves no doubt.
    "iso": re.compile(
        rf"(?<![\d{_DASH_CHARS}./])(?P<y>\d{{4}})"
        rf"(?:(?P<sep>[{_DASH_CHARS}/])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
        r"|\.(?P<m2>\d{2})\.(?P<d2>\d{2}))"
        rf"(?![\d{_DASH_CHARS}/]|\.\d)"
    ),
    # Spaces between the parts, or a hyphen (``Mar-14-2023``, ``14-Mar-2023``).
    "month-day-year": re.compile(
        rf"\b{_MONTH}(?:\s+|{_DASH})\d{{1,2}}{_ORD}(?:,?\s+|{_DASH})\d{{4}}\b", re.IGNORECASE
    ),
    "day-month-year": re.compile(
        rf"\b\d{{1,2}}{_ORD}(?:\s+(?:of\s+)?|{_DASH}){_MONTH}(?:,?\s+|{_DASH})\d{{4}}\b",
        re.IGNORECASE,
    ),
}

DAY = "day"
MONTH = "month"
"""How precise a date is: ``day`` names one day; ``month`` names a month (``January
2023``, ``2023-01``) and its value is that month's first day."""


@dataclass(frozen=True)
class FoundDate:
    """A date and where its text starts and ends in the searched string (0-based).

    ``precision`` is :data:`DAY` or :data:`MONTH` (``value`` is then the month's first day).
    """

    value: dt.date
    start: int
    end: int
    precision: str = DAY


@dataclass(frozen=True)
class YearlessDate:
    """A day and month written without a year (``June 8th``, ``Tuesday 14 March``).

    ``start``/``end`` are 0-based offsets of its text in the searched string.
    """

    month: int
    day: int
    start: int
    end: int

    def in_year(self, year: int) -> dt.date | None:
        """The date in ``year``, or None when that day does not exist (29 February)."""
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def is_strftime(fmt: str) -> bool:
    """Whether ``fmt`` is a strftime pattern (it holds a ``%`` code) rather than a named format."""
    return "%" in fmt


_YEAR_DIRECTIVE = re.compile(r"%[%]|%[YyGcxCD]")


def has_year(fmt: str) -> bool:
    """Whether the strftime pattern ``fmt`` reads a year (``%Y``, ``%y``, ``%G``, ``%c``, ``%x``).

    A pattern without one (``%d/%m``, ``%a %b %d``) reads a year-less date:
    :func:`time.strptime` would put it in 1900, so its year comes from the path.
    """
    return any(match[0] != "%%" for match in _YEAR_DIRECTIVE.finditer(fmt))


_DAY_DIRECTIVE = re.compile(r"%[%]|%[djcxDUWaAuwGV]")


def has_day(fmt: str) -> bool:
    """Whether the strftime pattern ``fmt`` reads a day (``%d``, ``%j``, ``%c``, ``%x``, ``%D``…).

    A pattern with a year and no day (``%B %Y``, ``%Y-%m``) reads a month.
    """
    return any(match[0] != "%%" for match in _DAY_DIRECTIVE.finditer(fmt))


def is_month_format(fmt: str) -> bool:
    """Whether the strftime pattern ``fmt`` reads a month: a year and no day (``%B %Y``,
    ``%Y-%m``)."""
    return is_strftime(fmt) and has_year(fmt) and not has_day(fmt)


def month_end(value: dt.date) -> dt.date:
    """The last day of ``value``'s month (``2021-09-10`` → ``2021-09-30``; leap years
    by :func:`calendar.monthrange`)."""
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The months' English names, January first."""
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The weekdays' English names, in :meth:`datetime.date.weekday` order (Monday is 0)."""
_MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTH_WORD = re.compile(_MONTH, re.IGNORECASE)


def month_number(word: str) -> int | None:
    """The month (1-12) ``word`` names as the month-name formats write it (``September``,
    ``Sep``, ``Sept``, ``sep.``, any case), or None."""
    if _MONTH_WORD.fullmatch(word) is None:
        return None
    return _MONTH_NUMBERS[word[:3].lower()]


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
    if month is None or day is None or year is None:
        return None  # not a shape the candidate expressions accept
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso_parts(match: re.Match[str]) -> tuple[int, int, int]:
    """Year, month and day of an ``iso`` candidate."""
    month, day = (match["m"], match["d"]) if match["m"] else (match["m2"], match["d2"])
    return int(match["y"]), int(month), int(day)


def _parse_candidate(fmt: str, match: re.Match[str]) -> dt.date | None:
    if fmt == "iso":
        year, month, day = _iso_parts(match)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return _read_month_name(match[0])


def find_date(text: str, formats: tuple[str, ...], any_year: bool = False) -> FoundDate | None:
    """The earliest date in ``text`` written in one of ``formats``, or None.

    strftime formats must match the whole (stripped) text, or the text before an
    ``@`` (HackMD headings put the time there).  A date outside :data:`FIRST_YEAR`–
    :data:`LAST_YEAR` is none, unless ``any_year`` (for a message that says why).
    """
    best: FoundDate | None = None
    for fmt in formats:
        if is_strftime(fmt):
            found = _find_strftime(text, fmt) if has_year(fmt) else None
            if found is not None and not has_day(fmt):
                found = FoundDate(found.value, found.start, found.end, MONTH)
        else:
            found = None
            pattern = _CANDIDATES.get(fmt)
            for match in pattern.finditer(text) if pattern else ():
                value = _parse_candidate(fmt, match)
                if value is not None and (any_year or in_years(value)):
                    found = FoundDate(value, match.start(), match.end())
                    break
        if found is not None and not any_year and not in_years(found.value):
            found = None
        if found is not None and (best is None or found.start < best.start):
            best = found
    return best


def has_date_like_text(text: str) -> bool:
    """Whether ``text`` looks like it tries to be a date in some known format (for messages)."""
    return any(pattern.search(text) for pattern in _CANDIDATES.values()) or bool(
        _NUMBERS_DATE_LIKE.search(text)
    )


_NUMBERS_DATE_LIKE = re.compile(rf"\d{{1,4}}[/.{_DASH_CHARS}]\d{{1,2}}[/.{_DASH_CHARS}]\d{{1,4}}")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(
    rf"(?<![\d/.{_DASH_CHARS}])(?P<a>\d{{1,2}})(?P<sep>[/.{_DASH_CHARS}])(?P<b>\d{{1,2}})"
    rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\d/.{_DASH_CHARS}])"
)


def numeric_date_formats(text: str) -> tuple[str, tuple[str, ...]] | None:
    """A number date that puts the day or the month first (``14/03/2023``) in ``text``:
    its text and the strftime formats that can read it (``('%d/%m/%Y',)``; both orders
    when each part can be a month, ``03/04/2023``), else None.  For messages: such a
    date is read only through a format the config lists, since the order is a habit of
    the writer's country, not something the text says."""
    for match in _DAY_FIRST_OR_MONTH_FIRST.finditer(text):
        first, second = int(match["a"]), int(match["b"])
        sep, year = hyphenated(match["sep"]), "%Y" if len(match["y"]) == 4 else "%y"
        day_first = f"%d{sep}%m{sep}{year}"
        month_first = f"%m{sep}%d{sep}{year}"
        options = [
            fmt
            for fmt, (day, month) in ((day_first, (first, second)), (month_first, (second, first)))
            if 1 <= month <= 12 and 1 <= day <= 31
        ]
        if options:
            return match[0], tuple(options)
    return None


_DIRECTIVES: dict[str, str] = {
    "Y": r"\d{4}",
    "y": r"\d{2}",
    "m": r"\d{1,2}",
    "d": r"\d{1,2}",
    "b": r"[^\W\d_]{3,9}\.?",
    "B": r"[^\W\d_]{3,9}",
    "h": r"[^\W\d_]{3,9}\.?",
    "a": r"[^\W\d_]{2,9}\.?",
    "A": r"[^\W\d_]{2,9}",
    "H": r"\d{1,2}",
    "I": r"\d{1,2}",
    "M": r"\d{1,2}",
    "S": r"\d{1,2}",
    "p": r"[AaPp]\.?[Mm]\.?",
    "j": r"\d{1,3}",
    "%": "%",
}


@functools.lru_cache(maxsize=64)
def _strftime_pattern(fmt: str) -> re.Pattern[str] | None:
    """A regular expression for text that ``fmt`` may read, or None for a rare directive.

    Each directive becomes a bounded class (``%m`` one or two digits, ``%B`` a
    word), whitespace any run of whitespace (as :func:`time.strptime` reads it), a
    dash any of :data:`DASHES`, anything else itself; a match must not sit inside a
    longer word or number.
    """
    parts: list[str] = []
    index = 0
    while index < len(fmt):
        char = fmt[index]
        if char == "%":
            directive = _DIRECTIVES.get(fmt[index + 1 : index + 2])
            if directive is None:
                return None
            parts.append(directive)
            index += 2
            continue
        parts.append(r"\s+" if char.isspace() else _DASH if char in DASHES else re.escape(char))
        index += 1
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


def _find_strftime(text: str, fmt: str, leap_year: bool = False) -> FoundDate | None:
    """The first text in ``text`` that ``datetime.strptime(…, fmt)`` reads.

    The whole (stripped) text and the text before an ``@`` (HackMD headings put
    the time there) are tried first, then every place a date in ``fmt`` could
    start (``Minutes of 02/09/2015`` with ``%m/%d/%Y``). With ``leap_year``
    (a pattern without a year) the text is read in the leap year 2000, so that
    29 February exists; the caller keeps only its day and month.
    """
    pattern = _strftime_pattern(fmt)
    suffix = "\x002000" if leap_year else ""
    fmt = fmt + "\x00%Y" if leap_year else fmt
    stripped = text.strip()
    for candidate in (stripped, stripped.split("@", 1)[0].strip()):
        value = _strptime(candidate + suffix, fmt)
        if value is not None:
            start = text.find(candidate)
            return FoundDate(value, start, start + len(candidate))
    for match in pattern.finditer(text) if pattern is not None else ():
        value = _strptime(match[0] + suffix, fmt)
        if value is not None:
            return FoundDate(value, match.start(), match.end())
    return None


def _strptime(text: str, fmt: str) -> dt.date | None:
    """``text`` read by ``datetime.strptime`` in ``fmt``, each of :data:`DASHES` in either
    read as ``-``; None when it does not read."""
    try:
        return dt.datetime.strptime(hyphenated(text), hyphenated(fmt)).date()
    except ValueError:
        return None


# A day and a month name with no year after them.  ``may`` counts only as the
# capitalised month (``May 4``), never the verb (``we may 2x the budget``).
_YEARLESS: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}){_ORD}(?![\w:/.{_DASH_CHARS}])(?!,?\s*\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w/.{_DASH_CHARS}])(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{_MONTH})"
        r"(?![\w])(?!,?\s*\d)",
        re.IGNORECASE,
    ),
)
_YEARLESS_FORMATS = {"month-day-year": 0, "day-month-year": 1}


def _embedded(pattern: re.Pattern[str], prefix: str) -> str:
    """``pattern``'s expression to embed in a larger one: its named groups renamed with
    ``prefix`` (two formats may name a group alike), its case-insensitivity kept."""
    text = re.sub(r"\(\?P<(\w+)>", rf"(?P<{prefix}_\1>", pattern.pattern)
    text = re.sub(r"\(\?P=(\w+)\)", rf"(?P={prefix}_\1)", text)
    return f"(?i:{text})" if pattern.flags & re.IGNORECASE else f"(?:{text})"


_WEEKDAY = "|".join(f"{name[:3]}(?:{name[3:]})?" for name in WEEKDAY_NAMES)

WEEKDAY_WORD = re.compile(rf"\b(?:{_WEEKDAY})\b", re.IGNORECASE)
"""A weekday's English name as a date may start with it: whole (``Tuesday``) or its
first three letters (``Tue``), in any case (the weekday a :func:`date_text` may have)."""


@functools.lru_cache(maxsize=16)
def date_text(formats: tuple[str, ...]) -> str:
    """A regular expression for a date written in ``formats`` or a named format, to find
    one inside a longer pattern (the default ``todos.due-pattern``).

    It is built from the very expressions :func:`find_date` and :func:`find_yearless_date`
    look for candidates with (each named format's, with and without a year, and each
    strftime pattern's), so a date this module reads is one the pattern finds; a weekday
    may come first (``Tuesday, 14 March 2023``, ``Fri Jun 3``).  A month with its year
    (``September 2021``, ``Sept 2021``, ``2021-09``, a strftime pattern without a day) is
    tried after every day form, so a day is never cut to its month.  Its named groups are
    prefixed with ``_``; read the whole match, then the date with :func:`read_due`.
    """
    dated: list[str] = []  # with a year first: ``14/03`` must not stop ``14/03/2023``
    yearless: list[str] = []
    months: list[str] = []  # last: ``14 September 2021`` is the 14th, not September
    for number, fmt in enumerate(dict.fromkeys((*formats, *NAMED_FORMATS))):
        if is_strftime(fmt):
            pattern = _strftime_pattern(fmt)
            if pattern is not None:
                kind = months if is_month_format(fmt) else dated if has_year(fmt) else yearless
                kind.append(_embedded(pattern, f"_f{number}"))
            continue
        dated.append(_embedded(_CANDIDATES[fmt], f"_f{number}"))
        if fmt in _YEARLESS_FORMATS:
            yearless.append(_embedded(_YEARLESS[_YEARLESS_FORMATS[fmt]], f"_f{number}y"))
    months += [_embedded(_DUE_MONTH_YEAR, "_my"), _embedded(_ISO_MONTH, "_im")]
    parts = "|".join((*dated, *yearless, *months))
    return rf"(?:(?i:\b(?:{_WEEKDAY})\.?,?[ \t]+))?(?:{parts})"


def find_yearless_date(text: str, formats: tuple[str, ...]) -> YearlessDate | None:
    """The earliest day and month name written without a year, or None.

    Only the named formats with a month name read a year-less date, each in its
    own order (``month-day-year``: ``June 8th``, ``Mar 4``; ``day-month-year``:
    ``Tuesday 14 March``). A day that no year has (``June 31``) is not one.
    """
    best: YearlessDate | None = None
    for fmt in formats:
        if is_strftime(fmt) and not has_year(fmt):
            found = _find_strftime(text, fmt, leap_year=True)
            if found is not None and (best is None or found.start < best.start):
                best = YearlessDate(found.value.month, found.value.day, found.start, found.end)
    for fmt, index in _YEARLESS_FORMATS.items():
        if fmt not in formats:
            continue
        for match in _YEARLESS[index].finditer(text):
            word = match["month"].rstrip(".")
            if word.lower() == "may" and word != "May" and word != "MAY":
                continue
            month, day = _MONTH_NUMBERS[word[:3].lower()], int(match["day"])
            if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
                continue
            if best is None or match.start() < best.start:
                best = YearlessDate(month, day, match.start(), match.end())
            break
    return best


# A month and its year: ``January 2023``, ``Jan. 2023``, ``Sept 2023`` (month-name
# formats) and ``2023-01`` (iso).  ``2023-01`` stands alone: not inside a longer
# number, a version (``v2023.01``, ``2023.01.1``), a day (``2023-01-17``), an issue
# or path (``#2023-01``, ``/2023-01``).
_MONTH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH}),?\s+(?P<year>(?:19|20)\d\d)(?![\w:/.{_DASH_CHARS}]|\.\d)",
    re.IGNORECASE,
)
# The same for a due date's pattern: ``may`` only capitalised, as :func:`find_month` reads it.
_DUE_MONTH_YEAR = re.compile(
    _MONTH_YEAR.pattern.replace("|may|", "|(?-i:May|MAY)|", 1), re.IGNORECASE
)
_ISO_MONTH = re.compile(
    rf"(?<![\w#/.{_DASH_CHARS}])(?P<year>(?:19|20)\d\d){_DASH}(?P<month>0[1-9]|1[0-2])"
    rf"(?![\w/{_DASH_CHARS}]|\.\d)"
)


def find_month(text: str, formats: tuple[str, ...]) -> FoundDate | None:
    """The earliest month written with its year in ``text``, or None.

    ``January 2023``/``Jan 2023`` when a month-name format (``month-day-year``,
    ``day-month-year``) is in ``formats``; ``2023-01`` when ``iso`` is. The value
    is the month's first day, with precision :data:`MONTH`. Callers look for a
    day first (:func:`find_date`): a month is the note's date only when no day is
    stated. ``may`` counts only capitalised (``May 2023``), as in :func:`find_yearless_date`.
    """
    best: FoundDate | None = None
    patterns: list[re.Pattern[str]] = []
    if "month-day-year" in formats or "day-month-year" in formats:
        patterns.append(_MONTH_YEAR)
    if "iso" in formats:
        patterns.append(_ISO_MONTH)
    for pattern in patterns:
        for match in pattern.finditer(text):
            word = match["month"].rstrip(".")
            if word.lower() == "may" and word not in ("May", "MAY"):
                continue
            month = int(word) if word.isdigit() else _MONTH_NUMBERS[word[:3].lower()]
            if best is None or match.start() < best.start:
                best = FoundDate(
                    dt.date(int(match["year"]), month, 1), match.start(), match.end(), MONTH
                )
            break
    return best


def parse_date(text: str, formats: tuple[str, ...] = NAMED_FORMATS) -> dt.date | None:
    """The date of text that is exactly one date in ``formats`` (a trailing ``.`` or
    ``,`` aside), else None.  A library helper; the command line's dates are read by
    :func:`argument_date`, due dates by :func:`read_due`."""
    found = find_date(text, formats)
    if found is None or text[: found.start].strip() or text[found.end :].strip(" .,"):
        return None
    return found.value


def parse_month(text: str, formats: tuple[str, ...] = NAMED_FORMATS) -> dt.date | None:
    """Parse text that should be exactly one month (``2024-10``, ``October 2024``): its
    first day, or None (see :func:`find_month`)."""
    found = find_month(text, formats)
    if found is None or text[: found.start].strip() or text[found.end :].strip(" .,"):
        return None
    return found.value


def from_iso(value: str) -> dt.date:
    """A date the note model holds (``NoteDate.value``, ``Todo.due``, a ledger entry's
    date: ``YYYY-MM-DD`` as this module's callers write it with ``isoformat``) as a date.

    Raises ValueError for text that is not one (the model never holds such text).
    """
    return dt.date.fromisoformat(value)


def today() -> dt.date:
    """The reference day when ``--today`` is not given: today in the local time zone."""
    return dt.date.today()


def parse_argument(text: str) -> dt.date | None:
    """The date of :func:`argument_date`, or None where it raises."""
    try:
        return argument_date(text)
    except ValueError:
        return None


def argument_date(text: str) -> dt.date:
    """A date given on the command line or as a config value (``--today``, ``--since``,
    ``new --date``, ``github.since``): one whole date with its year, as the notes write
    it in a named format (``2021-09-14``, ``2021-9-14``, ``2021/09/14``, ``14 September
    2021``, ``Sep 14, 2021``), after an optional weekday (``Tue, 14 Sep 2021``,
    ``Tuesday 14 September 2021``), in :data:`FIRST_YEAR`–:data:`LAST_YEAR`.

    The notes' own spellings, and the same on every Python: ``date.fromisoformat``
    reads ``20210914`` and ``2021-W37-2`` from Python 3.11 on and not before.
    Raises ValueError with a one-line reason: no whole date, no year, a year out of
    range, or a weekday the date does not fall on.
    """
    stripped = text.strip()
    weekday, body = split_weekday(stripped)
    found = find_date(body, NAMED_FORMATS, any_year=True)
    if found is None or body[: found.start].strip() or body[found.end :].strip(" .,"):
        yearless = find_yearless_date(body, NAMED_FORMATS)
        whole = yearless is not None and not body[: yearless.start].strip()
        if whole and yearless is not None and not body[yearless.end :].strip(" .,"):
            raise ValueError(
                f"{text!r} has no year: write the whole date (e.g. {EXAMPLE_DATE.isoformat()})"
            )
        raise ValueError(f"not a date: {text!r} (write it as {EXAMPLE_DATE.isoformat()})")
    value = found.value
    if not in_years(value):
        raise ValueError(
            f"{text!r} is not in the years {FIRST_YEAR}–{LAST_YEAR} that notes-lint reads"
        )
    if weekday is not None and weekday != value.weekday():
        raise ValueError(
            f"{text!r}: {value} is a {WEEKDAY_NAMES[value.weekday()]}, "
            f"not a {WEEKDAY_NAMES[weekday]}"
        )
    return value


@dataclass(frozen=True)
class PathDate:
    """The date a note's path gives: one day, or a range of days (``…-to-…``).

    ``text`` is the part of the path it was read from; ``end`` is the last day
    of a range (None for one day).
    """

    value: dt.date
    text: str
    end: dt.date | None = None
    precision: str = DAY


_YEAR = r"(?:19|20)\d\d"
_SEP = rf"[_.{_DASH_CHARS}]"
_PART_END = rf"[_. {_DASH_CHARS}]"  # what ends a part of a file name: ``CG-09-14``
# Shapes of dates in archives' file names, tried in this order on the file name
# (``prefix`` is anything that ends at a separator, e.g. ``CG-``):
_RANGE = re.compile(
    rf"(?<![\d.])({_YEAR}){_SEP}(\d\d){_SEP}(\d\d)"
    r"(?:--|\s*[–—]\s*|[-_.\s]+(?:to|until|through|thru)[-_.\s]+)"
    rf"(?:({_YEAR}){_SEP})?(\d\d){_SEP}(\d\d)(?![\d.])",
    re.IGNORECASE,
)
_FULL = re.compile(rf"(?<![\d.])({_YEAR})({_SEP})(\d{{1,2}})\2(\d{{1,2}})(?![\d])(?!\.\d)")
_COMPACT = re.compile(rf"(?<![\d.])({_YEAR})(\d\d)(\d\d)(?![\d])(?!\.\d)")
_MONTH_DAY = re.compile(rf"(?:^|{_PART_END})(\d{{1,2}})({_SEP})(\d{{1,2}})(?=$|{_PART_END})")
# ``2023-01-community-call``, ``2023_01``, ``2023-01``: a year and a month, then the
# end or a separator and no day (``2023-01-17`` is a day, read first).
_YEAR_MONTH = re.compile(
    rf"(?<![\w.])({_YEAR})[_{_DASH_CHARS}](0[1-9]|1[0-2])"
    rf"(?=$|{_PART_END}(?!\d{{1,2}}(?:$|{_PART_END})))"
)
# ``2023/01-community-call.md``, ``2023/01.md``: a month first in a year folder's file.
_FOLDER_MONTH = re.compile(rf"^(0[1-9]|1[0-2])(?=$|{_PART_END}(?!\d))")
_YEAR_PART = re.compile(rf"^({_YEAR})(?:$|{_PART_END})")
_STEM_SUFFIX = re.compile(r"\.(?:md|markdown|mdx|mkd|txt)$", re.IGNORECASE)


def _day(year: str | int, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_in_path(path: str, formats: tuple[str, ...] = ()) -> PathDate | None:
    """The date written in a note's file name, or in its name and year folder.

    Shapes (each source: how archives name their notes): ``2021-09-14.md``,
    ``2021_09_14-weekly.md``, ``20210914.md``, ``2021/09/14.md``,
    ``2021/09-14-team.md`` and ``2021/CG-09-14.md`` (month and day in a year
    folder, after an optional prefix), and ranges ``2025-02-03-to-2025-09-01.md``
    (also ``--``, ``_to_``, an en or em dash; an end without a year takes the
    start's, ``2021-09-14-to-09-20.md``; an end before the start is no range).
    A month, when no day is written: ``2023-01-community-call.md``, ``2023-01.md``,
    ``2023/01-community-call.md`` (precision :data:`MONTH`, value its first day).
    Wherever a shape has ``-``, any of :data:`DASHES` is read (``2021–09–14.md``); a
    range's separators are only those above (one dash between two dates is none).
    Years are 1900–2099 and every date must exist, so a version (``v1.2.3``,
    ``2.10.12``, ``v2023.01``) or an issue number (``issue-1234``) is never read as a date.
    A day first or month first in numbers (``meeting_05.03.2024.md``) is read only
    through a strftime pattern of ``formats`` (``date.formats``) with a year and a day,
    as in a heading: the order is the writer's habit, not something the name says.
    """
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if not parts:
        return None
    name = _STEM_SUFFIX.sub("", parts[-1])
    for match in _RANGE.finditer(name):
        first = _day(match[1], match[2], match[3])
        last = _day(match[4] or match[1], match[5], match[6])
        if first is not None and last is not None and first <= last:
            return PathDate(first, match[0], last)
    for match in _FULL.finditer(name):
        found = _day(match[1], match[3], match[4])
        if found is not None:
            return PathDate(found, match[0])
    for match in _COMPACT.finditer(name):
        found = _day(match[1], match[2], match[3])
        if found is not None:
            return PathDate(found, match[0])
    spaced = name.replace("_", " ")  # ``meeting_05.03.2024``: ``_`` joins no word here
    for fmt in formats:
        if is_strftime(fmt) and has_year(fmt) and has_day(fmt):
            written = _find_strftime(spaced, fmt)
            if written is not None:
                return PathDate(written.value, name[written.start : written.end])
    folders = parts[:-1]
    if folders and _YEAR_FOLDER.match(folders[-1]):
        for match in _MONTH_DAY.finditer(name):
            found = _day(folders[-1], match[1], match[3])
            if found is not None:
                return PathDate(found, f"{folders[-1]}/{name[: match.end()]}")
    if len(folders) >= 2 and _YEAR_FOLDER.match(folders[-2]):
        day = re.match(rf"(\d{{1,2}})(?:$|{_PART_END})", name)
        if re.fullmatch(r"\d{1,2}", folders[-1]) and day is not None:
            found = _day(folders[-2], folders[-1], day[1])
            if found is not None:
                return PathDate(found, f"{folders[-2]}/{folders[-1]}/{day[1]}")
    month = _YEAR_MONTH.search(name)
    if month is not None:
        return PathDate(dt.date(int(month[1]), int(month[2]), 1), month[0], precision=MONTH)
    if folders and _YEAR_FOLDER.match(folders[-1]):
        month = _FOLDER_MONTH.match(name)
        if month is not None:
            return PathDate(
                dt.date(int(folders[-1]), int(month[1]), 1),
                f"{folders[-1]}/{month[1]}",
                precision=MONTH,
            )
    return None


_YEAR_FOLDER = re.compile(rf"^{_YEAR}$")


def year_in_path(path: str, formats: tuple[str, ...] = ()) -> int | None:
    """The year a note's path files it under, for a date written without one.

    The year of the file name's date, else the nearest folder or file name that
    is a year or starts with one (``2021/…``, ``2021-minutes/…``, ``2021-q3.md``).
    """
    found = date_in_path(path, formats)
    if found is not None:
        return found.value.year
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    for part in reversed(parts):
        match = _YEAR_PART.match(_STEM_SUFFIX.sub("", part))
        if match is not None:
            return int(match[1])
    return None


@dataclass(frozen=True)
class StatedDate:
    """The date a note's text states (a heading, a labelled line, the front matter's ``date:``).

    ``value`` is None when it is a day and month whose year neither the text nor the path
    gives; ``start``/``end`` are 0-based offsets of its text; ``year`` says where the year
    came from (``stated``, ``path``, or ``missing``); ``precision`` is :data:`DAY` or
    :data:`MONTH`.
    """

    value: dt.date | None
    start: int
    end: int
    year: str = "stated"
    precision: str = DAY


def read_stated_date(text: str, formats: tuple[str, ...], path: str) -> StatedDate | None:
    """The date ``text`` states in ``formats``, for a note at ``path``, or None.

    A full date comes first (:func:`find_date`); else a day and month written without a
    year (``June 8th``) takes the year of the path (:func:`year_in_path`) or has none
    (value None, year ``missing``); else a month and year (``January 2023``, ``2023-01``:
    its first day, precision :data:`MONTH`), unless the text holds a date-shaped day that
    does not exist (``30 Feb 2024`` is no month: :func:`nonexistent_date`).
    """
    found = find_date(text, formats)
    if found is not None:
        return StatedDate(found.value, found.start, found.end, precision=found.precision)
    yearless = find_yearless_date(text, formats)
    if yearless is None:
        month = find_month(text, formats) if nonexistent_date(text, formats) is None else None
        if month is None:
            return None
        return StatedDate(month.value, month.start, month.end, precision=MONTH)
    year = year_in_path(path, formats)
    value = yearless.in_year(year) if year is not None else None
    return StatedDate(value, yearless.start, yearless.end, "path" if value else "missing")


def ordinal_suffix(day: int) -> str:
    """English ordinal suffix of ``day``: ``st`` (1, 21, 31), ``nd``, ``rd``, else ``th``
    (11, 12 and 13 too)."""
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _ordinal(day: int) -> str:
    return f"{day}{ordinal_suffix(day)}"


def format_date(date: dt.date, fmt: str, ordinal: bool = True) -> str:
    """``date`` written in ``fmt``: strftime for a ``%`` pattern, else the named format's shape.

    ``iso``: ``2021-09-14``; ``month-day-year``: ``September 14th, 2021`` (``14`` without
    ``ordinal``); ``day-month-year``: ``14 September 2021``.
    """
    if is_strftime(fmt):
        return date.strftime(fmt)
    month = date.strftime("%B")
    if fmt == "month-day-year":
        return f"{month} {_ordinal(date.day) if ordinal else date.day}, {date.year}"
    if fmt == "day-month-year":
        return f"{date.day} {month} {date.year}"
    return date.isoformat()


EXAMPLE_DATE = dt.date(2021, 9, 14)


def examples(formats: tuple[str, ...], date: dt.date = EXAMPLE_DATE) -> str:
    """``date`` (by default 14 September 2021) written in each of ``formats``, joined by
    ``or``: what a message suggests (NL101, NL303), in the config's ``date.formats``."""
    written = dict.fromkeys(format_date(date, fmt) for fmt in formats)
    return " or ".join(written) or date.isoformat()


def formats_with_year(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats of ``formats`` that write a year (the named ones, strftime patterns
    with ``%Y``…); ``('iso',)`` when none does.  A suggestion names a whole date."""
    return tuple(f for f in formats if not is_strftime(f) or has_year(f)) or ("iso",)


def nonexistent_date(text: str, formats: tuple[str, ...]) -> str | None:
    """The first text in ``text`` shaped as a date in ``formats`` whose day does not exist.

    ``2023-02-30`` (iso), ``February 30th, 2023``, ``31/04/2021`` with ``%d/%m/%Y``: the
    day and month have the format's shape and range, but that month has no such day.
    """
    for fmt in formats:
        if is_strftime(fmt):
            pattern = _strftime_pattern(fmt)
            leap = "" if has_year(fmt) else "\x002000"
            for match in pattern.finditer(text) if pattern is not None else ():
                try:
                    dt.datetime.strptime(
                        hyphenated(match[0]) + leap, hyphenated(fmt) + ("\x00%Y" if leap else "")
                    )
                except ValueError as exc:
                    if "day is out of range" in str(exc):
                        return match[0]
            continue
        candidates = _CANDIDATES.get(fmt)
        for match in candidates.finditer(text) if candidates else ():
            if _parse_candidate(fmt, match) is None and _month_and_day_in_range(fmt, match):
                return match[0]
    return None


def _month_and_day_in_range(fmt: str, match: re.Match[str]) -> bool:
    """Whether a named format's candidate has a month 1–12 and a day 1–31."""
    if fmt == "iso":
        _year, month, day = _iso_parts(match)
        return 1 <= month <= 12 and 1 <= day <= 31
    days = [int(part) for part in re.findall(r"\d+", match[0]) if len(part) <= 2]
    return bool(days) and 1 <= days[0] <= 31


_LEADING_WEEKDAY = re.compile(rf"(?i:(?P<weekday>{_WEEKDAY}))\b\.?,?\s+")
WEEKDAY_REACH = dt.timedelta(days=366)
"""How far from the meeting a year-less date with a weekday is looked for (a year either
way): ``Fri 14 March`` is the 14 March nearest the meeting that is a Friday."""


def split_weekday(text: str) -> tuple[int | None, str]:
    """The weekday ``text`` starts with (``Tue``, ``Tuesday,``, ``tue.``: 0 for Monday, as
    :meth:`datetime.date.weekday`) and the text after it; ``(None, text)`` without one."""
    match = _LEADING_WEEKDAY.match(text)
    if match is None:
        return None, text
    return _WEEKDAY_NUMBERS[match["weekday"][:3].lower()], text[match.end() :]


_WEEKDAY_NUMBERS = {name[:3].lower(): number for number, name in enumerate(WEEKDAY_NAMES)}


@dataclass(frozen=True)
class DueDate:
    """A due date as a TODO writes it: ``value`` is its day, or None; then ``problem``
    says why, as a phrase that follows the date's text (``is not a real day: …``), or is
    None when the text holds no date this module reads."""

    value: dt.date | None
    problem: str | None = None


def read_due(text: str, formats: tuple[str, ...], meeting: dt.date | None) -> DueDate:
    """The due date ``text`` names (``2024-11-04``, ``June 15``, ``Fri 14 March``) in
    ``formats`` or a named format, for a note of the meeting on ``meeting``.

    A month with its year and no day (``September 2021``, ``Sept 2021``, ``2021-09``, or
    a strftime pattern of ``formats`` without a day, ``%B %Y``) is due at the month's
    end: its value is the month's last day (:func:`month_end`); a day date is read first,
    so ``14 September 2021`` stays the 14th; a weekday before a month is a problem.
    A date without a year and without a weekday is the first such day on or after
    ``meeting`` (a TODO is due after the meeting that records it: ``by Jan 10`` in a
    December note is next January).  With a weekday it is the such day nearest the
    meeting, before or after (within :data:`WEEKDAY_REACH`), that falls on that
    weekday; a weekday that no such day has there, or that a date with a year does not
    fall on, is a problem, as are a day that does not exist (``2023-02-30``), a year
    outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` and a year-less date without a meeting.
    """
    formats = tuple(dict.fromkeys((*formats, *NAMED_FORMATS)))
    weekday, _rest = split_weekday(text.strip())
    day_formats = tuple(fmt for fmt in formats if not is_month_format(fmt))
    found = find_date(text, day_formats)
    if found is not None:
        actual = found.value.weekday()
        if weekday is not None and weekday != actual:
            return DueDate(
                None,
                f"names a {WEEKDAY_NAMES[weekday]}, but {found.value} is a "
                f"{WEEKDAY_NAMES[actual]}: fix the weekday or the date",
            )
        return DueDate(found.value)
    if nonexistent_date(text, formats) is not None:
        return DueDate(None, "is not a real day: that month has no such day")
    month = find_month(text, formats) or find_date(
        text, tuple(fmt for fmt in formats if is_month_format(fmt))
    )
    if month is not None and weekday is not None:
        return DueDate(
            None, f"names a {WEEKDAY_NAMES[weekday]}, but a month is no day: write the day"
        )
    if month is not None:
        return DueDate(month_end(month.value))
    if find_date(text, formats, any_year=True) is not None:
        return DueDate(None, f"is not in the years {FIRST_YEAR}–{LAST_YEAR}: fix the year")
    yearless = find_yearless_date(text, formats)
    if yearless is None:
        return DueDate(None)
    if meeting is None:
        return DueDate(None, "has no year, and the note has no date to give it one: write the year")
    if weekday is None:
        for year in (meeting.year, meeting.year + 1):
            value = yearless.in_year(year)
            if value is not None and value >= meeting:
                return DueDate(value)
        return DueDate(None, "has no year, and no such day follows the meeting: write the year")
    near = [
        value
        for year in (meeting.year - 1, meeting.year, meeting.year + 1)
        if (value := yearless.in_year(year)) is not None
        and value.weekday() == weekday
        and abs(value - meeting) <= WEEKDAY_REACH
    ]
    if not near:
        day = f"{yearless.day} {MONTH_NAMES[yearless.month - 1]}"
        return DueDate(
            None,
            f"names a {WEEKDAY_NAMES[weekday]}, but no {day} within a year of the meeting "
            f"({meeting}) is one: fix the weekday or write the year",
        )
    return DueDate(min(near, key=lambda value: (abs(value - meeting), value < meeting)))
