"""The language server: LSP handlers over one :class:`~notes_lint.server.session.Session`.

Built as pygls's example servers are: small handlers registered on one
``LanguageServer``; every answer comes from the library (the lint, the fixes,
the note model, the ledger).  Lints run in a pool of two threads so that the
server answers other requests (a completion) while a large note is linted.

Diagnostics: a document is linted when opened and after each change, and its
diagnostics reach the client one way (LSP 3.17, "Pull Diagnostics"): answered to
``textDocument/diagnostic`` (pull) when the client's capabilities declare
``textDocument.diagnostic``, else pushed with ``textDocument/publishDiagnostics``;
``initializationOptions.diagnosticMode`` (``"push"``, ``"pull"`` or ``"both"``)
overrides that choice.  Only a server that pulls advertises ``diagnosticProvider``;
one that does not push publishes nothing, asks the client to pull again
(``workspace/diagnostic/refresh``) when other files change what a note's lint says.

Changes are debounced by size: a note under :data:`QUICK_BYTES` is linted at
once, a larger one after :data:`DEBOUNCE_SECONDS` without a change.  One lint per
document runs at a time; changes made meanwhile are linted together when it
ends, and the result of a lint whose text has changed since is dropped, never
published (a lint running in a thread cannot be stopped, so this is how a stale
run is cancelled).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCMessage, RPCRequest
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from notes_lint import __version__
from notes_lint.diagnostics import Diagnostic
from notes_lint.server import actions, completion, navigation
from notes_lint.server.convert import SOURCE, ClientText, to_lsp
from notes_lint.server.session import ConfigProblem, Linted, Session, is_config_file

QUICK_BYTES = 64 * 1024
"""A note at most this large is linted as soon as it changes."""
DEBOUNCE_SECONDS = 0.3
"""A larger note waits this long without a change before it is linted."""

log = logging.getLogger("notes_lint.server")


@dataclass
class Open:
    """An open document: its latest lint and the lints under way."""

    uri: str
    path: Path | None
    linted: Linted | None = None
    version: int | None = None  # the version ``linted`` is of
    waiting: asyncio.Task[Linted | None] | None = None
    running: asyncio.Future[Linted] | None = None
    published: bool = field(default=False)


MODES = ("push", "pull", "both")
"""The values of ``initializationOptions.diagnosticMode``."""


class NotesLintProtocol(LanguageServerProtocol):
    """pygls's LSP protocol, with what LSP 3.17 asks of a server that pygls leaves out."""

    _server: NotesLintServer

    def handle_message(self, message: RPCMessage) -> None:
        """A request after ``shutdown`` (other than ``exit``) is answered with an
        InvalidRequest error (LSP 3.17, "shutdown"), where pygls leaves it unanswered."""
        if self._shutdown and isinstance(message, RPCRequest) and message.method != types.EXIT:
            error = JsonRpcInvalidRequest("the server is shut down")
            self._send_response(message.id, None, error.to_response_error())
            return
        super().handle_message(message)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams) -> Any:
        """pygls's ``initialize``, then ``diagnosticProvider`` left out of the
        capabilities of a server that does not answer pulls (diagnostic mode ``push``)."""
        result = yield from super().lsp_initialize(params)
        if self._server.mode == "push":
            result.capabilities.diagnostic_provider = None
        return result


