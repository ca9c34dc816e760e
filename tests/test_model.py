"""The note model (PRODUCT.md §3) and schema/note.schema.json, which describes its JSON.

Every example note's dump validates against the schema; small notes of our own
pin down what the model says: dates, sections and their kinds per preset, list
nesting, links, front matter, TODOs, and 1-based positions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLES, ROOT, make_config, run_cli

from notes_lint import resources
from notes_lint.config import Config, load_config
from notes_lint.model import Note
from notes_lint.modeljson import note_json
from notes_lint.parse import parse_note
from notes_lint.source import from_text, read


def note_validator() -> jsonschema.Draft202012Validator:
    schema = resources.load_schema("note.schema.json")
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(data: Any) -> list[str]:
    """One line per violation of note.schema.json, with its JSON path."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in note_validator().iter_errors(data)
    ]


def parse(text: str, config: Config, path: str = "notes/note.md") -> Note:
    return parse_note(from_text(text, path), config)


def preset(name: str, **extra: Any) -> Config:
    return make_config({"extends": name, **extra})


# ----------------------------------------------------------------- the schema


def test_note_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = resources.load_schema("note.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_note_schema_is_closed_and_requires_every_key() -> None:
    """Every object of the model forbids unknown keys and requires all of its keys,
    but those whose description says when they are present (``precision``: a month)."""
    schema = resources.load_schema("note.schema.json")
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    assert len(objects) == 9  # Note and its 8 kinds of node
    for node in objects:
        assert node["additionalProperties"] is False
        always = [
            key
            for key, spec in node["properties"].items()
            if not spec.get("description", "").startswith("Present only when")
        ]
        assert sorted(node["required"]) == sorted(always)


def _dump_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _dump_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _dump_keys(v)}
    return set()


RICH_NOTE = """\
---
attendees: [Ana, Bruno]
date: 2024-10-28
---
# Monthly Developer Meeting

## October 28, 2024 @ 15:00 UTC

### Updates

- [name=Ana] Released 1.6rc1 ![logo](img/logo.png)
    - wheels: https://github.com/acme/tools/pull/31 and <https://example.org/a>
- [ ] a [ref link][docs] and a [broken one][nowhere]
- [x] ~~struck through~~

### Topics

- [name=Ana] Should we drop Python 3.9? See [the notes](other.md#top) and [above](#updates)
    - TODO: Bruno: open a discussion issue, due 2024-11-04

### Action items

- [name=Bruno] Write the release highlights ([#12](https://github.com/acme/tools/issues/12))
- (Ana) update the roadmap
- @carla mail <mailto:carla@example.org>

[docs]: https://docs.example.org/
"""


def test_a_rich_note_dump_validates_and_uses_every_key_of_the_schema() -> None:
    data = note_json(parse(RICH_NOTE, preset("hackmd"), "notes/2024/10-28-dev.md"))
    assert schema_errors(data) == []
    schema = resources.load_schema("note.schema.json")
    declared = set(schema["properties"]) | {
        k for d in schema["$defs"].values() for k in d.get("properties", {})
    }
    optional = {
        k
        for d in [schema, *schema["$defs"].values()]
        for k, spec in d.get("properties", {}).items()
        if spec.get("description", "").startswith("Present only when")
    }
    # Every key of the schema occurs in the dump (the schema has no stale keys)...
    assert declared - optional - _dump_keys(data) == {"data"} - _dump_keys(data)
    # ...and the schema rejects what the model never produces.
    data["sections"][0]["kind"] = "people"
    data["links"][0]["line"] = 0
    data["todos"][0]["surprise"] = True
    data["sections"][0]["items"][0]["children"][0]["depth"] = "1"
    errors = schema_errors(data)
    assert len(errors) == 4, errors


def test_the_keys_present_only_sometimes_validate_when_present() -> None:
    """``precision`` (a month date), ``filename_date_precision`` and ``not_a_day``."""
    month = note_json(parse("# January 2023 call\n", preset("generic"), "calls/2023-01-call.md"))
    assert month["date"]["precision"] == "month"
    assert month["filename_date_precision"] == "month"
    assert schema_errors(month) == []
    no_day = note_json(parse("# 2023-02-30\n", preset("generic"), "calls/x.md"))
    assert no_day["date"]["not_a_day"] == "2023-02-30"
    assert schema_errors(no_day) == []
    day = note_json(parse("# 2023-01-17 call\n", preset("generic"), "calls/2023-01-17.md"))
    assert "precision" not in day["date"] and "filename_date_precision" not in day


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.rglob("*.md")), ids=lambda p: str(p.relative_to(EXAMPLES))
)
def test_every_example_note_dump_validates(path: Path) -> None:
    config = load_config(EXAMPLES / ".notes-lint.yaml")
    data = note_json(parse_note(read(path), config))
    assert schema_errors(data) == []
    assert data["line_count"] == len(path.read_text(encoding="utf-8").splitlines())


