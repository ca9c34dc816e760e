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


# -- 3 and 14: query-only links, and only the line anchors GitHub makes --------------


def test_a_query_only_link_points_at_the_note_itself(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\nSee [q](?x=1) and [src](?plain=1#L2).\n")
    assert findings(folder) == []


def test_a_query_only_links_fragment_is_checked_against_the_note(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\nSee [a](?plain=1#nowhere) and [b](?plain=1#agenda).\n")
    assert [(f["code"], f["col"]) for f in findings(folder)] == [("NL207", 5)]


def test_line_anchors_github_never_makes_are_reported(tmp_path: Path) -> None:
    other = "".join(f"line {n}\n" for n in range(1, 28))  # 27 lines
    body = (
        "## Notes\n\n"
        "[a](#L14) [b](#L3-L7) [c](#L3C1-L7C2) [d](other.md#L27) [e](other.md#L2-L5)\n\n"
        "[f](#L99999) [g](#L7-L3) [h](other.md#L500) [i](other.md#L20-L28)\n"
    )
    folder = team(tmp_path, body, **{"notes/other.md": other})
    found = [(f["line"], f["col"], f["message"]) for f in findings(folder) if f["code"] == "NL207"]
    assert found == [
        (15, 1, "line anchor '#L99999' is past the end of this note (15 lines)"),
        (15, 14, "line anchor '#L7-L3' runs backwards: GitHub writes '#L3-L7'"),
        (15, 26, "line anchor '#L500' is past the end of other.md (27 lines)"),
        (15, 45, "line anchor '#L20-L28' is past the end of other.md (27 lines)"),
    ]


# -- 10: a bare '#' is an empty destination (markdownlint's MD042), '#top' is not -----


def test_a_hash_alone_is_no_destination_but_top_is(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\n[up](#) and [back up](#top)\n")
    found = [(f["code"], f["col"], f["message"]) for f in findings(folder)]
    assert found == [
        (
            "NL205",
            1,
            "link 'up' has no destination ('#' alone): add its URL, "
            "or write '#top' for the top of the note",
        )
    ]


# -- 4, 7, 8, 9: bare URLs as cmark-gfm links them, and fixes that render the same --------


def github_html(text: str) -> str:
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (a dev dependency) is GitHub")
    return str(cmarkgfm.github_flavored_markdown_to_html(text))


def fixed(folder: Path) -> str:
    result = run_cli("check", "--fix", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    return (folder / NOTE).read_text(encoding="utf-8")


def nl201(folder: Path) -> list[tuple[int, int, str, bool]]:
    return [
        (f["line"], f["col"], f["message"], f["fixable"])
        for f in findings(folder)
        if f["code"] == "NL201"
    ]


def test_a_bare_url_is_read_as_written_entities_and_escapes_undecoded(tmp_path: Path) -> None:
    body = (
        "## Notes\n\n"
        "See https://example.org/p&amp; ok\n"
        "p&copy; https://example.org/p&copy; and https://example.org/a&amp;b=2 and "
        "https://example.org/esc\\_under x\n"
    )
    folder = team(tmp_path, body)
    assert nl201(folder) == [
        (13, 5, "bare URL: write it as <https://example.org/p>", True),
        (14, 9, "bare URL: write it as <https://example.org/p>", True),
        # in <…> the entity would be decoded, where GitHub's link keeps it: no fix
        (14, 41, "bare URL: write it as a link, [text](URL)", False),
        (14, 75, "bare URL: write it as <https://example.org/esc\\_under>", True),
    ]
    before = github_html(HEAD + body)
    assert 'href="https://example.org/a&amp;amp;b=2"' in before
    assert github_html(fixed(folder)) == before


def test_a_bare_url_that_no_autolink_can_hold_gets_no_autolink(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\nSee https://example.org/a>b\n")
    assert nl201(folder) == [(13, 5, "bare URL: write it as a link, [text](URL)", False)]
    assert 'href="https://example.org/a%3Eb"' in github_html(HEAD + "See https://example.org/a>b\n")


@pytest.mark.parametrize("url", ["https://example.org/hard", "https://example.org/hard."])
def test_a_bare_url_before_a_backslash_line_break_runs_through_it(url: str, tmp_path: Path) -> None:
    body = f"## Notes\n\nSee {url}\\\nnext line\n"
    folder = team(tmp_path, body)
    # cmark-gfm: the link takes the "\" in, and the line does not break
    html = github_html(HEAD + body)
    assert f'href="{url}%5C"' in html and "<br" not in html
    [(line, col, message, fixable)] = nl201(folder)
    assert (line, col, fixable) == (13, 5, False)
    assert f"({url}\\)" in message


def test_a_bare_url_to_a_comment_is_written_as_github_shows_it(tmp_path: Path) -> None:
    base = "https://github.com/acme/lighthouse"
    body = (
        f"## Notes\n\n- {base}/issues/91#issuecomment-12345\n- {base}/pull/92#pullrequestreview-5\n"
        f"- {base}/pull/93#partial-timeline\n- {base}/pull/94\n"
    )
    folder = team(tmp_path, body)
    assert [m for _, _, m, _ in nl201(folder)] == [
        f"bare URL: write it as [#91 (comment)]({base}/issues/91#issuecomment-12345)",
        f"bare URL: write it as [#92 (review)]({base}/pull/92#pullrequestreview-5)",
        f"bare URL: write it as <{base}/pull/93#partial-timeline>",
        f"bare URL: write it as [#94]({base}/pull/94)",
    ]
    assert [f["code"] for f in findings(folder) if f["code"] != "NL201"] == []
    fixed(folder)
    assert findings(folder) == []  # NL202 has nothing to say about what the fix wrote


# -- 5: a spot in an item is a reference to it, the item's own post or page part is not --


@pytest.mark.parametrize(
    ("fragment", "fix"),
    [("issuecomment-1", False), ("commits-pushed-abc123", False), ("partial-timeline", True)],
)
def test_nl202_fixes_no_link_to_a_spot_inside_the_item(
    fragment: str, fix: bool, tmp_path: Path
) -> None:
    url = f"https://github.com/acme/lighthouse/pull/61#{fragment}"
    folder = team(tmp_path, f"## Notes\n\n- see [#62]({url})\n")
    found = [f["fixable"] for f in findings(folder) if f["code"] == "NL202"]
    assert found == ([True] if fix else [])


# -- 6: links written backwards, in every spelling ------------------------------------


def test_links_written_backwards_are_said_so_in_every_spelling(tmp_path: Path) -> None:
    body = (
        "## Notes\n\n"
        "[https://example.org/docs](docs) and [www.example.org](the site)\n\n"
        "[https://example.org/a](<the docs>) and [http://example.org/a](see the design)\n"
    )
    folder = team(tmp_path, body)
    found = [(f["line"], f["col"], f["code"], f["message"]) for f in findings(folder)]
    assert found == [
        (
            13,
            1,
            "NL206",
            "link written backwards: its text 'https://example.org/docs' is a URL and 'docs' "
            "is no file; write it as [docs](https://example.org/docs)",
        ),
        (
            13,
            38,
            "NL201",
            "link written backwards: [URL](text) is not a link on GitHub; write it as [text](URL)",
        ),
        (
            15,
            1,
            "NL206",
            "link written backwards: its text 'https://example.org/a' is a URL and 'the docs' "
            "is no file; write it as [the docs](https://example.org/a)",
        ),
        (
            15,
            41,
            "NL201",
            "link written backwards: [URL](text) is not a link on GitHub; write it as [text](URL)",
        ),
    ]
    # GitHub makes no link of either "[url](text)": no NL204 for its http://
    assert "<a " not in github_html("[http://example.org/a](see the design) [www.x.org](a b)")


def test_a_missing_file_is_named_as_written(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\n[the docs](<my docs.md>)\n")
    assert [f["message"] for f in findings(folder)] == [
        "link 'my docs.md' points to a file that does not exist: fix the path"
    ]


def test_www_in_brackets_is_still_not_reported(tmp_path: Path) -> None:
    folder = team(tmp_path, "## Notes\n\nSee [www.example.org/x] and [see www.example.org](x.md)\n")
    assert [f["code"] for f in findings(folder)] == ["NL206"]


# -- 15: a task box written where GFM renders none is still the writer's box ----------


def test_a_task_box_in_an_items_heading_is_the_items_state(tmp_path: Path) -> None:
    body = (
        "## Action items\n\n"
        "- #### [x] Marisol Quintero: close the survey\n"
        "- #### [ ] Tobiah Lang: open the survey\n"
    )
    folder = team(tmp_path, body)
    assert findings(folder) == []
    assert [(e["owner"], e["text"], e["done"]) for e in todos(folder)] == [
        ("Marisol Quintero", "close the survey", True),
        ("Tobiah Lang", "open the survey", False),
    ]


# -- 13: front matter findings at the value they judge; a date: YAML read otherwise -----

SCHEMA = """\
frontmatter:
  schema:
    type: object
    additionalProperties: false
    properties:
      title: {type: string}
      count: {type: integer}
      tags: {type: array, items: {type: string}}
"""


def test_schema_errors_point_at_the_value_or_the_unexpected_key(tmp_path: Path) -> None:
    front = "---\ntitle: 12\ntags:\n  - 3\n  - ok\nbogus: 1\ncount: x\n---\n"
    write_team(tmp_path, CONFIG + SCHEMA, {NOTE: front + HEAD})
    found = [(f["line"], f["col"], f["message"]) for f in findings(tmp_path)]
    assert found == [
        (2, 8, "front matter $.title: 12 is not of type 'string'"),
        (4, 5, "front matter $.tags[0]: 3 is not of type 'string'"),
        (6, 8, "front matter $: Additional properties are not allowed ('bogus' was unexpected)"),
        (7, 8, "front matter $.count: 'x' is not of type 'integer'"),
    ]


@pytest.mark.parametrize(
    ("value", "col", "said"),
    [
        ("20250819", 7, "'20250819' holds none"),
        ("yes", 7, "'yes' holds none"),
        ("~", 7, "'~' holds none"),
        ("1.10", 7, "'1.10' holds none"),
        ("", 6, "the front matter's 'date:' has no value"),
    ],
)
def test_a_front_matter_date_yaml_reads_otherwise_is_judged_as_written(
    value: str, col: int, said: str, tmp_path: Path
) -> None:
    head = HEAD.replace("# S 2025-05-21", "# Standup")
    folder = team(tmp_path, "", head=f"---\ndate: {value}\n---\n{head}")
    [found] = [f for f in findings(folder) if f["code"] == "NL101"]
    assert (found["line"], found["col"]) == (2, col)
    assert found["message"].startswith(f"no meeting date: {said}; state it as")
