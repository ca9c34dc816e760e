"""Links as GitHub renders them (issue 14): bare URLs ended by GFM's autolink rules, links
written on purpose, table cell positions, and front matter keys and YAML 1.1 surprises.

The field cases C4, C5, f06, f08 and f09 (../shared/cases/field) are written here as small
notes of the same kinds; GitHub's rendering is cmark-gfm's (the ``cmarkgfm`` dev dependency).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from conftest import CMARKGFM_MISSING, apply_fixes, github_html, hrefs, make_config, run_cli
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from notes_lint import yamlsafe
from notes_lint.linter import lint_text
from notes_lint.parse import markdown_parser
from notes_lint.urls import BareUrl, find_bare_urls, points_into_item

pytest.importorskip("cmarkgfm", reason=CMARKGFM_MISSING)

GENERIC: dict[str, Any] = {"extends": "generic", "sections": {"unknown": "allow", "named": []}}
HEAD = "# Agenda 2026-07-16\n\n## Notes\n\n"  # the body starts on line 5


def nl201(body: str, data: dict[str, Any] | None = None) -> list[Any]:
    config = make_config(GENERIC if data is None else data)
    return [d for d in lint_text(HEAD + body, config, "2026-07-16.md") if d.code == "NL201"]


def write_repo(root: Path, config: str, notes: dict[str, str]) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    for name, text in notes.items():
        (root / "notes" / name).write_text(text, encoding="utf-8")
    (root / ".git").mkdir()
    return root


def check_json(root: Path, *extra: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--no-cache", "--format", "json", *extra, cwd=root)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1), result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout or "[]")
    return found


# ------------------------------------------------------------- where a bare URL ends


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("see https://a.org/x.", ["https://a.org/x"]),
        ("(see https://a.org/b_(c)))", ["https://a.org/b_(c)"]),
        ("x https://a.org/((b)", ["https://a.org/((b)"]),  # more ( than ): kept
        ("x https://a.org/b]", ["https://a.org/b]"]),  # ] is not trimmed outside brackets
        ("x https://a.org/b&amp; y", ["https://a.org/b"]),  # an entity at the end
        ("x https://a.org/b?;", ["https://a.org/b"]),
        ("x https://a.org/b<c", ["https://a.org/b"]),
        ("x https://a.org/b'\"", ["https://a.org/b"]),
        ("1https://a.org/ and _https://b.org/", ["https://a.org/", "https://b.org/"]),
        ("xhttps://a.org/ https://a_b.org/ https://-a.org/", []),
        ("ftp://files.example.org/x", ["ftp://files.example.org/x"]),
    ],
)
def test_bare_urls_end_where_github_ends_them(text: str, urls: list[str]) -> None:
    spans, _ = find_bare_urls(text)
    assert [text[u.start : u.end] for u in spans] == urls
    assert [unquote(h.replace("&amp;", "&")) for h in hrefs(github_html(text))] == urls


def test_a_url_after_an_open_bracket_is_not_linked_by_github() -> None:
    text = "See [https://a.org/notes.md] and [x https://b.org/y"
    spans, still_open = find_bare_urls(text)
    second = text.index("https://b")
    assert spans == [
        BareUrl(5, 5 + len("https://a.org/notes.md"), True),
        BareUrl(second, len(text), True),
    ]
    assert still_open == 1
    assert hrefs(github_html(text)) == []
    assert find_bare_urls("[a] https://a.org/")[0] == [BareUrl(4, 18)]


def test_c5_reversed_link_has_its_own_message_and_no_fix() -> None:
    body = (
        "Fully caused by [https://github.com/example/project/pull/1569](enable the new solver).\n\n"
        "See [https://github.com/example/meetings/blob/main/2017/WG-10-23.md] for the notes.\n"
    )
    backwards, bracketed = nl201(body)
    assert (backwards.line, backwards.col) == (5, 17)
    assert "written backwards" in backwards.message and backwards.fix is None
    assert (bracketed.line, bracketed.col) == (7, 6)
    url = "https://github.com/example/meetings/blob/main/2017/WG-10-23.md"
    assert bracketed.fix is not None
    fixed = apply_fixes(HEAD + body, [bracketed])
    assert f"See [<{url}>] for the notes." in fixed
    assert not re.search(r"<https?://[^>\s]*\]", fixed)
    assert hrefs(github_html(fixed)) == [url]


def test_c5_fix_through_the_cli_writes_no_broken_autolink(tmp_path: Path) -> None:
    text = (
        HEAD + "Caused by [https://github.com/example/project/pull/1569](enable the solver).\n\n"
        "See [https://example.org/a.md] and https://example.org/b).\n"
    )
    config = "extends: generic\nsections: {unknown: allow, named: []}\n"
    root = write_repo(tmp_path / "r", config, {"2026-07-16.md": text})
    before = check_json(root)
    result = run_cli("check", "--no-cache", "--fix", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    fixed = (root / "notes" / "2026-07-16.md").read_text(encoding="utf-8")
    assert "See [<https://example.org/a.md>] and <https://example.org/b>)." in fixed
    assert not re.search(r"<https?://[^>\s]*\]", fixed)
    after = check_json(root)
    assert {d["code"] for d in after} <= {d["code"] for d in before}
    assert [d["code"] for d in after if d["code"] == "NL201"] == ["NL201"]  # the backwards one


def test_f08_url_that_is_the_text_of_an_html_link_is_not_bare() -> None:
    url = "https://github.com/o/r/issues/5"
    assert nl201(f'- see <a href="{url}">{url}</a>') == []
    body = f'- see <A HREF="{url}" title="a>b">{url}</A> then {url}'
    assert [d.col for d in nl201(body)] == [body.rindex(url) + 1]
    assert len(nl201(f'- <a name="x"></a> {url}')) == 1


def test_a_url_in_an_html_anchor_without_href_is_bare() -> None:
    """GitHub's autolink extension links it: an ``<a>`` without ``href`` leads nowhere."""
    url = "https://example.org"
    assert hrefs(github_html(f"see <a> {url}")) == [url]
    assert len(nl201(f"- see <a> {url}")) == 1
    assert len(nl201(f'- see <a name="x">{url}</a>')) == 1
    assert nl201(f'- see <a class="c" href="{url}">{url}</a>') == []


