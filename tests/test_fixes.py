"""Safe auto-fixes (issue 5): each rule's fix and its guard, the fix loop, --fix / --diff.

Every fix is checked on the bytes it writes: the edited spans change, nothing
else does (CRLF, BOM, tabs, trailing whitespace, non-ASCII, front matter, code).
The shared corpus is fixed in a temporary git repository, and ``git diff`` must
show only the lines that carried a fixable diagnostic.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import make_config, run_cli

from notes_lint.atomic import WriteError, write_atomic
from notes_lint.config import Config, config_from_mapping, read_config_file
from notes_lint.diagnostics import Diagnostic, Edit, Severity
from notes_lint.edits import Original, Placed
from notes_lint.fixes import (
    MAX_PASSES,
    FixedNote,
    fix_source_text,
    fix_text,
)
from notes_lint.formats import render
from notes_lint.linter import lint_paths, lint_text
from notes_lint.parse import parse_note
from notes_lint.source import Source, from_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SKLEARN_REPO = "scikit-learn/scikit-learn"
PR = "https://github.com/scikit-learn/scikit-learn/pull/20254"
ISSUE = "https://github.com/scikit-learn/scikit-learn/issues/28360"
OTHER = "https://github.com/numpy/numpy/issues/3"

SKLEARN: dict[str, Any] = {
    "extends": "sklearn-weekly",
    "people": {"Julien": "jjerphan", "Guillaume": "glemaitre", "Loïc": None},
    "links": {"default-repo": SKLEARN_REPO},
}

# A team that accepts empty sections (NL107 off): the only one NL103's fix inserts
# a heading for, since an empty section is otherwise a finding of its own (issue 14).
SCAFFOLD: dict[str, Any] = {**SKLEARN, "rules": {"NL107": "off"}}

HEAD = "## 2021-09-14\n\n### Discussion\n\n"
TAIL = "\n\n### TODO / Next\n\n- Release 1.0 (Guillaume)\n"


def note(body: str) -> str:
    return HEAD + body + TAIL


def config(data: dict[str, Any] | None = None) -> Config:
    return make_config(SKLEARN if data is None else data)


def fixed(text: str, data: dict[str, Any] | None = None) -> str:
    return fix_text(text, config(data), "2021-09-14.md").output


def fixable(text: str, data: dict[str, Any] | None = None) -> list[Diagnostic]:
    return [d for d in lint_text(text, config(data), "2021-09-14.md") if d.fixable]


def codes(text: str, data: dict[str, Any] | None = None) -> list[str]:
    return [d.code for d in lint_text(text, config(data), "2021-09-14.md")]


# ------------------------------------------------------------------ NL201


@pytest.mark.parametrize(
    ("url", "written"),
    [
        (PR, f"[#20254]({PR})"),
        (ISSUE, f"[#28360]({ISSUE})"),
        (OTHER, f"[numpy/numpy#3]({OTHER})"),
        ("https://example.org/a_b?x=1", "<https://example.org/a_b?x=1>"),
        (
            "https://github.com/scikit-learn/scikit-learn",
            "<https://github.com/scikit-learn/scikit-learn>",
        ),
    ],
)
def test_nl201_bare_url(url: str, written: str) -> None:
    assert fixed(note(f"- see {url} today")) == note(f"- see {written} today")


def test_nl201_default_repo_falls_back_to_github_repo() -> None:
    data = {**SKLEARN, "links": {}, "github": {"repo": SKLEARN_REPO}}
    assert fixed(note(f"- {PR}"), data) == note(f"- [#20254]({PR})")
    without = {**SKLEARN, "links": {}}
    assert fixed(note(f"- {PR}"), without) == note(f"- [{SKLEARN_REPO}#20254]({PR})")


def test_nl201_trailing_punctuation_and_parentheses_stay_outside() -> None:
    body = f"- (see {PR}). And https://example.org/x, then"
    assert fixed(note(body)) == note(f"- (see [#20254]({PR})). And <https://example.org/x>, then")


def test_nl201_after_an_exclamation_mark_is_not_made_an_image() -> None:
    assert fixed(note(f"- wow!{PR}")) == note(f"- wow!<{PR}>")
    assert "NL201" not in codes(fixed(note(f"- wow!{PR}")))


def test_nl201_in_a_heading_keeps_the_headings_text_and_anchor() -> None:
    text = f"## 2021-09-14\n\n### Discussion\n\n#### About {PR}\n\n- x" + TAIL
    assert fixed(text) == text.replace(f"About {PR}", f"About <{PR}>")
    slugs = [h.slug for h in parse_note(from_text(text), config()).headings]
    assert [h.slug for h in parse_note(from_text(fixed(text)), config()).headings] == slugs


def test_nl201_after_a_backslash_is_not_fixable() -> None:
    text = note(f"- a\\{PR}")
    assert [d.code for d in lint_text(text, config()) if d.code == "NL201"] == ["NL201"]
    assert fixable(text) == []
    assert fixed(text) == text


def test_nl201_url_written_with_an_entity_is_not_fixable() -> None:
    # The text holds '&', the source '&amp;': the span does not hold the URL, so no fix.
    text = note("- https://example.org/?a=1&amp;b=2")
    assert "NL201" in codes(text)
    assert fixable(text) == []
    assert fixed(text) == text


@pytest.mark.parametrize(
    "body",
    [
        f"- `{PR}` in a code span",
        f"- ``a {PR} b`` in a double code span",
        f"```\n{PR}\n```",
        f"~~~text\n{PR}\n~~~",
        f"    {PR}",  # indented code
        f"- [the PR]({PR})",
        f"- <{PR}>",
        f'<a href="{PR}">the PR</a>',
    ],
)
def test_a_url_in_code_or_in_a_link_is_not_a_bare_url(body: str) -> None:
    text = note(body)
    assert "NL201" not in codes(text)
    assert fixed(text) == text


# ------------------------------------------------------------------ NL202


def test_nl202_link_text_becomes_the_urls_reference() -> None:
    assert fixed(note(f"- [#20245]({PR})")) == note(f"- [#20254]({PR})")
    body = f"- [numpy/numpy#4]({OTHER}) and [scikit-learn/scikit-learn#1]({PR})"
    assert fixed(note(body)) == note(
        f"- [numpy/numpy#3]({OTHER}) and [scikit-learn/scikit-learn#20254]({PR})"
    )


def test_nl202_text_with_markup_is_not_rewritten() -> None:
    text = note(f"- [**#20245**]({PR})")
    assert "NL202" in codes(text)
    assert fixable(text) == []


def test_nl202_reference_links_are_fixed_in_their_text() -> None:
    text = note(f"- [#1][pr]\n\n[pr]: {PR}")
    assert fixed(text) == note(f"- [#20254][pr]\n\n[pr]: {PR}")


# ------------------------------------------------------------------ NL204


@pytest.mark.parametrize(
    "url",
    [
        "http://github.com/scikit-learn/scikit-learn/wiki",
        "http://gist.github.com/someone/abc",
        "http://raw.githubusercontent.com/a/b/main/README.md",
        "http://scikit-learn.github.io/stable/",
    ],
)
def test_nl204_github_hosts_get_https(url: str) -> None:
    assert fixed(note(f"- [docs]({url})")) == note(f"- [docs](https{url[4:]})")


def test_nl204_configured_hosts_get_https_others_do_not() -> None:
    text = note(
        "- [docs](http://scikit-learn.org/stable/) and ![logo](http://ci.example.org/x.png)"
    )
    assert fixable(text) == []
    data = {**SKLEARN, "links": {**SKLEARN["links"], "https-hosts": ["scikit-learn.org"]}}
    assert fixed(text, data) == note(
        "- [docs](https://scikit-learn.org/stable/) and ![logo](http://ci.example.org/x.png)"
    )


def test_nl204_in_autolinks_images_and_titles() -> None:
    body = (
        "- <http://github.com/a/b> and ![x](http://github.com/a/b/x.png) and "
        '[t]( http://github.com/a/b "a title")'
    )
    assert fixed(note(body)) == note(body.replace("http:", "https:"))


def test_nl204_reference_definitions_are_not_rewritten_from_a_use() -> None:
    text = note("- [the wiki][w]\n\n[w]: http://github.com/a/b/wiki")
    assert "NL204" in codes(text)
    assert fixable(text) == []


def test_nl204_and_nl201_on_one_bare_url_both_apply() -> None:
    text = note("- see http://github.com/scikit-learn/scikit-learn/issues/1 now")
    out = fix_text(text, config(), "n.md")
    assert out.output == note(
        "- see [#1](https://github.com/scikit-learn/scikit-learn/issues/1) now"
    )
    assert sorted(d.code for d in out.fixed) == ["NL201", "NL204"]
    assert out.passes == 2


# ------------------------------------------------------------------ NL108


def test_nl108_heading_gets_the_right_number_of_hashes() -> None:
    text = "## 2021-09-14\n\n#### Julien\n\n- work\n\n## Discussion ##\n\n- x" + TAIL
    assert fixed(text) == "## 2021-09-14\n\n### Julien\n\n- work\n\n### Discussion ##\n\n- x" + TAIL


def test_nl108_setext_heading_is_not_fixable() -> None:
    text = "## 2021-09-14\n\nDiscussion\n----------\n\n- x" + TAIL
    assert "NL108" in codes(text)
    assert [d.code for d in fixable(text)] == []


def test_nl108_is_not_fixed_into_the_date_heading() -> None:
    # Sections and the date both at level 2: made level 2, '### Julien' would come
    # first at that level, and become the date heading.
    data = {**SKLEARN, "sections": {"level": 2}}
    text = "### Julien\n\n## 2021-09-14\n\n## Discussion\n\n- x\n\n## TODO / Next\n\n- y (Julien)\n"
    assert "NL108" in codes(text, data)
    assert not [d for d in fixable(text, data) if d.code == "NL108"]
    later = (
        "## 2021-09-14\n\n### Julien\n\n- work\n\n## Discussion\n\n- x\n\n## TODO / Next\n\n"
        "- y (Julien)\n"
    )
    assert fixed(later, data) == later.replace("### Julien", "## Julien")


# ------------------------------------------------------------------ NL103


def test_nl103_inserts_the_section_where_the_order_puts_it() -> None:
    text = "## 2021-09-14\n\n### Julien\n\n- work\n\n### TODO / Next\n\n- Release (Guillaume)\n"
    assert fixed(text, SCAFFOLD) == (
        "## 2021-09-14\n\n### Julien\n\n- work\n\n### Discussion\n\n"
        "### TODO / Next\n\n- Release (Guillaume)\n"
    )


@pytest.mark.parametrize(
    ("end", "appended"),
    [
        ("- plans\n", "- plans\n\n### TODO / Next\n"),
        ("- plans", "- plans\n\n### TODO / Next\n"),
        ("- plans\n\n", "- plans\n\n### TODO / Next\n"),
        ("- plans  \n\n\n", "- plans  \n\n\n### TODO / Next\n"),
    ],
)
def test_nl103_appends_at_the_end(end: str, appended: str) -> None:
    assert fixed(HEAD + end, SCAFFOLD) == HEAD + appended


def test_nl103_two_missing_sections_go_in_schema_order() -> None:
    assert fixed("## 2021-09-14\n\n### Julien\n\n- x\n", SCAFFOLD) == (
        "## 2021-09-14\n\n### Julien\n\n- x\n\n### Discussion\n\n### TODO / Next\n"
    )


def test_nl103_before_person_sections_when_they_go_after() -> None:
    data = {**SCAFFOLD, "sections": {"persons": "after"}}
    text = "## 2021-09-14\n\n### Discussion\n\n- x\n\n### Julien\n\n- y\n"
    assert fixed(text, data) == (
        "## 2021-09-14\n\n### Discussion\n\n- x\n\n### TODO / Next\n\n### Julien\n\n- y\n"
    )


def test_nl103_is_not_offered_where_it_would_land_in_a_code_block() -> None:
    text = "## 2021-09-14\n\n### Discussion\n\n```\nan unclosed fence\n"
    assert "NL103" in codes(text, SCAFFOLD)
    assert fixable(text, SCAFFOLD) == []
    assert fixed(text, SCAFFOLD) == text


def test_nl103_is_not_offered_where_the_empty_section_would_be_nl107() -> None:
    # With NL107 on (every preset), the inserted empty heading would be a new finding:
    # the fix that cannot promise "no worse" is not offered, the message still says what
    # to add, and --fix leaves the note as it was.
    text = "## 2021-09-14\n\n### Julien\n\n- work\n\n### TODO / Next\n\n- Release (Guillaume)\n"
    found = [d for d in lint_text(text, config(), "2021-09-14.md") if d.code == "NL103"]
    assert [(d.message, d.fixable) for d in found] == [
        (
            "required section 'Discussion' is missing: add '### Discussion' before 'TODO / Next'",
            False,
        )
    ]
    assert fixed(text) == text
    assert "NL107" not in codes(fixed(text))
    # The same note with NL107 at any severity but off: still no fix.
    assert fixable(text, {**SKLEARN, "rules": {"NL107": "error"}}) == []


# ------------------------------------------------------------------ NL302


@pytest.mark.parametrize(
    ("todo", "written"),
    [
        ("- Release 1.0 (Guilaume)", "- Release 1.0 (Guillaume)"),
        ("- Guilaume: release 1.0", "- Guillaume: release 1.0"),
        ("- (Guilaume, Jlien) release 1.0", "- (Guillaume, Julien) release 1.0"),
        ("- @glemaitr release 1.0", "- @glemaitre release 1.0"),
        ("- [ ] Ask Guilaume about it (Guilaume)", "- [ ] Ask Guilaume about it (Guillaume)"),
    ],
)
def test_nl302_misspelt_owner_becomes_the_roster_name(todo: str, written: str) -> None:
    head = HEAD + "- plans\n\n### TODO / Next\n\n"
    assert fixed(head + todo + "\n") == head + written + "\n"


def test_nl302_an_owner_group_is_fixed_once_for_all_its_todos() -> None:
    head = HEAD + "- plans\n\n### TODO / Next\n\n"
    text = head + "- Guilaume:\n    - release\n    - announce\n"
    out = fix_text(text, config(), "n.md")
    assert out.output == head + "- Guillaume:\n    - release\n    - announce\n"
    assert [d.code for d in out.fixed] == ["NL302"]  # one finding, on the name
    assert len(out.changes) == 1


def test_nl302_is_not_fixed_when_the_match_is_ambiguous_or_another_name() -> None:
    head = HEAD + "- plans\n\n### TODO / Next\n\n"
    two = {**SKLEARN, "people": {"Johanna": "jo-gh", "Johan": "johan-gh"}}
    assert fixable(head + "- Release (Johann)\n", two) == []  # a typo of both
    short = {**SKLEARN, "people": {"John": "john-gh"}}
    assert fixable(head + "- Release (Jon)\n", short) == []  # short: Jon may be someone else
    mark = {**SKLEARN, "people": {"Mara": "m-ou-se"}}
    diagnostics = lint_text(head + "- Release (Mark)\n", config(mark))
    nl302 = [d for d in diagnostics if d.code == "NL302"]
    assert len(nl302) == 1 and "did you mean 'Mara'?" in nl302[0].message
    assert not nl302[0].fixable  # a suggestion, but Mark is someone else


def test_nl302_spellings_of_one_person_are_not_ambiguous() -> None:
    head = HEAD + "- plans\n\n### TODO / Next\n\n"
    data = {**SKLEARN, "people": {"Guillaume": {"login": "glemaitre", "aliases": ["Guillaume L"]}}}
    assert fixed(head + "- Release (Guilaume)\n", data) == head + "- Release (Guillaume)\n"


# ------------------------------------------------------------ bytes kept


def test_crlf_bom_tabs_trailing_spaces_non_ascii_and_front_matter_are_kept() -> None:
    text = (
        "\ufeff---\r\ntitle: Réunion\t \r\n---\r\n## 2021-09-14\r\n\r\n### Discussion\r\n\r\n"
        f"- Café\tau lait  {PR}  \r\n- `{OTHER}` ✅\t\r\n\r\n```\r\n{PR}\r\n```\r\n"
    )
    out = fix_text(text, config(SCAFFOLD), "n.md")
    assert out.output == text.replace(f"  {PR}", f"  [#20254]({PR})") + "\r\n### TODO / Next\r\n"
    assert out.data().startswith(b"\xef\xbb\xbf")
    assert b"\n" not in out.data().replace(b"\r\n", b"")


def test_an_insertion_uses_the_line_ending_of_its_line_in_a_mixed_file() -> None:
    text = "## 2021-09-14\n\n### Julien\r\n\r\n- x\r\n\r\n### TODO / Next\n\n- y (Julien)\n"
    assert fixed(text, SCAFFOLD) == (
        "## 2021-09-14\n\n### Julien\r\n\r\n- x\r\n\r\n### Discussion\n\n"
        "### TODO / Next\n\n- y (Julien)\n"
    )


def test_old_mac_line_endings_are_kept() -> None:
    text = f"## 2021-09-14\r\r### Discussion\r\r- {PR}"
    assert fixed(text, SCAFFOLD) == (
        f"## 2021-09-14\r\r### Discussion\r\r- [#20254]({PR})\r\r### TODO / Next\r"
    )


def test_changes_report_exactly_what_was_replaced() -> None:
    text = note(f"- a {PR}\n- [b](http://github.com/a/b)")
    out = fix_text(text, config(), "n.md")
    rebuilt, position = [], 0
    for change in out.changes:
        rebuilt += [text[position : change.start], change.text]
        position = change.end
    assert "".join([*rebuilt, text[position:]]) == out.after
    assert [text[c.start : c.end] for c in out.changes] == [PR, "http"]


# ------------------------------------------------------------ the engine


def test_edits_overlap_rules() -> None:
    insert, other_insert = Placed(5, 5, "x"), Placed(5, 5, "y")
    replace = Placed(3, 8, "z")
    assert insert.conflicts(other_insert)
    assert insert.conflicts(replace) and replace.conflicts(insert)
    assert not Placed(8, 8, "x").conflicts(replace)  # at the edge: no doubt about the order
    assert not Placed(3, 3, "x").conflicts(replace)
    assert not insert.conflicts(Placed(5, 5, "x"))  # the same edit, shared
    assert Placed(4, 9, "a").conflicts(replace) and not Placed(8, 9, "a").conflicts(replace)


def test_an_edit_whose_span_does_not_hold_what_it_claims_is_never_applied() -> None:
    original = Original("ab\r\ncd")
    assert original.place(Edit.replace(2, 1, "cd", "CD")) == Placed(4, 6, "CD")
    assert original.place(Edit.replace(2, 1, "cx", "CD")) is None
    assert original.place(Edit.replace(3, 1, "", "x")) is None  # no line 3
    assert original.place(Edit(1, 2, 2, 1, "", "b\n")) == Placed(1, 4, "")
    assert original.place(Edit.insert(1, 3, "\n")) == Placed(2, 2, "\r\n")


def _stubborn(source: Source) -> list[Diagnostic]:
    """A linter whose fix never makes its finding go away (a rule with a bug)."""
    found = [
        Diagnostic(source.path, 1, 1, "NL999", "always", Severity.ERROR, (Edit.insert(1, 1, "x"),))
    ]
    if source.text.startswith("a"):
        found.append(
            Diagnostic(
                source.path, 1, 1, "NL998", "a", Severity.ERROR, (Edit.replace(1, 1, "a", "b"),)
            )
        )
    return found


def test_a_fix_that_does_not_work_is_undone_and_fixing_still_terminates() -> None:
    out = fix_source_text("abc\n", _stubborn)
    assert out.output == "bbc\n"  # the working fix applied, the stubborn one left alone
    assert [d.code for d in out.fixed] == ["NL998"]
    again = fix_source_text(out.output, _stubborn)
    assert again.output == out.output and not again.changed
    assert MAX_PASSES >= 2


def test_fixable_is_true_exactly_when_a_fix_is_attached() -> None:
    text = note(f"- {PR}\n- [docs](http://example.org)")
    diagnostics = lint_text(text, config())
    assert {d.code for d in diagnostics} >= {"NL201", "NL204"}
    for d in diagnostics:
        assert json.loads(render([d], "json"))[0]["fixable"] is (d.fix is not None)


# ------------------------------------------------------------- the CLI


CLI_CONFIG = "extends: sklearn-weekly\npeople:\n  Guillaume: glemaitre\nlinks:\n  default-repo: scikit-learn/scikit-learn\n"
CLI_NOTE = (
    "## 2021-09-14\r\n\r\n### Discussion\r\n\r\n"
    f"- see {PR}\r\n- [docs](http://example.org)\r\n\r\n"
    "### TODO / Next\r\n\r\n- Release 1.0 (Guilaume)\r\n"
)
CLI_FIXED = CLI_NOTE.replace(f"see {PR}", f"see [#20254]({PR})").replace("Guilaume", "Guillaume")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CLI_CONFIG, encoding="utf-8")
    (tmp_path / "2021-09-14.md").write_bytes(CLI_NOTE.encode())
    return tmp_path


def test_fix_writes_and_reports_what_is_left_as_check_does(repo: Path) -> None:
    path = repo / "2021-09-14.md"
    path.chmod(0o640)
    result = run_cli("check", "--fix", cwd=repo)
    assert path.read_bytes() == CLI_FIXED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(repo)) == [".notes-lint.yaml", "2021-09-14.md"]  # no temporary left
    check = run_cli("check", cwd=repo)
    assert result.stdout == check.stdout
    assert result.stdout.splitlines() == [
        "2021-09-14.md:6:3: NL204 insecure link to example.org: use https:// instead of http://"
    ]
    assert result.returncode == check.returncode == 1
    assert result.stderr.splitlines() == [
        "fixed 2 findings in 1 file",
        "1 error, 0 warnings in 1 file",
    ]
    again = run_cli("check", "--fix", cwd=repo)
    assert again.stdout == check.stdout and again.stderr == check.stderr
    assert path.read_bytes() == CLI_FIXED.encode()


def test_fix_exits_0_when_only_warnings_are_left(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(note(f"- {PR}"), encoding="utf-8")
    result = run_cli("check", "--fix", "--quiet", cwd=repo)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (repo / "2021-09-14.md").read_text(encoding="utf-8") == note(f"- [#20254]({PR})")


def test_fix_with_json_marks_nothing_left_fixable(repo: Path) -> None:
    before = json.loads(run_cli("check", "--format", "json", cwd=repo).stdout)
    assert [d["code"] for d in before if d["fixable"]] == ["NL201", "NL302"]
    after = json.loads(run_cli("check", "--fix", "--format", "json", cwd=repo).stdout)
    assert [d["code"] for d in after] == ["NL204"] and not after[0]["fixable"]


def _cli_bytes(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Like run_cli, but the output as bytes (text mode would turn CRLF into LF)."""
    return subprocess.run(
        [sys.executable, "-m", "notes_lint", *args], cwd=cwd, capture_output=True, check=False
    )


