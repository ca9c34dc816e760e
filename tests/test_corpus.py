"""Every note of the shared corpus (real notes by other teams) is linted and dumped.

openjs-cpc is checked with the bundled ``generic`` preset; the Rust language
team's minutes with ``tests/fixtures/rust-lang.notes-lint.yaml``.  No crash,
every diagnostic well-formed, every dump valid against schema/note.schema.json,
positions that point at what they name, and a few stable facts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CORPUS, ROOT

from notes_lint import resources
from notes_lint.config import Config, config_from_mapping, read_config_file
from notes_lint.diagnostics import Severity
from notes_lint.linter import LintResult, lint_paths
from notes_lint.model import Note
from notes_lint.modeljson import note_json
from notes_lint.parse import parse_note
from notes_lint.rules import RULES_BY_CODE
from notes_lint.source import Source, read

FIXTURES = ROOT / "tests" / "fixtures"
NOT_NOTES = re.compile(r"^(LICENSE.*|README\.md|template\.md)$", re.IGNORECASE)


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: str
    notes: int  # how many notes the folder holds (its README's count)

    def config_data(self) -> dict[str, Any]:
        if self.name == "rust-lang-team":
            return read_config_file(FIXTURES / "rust-lang.notes-lint.yaml")
        return {"extends": "generic"}


CORPORA = [Corpus("openjs-cpc", "openjs-cpc", 213), Corpus("rust-lang-team", "rust-lang-team", 170)]


def corpus_ids(corpus: Corpus) -> str:
    return corpus.name


@functools.cache
def config_of(corpus: Corpus) -> Config:
    return config_from_mapping(corpus.config_data(), CORPUS / corpus.folder, corpus.name)


def note_paths(corpus: Corpus) -> list[Path]:
    """The corpus's notes as its README defines them (not LICENSE*, README.md, template.md)."""
    root = CORPUS / corpus.folder
    return sorted(p for p in root.rglob("*.md") if not NOT_NOTES.match(p.name))


@functools.cache
def linted(corpus: Corpus) -> LintResult:
    return lint_paths(config_of(corpus), cwd=CORPUS / corpus.folder)


@functools.cache
def parsed(corpus: Corpus) -> dict[Path, tuple[Source, Note]]:
    out = {}
    for path in note_paths(corpus):
        source = read(path)
        out[path] = (source, parse_note(source, config_of(corpus)))
    return out


def note(corpus: Corpus, relative: str) -> Note:
    return parsed(corpus)[CORPUS / corpus.folder / relative][1]


OPENJS, RUST = CORPORA


# ------------------------------------------------------------------- lint


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_discovery_finds_exactly_the_notes(corpus: Path, which: Corpus) -> None:
    paths = note_paths(which)
    assert len(paths) == which.notes
    result = linted(which)
    assert result.files == which.notes
    linted_paths = {(CORPUS / which.folder / d.path).resolve() for d in result.diagnostics}
    assert linted_paths <= {p.resolve() for p in paths}


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_every_diagnostic_is_well_formed(corpus: Path, which: Corpus) -> None:
    result = linted(which)
    assert result.diagnostics, "real notes always have something to say"
    problems = []
    for d in result.diagnostics:
        lines = read(CORPUS / which.folder / d.path).lines
        if (
            d.code not in RULES_BY_CODE
            or d.severity not in (Severity.ERROR, Severity.WARNING)
            or not 1 <= d.line <= len(lines)
            or not 1 <= d.col <= len(lines[d.line - 1]) + 1
            or not d.message.strip()
            or "\n" in d.message
            or "\r" in d.message
        ):
            problems.append(d)
    assert problems == []
    assert result.diagnostics == sorted(result.diagnostics, key=lambda d: d.sort_key())


