"""The TODO ledger (`notes-lint todos`) and `notes-lint new`, on notes of several meetings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS, ROOT, TEAM_CONFIG, make_config, run_cli

from notes_lint.collection import load_notes
from notes_lint.config import load_config
from notes_lint.ledger import Ledger, LedgerEntry, bound_issue, build_ledger
from notes_lint.parse import parse_note
from notes_lint.resources import load_schema
from notes_lint.source import from_text

WEEKS = {
    "2024-03-05.md": """\
## March 5th, 2024

### Discussion

- release plans

### TODO / Next

- Release 1.4.2 (Guillaume)
- Close the perf gap in the KNN code (Julien)
- Update the roadmap (Guillaume)
- Update the roadmap (Julien)
""",
    "2024-03-12.md": """\
## March 12th, 2024

### Discussion

- still on it

### TODO / Next

- Release 1.4.2 (Guillaume)
- Close the performance gap in the KNN code (Julien)
- Update the roadmap (Julien)
""",
    "2024-03-19.md": """\
## March 19th, 2024

### Discussion

- almost there

### TODO / Next

- Release  **1.4.2** (Guillaume)
- Close the performance gap in the KNN code (Julien)
- (Loïc):
    - Book a room for the sprint
""",
    "2024-03-26.md": """\
## March 26th, 2024

### Discussion

- released

### TODO / Next