def test_diff_prints_a_patch_and_writes_nothing(repo: Path) -> None:
    path = repo / "2021-09-14.md"
    result = _cli_bytes("check", "--diff", cwd=repo)
    assert result.returncode == 1
    assert path.read_bytes() == CLI_NOTE.encode()
    assert result.stdout.startswith(b"--- a/2021-09-14.md\n+++ b/2021-09-14.md\n@@ ")
    assert f"-- see {PR}\r\n+- see [#20254]({PR})\r\n".encode() in result.stdout
    assert result.stderr.decode().strip() == "would fix 2 findings in 1 file"
    if shutil.which("git"):  # the patch applies, and gives what --fix writes
        applied = subprocess.run(
            ["git", "apply", "--unsafe-paths", "-"],
            input=result.stdout,
            cwd=repo,
            capture_output=True,
            check=False,
        )
        assert applied.returncode == 0, applied.stderr
        assert path.read_bytes() == CLI_FIXED.encode()
    assert run_cli("check", "--diff", cwd=repo).returncode == (0 if shutil.which("git") else 1)


def test_diff_of_a_file_without_final_newline(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(HEAD + f"- {PR}", encoding="utf-8")
    out = run_cli("check", "--diff", cwd=repo).stdout
    assert out.endswith(
        f"-- {PR}\n\\ No newline at end of file\n+- [#20254]({PR})\n\\ No newline at end of file\n"
    )


def test_diff_exits_0_with_nothing_to_fix(repo: Path) -> None:
    (repo / "2021-09-14.md").write_text(note("- nothing to fix"), encoding="utf-8")
    result = run_cli("check", "--diff", cwd=repo)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.strip() == "would fix 0 findings in 0 files"


def test_fix_leaves_unreadable_files_to_check(repo: Path) -> None:
    (repo / "2021-09-15.md").write_bytes(b"\xff\xfe binary \x00")
    result = run_cli("check", "--fix", cwd=repo)
    assert "2021-09-15.md:1:1: NL901" in result.stdout
    assert (repo / "2021-09-15.md").read_bytes() == b"\xff\xfe binary \x00"
    assert (repo / "2021-09-14.md").read_bytes() == CLI_FIXED.encode()


def test_atomic_write_follows_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, b"new\r\n")
    assert link.is_symlink() and target.read_bytes() == b"new\r\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_a_failed_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.md"  # os.replace cannot put a file over a folder
    folder.mkdir()
    with pytest.raises(WriteError):
        write_atomic(folder, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["a-folder.md"] and folder.is_dir()


def test_a_failed_write_leaves_the_file_alone_and_fails(repo: Path) -> None:
    """The replacement cannot be written: the note's name is so long (within NAME_MAX,
    255 bytes) that the temporary file beside it (``.<name>.XXXXXXXX.tmp``) is refused with
    ENAMETOOLONG.  No permission bit is involved, so it fails for root too (CI runs as
    root), through the same path as a folder that cannot be written."""
    name = "2021-09-14-" + "x" * (255 - len("2021-09-14-.md")) + ".md"
    (repo / "2021-09-14.md").rename(repo / name)
    path = repo / name
    assert len(name.encode()) == 255
    result = run_cli("check", "--fix", cwd=repo)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "cannot write" in line]
    assert errors == [f"notes-lint: {name}: cannot write: File name too long"], result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == CLI_NOTE.encode()
    assert sorted(os.listdir(repo)) == [".notes-lint.yaml", name]  # no temporary left


