"""Every problem of a config in one run (README, "A config that cannot be loaded"): the
checks after the schema (strftime formats, regular expressions, the roster, presets,
``extends``) judge what the schema accepted, and all problems print together, one
``notes-lint: FILE:LINE:COL: …`` line each, in the file's order, the file named relative
to the working folder, as check-jsonschema and ruff report every problem at once."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import event, given, settings
from hypothesis import strategies as st

from notes_lint.config import load_config
from notes_lint.errors import ConfigError

NOTE = "# Meeting 2021-09-14\n\n## Notes\n\n- nothing\n"

# The reviewer's config: a bad strftime format, an unknown key, a regex that does not
# compile, a login that is no login, and two entries for one person.
ALL_KINDS = """\
date:
  formats: [iso, "%d/%Q/%Y"]
  levle: 2
todos:
  due-pattern: "due (?P<date>[0-9"
people:
  Ana: "-bad-"
  José: jose1
  Jose: jose2
"""


def _team(folder: Path, config: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    (folder / "2021-09-14.md").write_text(NOTE, encoding="utf-8")
    return folder


def _problems(folder: Path, *args: str) -> list[str]:
    """The lines ``check`` prints for a config that cannot be loaded (exit 2)."""
    result = run_cli("check", "--no-cache", *args, cwd=folder)
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_the_schema_and_the_later_checks_report_together_in_the_files_order(
    tmp_path: Path,
) -> None:
    lines = _problems(_team(tmp_path, ALL_KINDS))
    assert [line.split(": ")[1] for line in lines] == [
        ".notes-lint.yaml:2:18",
        ".notes-lint.yaml:3:3",
        ".notes-lint.yaml:5:16",
        ".notes-lint.yaml:7:8",
        ".notes-lint.yaml:9:3",
    ]
    assert "date.formats[1]: invalid strftime pattern '%d/%Q/%Y'" in lines[0]
    assert "date.levle: unknown key; did you mean 'level'?" in lines[1]
    assert "todos.due-pattern: invalid regular expression" in lines[2]
    assert "people.Ana: '-bad-' is not a GitHub login" in lines[3]
    assert "people.Jose: 'José' and 'Jose' are one person" in lines[4]


def test_a_broken_file_it_extends_is_reported_with_the_configs_own_problems(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.yaml").write_text("sections:\n  levle: 3\n", encoding="utf-8")
    team = _team(tmp_path / "team", "extends: ../base.yaml\ntodos:\n  due-pattern: '(x+)+'\n")
    assert _problems(tmp_path, "team") == [
        "notes-lint: team/.notes-lint.yaml:3:16: todos.due-pattern: the regular expression "
        "'(x+)+' repeats a repeat, which can take exponential time on a note: write it "
        "without a repeat inside a repeat",
        "notes-lint: base.yaml:2:3: sections.levle: unknown key; did you mean 'level'?",
    ]
    # run inside the team's folder, the extended file is outside it: named as found
    lines = _problems(team)
    assert lines[0].startswith("notes-lint: .notes-lint.yaml:3:16: todos.due-pattern:")
    assert lines[1].startswith(f"notes-lint: {tmp_path / 'base.yaml'}:2:3: sections.levle:")


def test_an_unknown_preset_does_not_hide_the_rest(tmp_path: Path) -> None:
    lines = _problems(_team(tmp_path, "extends: hackmdd\ndate:\n  formats: [isoo]\n"))
    assert len(lines) == 2
    assert lines[0].startswith("notes-lint: .notes-lint.yaml:1:10: extends: unknown preset")
    assert lines[1].startswith(
        "notes-lint: .notes-lint.yaml:3:13: date.formats[0]: unknown date format 'isoo'"
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        # a value of the wrong type is the schema's problem alone: no regex problem too
        ("todos:\n  due-pattern: 5\n", "todos.due-pattern: 5 is not of type"),
        ("date:\n  formats: '%Q'\n", "date.formats: '%Q' is not of type 'array'"),
        ("people:\n  Ana: 5\n  ana: x\n", "people.Ana: 5 is not of type"),
    ],
)
def test_a_value_of_the_wrong_type_is_reported_once(
    tmp_path: Path, config: str, expected: str
) -> None:
    lines = _problems(_team(tmp_path, config))
    assert len(lines) == 1, lines
    assert expected in lines[0]


def test_items_of_a_list_keep_their_place_around_a_refused_one(tmp_path: Path) -> None:
    lines = _problems(_team(tmp_path, 'date:\n  formats:\n    - 5\n    - "%Q"\n'))
    assert len(lines) == 2, lines
    assert (
        lines[0] == "notes-lint: .notes-lint.yaml:3:7: date.formats[0]: 5 is not of type 'string'"
    )
    assert lines[1].startswith(
        "notes-lint: .notes-lint.yaml:4:7: date.formats[1]: invalid strftime pattern '%Q'"
    )


def test_one_problem_has_the_shape_of_many(tmp_path: Path) -> None:
    for config in ("date:\n  levle: 2\n", "date:\n  pattern: '('\n", "date: [unclosed\n"):
        lines = _problems(_team(tmp_path, config))
        assert len(lines) == 1, lines
        assert lines[0].startswith("notes-lint: .notes-lint.yaml:"), lines


def test_a_config_outside_the_working_folder_is_named_as_given(tmp_path: Path) -> None:
    _team(tmp_path / "team", "date:\n  levle: 2\n")
    (tmp_path / "here").mkdir()
    lines = _problems(tmp_path / "here", "--config", "../team/.notes-lint.yaml", "../team")
    assert lines == [
        "notes-lint: ../team/.notes-lint.yaml:2:3: date.levle: unknown key; did you mean 'level'?"
    ]


def test_one_login_under_two_names_names_both_people(tmp_path: Path) -> None:
    lines = _problems(_team(tmp_path, "people:\n  Ana: analima\n  Bo: AnaLima\n"))
    assert lines == [
        "notes-lint: .notes-lint.yaml:3:3: people.Bo: 'Ana' and 'Bo' are one person: the "
        "login 'analima' of 'Ana' and the login 'AnaLima' of 'Bo' are both 'analima' once "
        "accents, case and punctuation are set aside; merge the two entries or tell them apart"
    ]


def test_a_key_written_twice_is_a_problem_at_each_repeat(tmp_path: Path) -> None:
    config = "people:\n  Ana: analima\n  Ana: other\nrules: {}\nrules: {}\n"
    assert _problems(_team(tmp_path, config)) == [
        "notes-lint: .notes-lint.yaml:3:3: people.Ana: key already set on line 2; "
        "YAML keys must be unique (only one of the values would count)",
        "notes-lint: .notes-lint.yaml:5:1: rules: key already set on line 4; "
        "YAML keys must be unique (only one of the values would count)",
    ]


def test_an_empty_roster_name_is_refused_at_its_key(tmp_path: Path) -> None:
    lines = _problems(_team(tmp_path, 'people:\n  Ana: null\n  "": x\n  " ": y\n'))
    assert lines == [
        "notes-lint: .notes-lint.yaml:3:3: people['']: '' is not a person's name "
        "(not empty, not only blanks)",
        "notes-lint: .notes-lint.yaml:4:3: people[' ']: ' ' is not a person's name "
        "(not empty, not only blanks)",
    ]


# Problems of different kinds, each in its own top-level key, with what it prints.
FRAGMENTS = {
    "date": ("date:\n  formats: [iso, '%Q']\n", ["date.formats[1]: invalid strftime"]),
    "sections": ("sections:\n  levle: 2\n", ["sections.levle: unknown key"]),
    "todos": ("todos:\n  due-pattern: '[a-'\n", ["todos.due-pattern: invalid regular"]),
    "people": (
        "people:\n  Ana: '-x'\n  Jose: null\n  José: null\n",
        ["people.Ana: '-x' is not a GitHub login", "people.José: 'Jose' and 'José'"],
    ),
    "extends": ("extends: nowhere\n", ["extends: unknown preset 'nowhere'"]),
    "links": ("links:\n  site-root: no-such-folder\n", ["links.site-root: no folder"]),
    "github": ("github:\n  grace-days: -1\n", ["github.grace-days: -1 is less than"]),
    "rules": ("rules:\n  NL101: loud\n", ["rules.NL101: 'loud' is not one of"]),
}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(sorted(FRAGMENTS)), min_size=1, unique=True))
def test_any_mix_of_problems_is_reported_whole_in_one_load(keys: list[str]) -> None:
    event(f"{len(keys)} kinds of problem")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".notes-lint.yaml"
        path.write_text("".join(FRAGMENTS[key][0] for key in keys), encoding="utf-8")
        with pytest.raises(ConfigError) as raised:
            load_config(path)
    lines = raised.value.lines()
    expected = [message for key in keys for message in FRAGMENTS[key][1]]
    assert len(lines) == len(expected), lines
    for line, message in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:"), line
        assert message in line, (message, line)