- [x] Release 1.4.2 (Guillaume)
- Close the performance gap in the KNN code (Julien)
- Book a room for the sprint (Loïc)
""",
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(TEAM_CONFIG, encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    for name, text in WEEKS.items():
        (notes / name).write_text(text, encoding="utf-8")
    return tmp_path


def ledger_of(team: Path, today: str = "2024-04-02") -> Ledger:
    config = load_config(cwd=team)
    notes = load_notes(config, cwd=team).notes
    return build_ledger(notes, today=dt.date.fromisoformat(today), repo="acme/tools")


def by_text(ledger: Ledger, fragment: str, owner: str) -> list[LedgerEntry]:
    return [e for e in ledger.entries if fragment in e.text and e.owner == owner]


def test_a_carried_over_todo_is_one_entry_closed_when_marked_done(team: Path) -> None:
    ledger = ledger_of(team)
    (release,) = by_text(ledger, "Release", "Guillaume")
    assert [o.date for o in release.occurrences] == [
        "2024-03-05",
        "2024-03-12",
        "2024-03-19",
        "2024-03-26",
    ]
    assert [o.done for o in release.occurrences] == [False, False, False, True]
    assert release.done
    assert release.carried_over == 3
    assert release.status(ledger.today, ledger.grace_days) == "done"


def test_an_edited_carried_over_todo_is_merged_with_evidence(team: Path) -> None:
    ledger = ledger_of(team)
    (gap,) = [e for e in ledger.entries if "gap" in e.text]
    assert len(gap.occurrences) == 4
    assert gap.text == "Close the performance gap in the KNN code"
    assert gap.issue is None
    ((reason, score),) = [(ev.reason, ev.score) for ev in gap.evidence]
    assert reason == "similar-text"
    assert score == pytest.approx(90.7, abs=0.1)
    result = run_cli("todos", "--today", "2024-04-02", "--explain", gap.id, cwd=team)
    assert result.returncode == 0
    assert "merged because:" in result.stdout
    assert (
        "'Close the perf gap in the KNN code' -> 'Close the performance gap in the KNN code'"
        in result.stdout
    )


def test_the_same_text_of_two_owners_is_two_entries(team: Path) -> None:
    ledger = ledger_of(team)
    roadmap = [e for e in ledger.entries if e.text == "Update the roadmap"]
    assert sorted((e.owner or "", len(e.occurrences)) for e in roadmap) == [
        ("Guillaume", 1),
        ("Julien", 2),
    ]


def test_owner_groups_and_owner_tags_are_the_same_owner(team: Path) -> None:
    ledger = ledger_of(team)
    (room,) = [e for e in ledger.entries if "room" in e.text]
    assert room.owner == "Loïc"
    assert len(room.occurrences) == 2


def test_grace_period_decides_what_is_left_undone(team: Path) -> None:
    early = ledger_of(team, today="2024-03-27")
    (room,) = [e for e in early.entries if "room" in e.text]
    assert room.status(early.today, early.grace_days) == "undone"  # first seen 03-19: 8 days
    (guillaume_roadmap,) = [
        e for e in early.entries if e.text == "Update the roadmap" and e.owner == "Guillaume"
    ]
    assert guillaume_roadmap.age_days(early.today) == 22
    fresh = ledger_of(team, today="2024-03-20")
    (room,) = [e for e in fresh.entries if "room" in e.text]
    assert room.status(fresh.today, fresh.grace_days) == "open"


def test_todos_json_validates_against_the_ledger_schema(team: Path) -> None:
    result = run_cli("todos", "--today", "2024-04-02", "--format", "json", cwd=team)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("ledger.schema.json"))
    assert data["notes"] == 4
    assert {e["status"] for e in data["entries"]} == {"done", "undone"}


def test_todos_filters(team: Path) -> None:
    def texts(*args: str) -> list[str]:
        out = run_cli("todos", "--today", "2024-04-02", "--format", "json", *args, cwd=team)
        assert out.returncode == 0, out.stderr
        return sorted(e["text"] for e in json.loads(out.stdout)["entries"])

    assert "Release 1.4.2" not in texts("--open")
    assert texts("--owner", "Julien") == texts("--owner", "@jjerphan")
    assert texts("--owner", "julien") == [
        "Close the performance gap in the KNN code",
        "Update the roadmap",
    ]
    assert texts("--since", "2024-03-26") == sorted(
        ["Release 1.4.2", "Close the performance gap in the KNN code", "Book a room for the sprint"]
    )
    assert texts("--undone", "--grace-days", "14") == sorted(
        ["Close the performance gap in the KNN code", "Update the roadmap", "Update the roadmap"]
    )


def test_table_groups_by_owner_and_csv_and_markdown(team: Path) -> None:
    table = run_cli("todos", "--today", "2024-04-02", cwd=team).stdout
    owners = [
        line.split(" ")[0] for line in table.splitlines() if line and not line.startswith(" ")
    ]
    assert owners == ["Guillaume", "Julien", "Loïc"]
    assert "notes/2024-03-26.md:9" in table  # latest occurrence of the release TODO
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_cli("todos", "--format", "csv", "--today", "2024-04-02", cwd=team).stdout
            )
        )
    )
    assert {r["owner"] for r in rows} == {"Guillaume", "Julien", "Loïc"}
    assert all(r["path"].startswith("notes/") for r in rows)
    markdown = run_cli("todos", "--format", "markdown", "--today", "2024-04-02", cwd=team).stdout
    assert "### Julien" in markdown and "| text | first seen |" in markdown


def test_new_carries_over_exactly_the_open_todos_and_passes_check(team: Path) -> None:
    result = run_cli(
        "new",
        "--date",
        "2024-04-02",
        "--today",
        "2024-04-02",
        "--output",
        "notes/2024-04-02.md",
        cwd=team,
    )
    assert result.returncode == 0, result.stderr
    text = (team / "notes" / "2024-04-02.md").read_text(encoding="utf-8")
    assert text.startswith("## April 2nd, 2024\n")
    config = load_config(cwd=team)
    note = parse_note(from_text(text, "notes/2024-04-02.md"), config)
    carried = sorted((t.owner or "", t.text) for t in note.todos)
    open_entries = sorted((e.owner or "", e.text) for e in ledger_of(team).entries if not e.done)
    assert carried == open_entries
    assert [s.kind for s in note.sections][-2:] == ["named", "todo"]
    check = run_cli("check", "notes/2024-04-02.md", cwd=team)
    assert check.returncode == 0, check.stdout
    again = run_cli("new", "--date", "2024-04-02", "--output", "notes/2024-04-02.md", cwd=team)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_todo_linking_an_issue_of_the_sync_repo_is_bound_to_it() -> None:
    assert (
        bound_issue("fix [#12](https://github.com/acme/tools/issues/12)", "acme/tools")
        == "acme/tools#12"
    )
    assert bound_issue("see acme/tools#7", "acme/tools") == "acme/tools#7"
    assert bound_issue("see #7", "acme/tools") == "acme/tools#7"
    assert bound_issue("see other/repo#7", "acme/tools") is None
    assert bound_issue("see #7", None) is None
    config = make_config({"extends": "sklearn-weekly"})
    first = "## 2024-01-01\n\n### Discussion\n\n- x\n\n### TODO / Next\n\n- Fix the crash in #12 (Ana)\n"
    second = "## 2024-01-08\n\n### Discussion\n\n- x\n\n### TODO / Next\n\n- Review the PR for #12, then release (Ana)\n"
    notes = [parse_note(from_text(t, f"{i}.md"), config) for i, t in enumerate((first, second))]
    ledger = build_ledger(notes, today=dt.date(2024, 2, 1), repo="acme/tools")
    (entry,) = ledger.entries
    assert entry.issue == "acme/tools#12"
    assert [ev.reason for ev in entry.evidence] == ["same-issue"]


def test_the_readme_shows_the_ledger_of_the_examples() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = run_cli("todos", "--today", "2024-03-26", cwd=ROOT / "examples").stdout.rstrip()
    assert table in readme


@pytest.mark.parametrize(
    ("folder", "config"),
    [("openjs-cpc", None), ("rust-lang-team", "rust-lang.notes-lint.yaml")],
)
def test_the_ledger_of_every_corpus_note_builds(
    corpus: Path, folder: str, config: str | None
) -> None:
    args = ["todos", "--format", "json", "--today", "2026-09-01", str(CORPUS / folder)]
    if config is not None:
        fixture = ROOT / "tests" / "fixtures" / config
        assert fixture.is_file(), f"{fixture}: the repository's fixture is missing"
        args += ["--config", str(fixture)]
    result = run_cli(*args, cwd=CORPUS / folder)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema("ledger.schema.json"))
    assert data["notes"] > 100
    assert data["entries"]
