"""Link rules NL201-NL209: bare URLs, GitHub link text, hosts, schemes, files and anchors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import found, make_config, only

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.linter import lint_paths, lint_text
from notes_lint.parse import parse_note
from notes_lint.source import from_text

SKLEARN: dict[str, Any] = {
    "extends": "sklearn-weekly",
    "people": {"Julien": "jjerphan", "Guillaume": "glemaitre"},
    "links": {"private-hosts": ["mattermost.inria.fr", "notes.inria.fr"]},
}
WITH_REPO: dict[str, Any] = {
    **SKLEARN,
    "links": {**SKLEARN["links"], "default-repo": "scikit-learn/scikit-learn"},
}

# The body goes on line 5; "- " puts its first character at column 3.
HEAD = "## 2021-09-14\n\n### Discussion\n\n"
TAIL = "\n\n### TODO / Next\n\n- Release 1.0 (Guillaume)\n"


def note(body: str) -> str:
    return HEAD + body + TAIL


def lint(body: str, data: dict[str, Any] | None = None) -> list[Diagnostic]:
    return lint_text(note(body), make_config(SKLEARN if data is None else data))


def test_a_note_with_good_links_has_no_diagnostics() -> None:
    body = (
        "- [#20254](https://github.com/scikit-learn/scikit-learn/pull/20254) and "
        "<https://scikit-learn.org/stable/>\n"
        "- [mail](mailto:team@example.org), [local](http://localhost:8000/), "
        "[the TODOs](#todo--next), `https://example.org/in-code`\n"
        "- [the release][release] and [release][]\n\n"
        "[release]: https://github.com/scikit-learn/scikit-learn/milestone/42"
    )
    assert lint(body) == []


# ---------------------------------------------------------------------- NL201


def test_nl201_bare_github_url_suggests_the_short_reference() -> None:
    d = only(
        lint("- see https://github.com/scikit-learn/scikit-learn/pull/20254 now", WITH_REPO),
        "NL201",
    )
    assert (d.line, d.col) == (5, 7)
    assert "[#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)" in d.message
    assert d.severity is Severity.WARNING
    assert d.fixable


def test_nl201_bare_github_url_of_another_repo_keeps_the_repo() -> None:
    d = only(lint("- https://github.com/acme/tools/issues/31", WITH_REPO), "NL201")
    assert (d.line, d.col) == (5, 3)
    assert "[acme/tools#31](https://github.com/acme/tools/issues/31)" in d.message


def test_nl201_other_bare_url_becomes_an_autolink_without_trailing_punctuation() -> None:
    d = only(lint("- read https://example.org/x."), "NL201")
    assert (d.line, d.col) == (5, 8)
    assert "<https://example.org/x>" in d.message


def test_nl201_same_url_twice_on_a_line_gets_two_positions() -> None:
    body = "- `https://example.org/a` https://example.org/a and https://example.org/a"
    assert found(lint(body), "NL201") == [(5, 27), (5, 53)]


def test_nl201_positions_on_continuation_lines_in_quotes_and_tables() -> None:
    body = (
        "- first line\n  and https://example.org/z\n\n"
        "> quoted https://example.org/q\n\n"
        "| a | b |\n|---|---|\n| x | https://example.org/t |"
    )
    assert found(lint(body), "NL201") == [(6, 7), (8, 10), (12, 7)]


def test_nl201_links_autolinks_and_code_are_not_bare() -> None:
    body = (
        "- <https://example.org/a> [https://example.org/b](https://example.org/b)\n"
        "- `https://example.org/c`\n\n```\nhttps://example.org/d\n```"
    )
    assert found(lint(body), "NL201") == []


def test_nl201_severity_from_the_config() -> None:
    d = only(lint("- https://example.org/", {**SKLEARN, "rules": {"NL201": "error"}}), "NL201")
    assert d.severity is Severity.ERROR
    assert (
        found(lint("- https://example.org/", {**SKLEARN, "rules": {"NL201": False}}), "NL201") == []
    )


# ---------------------------------------------------------------------- NL202


@pytest.mark.parametrize(
    "link",
    [
        "[#453](https://github.com/other/repo/issues/453)",
        "[other/repo#453](https://github.com/other/repo/issues/453)",
        "[Other/Repo#453](https://github.com/other/repo/pull/453)",
        "[the fix](https://github.com/other/repo/pull/454)",
        "[#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)",
    ],
)
def test_nl202_text_that_agrees_with_its_url(link: str) -> None:
    assert found(lint(f"- {link}", WITH_REPO), "NL202") == []


@pytest.mark.parametrize(
    ("link", "right"),
    [
        ("[#454](https://github.com/other/repo/issues/453)", "[#453]"),
        ("[other/repx#453](https://github.com/other/repo/issues/453)", "[other/repo#453]"),
        ("[other/repo#454](https://github.com/other/repo/issues/453)", "[other/repo#453]"),
        ("[#20245](https://github.com/scikit-learn/scikit-learn/pull/20254)", "[#20254]"),
        (
            "[other/repo#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)",
            "[scikit-learn/scikit-learn#20254]",
        ),
    ],
)
def test_nl202_text_that_disagrees_with_its_url(link: str, right: str) -> None:
    d = only(lint(f"- see {link}", WITH_REPO), "NL202")
    assert (d.line, d.col) == (5, 7)
    assert f"write {right}" in d.message
    assert d.severity is Severity.ERROR and d.fixable


# ---------------------------------------------------------------------- NL203


def test_nl203_configured_private_hosts_and_their_subdomains() -> None:
    body = (
        "- [chat](https://mattermost.inria.fr/team/pl/1) and [pad](https://x.notes.inria.fr/a)\n"
        "- <https://notes.inria.fr/b>"
    )
    diagnostics = lint(body)
    assert found(diagnostics, "NL203") == [(5, 3), (5, 53), (6, 3)]
    first = next(d for d in diagnostics if d.code == "NL203")
    assert "mattermost.inria.fr" in first.message
    assert first.severity is Severity.WARNING


def test_nl203_look_alike_and_parent_hosts_are_not_private() -> None:
    body = (
        "- [a](https://inria.fr/) [b](https://evilmattermost.inria.fr/) [c](https://notinria.fr/)"
    )
    assert found(lint(body), "NL203") == []


def test_nl203_no_private_hosts_unless_configured() -> None:
    body = "- [chat](https://mattermost.inria.fr/team/pl/1)"
    assert found(lint(body, {"extends": "sklearn-weekly"}), "NL203") == []


def test_nl203_private_addresses_and_allowed_exceptions() -> None:
    body = "- [router](https://192.168.1.1/) [wiki](https://wiki.corp/) [me](http://localhost/)"
    assert found(lint(body), "NL203") == [(5, 3), (5, 34)]
    data = {**SKLEARN, "links": {**SKLEARN["links"], "allowed-private-hosts": ["wiki.corp"]}}
    assert found(lint(body, data), "NL203") == [(5, 3)]


# ---------------------------------------------------------------------- NL204


def test_nl204_http_where_https_is_required() -> None:
    body = "- [docs](http://scikit-learn.org/stable/) and [gh](http://github.com/a/b)"
    diagnostics = lint(body)
    assert found(diagnostics, "NL204") == [(5, 3), (5, 47)]
    docs, github = (d for d in diagnostics if d.code == "NL204")
    assert "scikit-learn.org" in docs.message and "https://" in docs.message
    assert docs.severity is Severity.ERROR
    assert github.fixable and not docs.fixable  # GitHub is known to serve https


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/",
        "http://LOCALHOST/",
        "http://app.localhost/",
        "http://127.0.0.1:8888/lab",
        "http://127.0.0.2/",
        "http://[::1]:8080/",
    ],
)
def test_nl204_loopback_hosts_are_exempt(url: str) -> None:
    assert found(lint(f"- [app]({url}) and <{url}>"), "NL204") == []


def test_nl204_bare_and_image_urls_too() -> None:
    body = "- http://example.org/a ![plot](http://example.org/p.png)"
    assert found(lint(body), "NL204") == [(5, 3), (5, 24)]


def test_nl204_off_when_https_is_not_required() -> None:
    data = {**SKLEARN, "links": {"require-https": False}}
    assert found(lint("- [docs](http://example.org/)", data), "NL204") == []


# ---------------------------------------------------------------------- NL205


def test_nl205_empty_text_and_empty_destinations() -> None:
    diagnostics = lint("- [](https://example.org/) and [text]() and [t](#)")
    assert found(diagnostics, "NL205") == [(5, 3), (5, 32), (5, 45)]
    no_text, no_url, hash_only = (d for d in diagnostics if d.code == "NL205")
    assert "https://example.org/ has no text" in no_text.message
    assert "'text' has no destination" in no_url.message
    assert "'t' has no destination" in hash_only.message


def test_nl205_images_may_have_no_alt_text() -> None:
    assert found(lint("- ![](https://example.org/a.png) [ok](https://example.org/)"), "NL205") == []


# ---------------------------------------------------------------------- NL207 (in one note)


def test_nl207_fragments_use_github_slugs() -> None:
    diagnostics = lint("- [a](#discussion) [b](#todo--next) [c](#todo-next) [d](#2021-09-14)")
    d = only(diagnostics, "NL207")
    assert (d.line, d.col) == (5, 37)
    assert "'#todo-next'" in d.message
    assert "did you mean '#todo--next'?" in d.message


def test_nl207_top_and_line_anchors_always_have_a_target() -> None:
    """``#top`` and GitHub's line anchors are valid; anchors GitHub never makes are not (f04)."""
    good = "[t](#top) [T](#Top) [a](#L3) [b](#L3-L7) [c](#L3C1-L7C2)"
    assert found(lint(f"- {good}"), "NL207") == []
    bad = lint("- [a](#L0) [b](#l3) [c](#L3-) [d](#L3-7) [e](#tops)")
    assert found(bad, "NL207") == [(5, 3), (5, 12), (5, 21), (5, 31), (5, 42)]


