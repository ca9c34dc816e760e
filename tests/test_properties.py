"""Property tests (hypothesis): the linter never raises, positions stay in the text.

Arbitrary text (control characters included) and generated Markdown-ish notes
go through ``lint_text`` with each bundled preset; the date finder finds back
any date it can format; the owner-tag parser takes back any tag it knows.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string

import pytest
from conftest import make_config
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from notes_lint.config import Config
from notes_lint.dates import date_in_path, find_date, parse_date
from notes_lint.diagnostics import Severity
from notes_lint.linter import lint_text
from notes_lint.modeljson import note_json
from notes_lint.owners import NOT_OWNERS, find_owner, owner_group, roster_spelling
from notes_lint.parse import parse_note
from notes_lint.rules import RULES_BY_CODE
from notes_lint.source import from_text
from notes_lint.urls import ip_address_of

PRESETS = ["generic", "hackmd", "sklearn-weekly"]
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def preset(name: str) -> Config:
    people = {"Ana": "ana-gh", "Bruno": None, "Julien": "jjerphan"}
    return make_config({"extends": name, "people": people})


def assert_well_formed(text: str, config: Config, path: str = "notes/2024/2024-10-28.md") -> None:
    """Lint ``text``: no exception, and every diagnostic points inside the text."""
    lines = from_text(text).lines
    for d in lint_text(text, config, path):
        assert d.code in RULES_BY_CODE, d
        assert d.severity in (Severity.ERROR, Severity.WARNING), d
        assert 1 <= d.line <= len(lines), (d, len(lines))
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])
        assert d.message and "\n" not in d.message and "\r" not in d.message, d


def assert_model_positions(text: str, config: Config) -> None:
    """Headings, items and links of the model start at their line:col."""
    source = from_text(text, "notes/2024/2024-10-28.md")
    note = parse_note(source, config)
    lines = [line.replace("\x00", "\ufffd") for line in source.lines]  # as CommonMark reads NUL

    def at(line: int, col: int) -> str:
        assert 1 <= line <= len(lines), (line, len(lines))
        assert 1 <= col <= len(lines[line - 1]) + 1, (line, col)
        return lines[line - 1][col - 1 :]

    for heading in note.headings:
        assert at(heading.line, heading.col).startswith(heading.text.split(" ")[0]), heading
    for item in note.items():
        first = item.text.split("\n")[0][:10]
        assert at(item.line, item.col).startswith(first), item
        assert item.depth >= 0
    for link in note.links:
        starts = (link.url,) if link.style == "bare" else ("[", "![", "<")
        assert at(link.line, link.col).startswith(starts), link
    for todo in note.todos:
        at(todo.line, todo.col)
    if note.date is not None:
        at(note.date.line, note.date.col)
    for section in note.sections:
        assert section.line <= section.end_line <= max(len(source.lines), 1)


# ----------------------------------------------------------- arbitrary text


@pytest.mark.parametrize("name", PRESETS)
@SETTINGS
@given(text=st.text())
def test_arbitrary_text_never_raises(name: str, text: str) -> None:
    assert_well_formed(text, preset(name))


MARKDOWN_CHARS = "#-*+>[]()!<>`~_|:@=\\ \t\n\r\x00\x0b\x0c\u2028\ufeff1aA."


@pytest.mark.parametrize("name", PRESETS)
@SETTINGS
@given(text=st.text(alphabet=MARKDOWN_CHARS, max_size=300))
@example(text="-\t\u2028\r1")  # the item's text is on line 2: line 1 holds only "space"
def test_markdown_punctuation_soup_never_raises(name: str, text: str) -> None:
    assert_well_formed(text, preset(name))
    assert_model_positions(text, preset(name))


# ------------------------------------------------------- Markdown-ish notes

WORD = st.text(alphabet=string.ascii_letters + "éü", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
NAME = st.sampled_from(["Ana", "Bruno", "Julien", "Carla", "Loïc", "ana"])
DATE_TEXT = st.sampled_from(
    [
        "2024-10-28",
        "October 28, 2024 @ 15:00 UTC",
        "28 October 2024",
        "Sept 14th, 2021",
        "2024-13-45",
    ]
)
URL = st.sampled_from(
    [
        "https://github.com/acme/tools/pull/31",
        "https://github.com/acme/tools/issues/7#issuecomment-1",
        "http://example.org/a_(b)",
        "https://mattermost.inria.fr/x",
        "other.md#top",
        "#discussion",
        "javascript:alert(1)",
        "mailto:a@b.org",
        "",
        "<>",
    ]
)
INLINE = st.one_of(
    WORDS,
    st.builds(lambda t, u: f"[{t}]({u})", WORDS, URL),
    st.builds(lambda u: u, URL),
    st.builds(lambda u: f"<{u}>", URL),
    st.builds(lambda t, u: f"![{t}]({u})", WORDS, URL),
    st.builds(lambda t, r: f"[{t}][{r}]", WORDS, WORDS),
    st.builds(lambda n: f"[name={n}]", NAME),
    st.builds(lambda n: f"({n})", NAME),
    st.builds(lambda n: f"@{n}", NAME),
    st.builds(lambda n: f"{n}:", NAME),
    st.builds(lambda n: f"{n} to", NAME),
    st.sampled_from(
        ["TODO:", "AI:", "Action:", "DONE", "~~", "`code`", "**", "\\", "#12", "due 2024-11-04"]
    ),
)
TEXT = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
INDENT = st.sampled_from(["", "  ", "    ", "\t", "      ", " " * 9])
MARKER = st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "-\t"])
LINE = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), st.one_of(TEXT, DATE_TEXT)),
    st.builds(lambda i, m, t: i + m + t, INDENT, MARKER, TEXT),
    st.builds(lambda q, t: "> " * q + t, st.integers(1, 4), TEXT),
    TEXT,
    st.sampled_from(
        [
            "",
            "",
            "```",
            "~~~python",
            "---",
            "===",
            "| a | b |",
            "|---|---|",
            "[ref]: https://example.org/ref",
            "<!-- notes-lint disable NL201 -->",
            "<!-- notes-lint enable -->",
            "<!-- notes-lint disable-next-line -->",
            "<details>",
            "    indented code",
        ]
    ),
)
FRONT = st.sampled_from(
    [
        "",
        "---\ntitle: Weekly\ndate: 2024-10-28\n---\n",
        "---\nattendees: [Ana, Bruno\n---\n",
        "---\n- a\n- b\n---\n",
        "---\n---\n",
        "---\na: &a [1, 2]\nb: [*a, *a]\n---\n",
    ]
)
NOTE = st.builds(
    lambda front, lines, newline: (front + "\n".join(lines)).replace("\n", newline),
    FRONT,
    st.lists(LINE, max_size=25),
    st.sampled_from(["\n", "\r\n"]),
)


@pytest.mark.parametrize("name", PRESETS)
@SETTINGS
@given(text=NOTE)
@example(text="- [ ] A\nA")  # a TODO over two lines: its quote is one line
def test_generated_notes_never_raise_and_positions_point_at_the_source(
    name: str, text: str
) -> None:
    assert_well_formed(text, preset(name))
    assert_model_positions(text, preset(name))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NOTE)
def test_generated_notes_dump_validates_against_the_note_schema(text: str) -> None:
    from test_model import schema_errors

    note = parse_note(from_text(text, "notes/2024/10-28.md"), preset("hackmd"))
    assert schema_errors(note_json(note)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NOTE)
def test_crlf_gives_the_same_diagnostics_as_lf(text: str) -> None:
    lf = text.replace("\r\n", "\n")
    config = preset("generic")
    assert lint_text(lf, config) == lint_text(lf.replace("\n", "\r\n"), config)
    assert lint_text(lf, config) == lint_text("\ufeff" + lf, config)


# ---------------------------------------------------------------- dates

# The years the tool reads (dates.FIRST_YEAR–LAST_YEAR); others: test_due_dates_weekday.py
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
PATH_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
# Text before or after a date: empty, or ending with a character that is no letter (built
# that way, not filtered: a filter would throw most draws away).
AROUND = st.one_of(
    st.just(""),
    st.builds(
        str.__add__,
        st.text(alphabet=string.ascii_letters + " #:@-,()", max_size=11),
        st.sampled_from(" #:@-,()"),
    ),
)


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def spellings(date: dt.date) -> list[tuple[str, str]]:
    """(named format, text) pairs that write ``date``."""
    day = date.day
    return [
        ("iso", date.strftime("%Y-%m-%d")),
        ("iso", f"{date.year}-{date.month}-{day}"),
        ("month-day-year", date.strftime("%B %d, %Y")),
        ("month-day-year", date.strftime("%b %d %Y")),
        ("month-day-year", f"{date:%B} {day}{_ordinal(day)}, {date.year}"),
        ("month-day-year", f"{date:%b}. {day}, {date.year}"),
        ("day-month-year", date.strftime("%d %B %Y")),
        ("day-month-year", f"{day}{_ordinal(day)} {date:%B} {date.year}"),
        ("day-month-year", f"{day}{_ordinal(day)} of {date:%B}, {date.year}"),
        ("day-month-year", date.strftime("%d %b %Y")),
    ]


@given(date=DATES, before=AROUND, after=AROUND)
@settings(max_examples=100, deadline=None)
def test_every_named_format_is_found_back(date: dt.date, before: str, after: str) -> None:
    after = " " + after if after else after
    before = before + " " if before else before
    for fmt, written in spellings(date):
        text = before + written + after
        found = find_date(text, (fmt,))
        assert found is not None, (fmt, text)
        assert found.value == date, (fmt, text)
        assert text[found.start : found.end] == written, (fmt, text)
        everything = find_date(text, ("iso", "month-day-year", "day-month-year"))
        assert everything is not None and everything.value == date, text
        assert parse_date(written) == date, written


STRFTIME = st.sampled_from(
    ["%d/%m/%Y", "%m/%d/%Y", "%Y.%m.%d", "%A %d %B %Y", "%a, %d %b %Y", "%Y%m%d", "%d-%b-%y"]
)


@given(date=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)), fmt=STRFTIME)
@settings(max_examples=300, deadline=None)
def test_every_strftime_format_is_found_back(date: dt.date, fmt: str) -> None:
    written = date.strftime(fmt)
    for text in (written, f"  {written}  ", f"{written} @ 15:00 UTC"):
        found = find_date(text, (fmt,))
        assert found is not None and found.value == date, (fmt, text)
        assert text[found.start : found.end] == written


@given(date=PATH_DATES)
@settings(max_examples=200, deadline=None)
def test_dates_in_file_names_are_found_back(date: dt.date) -> None:
    for path in (
        f"{date:%Y-%m-%d}.md",
        f"notes/{date:%Y}/{date:%m-%d}-team.md",
        f"notes/{date:%Y}/{date:%m}/{date:%d}.md",
        f"notes\\{date:%Y_%m_%d} weekly.md",
    ):
        found = date_in_path(path)
        assert found is not None and found.value == date, path


# Every way the dates module reads a date of each named format, from known parts: the
# year, month and day come back (an oracle that owes nothing to the module or dateutil).
_MONTH_SPELLINGS = [
    (name, abbreviation)
    for name, abbreviation in zip(
        [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)],
        [dt.date(2000, m, 1).strftime("%b") for m in range(1, 13)],
        strict=True,
    )
]


@st.composite
def month_words(draw: st.DrawFn, month: int) -> str:
    """``month`` as notes write it: full, abbreviated (``Sept`` too), a dot, any case."""
    name, abbreviation = _MONTH_SPELLINGS[month - 1]
    word = draw(st.sampled_from([name, abbreviation, *(["Sept"] if month == 9 else [])]))
    if word != name:
        word += draw(st.sampled_from(["", "."]))
    return draw(st.sampled_from([word, word.lower(), word.upper()]))


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[str, str, dt.date]:
    """(named format, text, date): a date of year 1900-2099 in one of the ways its
    named format is written (``iso``: ``-``, ``/``, a Unicode dash, ``.`` with two
    digits; the month-name formats: ordinals, ``of``, commas, hyphens)."""
    date = draw(DATES)
    y, m, d = date.year, date.month, date.day
    fmt = draw(st.sampled_from(NAMED))
    if fmt == "iso":
        sep = draw(st.sampled_from(["-", "/", "\u2010", "\u2013", "\u2212"]))
        two = draw(st.booleans())
        written = draw(
            st.sampled_from(
                [
                    f"{y}{sep}{m:02d}{sep}{d:02d}" if two else f"{y}{sep}{m}{sep}{d}",
                    f"{date:%Y.%m.%d}",
                ]
            )
        )
        return fmt, written, date
    month = draw(month_words(m))
    day = f"{d}{draw(st.sampled_from(['', _ordinal(d)]))}"
    if draw(st.integers(0, 4)) == 0:  # hyphens: "Mar-14-2023", "14-Mar-2023"
        parts = [month, day] if fmt == "month-day-year" else [day, month]
        return fmt, f"{parts[0]}-{parts[1]}-{y}", date
    comma = draw(st.sampled_from(["", ","]))
    if fmt == "month-day-year":
        return fmt, f"{month} {day}{comma} {y}", date
    of = draw(st.sampled_from(["", "of "]))
    return fmt, f"{day} {of}{month}{comma} {y}", date


NAMED = ("iso", "month-day-year", "day-month-year")
# Text around a date, any characters; the date stands apart from it by one of these.
OPENERS = st.sampled_from(["", " ", "\n", "(", ": ", "on "])
CLOSERS = st.sampled_from(["", " ", "\n", ")", ", ", "; "])


@given(
    before=st.text(max_size=80),
    opener=OPENERS,
    date=written_dates(),
    closer=CLOSERS,
    after=st.text(max_size=80),
)
@settings(max_examples=300, deadline=None)
@example(
    before="", opener="", date=("iso", "2021-09-14", dt.date(2021, 9, 14)), closer="", after=""
)
def test_the_date_finder_never_raises_and_spans_are_in_the_text(
    before: str, opener: str, date: tuple[str, str, dt.date], closer: str, after: str
) -> None:
    """Any text around a written date: the finder never raises, the span it gives is
    in the text and reads as the date found; with no digit before it, the written
    date is the one found (the earliest)."""
    _, written, value = date
    head = (before + opener) if before and opener else opener
    text = head + written + ((closer + after) if closer else "")
    found = find_date(text, (*NAMED, "%d/%m/%Y"))
    date_in_path(text)
    parse_date(text)
    assert found is not None  # the written date at least
    assert 0 <= found.start < found.end <= len(text)
    digits_before = any(c.isdecimal() for c in head)
    event("digits before the date" if digits_before else "no digit before: the date is found")
    span = text[found.start : found.end]
    assert parse_date(span, (*NAMED, "%d/%m/%Y")) == found.value, span
    if not digits_before:
        assert (found.value, found.start, found.end) == (value, len(head), len(head) + len(written))


@given(date=written_dates())
@settings(max_examples=300, deadline=None)
def test_a_written_date_reads_back_as_its_year_month_and_day(
    date: tuple[str, str, dt.date],
) -> None:
    fmt, written, value = date
    event(fmt)
    found = find_date(written, (fmt,))
    assert found is not None and found.value == value, written
    assert (found.start, found.end) == (0, len(written))
    assert parse_date(written) == value, written


@given(
    year=st.integers(1900, 2099),  # the years the tool reads
    month=st.integers(1, 12),
    day=st.integers(0, 39),
    data=st.data(),
    fmt=st.sampled_from(["month-day-year", "day-month-year"]),
)
@settings(max_examples=400, deadline=None)
def test_month_name_dates_read_as_their_parts_and_no_day_that_does_not_exist(
    year: int, month: int, day: int, data: st.DataObject, fmt: str
) -> None:
    """``September 14th, 2021``, ``14 of Sept. 2021``: the day, month and year written
    come back; a day that the month does not have (0, 31 in April, 29 February in a
    common year, 32-39) gives no date.  The oracle is :class:`datetime.date` alone."""
    word = data.draw(month_words(month), label="month")
    ordinal = data.draw(st.sampled_from(["", "st", "nd", "rd", "th"]), label="ordinal")
    comma = data.draw(st.sampled_from(["", ","]), label="comma")
    if fmt == "day-month-year":
        of = data.draw(st.sampled_from(["", "of "]), label="of")
        text = f"{day}{ordinal} {of}{word}{comma} {year}"
    else:
        text = f"{word} {day}{ordinal}{comma} {year}"
    try:
        want: dt.date | None = dt.date(year, month, day)
    except ValueError:
        want = None
    event("a day of the month" if want else "no such day")
    found = find_date(text, (fmt,))
    assert (found.value if found else None) == want, text
    if found is not None:
        assert (found.start, found.end) == (0, len(text))


# ---------------------------------------------------------------- owners

FIRST = st.sampled_from(
    ["Ana", "Bruno", "Julien", "Loïc", "Zoë", "Guillaume", "Jean-Marc", "O'Neil"]
)
LAST = st.sampled_from(["", " Smith", " de Vries"])
OWNER = st.builds(lambda first, last: first + last, FIRST, LAST)
LOGIN = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,20}", fullmatch=True).filter(
    lambda s: not s.endswith("-") and "--" not in s  # GitHub's logins (urls.LOGIN)
)
TASK_WORD = st.sampled_from(
    [
        "review",
        "the",
        "pull",
        "request",
        "to",
        "and",
        "ship",
        "release",
        "docs",
        "for",
        "#12",
        "v1.2",
    ]
)
# A task never starts with "to" or "and" (they would join the owner's clause): built so,
# not filtered, so that no draw is thrown away.
TASK = st.builds(
    lambda first, rest: " ".join([first, *rest]),
    TASK_WORD.filter(lambda word: word not in ("to", "and")),
    st.lists(TASK_WORD, max_size=7),
)


def tagged(style: str, owner: str, task: str) -> str:
    return {
        "paren-start": f"({owner}) {task}",
        "paren-end": f"{task} ({owner})",
        "name-colon": f"{owner}: {task}",
        "name-tag": f"[name={owner}] {task}",
        "mention": f"@{owner} {task}",
        "name-to": f"{owner} to {task}",
        "name-end": f"{task} - {owner}",
    }[style]


OWNER_STYLES = ["paren-start", "paren-end", "name-colon", "name-tag", "name-to"]
IMPLICIT_STYLES = ("name-colon", "name-to")
# "task - Name" (a name at the end) reads either way round when the task is one word
# ("v1.2 - Ana" is also "Name - task"): only the parser's invariants are held to it.
ALL_OWNER_STYLES = [*OWNER_STYLES, "name-end", "mention"]


# Bare ``Name:`` and ``Name to`` tags need capitalised words, or name particles before
# one (``de Vries``), to tell them from "Blocker: fix CI" and "We need to".
CAPITALISED = st.builds(
    lambda first, last: first + last,
    FIRST,
    st.sampled_from(["", " Smith", " de Vries", " van der Berg"]),
)


@pytest.mark.parametrize("style", OWNER_STYLES)
@given(data=st.data(), task=TASK)
@settings(max_examples=150, deadline=None)
def test_every_owner_tag_style_is_taken_back(style: str, data: st.DataObject, task: str) -> None:
    implicit = style in IMPLICIT_STYLES
    owner = data.draw(CAPITALISED if implicit else OWNER, label="owner")
    # Without a roster every style takes the name back; with one, an implicit form
    # ("Name:", "Name to") takes only a roster person (issue 13), an explicit tag any name.
    tag = find_owner(tagged(style, owner, task), make_config({"extends": "generic"}))
    assert (tag.names, tag.style, tag.rest) == ([owner], style, task)
    roster = preset("generic")
    names = find_owner(tagged(style, owner, task), roster).names
    if implicit:  # only roster people, as written or as a typo of one
        assert all(roster.person(n) or roster_spelling(n, roster) for n in names), names
    else:
        assert names == [owner]


@given(login=LOGIN, task=TASK)
@settings(max_examples=150, deadline=None)
def test_mentions_are_taken_back(login: str, task: str) -> None:
    config = preset("generic")
    # A status word or a TODO marker (``AI``, ``TODO``) is never an owner, even after "@".
    never = NOT_OWNERS | {m.strip(":").casefold() for m in config.todos.markers}
    assume(login.casefold() not in never)
    tag = find_owner(f"@{login} {task}", config)
    assert (tag.names, tag.style, tag.rest) == ([login], "mention", task)


@given(first=OWNER, second=OWNER, task=TASK, joiner=st.sampled_from([", ", " & ", " and ", "/"]))
@settings(max_examples=150, deadline=None)
def test_several_owners(first: str, second: str, task: str, joiner: str) -> None:
    tag = find_owner(f"({first}{joiner}{second}) {task}", preset("generic"))
    assert (tag.names, tag.rest) == ([first, second], task)


@pytest.mark.parametrize("style", ["paren-start", "name-colon", "name-tag"])
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_owner_groups(style: str, data: st.DataObject) -> None:
    owner = data.draw(CAPITALISED if style == "name-colon" else OWNER, label="owner")
    text = {"paren-start": f"({owner}):", "name-colon": f"{owner}:", "name-tag": f"[name={owner}]"}
    # sklearn-weekly without a roster: "Name:" alone takes any name then (see above).
    group = owner_group(text[style], make_config({"extends": "sklearn-weekly"}))
    assert group is not None and group.names == [owner] and group.style == style


@st.composite
def owner_texts(draw: st.DrawFn) -> str:
    """A TODO's text with an owner tag in any style owners.py knows, the task any
    text; or, one time in four, any text at all."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.text(max_size=120), label="any text")
    style = draw(st.sampled_from(ALL_OWNER_STYLES), label="style")
    owner = draw(LOGIN if style == "mention" else CAPITALISED, label="owner")
    task = draw(st.one_of(TASK, st.text(min_size=1, max_size=60)), label="task")
    return tagged(style, owner, task)