# No "*" nor "~" inside the URL: there markdown-it reads emphasis where cmark-gfm's autolink,
# which scans the raw text first, takes them into the URL (a documented limit).
SAFE_PATH = st.text(alphabet="abcXYZ019/._-()?=&;#!:',]", max_size=12)
AROUND = st.text(alphabet="ab .,:;!?()[]'\"*_~&<>", max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=AROUND,
    host=st.sampled_from(["example.org", "a.b.io", "github.com/o/r/issues/7", "x.org"]),
    path=SAFE_PATH,
    after=AROUND,
)
def test_the_nl201_fix_renders_the_link_github_would_have_made(
    before: str, host: str, path: str, after: str
) -> None:
    # Emphasis closed right after the URL, before more text ("url*>"): markdown-it ends the
    # URL's text there, cmark-gfm's autolink takes the "*" in first (a documented limit).
    assume(re.match(r"[*~_]+[^\s*~_]", after) is None)
    assume(not any(mark in before and mark in path + after for mark in "*_~"))
    body = f"{before} https://{host}{path}{after}"
    # Emphasis that markdown-it reads inside the URL ("https://example.org:_0_"): the same
    # documented limit, wherever the pair opens.
    inline = [t for t in markdown_parser().parse(body) if t.type == "inline"]
    emphasis = {"em_open", "strong_open", "s_open"}
    assume(not any(c.type in emphasis for t in inline for c in t.children or []))
    # The autolinks GitHub makes (not a link written around the URL: "[ url]()").
    linked = [h for h in hrefs(github_html(body)) if h.startswith("https://")]
    diagnostics = nl201(body)
    fixed = apply_fixes(HEAD + body, diagnostics)
    assert not re.search(r"<https?://[^>\s]*\]", fixed)
    if not linked:
        event("GitHub links nothing")
        return  # GitHub does not link it (inside brackets, or not a URL to it)
    if any(d.fix is None for d in diagnostics):
        event("no fix offered")
        return  # no fix offered: nothing written
    event("fixed and rendered")
    assert diagnostics, body
    assert [h for h in hrefs(github_html(fixed)) if h.startswith("https://")] == linked, (
        body,
        fixed,
    )