def test_nl207_duplicate_headings_get_numbered_slugs() -> None:
    text = HEAD + "- a\n\n### Discussion\n\n- [b](#discussion-1) [c](#discussion-2)" + TAIL
    diagnostics = lint_text(text, make_config(SKLEARN))
    assert found(diagnostics, "NL207") == [(9, 22)]
    assert "'#discussion-2'" in only(diagnostics, "NL207").message


def test_nl207_slugs_drop_punctuation_and_keep_markup_text() -> None:
    text = "# T\n## What's new? (v1.0)\n## 🎉 Release\n## [#20254](https://x.org) `code` review\n"
    parsed = parse_note(from_text(text, "<text>"), make_config(SKLEARN))
    assert [h.slug for h in parsed.headings] == [
        "t",
        "whats-new-v10",
        "-release",
        "20254-code-review",
    ]


# ---------------------------------------------------------------------- NL208


def test_nl208_full_and_collapsed_references() -> None:
    diagnostics = lint("- see [the release][release-1.0] and [notes][] today")
    assert found(diagnostics, "NL208") == [(5, 7), (5, 38)]
    full, collapsed = (d for d in diagnostics if d.code == "NL208")
    assert "'[release-1.0]' is not defined" in full.message
    assert "'[release-1.0]: URL'" in full.message
    assert "'[notes]' is not defined" in collapsed.message