# ---------------------------------------------------------------- the model


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_every_dump_validates_against_the_note_schema(corpus: Path, which: Corpus) -> None:
    validator = jsonschema.Draft202012Validator(
        resources.load_schema("note.schema.json"),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    invalid = {}
    for path, (_, model) in parsed(which).items():
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in validator.iter_errors(note_json(model))
        ]
        if errors:
            invalid[str(path.relative_to(CORPUS))] = errors[:3]
    assert invalid == {}


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_positions_point_at_what_they_name(corpus: Path, which: Corpus) -> None:
    """Headings, list items and links start exactly at their line:col in the source."""
    wrong = []
    for path, (source, model) in parsed(which).items():

        def at(line: int, col: int, lines: list[str] = source.lines) -> str | None:
            if not 1 <= line <= len(lines) or col < 1:
                return None
            return lines[line - 1][col - 1 :]

        where = path.relative_to(CORPUS)
        for heading in model.headings:
            text = at(heading.line, heading.col)
            if text is None or not text.startswith(heading.text[:20]):
                wrong.append((where, "heading", heading.line, heading.col, heading.text[:30]))
        for item in model.items():
            text = at(item.line, item.col)
            if text is None or not text.startswith(item.text.split("\n")[0][:20]):
                wrong.append((where, "item", item.line, item.col, item.text[:30]))
        for link in model.links:
            text = at(link.line, link.col)
            starts = link.url if link.style == "bare" else ("[", "![", "<")
            if text is None or not text.startswith(starts):
                wrong.append((where, link.style, link.line, link.col, link.url[:30]))
        for todo in model.todos:
            if at(todo.line, todo.col) is None:
                wrong.append((where, "todo", todo.line, todo.col, todo.text[:30]))
        if model.date is not None and at(model.date.line, model.date.col) is None:
            wrong.append((where, "date", model.date.line, model.date.col, model.date.text))
    assert wrong == []


# ------------------------------------------------------------- stable facts


def test_openjs_dates_come_from_the_title(corpus: Path) -> None:
    model = note(OPENJS, "meetings/2023/2023-01-31.md")
    assert model.date is not None
    assert (model.date.value, model.date.source, model.date.line) == ("2023-01-31", "heading", 1)
    assert model.filename_date == "2023-01-31"
    notes = parsed(OPENJS).values()
    agreeing = sum(1 for _, m in notes if m.date and m.date.value == m.filename_date)
    assert agreeing >= 205  # 208 at the corpus's commit; a few titles really disagree


def test_openjs_sections_follow_the_generic_preset(corpus: Path) -> None:
    model = note(OPENJS, "meetings/2023/2023-01-31.md")
    kinds = {s.name: s.kind for s in model.sections if s.name}
    assert kinds.get("Attendees") == "named"
    assert kinds.get("Agenda") == "named"


def test_rust_dates_come_from_the_meeting_date_line(corpus: Path) -> None:
    model = note(RUST, "minutes/2021-03-30.md")
    assert model.date is not None
    assert (model.date.value, model.date.source) == ("2021-03-30", "pattern")
    line = read(CORPUS / RUST.folder / "minutes/2021-03-30.md").lines[model.date.line - 1]
    assert line[model.date.col - 1 :].startswith("2021-03-30")
    with_line = [m for p, (s, m) in parsed(RUST).items() if re.search(r"(?i)meeting date", s.text)]
    assert len(with_line) >= 75
    assert all(m.date is not None and m.date.value for m in with_line)


def test_rust_action_items_are_todos_with_owners_and_done_markers(corpus: Path) -> None:
    model = note(RUST, "minutes/2020-01-16.md")
    (actions,) = [s for s in model.sections if s.kind == "todo"]
    assert actions.title == "Action items"
    todos = [(t.line, t.owner, t.login, t.done) for t in model.todos]
    assert (13, "Niko", "nikomatsakis", True) in todos  # ~~Niko to schedule with Ralf…~~
    assert (15, "Felix", "pnkfelix", False) in todos
    assert all(t.section == "Action items" for t in model.todos)


MARKER = re.compile(r"^\W*(AI|ACTION ITEM|ACTION)\s*:", re.IGNORECASE)


def test_openjs_inline_action_items_have_sensible_text(corpus: Path) -> None:
    """`AI:` / `Action:` lines become TODOs whose text is what is to be done."""
    found = []
    for path, (source, model) in parsed(OPENJS).items():
        for todo in model.todos:
            line = source.lines[todo.line - 1]
            if not MARKER.match(line.strip()):
                continue
            found.append(todo)
            assert todo.text == todo.text.strip(), (path, todo)
            assert not MARKER.match(todo.text), (path, todo)
            if todo.text:
                first = todo.text.split()[0]
                assert first in line, (path, todo)
            assert 1 <= todo.col <= len(line) + 1, (path, todo)
    assert len(found) >= 50
    assert sum(1 for t in found if t.text) >= 50

    model = note(OPENJS, "meetings/2019/2019-08-13.md")
    todo = next(t for t in model.todos if t.line == 95)
    assert (todo.owner, todo.text) == (
        "JS",
        "create/ping this issue on the TSC/CommComm/Admin front.",
    )
    model = note(OPENJS, "meetings/2020/2020-09-01.md")
    todo = next(t for t in model.todos if t.line == 47)
    assert todo.owner == "Joe"
    assert todo.text.startswith("update issue with comments from this discussion")
