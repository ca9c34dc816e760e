"""``notes-lint server`` at the edges of LSP: requests on a document never opened,
after ``shutdown``, the diagnostic mode (push or pull, never both by default), and
the diagnostic of a broken config file (once per save, at the key's line).

Where the count or the order of messages matters, a plain stdio client (a reader
thread over the server's stdout) drives the server; else pytest-lsp's client."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp", reason="pytest-lsp is a dev dependency")
from conftest import write_team
from lsp_client import ENV, SERVER_COMMAND, note_uri
from lsprotocol import types
from pytest_lsp import LanguageClient
from test_server import CONFIG, NOTE

Message = dict[str, Any]


class RawClient:
    """A JSON-RPC client over the server's stdio that keeps every message it gets."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            SERVER_COMMAND,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=ENV,
        )
        self.got: queue.Queue[Message] = queue.Queue()
        self.seen: list[Message] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        assert out is not None
        while True:
            length = 0
            while (header := out.readline()) not in (b"\r\n", b""):
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            if not header:
                return
            self.got.put(json.loads(out.read(length)))

    def send(self, body: Message) -> None:
        data = json.dumps({"jsonrpc": "2.0", **body}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        stdin.flush()

    def until(self, done: Any, timeout: float = 30) -> Message:
        """The first message (kept or new) for which ``done(message)`` holds."""
        for message in self.seen:
            if done(message):
                return message
        end = time.monotonic() + timeout
        while True:
            message = self.got.get(timeout=max(end - time.monotonic(), 0.01))
            self.seen.append(message)
            if done(message):
                return message

    def request(self, id_: int, method: str, params: Any = None) -> Message:
        self.send({"id": id_, "method": method, "params": params})
        return self.until(lambda m: m.get("id") == id_ and "method" not in m)

    def settle(self, seconds: float = 1.0) -> None:
        """Keep what arrives in the next ``seconds``."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                self.seen.append(self.got.get(timeout=left))
            except queue.Empty:
                return

    def published(self, uri: str) -> list[Message]:
        return [
            m
            for m in self.seen
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ]

    def start(self, capabilities: Message, options: Message | None = None) -> Message:
        params = {"processId": None, "rootUri": None, "capabilities": capabilities}
        if options is not None:
            params["initializationOptions"] = options
        answer = self.request(1, "initialize", params)
        self.send({"method": "initialized", "params": {}})
        return answer

    def stop(self) -> int:
        self.request(9000, "shutdown")
        self.send({"method": "exit"})
        return self.process.wait(30)

    def open(self, uri: str, text: str) -> None:
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})


@pytest.fixture
def raw() -> Iterator[RawClient]:
    client = RawClient()
    yield client
    if client.process.poll() is None:
        client.process.kill()
        client.process.wait()


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The workspace this module's ``client`` (tests/lsp_client.py) opens."""
    (tmp_path / ".git").mkdir()
    return write_team(tmp_path, CONFIG, {"notes/2024/2024-03-19.md": NOTE})


PULL = {"textDocument": {"diagnostic": {"dynamicRegistration": False}}}


# ------------------------------------------------------------ a document never opened


@pytest.mark.asyncio
async def test_requests_on_a_uri_never_opened_that_does_not_exist_are_empty(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team, "notes/2024/nowhere.md")
    document = types.TextDocumentIdentifier(uri)
    at = types.Position(0, 0)
    found = await client.text_document_completion_async(types.CompletionParams(document, at))
    items = found.items if isinstance(found, types.CompletionList) else found
    assert found is not None and list(items or ()) == []
    assert await client.text_document_hover_async(types.HoverParams(document, at)) is None
    where = await client.text_document_definition_async(types.DefinitionParams(document, at))
    assert where is None
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(document))
    assert symbols is not None and list(symbols) == []
    assert client.error is None  # no error answer, no traceback


@pytest.mark.asyncio
async def test_completion_on_a_saved_note_never_opened_reads_the_file(
    client: LanguageClient, team: Path
) -> None:
    note = team / "notes/2024/2024-03-26.md"
    note.write_text("## March 26th, 2024\n\n- ask (\n", encoding="utf-8")
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(note.as_uri()), types.Position(2, 7))
    )
    items = found.items if isinstance(found, types.CompletionList) else found or []
    assert [i.label for i in items] == ["Guillaume", "Julien", "Loïc"]


# ---------------------------------------------------------------- after shutdown


