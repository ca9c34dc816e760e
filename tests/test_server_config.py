"""``notes-lint server`` started under a config that cannot be loaded: the note gets
one finding saying so (``check`` exits 2), not the findings of another preset."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp", reason="pytest-lsp is a dev dependency")
from conftest import write_team
from lsp_client import note_uri, open_note
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
