"""Issue 14: GitHub's heading anchors, HTML anchors, GFM footnotes and site-relative links.

Field cases f01 (slug marks), f03 (HTML anchors), f07 (footnotes) and C2
(site-relative links), each as a real CLI run over notes of the same kind.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_config, run_cli, write_team
from hypothesis import given
from hypothesis import strategies as st

from notes_lint.htmlanchors import html_anchors
from notes_lint.parse import parse_note
from notes_lint.slugs import anchor_key, github_slug, unique_slugs
from notes_lint.source import from_text

FIELD = ROOT.parent / "shared" / "cases" / "field"

CONFIG = 'extends: generic\ninclude: ["notes/**/*.md"]\n'


def write_repo(root: Path, notes: dict[str, str], config: str = CONFIG) -> Path:
    """A notes repository (a git work tree) holding ``notes`` (path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return write_team(root, config, notes)


def check(root: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--no-cache", "--format", "json", *args, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def at(findings: list[dict[str, Any]], code: str) -> list[tuple[int, int]]:
    return [(f["line"], f["col"]) for f in findings if f["code"] == code]


def meeting(body: str) -> str:
    """A generic-preset note whose ``body`` starts on line 9."""
    return f"# Meeting 2024-05-01\n\n## Attendees\n\n- Ana\n\n## Agenda\n\n{body}\n\n## Action items\n\n- (Ana) do it\n"


# ------------------------------------------------------------------ slug table

# (heading as written, anchor GitHub gives it): github-slugger's categories.
SLUGS = [
    ("हिन्दी सारांश", "हिन्दी-सारांश"),  # Devanagari vowel signs and virama are marks: kept
    ("ข้อมูล การประชุม", "ข้อมูล-การประชุม"),  # Thai tone marks and vowels: kept
    ("مُلخّص الاجتماع؟", "مُلخّص-الاجتماع"),  # Arabic harakat kept, its question mark dropped
    ("Cafe\u0301 plans", "cafe\u0301-plans"),  # an NFD accent is a mark: kept as written
    ("Café plans", "café-plans"),
    ("⚠\ufe0f Risks", "\ufe0f-risks"),  # the emoji goes, its variation selector stays
    ("⚠ Risks", "-risks"),
    ("🎉 Release", "-release"),
    ("👍🏽 ok", "-ok"),  # the skin tone is a modifier symbol: dropped
    ("👨\u200d👩\u200d👧 family", "-family"),  # the joiner is a format character: dropped
    ("x² and ①", "x-and-"),  # other numbers are dropped
    ("Ⅻ and Ⓐ", "ⅻ-and-ⓐ"),  # a letter number, an alphabetic symbol: kept
    ("a‿b snake_case", "a‿b-snake_case"),  # connector punctuation is kept
    ("A – B — C", "a--b--c"),  # dashes other than '-' are dropped
    ("What's new? (v1.0)", "whats-new-v10"),
    ("C++ & Rust 100%", "c--rust-100"),
    ("The `code_span()` part", "the-code_span-part"),  # inline code keeps its text
    ("[Link text](https://example.org) here", "link-text-here"),  # a link keeps its text
    ("<em>Big</em> news", "big-news"),  # HTML tags are dropped, their text kept
    ('<a id="x"></a> Title', "-title"),  # nothing is trimmed
    ("Привет 你好", "привет-你好"),
]


@pytest.mark.parametrize(("heading", "anchor"), SLUGS)
def test_heading_anchors_are_githubs(heading: str, anchor: str) -> None:
    note = parse_note(from_text(f"## {heading}\n", "<text>"), make_config())
    assert [h.slug for h in note.headings] == [anchor]


def test_repeated_slugs_count_like_github_slugger() -> None:
    texts = ["echo", "echo", "echo 1", "echo-1", "echo", "foxtrot-1", "foxtrot", "foxtrot"]
    assert unique_slugs(texts) == [
        "echo",
        "echo-1",
        "echo-1-1",
        "echo-1-2",
        "echo-2",
        "foxtrot-1",
        "foxtrot",
        "foxtrot-2",
    ]


def test_every_anchor_of_the_table_is_accepted_and_near_misses_are_not(tmp_path: Path) -> None:
    headings = "\n\n".join(f"### {heading}" for heading, _ in SLUGS)
    good = " ".join(f"[g{k}](#{anchor})" for k, (_, anchor) in enumerate(SLUGS))
    # What a slugger that strips marks, or keeps emoji, or drops U+FE0F would make.
    bad = "[b1](#हनद-सरश) [b2](#-risks-1) [b3](#⚠-risks) [b4](#x²-and-①) [b5](#cafe-plans)"
    body = f"{headings}\n\n- {good}\n- {bad}"
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    findings = check(repo)
    line = 9 + 2 * len(SLUGS) + 1
    assert {row for row, _ in at(findings, "NL207")} == {line}
    assert len(at(findings, "NL207")) == 5


def test_fragments_are_compared_nfc_and_percent_decoded(tmp_path: Path) -> None:
    body = "### Cafe\u0301 plans\n\n### ⚠️ Risks\n\n- [a](#caf%C3%A9-plans) [b](#%EF%B8%8F-risks) [c](#CAFÉ-PLANS)"
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    assert at(check(repo), "NL207") == []


def test_a_hint_spells_an_invisible_variation_selector(tmp_path: Path) -> None:
    body = "### ⚠️ Risks\n\n- [a](#-risks)"
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    (finding,) = [f for f in check(repo) if f["code"] == "NL207"]
    assert "did you mean '#%EF%B8%8F-risks'?" in finding["message"]


@pytest.mark.skipif(not (FIELD / "f01-slug-marks").is_dir(), reason="no ../shared field cases")
def test_field_case_f01_slug_marks(tmp_path: Path) -> None:
    repo = tmp_path / "f01"
    shutil.copytree(FIELD / "f01-slug-marks", repo)
    findings = check(repo)
    assert at(findings, "NL207") == [(16, 3), (16, 17), (16, 30)]
    hints = [f["message"] for f in findings if f["code"] == "NL207"]
    assert "did you mean '#हिन्दी-सारांश'?" in hints[0]


@given(st.text(max_size=40))
def test_a_slug_keeps_a_subsequence_of_the_text_and_is_its_own_slug(text: str) -> None:
    """Slugging only drops characters and turns spaces to '-': slugging again changes
    nothing (where lower-casing itself is stable)."""
    slug = github_slug(text)
    assert " " not in slug
    rest = iter(text.lower().replace(" ", "-"))
    assert all(char in rest for char in slug)
    if slug.lower() == slug:
        assert github_slug(slug) == slug


def test_anchor_key_folds_case_and_normal_form() -> None:
    assert anchor_key("Cafe\u0301") == anchor_key("CAFÉ") == "café"


# ---------------------------------------------------------------- HTML anchors


def test_html_ids_and_names_are_targets(tmp_path: Path) -> None:
    body = (
        '<a id="budget-decision"></a>\nBudget.\n\n<a name="old-style"></a>\nOld.\n\n'
        '<div class="box" ID=boxed>\n\nBoxed.\n\n</div>\n\n'
        'Inline <span id="inline-target">here</span>.\n\n'
        '<!-- <a id="commented"></a> -->\n\n'
        '| a | b |\n|---|---|\n| <a id="in-cell"></a>x | y |\n\n'
        "- [a](#budget-decision) [b](#old-style) [c](#boxed) [d](#inline-target) [e](#in-cell)\n"
        "- [f](#commented) [g](#budget)"
    )
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    findings = check(repo)
    assert at(findings, "NL207") == [(30, 3), (30, 19)]


def test_html_anchors_of_another_note_and_of_a_heading(tmp_path: Path) -> None:
    other = '# Other\n\n## <a id="pinned"></a>Decisions\n\n<a name="vote"></a>\n'
    body = "- [a](other.md#pinned) [b](other.md#vote) [c](other.md#decisions) [d](other.md#nope)"
    repo = write_repo(
        tmp_path / "repo", {"notes/2024-05-01.md": meeting(body), "notes/other.md": other}
    )
    assert at(check(repo), "NL207") == [(9, 67)]


def test_html_anchor_scan_reads_attributes_as_a_browser_does() -> None:
    assert html_anchors("<a id=\"a&amp;b\" name='c'><img id=d/>") == ["a&b", "c", "d/"]
    assert html_anchors('<p data-id="x" idx="y" id="">text id="z"</p>') == []
    assert html_anchors("<!-- <a id=x> --><b id=y><!-- <a id=z>") == ["y"]


@given(st.text(alphabet="<>a id=\"=' -!/", max_size=200))
def test_html_anchor_scan_never_fails(text: str) -> None:
    for anchor in html_anchors(text):
        assert anchor


@pytest.mark.skipif(not (FIELD / "f03-html-anchors").is_dir(), reason="no ../shared field cases")
def test_field_case_f03_html_anchors(tmp_path: Path) -> None:
    repo = tmp_path / "f03"
    shutil.copytree(FIELD / "f03-html-anchors", repo)
    assert at(check(repo), "NL207") == []


# ------------------------------------------------------------------- footnotes


def test_footnotes_are_neither_references_nor_files(tmp_path: Path) -> None:
    body = (
        "- Two claims need sources[^1][^2], one more[^note].\n"
        "- Undefined ones stay text: [^x][^y] and [text][^z].\n\n"
        "[^1]: First source.\n\n[^2]: Second source.\n\n[^note]: notes.md"
    )
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    findings = check(repo)
    assert at(findings, "NL208") == []
    assert at(findings, "NL206") == []


def test_links_beside_footnotes_keep_their_columns(tmp_path: Path) -> None:
    body = "- a[^1] [x](#nope) [^1] [r][missing] [^2][y](#gone) <http://example.org>\n\n[^1]: one\n[^2]: two"
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    findings = check(repo)
    assert at(findings, "NL207") == [(9, 9), (9, 42)]
    assert at(findings, "NL208") == [(9, 25)]
    assert at(findings, "NL204") == [(9, 53)]


def test_a_footnote_definition_stays_in_its_section(tmp_path: Path) -> None:
    body = "- claim[^1]\n\n[^1]: See [the plan](#nope)."
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    dump = run_cli("dump", "notes/2024-05-01.md", cwd=repo)
    links = json.loads(dump.stdout)["links"]
    assert [(link["url"], link["line"], link["section"]) for link in links] == [
        ("#nope", 11, "Agenda")
    ]
    assert at(check(repo), "NL207") == [(11, 11)]


def test_many_unclosed_footnote_openers_parse_quickly() -> None:
    import time

    text = "[^a]: x\n\n" + "[^" * 20000 + "\n"
    start = time.perf_counter()
    parse_note(from_text(text, "<text>"), make_config())
    assert time.perf_counter() - start < 10


@pytest.mark.skipif(not (FIELD / "f07-footnotes").is_dir(), reason="no ../shared field cases")
def test_field_case_f07_footnotes(tmp_path: Path) -> None:
    repo = tmp_path / "f07"
    shutil.copytree(FIELD / "f07-footnotes", repo)
    findings = check(repo)
    assert at(findings, "NL208") == [] and at(findings, "NL206") == []


# --------------------------------------------------------- site-relative links

SITE_CONFIG = 'extends: generic\ninclude: ["content/minutes/**/*.md"]\nsections:\n  level: 2\n  unknown: allow\n  named: []\n'
SITE_NOTE = """# 2019-04-11

## [wg-parser](../../../working-groups/parser/)

- [a](/working-groups/parser/) [b](/working-groups/lexer/) [c](../../../working-groups/lexer/)
- [d](/docs/) [e](/about) [f](/minutes/triage/2019-04-10/) [g](/img/logo.png)
- [h](/working-groups/parser/#parser-working-group) [i](/working-groups/parser/#nope)
- [j](/nope.md) [k](../../../working-groups/lexer)
"""


def site_repo(root: Path, site_root: str | None) -> Path:
    config = SITE_CONFIG + (f"links:\n  site-root: {site_root}\n" if site_root else "")
    return write_repo(
        root,
        {
            "content/minutes/triage/2019-04-11.md": SITE_NOTE,
            "content/minutes/triage/2019-04-10.md": "# 2019-04-10\n",
            "content/working-groups/parser/_index.md": "---\ntitle: P\n---\n# Parser working group\n",
            "content/docs/README.md": "# Docs\n",
            "content/about/index.md": "# About\n",
            "content/img/logo.png": "png",
        },
        config,
    )


def test_site_links_are_not_judged_without_a_site_root(tmp_path: Path) -> None:
    findings = check(site_repo(tmp_path / "repo", None))
    # Only what GitHub itself can judge: a Markdown file and a path that is not a URL.
    assert at(findings, "NL206") == [(8, 3), (8, 17)]
    assert at(findings, "NL207") == []


def test_site_links_resolve_as_the_site_does_with_a_site_root(tmp_path: Path) -> None:
    findings = check(site_repo(tmp_path / "repo", "content"))
    assert at(findings, "NL206") == [(5, 32), (5, 60), (8, 3), (8, 17)]
    message = next(f["message"] for f in findings if f["code"] == "NL206")
    assert "points to no page of the site in content/" in message
    assert at(findings, "NL207") == [(7, 53)]


def test_a_site_root_that_is_no_folder_is_a_config_error(tmp_path: Path) -> None:
    repo = site_repo(tmp_path / "repo", "contnt")
    result = run_cli("check", "--no-cache", cwd=repo)
    assert result.returncode == 2
    assert "links.site-root" in result.stderr and "contnt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not (FIELD / "C2-site-relative-link").is_dir(), reason="no ../shared field cases"
)
def test_field_case_c2_site_relative_link(tmp_path: Path) -> None:
    repo = tmp_path / "c2"
    shutil.copytree(FIELD / "C2-site-relative-link", repo)
    assert at(check(repo), "NL206") == []
    config = repo / ".notes-lint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "links:\n  site-root: content\n")
    assert at(check(repo), "NL206") == []


def test_an_image_in_a_heading_is_not_in_its_anchor_and_user_content_ids_count(
    tmp_path: Path,
) -> None:
    body = (
        '### ![logo](x.png) Logo title\n\n<a id="budget-2026"></a>\n\n'
        "- [a](#-logo-title) [b](#logo-logo-title) [c](#user-content-budget-2026)\n"
    )
    repo = write_repo(tmp_path / "repo", {"notes/2024-05-01.md": meeting(body)})
    found = [f for f in check(repo) if f["code"] == "NL207"]
    assert [f["message"].split("'")[1] for f in found] == ["#logo-logo-title"]
