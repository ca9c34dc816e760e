"""Code actions of ``notes-lint server`` for a client that resolves edits
(``codeAction/resolve``), as VS Code does: the lightbulb costs about a lint, fix-all
and the suppressions are made on resolve, and a suppression never changes the
note's structure (issue 17 review, items 1 and 3)."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp", reason="pytest-lsp is a dev dependency")
from conftest import write_team
from lsp_client import (
    ENV,
    SERVER_COMMAND,
    actions_at,
    apply_edits,
    by_code,
    edits_of,
    note_uri,
    open_note,
)
from lsprotocol import types
from markdown_it import MarkdownIt
from pytest_lsp import LanguageClient
from test_server import EARLIER

CONFIG = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Guillaume: glemaitre
  Julien: jjerphan
"""

NOTE = """\
## March 19th, 2024

### Discussion

| what | where |
| ---- | ----- |
| page | https://example.org/a |

The page moved yesterday and
see https://example.org/b for it.

- a list item that goes on
https://example.org/c lazily
- https://example.org/d second item

https://example.org/e opens a paragraph.

### TODO / Next

- Release 1.5 (Guilaume)
"""


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """The workspace this module's ``client`` (tests/lsp_client.py) opens."""
    (tmp_path / ".git").mkdir()
    return write_team(
        tmp_path,
        CONFIG,
        {"notes/2024/2024-03-12.md": EARLIER, "notes/2024/2024-03-19.md": NOTE},
    )


@pytest.fixture
def capabilities() -> types.ClientCapabilities:
    """This module's client resolves code actions' edits (``codeAction/resolve``)."""
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
            )
        )
    )


def rendered(text: str) -> str:
    """The HTML GitHub-flavoured CommonMark gives ``text``, HTML comments left out."""
    html = MarkdownIt("commonmark").enable("table").render(text)
    return re.sub(r"\n+", "\n", re.sub(r"[ \t]*<!--.*?-->", "", html))


async def resolved(client: LanguageClient, action: types.CodeAction) -> types.CodeAction:
    done = await client.code_action_resolve_async(action)
    assert done.edit is not None, f"{action.title} was not resolved"
    return done


@pytest.mark.asyncio
async def test_the_lightbulb_leaves_fix_all_and_suppressions_to_resolve(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    owner = by_code(await open_note(client, uri, NOTE), "NL302")
    actions = await actions_at(client, uri, owner)
    fix = next(a for a in actions if a.title.startswith("NL302: replace"))
    assert fix.edit is not None  # a rule's own fix costs nothing more: made at once
    lazy = {a.title: a for a in actions if a.edit is None}
    assert set(lazy) == {
        "Disable NL302 for this line",
        "Disable NL302 for this file",
        "notes-lint: fix all",
    }
    every = await resolved(client, lazy["notes-lint: fix all"])
    fixed = apply_edits(NOTE, edits_of(every, uri))
    assert "(Guillaume)" in fixed and "| <https://example.org/a> |" in fixed
    assert every.title == "notes-lint: fix all (6 findings)"
    disable = await resolved(client, lazy["Disable NL302 for this line"])
    assert "<!-- notes-lint disable-next-line NL302 -->\n- Release 1.5" in apply_edits(
        NOTE, edits_of(disable, uri)
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("https://example.org/a", "a table row"),
        ("https://example.org/b", "a paragraph's second line"),
        ("https://example.org/c", "a lazy continuation line"),
        ("https://example.org/d", "a list's second item"),
    ],
)
async def test_disable_for_this_line_never_changes_the_structure(
    client: LanguageClient, team: Path, url: str, where: str
) -> None:
    uri = note_uri(team)
    found = await open_note(client, uri, NOTE)
    line = next(i for i, text in enumerate(NOTE.split("\n")) if url in text)
    bare = next(d for d in found if d.code == "NL201" and d.range.start.line == line)
    action = next(
        a for a in await actions_at(client, uri, bare) if a.title == "Disable NL201 for this line"
    )
    after = apply_edits(NOTE, edits_of(await resolved(client, action), uri))
    assert rendered(after) == rendered(NOTE), where
    changed = after.split("\n")[line]
    assert changed.startswith(NOTE.split("\n")[line].rstrip(" |"))
    assert "<!-- notes-lint disable-line NL201 -->" in changed, where
    if where == "a table row":
        assert changed.endswith("|")  # the comment sits in the last cell
    urls = [d for d in await open_note(client, uri, after, 2) if d.code == "NL201"]
    assert len(urls) == 4 and all(d.range.start.line != line for d in urls)


@pytest.mark.asyncio
async def test_a_comment_above_where_it_opens_a_block(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    found = await open_note(client, uri, NOTE)
    line = next(i for i, text in enumerate(NOTE.split("\n")) if "example.org/e" in text)
    bare = next(d for d in found if d.code == "NL201" and d.range.start.line == line)
    action = next(
        a for a in await actions_at(client, uri, bare) if a.title == "Disable NL201 for this line"
    )
    after = apply_edits(NOTE, edits_of(await resolved(client, action), uri))
    assert "<!-- notes-lint disable-next-line NL201 -->\nhttps://example.org/e" in after
    assert rendered(after) == rendered(NOTE)


def _message(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_exit_ends_the_process_while_a_fix_all_runs(tmp_path: Path) -> None:
    """``exit`` ends the server at once, though a lint of a large note runs in a thread."""
    (tmp_path / ".git").mkdir()
    block = "- see http://example.org/x and https://example.org/y (Guilaume)\n"
    big = "## March 19th, 2024\n\n### Discussion\n\n" + block * 12000
    team = write_team(tmp_path, CONFIG, {"notes/2024/2024-03-19.md": big})
    uri = note_uri(team)
    messages: list[dict[str, object]] = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": team.as_uri(), "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {
                "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": big}
            },
        },
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "textDocument/codeAction",
            "params": {
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 5, "character": 0}, "end": {"line": 5, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            },
        },
    ]
    out = (tmp_path / "out").open("wb")  # a file, not a pipe nobody reads
    server = subprocess.Popen(
        SERVER_COMMAND,
        stdin=subprocess.PIPE,
        stdout=out,
        stderr=out,
        env=ENV,
    )
    assert server.stdin is not None
    server.stdin.write(b"".join(_message(m) for m in messages))
    server.stdin.flush()
    time.sleep(4)  # the lint of the 800 KB note is under way
    server.stdin.write(_message({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}))
    server.stdin.write(_message({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.flush()
    asked = time.monotonic()
    try:
        status = server.wait(timeout=10)
    finally:
        server.kill()
        server.wait()
        out.close()
    assert status == 0
    assert time.monotonic() - asked < 10
