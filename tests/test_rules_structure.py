"""Structure rules NL101-NL109: date heading, file-name date, sections, people, severities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import found, make_config, only

from notes_lint.config import load_config
from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.linter import lint_text, severity_of
from notes_lint.parse import parse_note
from notes_lint.rules import RULES
from notes_lint.source import from_text

SKLEARN: dict[str, Any] = {
    "extends": "sklearn-weekly",
    "people": {"Julien": "jjerphan", "Guillaume": "glemaitre", "Loïc": None},
}

# The seed note of PRODUCT.md §1: line 1 date, 3 Julien, 8 Discussion, 12 TODO / Next.
GOOD = """\
## September 14th, 2021

### Julien

- [#20254](https://github.com/scikit-learn/scikit-learn/pull/20254)
    - Started treating the reviews' suggestions

### Discussion

- presence days (wednesday is full, thursday is empty)

### TODO / Next

- Release 1.0 (Guillaume)
- (Julien):
     - Close performance gap for #20254
"""

HACKMD: dict[str, Any] = {"extends": "hackmd", "people": {"Ana": "ana-gh", "Bruno": None}}

HACKMD_NOTE = """\
# Monthly Developer Meeting

## October 28, 2024 @ 15:00 UTC

### Updates

- [name=Ana] Released 1.6rc1
    - wheels for 3.13: [acme/tools#31](https://github.com/acme/tools/pull/31)
- [name=Bruno] Reviewed the array API PRs

### Topics

- [name=Ana] Should we drop Python 3.9?
    - TODO: Bruno: open a discussion issue

### Action items

- [name=Bruno] Write the release highlights
- Ana: update the roadmap
"""

GENERIC_NOTE = """\
# CPC Meeting 2023-01-03

## Attendees

- Ana
- Michael

## Agenda

- the vote

## Action items

- Michael to open an issue
"""


def lint(text: str, data: dict[str, Any] | None = None, path: str = "<text>") -> list[Diagnostic]:
    return lint_text(text, make_config(SKLEARN if data is None else data), path=path)


# ----------------------------------------------------------------- good notes


@pytest.mark.parametrize(
    ("data", "text", "path"),
    [
        (SKLEARN, GOOD, "notes/2021-09-14.md"),
        (HACKMD, HACKMD_NOTE, "2024/10-28.md"),
        ({"people": {"Ana": None, "Michael": None}}, GENERIC_NOTE, "2023-01-03.md"),
    ],
    ids=["sklearn-weekly", "hackmd", "generic"],
)
def test_a_note_that_follows_its_preset_has_no_diagnostics(
    data: dict[str, Any], text: str, path: str
) -> None:
    assert lint(text, data, path) == []


# ---------------------------------------------------------------------- NL101


def test_nl101_heading_without_a_date_points_at_its_text() -> None:
    diagnostics = lint(GOOD.replace("September 14th, 2021", "Weekly meeting"))
    d = only(diagnostics, "NL101")
    assert (d.line, d.col) == (1, 4)
    assert "'Weekly meeting'" in d.message
    assert "2021-09-14" in d.message  # says how to write it
    assert d.severity is Severity.ERROR


def test_nl101_impossible_date_is_not_a_date() -> None:
    d = only(lint(GOOD.replace("September 14th", "September 34th")), "NL101")
    assert (d.line, d.col) == (1, 4)
    assert "September 34th, 2021" in d.message


def test_nl101_no_heading_at_the_date_level_reports_line_1() -> None:
    text = GOOD.replace("## September 14th, 2021\n\n", "")
    d = only(lint(text), "NL101")
    assert (d.line, d.col) == (1, 1)
    assert "no meeting date" in d.message
    assert "level-2 heading" in d.message


def test_nl101_date_at_the_wrong_level_is_read_and_its_level_named() -> None:
    text = GOOD.replace("## September 14th, 2021", "# September 14th, 2021")
    d = only(lint(text), "NL101")
    assert (d.line, d.col) == (1, 3)
    assert "level-1 heading" in d.message and "no meeting date" not in d.message
    note = parse_note(from_text(text, "<text>"), make_config(SKLEARN))
    assert note.date is not None and note.date.value == "2021-09-14"
    assert (note.date.source, note.date.level) == ("heading", 1)


@pytest.mark.parametrize(
    "heading",
    ["September 14th, 2021", "Sept 14, 2021", "14 September 2021", "2021-09-14", "Sep 14 2021"],
)
def test_nl101_accepted_date_formats(heading: str) -> None:
    text = GOOD.replace("September 14th, 2021", heading)
    note = parse_note(from_text(text, "<text>"), make_config(SKLEARN))
    assert note.date is not None
    assert note.date.value == "2021-09-14"
    assert (note.date.line, note.date.col) == (1, 4)
    assert lint(text) == []


def test_nl101_hackmd_date_with_a_time_after_the_at_sign() -> None:
    note = parse_note(from_text(HACKMD_NOTE, "<text>"), make_config(HACKMD))
    assert note.date is not None
    assert note.date.value == "2024-10-28"
    assert (note.date.line, note.date.col) == (3, 4)
    assert note.title is not None and note.title.text == "Monthly Developer Meeting"


def test_nl101_generic_date_inside_the_title() -> None:
    note = parse_note(from_text(GENERIC_NOTE, "<text>"), make_config({}))
    assert note.date is not None
    assert note.date.value == "2023-01-03"
    assert (note.date.line, note.date.col) == (1, 15)


def test_nl101_generic_date_in_a_date_section() -> None:
    text = "# Meeting notes\n\n## Date\n\nJanuary 3rd, 2023\n\n" + GENERIC_NOTE.split("\n", 2)[2]
    note = parse_note(from_text(text, "<text>"), make_config({}))
    assert note.date is not None
    assert note.date.value == "2023-01-03"
    assert (note.date.line, note.date.col) == (5, 1)
    assert found(lint(text, {}), "NL101") == []


# ---------------------------------------------------------------------- NL102


def test_nl102_file_name_date_differs_from_the_heading() -> None:
    d = only(lint(GOOD, path="notes/2021-09-21.md"), "NL102")
    assert (d.line, d.col) == (1, 4)
    assert "2021-09-14" in d.message
    assert "2021-09-21" in d.message


def test_nl102_date_split_between_folder_and_file_name() -> None:
    assert found(lint(GOOD, path="notes/2021/09-14-team.md"), "NL102") == []
    d = only(lint(GOOD, path="notes/2021/09-15-team.md"), "NL102")
    assert (d.line, d.col) == (1, 4)
    assert "2021-09-15" in d.message


def test_nl102_points_at_the_date_inside_a_longer_heading() -> None:
    text = GOOD.replace("## September 14th, 2021", "## Weekly meeting, 2021-09-14")
    assert found(lint(text, path="2021-09-13.md"), "NL102") == [(1, 20)]


def test_nl102_off_when_the_config_says_file_names_do_not_matter() -> None:
    data = {**SKLEARN, "date": {"filename": False}}
    assert found(lint(GOOD, data, path="notes/2021-09-21.md"), "NL102") == []


def test_nl102_file_name_without_a_date_is_fine() -> None:
    assert found(lint(GOOD, path="notes/weekly.md"), "NL102") == []


# ---------------------------------------------------------------------- NL103


def test_nl103_missing_section_reported_where_it_belongs() -> None:
    text = GOOD.replace(
        "### Discussion\n\n- presence days (wednesday is full, thursday is empty)\n\n", ""
    )
    d = only(lint(text), "NL103")
    assert (d.line, d.col) == (8, 1)  # the TODO / Next heading it must come before
    assert "'Discussion'" in d.message
    assert "'### Discussion' before 'TODO / Next'" in d.message
    assert not d.fixable  # the empty section it would insert is NL107 (issue 14)


def test_nl103_missing_last_section_reported_at_the_end() -> None:
    text = GOOD.split("### TODO / Next")[0].rstrip() + "\n"
    d = only(lint(text), "NL103")
    assert (d.line, d.col) == (10, 1)
    assert "'### TODO / Next' at the end of the note" in d.message


def test_nl103_aliases_case_and_punctuation_count_as_the_section() -> None:
    text = GOOD.replace("### Discussion", "### discussion points").replace(
        "### TODO / Next", "### Todo - next"
    )
    assert lint(text) == []
    text = GOOD.replace("### TODO / Next", "### Next steps")
    assert lint(text) == []


def test_nl103_generic_requires_attendees_and_agenda() -> None:
    text = GENERIC_NOTE.replace("## Agenda\n\n- the vote\n\n", "")
    d = only(lint(text, {}), "NL103")
    assert "'## Agenda' before 'Action items'" in d.message
    assert (d.line, d.col) == (8, 1)
    assert found(lint(GENERIC_NOTE.replace("## Attendees", "## Present"), {}), "NL103") == []


# ---------------------------------------------------------------------- NL104


def test_nl104_misspelt_section_with_did_you_mean() -> None:
    diagnostics = lint(GOOD.replace("### Discussion", "### Discusion"))
    d = only(diagnostics, "NL104")
    assert (d.line, d.col) == (8, 5)
    assert "'Discusion'" in d.message
    assert "did you mean 'Discussion'?" in d.message
    assert found(diagnostics, "NL109") == []  # a typo of a section, not an unknown person


def test_nl104_person_sections_are_not_unknown_sections() -> None:
    text = GOOD.replace("### Julien", "### Guillaume")
    assert found(lint(text), "NL104") == []


def test_nl104_when_unknown_sections_are_errors() -> None:
    data: dict[str, Any] = {"sections": {"unknown": "error"}}
    text = GENERIC_NOTE.replace("## Agenda", "## Agnda") + "\n## Random stuff\n\n- x\n"
    diagnostics = lint(text, data)
    assert found(diagnostics, "NL104") == [(8, 4), (16, 4)]
    typo, unknown = (d for d in diagnostics if d.code == "NL104")
    assert "did you mean 'Agenda'?" in typo.message
    assert "'Random stuff'" in unknown.message
    assert "Attendees" in unknown.message  # lists what the schema knows


def test_nl104_unknown_sections_allowed_by_default_in_generic() -> None:
    text = GENERIC_NOTE + "\n## Random stuff\n\n- x\n"
    assert found(lint(text, {}), "NL104") == []


# ---------------------------------------------------------------------- NL105


def test_nl105_points_at_the_section_out_of_place() -> None:
    text = """\
## 2021-09-14

### TODO / Next

- Release (Guillaume)

### Discussion

- plans
"""
    d = only(lint(text), "NL105")
    assert (d.line, d.col) == (7, 5)
    assert "'Discussion'" in d.message
    assert "before 'TODO / Next'" in d.message


def test_nl105_person_section_after_the_named_sections() -> None:
    text = GOOD + "\n### Guillaume\n\n- reviews\n"
    d = only(lint(text), "NL105")
    assert (d.line, d.col) == (18, 5)
    assert "person section 'Guillaume'" in d.message
    assert "before 'Discussion'" in d.message


def test_nl105_generic_order() -> None:
    text = GENERIC_NOTE.replace("## Attendees\n\n- Ana\n- Michael\n\n", "").replace(
        "## Action items", "## Attendees\n\n- Ana\n\n## Action items"
    )
    d = only(lint(text, {}), "NL105")
    assert (d.line, d.col) == (7, 4)
    assert "'Attendees'" in d.message and "before 'Agenda'" in d.message


def test_nl105_off_when_order_does_not_matter() -> None:
    text = GOOD + "\n### Guillaume\n\n- reviews\n"
    assert found(lint(text, {**SKLEARN, "sections": {"order": False}}), "NL105") == []


# ---------------------------------------------------------------------- NL106


def test_nl106_points_at_the_second_occurrence() -> None:
    text = GOOD.replace("### TODO / Next", "### Discussion\n\n- more\n\n### TODO / Next")
    d = only(lint(text), "NL106")
    assert (d.line, d.col) == (12, 5)
    assert "first at line 8" in d.message


def test_nl106_an_alias_is_the_same_section() -> None:
    text = GOOD.replace("### TODO / Next", "### Discussion points\n\n- more\n\n### TODO / Next")
    d = only(lint(text), "NL106")
    assert (d.line, d.col) == (12, 5)
    assert "'Discussion points'" in d.message


def test_nl106_same_person_twice() -> None:
    text = GOOD.replace("### Discussion", "### julien\n\n- again\n\n### Discussion")
    d = only(lint(text), "NL106")
    assert (d.line, d.col) == (8, 5)
    assert "first at line 3" in d.message


def test_nl106_different_people_are_different_sections() -> None:
    text = GOOD.replace("### Discussion", "### Guillaume\n\n- reviews\n\n### Discussion")
    assert found(lint(text), "NL106") == []


# ---------------------------------------------------------------------- NL107


EMPTY_DISCUSSION = GOOD.replace("- presence days (wednesday is full, thursday is empty)\n\n", "")


def test_nl107_empty_section_is_a_warning_by_default() -> None:
    d = only(lint(EMPTY_DISCUSSION), "NL107")
    assert (d.line, d.col) == (8, 5)
    assert "'Discussion' is empty" in d.message
    assert d.severity is Severity.WARNING


def test_nl107_a_comment_alone_does_not_fill_a_section() -> None:
    text = GOOD.replace("- presence days (wednesday is full, thursday is empty)", "<!-- later -->")
    assert found(lint(text), "NL107") == [(8, 5)]


def test_nl107_a_paragraph_fills_a_section() -> None:
    text = GOOD.replace("- presence days (wednesday is full, thursday is empty)", "Nothing new.")
    assert found(lint(text), "NL107") == []


@pytest.mark.parametrize("off", ["off", False], ids=["string", "yaml-false"])
def test_nl107_off_silences_it(off: str | bool) -> None:
    assert found(lint(EMPTY_DISCUSSION, {**SKLEARN, "rules": {"NL107": off}}), "NL107") == []


def test_nl107_can_be_made_an_error() -> None:
    d = only(lint(EMPTY_DISCUSSION, {**SKLEARN, "rules": {"NL107": "error"}}), "NL107")
    assert d.severity is Severity.ERROR


def test_yaml_off_in_a_config_file_silences_the_rule(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: sklearn-weekly\nrules:\n  NL107: off\n  NL201: error\n", encoding="utf-8"
    )
    config = load_config(tmp_path / ".notes-lint.yaml")
    assert severity_of("NL107", config) is Severity.OFF
    assert severity_of("NL201", config) is Severity.ERROR
    assert severity_of("NL203", config) is Severity.WARNING
    assert found(lint_text(EMPTY_DISCUSSION, config), "NL107") == []


@pytest.mark.parametrize("preset", ["sklearn-weekly", "hackmd", "generic"])
def test_default_severities_of_the_presets(preset: str) -> None:
    config = make_config({"extends": preset})
    warnings = {"NL107", "NL201", "NL203"}
    for rule in RULES:
        expected = Severity.WARNING if rule.info.code in warnings else Severity.ERROR
        assert severity_of(rule.info.code, config) is expected, rule.info.code


# ---------------------------------------------------------------------- NL108


def test_nl108_person_heading_one_level_too_deep() -> None:
    text = GOOD.replace("### Julien", "#### Julien")
    d = only(lint(text), "NL108")
    assert (d.line, d.col) == (3, 1)
    assert "'Julien'" in d.message
    assert "level 4" in d.message
    assert "'### Julien'" in d.message
    assert d.fixable


def test_nl108_section_at_level_2_in_sklearn_weekly() -> None:
    text = GOOD.replace("### Discussion", "## Discussion")
    diagnostics = lint(text)
    d = only(diagnostics, "NL108")
    assert (d.line, d.col) == (8, 1)
    assert "the section 'Discussion'" in d.message
    assert "level 2" in d.message and "'### Discussion'" in d.message
    assert found(diagnostics, "NL103") == []  # present, at the wrong level: NL108's finding


def test_nl108_hackmd_person_at_level_4() -> None:
    text = HACKMD_NOTE.replace("### Topics", "#### Bruno\n\n- notes\n\n### Topics")
    d = only(lint(text, HACKMD), "NL108")
    assert (d.line, d.col) == (11, 1)
    assert "the person 'Bruno'" in d.message and "'### Bruno'" in d.message


def test_nl108_subheadings_that_name_nothing_are_fine() -> None:
    text = GOOD.replace("- [#20254]", "#### Reviews\n\n- [#20254]")
    assert found(lint(text), "NL108") == []


def test_nl108_the_date_heading_and_title_are_never_misplaced_sections() -> None:
    assert found(lint(HACKMD_NOTE, HACKMD), "NL108") == []


# ---------------------------------------------------------------------- NL109


def test_nl109_unknown_person_with_did_you_mean() -> None:
    d = only(lint(GOOD.replace("### Julien", "### Jlien")), "NL109")
    assert (d.line, d.col) == (3, 5)
    assert "'Jlien' is not in the roster" in d.message
    assert "did you mean 'Julien'?" in d.message


def test_nl109_far_name_says_to_add_them() -> None:
    d = only(lint(GOOD.replace("### Julien", "### Zebulon")), "NL109")
    assert "did you mean" not in d.message
    assert "add them to the config" in d.message


def test_nl109_aliases_logins_and_null_logins_are_in_the_roster() -> None:
    data = {
        "extends": "sklearn-weekly",
        "people": {"Julien": {"login": "jjerphan", "aliases": ["Jules"]}, "Loïc": None},
    }
    for name in ("Jules", "jjerphan", "Loïc", "LOÏC"):
        text = GOOD.replace("### Julien", f"### {name}").replace(" (Guillaume)", " (Loïc)")
        assert found(lint(text, data), "NL109") == [], name


def test_nl109_without_a_roster_anyone_goes() -> None:
    text = GOOD.replace("### Julien", "### Zebulon")
    assert found(lint(text, {"extends": "sklearn-weekly"}), "NL109") == []


# ----------------------------------------------------------------- CRLF / BOM


def test_crlf_and_bom_give_the_same_positions_as_lf() -> None:
    text = (
        GOOD.replace("## September 14th, 2021", "## Weekly meeting")
        .replace("### Julien", "### Jlien")
        .replace("### TODO / Next", "### Discussion\n\n- more\n\n### TODO / Next")
        .replace("- presence days (wednesday is full, thursday is empty)", "")
        + "\n#### Guillaume\n"
    )
    expected = [(d.line, d.col, d.code, d.message) for d in lint(text)]
    assert {code for _, _, code, _ in expected} >= {"NL101", "NL106", "NL107", "NL108", "NL109"}
    for variant in (text.replace("\n", "\r\n"), "\ufeff" + text.replace("\n", "\r\n")):
        assert [(d.line, d.col, d.code, d.message) for d in lint(variant)] == expected
