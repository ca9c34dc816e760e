"""The nearest config per note (issue 15, field case f15-subfolder-config).

One repository holds two teams' notes, each folder with its own config and preset;
a run from the root (as pre-commit makes) judges each note by its own config.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint.config import CONFIG_NAMES
from notes_lint.resolver import Resolver

FIELD_CASE = ROOT.parent / "shared" / "cases" / "field" / "f15-subfolder-config"

# sklearn-weekly: the date is the first level-2 heading, sections at level 3.
SKLEARN_NOTE = """\
## 2024-05-01

### Discussion

- talk

### TODO / Next

- (Ana) do it
"""

# generic: the date in the title, sections at level 2, `X to …` assignments.
CPC_NOTE = """\
# CPC Meeting 2024-05-02

## Attendees

- Bo

## Agenda

- things

## Action items

- Bo to send the minutes
"""

NOT_A_NOTE = "nothing here\n"


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture
def two_teams(tmp_path: Path) -> Path:
    """A repository with an sklearn-weekly team (YAML config) and a generic one (pyproject)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # the repository root, as git marks it
    write(
        repo,
        {
            "sk/.notes-lint.yaml": (
                'extends: sklearn-weekly\ninclude: ["notes/**/*.md"]\nexclude: ["draft/"]\n'
            ),
            "sk/notes/2024-05-01.md": SKLEARN_NOTE,
            "sk/notes/draft/2024-05-08.md": NOT_A_NOTE,  # excluded by sk's own config
            "sk/other.md": NOT_A_NOTE,  # outside sk's include
            "cpc/pyproject.toml": (
                '[project]\nname = "cpc"\n\n[tool.notes-lint]\nextends = "generic"\n'
            ),
            "cpc/meetings/2024-05-02.md": CPC_NOTE,
            "README.md": NOT_A_NOTE,  # the root's (default) config excludes READMEs
        },
    )
    return repo


def findings(result_stdout: str) -> list[tuple[str, str]]:
    return sorted((Path(d["path"]).as_posix(), d["code"]) for d in json.loads(result_stdout))


def test_two_teams_linted_from_the_root_each_by_its_own_config(two_teams: Path) -> None:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=two_teams)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result.stdout) == []
    assert "in 2 files" in result.stderr  # the draft, sk/other.md and README.md are not notes


def test_a_forced_config_judges_every_note(two_teams: Path) -> None:
    """``--config`` applies one config to every note: generic finds the sklearn note wrong."""
    result = _check_with_cpc_config(
        two_teams, "sk/notes/2024-05-01.md", "cpc/meetings/2024-05-02.md"
    )
    assert result.returncode == 1
    codes = findings(result.stdout)
    assert ("sk/notes/2024-05-01.md", "NL101") in codes
    assert ("sk/notes/2024-05-01.md", "NL103") in codes
    assert all(path.startswith("sk/") for path, _code in codes)


def test_precommit_file_list_from_the_root(two_teams: Path) -> None:
    """pre-commit passes every staged Markdown file: each is judged, or skipped, by its own
    folder's config."""
    files = [
        "README.md",
        "sk/notes/2024-05-01.md",
        "sk/notes/draft/2024-05-08.md",
        "sk/other.md",
        "cpc/meetings/2024-05-02.md",
    ]
    result = run_cli("check", "--no-cache", "--format", "json", *files, cwd=two_teams)
    assert result.returncode == 0, result.stdout + result.stderr
    assert findings(result.stdout) == []
    assert "in 2 files" in result.stderr


def test_a_note_excluded_by_its_own_folders_config(two_teams: Path) -> None:
    """The root's default config would take the draft (``**/*.md``); sk's config excludes it."""
    result = run_cli("check", "--no-cache", "--format", "json", "sk", cwd=two_teams)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in 1 file" in result.stderr
    forced = _check_with_cpc_config(two_teams, "sk/notes/draft/2024-05-08.md")
    assert ("sk/notes/draft/2024-05-08.md", "NL101") in findings(forced.stdout)


def _check_with_cpc_config(two_teams: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """``check --format json`` of ``targets`` under the cpc team's config, forced with
    ``--config``."""
    return run_cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        "--config",
        "cpc/pyproject.toml",
        *targets,
        cwd=two_teams,
    )