def test_examples_exist() -> None:
    assert len(list(EXAMPLES.rglob("*.md"))) >= 3


def test_the_dump_command_prints_json_that_validates() -> None:
    path = EXAMPLES / "notes" / "2024" / "2024-03-05.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notes_lint",
            "dump",
            "--config",
            str(EXAMPLES / ".notes-lint.yaml"),
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert schema_errors(data) == []
    assert data["date"]["value"] == "2024-03-05"
    assert data["path"] == str(path)
    assert [s["kind"] for s in data["sections"]] == ["person", "person", "named", "todo"]


def test_the_dump_of_an_unreadable_file_is_nl901_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "2024-01-02.md"
    path.write_bytes(b"# Notes\n\ncaf\xe9\n")
    result = subprocess.run(
        [sys.executable, "-m", "notes_lint", "dump", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:3:4: NL901" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------- dates


def test_date_from_a_hackmd_heading_with_a_time() -> None:
    note = parse(
        "# Monthly Developer Meeting\n\n## October 28, 2024 @ 15:00 UTC\n", preset("hackmd")
    )
    assert note.date is not None
    assert note.date.value == "2024-10-28"
    assert note.date.source == "heading"
    assert note.date.text == "October 28, 2024 @ 15:00 UTC"
    assert (note.date.line, note.date.col) == (3, 4)
    assert note.title is not None and note.title.text == "Monthly Developer Meeting"


@pytest.mark.parametrize(
    ("heading", "value"),
    [
        ("September 14th, 2021", "2021-09-14"),
        ("Sept 14, 2021", "2021-09-14"),
        ("14 September 2021", "2021-09-14"),
        ("2021-09-14", "2021-09-14"),
        ("Weekly meeting", None),
        ("February 30th, 2021", None),
    ],
)
def test_date_formats_of_sklearn_weekly(heading: str, value: str | None) -> None:
    note = parse(f"## {heading}\n\n### Discussion\n", preset("sklearn-weekly"))
    assert note.date is not None
    assert note.date.value == value
    assert note.date.line == 1


def test_date_column_points_at_the_date_inside_the_heading() -> None:
    note = parse("# CPC Meeting 2023-01-03\n", preset("generic"))
    assert note.date is not None
    assert note.date.value == "2023-01-03"
    assert (note.date.line, note.date.col) == (1, 15)


def test_date_from_the_date_section_of_generic() -> None:
    note = parse("# Team sync\n\n## Date\n\nMarch 3rd, 2023\n\n## Agenda\n", preset("generic"))
    assert note.date is not None
    assert (note.date.value, note.date.source, note.date.line) == ("2023-03-03", "section", 5)


def test_date_from_a_pattern() -> None:
    config = preset("hackmd", date={"level": None, "pattern": r"Meeting date:?\s*(?P<date>.+)"})
    note = parse("# T-lang meeting\n\n* Meeting date: 2021-03-30\n", config)
    assert note.date is not None
    assert (note.date.value, note.date.source) == ("2021-03-30", "pattern")
    assert (note.date.line, note.date.col) == (3, 17)


@pytest.mark.parametrize(
    "path",
    [
        "2021-09-14.md",
        "notes/2021-09-14.md",
        "notes/2021/09-14-team.md",
        "notes\\2021\\09-14-team.md",
        "2021_09_14-weekly.md",
    ],
)
def test_filename_dates(path: str) -> None:
    note = parse("## September 14th, 2021\n", preset("sklearn-weekly"), path)
    assert note.filename_date == "2021-09-14"


@pytest.mark.parametrize("path", ["notes/weekly.md", "notes/2021/13-45.md", "v1.2.3.md"])
def test_no_filename_date(path: str) -> None:
    assert parse("## September 14th, 2021\n", preset("sklearn-weekly"), path).filename_date is None


# ------------------------------------------------------------------- sections

SKLEARN = """\
## September 14th, 2021

### Julien

- [#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)
    - Started treating the reviews' suggestions

### Discussion points

- presence days (wednesday is full, thursday is empty)

### Next steps

- Release 1.0 (Guillaume)
- (Julien):
     - Close performance gap for #20254
     - ~~Fix the docs~~
- [x] Merge the PR @jjerphan
"""


def test_sections_of_sklearn_weekly() -> None:
    note = parse(SKLEARN, preset("sklearn-weekly", people={"Julien": "jjerphan"}))
    got = [(s.title, s.kind, s.name, s.level, s.line, s.end_line) for s in note.sections]
    assert got == [
        ("Julien", "person", None, 3, 3, 6),
        ("Discussion points", "named", "Discussion", 3, 8, 10),
        ("Next steps", "todo", "TODO / Next", 3, 12, 18),
    ]
    assert not any(s.empty for s in note.sections)
    assert note.date is not None and note.date.value == "2021-09-14"


def test_todos_of_sklearn_weekly() -> None:
    note = parse(SKLEARN, preset("sklearn-weekly", people={"Julien": "jjerphan"}))
    got = [(t.text, t.owner, t.login, t.owner_style, t.done, t.line) for t in note.todos]
    assert got == [
        ("Release 1.0", "Guillaume", None, "paren-end", False, 14),
        ("Close performance gap for #20254", "Julien", "jjerphan", "paren-start", False, 16),
        ("Fix the docs", "Julien", "jjerphan", "paren-start", True, 17),
        ("Merge the PR", "Julien", "jjerphan", "mention", True, 18),
    ]
    assert all(t.section == "Next steps" for t in note.todos)
    assert len({t.id for t in note.todos}) == 4


def test_sections_of_hackmd() -> None:
    text = (
        "# Monthly Developer Meeting\n\n## October 28, 2024 @ 15:00 UTC\n\n"
        "### Status updates\n\n- x\n\n### Discussion\n\n### Random\n\ntext\n\n"
        "### TODO / Next\n\n- [name=Bruno] Write the release highlights\n"
    )
    note = parse(text, preset("hackmd"))
    got = [(s.title, s.kind, s.name, s.empty) for s in note.sections]
    assert got == [
        ("Status updates", "named", "Updates", False),
        ("Discussion", "named", "Discussion", True),  # not an alias of Topics (B3)
        ("Random", "unknown", None, False),
        ("TODO / Next", "todo", "Action items", False),
    ]
    assert [(t.text, t.owner, t.owner_style) for t in note.todos] == [
        ("Write the release highlights", "Bruno", "name-tag")
    ]


def test_sections_of_generic() -> None:
    text = (
        "# CPC Meeting 2023-01-03\n\n## Links\n\n* Minutes: <https://example.org>\n\n"
        "## Present\n\n* Ana\n\n## Agenda\n\n### Topic one\n\n* AI: @ana to draft the charter\n\n"
        "## Action Items\n\n* Bruno to update the roadmap\n"
    )
    note = parse(text, preset("generic"))
    got = [(s.title, s.kind, s.name, s.line) for s in note.sections]
    assert got == [
        ("Links", "unknown", None, 3),
        ("Present", "named", "Attendees", 7),
        ("Agenda", "named", "Agenda", 11),
        ("Action Items", "todo", "Action items", 17),
    ]
    # A level-3 heading is a subsection of its level-2 section; its items belong to it,
    # and the section a TODO is in is the innermost one.
    agenda = note.sections[2]
    assert [(c.title, c.level, c.parent is agenda) for c in agenda.children] == [
        ("Topic one", 3, True)
    ]
    assert agenda.items == ()
    assert agenda.children[0].items[0].text == "AI: @ana to draft the charter"
    assert [(t.text, t.owner, t.login, t.section, t.line, t.col) for t in note.todos] == [
        ("draft the charter", "ana", "ana", "Topic one", 15, 7),
        ("update the roadmap", "Bruno", None, "Action Items", 19, 3),
    ]


def test_the_date_heading_is_not_a_section_even_at_the_section_level() -> None:
    config = preset("generic", date={"level": 2, "section": None})
    note = parse("## 2023-01-03\n\n## Agenda\n\n- x\n", config)
    assert [s.title for s in note.sections] == ["Agenda"]
    assert note.date is not None and note.date.value == "2023-01-03"


# ------------------------------------------------------------------ list items


def test_list_nesting_depth_and_positions() -> None:
    text = (
        "## Agenda\n\n"
        "- one\n"
        "  - one.a\n"
        "    1. one.a.i\n"
        "  - one.b\n"
        "- two\n"
        "\n"
        "  continued paragraph\n"
        "* [ ] task\n"
    )
    note = parse(text, preset("generic"))
    (agenda,) = note.sections
    assert [i.text for i in agenda.items] == ["one", "two", "task"]
    one = agenda.items[0]
    assert [(c.text, c.depth, c.line, c.col) for c in one.children] == [
        ("one.a", 1, 4, 5),
        ("one.b", 1, 6, 5),
    ]
    leaf = one.children[0].children[0]
    assert (leaf.text, leaf.depth, leaf.line, leaf.col) == ("one.a.i", 2, 5, 8)
    assert [i.text for i in one.walk()] == ["one", "one.a", "one.a.i", "one.b"]
    assert [i.text for i in note.items()] == ["one", "one.a", "one.a.i", "one.b", "two", "task"]
    task = agenda.items[2]
    assert (task.checked, task.line, task.col) == (False, 10, 7)
    assert agenda.items[0].checked is None
    assert all(i.section == "Agenda" for i in note.items())


def test_items_before_the_first_section_are_the_preamble() -> None:
    note = parse("# Title 2023-01-03\n\n- early\n\n## Agenda\n\n- late\n", preset("generic"))
    assert [i.text for i in note.preamble_items] == ["early"]
    assert note.preamble_items[0].section is None


def test_list_items_inside_a_blockquote() -> None:
    note = parse("## Agenda\n\n> - quoted\n>   - deeper\n", preset("generic"))
    (item,) = note.sections[0].items
    assert (item.text, item.line, item.col) == ("quoted", 3, 5)
    assert (item.children[0].text, item.children[0].col) == ("deeper", 7)


# ----------------------------------------------------------------------- links


def test_links_with_github_kinds_repos_and_numbers() -> None:
    data = note_json(parse(RICH_NOTE, preset("hackmd")))
    got = [
        (link["style"], link["kind"], link["repo"], link["number"], link["line"], link["col"])
        for link in data["links"]
    ]
    assert got == [
        ("image", "relative", None, None, 11, 30),
        ("bare", "github-pull", "acme/tools", 31, 12, 15),
        ("autolink", "web", None, None, 12, 57),
        ("reference", "web", None, None, 13, 9),
        ("inline", "relative", None, None, 18, 45),
        ("inline", "fragment", None, None, 18, 75),
        ("inline", "github-issue", "acme/tools", 12, 23, 46),
        ("autolink", "mail", None, None, 25, 15),
    ]
    assert data["links"][3]["url"] == "https://docs.example.org/"
    assert data["links"][3]["text"] == "ref link"
    assert data["links"][6]["text"] == "#12"
    assert [(r["label"], r["line"], r["col"]) for r in data["broken_references"]] == [
        ("nowhere", 13, 32)
    ]
    lines = RICH_NOTE.split("\n")
    for link in data["links"]:
        source = lines[link["line"] - 1][link["col"] - 1 :]
        assert source.startswith(("[", "!", "<", "http")), (link, source)


@pytest.mark.parametrize(
    ("url", "kind", "repo", "number"),
    [
        ("https://github.com/scikit-learn/scikit-learn/pull/20254", "github-pull", "scikit-learn/scikit-learn", 20254),
        ("https://github.com/nodejs/node/issues/1#issuecomment-2", "github-issue", "nodejs/node", 1),
        ("https://github.com/o/r/discussions/7", "github-discussion", "o/r", 7),
        ("https://github.com/o/r", "github", "o/r", None),
        ("https://github.com/", "github", None, None),
        ("https://gitlab.com/o/r/issues/3", "web", None, None),
        ("http://localhost:8000/x", "web", None, None),
        ("../2021/other.md", "relative", None, None),
        ("#discussion", "fragment", None, None),
        ("mailto:a@b.org", "mail", None, None),
        ("javascript:alert(1)", "other", None, None),
    ],
)  # fmt: skip
def test_link_kinds(url: str, kind: str, repo: str | None, number: int | None) -> None:
    note = parse(f"## Agenda\n\n- see [it]({url})\n", preset("generic"))
    (link,) = note.links
    assert (link.url, link.kind, link.repo, link.number) == (url, kind, repo, number)
    assert (link.line, link.col, link.section) == (3, 7, "Agenda")
    assert schema_errors(note_json(note)) == []


# ---------------------------------------------------------------- front matter


def test_front_matter_data_is_json() -> None:
    text = "---\ntitle: Weekly\ndate: 2024-10-28\nattendees:\n  - Ana\n  - 12\n---\n# x\n"
    note = parse(text, preset("generic"))
    assert note.frontmatter is not None
    assert (note.frontmatter.line, note.frontmatter.end_line) == (1, 7)
    assert note.frontmatter.data == {
        "title": "Weekly",
        "date": "2024-10-28",
        "attendees": ["Ana", 12],
    }
    assert note.frontmatter.error is None
    assert note.frontmatter.position(("attendees", 1)) == (6, 5)
    assert note.title is not None and note.title.line == 8
    assert schema_errors(note_json(note)) == []


def test_front_matter_that_is_not_yaml_keeps_its_error_and_position() -> None:
    note = parse("---\ntitle: [unclosed\nfoo: bar\n---\n# x\n", preset("generic"))
    assert note.frontmatter is not None
    assert note.frontmatter.data is None
    assert note.frontmatter.error is not None and "YAML" in note.frontmatter.error
    assert note.frontmatter.error_line == 3
    assert schema_errors(note_json(note)) == []


def test_a_note_without_front_matter() -> None:
    note = parse("# x\n\n---\n\ntext\n", preset("generic"))
    assert note.frontmatter is None


# ---------------------------------------------------------------- positions


def test_positions_are_one_based() -> None:
    note = parse("# 2023-01-03\n## Agenda\n- a\n", preset("generic"))
    assert note.title is not None
    assert (note.title.line, note.title.col) == (1, 3)
    assert [(h.line, h.col, h.slug) for h in note.headings] == [
        (1, 3, "2023-01-03"),
        (2, 4, "agenda"),
    ]
    (item,) = note.sections[0].items
    assert (item.line, item.col) == (3, 3)
    assert note.line_count == 3


def test_setext_headings_and_indented_headings() -> None:
    note = parse("Meeting 2023-01-03\n===\n\n  ## Agenda\n\n- a\n", preset("generic"))
    assert [(h.level, h.text, h.line, h.col) for h in note.headings] == [
        (1, "Meeting 2023-01-03", 1, 1),
        (2, "Agenda", 4, 6),
    ]
    assert note.date is not None and note.date.value == "2023-01-03"


def test_repeated_headings_get_unique_slugs() -> None:
    note = parse("# T\n\n## Q&A\n\n## Q&A\n\n## Q&A\n", preset("generic"))
    assert [h.slug for h in note.headings] == ["t", "qa", "qa-1", "qa-2"]


def test_an_item_whose_text_starts_below_its_marker_points_at_the_text() -> None:
    note = parse("## Agenda\n\n-\n  the text\n- [ ]\n  a task\n", preset("generic"))
    assert [(i.text, i.line, i.col, i.checked) for i in note.sections[0].items] == [
        ("the text", 4, 3, None),
        ("a task", 6, 3, None),  # mdit-py-plugins: no checkbox when the text is below
    ]


def test_a_setext_heading_over_two_lines_is_one_line_of_text_and_its_date_is_located() -> None:
    note = parse(
        "Weekly meeting of\n  September 14th, 2021\n---\n\n### Discussion\n", preset("hackmd")
    )
    heading = note.headings[0]
    assert (heading.level, heading.text, heading.line) == (
        2,
        "Weekly meeting of September 14th, 2021",
        1,
    )
    assert note.date is not None
    assert (note.date.value, note.date.line, note.date.col) == ("2021-09-14", 2, 3)


DUMP_NOTE = """\
---
time: 14:30
ratio: 1.10
---
# Réunion de janvier 2023

## Présents

- Zoë

## TODO

- [ ] relire le « guide » (Zoë) <!-- notes-lint disable-line NL302 -->
"""


def test_the_dump_is_the_declared_view_of_the_model_as_json_dumps_writes_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2023-01-reunion.md"
    path.write_text(DUMP_NOTE, encoding="utf-8")
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    result = run_cli("dump", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # The bytes are json.dumps's (indent 2, non-ASCII as is), with a final newline.
    assert result.stdout == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert "Réunion" in result.stdout and "\\u" not in result.stdout
    # Keys in the schema's order; fields shown only when they say something.
    assert list(data) == [
        "path", "title", "date", "dates", "filename_date", "filename_date_end",
        "filename_date_precision", "frontmatter", "headings", "sections",
        "preamble_items", "links", "broken_references", "todos", "line_count",
    ]  # fmt: skip
    assert data["filename_date_precision"] == "month"
    assert data["frontmatter"]["written"] == {"time": "14:30", "ratio": "1.10"}
    assert list(data["todos"][0])[:2] == ["id", "text"]
    # What the model holds for the rules only is not shown.
    assert not {"marker", "plain", "in_block", "has_content"} & set(data["headings"][0])
    assert not {"paragraphs", "directives", "html_links", "end"} & set(data)
    assert schema_errors(data) == []
