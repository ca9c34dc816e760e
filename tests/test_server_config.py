"""``notes-lint server`` started under a config that cannot be loaded: the note gets
one finding saying so (``check`` exits 2), not the findings of another preset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp", reason="pytest-lsp is a dev dependency")
from conftest import run_cli, write_team
from lsp_client import note_uri, open_note, wait_until
from lsprotocol import types
from pytest_lsp import LanguageClient
from test_server import CONFIG, NOTE


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The workspace this module's ``client`` (tests/lsp_client.py) opens: a broken config."""
    (tmp_path / ".git").mkdir()
    return write_team(tmp_path, CONFIG + "people: [\n", {"notes/2024/2024-03-19.md": NOTE})


@pytest.mark.asyncio
async def test_a_config_broken_from_the_start_is_one_finding(
    client: LanguageClient, team: Path
) -> None:
    found = await open_note(client, note_uri(team), NOTE)
    assert [d.code for d in found] == ["config"], [(d.code, d.message) for d in found]
    assert "cannot load its config" in found[0].message
    assert ".notes-lint.yaml" in found[0].message


# A config problem is placed where check places it (notes_lint.configpos): a key the
# schema does not know, misplaced or misspelt, at the key (its value may be a block on the
# lines below); a value of the wrong type or that does not compile, at the value.
PLACED = {
    "unknown key with a block value": ("linkz:\n  default-repo: acme/tools\n", (9, 1)),
    "misplaced key": ("level: 3\n", (9, 1)),
    "wrong type": ("date:\n  level: seven\n", (10, 10)),
    "bad value in a list": ("date:\n  formats:\n    - iso\n    - isso\n", (12, 7)),
    "pattern that does not compile": ("todos:\n  due-pattern: '(due'\n", (10, 16)),
}


def _cli_position(team: Path) -> tuple[int, int]:
    """The ``FILE:LINE:COL`` of the first problem ``check`` prints for the team's config."""
    result = run_cli("check", "--no-cache", cwd=team)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    found = re.search(r"^notes-lint: \.notes-lint\.yaml:(\d+):(\d+): ", result.stderr, re.M)
    assert found is not None, result.stderr
    return int(found[1]), int(found[2])


@pytest.mark.asyncio
@pytest.mark.parametrize("case", sorted(PLACED))
async def test_a_config_problem_is_where_check_puts_it(
    client: LanguageClient, team: Path, case: str
) -> None:
    added, (line, col) = PLACED[case]
    assert CONFIG.count("\n") == 8  # the added lines start at line 9
    config = team / ".notes-lint.yaml"
    config.write_text(CONFIG + added, encoding="utf-8")
    assert _cli_position(team) == (line, col)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    )
    (problem,) = await wait_until(client, config.as_uri(), bool)
    start = problem.range.start
    assert (start.line + 1, start.character + 1) == (line, col), problem.message
    assert str(config) not in problem.message  # the file is the diagnostic's, not its text
