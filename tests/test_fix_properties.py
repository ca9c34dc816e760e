"""Property tests (hypothesis) of ``--fix`` over generated notes.

Notes are assembled from pieces that the fixes act on (bare URLs, GitHub links
with the wrong text, ``http://``, headings at the wrong level, missing sections,
misspelt owners) and pieces they must leave alone (code spans and blocks, front
matter, tabs, trailing spaces, non-ASCII text), with LF or CRLF line endings,
with or without a BOM and a final newline.  For every note:

* fixing is idempotent: ``fix(fix(x)) == fix(x)``;
* every byte outside the edits the fixed findings report is unchanged (checked pass
  by pass against those edits, not against the fixer's own list of changes);
* no fixable diagnostic is left, and no fixed kind reappears where it was fixed;
* CRLF stays CRLF, LF stays LF, a BOM stays.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from conftest import make_config
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from notes_lint.config import Config
from notes_lint.diagnostics import Diagnostic
from notes_lint.edits import Original, line_index
from notes_lint.fixes import FixedNote, fix_source_text, fix_text
from notes_lint.linter import lint_note, lint_text
from notes_lint.parse import parse_note
from notes_lint.source import Source

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PEOPLE = {"Julien": "jjerphan", "Guillaume": "glemaitre", "Loïc": None, "Mara": "m-ou-se"}
CONFIGS: dict[str, dict[str, Any]] = {
    "sklearn": {
        "extends": "sklearn-weekly",
        "people": PEOPLE,
        "links": {"default-repo": "scikit-learn/scikit-learn"},
    },
    "hackmd": {"extends": "hackmd", "people": PEOPLE, "links": {"https-hosts": ["example.org"]}},
    "generic": {"extends": "generic", "people": PEOPLE, "github": {"repo": "numpy/numpy"}},
}
LOCAL_FIXES = ("NL201", "NL202")  # fixes that only touch their own span


@functools.cache
def config(name: str) -> Config:
    return make_config(CONFIGS[name])


URLS = [
    "https://github.com/scikit-learn/scikit-learn/pull/20254",
    "https://github.com/scikit-learn/scikit-learn/issues/28360#issuecomment-1",
    "https://github.com/numpy/numpy/issues/3",
    "https://github.com/numpy/numpy",
    "http://github.com/numpy/numpy/pull/7",
    "https://example.org/a_b?x=1&y=(2)",
    "http://example.org/page",
    "http://docs.python.org/3/",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
]
WORDS = ["release", "Café", "naïve", "日本語", "plans", "done", "x", "**bold**", "_it_", "#12"]
SPACES = [" ", "  ", "\t", " \t "]


@st.composite
def fragment(draw: st.DrawFn) -> str:
    url = draw(st.sampled_from(URLS))
    number = draw(st.integers(1, 30000))
    kind = draw(
        st.sampled_from(
            [
                "word",
                "bare",
                "bare-punct",
                "link-text",
                "link-qualified",
                "http-link",
                "autolink",
                "image",
                "code",
                "bang",
                "backslash",
                "entity",
            ]
        )
    )
    if kind == "word":
        return draw(st.sampled_from(WORDS))
    if kind == "bare":
        return url
    if kind == "bare-punct":
        return f"({url}){draw(st.sampled_from(['.', ',', ':', '!', '']))}"
    if kind == "link-text":
        return f"[#{number}]({url})"
    if kind == "link-qualified":
        return f"[numpy/numpy#{number}]({url})"
    if kind == "http-link":
        return f"[docs]({url.replace('https://', 'http://')})"
    if kind == "autolink":
        return f"<{url}>"
    if kind == "image":
        return f"![alt]({url})"
    if kind == "code":
        return f"`{url}`"
    if kind == "bang":
        return f"wow!{url}"
    if kind == "backslash":
        return f"a\\{url}"
    return url.replace("&", "&amp;")


@st.composite
def line_of_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(fragment(), min_size=1, max_size=4))
    gaps = [draw(st.sampled_from(SPACES)) for _ in parts]
    text = "".join(p + g for p, g in zip(parts, gaps, strict=True)).rstrip(" \t")
    return text + draw(st.sampled_from(["", "", " ", "\t", "  "]))  # trailing whitespace


OWNERS = ["Julien", "Guillaume", "Guilaume", "Jlien", "Mark", "Loic", "Lo", "Nobody"]


@st.composite
def todo(draw: st.DrawFn) -> list[str]:
    owner = draw(st.sampled_from(OWNERS))
    text = draw(line_of_text()).strip() or "do it"
    style = draw(st.sampled_from(["paren-end", "name-colon", "group", "mention", "none"]))
    if style == "paren-end":
        return [f"- {text} ({owner})"]
    if style == "name-colon":
        return [f"- {owner}: {text}"]
    if style == "group":
        return [f"- {owner}:", f"    - {text}", "    - and more"]
    if style == "mention":
        return [f"- @{draw(st.sampled_from(['jjerphan', 'glemaitr', 'm-ou-s']))} {text}"]
    return [f"- {text}"]


@st.composite
def section(draw: st.DrawFn) -> list[str]:
    title = draw(
        st.sampled_from(
            ["Julien", "Jlien", "Discussion", "TODO / Next", "Action items", "Topics", "Agenda"]
        )
    )
    level = draw(st.sampled_from([2, 3, 3, 3, 4]))
    if draw(st.integers(0, 9)) == 0:  # setext
        out = [title, "=" if level == 1 else "-" * len(title), ""]
    else:
        out = [f"{'#' * level} {title}{draw(st.sampled_from(['', ' ##', '  ']))}", ""]
    if title in ("TODO / Next", "Action items"):
        for item in draw(st.lists(todo(), max_size=3)):
            out.extend(item)
    else:
        lines = draw(st.lists(line_of_text(), max_size=3))
        block = draw(st.sampled_from(["list", "paragraph", "quote", "table", "comment"]))
        if block == "list":
            out.extend(f"- {line}" for line in lines)
        elif block == "paragraph":
            out.extend(lines)
        elif block == "quote":
            out.extend(f"> {line}" for line in lines)
        elif block == "table":
            out += ["| what | link |", "|---|---|", *(f"| x | {line} |" for line in lines)]
        else:
            out += ["<!-- notes-lint disable-next-line NL201 -->", *lines[:1], "", "<!--"]
            out += [*lines[1:], "-->"]
    if draw(st.booleans()):
        out += ["", "```", draw(st.sampled_from(URLS)), "```"]
    return [*out, ""]


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, str]:
    """(config name, the note's text as on disk, BOM included)."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "title: Réunion\t", f"link: {URLS[0]}", "---"]
    if draw(st.booleans()):
        lines += ["# Weekly meeting 2021-09-14", ""]
    lines += ["## September 14th, 2021", ""]
    lines += [draw(line_of_text()), ""]
    for part in draw(st.lists(section(), max_size=4)):
        lines.extend(part)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return draw(st.sampled_from(sorted(CONFIGS))), text


def fix(name: str, text: str) -> FixedNote:
    return fix_text(text, config(name), "notes/2021-09-14.md")


@SETTINGS
@given(notes())
def test_fixing_is_idempotent(case: tuple[str, str]) -> None:
    name, text = case
    once = fix(name, text)
    twice = fix(name, once.output)
    assert twice.output == once.output
    assert not twice.changed and twice.fixed == []


_BREAK = re.compile(r"\r\n|\r|\n")


def _edit_ranges(text: str, diagnostic: Diagnostic) -> list[tuple[int, int]]:
    """The offsets in ``text`` (BOM removed, line endings as written) of the spans that
    ``diagnostic``'s edits claim, from their 1-based normalised ``line:col`` (our own
    reading of the positions, not the fixer's)."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    assert diagnostic.fix is not None
    return [
        (starts[e.line - 1] + e.col - 1, starts[e.end_line - 1] + e.end_col - 1)
        for e in diagnostic.fix
    ]


def _unchanged_outside(before: str, after: str, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``after`` is ``before`` with only the ``ranges`` of it replaced: the
    pieces of ``before`` between the ranges appear in ``after`` in order, the first at
    its start and the last at its end (what lies between them is free)."""
    pieces, position = [], 0
    for start, end in sorted(ranges):
        pieces.append(before[position:start])
        position = max(position, end)
    pieces.append(before[position:])
    if len(pieces) == 1:
        return after == before
    if not (after.startswith(pieces[0]) and after.endswith(pieces[-1])):
        return False
    at, stop = len(pieces[0]), len(after) - len(pieces[-1])
    for piece in pieces[1:-1]:  # earliest place of each: leaves the most room after it
        found = after.find(piece, at, stop)
        if found < 0:
            return False
        at = found + len(piece)
    return at <= stop


@SETTINGS
@given(notes())
@example(  # difflib would align the fix's new "(" with the one before the URL
    case=("generic", "## September 14th, 2021\n\n(https://github.com/o/r/pull/20254).\n")
)
def test_every_byte_outside_the_reported_edits_is_unchanged(case: tuple[str, str]) -> None:
    """Checked against the edits that the fixed findings report, not against the fixer's
    own account of its changes.  The fixer lints each text it considers (we see them by
    handing it the lint): from one accepted pass to the next, and to the result, the
    text differs only inside the edits of the findings fixed in that pass.  With one
    pass the texts as read and written (CRLF kept) are compared the same way.

    Not difflib: its alignment is not unique (``(url)`` fixed to ``([#1](url))`` aligns
    the new ``(`` with the old one, outside the edit), so "the pieces between the edits
    come back in order" is checked instead, which has no such choice."""
    name, text = case
    cfg = config(name)
    seen: list[tuple[str, list[Diagnostic]]] = []  # each normalised text linted, its findings

    def lint(source: Source) -> list[Diagnostic]:
        found = lint_note(parse_note(source, cfg), cfg, source=source)
        seen.append((source.text, found))
        return found

    bom = text.startswith("\ufeff")
    out = fix_source_text(text[1:] if bom else text, lint, "notes/2021-09-14.md", bom)
    fixed = {id(d) for d in out.fixed}
    passes = [(t, [d for d in found if id(d) in fixed]) for t, found in seen]
    passes = [(t, mine) for t, mine in passes if mine]
    event(f"{min(len(passes), 2)}{'+' if len(passes) > 2 else ''} fix passes")
    assert sum(len(mine) for _, mine in passes) == len(out.fixed)
    texts = [t for t, _ in passes] + [_BREAK.sub("\n", out.after)]
    assert texts[0] == _BREAK.sub("\n", out.before)
    for (before, mine), after in zip(passes, texts[1:], strict=True):
        ranges = [r for d in mine for r in _edit_ranges(before, d)]
        assert _unchanged_outside(before, after, ranges), (before, after, ranges)
    if len(passes) == 1:  # the raw texts: CRLF, line breaks as written
        ranges = [r for d in passes[0][1] for r in _edit_ranges(out.before, d)]
        assert _unchanged_outside(out.before, out.after, ranges), (out.before, ranges)
    assert out.data() == (b"\xef\xbb\xbf" if bom else b"") + out.after.encode("utf-8")
    assert out.changed == bool(out.changes) and (out.fixed != []) == out.changed


@SETTINGS
@given(notes())
@example(  # two misplaced twins: each safe to move alone, duplicates once both moved
    case=("hackmd", "## September 14th, 2021\n\nrelease\n\n## Julien\n\nx\n\n## Julien\n\n- a\n")
)
def test_no_fixable_diagnostic_is_left(case: tuple[str, str]) -> None:
    name, text = case
    before = lint_text(text, config(name), "notes/2021-09-14.md")
    out = fix(name, text)
    after = lint_text(out.output, config(name), "notes/2021-09-14.md")
    assert [d for d in after if d.fixable] == []
    # A local fix never leaves its kind behind: what is left of it was never fixable.
    unfixable = Counter(d.code for d in before if not d.fixable and d.code in LOCAL_FIXES)
    left = Counter(d.code for d in after if d.code in LOCAL_FIXES)
    assert left <= unfixable, (left, unfixable)
    fixed_codes = {d.code for d in before if d.fixable}
    assert fixed_codes <= {d.code for d in out.fixed}


@SETTINGS
@given(notes())
def test_line_endings_and_bom_are_kept(case: tuple[str, str]) -> None:
    name, text = case
    data = fix(name, text).data()
    assert data.startswith(b"\xef\xbb\xbf") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert b"\n" not in data.replace(b"\r\n", b"")  # every new line is CRLF too
    else:
        assert b"\r" not in data


@given(st.text(st.sampled_from("ab \n\ufeffé")))
def test_the_line_index_of_a_text_without_cr_is_the_general_one(text: str) -> None:
    original = Original(text)
    lead = 1 if text.startswith("\ufeff") else 0
    assert (original.starts, original.ends, original.breaks) == line_index(text, lead)
