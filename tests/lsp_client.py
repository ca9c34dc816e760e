"""The language-server tests' one LSP client: ``notes-lint server`` started over stdio
by pytest-lsp and initialised on the test module's workspace, and the requests the
server tests share.

A pytest plugin (``tests/conftest.py`` loads it when pytest-lsp, a dev dependency, is
installed). The ``client`` fixture is defined here once; a module picks what differs by
overriding two fixtures, as pytest overrides a fixture by name in a narrower scope:

- ``team`` (no default: every server module writes its own): the folder opened as the
  workspace (``rootUri``), a team's ``.notes-lint.yaml`` and notes;
- ``capabilities``: what the client says it supports in ``initialize`` (default: none,
  ``ClientCapabilities()``; the code-action module asks for ``codeAction/resolve``).

The fixture follows pytest-lsp's own pattern (``@pytest_lsp.fixture`` with a
``ClientServerConfig``; the fixture initialises the session, yields, shuts it down).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_lsp
from conftest import ROOT
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

# The server as a user's editor starts it; PYTHONPATH makes it this checkout's code.
SERVER_COMMAND = [sys.executable, "-m", "notes_lint", "server"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def capabilities() -> types.ClientCapabilities:
    """The client's capabilities in ``initialize``: none by default (a module overrides)."""
    return types.ClientCapabilities()


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    config=ClientServerConfig(server_command=SERVER_COMMAND, server_env=ENV),
)
async def client(
    lsp_client: LanguageClient, team: Path, capabilities: types.ClientCapabilities
) -> AsyncIterator[None]:
    """A pytest-lsp client of a server initialised on ``team`` (``rootUri``) with
    ``capabilities``; the session is shut down after the test."""
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=team.as_uri(), process_id=None)
    )
    yield
    await lsp_client.shutdown_session()


def note_uri(team: Path, name: str = "notes/2024/2024-03-19.md") -> str:
    return (team / name).as_uri()


async def open_note(
    client: LanguageClient, uri: str, text: str, version: int = 1
) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )
    await asyncio.wait_for(waiting, 30)
    return list(client.diagnostics[uri])


async def change(
    client: LanguageClient, uri: str, text: str, version: int
) -> list[types.Diagnostic]:
    waiting = asyncio.ensure_future(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )
    await asyncio.wait_for(waiting, 30)
    return list(client.diagnostics[uri])


def by_code(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {[(d.code, d.message) for d in diagnostics]}"
    return found[0]


async def actions_at(
    client: LanguageClient,
    uri: str,
    diagnostic: types.Diagnostic,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            diagnostic.range,
            types.CodeActionContext([diagnostic], only=only),
        )
    )
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (ASCII text: characters are code points)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(p: types.Position) -> int:
        return starts[p.line] + p.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def wait_until(
    client: LanguageClient, uri: str, done: Callable[[list[str]], bool], tries: int = 8
) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` once ``done(codes)`` holds, waiting for up to ``tries``
    publications (a save or a watched change may publish more than once)."""
    for _ in range(tries):
        codes = [str(d.code) for d in client.diagnostics.get(uri, [])]
        if done(codes):
            break
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        await asyncio.wait_for(waiting, 30)
    return list(client.diagnostics.get(uri, []))