class NotesLintServer(LanguageServer):
    """The server object: pygls's, plus the session and the open documents."""

    def __init__(self) -> None:
        super().__init__("notes-lint", __version__, protocol_cls=NotesLintProtocol)
        self.session = Session()
        self.open: dict[str, Open] = {}
        self.pool = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="notes-lint")
        self.mode = "push"  # set at initialize: push, pull or both
        self.shut_down = False
        self.reloading = 0  # config reloads under way: they publish config problems at the end
        self.shown: dict[str, ConfigProblem] = {}  # config file -> the problem published on it
        self.refreshing: asyncio.Future[None] | None = None  # a refresh after re-lints

    @property
    def pushes(self) -> bool:
        return self.mode != "pull"

    @property
    def pulls(self) -> bool:
        return self.mode != "push"

    # -------------------------------------------------------------- helpers

    @property
    def encoding(self) -> str:
        """The position encoding agreed at ``initialize`` (its value: ``utf-16``)."""
        agreed = self.workspace.position_encoding
        return str(getattr(agreed, "value", agreed) or "utf-16")

    def client_text(self, uri: str) -> ClientText | None:
        """The text the client holds for ``uri``: its open buffer, else the file on disk
        (pygls reads it); None when neither exists or the file cannot be read (a URI
        never opened whose file is gone: the request gets an empty answer)."""
        try:
            return ClientText(self.workspace.get_text_document(uri).source, self.encoding)
        except (OSError, UnicodeError, ValueError):
            return None

    def version_of(self, uri: str) -> int | None:
        return self.workspace.get_text_document(uri).version

    async def run(self, work: Any, *args: Any) -> Any:
        """``work(*args)`` in the lint pool."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, work, *args)

    async def lint_in_pool(self, text: str, path: Path | None) -> Linted:
        linted: Linted = await self.run(self.session.lint, text, path)
        return linted

    def schedule(self, uri: str, delay: float | None = None) -> asyncio.Task[Linted | None]:
        """Lint ``uri`` again (after ``delay``, default by size), replacing a lint
        that has not started yet."""
        state = self.open[uri]
        if state.waiting is not None and not state.waiting.done():
            state.waiting.cancel()
        if delay is None:
            size = len(self.workspace.get_text_document(uri).source)
            delay = 0.0 if size <= QUICK_BYTES else DEBOUNCE_SECONDS
        state.waiting = asyncio.ensure_future(self._lint(state, delay))
        return state.waiting

    async def _lint(self, state: Open, delay: float) -> Linted | None:
        if delay:
            await asyncio.sleep(delay)
        while state.running is not None and not state.running.done():
            await asyncio.wait([state.running])  # cancelling this task leaves that one be
        if self.open.get(state.uri) is not state:
            return None
        document = self.workspace.get_text_document(state.uri)
        version, text = document.version, document.source
        running = asyncio.ensure_future(self.lint_in_pool(text, state.path))
        state.running = running
        linted = await asyncio.shield(running)
        if self.open.get(state.uri) is not state or self.version_of(state.uri) != version:
            return None  # stale: a newer text is linted next
        state.linted, state.version = linted, version
        if self.pushes:
            self.publish(state.uri, linted, version)
        if not self.reloading:
            self.publish_config_problems()
        return linted

    def publish(self, uri: str, linted: Linted, version: int | None) -> None:
        text = ClientText(linted.text, self.encoding)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[to_lsp(d, text) for d in linted.diagnostics]
            )
        )

    def config_problems(self) -> dict[str, ConfigProblem]:
        """The config files that cannot be loaded, by URI."""
        problems: dict[str, ConfigProblem] = {}
        for problem in list(self.session.problems.values()):
            uri = from_fs_path(str(problem.path))
            if uri is not None:
                problems[uri] = problem
        return problems

    def publish_config_problems(self, saved: str | None = None) -> None:
        """One diagnostic on each config file that cannot be loaded, none on those
        fixed: published when that changed, and on ``saved`` (a config file just saved
        or opened) once whatever it is.  A server that does not push publishes nothing
        (the config file's diagnostic is answered to a pull) and asks for a pull."""
        problems = self.config_problems()
        changed = {
            uri
            for uri in set(problems) | set(self.shown)
            if problems.get(uri) != self.shown.get(uri)
        }
        self.shown = problems
        if not self.pushes:
            if changed:
                self.refresh()
            return
        for uri in sorted(changed | ({saved} if saved else set())):
            problem = problems.get(uri)
            found = [config_diagnostic(problem)] if problem is not None else []
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=found)
            )

    def refresh(self) -> None:
        """Ask a pulling client to pull the diagnostics again (other files changed
        them), when it declares ``workspace.diagnostics.refreshSupport``."""
        workspace = self.client_capabilities.workspace
        support = workspace.diagnostics if workspace else None
        if self.pulls and support is not None and support.refresh_support:
            self.workspace_diagnostic_refresh(None)

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document's current text (waiting for it, or making it)."""
        state = self.open.get(uri)
        if state is None:
            return None
        for _ in range(3):
            if state.linted is not None and state.version == self.version_of(uri):
                return state.linted
            task = state.waiting
            if task is None or task.done():
                task = self.schedule(uri, 0.0)
            try:
                found = await asyncio.shield(task)
            except asyncio.CancelledError:
                found = None
            if found is not None and state.version == self.version_of(uri):
                return found
        return state.linted

    def relint(self, path: Path | None) -> actions.Relint:
        """Lints a new text of the note at ``path`` (code actions verify with it)."""

        def lint(text: str) -> list[Diagnostic]:
            return self.session.lint(text, path).diagnostics

        return lint

    def notes_changed(self, *uris: str) -> None:
        """Notes were saved, made or deleted on disk: the ledger reads them again, and
        every other open note is linted again (its links to them may now resolve, or
        no longer: the diagnostics have inter-file dependencies)."""
        self.session.forget_notes()
        tasks = [
            self.schedule(uri, 0.0)
            for uri, state in self.open.items()
            if state.path is not None and uri not in uris
        ]
        if tasks and self.pulls:
            self.refreshing = asyncio.ensure_future(self._refresh_after(tasks))

    async def _refresh_after(self, tasks: list[asyncio.Task[Linted | None]]) -> None:
        await asyncio.gather(*tasks, return_exceptions=True)
        self.refresh()

    async def config_changed(self, path: Path | None) -> None:
        """A config file was saved, made or deleted: read configs again, re-lint."""
        self.reloading += 1
        try:
            self.session.forget_configs()
            if path is not None and path.is_file():
                await self.run(self.session.check_config, path)
            tasks = [self.schedule(uri, 0.0) for uri, state in self.open.items() if state.path]
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            self.reloading -= 1
        saved = from_fs_path(str(path)) if path is not None else None
        self.publish_config_problems(saved)
        if tasks and self.pulls:
            self.refresh()


