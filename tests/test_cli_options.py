"""The command line as ruff's and pre-commit's users expect it (issue 15), through the real CLI.

Options mean the same before or after the command; usage errors carry one prefix;
a note named ``-2024-05-01.md`` is a note; a run that selects nothing says so;
ruff's ``--select``/``--extend-select``/``--ignore``/``--exit-zero``/``--output-file``/
``--statistics``/``--show-files``/``--show-config``/``--stdin-filename``; ``[*]``
marks fixable findings; ``rules --config F`` shows F's severities.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint.cli import parse

FIELD = ROOT.parent / "shared" / "cases" / "field"

STRICT = """\
extends: generic
rules:
  NL107: error
sections:
  named:
    - name: Attendees
      required: true
    - name: Agenda
      required: true
    - name: Decisions
      required: true
"""
NOTE = """\
# Meeting 2024-01-10

## Attendees

* Ana

## Agenda

* Budget, see https://example.org/budget
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A folder with a generic config, a stricter one beside it, and one note under notes/."""
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    (tmp_path / "strict.yaml").write_text(STRICT, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "2024-01-10.md").write_text(NOTE, encoding="utf-8")
    return tmp_path


def _codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)]


# ----------------------------------------------------------------- options anywhere


def test_config_before_or_after_the_command_is_the_same(team: Path) -> None:
    before = run_cli("--config", "strict.yaml", "check", "--format", "json", cwd=team)
    after = run_cli("check", "--config", "strict.yaml", "--format", "json", cwd=team)
    assert before.returncode == after.returncode == 1, before.stderr
    assert before.stdout == after.stdout
    assert "NL103" in _codes(before)  # strict.yaml's required Decisions: F was used
    plain = run_cli("check", "--format", "json", cwd=team)
    assert "NL103" not in _codes(plain)


def test_global_options_before_the_command(team: Path) -> None:
    result = run_cli(
        "--no-cache", "--jobs", "1", "--verbose", "--config", "strict.yaml", "check", cwd=team
    )
    assert result.returncode == 1
    assert "notes-lint: config: strict.yaml" in result.stderr
    bad = run_cli("--jobs", "0", "check", cwd=team)
    assert bad.returncode == 2 and "--jobs must be 1 or more" in bad.stderr


@pytest.mark.parametrize(
    "args",
    [("--config", "missing.yaml", "check"), ("check", "--config", "missing.yaml")],
)
def test_a_missing_config_is_exit_2_in_both_places(team: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, cwd=team)
    assert result.returncode == 2
    assert result.stderr.strip() == "notes-lint: missing.yaml: config file not found"


def test_usage_errors_have_one_prefix(team: Path) -> None:
    for args in (("check", "--bogus"), ("--bogus", "check"), ("check", "--format", "xml")):
        result = run_cli(*args, cwd=team)
        assert result.returncode == 2, args
        assert result.stderr.startswith("notes-lint: "), result.stderr
        assert "notes-lint: notes-lint" not in result.stderr
        assert "Traceback" not in result.stderr
    unknown = run_cli("check", "--bogus", cwd=team)
    assert "unrecognized arguments: --bogus (see 'notes-lint check --help')" in unknown.stderr


GLOBAL = st.fixed_dictionaries(
    {},
    optional={
        "--config": st.just("strict.yaml"),
        "--no-cache": st.none(),
        "--jobs": st.sampled_from(["1", "3"]),
        "--verbose": st.none(),
    },
)


def _flat(options: dict[str, str | None]) -> list[str]:
    return [part for k, v in options.items() for part in ((k,) if v is None else (k, v))]


@settings(max_examples=60, deadline=None)
@given(
    options=GLOBAL,
    split=st.integers(0, 4),
    command=st.sampled_from(["check", "todos", "report", "new", "sync", "dump", "rules"]),
)
def test_global_options_parse_the_same_wherever_they_stand(
    options: dict[str, str | None], split: int, command: str
) -> None:
    """Any global option, before or after the command, gives the same parsed value."""
    tail = ["x.md"] if command == "dump" else []
    flat = list(options.items())
    before, after = _flat(dict(flat[:split])), _flat(dict(flat[split:]))
    mixed = vars(parse([*before, command, *after, *tail]))
    first = vars(parse([*_flat(options), command, *tail]))
    last = vars(parse([command, *_flat(options), *tail]))
    assert mixed == first == last
    assert mixed["config"] == (Path("strict.yaml") if "--config" in options else None)
    assert mixed["jobs"] == (int(options["--jobs"] or 0) if "--jobs" in options else None)
    assert mixed["no_cache"] is ("--no-cache" in options)
    assert mixed["verbose"] is ("--verbose" in options)


# --------------------------------------------------------- file names that start with -


def test_a_note_named_with_a_leading_dash_is_linted(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    (tmp_path / "-2024-05-01.md").write_text(NOTE.replace("01-10", "05-01"), encoding="utf-8")
    for args in (
        ("check", "--format", "json", "-2024-05-01.md"),  # as pre-commit passes it
        ("check", "--format", "json", "--", "-2024-05-01.md"),
        ("check", "-2024-05-01.md", "--format", "json"),
    ):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        assert [(d["path"], d["code"]) for d in json.loads(result.stdout)] == [
            ("-2024-05-01.md", "NL201")
        ], args
    missing = run_cli("check", "-nope.md", cwd=tmp_path)
    assert missing.returncode == 2
    assert "unrecognized arguments: -nope.md" in missing.stderr


OPTION_LIKE_NAMES = (
    "--output-file=2024-07-09.md",
    "--select=NL1.md",
    "-h.md",
    "--config=a.md",
    "--help.md",
    "-v.md",
    "--fix.md",
)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("name", OPTION_LIKE_NAMES)
def test_an_existing_file_named_like_an_option_is_a_note_and_nothing_else_is_written(
    tmp_path: Path, name: str
) -> None:
    """Review 15 item 1: ``--output-file=2024-07-09.md`` (a note, as pre-commit passes
    it) overwrote 2024-07-09.md; ``-h.md`` and ``--select=NL1.md`` were usage errors."""
    (tmp_path / ".notes-lint.yaml").write_text("extends: generic\n", encoding="utf-8")
    # Each note has a finding --fix cannot mend (a TODO without an owner), no fixable one.
    note = "# Meeting 2024-07-09\n\n## Attendees\n\n* Ana\n\n## Agenda\n\n* TODO: plan it\n"
    (tmp_path / "2024-07-09.md").write_text(note, encoding="utf-8")
    (tmp_path / "a.md").write_text("extends: strict\n", encoding="utf-8")
    (tmp_path / name).write_text(note.replace("07-09", "07-10"), encoding="utf-8")
    before = _tree(tmp_path)
    for args in (
        ("check", "--format", "json", name, "2024-07-09.md"),
        ("check", name, "--format", "json", "2024-07-09.md"),
        ("check", "--format", "json", "--fix", name, "2024-07-09.md"),
    ):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 1, (args, result.stderr)
        paths = {d["path"] for d in json.loads(result.stdout)}
        assert paths == {name, "2024-07-09.md"}, (args, result.stdout)  # both linted
        after = _tree(tmp_path)
        assert after["2024-07-09.md"] == before["2024-07-09.md"], args
        assert after["a.md"] == before["a.md"], args
        assert set(after) == set(before), args  # no file made


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        ["-", "-h", "-v", "--", "--fix", "--output-file=", "--select=", "--config=", "--jobs="]
    ),
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="/\\"),
        max_size=12,
    ),
)
def test_any_existing_file_that_starts_with_a_dash_is_a_path(option: str, rest: str) -> None:
    """Whatever follows the dash (an option's name, ``=``, a value), an existing file is a path."""
    import os
    import tempfile

    name = option + rest + ".md"
    with tempfile.TemporaryDirectory() as folder:
        try:
            Path(folder, name).write_text("# x\n", encoding="utf-8")
        except OSError:
            return  # a name this file system refuses
        before = os.getcwd()
        os.chdir(folder)
        try:
            for argv in (["check", name], ["check", "--quiet", name, "--format", "json"]):
                args = parse(argv)
                assert args.paths == [Path(name)], argv
                assert args.output_file is None and args.config is None
        finally:
            os.chdir(before)


# ------------------------------------------------------------ say when nothing is checked


def test_a_run_that_selects_no_note_says_so(team: Path) -> None:
    (team / ".notes-lint.yaml").write_text(
        'extends: generic\ninclude: ["minutes/**/*.md"]\n', encoding="utf-8"
    )
    result = run_cli("check", cwd=team)
    assert result.returncode == 0
    assert "no notes to check" in result.stderr
    assert "minutes/**/*.md" in result.stderr  # the include
    assert str((team / ".notes-lint.yaml").resolve()) in result.stderr  # the config
    folder = run_cli("check", "notes", cwd=team)
    assert "no notes to check" in folder.stderr and "under notes" in folder.stderr


def test_a_named_file_the_config_excludes_is_skipped_silently_unless_verbose(
    team: Path,
) -> None:
    (team / "README.md").write_text("# Read me\n\nhttp://example.org\n", encoding="utf-8")
    (team / ".notes-lint.yaml").write_text(
        'extends: generic\nexclude: ["README.md"]\n', encoding="utf-8"
    )
    quiet = run_cli("check", "README.md", cwd=team)
    assert quiet.returncode == 0
    assert quiet.stderr.strip() == "0 errors, 0 warnings in 0 files"
    loud = run_cli("--verbose", "check", "README.md", cwd=team)
    assert "skipped README.md: not a note by the include/exclude of" in loud.stderr


# ------------------------------------------------------------------------- ruff's options


def test_select_and_ignore_take_codes_and_prefixes(team: Path) -> None:
    everything = _codes(run_cli("check", "--config", "strict.yaml", "--format", "json", cwd=team))
    assert sorted(everything) == ["NL103", "NL201"]
    only_links = run_cli(
        "check", "--config", "strict.yaml", "--select", "NL2", "--format", "json", cwd=team
    )
    assert _codes(only_links) == ["NL201"]
    assert only_links.returncode == 0  # NL201 is a warning
    lower = run_cli(
        "check", "--config", "strict.yaml", "--select", "nl1,nl2", "--format", "json", cwd=team
    )
    assert sorted(_codes(lower)) == ["NL103", "NL201"]
    ignored = run_cli(
        "check", "--config", "strict.yaml", "--ignore", "NL1", "--format", "json", cwd=team
    )
    assert _codes(ignored) == ["NL201"]
    specific = run_cli(
        "check",
        "--config",
        "strict.yaml",
        "--select",
        "NL103",
        "--ignore",
        "NL1",
        "--format",
        "json",
        cwd=team,
    )
    assert _codes(specific) == ["NL103"]  # the more specific selector wins
    extended = run_cli(
        "check",
        "--config",
        "strict.yaml",
        "--select",
        "NL103",
        "--extend-select",
        "NL201",
        "--format",
        "json",
        cwd=team,
    )
    assert sorted(_codes(extended)) == ["NL103", "NL201"]


def test_select_runs_a_rule_the_config_turns_off_only_when_named_in_full(team: Path) -> None:
    (team / "off.yaml").write_text(STRICT.replace("NL107: error", "NL201: off"), encoding="utf-8")
    by_prefix = run_cli(
        "check", "--config", "off.yaml", "--select", "NL2", "--format", "json", cwd=team
    )
    assert _codes(by_prefix) == []
    by_code = run_cli(
        "check", "--config", "off.yaml", "--select", "NL201", "--format", "json", cwd=team
    )
    assert _codes(by_code) == ["NL201"]


def test_an_unknown_selector_is_a_usage_error(team: Path) -> None:
    result = run_cli("check", "--select", "NL7", cwd=team)
    assert result.returncode == 2
    assert "--select: no rule code is or starts with 'NL7'" in result.stderr
    typo = run_cli("check", "--ignore", "NL3011", cwd=team)
    assert typo.returncode == 2 and "did you mean NL301?" in typo.stderr


def test_exit_zero_and_output_file(team: Path) -> None:
    result = run_cli(
        "check",
        "--config",
        "strict.yaml",
        "--exit-zero",
        "--output-file",
        "out/lint.json",
        "--format",
        "json",
        cwd=team,
    )
    assert result.returncode == 0
    assert result.stdout == ""
    written = json.loads((team / "out" / "lint.json").read_text(encoding="utf-8"))
    assert sorted(d["code"] for d in written) == ["NL103", "NL201"]
    assert "1 error, 1 warning in 1 file" in result.stderr


def test_statistics_counts_per_code(team: Path) -> None:
    (team / "notes" / "2024-01-17.md").write_text(NOTE.replace("01-10", "01-17"), encoding="utf-8")
    text = run_cli("check", "--config", "strict.yaml", "--statistics", cwd=team)
    assert text.returncode == 1
    assert text.stdout.splitlines() == [
        "2\tNL103\t[ ] required-section",  # NL107 is on: no fix would leave it empty
        "2\tNL201\t[*] bare-url",
    ]
    as_json = run_cli(
        "check", "--config", "strict.yaml", "--statistics", "--format", "json", cwd=team
    )
    assert json.loads(as_json.stdout) == [
        {
            "code": "NL103",
            "name": "required-section",
            "count": 2,
            "fixable": False,
            "fixable_count": 0,
        },
        {"code": "NL201", "name": "bare-url", "count": 2, "fixable": True, "fixable_count": 2},
    ]  # ruff 0.17's shape: `fixable` all of them (a boolean, as in each finding), then the count
    bad = run_cli("check", "--statistics", "--format", "sarif", cwd=team)
    assert bad.returncode == 2


def test_show_files_lists_the_notes_and_exits_0(team: Path) -> None:
    (team / ".notes-lint.yaml").write_text(
        'extends: generic\nexclude: ["drafts/"]\n', encoding="utf-8"
    )
    (team / "drafts").mkdir()
    (team / "drafts" / "2024-02-01.md").write_text("draft\n", encoding="utf-8")
    result = run_cli("check", "--config", "strict.yaml", "--show-files", cwd=team)
    assert result.returncode == 0
    assert set(result.stdout.splitlines()) == {"notes/2024-01-10.md", "drafts/2024-02-01.md"}
    own = run_cli("check", "--show-files", cwd=team)
    assert own.stdout.splitlines() == ["notes/2024-01-10.md"]


def test_show_config_prints_the_merged_config_as_yaml(team: Path) -> None:
    result = run_cli(
        "--config", "strict.yaml", "check", "--show-config", "--ignore", "NL2", cwd=team
    )
    assert result.returncode == 0
    assert result.stdout.startswith("# config: strict.yaml\n")
    data = yaml.safe_load(result.stdout)
    assert "extends" not in data  # the preset is resolved into the keys it sets
    assert [s["name"] for s in data["sections"]["named"]] == ["Attendees", "Agenda", "Decisions"]
    assert data["date"]["level"] == 1  # from the generic preset
    assert data["rules"]["NL107"] == "error"
    assert data["rules"]["NL201"] == "off"  # --ignore applied


def test_fixable_findings_are_marked_and_counted(team: Path) -> None:
    result = run_cli("check", "--config", "strict.yaml", cwd=team)
    lines = result.stdout.splitlines()
    assert any(" NL201 [*] bare URL" in line for line in lines), lines
    # NL103 has no fix here: the section it would add is empty, and NL107 is on.
    assert result.stderr.strip() == "1 error, 1 warning in 1 file; [*] 1 fixable with --fix"


def test_rules_with_a_config_shows_its_severities(team: Path) -> None:
    (team / "off.yaml").write_text(STRICT.replace("NL107: error", "NL201: off"), encoding="utf-8")
    for args in (("rules", "--config", "strict.yaml"), ("--config", "strict.yaml", "rules")):
        table = run_cli(*args, cwd=team).stdout.splitlines()
        assert next(line for line in table if line.startswith("NL107")).split()[1:3] == [
            "error",
            "(config)",
        ]
    default = run_cli("rules", cwd=team).stdout.splitlines()
    assert next(line for line in default if line.startswith("NL107")).split()[1] == "warning"
    off = run_cli("rules", "NL201", "--config", "off.yaml", cwd=team)
    assert "severity in off.yaml: off" in off.stdout


# ------------------------------------------------------------------------------- stdin


def _stdin(args: list[str], text: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notes_lint", *args],
        input=text,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_stdin_is_linted_as_the_named_file(team: Path) -> None:
    (team / "sub").mkdir()
    (team / "sub" / ".notes-lint.yaml").write_text(
        'extends: generic\nrules:\n  NL201: "off"\n', encoding="utf-8"
    )
    text = NOTE.replace("2024-01-10", "2024-01-11")
    # The date in the named file's name: NL102 against 2024-01-10.
    result = _stdin(["check", "--stdin-filename", "notes/2024-01-10.md", "-"], text, team)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("notes/2024-01-10.md:1:")
    assert " NL102 " in result.stdout and " NL201 " in result.stdout
    # The config of the named file's folder (sub/ turns NL201 off).
    nearest = _stdin(["check", "--stdin-filename", "sub/2024-01-11.md", "-"], text, team)
    assert nearest.returncode == 0, nearest.stdout
    assert nearest.stdout == ""
    # --stdin-filename alone reads stdin too, as in ruff.
    alone = _stdin(["check", "--stdin-filename", "notes/2024-01-11.md"], text, team)
    assert " NL201 " in alone.stdout and " NL102 " not in alone.stdout


def test_stdin_fix_writes_the_fixed_text_to_stdout(team: Path) -> None:
    result = _stdin(
        [
            "check",
            "--config",
            "strict.yaml",
            "--stdin-filename",
            "notes/2024-01-10.md",
            "--fix",
            "-",
        ],
        NOTE,
        team,
    )
    assert "<https://example.org/budget>" in result.stdout
    # NL103 is left to the writer (its empty section would be NL107): reported on stderr.
    assert not result.stdout.rstrip().endswith("## Decisions")
    assert " NL103 " in result.stderr  # what is left goes to stderr
    assert result.returncode == 1
    assert (team / "notes" / "2024-01-10.md").read_text(encoding="utf-8") == NOTE  # untouched
    diff = _stdin(["check", "--diff", "-"], NOTE, team)
    assert "+* Budget, see <https://example.org/budget>" in diff.stdout
    assert diff.returncode == 1


def test_stdin_that_is_not_text_is_nl901(team: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "notes_lint", "check", "-"],
        input=b"\xff\xfe bad",
        cwd=team,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert b"-:1:1: NL901 not valid UTF-8" in result.stdout
    both = run_cli("check", "-", "notes", cwd=team)
    assert both.returncode == 2


# --------------------------------------------------------------------- the field case F1


def test_field_case_f1_global_config(tmp_path: Path) -> None:
    case = FIELD / "F1-global-config-ignored"
    if not case.is_dir():
        pytest.skip(f"the field cases are absent ({case}): a fresh clone has no ../shared")
    work = tmp_path / "case"
    shutil.copytree(case, work)
    before = run_cli("--config", "strict.yaml", "check", "--format", "json", cwd=work)
    after = run_cli("check", "--config", "strict.yaml", "--format", "json", cwd=work)
    assert before.returncode == after.returncode == 1
    assert before.stdout == after.stdout
    assert ("NL103", 9) in {(d["code"], d["line"]) for d in json.loads(before.stdout)}
    nocache = run_cli("--no-cache", "--config", "missing.yaml", "check", cwd=work)
    assert nocache.returncode == 2


@pytest.mark.parametrize(
    ("argv", "option", "command"),
    [
        (["--stdin-filename", "notes/2024-05-01.md", "check", "-"], "--stdin-filename", "check"),
        (["--fix", "check"], "--fix", "check"),
        (["--config", "nowhere.yaml", "--owner", "X", "todos"], "--owner", "todos"),
    ],
)
def test_a_command_option_before_the_command_names_the_command(
    tmp_path: Path, argv: list[str], option: str, command: str
) -> None:
    """Issue 15, 12c: argparse would read the option's value as the command
    (``invalid choice``); the message says where the option belongs."""
    result = run_cli(*argv, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("notes-lint:") == 1
    assert f"{option} is an option of" in result.stderr
    assert command in result.stderr and "write it after the command" in result.stderr
    assert "invalid choice" not in result.stderr


# --------------------------------------------- review 15: items 7 and 8, --show-config


def test_stdin_filename_reads_stdin_even_when_a_path_is_given(team: Path) -> None:
    """Review 15 item 7: ``--stdin-filename a.md b.md`` checked b.md from disk; as ruff,
    stdin is read and each path given is ignored with a warning naming it."""
    text = NOTE.replace("2024-01-10", "2024-01-11")
    result = _stdin(
        ["check", "--stdin-filename", "notes/2024-01-10.md", "notes/2024-01-10.md"], text, team
    )
    assert result.returncode == 1
    assert " NL102 " in result.stdout  # the text on stdin (dated 01-11), not the file
    assert "warning: ignoring notes/2024-01-10.md in favour of stdin" in result.stderr
    quiet = _stdin(["check", "--stdin-filename", "notes/2024-01-10.md", "-"], text, team)
    assert "ignoring" not in quiet.stderr


@pytest.mark.parametrize("option", ["--show-files", "--show-config"])
def test_output_file_takes_what_show_files_and_show_config_print(team: Path, option: str) -> None:
    """Review 15 item 8: both printed to stdout whatever ``--output-file`` said."""
    result = run_cli("check", option, "--output-file", "out/shown.txt", cwd=team)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    written = (team / "out" / "shown.txt").read_text(encoding="utf-8")
    expected = "notes/2024-01-10.md" if option == "--show-files" else "# config: "
    assert written.startswith(expected)


def test_show_config_shows_a_rule_a_selector_turns_back_on(team: Path) -> None:
    """Review 15 (minor): ``NL107: off`` in the config, ``--select NL107`` runs it at its
    default severity: --show-config says so, and lists every rule's severity."""
    (team / "off.yaml").write_text("extends: generic\nrules:\n  NL107: 'off'\n", encoding="utf-8")
    plain = yaml.safe_load(
        run_cli("check", "--config", "off.yaml", "--show-config", cwd=team).stdout
    )
    assert plain["rules"]["NL107"] == "off"
    assert plain["rules"]["NL201"] == "warning"  # a default is shown too
    selected = run_cli(
        "check", "--config", "off.yaml", "--show-config", "--select", "NL107", cwd=team
    )
    data = yaml.safe_load(selected.stdout)
    assert data["rules"]["NL107"] == "warning"
    assert data["rules"]["NL201"] == "off"
