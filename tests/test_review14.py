"""The findings of a fresh-eyes review of issue 14, each as the general rule it broke.

Each test writes small notes of the kind the review found (a team on the ``generic``
preset with a roster and a default repository) and runs the CLI as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, write_team

CONFIG = """\
extends: generic
include: ["notes/**/*.md"]
people:
  Marisol Quintero: null
  Tobiah Lang: null
  Priya Raman: praman
links:
  default-repo: acme/lighthouse
"""
HEAD = "# S 2025-05-21\n\n## Attendees\n\n- Priya Raman\n\n## Agenda\n\n- x\n\n"
NOTE = "notes/2025-05-21.md"


def team(folder: Path, body: str, head: str = HEAD, **others: str) -> Path:
    """A team whose one note is ``head`` then ``body`` (and ``others``: path -> text)."""
    return write_team(folder, CONFIG, {NOTE: head + body, **others})


def findings(folder: Path) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def todos(folder: Path) -> list[dict[str, Any]]:
    result = run_cli("todos", "--format", "json", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, Any]] = json.loads(result.stdout)["entries"]
    return entries


def dump(folder: Path) -> dict[str, Any]:
    result = run_cli("dump", NOTE, cwd=folder)
    assert result.returncode == 0, result.stderr
    note: dict[str, Any] = json.loads(result.stdout)
    return note


# -- 1: a section is named by its heading's rendered text ---------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "[Action items](https://example.org/ai)",
        '<a name="ai"></a>Action items',
        'Action items <a name="ai"></a>',
        "[Action items][ai]",
        "Action items :memo:",
        "Action&nbsp;items",
        "Action items[^1]",
        "[Action](https://example.org/x) items",
        "*Action* `items`",
    ],
)
def test_a_heading_names_its_section_by_what_github_shows(heading: str, tmp_path: Path) -> None:
    body = f"## {heading}\n\n- Priya Raman: cut the branch\n\n[ai]: https://example.org/ai\n"
    body += "[^1]: the list of the week\n"
    folder = team(tmp_path, body)
    section = dump(folder)["sections"][-1]
    assert (section["kind"], section["name"]) == ("todo", "Action items")
    entries = todos(folder)
    assert [(e["text"], e["owner"]) for e in entries] == [("cut the branch", "Priya Raman")]


def test_required_sections_found_behind_an_anchor_or_a_link(tmp_path: Path) -> None:
    head = '# S 2025-05-21\n\n## <a id="people"></a>Attendees\n\n- Priya Raman\n\n'
    head += "## [Agenda](https://example.org/doc)\n\n- x\n"
    folder = team(tmp_path, "", head=head)
    assert [f["code"] for f in findings(folder)] == []


def test_an_undefined_reference_in_a_heading_is_text_as_github_shows_it(tmp_path: Path) -> None:
    folder = team(tmp_path, "## [Action items][nowhere]\n\n- Priya Raman: cut the branch\n")
    assert dump(folder)["sections"][-1]["kind"] == "unknown"


# -- 12: a heading in a blockquote or a list item is no section ----------------------


@pytest.mark.parametrize("quoted", ["> ## Agenda\n> \n> - x\n", "- item\n\n  ## Agenda\n"])
def test_a_quoted_or_nested_heading_is_not_a_required_section(quoted: str, tmp_path: Path) -> None:
    head = "# S 2025-05-21\n\n## Attendees\n\n- Priya Raman\n\n"
    folder = team(tmp_path, quoted, head=head)
    missing = [f for f in findings(folder) if f["code"] == "NL103"]
    assert [f["message"].split(":")[0] for f in missing] == ["required section 'Agenda' is missing"]


# -- 2: an owner written as a link or after an HTML anchor ----------------------------


@pytest.mark.parametrize(
    ("item", "owner", "text"),
    [
        ('<a name="ai-1"></a>Priya Raman: ship the installer', "Priya Raman", "ship the installer"),
        (
            "[Tobiah Lang](https://github.com/tlang): rotate the keys",
            "Tobiah Lang",
            "rotate the keys",
        ),
        (
            "[@praman](https://github.com/praman) to update the wiki",
            "Priya Raman",
            "update the wiki",
        ),
        (
            "Update the FAQ ([Priya Raman](https://github.com/praman))",
            "Priya Raman",
            "Update the FAQ",
        ),
        (
            '<a href="https://github.com/tlang">Tobiah Lang</a>: renew the cert',
            "Tobiah Lang",
            "renew the cert",
        ),
    ],
)
def test_an_owner_is_found_in_the_text_github_shows(
    item: str, owner: str, text: str, tmp_path: Path
) -> None:
    folder = team(tmp_path, f"## Action items\n\n- {item}\n")
    assert [f["code"] for f in findings(folder)] == []
    assert [(e["owner"], e["text"]) for e in todos(folder)] == [(owner, text)]