def config_diagnostic(problem: ConfigProblem) -> types.Diagnostic:
    """The one diagnostic of a config file that cannot be loaded."""
    at = types.Position(max(problem.line - 1, 0), max(problem.col - 1, 0))
    return types.Diagnostic(
        range=types.Range(at, types.Position(at.line, at.character + 1)),
        message=f"notes-lint cannot load this config: {problem.message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        code="config",
    )


def path_of(uri: str) -> Path | None:
    """The file of a ``file:`` URI; None for an unsaved buffer (``untitled:``)."""
    if not uri.startswith("file:"):
        return None
    found = to_fs_path(uri)
    return Path(found) if found else None


server = NotesLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: NotesLintServer, params: types.InitializeParams) -> None:
    """Choose how diagnostics reach the client: the ``diagnosticMode`` it asks for,
    else pull when its capabilities declare ``textDocument.diagnostic``, else push."""
    options = params.initialization_options
    asked = options.get("diagnosticMode") if isinstance(options, dict) else None
    if asked in MODES:
        ls.mode = str(asked)
    else:
        text = params.capabilities.text_document
        ls.mode = "pull" if text is not None and text.diagnostic is not None else "push"


@server.feature(types.INITIALIZED)
async def initialized(ls: NotesLintServer, params: types.InitializedParams) -> None:
    """Watch the config files, when the client lets a server ask for it."""
    watched = ls.client_capabilities.workspace
    dynamic = watched and watched.did_change_watched_files
    if dynamic and dynamic.dynamic_registration:
        watchers = [
            types.FileSystemWatcher(glob_pattern=f"**/{name}")
            for name in (
                ".notes-lint.yaml",
                ".notes-lint.yml",
                ".notes-lint.toml",
                "pyproject.toml",
                "*.md",  # notes made, saved or deleted outside the editor
            )
        ]
        registration = types.Registration(
            id="notes-lint-configs",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams([registration]))
        except Exception as error:  # a client that refuses: saves are still seen
            log.info("could not watch the config files: %s", error)
    await ls.run(ls.session.lint, "# warm-up\n", None)  # imports markdown-it and the rules


