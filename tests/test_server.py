"""``notes-lint server`` end to end: a real LSP client (pytest-lsp) drives the server
in a subprocess over stdio, on a small team repository written in a temp folder."""

from __future__ import annotations

import json
import subprocess
import sys
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
    change,
    edits_of,
    note_uri,
    open_note,
    wait_until,
)
from lsprotocol import types
from pytest_lsp import LanguageClient

CONFIG = """\
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
  Guillaume: glemaitre
  Julien: jjerphan
  Loïc: null
links:
  default-repo: acme/tools
"""

NOTE = """\
## March 19th, 2024

### Discussion

- see https://example.org/page for it
- back to [the todo list](#todo--next)

### TODO / Next

- Release 1.5 (Guilaume)
- Julien: book a room for the sprint
"""

EARLIER = """\
## March 12th, 2024

### Discussion

- nothing

### TODO / Next

- Julien: book a room for the sprint
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


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_after_an_unsaved_change(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    found = await open_note(client, uri, NOTE)
    url = by_code(found, "NL201")
    line = NOTE.splitlines()[4]
    start = line.index("https://")
    assert span(url) == (4, start, 4, start + len("https://example.org/page"))
    assert url.source == "notes-lint"
    assert url.severity == types.DiagnosticSeverity.Warning
    assert url.code_description is not None
    assert url.code_description.href.endswith("docs/rules.md#nl201")
    owner = by_code(found, "NL302")
    assert owner.severity == types.DiagnosticSeverity.Error
    at = NOTE.splitlines()[9].index("Guilaume")
    assert span(owner) == (9, at, 9, at + len("Guilaume"))
    assert "Guillaume" in owner.message
    fixed = await change(client, uri, NOTE.replace("(Guilaume)", "(Guillaume)"), 2)
    assert [d.code for d in fixed] == ["NL201"]


@pytest.mark.asyncio
async def test_utf16_columns_after_an_emoji(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    text = NOTE.replace("- see https://", "- 🎉 see https://")
    url = by_code(await open_note(client, uri, text), "NL201")
    # '- ' 2 units, the emoji 2 (a surrogate pair), ' see ' 5: the URL starts at 9.
    assert span(url)[:2] == (4, 9)
    assert span(url)[3] == 9 + len("https://example.org/page")


@pytest.mark.asyncio
async def test_pull_diagnostics(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    await open_note(client, uri, NOTE)
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
    )
    assert isinstance(
        report, types.RelatedFullDocumentDiagnosticReport | types.FullDocumentDiagnosticReport
    )
    assert sorted(str(d.code) for d in report.items) == ["NL201", "NL302"]


@pytest.mark.asyncio
async def test_quick_fix_disable_and_fix_all(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    owner = by_code(await open_note(client, uri, NOTE), "NL302")
    actions = await actions_at(client, uri, owner)
    titles = [a.title for a in actions]
    fix = next(
        a for a in actions if a.kind == types.CodeActionKind.QuickFix and "replace" in a.title
    )
    assert fix.title == "NL302: replace 'Guilaume' with 'Guillaume'"
    assert apply_edits(NOTE, edits_of(fix, uri)) == NOTE.replace("Guilaume", "Guillaume")
    disable = next(a for a in actions if a.title == "Disable NL302 for this line")
    disabled = apply_edits(NOTE, edits_of(disable, uri))
    assert "<!-- notes-lint disable-next-line NL302 -->\n- Release 1.5 (Guilaume)" in disabled
    assert "Disable NL302 for this file" in titles
    # The lightbulb (no ``only``) does not run check --fix; a client that asks gets it.
    assert not [a for a in actions if a.kind == "source.fixAll.notes-lint"]
    asked = await actions_at(client, uri, owner, only=[types.CodeActionKind.SourceFixAll])
    every = next(a for a in asked if a.kind == "source.fixAll.notes-lint")
    fixed = apply_edits(NOTE, edits_of(every, uri))
    assert "(Guillaume)" in fixed and "<https://example.org/page>" in fixed
    after = await change(client, uri, disabled, 2)
    assert [d.code for d in after] == ["NL201"]


async def labels(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


@pytest.mark.asyncio
async def test_completion(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    text = (
        NOTE
        + "- Ping the docs team (\n- [name=\n- @\n### \n<!-- notes-lint \n<!-- notes-lint disable NL\n"
    )
    await open_note(client, uri, text)
    lines = text.split("\n")
    first = len(NOTE.split("\n")) - 1
    roster = ["Guillaume", "Julien", "Loïc"]
    assert await labels(client, uri, first, len(lines[first])) == roster
    assert await labels(client, uri, first + 1, len(lines[first + 1])) == roster
    assert await labels(client, uri, first + 2, len(lines[first + 2])) == ["glemaitre", "jjerphan"]
    heading = await labels(client, uri, first + 3, len(lines[first + 3]))
    assert "Discussion" in heading and "TODO / Next" in heading and "Julien" in heading
    directives = await labels(client, uri, first + 4, len(lines[first + 4]))
    assert "disable-next-line" in directives and "disable-file" in directives
    codes = await labels(client, uri, first + 5, len(lines[first + 5]))
    assert "NL201" in codes and "NL302" in codes


@pytest.mark.asyncio
async def test_hover_shows_the_ledger_history(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    await open_note(client, uri, NOTE)
    found = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(10, 4))
    )
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    shown = found.contents.value
    assert "book a room for the sprint" in shown
    assert "2024-03-12" in shown and "notes/2024/2024-03-12.md" in shown
    assert "carried over 1 time" in shown


@pytest.mark.asyncio
async def test_symbols_and_fragment_definition(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    await open_note(client, uri, NOTE)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
    )
    tree = [s for s in symbols or [] if isinstance(s, types.DocumentSymbol)]
    assert [s.name for s in tree] == ["Discussion", "TODO / Next"]
    todos = [c.name for c in tree[1].children or []]
    assert todos == ["Release 1.5", "book a room for the sprint"]
    line = NOTE.splitlines()[5]
    where = await client.text_document_definition_async(
        types.DefinitionParams(
            types.TextDocumentIdentifier(uri), types.Position(5, line.index("#todo") + 2)
        )
    )
    assert isinstance(where, types.Location)
    assert where.uri == uri and where.range.start.line == 7


@pytest.mark.asyncio
async def test_broken_front_matter_is_nl401(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team, "notes/2024/2024-03-26.md")
    found = await open_note(client, uri, "---\ntitle: [oops\n---\n## March 26th, 2024\n")
    assert by_code(found, "NL401").range.start.line in (0, 1)


@pytest.mark.asyncio
async def test_broken_config_is_one_diagnostic(client: LanguageClient, team: Path) -> None:
    uri = note_uri(team)
    await open_note(client, uri, NOTE)
    config = team / ".notes-lint.yaml"
    config.write_text(CONFIG + "people: [\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
    )
    problems = await wait_until(client, config.as_uri(), bool)
    assert len(problems) == 1 and "cannot load this config" in problems[0].message
    # The note keeps its last good config: still linted, the roster still known.
    after = await change(client, uri, NOTE + "- Loïc: order pizza\n", 2)
    assert sorted(str(d.code) for d in after) == ["NL201", "NL302"]


def _message(body: dict[str, object]) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def _session(*messages: dict[str, object]) -> subprocess.CompletedProcess[bytes]:
    """Start the server, write ``messages`` to it, and wait for it to end."""
    return subprocess.run(
        SERVER_COMMAND,
        input=b"".join(_message(m) for m in messages),
        capture_output=True,
        timeout=60,
        env=ENV,
        check=False,
    )


INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"processId": None, "rootUri": None, "capabilities": {}},
}


def test_shutdown_then_exit_ends_with_status_0() -> None:
    done = _session(
        INITIALIZE,
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout


def test_exit_without_shutdown_ends_with_status_1() -> None:
    """LSP 3.17, "exit": the server exits with 1 when no shutdown came before."""
    done = _session(INITIALIZE, {"jsonrpc": "2.0", "method": "exit"})
    assert done.returncode == 1


def test_check_never_imports_the_server(tmp_path: Path) -> None:
    """Start-up of ``check`` stays lean: pygls and lsprotocol load only for ``server``."""
    write_team(tmp_path, CONFIG, {"notes/2024/2024-03-12.md": EARLIER})
    probe = (
        "import sys\nfrom notes_lint.cli import main\n"
        "code = main(['check', '--quiet', 'notes'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


@pytest.mark.asyncio
async def test_a_watched_config_change_relints_open_notes(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    assert "NL302" in [d.code for d in await open_note(client, uri, NOTE)]
    config = team / ".notes-lint.yaml"
    config.write_text(CONFIG.replace("  Loïc: null\n", "  Loïc: null\n  Guilaume: null\n"))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    after = await wait_until(client, uri, lambda codes: "NL302" not in codes)
    assert [d.code for d in after] == ["NL201"]


@pytest.mark.asyncio
async def test_saving_a_linked_note_relints_the_notes_that_link_to_it(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    text = NOTE + "- see [the plan](2024-03-12.md#plan) and [later](2024-03-26.md)\n"
    found = [d.code for d in await open_note(client, uri, text)]
    assert "NL207" in found and "NL206" in found
    earlier = team / "notes/2024/2024-03-12.md"
    earlier.write_text(EARLIER + "\n### Plan\n\n- a plan\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(earlier.as_uri()))
    )
    after = await wait_until(client, uri, lambda codes: "NL207" not in codes)
    assert "NL207" not in [d.code for d in after]
    later = team / "notes/2024/2024-03-26.md"
    later.write_text("## March 26th, 2024\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=later.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    after = await wait_until(client, uri, lambda codes: "NL206" not in codes)
    assert "NL206" not in [d.code for d in after]


@pytest.mark.asyncio
async def test_definition_into_another_open_note_uses_its_buffer(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    other = note_uri(team, "notes/2024/2024-03-12.md")
    await open_note(client, other, EARLIER + "\n### Plan\n\n- unsaved\n")
    text = NOTE + "- see [the plan](2024-03-12.md#plan)\n"
    await open_note(client, uri, text)
    line = len(NOTE.splitlines())
    where = await client.text_document_definition_async(
        types.DefinitionParams(
            types.TextDocumentIdentifier(uri),
            types.Position(line, text.splitlines()[line].index("#plan") + 1),
        )
    )
    assert isinstance(where, types.Location)
    assert where.uri == other and where.range.start.line == len(EARLIER.splitlines()) + 1


async def items_at(
    client: LanguageClient, uri: str, line: int, character: int
) -> list[types.CompletionItem]:
    found = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri), types.Position(line, character))
    )
    return list(found.items if isinstance(found, types.CompletionList) else found or [])


@pytest.mark.asyncio
async def test_completion_replaces_what_was_typed_and_stays_out_of_code(
    client: LanguageClient, team: Path
) -> None:
    uri = note_uri(team)
    extra = [
        "### TODO / N",
        "<!-- notes-lint:",
        "<!-- notes-lint disable-next-line NL201,",
        "- see [the plan](",
        "- run `f(",
    ]
    text = NOTE + "\n".join(extra) + "\n"
    await open_note(client, uri, text)
    first = len(NOTE.splitlines())
    found = await items_at(client, uri, first, len(extra[0]))
    section = next(i for i in found if i.label == "TODO / Next")
    assert isinstance(section.text_edit, types.TextEdit)
    assert section.text_edit.range.start == types.Position(first, 4)
    assert apply_edits(text, [section.text_edit]).split("\n")[first] == "### TODO / Next"
    directive = next(
        i
        for i in await items_at(client, uri, first + 1, len(extra[1]))
        if i.label == "disable-next-line"
    )
    assert isinstance(directive.text_edit, types.TextEdit)
    done = apply_edits(text, [directive.text_edit]).split("\n")[first + 1]
    assert done == "<!-- notes-lint disable-next-line"  # the form the linter reads
    codes = [i.label for i in await items_at(client, uri, first + 2, len(extra[2]))]
    assert "NL302" in codes
    assert await items_at(client, uri, first + 3, len(extra[3])) == []
    assert await items_at(client, uri, first + 4, len(extra[4])) == []
    readme = (team / "README.md").as_uri()
    await client_open(client, readme, "# Readme\n- ask (\n")
    assert await items_at(client, readme, 1, len("- ask (")) == []


async def client_open(client: LanguageClient, uri: str, text: str) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
