"""Property tests (hypothesis): the linter never raises, positions stay in the text.

Arbitrary text (control characters included) and generated Markdown-ish notes
go through ``lint_text`` with each bundled preset; the date finder finds back
any date it can format; the owner-tag parser takes back any tag it knows.
"""

from __future__ import annotations

import datetime as dt
import functools
import string

import pytest
from conftest import make_config
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from notes_lint.config import Config
from notes_lint.dates import date_in_path, find_date, parse_date
from notes_lint.diagnostics import Severity
from notes_lint.linter import lint_text
from notes_lint.modeljson import note_json
from notes_lint.owners import find_owner, owner_group, roster_spelling
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

DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
PATH_DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
AROUND = st.text(alphabet=string.ascii_letters + " #:@-,()", max_size=12).filter(
    lambda s: not s or not s[-1].isalnum()
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


@given(text=st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_the_date_finder_never_raises_and_spans_are_in_the_text(text: str) -> None:
    found = find_date(text, ("iso", "month-day-year", "day-month-year", "%d/%m/%Y"))
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)
    date_in_path(text)
    parse_date(text)


# ---------------------------------------------------------------- owners

FIRST = st.sampled_from(
    ["Ana", "Bruno", "Julien", "Loïc", "Zoë", "Guillaume", "Jean-Marc", "O'Neil"]
)
LAST = st.sampled_from(["", " Smith", " de Vries"])
OWNER = st.builds(lambda first, last: first + last, FIRST, LAST)
LOGIN = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,20}", fullmatch=True).filter(
    lambda s: not s.endswith("-")
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
TASK = (
    st.lists(TASK_WORD, min_size=1, max_size=8)
    .map(" ".join)
    .filter(lambda s: s.split()[0] not in ("to", "and"))
)


def tagged(style: str, owner: str, task: str) -> str:
    return {
        "paren-start": f"({owner}) {task}",
        "paren-end": f"{task} ({owner})",
        "name-colon": f"{owner}: {task}",
        "name-tag": f"[name={owner}] {task}",
        "mention": f"@{owner} {task}",
        "name-to": f"{owner} to {task}",
    }[style]


OWNER_STYLES = ["paren-start", "paren-end", "name-colon", "name-tag", "name-to"]


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
    implicit = style in ("name-colon", "name-to")
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
    assume(login.casefold() not in ("done", "todo"))
    tag = find_owner(f"@{login} {task}", preset("generic"))
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


@given(text=st.text(max_size=120))
@settings(max_examples=400, deadline=None)
def test_the_owner_parser_never_raises_and_keeps_the_rest_from_the_text(text: str) -> None:
    for name in PRESETS:
        tag = find_owner(text, preset(name))
        assert (tag.style is None) == (not tag.names)
        assert all(n.strip() for n in tag.names)
        if tag.style is None:
            assert tag.rest == text.strip()
        else:
            assert len(tag.rest) < len(text.strip())


MONTH_WORDS = st.sampled_from(
    [
        *(dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)),
        *(dt.date(2000, m, 1).strftime("%b") for m in range(1, 13)),
        "Sept",
        "sept.",
        "SEPTEMBER",
        "jun",
        "oct.",
    ]
)


@given(
    month=MONTH_WORDS,
    day=st.integers(0, 39),
    year=st.integers(0, 9999),
    ordinal=st.sampled_from(["", "st", "nd", "rd", "th"]),
    comma=st.booleans(),
    day_first=st.booleans(),
    of=st.booleans(),
)
@settings(max_examples=400, deadline=None)
def test_month_name_dates_are_read_as_dateutil_reads_them(
    month: str, day: int, year: int, ordinal: str, comma: bool, day_first: bool, of: bool
) -> None:
    """Month-name dates skip dateutil on the common path; they must read the same."""
    from notes_lint.dates import _CANDIDATES, _parse_month_name, _read_month_name

    sep = "," if comma else ""
    if day_first:
        text = f"{day}{ordinal} {'of ' if of else ''}{month}{sep} {year:04d}"
        fmt = "day-month-year"
    else:
        text = f"{month} {day}{ordinal}{sep} {year:04d}"
        fmt = "month-day-year"
    match = _CANDIDATES[fmt].search(text)
    assume(match is not None)
    assert match is not None
    assert _read_month_name(match[0]) == _parse_month_name(match[0]), match[0]


URL_PARTS = st.sampled_from(
    [
        "http://",
        "https://",
        "HTTP://",
        "//",
        "Example.COM",
        "a@b",
        ":8080",
        "/x",
        "?q=1",
        "#h",
        "www.",
        "..",
        "@",
        ":",
        "xn--abc.de",
        "%20",
        "::",
        "-",
        ".",
        "github.com",
        "/o/r/pull/1",
        " ",
    ]
)


@given(
    url=st.lists(
        st.one_of(URL_PARTS, st.text(alphabet="abcXYZ019;/?:&=+$,-_.!~*'()#@", max_size=6)),
        max_size=10,
    ).map("".join)
)
@settings(max_examples=3000, deadline=None)
def test_plain_web_urls_are_what_markdown_it_would_make_of_them(url: str) -> None:
    """parse.py skips markdown-it's link normalisation for these: it must change nothing."""
    from markdown_it.common.normalize_url import normalizeLink

    from notes_lint.parse import PLAIN_WEB_URL

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
        expected = None
    assert ip_address_of(host) == expected