@server.feature(types.SHUTDOWN)
def shutdown(ls: NotesLintServer, params: None) -> None:
    ls.shut_down = True
    ls.pool.shutdown(wait=False, cancel_futures=True)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: NotesLintServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = path_of(uri)
    if path is not None and is_config_file(path):
        await ls.run(ls.session.check_config, path)
        ls.publish_config_problems(uri)
        return
    ls.open[uri] = Open(uri, path)
    ls.schedule(uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NotesLintServer, params: types.DidChangeTextDocumentParams) -> None:
    if params.text_document.uri in ls.open:
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: NotesLintServer, params: types.DidSaveTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    if path is not None and is_config_file(path):
        await ls.config_changed(path)
    else:
        ls.notes_changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NotesLintServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.open.pop(params.text_document.uri, None)
    if state is not None and state.waiting is not None:
        state.waiting.cancel()
    if state is not None and ls.pushes:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def watched_files(ls: NotesLintServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [path_of(change.uri) for change in params.changes]
    configs = [p for p in paths if p is not None and is_config_file(p)]
    if configs:
        for path in configs[:-1]:
            if path.is_file():
                await ls.run(ls.session.check_config, path)
        await ls.config_changed(configs[-1])
    else:
        ls.notes_changed(*(change.uri for change in params.changes))


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(
        identifier="notes-lint", inter_file_dependencies=True, workspace_diagnostics=False
    ),
)
async def pull_diagnostics(
    ls: NotesLintServer, params: types.DocumentDiagnosticParams
) -> types.FullDocumentDiagnosticReport | types.UnchangedDocumentDiagnosticReport:
    uri = params.text_document.uri
    path = path_of(uri)
    if path is not None and is_config_file(path):
        problem = ls.config_problems().get(uri)
        return types.FullDocumentDiagnosticReport(
            items=[config_diagnostic(problem)] if problem is not None else []
        )
    linted = await ls.current(uri)
    if linted is None:
        return types.FullDocumentDiagnosticReport(items=[])
    result_id = f"{ls.open[uri].version}:{id(linted)}"
    if params.previous_result_id == result_id:
        return types.UnchangedDocumentDiagnosticReport(result_id=result_id)
    text = ClientText(linted.text, ls.encoding)
    return types.FullDocumentDiagnosticReport(
        items=[to_lsp(d, text) for d in linted.diagnostics], result_id=result_id
    )


def resolves_edits(ls: NotesLintServer) -> bool:
    """Whether the client fills in an action's ``edit`` with ``codeAction/resolve``."""
    text = ls.client_capabilities.text_document
    support = text.code_action.resolve_support if text and text.code_action else None
    return support is not None and "edit" in support.properties


