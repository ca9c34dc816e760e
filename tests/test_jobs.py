"""`check --jobs`: several processes, the same diagnostics in the same order as one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_config, run_cli

from notes_lint.discovery import find_notes
from notes_lint.linter import lint_files
from notes_lint.parallel import MIN_ITEMS, imap_batches, map_batches


def note(n: int) -> str:
    owner = "(Ana)" if n % 3 else ""
    return (
        f"## 2024-01-{n % 28 + 1:02d}\n\n### Discussion\n\n- see https://example.org/{n}\n"
        f"- [next](note-{n + 1}.md#talk) and [gone](missing-{n}.md)\n\n"
        f"### TODO / Next\n\n- Task {n} {owner}\n"
    )


@pytest.fixture
def many(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    for n in range(MIN_ITEMS + 12):
        (tmp_path / f"note-{n}.md").write_text(note(n), encoding="utf-8")
    return tmp_path


def test_parallel_runs_give_the_same_diagnostics_in_the_same_order(many: Path) -> None:
    config = make_config({"extends": "sklearn-weekly"}, many)
    files = find_notes(config, cwd=many)
    one = lint_files(files, config, jobs=1)
    two = lint_files(files, config, jobs=2)
    assert one.diagnostics == two.diagnostics
    assert {d.code for d in one.diagnostics} >= {"NL201", "NL206", "NL207", "NL301"}
    assert one.checked == two.checked and two.files == len(files)


def test_the_cli_output_does_not_depend_on_jobs(many: Path) -> None:
    serial = run_cli("check", "--jobs", "1", cwd=many)
    parallel = run_cli("check", "--jobs", "2", cwd=many)
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr


def test_jobs_must_be_positive(many: Path) -> None:
    result = run_cli("check", "--jobs", "0", cwd=many)
    assert result.returncode == 2
    assert "--jobs must be 1 or more" in result.stderr


def test_the_ledger_does_not_depend_on_jobs(many: Path) -> None:
    serial = run_cli("todos", "--format", "json", "--today", "2024-02-01", "--jobs", "1", cwd=many)
    parallel = run_cli(
        "todos", "--format", "json", "--today", "2024-02-01", "--jobs", "2", cwd=many
    )
    assert serial.returncode == parallel.returncode == 0, serial.stderr
    assert serial.stdout == parallel.stdout
    assert '"owner": "Ana"' in serial.stdout


def _tag(items: list[int]) -> list[tuple[int, int]]:
    """Each item with the process that handled it."""
    return [(item, os.getpid()) for item in items]


def test_batches_come_back_in_order_and_the_caller_shares_the_work() -> None:
    items = list(range(500))
    out = map_batches(_tag, items, jobs=2)
    assert [item for item, _ in out] == items
    processes = {pid for _, pid in out}
    assert len(processes) <= 2  # jobs=2 means the caller and one worker, never more


def test_small_runs_stay_in_one_process() -> None:
    out = map_batches(_tag, list(range(MIN_ITEMS - 1)), jobs=8)
    assert {pid for _, pid in out} == {os.getpid()}


def test_batches_are_handed_on_in_order_and_a_caller_may_stop_early() -> None:
    items = list(range(400))
    batches = imap_batches(_tag, items, jobs=2)
    first = next(batches)
    assert [item for item, _ in first] == items[: len(first)]
    batches.close()  # the rest is cancelled or awaited: no worker is left behind
    assert [item for batch in imap_batches(_tag, items, jobs=1) for item, _ in batch] == items
