"""Links as GitHub renders them, the rest of issue 14: ``www.`` autolinks, dangerous schemes
in inline HTML, the HTML anchors GitHub's sanitizer keeps, and site-root links that climb.

GitHub's rendering is cmark-gfm's (the ``cmarkgfm`` dev dependency); every note here is a
small inline fixture of the kind found in real archives.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from conftest import (
    CMARKGFM_MISSING,
    apply_fixes,
    github_html,
    hrefs,
    make_config,
    run_cli,
    write_team,
)
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from notes_lint.htmlanchors import html_url, html_urls
from notes_lint.linter import lint_text
from notes_lint.parse import markdown_parser, parse_note
from notes_lint.source import from_text

pytest.importorskip("cmarkgfm", reason=CMARKGFM_MISSING)

GENERIC: dict[str, Any] = {"extends": "generic", "sections": {"unknown": "allow", "named": []}}
HTTPS = {**GENERIC, "links": {"require-https": True, "https-hosts": ["example.org"]}}
HEAD = "# Agenda 2026-07-16\n\n## Notes\n\n"  # the body starts on line 5


def lint(body: str, data: dict[str, Any] | None = None, *codes: str) -> list[Any]:
    config = make_config(GENERIC if data is None else data)
    found = lint_text(HEAD + body, config, "2026-07-16.md")
    return [d for d in found if not codes or d.code in codes]


def bare_links(body: str) -> list[Any]:
    note = parse_note(from_text(HEAD + body, "2026-07-16.md"), make_config(GENERIC))
    return [link for link in note.links if link.style == "bare"]


# ------------------------------------------------------------- www. autolinks


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("see www.example.com/x.", [("www.example.com/x", "http://www.example.com/x")]),
        (
            "(www.a.org) and x_www.b.org",
            [("www.a.org", "http://www.a.org"), ("www.b.org", "http://www.b.org")],
        ),
        (
            "*www.a.org* ~~www.b.org~~",
            [("www.a.org", "http://www.a.org"), ("www.b.org", "http://www.b.org")],
        ),
        ("a\nwww.a.org/p?q=(x)", [("www.a.org/p?q=(x)", "http://www.a.org/p?q=(x)")]),
        (
            "www.a.org/?u=https://b.org/ c",
            [("www.a.org/?u=https://b.org/", "http://www.a.org/?u=https://b.org/")],
        ),
        (
            "`c`www.a.org and awww.a.org and WWW.a.org and https://www.c.org",
            [("https://www.c.org", "https://www.c.org")],
        ),
        ("[www.a.org] www.a_b.org www.", []),  # in brackets; "_" in the last labels; no host
        ("www. foo", [("www", "http://www")]),  # GitHub links "www" alone
    ],
)
def test_www_autolinks_are_links_as_github_makes_them(
    body: str, links: list[tuple[str, str]]
) -> None:
    found = bare_links(body)
    assert [(link.text, link.url) for link in found] == links
    assert hrefs(github_html(body)) == [href for _, href in links]


def test_a_www_link_gets_nl201_with_a_fix_to_the_same_href() -> None:
    body = "- minutes at www.example.org/minutes/2026. Next: www.github.com/o/r/issues/3\n"
    first, second = lint(body, None, "NL201")
    assert (first.line, first.col) == (5, 14)
    assert "http://www.example.org/minutes/2026" in first.message
    fixed = apply_fixes(HEAD + body, [first, second])
    assert "<http://www.example.org/minutes/2026>." in fixed
    assert "[o/r#3](http://www.github.com/o/r/issues/3)" in fixed
    assert hrefs(github_html(fixed)) == hrefs(github_html(HEAD + body))


def test_www_alone_is_reported_without_a_fix() -> None:
    (finding,) = lint("- www. is the prefix\n", None, "NL201")
    assert "http://www" in finding.message and finding.fix is None
    assert lint("- www. is the prefix\n", HTTPS, "NL204") == []


def test_require_https_reports_a_www_link_as_http() -> None:
    body = "- www.example.org/a and www.other.org/b\n"
    known, unknown = lint(body, HTTPS, "NL204")
    assert "GitHub links a bare www. address with http://" in known.message
    assert known.fix is not None and unknown.fix is None  # only hosts known to serve https
    fixed = apply_fixes(HEAD + body, [known])
    assert "- https://www.example.org/a and www.other.org/b" in fixed
    assert hrefs(github_html(fixed))[0] == "https://www.example.org/a"
    no_https = {**GENERIC, "links": {"require-https": False}}
    assert lint(body, no_https, "NL204") == []


HOST = st.sampled_from(["www.example.org", "www.a.b.io", "www.x", "www.a_b.org", "www.github.com"])
PATH = st.text(alphabet="abcXYZ019/._-()?=&;#!:',]", max_size=10)
AROUND = st.text(alphabet="ab .,:;!?()[]'\"_&<>\n", max_size=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=AROUND, host=HOST, path=PATH, after=AROUND)
@example(before="[", host="www.example.org", path="](", after="")  # no link: "[url](" text
def test_www_links_found_are_the_ones_github_makes(
    before: str, host: str, path: str, after: str
) -> None:
    body = f"{before}{host}{path}{after}"
    assume(body.strip() and not body.lstrip().startswith(("-", "#", ">", "<")))
    # Emphasis that markdown-it reads across the URL: cmark-gfm's autolink scans the raw text
    # first (the limit documented for scheme URLs too).
    inline = [t for t in markdown_parser().parse(body) if t.type == "inline"]
    # Raw HTML that the two renderers' CommonMark versions read apart ("<!b …>").
    skip = {"em_open", "html_inline"}
    assume(not any(c.type in skip for t in inline for c in t.children or []))
    assume("\n\n" not in body and not re.search(r"\n\s*\n", body))
    github = [h for h in hrefs(github_html(body)) if h.startswith("http://www")]
    # A bare URL the model marks in_brackets is one GitHub leaves unlinked ("[www.x](").
    ours = [
        link.url
        for link in bare_links(body)
        if link.url.startswith("http://www") and not link.in_brackets
    ]
    event(f"GitHub links {min(len(github), 2)}")
    assert [unquote(html.unescape(h)) for h in github] == ours, body


def test_a_www_link_in_a_heading_keeps_the_heading_anchor() -> None:
    text = "# Agenda 2026-07-16\n\n## Notes on www.example.org/x\n\n- see [n](#notes-on-wwwexampleorgx)\n"
    config = make_config(HTTPS)
    found = [d for d in lint_text(text, config, "2026-07-16.md") if d.code in ("NL201", "NL204")]
    fixed = apply_fixes(text, [d for d in found if d.code == "NL201"])
    assert "## Notes on [www.example.org/x](http://www.example.org/x)\n" in fixed
    assert hrefs(github_html(fixed))[0] == "http://www.example.org/x"  # GitHub's href kept
    assert [d.code for d in lint_text(fixed, config, "2026-07-16.md") if d.code == "NL207"] == []
    https = apply_fixes(text, [d for d in found if d.code == "NL204"])
    assert "## Notes on [www.example.org/x](https://www.example.org/x)\n" in https
    assert [d.code for d in lint_text(https, config, "2026-07-16.md") if d.code == "NL207"] == []


@pytest.mark.parametrize("require_https", [False, True])
def test_the_www_fix_through_the_cli_adds_no_finding(tmp_path: Path, require_https: bool) -> None:
    text = HEAD + (
        "- minutes at www.example.org/minutes/2026. and (www.github.com/o/r/pull/4)\n"
        "- mirror: *www.example.org/mirror* and www. alone\n"
    )
    config = "extends: generic\nsections: {unknown: allow, named: []}\n"
    config += f"links: {{require-https: {str(require_https).lower()}}}\n"
    root = tmp_path / "r"
    (root / ".git").mkdir(parents=True)
    write_team(root, config, {"2026-07-16.md": text})

    def codes() -> dict[str, int]:
        result = run_cli("check", "--no-cache", "--format", "json", cwd=root)
        assert "Traceback" not in result.stderr and result.returncode in (0, 1)
        found: dict[str, int] = {}
        for finding in json.loads(result.stdout or "[]"):
            found[finding["code"]] = found.get(finding["code"], 0) + 1
        return found

    before = codes()
    assert run_cli("check", "--no-cache", "--fix", cwd=root).returncode in (0, 1)
    after = codes()
    assert all(after.get(code, 0) <= count for code, count in before.items())
    assert set(after) <= set(before)
    fixed = (root / "2026-07-16.md").read_text(encoding="utf-8")
    assert "<http" in fixed and "www. alone" in fixed
    if not require_https:  # the fix keeps GitHub's hrefs
        assert hrefs(github_html(fixed)) == hrefs(github_html(text))


# ------------------------------------------------------------- dangerous schemes in HTML


@pytest.mark.parametrize(
    ("html_text", "scheme"),
    [
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ("<a href='VBScript:msgbox'>x</a>", "vbscript"),
        ('<A HREF="Data:text/html;base64,AAAA">x</A>', "data"),
        ('<img src="file:///etc/passwd">', "file"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript"),  # a character reference
        ('<a href="&#x6A;ava&Tab;script:x">x</a>', "javascript"),  # a tab inside
        ('<a href=" \x01javascript:x">x</a>', "javascript"),  # leading space, control char
        ("<a href=javascript:x>x</a>", "javascript"),  # unquoted
        ('<form action="javascript:x"><button>go</button></form>', "javascript"),
    ],
)
def test_a_dangerous_scheme_in_html_is_nl209(html_text: str, scheme: str) -> None:
    body = f"- see {html_text} now\n"
    (finding,) = lint(body, None, "NL209")
    assert f"'{scheme}:'" in finding.message
    value_at = body.index("=", body.index("<") + 3) + 1
    assert finding.line == 5 and finding.col in (value_at + 1, value_at + 2)


def test_html_urls_in_a_block_point_at_their_line() -> None:
    body = '<div>\n  <p>\n    <a href="javascript:x">x</a>\n  </p>\n</div>\n'
    (finding,) = lint(body, None, "NL209")
    assert (finding.line, finding.col) == (7, 14)
    assert '<a href="javascript:x">' in github_html(body)  # an HTML block GitHub keeps as HTML


def test_html_urls_in_lists_quotes_and_tables_point_at_their_value() -> None:
    body = (
        '- item\n\n  <div>\n    <a href="javascript:a">x</a>\n  </div>\n\n'
        '> <div><img\n>   src="data:x"></div>\n\n'
        '| a | b |\n|---|---|\n| x | <a href="vbscript:z">y</a> |\n'
    )
    found = lint(body, None, "NL209")
    assert [(d.line, d.col) for d in found] == [(8, 14), (12, 10), (16, 16)]


def test_safe_html_urls_comments_and_code_pass() -> None:
    body = (
        '- <a href="https://example.org">a</a> <a href="mailto:a@example.org">m</a>\n'
        '- <img src="img/plan.png"> <a href="#notes">n</a> <a name="javascript:x">t</a>\n'
        '- `<a href="javascript:x">` and <!-- <a href="javascript:x"> -->\n'
    )
    assert lint(body, None, "NL209") == []


def test_links_schemes_restricts_html_urls_too() -> None:
    data = {**GENERIC, "links": {"schemes": ["https"]}}
    body = '- <a href="https://example.org">a</a> <a href="mailto:a@example.org">m</a>\n'
    (finding,) = lint(body, data, "NL209")
    assert "'mailto:' is not allowed" in finding.message


# ------------------------------------------------------------- HTML anchors GitHub keeps


@pytest.mark.parametrize(
    ("html_text", "target"),
    [
        ('<a id="pinned"></a>', True),
        ('<a name="pinned"></a>', True),
        ('<div id="pinned">x</div>', True),
        ('<span id="pinned">x</span>', True),
        ('<div name="pinned">x</div>', False),  # name is an anchor only on <a>
        ('<p name="pinned">x</p>', False),
        ('<img name="pinned" src="a.png">', False),
        ('<textarea id="pinned"></textarea>', False),  # GFM's tag filter: written as text
        ('<a data-id="pinned"></a>', False),
    ],
)
def test_html_anchors_are_the_ones_github_keeps(html_text: str, target: bool) -> None:
    body = f"{html_text}\n\n- see [the pin](#pinned)\n"
    findings = lint(body, None, "NL207")
    assert (findings == []) is target
    if target:
        rendered = github_html(HEAD + body)
        assert 'id="pinned"' in rendered or 'name="pinned"' in rendered


# ------------------------------------------------------------- site-root links that climb

SITE_CONFIG = (
    'extends: generic\ninclude: ["content/minutes/**/*.md"]\n'
    "sections:\n  level: 2\n  unknown: allow\n  named: []\n"
)
# In content/minutes/triage/2019-04-11.md, served at /minutes/triage/2019-04-11/.
SITE_LINKS = """# 2019-04-11