def test_fix_from_the_root_leaves_each_teams_notes_as_their_config_wants(
    two_teams: Path,
) -> None:
    before = {p: p.read_bytes() for p in two_teams.rglob("*.md")}
    result = run_cli("check", "--no-cache", "--fix", cwd=two_teams)
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p: p.read_bytes() for p in two_teams.rglob("*.md")} == before
    # ...where generic's config would demand its sections of the sklearn note:
    forced = _check_with_cpc_config(two_teams, "sk")
    assert ("sk/notes/2024-05-01.md", "NL103") in findings(forced.stdout)


def test_dump_and_todos_use_each_notes_config(two_teams: Path) -> None:
    dump = run_cli("dump", "--no-cache", "sk/notes/2024-05-01.md", cwd=two_teams)
    assert dump.returncode == 0, dump.stderr
    model = json.loads(dump.stdout)
    assert model["date"]["value"] == "2024-05-01"
    assert [t["owner"] for t in model["todos"]] == ["Ana"]

    todos = run_cli("todos", "--no-cache", "--format", "json", cwd=two_teams)
    assert todos.returncode == 0, todos.stderr
    owners = sorted(e["owner"] for e in json.loads(todos.stdout)["entries"])
    assert owners == ["Ana", "Bo"]
    # The folder given: sk's config (sklearn-weekly reads no `Bo to …` assignments anyway).
    team = run_cli("todos", "--no-cache", "--format", "json", "sk", cwd=two_teams)
    assert sorted(e["owner"] for e in json.loads(team.stdout)["entries"]) == ["Ana"]


def test_jobs_with_several_configs_match_one_process(two_teams: Path) -> None:
    notes = {}
    for day in range(1, 29):
        notes[f"sk/notes/2023-02-{day:02d}.md"] = SKLEARN_NOTE.replace("2024-05-01", "2024-05-02")
        notes[f"cpc/meetings/2023-02-{day:02d}.md"] = CPC_NOTE
    write(two_teams, notes)
    one = run_cli("check", "--no-cache", "--format", "json", "--jobs", "1", cwd=two_teams)
    two = run_cli("check", "--no-cache", "--format", "json", "--jobs", "2", cwd=two_teams)
    assert one.stdout == two.stdout
    codes = findings(one.stdout)
    # The date mismatch with the file name, by each team's own rules, in every copied note.
    assert sum(code == "NL102" for _path, code in codes) == 56
    assert {code for _path, code in codes} == {"NL102"}


def test_the_note_cache_keeps_each_config_apart(two_teams: Path, tmp_path: Path) -> None:
    """The same text in both teams' folders, parsed with the cache on: each config's parse
    is its own, and a config changed between runs is never served the old parse."""
    write(two_teams, {"cpc/meetings/2024-05-01.md": SKLEARN_NOTE})
    env = {"NOTES_LINT_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("check", "--format", "json", cwd=two_teams, env=env)
    again = run_cli("check", "--format", "json", cwd=two_teams, env=env)
    assert first.stdout == again.stdout
    codes = findings(first.stdout)
    assert ("cpc/meetings/2024-05-01.md", "NL101") in codes
    assert not any(path.startswith("sk/") for path, _code in codes)
    (two_teams / "sk" / ".notes-lint.yaml").write_text(
        'extends: generic\ninclude: ["notes/**/*.md"]\n', encoding="utf-8"
    )
    changed = run_cli("check", "--format", "json", cwd=two_teams, env=env)
    assert ("sk/notes/2024-05-01.md", "NL101") in findings(changed.stdout)


def test_a_broken_config_in_a_team_folder_is_a_usage_error(two_teams: Path) -> None:
    write(two_teams, {"bad/.notes-lint.yaml": "extends: sklearn-weekyl\n", "bad/n.md": "x\n"})
    result = run_cli("check", "--no-cache", cwd=two_teams)
    assert result.returncode == 2
    assert "bad/.notes-lint.yaml" in result.stderr
    assert "sklearn-weekly" in result.stderr  # the did-you-mean
    assert "Traceback" not in result.stderr


def test_resolver_nearest_config_cached_per_folder_and_stops_at_the_repository(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "outer/.notes-lint.toml": 'extends = "hackmd"\n',
            "outer/a/b/n.md": "",
            "outer/inner/notes/n.md": "",
            "side/n.md": "",
        },
    )
    (tmp_path / "outer" / "inner" / ".git").mkdir()  # a repository inside: its own root
    resolver = Resolver(cwd=tmp_path / "side")
    outer = resolver.config_for(tmp_path / "outer" / "a" / "b" / "n.md")
    assert outer.source == tmp_path / "outer" / ".notes-lint.toml"
    assert resolver.config_of_folder(tmp_path / "outer") is outer  # one load per config file
    # The search stops at the inner repository's root: the base (here the defaults) applies.
    inner = resolver.config_for(tmp_path / "outer" / "inner" / "notes" / "n.md")
    assert inner is resolver.base
    assert inner.source is None
    forced = Resolver(cwd=tmp_path / "side", forced=tmp_path / "outer" / ".notes-lint.toml")
    assert forced.config_for(tmp_path / "side" / "n.md").source == outer.source