def test_nl208_never_a_lone_bracket_nor_hackmd_tags() -> None:
    body = "- [x] done\n- [name=Julien] said [maybe] and [name=Ana] [later]\n- [ ] open [todo]"
    assert found(lint(body), "NL208") == []


def test_nl208_escaped_code_and_fenced_brackets_are_not_references() -> None:
    body = "- `[a][b]` \\[c\\]\\[d\\]\n\n```\n[e][f]\n```"
    assert found(lint(body), "NL208") == []


def test_nl208_defined_references_match_case_insensitively() -> None:
    body = "- [a][Ref] and [b][REF] and [ref][]\n\n[ref]: https://example.org/"
    assert found(lint(body), "NL208") == []


def test_nl208_after_a_task_checkbox() -> None:
    assert found(lint("- [x] [ref][missing]"), "NL208") == [(5, 7)]


# ---------------------------------------------------------------------- NL209


@pytest.mark.parametrize(
    ("link", "scheme"),
    [
        ("[x](javascript:alert(1))", "javascript"),
        ("[y](data:text/html,hi)", "data"),
        ("![z](data:image/png;base64,AAAA)", "data"),
        ("[w](file:///etc/passwd)", "file"),
        ("<file:///home/julien/notes.md>", "file"),
        ("[v](vbscript:msgbox)", "vbscript"),
    ],
)
def test_nl209_disallowed_schemes(link: str, scheme: str) -> None:
    d = only(lint(f"- see {link}"), "NL209")
    assert (d.line, d.col) == (5, 7)
    assert f"'{scheme}:'" in d.message
    assert "https" in d.message  # lists what is allowed