def test_a_request_after_shutdown_is_an_invalid_request(raw: RawClient, team: Path) -> None:
    raw.start({})
    assert "error" not in raw.request(2, "shutdown")
    uri = note_uri(team)
    answer = raw.request(
        3,
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}},
    )
    assert answer["error"]["code"] == -32600  # InvalidRequest, LSP 3.17 "shutdown"
    raw.send({"method": "exit"})
    assert raw.process.wait(30) == 0


# ------------------------------------------------------------------ diagnostic mode


def test_a_client_without_pull_support_gets_push_only(raw: RawClient, team: Path) -> None:
    answer = raw.start({})
    assert "diagnosticProvider" not in answer["result"]["capabilities"]
    uri = note_uri(team)
    raw.open(uri, NOTE)
    codes = raw.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert sorted(d["code"] for d in codes["params"]["diagnostics"]) == ["NL201", "NL302"]
    assert raw.stop() == 0


@pytest.mark.parametrize("options", [None, {"diagnosticMode": "pull"}])
def test_a_client_with_pull_support_gets_pull_only(
    raw: RawClient, team: Path, options: Message | None
) -> None:
    answer = raw.start(PULL, options)
    assert answer["result"]["capabilities"]["diagnosticProvider"]["identifier"] == "notes-lint"
    uri = note_uri(team)
    raw.open(uri, NOTE)
    report = raw.request(2, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    assert sorted(d["code"] for d in report["result"]["items"]) == ["NL201", "NL302"]
    raw.settle(0.5)
    assert raw.published(uri) == []  # never also pushed: a client would show both
    assert raw.stop() == 0


def test_push_mode_does_not_advertise_pull(raw: RawClient, team: Path) -> None:
    answer = raw.start(PULL, {"diagnosticMode": "push"})
    assert "diagnosticProvider" not in answer["result"]["capabilities"]
    uri = note_uri(team)
    raw.open(uri, NOTE)
    raw.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert raw.stop() == 0


def test_both_when_asked(raw: RawClient, team: Path) -> None:
    answer = raw.start({}, {"diagnosticMode": "both"})
    assert "diagnosticProvider" in answer["result"]["capabilities"]
    raw.open(note_uri(team), NOTE)
    raw.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert raw.stop() == 0


# ------------------------------------------------------------------ config problems


def save(raw: RawClient, path: Path) -> None:
    raw.send({"method": "textDocument/didSave", "params": {"textDocument": {"uri": path.as_uri()}}})


def test_a_saved_config_is_published_once_per_save_at_the_key_line(
    raw: RawClient, team: Path
) -> None:
    raw.start({})
    uri = note_uri(team)
    raw.open(uri, NOTE)
    raw.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    config = team / ".notes-lint.yaml"
    lines = CONFIG.splitlines()
    broken = "\n".join([*lines[:2], "extnds: sklearn-weekly", *lines[2:]]) + "\n"
    for saves in (1, 2):
        config.write_text(broken, encoding="utf-8")
        save(raw, config)
        raw.until(lambda m, saves=saves: len(raw.published(config.as_uri())) >= saves)
        raw.settle(1.0)
        published = raw.published(config.as_uri())
        assert len(published) == saves, published
    (problem,) = published[-1]["params"]["diagnostics"]
    assert "extnds: unknown key" in problem["message"]
    assert problem["range"]["start"] == {"line": 2, "character": 0}  # the key, not 0:0
    config.write_text(CONFIG, encoding="utf-8")
    save(raw, config)
    raw.until(lambda m: len(raw.published(config.as_uri())) >= 3)
    raw.settle(1.0)
    published = raw.published(config.as_uri())
    assert len(published) == 3 and published[-1]["params"]["diagnostics"] == []
    assert raw.stop() == 0


def test_a_nested_key_points_at_its_line(raw: RawClient, team: Path) -> None:
    raw.start({})
    config = team / ".notes-lint.yaml"
    config.write_text(CONFIG.replace("  default-repo:", "  defualt-repo:"), encoding="utf-8")
    item = {"uri": config.as_uri(), "languageId": "yaml", "version": 1, "text": ""}
    raw.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
    raw.until(lambda m: raw.published(config.as_uri()) != [])
    (problem,) = raw.published(config.as_uri())[0]["params"]["diagnostics"]
    at = CONFIG.splitlines().index("  default-repo: acme/tools")
    assert problem["range"]["start"]["line"] == at
    assert raw.stop() == 0
