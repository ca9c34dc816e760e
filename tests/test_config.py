"""Config discovery, validation messages, presets, and the issue's sample config."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, make_config, run_cli

from notes_lint.config import find_config, load_config
from notes_lint.diagnostics import Severity
from notes_lint.errors import ConfigError
from notes_lint.linter import lint_text
from notes_lint.resources import preset_names

SAMPLE = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:            # display name -> GitHub login (or null)
  Guillaume: glemaitre
  Julien: jjerphan
  Loïc: null
links:
  private-hosts: [mattermost.inria.fr, notes.inria.fr]
rules:
  NL107: off
frontmatter:
  required: false
  schema:          # inline JSON Schema, or a path relative to this file
    type: object
    properties:
      attendees: {type: array, items: {type: string}}
document-schema: checks/note-extra.schema.json   # optional, §3
"""


def test_the_sample_config_of_the_issue_loads_exactly_as_written(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "note-extra.schema.json").write_text(
        '{"type": "object", "properties": {"todos": {"maxItems": 1}}}', encoding="utf-8"
    )
    config = load_config(cwd=tmp_path)
    assert config.source == tmp_path / ".notes-lint.yaml"
    assert config.include == ("notes/**/*.md",)
    assert [(p.name, p.login) for p in config.people] == [
        ("Guillaume", "glemaitre"),
        ("Julien", "jjerphan"),
        ("Loïc", None),
    ]
    assert config.rules["NL107"] is Severity.OFF  # YAML reads the bare `off` as false
    assert config.links.private_hosts == ("mattermost.inria.fr", "notes.inria.fr")
    assert config.frontmatter_schema is not None
    assert config.document_schema == {"type": "object", "properties": {"todos": {"maxItems": 1}}}
    # inherited from the preset
    assert config.sections.level == 3
    assert config.sections.unknown == "person"
    assert [s.name for s in config.sections.named] == ["Discussion", "TODO / Next"]


def test_the_examples_config_is_the_sample() -> None:
    assert (EXAMPLES / ".notes-lint.yaml").read_text(encoding="utf-8").endswith(SAMPLE)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (".notes-lint.yaml", "extends: hackmd\n"),
        (".notes-lint.toml", 'extends = "hackmd"\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.notes-lint]\nextends = "hackmd"\n'),
    ],
)
def test_discovery_finds_each_kind_of_config_from_a_subfolder(
    tmp_path: Path, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    deep = tmp_path / "notes" / "2024"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / name
    config = load_config(cwd=deep)
    assert config.root == tmp_path.resolve()
    assert [s.name for s in config.sections.named][-1] == "Action items"
    assert config.sections.level == 3


def test_a_pyproject_without_our_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_the_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: hackmd\n", encoding="utf-8")
    inner = tmp_path / "team"
    inner.mkdir()
    (inner / ".notes-lint.toml").write_text('extends = "sklearn-weekly"\n', encoding="utf-8")
    assert find_config(inner) == inner / ".notes-lint.toml"


def test_no_config_means_the_generic_preset(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path)
    assert config.source is None
    assert config.sections.level == 2
    assert "Agenda" in [s.name for s in config.sections.named]


def test_extends_a_file_relative_to_the_config_and_merges_over_it(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        "extends: sklearn-weekly\npeople: {Ana: ana-gh}\nrules: {NL201: error}\n", encoding="utf-8"
    )
    (tmp_path / ".notes-lint.yaml").write_text(
        "extends: base.yaml\npeople: {Bruno: null}\n", encoding="utf-8"
    )
    config = load_config(cwd=tmp_path)
    assert {p.name for p in config.people} == {"Ana", "Bruno"}
    assert config.rules["NL201"] is Severity.ERROR
    assert config.sections.level == 3


def test_an_extends_cycle_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cycle"):
        load_config(tmp_path / "a.yaml")


def test_every_problem_is_one_line_with_its_key_path_and_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "extnds: hackmd\nsections:\n  levle: 3\nrules:\n  NL1077: off\n  NL101: warn\n",
        encoding="utf-8",
    )
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 4
    # FILE:LINE:COL in the file's order, the path relative to the working folder: an
    # unknown key at the key, a bad value at the value
    assert lines[:3] == [
        "notes-lint: .notes-lint.yaml:1:1: extnds: unknown key; did you mean 'extends'?",
        "notes-lint: .notes-lint.yaml:3:3: sections.levle: unknown key; did you mean 'level'?",
        "notes-lint: .notes-lint.yaml:5:3: rules.NL1077: unknown key; did you mean 'NL107'?",
    ]
    assert lines[3].startswith("notes-lint: .notes-lint.yaml:6:10: rules.NL101:")
    assert "did you mean 'warning'?" in lines[3]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- just\n- a list\n", "must be a mapping"),
        ("extends: sklearn-weakly\n", "did you mean 'sklearn-weekly'?"),
        ("date:\n  pattern: '('\n", "date.pattern: invalid regular expression"),
        ("todos:\n  due-pattern: '[a-'\n", "todos.due-pattern: invalid regular expression"),
        ("people: [a, b\n", "invalid YAML"),
        ("document-schema: missing.json\n", "cannot read schema"),
        ("document-schema: {type: 12}\n", "not a valid JSON Schema"),
        ("extends: other.yaml\n", "file not found"),
        ("people:\n  Bob: 'not a login!'\n", "people.Bob: 'not a login!' is not a GitHub login"),
    ],
)
def test_bad_configs_exit_2_with_a_clear_message(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(content, encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_an_explicit_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", "--config", "nope.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.yaml: config file not found" in result.stderr


def test_a_broken_pyproject_is_reported_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.notes-lint\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid TOML" in result.stderr


def test_each_bundled_preset_is_valid_and_documented() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert preset_names() == ["generic", "hackmd", "sklearn-weekly"]
    for name in preset_names():
        config = make_config({"extends": name})
        assert config.sections.named, name
        assert f"`{name}`" in readme


def test_sklearn_weekly_default_severities() -> None:
    config = make_config({"extends": "sklearn-weekly"})
    text = (
        "## 2021-09-14\n\n### Discussion\n\n### TODO / Next\n\n- see http://example.com/x (Bob)\n"
    )
    found = {(d.code, d.severity) for d in lint_text(text, config, "2021-09-14.md")}
    assert (("NL107", Severity.WARNING)) in found
    assert (("NL201", Severity.WARNING)) in found
    assert (("NL204", Severity.ERROR)) in found


def test_rule_codes_in_the_config_schema_match_the_catalogue() -> None:
    from notes_lint.resources import load_schema
    from notes_lint.rules import RULES_BY_CODE

    schema = load_schema("config.schema.json")
    assert set(schema["properties"]["rules"]["properties"]) == set(RULES_BY_CODE)


def test_a_first_or_last_name_of_one_roster_person_is_that_person() -> None:
    from conftest import make_config

    config = make_config(
        {"people": {"Priya Raman": "praman", "Priya Shah": None, "Tomasz Wójcik": None}}
    )
    tomasz, raman = config.person("Tomasz"), config.person("Raman")
    assert tomasz is not None and tomasz.name == "Tomasz Wójcik"
    assert raman is not None and raman.login == "praman"
    assert config.person("Priya") is None  # two people begin so