GENERIC: dict[str, Any] = {"extends": "generic", "sections": {"level": 2, "unknown": "allow"}}


def test_nl209_by_default_only_unsafe_schemes() -> None:
    """Without links.schemes, a meeting client's or a chat's scheme is no finding (field case C1)."""
    text = (
        "# Meeting 2024-12-12\n\n## Agenda\n\n"
        "- office hours <time:2024-12-05T17:00:00+01:00> [cal](webcal://example.org/s.ics)\n"
        "- [call](tel:+3312345678) [zoom](zoommtg://zoom.us/join?confno=1) [f](ftp://a.org/f)\n"
        "- [x](JavaScript:alert(1)) <data:text/html,hi>\n"
    )
    diagnostics = [d for d in lint_text(text, make_config(GENERIC)) if d.code == "NL209"]
    assert [(d.line, d.col) for d in diagnostics] == [(7, 3), (7, 28)]
    assert "'javascript:' is unsafe" in diagnostics[0].message


def test_nl209_allowed_schemes_from_the_config() -> None:
    body = "- [a](ftp://example.org/f) [b](https://example.org/) [c](mailto:a@example.org)"
    assert found(lint(body), "NL209") == [(5, 3)]
    data = {**SKLEARN, "links": {"schemes": ["https", "ftp"]}}
    assert found(lint(body, data), "NL209") == [(5, 54)]


# ------------------------------------------------------------- NL206 / NL207 (files)


def make_repo(root: Path) -> Path:
    """A notes repository in ``root/repo`` (a git work tree when git is available)."""
    repo = root / "repo"
    (repo / "notes" / "2021").mkdir(parents=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "notes" / "2021" / "2021-09-07.md").write_text(
        "## 2021-09-07\n\n### Discussion\n\n- a\n\n### TODO / Next\n\n- x (Julien)\n",
        encoding="utf-8",
    )
    (repo / "notes" / "2021" / "old notes.md").write_text("# Old\n", encoding="utf-8")
    return repo


def lint_note_file(repo: Path, body: str, data: dict[str, Any] | None = None) -> list[Diagnostic]:
    path = repo / "notes" / "2021" / "2021-09-14.md"
    path.write_text(note(body), encoding="utf-8")
    config = make_config(SKLEARN if data is None else data, repo)
    result = lint_paths(config, [path], cwd=repo)
    assert all(d.path == "notes/2021/2021-09-14.md" for d in result.diagnostics)
    return result.diagnostics