@given(text=owner_texts())
@settings(max_examples=400, deadline=None)
def test_the_owner_parser_never_raises_and_keeps_the_rest_from_the_text(text: str) -> None:
    for name in PRESETS:
        tag = find_owner(text, preset(name))
        event(f"{name}: an owner tag" if tag.names else f"{name}: no owner tag")
        assert (tag.style is None) == (not tag.names)
        assert all(n.strip() for n in tag.names)
        if tag.style is None:
            assert tag.rest == text.strip()
        else:
            assert len(tag.rest) < len(text.strip())


# URLs as GitHub and the web write them (RFC 3986's unreserved and sub-delims after the
# host): the host as labels, then a GitHub path (issues, pulls, blobs with line anchors,
# compares, searches) or any path of URL-safe characters.
_HOST_LABEL = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,12}[A-Za-z0-9])?", fullmatch=True)
HOSTS = st.one_of(
    st.sampled_from(["github.com", "GitHub.com", "gist.github.com", "docs.rs", "localhost"]),
    st.lists(_HOST_LABEL, min_size=1, max_size=4).map(".".join),
    st.from_regex(r"[A-Za-z0-9.-]{1,20}", fullmatch=True),  # what the guard lets through
)
_SAFE = "ABCXYZabcxyz0189;/?:@&=+$,-_.!~*'()#"
_SEGMENT = st.from_regex(r"[A-Za-z0-9._-]{1,12}", fullmatch=True)
GITHUB_PATHS = st.one_of(
    st.builds(
        "/{}/{}/{}/{}".format,
        _SEGMENT,
        _SEGMENT,
        st.sampled_from(["issues", "pull"]),
        st.integers(1, 99999),
    ),
    st.builds(
        "/{}/{}/issues/{}#issuecomment-{}".format,
        _SEGMENT,
        _SEGMENT,
        st.integers(1, 99999),
        st.integers(1, 10**10),
    ),
    st.builds(
        "/{}/{}/blob/main/{}.py?plain=1#L{}-L{}".format,
        _SEGMENT,
        _SEGMENT,
        _SEGMENT,
        st.integers(1, 999),
        st.integers(1, 999),
    ),
    st.builds("/{}/{}/compare/v{}...{}".format, _SEGMENT, _SEGMENT, _SEGMENT, _SEGMENT),
    st.builds("/search?q={}&type={}".format, _SEGMENT, st.sampled_from(["issues", "code"])),
    st.text(alphabet=_SAFE, max_size=30).map(lambda rest: "/" + rest),
)
# Near misses the guard must refuse: a port, percent-escapes, non-ASCII, spaces, case.
NEAR_MISSES = st.sampled_from(
    [
        "HTTP://",
        "https://ex ample.org",
        "https://exämple.org",
        "https://a.org:8080/",
        "https://a.org/%20",
        "https://a.org/é",
        "https://[::1]/",
        "ftp://a.org/",
        "https://a.org/<x>",
    ]
)