# ------------------------------------------------------------- links written on purpose


@pytest.mark.parametrize(
    "fragment",
    [
        "issuecomment-1585690896",
        "discussion_r123",
        "pullrequestreview-99",
        "r123456",
        "diff-0a1b2c",
        "L10",
        "L3-L7",
        "L3C1-L7C2",
    ],
)
def test_c4_link_to_a_spot_inside_an_item_is_not_a_mismatch(fragment: str) -> None:
    url = f"https://github.com/example/project/issues/1888#{fragment}"
    assert points_into_item(url)
    body = f"- related to #1888 (which was bisected to [#1017]({url}))"
    config = make_config({**GENERIC, "links": {"default-repo": "example/project"}})
    found = [d for d in lint_text(HEAD + body, config, "2026-07-16.md") if d.code == "NL202"]
    assert found == []


def test_nl202_still_reports_a_mismatch_to_the_item_itself() -> None:
    assert not points_into_item("https://github.com/o/r/issues/2#issue-123")
    assert not points_into_item("https://github.com/o/r/issues/2")
    config = make_config({**GENERIC, "links": {"default-repo": "o/r"}})
    for url in ("https://github.com/o/r/issues/2", "https://github.com/o/r/issues/2#issue-123"):
        found = [d for d in lint_text(HEAD + f"- [#3]({url})", config) if d.code == "NL202"]
        assert len(found) == 1 and found[0].fixable


def test_c4_through_the_cli(tmp_path: Path) -> None:
    config = "extends: generic\nsections: {unknown: allow, named: []}\n"
    config += "links: {default-repo: example/project}\n"
    url = "https://github.com/example/project/issues/1888#issuecomment-1585690896"
    root = write_repo(tmp_path / "r", config, {"2023-06-29.md": HEAD + f"- see [#1017]({url})\n"})
    assert [d for d in check_json(root) if d["code"] == "NL202"] == []


# ------------------------------------------------------------- positions in tables


def test_f06_a_finding_in_a_table_cell_points_at_that_cell_and_keeps_its_fix() -> None:
    row = (
        "| [#1](https://github.com/owner/repo/issues/1) ok "
        "| [#1](https://github.com/owner/repo/issues/12) |"
    )
    text = "# Meeting 2024-05-01\n\n## Agenda\n\n| first | second |\n|---|---|\n" + row + "\n"
    config = make_config({**GENERIC, "links": {"default-repo": "owner/repo"}})
    (found,) = [d for d in lint_text(text, config, "2024-05-01.md") if d.code == "NL202"]
    assert (found.line, found.col) == (7, 53)
    assert found.fix is not None and found.fix[0].col == 54


def test_table_cells_that_start_alike_each_get_their_column() -> None:
    body = (
        "| https://x.org/a | https://x.org/a |\n|---|---|\n"
        "| https://x.org/b | https://x.org/b |\n\n"
        "> | q | https://x.org/q |\n> |---|---|\n> | https://x.org/r | https://x.org/r |\n\n"
        "a | b\n--|--\nhttps://x.org/s | https://x.org/s\n"
    )
    assert [(d.line, d.col) for d in nl201(body)] == [
        (5, 3),
        (5, 21),
        (7, 3),
        (7, 21),
        (9, 9),
        (11, 5),
        (11, 23),
        (15, 1),
        (15, 19),
    ]


# ------------------------------------------------------------- front matter


FRONT_CONFIG = """extends: generic
include: ["notes/**/*.md"]
frontmatter:
  schema:
    type: object
    properties:
      attendees: {type: array, items: {type: string}}
      start: {type: string}
      remote: {type: string}
"""


