"""``notes-lint server`` started under a config that cannot be loaded: the note gets
one finding saying so (``check`` exits 2), not the findings of another preset."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is a dev dependency")
from conftest import write_team  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402
from test_server import CONFIG, ENV, NOTE, note_uri, open_note  # noqa: E402


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return write_team(tmp_path, CONFIG + "people: [\n", {"notes/2024/2024-03-19.md": NOTE})


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "notes_lint", "server"], server_env=ENV
    ),
)
async def client(lsp_client: LanguageClient, team: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=team.as_uri(), process_id=None
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_config_broken_from_the_start_is_one_finding(
    client: LanguageClient, team: Path
) -> None:
    found = await open_note(client, note_uri(team), NOTE)
    assert [d.code for d in found] == ["config"], [(d.code, d.message) for d in found]
    assert "cannot load its config" in found[0].message
    assert ".notes-lint.yaml" in found[0].message
