"""A fix never makes a note worse (issue 14, last bullet), as a property.

Over every note of ``../shared/corpus`` (both teams, with the configs of
``benchmarks/gold`` and ``tests/fixtures``) and of the field cases
(``../shared/cases/field``, each with its own config), on a temporary copy:
lint, ``--fix`` (the library's :func:`~notes_lint.fixes.fix_paths`, as the CLI
runs it), lint again, and check for each note that

* no code is reported that was not reported before;
* no code is reported more often than before, less the findings that were fixed;
* the note renders to the same HTML outside the fixed spans (see
  :func:`html_outside_changes`).

The renderer is a plain ``MarkdownIt("commonmark")`` with GFM's tables and
strikethrough and the footnote plugin (what GitHub renders), not
:func:`notes_lint.parse.markdown_parser`: the oracle must not share the parser
whose view the fixes were built from, or a parse bug would hide its own damage.
It has no autolink extension (linkify-it does not end URLs where GitHub does),
so a bare URL renders as text; its fix is then judged by the span rule below.

A hypothesis property runs the same comparison over generated notes.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import stat
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT
from hypothesis import HealthCheck, event, given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from test_fix_properties import config as generated_config
from test_fix_properties import notes as generated_notes

from notes_lint.config import load_config
from notes_lint.diagnostics import Diagnostic, Edit
from notes_lint.fixes import Change, FixedNote, fix_paths, fix_source_text, fix_text
from notes_lint.linter import lint_paths, lint_text
from notes_lint.source import Source, from_text

FIELD = ROOT.parent / "shared" / "cases" / "field"
GOLD = ROOT / "benchmarks" / "gold"
FIXTURES = ROOT / "tests" / "fixtures"

CORPUS_RUNS = {
    "openjs-cpc": ("openjs-cpc", GOLD / "openjs-cpc.notes-lint.yaml"),
    "rust-lang-team": ("rust-lang-team", GOLD / "rust-lang-team.notes-lint.yaml"),
    "rust-lang-team-fixture": ("rust-lang-team", FIXTURES / "rust-lang.notes-lint.yaml"),
}


# --- the HTML a note renders to, block by block ------------------------------------------


@functools.cache
def renderer() -> MarkdownIt:
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )


@dataclass(frozen=True)
class Block:
    """A top-level block: its lines ``first:end`` (0-based, end excluded) and its HTML."""

    first: int
    end: int
    html: str


def blocks(text: str) -> list[Block]:
    """The note's top-level blocks, each rendered on its own (the note's link
    definitions and footnotes known to each)."""
    md = renderer()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    out: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        span = tokens[index : end + 1]
        lines = token.map or _last_map(span)
        html = md.renderer.render(span, md.options, env)
        out.append(Block(lines[0], lines[1], html) if lines else Block(-1, -1, html))
        index = end + 1
    return out


def _last_map(span: Sequence[Token]) -> list[int] | None:
    return next((t.map for t in span if t.map), None)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


@dataclass(frozen=True)
class Placed:
    """One change on both texts: ``before[start:end]`` became ``after[new_start:new_end]``."""

    start: int
    end: int
    new_start: int
    new_end: int


def placed(changes: Sequence[Change]) -> list[Placed]:
    out = []
    shift = 0
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        new_start = change.start + shift
        out.append(Placed(change.start, change.end, new_start, new_start + len(change.text)))
        shift += len(change.text) - (change.end - change.start)
    return out


def _dirty_lines(text: str, spans: Iterator[tuple[int, int]]) -> set[int]:
    """The lines that hold a visible character of a span (a block's line range may take
    in blank lines around it); the line of its start when it holds none."""
    lines: set[int] = set()
    for start, end in spans:
        visible = [at for at in range(start, end) if not text[at].isspace()]
        lines.update({_line_of(text, at) for at in visible} or {_line_of(text, start)})
    return lines


_MARKERS = re.compile(r"[ \t]{0,3}(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|>)")


def _structural(text: str, start: int, end: int) -> bool:
    """Whether the span is (within) a line's block markers (``### ``, ``- ``, ``> ``) or
    holds whole lines: a change of the block itself, not of inline text."""
    line_start = text.rfind("\n", 0, start) + 1
    if "\n" in text[start:end] or (start == line_start and end < len(text) and text[end] == "\n"):
        return True
    match = _MARKERS.match(text, line_start)
    return match is not None and end <= match.end() + 1 and start >= line_start


OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks around each fixed span
_MARKED = re.compile("(?:\ue000|%EE%80%80).*?(?:\ue001|%EE%80%81)", re.DOTALL)


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with each span between :data:`OPEN` and :data:`CLOSE`."""
    out, position = [], 0
    for start, end in spans:
        out += [text[position:start], OPEN, text[start:end], CLOSE]
        position = end
    return "".join([*out, text[position:]])