def asks_for(only: list[str] | None, kind: str) -> bool:
    """Whether a request's ``only`` names ``kind`` or a kind it is under (LSP:
    ``source`` covers ``source.fixAll.notes-lint``)."""
    return any(kind == k or kind.startswith(f"{k}.") for k in only or [])


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[
            types.CodeActionKind.QuickFix,
            types.CodeActionKind.SourceFixAll,
            actions.FIX_ALL,
        ],
        resolve_provider=True,
    ),
)
async def code_action(
    ls: NotesLintServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    """The actions on the requested lines.  What costs a lint of the whole text or more
    (a suppression is verified by linting the note with it; fix-all is ``check --fix``)
    is left to ``codeAction/resolve`` when the client resolves edits; else fix-all
    is made only when ``only`` asks for it, and the suppressions at once."""
    uri = params.text_document.uri
    linted = await ls.current(uri)
    if linted is None or linted.source is None:
        return None
    text = ClientText(linted.text, ls.encoding)
    only = [str(k) for k in params.context.only or []]
    wants_fixes = not only or asks_for(only, types.CodeActionKind.QuickFix)
    wants_all = asks_for(only, actions.FIX_ALL)
    lazy = resolves_edits(ls)
    version = ls.open[uri].version
    found: list[types.CodeAction] = []
    if wants_fixes:
        found += actions.quick_fixes(uri, linted, text, params.range)
        if lazy:
            for d in actions.suppression_targets(linted, params.range):
                diagnostic = [to_lsp(d, text)]
                for what, title in (
                    ("disable-line", actions.disable_line_title(d.code)),
                    ("disable-file", actions.disable_file_title(d.code)),
                ):
                    data = {"uri": uri, "version": version, "what": what, "code": d.code}
                    data["line"] = d.line
                    found.append(
                        types.CodeAction(
                            title=title,
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=diagnostic,
                            data=data,
                        )
                    )
        else:
            relint = ls.relint(ls.open[uri].path)
            found += await ls.run(actions.suppressions, uri, linted, text, params.range, relint)
    has_fixes = any(d.fix for d in linted.diagnostics)
    if wants_all and has_fixes:
        fixed = await ls.run(ls.session.fix, linted.text, ls.open[uri].path)
        every = actions.fix_all(uri, fixed, text)
        if every is not None:
            found.append(every)
    elif not only and lazy and has_fixes:
        found.append(
            types.CodeAction(
                title=actions.fix_all_title(),
                kind=actions.FIX_ALL,
                data={"uri": uri, "version": version, "what": "fix-all"},
            )
        )
    return found


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: NotesLintServer, action: types.CodeAction) -> types.CodeAction:
    """The edit of an action :func:`code_action` left unresolved (fix-all, a
    suppression), made for the document's text of the request; an action whose text
    has changed since, or that no longer works, comes back without an edit."""
    data = action.data if isinstance(action.data, dict) else {}
    uri = str(data.get("uri", ""))
    linted = await ls.current(uri)
    state = ls.open.get(uri)
    if linted is None or linted.source is None or state is None:
        return action
    if data.get("version") != state.version:
        return action  # stale: the client asks again for the new text
    text = ClientText(linted.text, ls.encoding)
    what = data.get("what")
    made: types.CodeAction | None = None
    if what == "fix-all":
        fixed = await ls.run(ls.session.fix, linted.text, state.path)
        made = actions.fix_all(uri, fixed, text)
    elif what in ("disable-line", "disable-file"):
        target = next(
            (
                d
                for d in linted.diagnostics
                if d.code == data.get("code") and d.line == data.get("line")
            ),
            None,
        )
        if target is not None:
            make = actions.disable_line if what == "disable-line" else actions.disable_file
            made = await ls.run(make, uri, linted, text, target, ls.relint(state.path))
    if made is not None:
        action.edit = made.edit
        action.title = made.title
    return action


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=["(", "@", "=", "#", " ", "-"]),
)
def complete(ls: NotesLintServer, params: types.CompletionParams) -> types.CompletionList:
    uri = params.text_document.uri
    text = ls.client_text(uri)
    if text is None:
        return types.CompletionList(is_incomplete=False, items=[])
    line, col = text.place(params.position)
    written = text.line(line)
    if line == 1 and text.bom:
        written = written[1:]
    state = ls.open.get(uri)
    path = state.path if state is not None else path_of(uri)
    config = (
        ls.session.config_for(path)
        if path is not None
        else ls.session.config_for(Path.cwd() / "unsaved.md")
    )
    if path is not None and not ls.session.is_note(path, config):
        return types.CompletionList(is_incomplete=False, items=[])  # a README: not a note
    items, typed = completion.complete(written[: col - 1], config)
    cursor = text.position(line, col)
    start = text.position(line, max(col - typed, 1))
    for item in items:  # each replaces what was typed of it (a name with spaces too)
        new_text = item.insert_text or item.label
        item.text_edit = types.TextEdit(types.Range(start, cursor), new_text)
        item.filter_text = new_text
        item.insert_text = None
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: NotesLintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    linted = await ls.current(uri)
    if linted is None or linted.note is None or linted.config is None:
        return None
    text = ClientText(linted.text, ls.encoding)
    line, _col = text.place(params.position)
    if navigation.todo_at(linted.note, line) is None:
        return None
    ledger = await ls.run(ls.session.ledger, linted.config, linted.note)
    return navigation.hover(ledger, linted.note, line, text)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(
    ls: NotesLintServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    linted = await ls.current(params.text_document.uri)
    if linted is None or linted.note is None:
        return []
    return navigation.symbols(linted.note, ClientText(linted.text, ls.encoding))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: NotesLintServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    linted = await ls.current(uri)
    if linted is None or linted.note is None:
        return None
    text = ClientText(linted.text, ls.encoding)
    line, col = text.place(params.position)
    link = navigation.link_at(linted.note, line, col)
    if link is None:
        return None
    try:
        target, fragment = navigation.target_of(link, ls.open[uri].path)
    except LookupError:
        return None
    if target is None:
        heading = navigation.heading_for(linted.note.headings, fragment)
        if heading is None:
            return None
        return types.Location(uri, text.span(heading.line, 1, heading.line, 1))
    target_uri = from_fs_path(str(target)) or uri
    held = ls.workspace.get_text_document(target_uri).source if target_uri in ls.open else None
    found = await ls.run(ls.session.headings_of, target, held)
    if found is None:
        return None
    headings, target_text = found
    heading = navigation.heading_for(headings, fragment) if fragment else None
    line = heading.line if heading is not None else 1
    at = ClientText(target_text, ls.encoding)
    return types.Location(target_uri, at.span(line, 1, line, 1))


@server.feature(types.EXIT)
def exit_now(ls: NotesLintServer, params: None) -> None:
    """End the process at once (LSP 3.17, "exit": 0 after ``shutdown``, else 1): a lint
    running in a thread cannot be stopped, and must not hold the process."""
    finish(0 if ls.shut_down else 1)


def finish(status: int) -> NoReturn:
    """Flush what was written and end the process now, lint threads or not."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def serve() -> int:
    """Speak LSP on stdin/stdout until the client says ``exit`` (or closes stdin): 0
    after ``shutdown``, else 1 (LSP 3.17, "exit")."""
    server.start_io()
    finish(0 if server.shut_down else 1)