def test_nl206_relative_links_resolve_against_the_note_folder(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    body = (
        "- [last week](2021-09-07.md) [old](old%20notes.md) [folder](../2021/) "
        "[abs](/notes/2021/2021-09-07.md)\n"
        "- [missing](2021-09-01.md) [abs missing](/nope.md) [plot](plot.png)"
    )
    diagnostics = lint_note_file(repo, body)
    assert found(diagnostics, "NL206") == [(6, 3), (6, 28), (6, 52)]
    missing = next(d for d in diagnostics if d.code == "NL206")
    assert "'2021-09-01.md'" in missing.message and "does not exist" in missing.message
    assert missing.severity is Severity.ERROR


def test_nl206_links_never_resolve_outside_the_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    body = (
        "- [up](../../../secret.md) [abs up](/../secret.md) [frag](../../../secret.md#nope)\n"
        "- [fine](../../notes/2021/2021-09-07.md)"
    )
    diagnostics = lint_note_file(repo, body)
    assert found(diagnostics, "NL206") == [(5, 3), (5, 28), (5, 52)]
    assert all("outside the repository" in d.message for d in diagnostics if d.code == "NL206")
    assert found(diagnostics, "NL207") == []  # the outside note is never read


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_nl206_a_symlink_does_not_lead_outside(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    try:
        (repo / "notes" / "2021" / "link.md").symlink_to(tmp_path / "secret.md")
    except OSError:
        pytest.skip("cannot create symlinks here")
    diagnostics = lint_note_file(repo, "- [linked](link.md#secret)")
    d = only(diagnostics, "NL206")
    assert (d.line, d.col) == (5, 3)
    assert "outside the repository" in d.message


def test_nl207_fragments_in_other_notes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    body = (
        "- [a](2021-09-07.md#discussion) [b](2021-09-07.md#todo--next) "
        "[c](2021-09-07.md#Discussion)\n"
        "- [d](2021-09-07.md#todo-next) [e](2021-09-07.md#nothing) [f](old%20notes.md#old)"
    )
    diagnostics = lint_note_file(repo, body)
    assert found(diagnostics, "NL207") == [(6, 3), (6, 32)]
    wrong, nothing = (d for d in diagnostics if d.code == "NL207")
    assert "2021-09-07.md" in wrong.message
    assert "did you mean '#todo--next'?" in wrong.message
    assert "'#nothing'" in nothing.message
    assert found(diagnostics, "NL206") == []


def test_nl207_line_anchors_in_other_notes(tmp_path: Path) -> None:
    """A link to lines of another note's source is valid (field case f05)."""
    repo = make_repo(tmp_path)
    body = "- [a](2021-09-07.md?plain=1#L3) [b](2021-09-07.md#L3-L7) [c](2021-09-07.md#L3x)"
    assert found(lint_note_file(repo, body), "NL207") == [(5, 58)]


def test_nl207_duplicate_headings_in_another_note(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    (repo / "notes" / "2021" / "2021-09-07.md").write_text(
        "## 2021-09-07\n\n### Discussion\n\n- a\n\n### Discussion\n\n- b\n", encoding="utf-8"
    )
    body = "- [1](2021-09-07.md#discussion-1) [2](2021-09-07.md#discussion-2)"
    assert found(lint_note_file(repo, body), "NL207") == [(5, 35)]


def test_nl207_a_missing_target_is_only_nl206(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    diagnostics = lint_note_file(repo, "- [gone](2021-08-31.md#discussion)")
    assert found(diagnostics, "NL206") == [(5, 3)]
    assert found(diagnostics, "NL207") == []


def test_in_memory_notes_do_not_touch_the_file_system() -> None:
    body = "- [gone](no/such/file.md) [up](../../../etc/passwd)"
    diagnostics = lint(body)
    assert found(diagnostics, "NL206") == []
    assert found(diagnostics, "NL207") == []


# ----------------------------------------------------------------------- CRLF


def test_crlf_gives_the_same_link_positions_as_lf() -> None:
    body = (
        "- see https://example.org/x and [chat](https://mattermost.inria.fr/1)\n"
        "  and [t](http://example.org/) [u][nope] [#1](https://github.com/a/b/issues/2)\n"
        "- [a](#missing) [j](javascript:void(0)) [](https://example.org/)"
    )
    config = make_config(SKLEARN)
    lf = [(d.line, d.col, d.code) for d in lint_text(note(body), config)]
    assert {code for _, _, code in lf} == {
        "NL201",
        "NL202",
        "NL203",
        "NL204",
        "NL205",
        "NL207",
        "NL208",
        "NL209",
    }
    crlf = [(d.line, d.col, d.code) for d in lint_text(note(body).replace("\n", "\r\n"), config)]
    assert crlf == lf


def test_nl204_says_where_the_link_ends() -> None:
    """The range an editor underlines is the link as written, not the rest of the line."""
    from conftest import make_config

    from notes_lint.linter import lint_text

    text = (
        "# S 2024-09-19\n\n- see http://example.org/x and more\n"
        "- see [a](http://example.org/y) and more\n- <http://example.org/z> and more\n"
    )
    found = [
        (d.line, d.col, d.end)
        for d in lint_text(text, make_config({"extends": "generic"}), "2024-09-19.md")
        if d.code == "NL204"
    ]
    assert found == [(3, 7, (3, 27)), (4, 7, (4, 32)), (5, 3, (5, 25))]