def test_the_examples_fix_idempotently() -> None:
    data = read_config_file(ROOT / "examples" / ".notes-lint.yaml")
    cfg = config_from_mapping(data, ROOT / "examples")
    for path in sorted((ROOT / "examples").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        once = fix_text(text, cfg, path.name)
        assert fix_text(once.output, cfg, path.name).output == once.output
        assert not [d for d in lint_text(once.output, cfg, path.name) if d.fixable]


# ------------------------------------------------------------- the corpus


def _git(cwd: Path, *args: str) -> str:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    result = subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t.invalid",
            "-c",
            "core.autocrlf=false",
            *args,
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", re.MULTILINE)


def _carried(diagnostics: list[Diagnostic]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Per file: the lines that carry a fixable diagnostic or one of its edits, and the
    lines where a fix inserts whole lines."""
    lines: dict[str, set[int]] = defaultdict(set)
    inserts: dict[str, set[int]] = defaultdict(set)
    for d in diagnostics:
        if d.fix is None:
            continue
        lines[d.path].add(d.line)
        for edit in d.fix:
            lines[d.path].update(range(edit.line, edit.end_line + 1))
            if edit.line == edit.end_line and edit.col == edit.end_col and edit.col == 1:
                inserts[d.path].add(edit.line)
    return lines, inserts


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("name", ["openjs-cpc", "rust-lang-team"])
def test_fixing_the_corpus_touches_only_lines_with_fixable_diagnostics(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    work = tmp_path / name
    shutil.copytree(corpus / name, work)
    for copied in work.rglob("*"):  # a working copy: --fix leaves read-only notes alone
        copied.chmod(copied.stat().st_mode | stat.S_IWUSR)
    if name == "rust-lang-team":
        shutil.copy(FIXTURES / "rust-lang.notes-lint.yaml", work / ".notes-lint.yaml")
    else:
        (work / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    _git(work, "init", "--quiet")
    _git(work, "add", "--all")
    _git(work, "commit", "--quiet", "--no-verify", "-m", "the corpus as it is")

    cfg = config_from_mapping(read_config_file(work / ".notes-lint.yaml"), work)
    before = lint_paths(cfg, cwd=work).diagnostics
    assert sum(d.fixable for d in before) > 0
    carried, inserts = _carried(before)

    result = run_cli("check", "--fix", "--quiet", cwd=work)
    assert result.returncode in (0, 1), result.stderr
    after = json.loads(run_cli("check", "--format", "json", "--quiet", cwd=work).stdout)
    assert [d for d in after if d["fixable"]] == []

    # git diff: every changed line of the old files carried a fixable diagnostic...
    changed_files = set()
    for row in _git(work, "diff", "--numstat").splitlines():
        _added, deleted, path = row.split("\t")
        changed_files.add(path)
        assert path in carried, f"{path} changed but had no fixable diagnostic"
        assert int(deleted) <= len(carried[path]), row
    stat_lines = _git(work, "diff", "--stat").splitlines()
    assert stat_lines[-1].startswith(f" {len(changed_files)} file")
    assert set(carried) == changed_files  # ...and every file with one changed
    diff = _git(work, "diff", "-U0", "--no-color")
    for section in diff.split("diff --git ")[1:]:
        path = section.split("\n", 1)[0].split(" b/", 1)[1]
        for match in _HUNK.finditer(section):
            start, count = int(match[1]), int(match[2] if match[2] is not None else 1)
            if count == 0:  # lines inserted after line `start`: a missing section added there
                assert start + 1 in inserts[path] or start in carried[path], (path, match[0])
            else:
                old = set(range(start, start + count))
                assert old <= carried[path], (path, match[0], sorted(old - carried[path]))


def test_fixed_notes_keep_their_bytes_outside_the_changes(corpus: Path) -> None:
    """Every corpus note: the fixed bytes are the original bytes with the changes applied."""
    notes = sorted((corpus / "openjs-cpc").rglob("*.md"))[:60]
    cfg = config_from_mapping({"extends": "generic"}, corpus / "openjs-cpc")
    for path in notes:
        data = path.read_bytes()
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data[3 if bom else 0 :].decode("utf-8")
        out: FixedNote = fix_text(("\ufeff" if bom else "") + text, cfg, path.name)
        pieces, position = [], 0
        for change in out.changes:
            pieces += [text[position : change.start].encode(), change.text.encode()]
            position = change.end
        rebuilt = (b"\xef\xbb\xbf" if bom else b"") + b"".join([*pieces, text[position:].encode()])
        assert rebuilt == out.data()