@st.composite
def web_urls(draw: st.DrawFn) -> str:
    """A web URL from the grammar above; one in ten a near miss or with one appended."""
    if draw(st.integers(0, 9)) == 0:
        miss = draw(NEAR_MISSES)
        return miss + draw(st.sampled_from(["", "x", "/o/r/pull/1"]))
    scheme = draw(st.sampled_from(["http://", "https://"]))
    return scheme + draw(HOSTS) + draw(st.one_of(st.just(""), GITHUB_PATHS))


@given(url=web_urls())
@settings(max_examples=1000, deadline=None)
def test_plain_web_urls_are_what_markdown_it_would_make_of_them(url: str) -> None:
    """parse.py skips markdown-it's link normalisation for these: it must change nothing."""
    from markdown_it.common.normalize_url import normalizeLink

    from notes_lint.parse import PLAIN_WEB_URL

    event("passes the guard" if PLAIN_WEB_URL.fullmatch(url) else "fails the guard")
    if PLAIN_WEB_URL.fullmatch(url):
        assert normalizeLink(url) == url


@given(
    st.text(st.sampled_from("0123456789abcdefABCDEF.:[]%xyz-"), max_size=45)
    | st.ip_addresses().map(str)
    | st.ip_addresses(v=6).map(lambda a: f"[{a}]")
)
def test_ip_address_of_agrees_with_ipaddress(host: str) -> None:
    import ipaddress

    try:
        expected: object = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        # Not an address to ipaddress; a browser may still read it as one ("0", "0x7f.1",
        # "2130706433": WHATWG's IPv4 numbers), which the URL tests check form by form.
        event("no address to ipaddress")
        return
    if isinstance(expected, ipaddress.IPv6Address) and expected.ipv4_mapped is not None:
        expected = expected.ipv4_mapped  # "::ffff:127.0.0.1" is 127.0.0.1 to the host check
        event("an IPv4-mapped IPv6 address")
    event("an address")
    assert ip_address_of(host) == expected


