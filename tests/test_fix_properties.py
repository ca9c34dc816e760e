"""Property tests (hypothesis) of ``--fix`` over generated notes.

Notes are assembled from pieces that the fixes act on (bare URLs, GitHub links
with the wrong text, ``http://``, headings at the wrong level, missing sections,
misspelt owners) and pieces they must leave alone (code spans and blocks, front
matter, tabs, trailing spaces, non-ASCII text), with LF or CRLF line endings,
with or without a BOM and a final newline.  For every note:

* fixing is idempotent: ``fix(fix(x)) == fix(x)``;
* every byte outside the reported changes is unchanged;
* no fixable diagnostic is left, and no fixed kind reappears where it was fixed;
* CRLF stays CRLF, LF stays LF, a BOM stays.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Any

from conftest import make_config
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notes_lint.config import Config
from notes_lint.edits import Original, line_index
from notes_lint.fixes import FixedNote, fix_text
from notes_lint.linter import lint_text

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


@SETTINGS
@given(notes())
def test_every_byte_outside_the_changes_is_unchanged(case: tuple[str, str]) -> None:
    name, text = case
    out = fix(name, text)
    original = out.before.encode("utf-8")
    bom = b"\xef\xbb\xbf" if text.startswith("\ufeff") else b""
    rebuilt, position = [bom], 0
    for change in out.changes:
        assert position <= change.start <= change.end  # in order, not overlapping
        rebuilt.append(out.before[position : change.start].encode("utf-8"))
        rebuilt.append(change.text.encode("utf-8"))
        position = change.end
    rebuilt.append(out.before[position:].encode("utf-8"))
    assert b"".join(rebuilt) == out.data()
    assert bom + original == text.encode("utf-8")
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