def html_outside_changes(fixed: FixedNote) -> list[str]:
    """How the fixed note's HTML differs from the note's outside the fixed spans ([] if not).

    Blocks whose lines hold no change must render alike and in the same order.  When
    every change is one of inline text, each span is marked (a private-use character on
    either side, the same before and after) and the whole note must render alike once
    what lies between the marks is taken out: that is how a fix that breaks its
    surroundings (an autolink that swallows text, an emphasis it opens) shows.  A change
    of a block itself (a heading's ``#``, an inserted section) is judged by its blocks.
    """
    spans = placed(fixed.changes)
    old, new = fixed.before, fixed.after
    old_dirty = _dirty_lines(old, ((s.start, s.end) for s in spans if s.end > s.start))
    new_dirty = _dirty_lines(new, ((s.new_start, s.new_end) for s in spans))
    for s in spans:  # an insertion within a line touches that line of the old text too
        if s.start == s.end and not (s.start == 0 or old[s.start - 1] == "\n"):
            old_dirty.add(_line_of(old, s.start))

    def touched(block: Block, dirty: set[int]) -> bool:
        return any(line in dirty for line in range(block.first, block.end))

    clean_before = [b.html for b in blocks(old) if not touched(b, old_dirty)]
    clean_after = [b.html for b in blocks(new) if not touched(b, new_dirty)]
    problems = []
    if clean_before != clean_after:
        problems.append(_first_difference("untouched blocks", clean_before, clean_after))
    structural = any(
        _structural(old, s.start, s.end) or _structural(new, s.new_start, s.new_end) for s in spans
    )
    if not structural:
        md = renderer()
        before = _MARKED.sub("", md.render(_marked(old, [(s.start, s.end) for s in spans])))
        after = _MARKED.sub("", md.render(_marked(new, [(s.new_start, s.new_end) for s in spans])))
        if before != after:
            problems.append(_first_difference("outside the spans", [before], [after]))
    return problems


def _first_difference(what: str, before: list[str], after: list[str]) -> str:
    for index, (b, a) in enumerate(zip(before, after, strict=False)):
        if b != a:
            return f"{what}: #{index} {b!r} became {a!r}"
    return f"{what}: {len(before)} became {len(after)}"


# --- findings per code ------------------------------------------------------------------


def worse_counts(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic], fixed: Sequence[Diagnostic]
) -> list[str]:
    """Codes reported more often after the fix than before, less the fixed findings."""
    allowed = Counter(d.code for d in before)
    allowed.subtract(Counter(d.code for d in fixed))
    got = Counter(d.code for d in after)
    return [
        f"{code}: {allowed[code]} expected at most, {count} reported: "
        + "; ".join(f"{d.line}:{d.col} {d.message}" for d in after if d.code == code)
        for code, count in sorted(got.items())
        if count > max(allowed[code], 0)
    ]


# --- the runs ---------------------------------------------------------------------------


def _writable_copy(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)
    for folder, _dirs, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


def violations(config_file: Path) -> list[str]:
    """Every way ``--fix`` makes a note of ``config_file``'s folder worse (lint, fix, lint)."""
    config = load_config(config_file)
    folder = config_file.parent
    before_run = lint_paths(config, cwd=folder)
    run = fix_paths(config, write=True)
    after_run = lint_paths(config, cwd=folder)
    problems = [f"cannot write: {error}" for error in run.write_errors]

    def by_path(found: Sequence[Diagnostic]) -> dict[str, list[Diagnostic]]:
        out: dict[str, list[Diagnostic]] = {}
        for d in found:
            out.setdefault(d.path, []).append(d)
        return out

    before, after = by_path(before_run.diagnostics), by_path(after_run.diagnostics)
    fixed = {note.path: note for note in run.notes}
    for path in sorted(set(before) | set(after)):
        note = fixed.get(path)
        done = note.fixed if note is not None and note.changed else []
        problems += [
            f"{path}: {p}" for p in worse_counts(before.get(path, []), after.get(path, []), done)
        ]
        if note is not None and note.changed:
            problems += [f"{path}: {p}" for p in html_outside_changes(note)]
    return problems


def _shared(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"{path} is absent: a fresh clone has no ../shared")
    return path


@pytest.mark.parametrize("name", sorted(CORPUS_RUNS))
def test_fixing_the_corpus_makes_no_note_worse(name: str, tmp_path: Path) -> None:
    folder, config_file = CORPUS_RUNS[name]
    work = tmp_path / folder
    _writable_copy(_shared(CORPUS / folder), work)
    shutil.copy(config_file, work / ".notes-lint.yaml")
    assert violations(work / ".notes-lint.yaml") == []