_FOR_DATEUTIL = [  # dateutil's vocabulary: ASCII hyphens, "Sep" not "Sept", no "of"
    (re.compile("[\u2010\u2013\u2212]"), "-"),
    (re.compile(r"\bsept\b", re.IGNORECASE), "Sep"),
    (re.compile(r"\bof "), ""),
]


@given(date=written_dates())
@settings(max_examples=300, deadline=None)
def test_the_date_reader_reads_as_dateutil_does(date: tuple[str, str, dt.date]) -> None:
    """The module's own reader and dateutil read every date the named formats accept
    alike (years 1000-9999; below 100 dateutil adds a century: see dates.py)."""
    from dateutil import parser

    fmt, written, value = date
    event(f"format {fmt}")
    found = find_date(written, (fmt,))
    assert found is not None and found.value == value
    for pattern, replacement in _FOR_DATEUTIL:
        written = pattern.sub(replacement, written)
    assert parser.parse(written).date() == found.value, written


@pytest.mark.parametrize(
    "text",
    ["0099-09-14", "September 14, 0099", "14 Sep 0099", "Sep-14-0001", "0500-09-14", "2100-09-14"],
)
def test_a_year_outside_the_tools_years_is_no_date_in_any_format(text: str) -> None:
    """Every reader keeps to the years 1900-2099 (``dates.FIRST_YEAR``..``LAST_YEAR``): a
    year outside them is no date, whichever format writes it (no reader guesses 19xx)."""
    assert find_date(text, NAMED) is None, text


@pytest.mark.parametrize("text", ["1999-09-14", "September 14, 1999", "14 Sep 1999"])
def test_a_year_is_the_year_as_written_in_every_format(text: str) -> None:
    found = find_date(text, NAMED)
    assert found is not None and found.value == dt.date(1999, 9, 14)


def test_year_zero_is_no_date_in_any_format() -> None:
    for text in ("0000-09-14", "September 14, 0000", "14 Sep 0000"):
        assert find_date(text, NAMED) is None, text