def test_field_case_f15_subfolder_config(tmp_path: Path) -> None:
    if not FIELD_CASE.is_dir():
        pytest.skip(f"the field cases are absent ({FIELD_CASE}): a fresh clone has no ../shared")
    work = tmp_path / "case"
    shutil.copytree(FIELD_CASE, work)
    (work / "expect.txt").unlink()
    (work / ".git").mkdir()
    result = run_cli("check", "--no-cache", "--format", "json", cwd=work)
    codes = {code for _path, code in findings(result.stdout)}
    assert "NL101" not in codes and "NL103" not in codes
    assert "in 1 file" in result.stderr


FOLDERS = st.lists(
    st.lists(st.sampled_from(["a", "b", "c"]), min_size=0, max_size=3).map(tuple),
    min_size=1,
    max_size=6,
    unique=True,
)


@settings(max_examples=25, deadline=None)
@given(
    folders=FOLDERS,
    with_config=st.lists(st.booleans(), min_size=6, max_size=6),
    kinds=st.lists(st.sampled_from(CONFIG_NAMES), min_size=6, max_size=6),
)
def test_each_note_gets_the_config_of_its_nearest_folder_with_one(
    folders: list[tuple[str, ...]], with_config: list[bool], kinds: list[str]
) -> None:
    """Against a model: the config of a note is that of the deepest folder above it (or
    its own) that holds a config file, else the base; one object per config file."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        (repo / ".git").mkdir(parents=True)
        configured: dict[tuple[str, ...], Path] = {}
        for folder, has, kind in zip(folders, with_config, kinds, strict=False):
            where = repo.joinpath(*folder)
            where.mkdir(parents=True, exist_ok=True)
            (where / "n.md").write_text("", encoding="utf-8")
            if has:
                body = {
                    "pyproject.toml": '[tool.notes-lint]\nextends = "hackmd"\n',
                    ".notes-lint.toml": 'extends = "hackmd"\n',
                }.get(kind, "extends: hackmd\n")
                (where / kind).write_text(body, encoding="utf-8")
                configured[folder] = where / kind
        resolver = Resolver(cwd=Path(tmp))
        for folder in folders:
            expected = next(
                (
                    configured[folder[:i]]
                    for i in range(len(folder), -1, -1)
                    if folder[:i] in configured
                ),
                None,
            )
            got = resolver.config_for(repo.joinpath(*folder, "n.md"))
            assert got.source == expected
            if expected is None:
                assert got is resolver.base
            else:
                assert resolver.config_of_folder(expected.parent) is got


def test_show_config_of_a_path_is_the_config_that_path_is_checked_with(two_teams: Path) -> None:
    shown = run_cli("check", "--show-config", "sk/notes/2024-05-01.md", cwd=two_teams)
    assert shown.returncode == 0, shown.stderr
    assert "sk" in shown.stdout.splitlines()[0]  # "# config: …/sk/.notes-lint.yaml"


HARBOR_NOTE = "# 2024-08-01\n\n## Attendees\n\n- A\n\n## Agenda\n\n- x\n\n## Notes\n\n- x\n"


def _harbor_repo(root: Path) -> Path:
    """A repository whose team folder ``harbor`` has its config in ``pyproject.toml``
    and takes only ``drafts/`` and ``minutes/``; the root has no config."""
    (root / ".git").mkdir()
    harbor = root / "harbor"
    (harbor / "drafts").mkdir(parents=True)
    (harbor / "minutes").mkdir()
    (harbor / "pyproject.toml").write_text(
        '[tool.notes-lint]\nextends = "generic"\ninclude = ["drafts/*.md", "minutes/*.md"]\n',
        encoding="utf-8",
    )
    (harbor / "README.md").write_text("# Harbor\n", encoding="utf-8")
    (harbor / "drafts" / "2024-08-01.md").write_text(HARBOR_NOTE, encoding="utf-8")
    (harbor / "minutes" / "2024-07-01.md").write_text(
        HARBOR_NOTE.replace("08-01", "07-01"), encoding="utf-8"
    )
    return harbor


def test_verbose_names_the_config_that_judged_each_skipped_file(tmp_path: Path) -> None:
    """Issue 15, 7: the skipped README is judged by harbor's config, not 'none found'."""
    _harbor_repo(tmp_path)
    result = run_cli(
        "check", "--verbose", "harbor/README.md", "harbor/drafts/2024-08-01.md", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    pyproject = str(tmp_path / "harbor" / "pyproject.toml")
    assert (
        f"skipped harbor/README.md: not a note by the include/exclude of the config {pyproject}"
        in result.stderr
    )
    assert "each note's nearest config" in result.stderr
    assert f"configs used: {pyproject} for 1 note" in result.stderr
    assert "of none found" not in result.stderr


def test_verbose_with_config_says_it_applies_to_every_note(tmp_path: Path) -> None:
    harbor = _harbor_repo(tmp_path)
    forced = run_cli(
        "check", "--verbose", "--config", str(harbor / "pyproject.toml"), "harbor", cwd=tmp_path
    )
    assert "for every note (--config)" in forced.stderr
    assert "configs used" not in forced.stderr


def test_nothing_selected_reads_well_without_a_config(tmp_path: Path) -> None:
    """Issue 15, 12a: no 'the config none found'; the generic defaults are named as such."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "empty").mkdir()
    result = run_cli("check", "empty", cwd=tmp_path)
    line = next(x for x in result.stderr.splitlines() if "no notes to check" in x)
    assert "of the generic defaults (no config file found from" in line
    assert "config none found" not in line and "none found (" not in line
    (tmp_path / "other").mkdir()
    harbor = _harbor_repo(tmp_path / "other")
    (harbor / "drafts" / "2024-08-01.md").unlink()
    (harbor / "minutes" / "2024-07-01.md").unlink()
    named = run_cli("check", "harbor", cwd=tmp_path / "other")
    assert f"of the config {harbor / 'pyproject.toml'}" in named.stderr


def test_check_from_a_subfolder_checks_it_with_paths_relative_to_it(tmp_path: Path) -> None:
    """Issue 15, 12b: as ruff's default path ``.``: run in ``harbor/drafts`` with no
    path, the drafts are checked (by harbor's config), shown relative to the working
    folder; a folder given outside it is shown as written (``../minutes/…``)."""
    harbor = _harbor_repo(tmp_path)
    (harbor / "drafts" / "2024-08-02.md").write_text(
        "# 2024-08-02\n\n## Notes\n\n- x\n", encoding="utf-8"
    )
    here = run_cli("check", cwd=harbor / "drafts")
    assert here.stdout.startswith("2024-08-02.md:"), here.stdout
    assert str(tmp_path) not in here.stdout and "minutes" not in here.stdout
    assert "in 2 files" in here.stderr
    (harbor / "minutes" / "2024-07-01.md").write_text("# 2024-07-01\n", encoding="utf-8")
    outside = run_cli("check", "../minutes", cwd=harbor / "drafts")
    assert outside.stdout.startswith("../minutes/2024-07-01.md:"), outside.stdout
    from_root = run_cli("check", cwd=tmp_path)
    assert "harbor/minutes/2024-07-01.md:" in from_root.stdout
    assert "harbor/drafts/2024-08-02.md:" in from_root.stdout