def test_f09_duplicate_key_and_yaml_11_surprises(tmp_path: Path) -> None:
    text = (
        "---\nattendees: [Ana]\nstart: 14:30\nremote: no\nattendees: Bob\n---\n"
        "# Meeting 2024-05-01\n\n## Attendees\n\n- Ana\n\n## Agenda\n\n- stuff\n\n"
        "## Action items\n\n- (Ana) do it\n"
    )
    root = write_repo(tmp_path / "r", FRONT_CONFIG, {"2024-05-01.md": text})
    found = {(d["code"], d["line"]): d["message"] for d in check_json(root)}
    assert "already set on line 2" in found[("NL401", 5)]
    assert ("NL401", 2) not in found
    assert "'Bob' is not of type 'array'" in found[("NL402", 5)]  # the value judged: line 5
    assert "14:30 is not" in found[("NL402", 3)] and 'quote it, "14:30"' in found[("NL402", 3)]
    assert "870" in found[("NL402", 3)]
    assert 'quote it, "no"' in found[("NL402", 4)] and "false" in found[("NL402", 4)]


def test_quoted_or_yaml_12_scalars_are_no_surprise() -> None:
    document = yamlsafe.load(
        "a: '14:30'\nb: true\nc: 12\nd: 1.5\ne: 0o7\nf: off\ng: 010\nh: 1_000\ni: 1:2:3\n"
    )
    assert document.written == {("f",): "off", ("g",): "010", ("h",): "1_000", ("i",): "1:2:3"}


def test_a_repeated_key_keeps_the_last_value_and_its_position() -> None:
    document = yamlsafe.load("a: 1\nb:\n  x: 1\na:\n  - 2\n")
    assert document.data == {"a": [2], "b": {"x": 1}}
    assert document.position(("a",)) == (5, 3)  # the value, on the line below its key
    assert document.position(("b", "x")) == (3, 6)  # its value
    assert [(d.path, d.line, d.first_line) for d in document.duplicates] == [(("a",), 4, 1)]


def test_merge_keys_are_not_duplicates() -> None:
    document = yamlsafe.load("base: &b {name: a}\nthis:\n  <<: *b\n  name: c\n")
    assert document.duplicates == []
    assert document.data["this"] == {"name": "c"}


def test_a_url_running_across_an_invisible_separator_is_reported_without_a_fix() -> None:
    body = "- see https://a.org/x\u2029https://b.org/y today"
    (found,) = nl201(body)
    assert "U+2029" in found.message and found.fix is None
    assert hrefs(github_html(body)) == ["https://a.org/x%E2%80%A9https://b.org/y"]


@pytest.mark.parametrize(
    "body",
    [
        "see https://example.org<_: now",
        "see https://example.org©_a now",
        "see https://example.org=_a now",
        "see https://ex_a.org<b now",
        "see https://a_b.c.org now",
    ],
)
def test_where_the_host_ends_as_cmark_gfm_ends_it(body: str) -> None:
    # cmark-gfm's check_domain stops at ASCII punctuation and, beyond ASCII, at Unicode
    # punctuation or symbols; an "_" in the last two labels before that stop unlinks it.
    urls, _ = find_bare_urls(body)
    assert [body[u.start : u.end] for u in urls] == [unquote(h) for h in hrefs(github_html(body))]


def test_a_bare_url_ending_in_a_character_reference_ends_before_it() -> None:
    # cmark-gfm scans the text as written: "…/t&amp;" links "…/t", the entity after it
    # (review 14, item 4); the fix wraps only that and renders the same.
    body = "- see https://example.org/s?q=a&hl; and https://example.org/t&amp;"
    found = nl201(body)
    assert [d.message for d in found] == [
        "bare URL: write it as <https://example.org/s?q=a>",
        "bare URL: write it as <https://example.org/t>",
    ]
    assert hrefs(github_html(body)) == ["https://example.org/s?q=a", "https://example.org/t"]
    assert all(d.fix is not None for d in found)