def field_cases() -> list[str]:
    return sorted(p.name for p in FIELD.iterdir() if p.is_dir()) if FIELD.is_dir() else []


@pytest.mark.parametrize("case", field_cases() or ["(no field cases)"])
def test_fixing_a_field_case_makes_no_note_worse(case: str, tmp_path: Path) -> None:
    work = tmp_path / case
    _writable_copy(_shared(FIELD / case), work)
    configs = sorted(work.rglob(".notes-lint.y*ml"))
    assert configs, f"{case} has no config"
    problems = [p for config_file in configs for p in violations(config_file)]
    assert problems == []


# --- generated notes ----------------------------------------------------------------------


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(generated_notes())
def test_fixing_a_generated_note_makes_it_no_worse(case: tuple[str, str]) -> None:
    name, text = case
    config = generated_config(name)
    fixed = fix_text(text, config)
    before = lint_text(text, config)
    after = lint_text(fixed.output, config)
    assert worse_counts(before, after, fixed.fixed) == []
    event("changed, LF" if fixed.changed and "\r" not in text else "unchanged or CR")
    if fixed.changed and "\r" not in text:
        assert html_outside_changes(fixed) == []


# --- the fix loop's guard, and the oracle itself -------------------------------------------


def _toy_lint(source: Source) -> list[Diagnostic]:
    """A linter whose fix of ``harm-me`` leaves a new finding (X002 on ``harmed``),
    while its fix of ``fix-me`` is clean: the fix loop must keep only the clean one."""
    found = []
    for number, line in enumerate(source.text.split("\n"), 1):
        for word, fixed_as in (("fix-me", "fixed"), ("harm-me", "harmed")):
            if line == word:
                edit = Edit.replace(number, 1, word, fixed_as)
                found.append(
                    Diagnostic("n.md", number, 1, "X001", f"{word} on its own", fix=(edit,))
                )
        if line == "harmed":
            found.append(Diagnostic("n.md", number, 1, "X002", "harmed"))
    return found


@pytest.mark.parametrize("lines", [1, 2, 7, 40])
def test_a_fix_that_makes_the_note_worse_is_not_applied(lines: int) -> None:
    text = "\n".join(["fix-me"] * lines + ["harm-me"] + ["fix-me"] * lines) + "\n"
    out = fix_source_text(text, _toy_lint, "n.md")
    assert out.after == text.replace("fix-me", "fixed")
    assert [d.message for d in out.fixed] == ["fix-me on its own"] * (2 * lines)
    assert (
        worse_counts(
            _toy_lint(from_text(text, "n.md")), _toy_lint(from_text(out.after, "n.md")), out.fixed
        )
        == []
    )


def _change(before: str, old: str, new: str) -> FixedNote:
    """``old`` (or the insertion point ``\u2041``) of ``before`` replaced by ``new``."""
    if not old:
        old = "\u2041"
        start, end = before.index(old), before.index(old)
        before = before.replace(old, "")
    else:
        start = before.index(old)
        end = start + len(old)
    after = before[:start] + new + before[end:]
    return FixedNote("n.md", before, after, changes=[Change(start, end, new)])


URL = "https://github.com/o/r/pull/1569"


@pytest.mark.parametrize(
    ("before", "old", "new"),
    [
        (f"- see {URL} and more\n- next\n", URL, f"<{URL}>"),
        (f"| a | {URL} |\n|---|---|\n| b | c |\n", URL, f"[o/r#1569]({URL})"),
        ("# T\n\n### Agenda\n\n- x\n", "###", "##"),
        ("Text.\n\n\u2041## B\n", "", "## A\n\n"),
        ("- a\n- b\n\u2041", "", "\n## A\n"),
    ],
)
def test_the_oracle_accepts_a_change_inside_its_span(before: str, old: str, new: str) -> None:
    assert html_outside_changes(_change(before, old, new)) == []


@pytest.mark.parametrize(
    ("before", "old", "new"),
    [
        # A bare URL "fixed" to an autolink that swallows the text after it.
        (f"- see [the PR]({URL}) and more\n", URL, f"<{URL}](enable>"),
        # An emphasis opened by the fix closes on text outside it.
        ("- a x b* c\n", "x", "*x"),
        # An inserted line turns the paragraph above it into a setext heading.
        ("Text.\nMore.\n\u2041\n## B\n", "", "===\n"),
        # An inserted section without a blank line becomes part of a list item.
        ("- a\n\u2041", "", "  ## A\n"),
        # An unclosed fence swallows the rest of the note.
        ("Text.\n\n\u2041## B\n\n- x\n", "", "```\n"),
    ],
)
def test_the_oracle_rejects_a_change_that_reaches_outside_its_span(
    before: str, old: str, new: str
) -> None:
    assert html_outside_changes(_change(before, old, new)) != []