- [a](../../working-groups/parser/) [b](../../../working-groups/parser/)
- [c](/working-groups/parser/) [d](/content/working-groups/parser/)
- [e](../../../../../outside/) [f](/../working-groups/parser/)
- [g](../../working-groups/parser/#parser-working-group) [h](/working-groups/parser/#nope)
- [i](../../../working-groups/parser/#parser-working-group)
"""


def site_findings(root: Path, site_root: str | None) -> list[dict[str, Any]]:
    config = SITE_CONFIG + (f"links:\n  site-root: {site_root}\n" if site_root else "")
    (root / ".git").mkdir(parents=True)
    write_team(
        root,
        config,
        {
            "content/minutes/triage/2019-04-11.md": SITE_LINKS,
            "content/working-groups/parser/_index.md": "# Parser working group\n",
        },
    )
    result = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    return [f for f in json.loads(result.stdout) if f["code"] in ("NL206", "NL207")]


def test_a_site_url_resolves_inside_the_site_root_only(tmp_path: Path) -> None:
    found = site_findings(tmp_path / "site", "content")
    by_place = {(f["line"], f["col"]): (f["code"], f["message"]) for f in found}
    # [a] and [g] reach content/working-groups/parser/ from the note's folder, but the site
    # serves them from the page's URL: /minutes/working-groups/parser/, no page.
    assert by_place[(3, 3)][0] == "NL206"
    assert "from this page's URL /minutes/triage/2019-04-11/" in by_place[(3, 3)][1]
    assert by_place[(6, 3)][0] == "NL206"
    # [d] is a folder of the repository, not a URL of the site.
    assert by_place[(4, 32)][0] == "NL206"
    # [e] and [f] climb above the site root.
    assert "climbs above the root of the site in content/" in by_place[(5, 3)][1]
    assert "climbs above the root of the site in content/" in by_place[(5, 32)][1]
    assert by_place[(6, 58)][0] == "NL207"  # the page exists, its anchor does not
    assert sorted(by_place) == [(3, 3), (4, 32), (5, 3), (5, 32), (6, 3), (6, 58)]


def test_without_a_site_root_site_urls_are_not_judged(tmp_path: Path) -> None:
    assert site_findings(tmp_path / "site", None) == []


@given(st.text(alphabet="<>a hrefsc=\"' &#;:\t\n\x01jJ-!/", max_size=200))
def test_html_url_scan_never_fails_and_reads_urls_stripped(text: str) -> None:
    for attribute in html_urls(text):
        assert attribute.value and attribute.value == html_url(attribute.value)
        assert 0 <= attribute.offset <= len(text)


def test_many_autolinks_in_one_text_are_found_in_linear_time() -> None:
    import time

    from notes_lint.urls import find_bare_urls

    for text in (" www." * 100_000, " https://a" * 100_000, "_www.a_" * 100_000):
        start = time.perf_counter()
        find_bare_urls(text)
        assert time.perf_counter() - start < 5, text[:20]
