"""What the language server knows of the notes, over the library: no LSP types here.

A :class:`Session` lints the text an editor holds for a path exactly as
``notes-lint check --stdin-filename PATH`` lints it: the nearest config from the
note's folder upward (:class:`~notes_lint.resolver.Resolver`), the note's links
bounded by its repository, suppression comments applied.  A document the config's
``include``/``exclude`` does not select (a README beside the notes) is not a note
and gets no diagnostics, as ``check`` skips it.

A config that cannot be loaded is reported once, on the config file
(:class:`ConfigProblem`); the notes under it keep the last config that loaded for
their folder (else the bundled defaults), so the editor keeps working while the
config is being written.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import source as note_source
from notes_lint.config import CONFIG_NAMES, Config, config_from_mapping, find_config
from notes_lint.configpos import read_located
from notes_lint.configpos import shown as shown_path
from notes_lint.diagnostics import Diagnostic
from notes_lint.errors import InternalError, UsageError

if TYPE_CHECKING:
    from notes_lint.fixes import FixedNote
    from notes_lint.ledger import Ledger
    from notes_lint.linter import Workspace
    from notes_lint.model import Heading, Note
    from notes_lint.resolver import Resolver


@dataclass(frozen=True)
class ConfigProblem:
    """A config file that cannot be loaded: where, and the error's first line
    (1-based ``line:col`` when the error names one, else 1:1)."""

    path: Path
    message: str
    line: int = 1
    col: int = 1


@dataclass
class Linted:
    """One lint of one text: the model it parsed to and its diagnostics (in the
    normalised text's positions), or no model when the text is not a note."""

    text: str
    source: note_source.Source | None
    note: Note | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config: Config | None = None


CONFIG_CODE = "config"
"""The code of the one finding a note gets when its config cannot be loaded."""


def is_config_file(path: Path) -> bool:
    """Whether ``path`` is named as a notes-lint config can be (``check`` reads a
    ``pyproject.toml`` only when it has ``[tool.notes-lint]``)."""
    return path.name in CONFIG_NAMES


class Session:
    """The configs, lints and ledgers of one server (thread-safe: lints run in a pool)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._resolvers: dict[str, Resolver] = {}  # folder -> its resolver
        self._good: dict[str, Config] = {}  # folder -> the last config that loaded there
        self.problems: dict[Path, ConfigProblem] = {}  # config file -> why it cannot load
        self._ledgers: dict[Path, tuple[list[Note], Config]] = {}  # config root -> notes read
        # folder -> the problem of its config, when no config ever loaded there
        self._broken: dict[str, ConfigProblem] = {}

    # ------------------------------------------------------------------ configs

    def forget_configs(self) -> None:
        """Drop every config and ledger read (a config file changed): read again on use."""
        with self._lock:
            self._resolvers.clear()
            self._ledgers.clear()
            self.problems.clear()
            self._broken.clear()

    def forget_notes(self) -> None:
        """Drop the notes read for ledgers (a note was saved): read again on use."""
        with self._lock:
            self._ledgers.clear()

    def _resolver(self, folder: str) -> Resolver:
        from notes_lint.resolver import Resolver

        with self._lock:
            resolver = self._resolvers.get(folder)
            if resolver is None:
                resolver = self._resolvers[folder] = Resolver(cwd=Path(folder))
            return resolver

    def config_for(self, path: Path) -> Config:
        """The config of the note at ``path``, as ``check`` finds it; a config that
        cannot be loaded is recorded in :attr:`problems` and the last good one (else
        the defaults) is used."""
        folder = os.path.dirname(os.path.abspath(path))
        try:
            config = self._resolver(folder).config_for(path)
        except Exception as error:  # a config that cannot be loaded, or crashes loading
            found = find_config(Path(folder))
            where = found if found is not None else Path(folder) / CONFIG_NAMES[0]
            self._record(where, error)
            fallback = self._good.get(folder)
            if fallback is None:
                fallback = config_from_mapping({}, Path(folder), "default config")
                with self._lock:
                    self._broken[folder] = self.problems[where.resolve()]
            return fallback
        self._good[folder] = config
        with self._lock:
            self._broken.pop(folder, None)
        return config

    def broken_config(self, path: Path) -> ConfigProblem | None:
        """Why the config of the note at ``path`` cannot be loaded, when no config ever
        loaded for its folder (else None: it is linted with the last one that did)."""
        with self._lock:
            return self._broken.get(os.path.dirname(os.path.abspath(path)))

    def check_config(self, path: Path) -> None:
        """Load the config file at ``path`` (saved in the editor): record why it cannot
        be loaded, or forget the problem it had."""
        from notes_lint.config import load_config

        try:
            load_config(path, cwd=path.parent)
        except Exception as error:
            self._record(path, error)
        else:
            with self._lock:
                self.problems.pop(path.resolve(), None)

    def _record(self, where: Path, error: Exception) -> None:
        """Keep why the config file ``where`` cannot be loaded: one line, placed where
        ``check`` places it (:mod:`notes_lint.configpos`: the error's own ``FILE:LINE:COL``,
        else its first problem's, the first in the file; else 1:1), without the file's name."""
        head = shown_path(where)  # as the config's problems print it
        if isinstance(error, UsageError):
            texts = [str(error), *error.problems]
        else:
            texts = [str(InternalError(None, error))]
        line = col = 0
        shown: list[str] = []
        for text in texts:
            found = read_located(head, text)
            if found is not None:
                line, col = (line, col) if line else found[:2]
                text = found[2]
            elif text.startswith(head):
                text = text[len(head) :].lstrip(": ")
            shown.append(text.strip())
        message = " ".join(shown)
        line, col = (line, col) if line else (1, 1)
        with self._lock:
            self.problems[where.resolve()] = ConfigProblem(where.resolve(), message, line, col)

    # ------------------------------------------------------------------- lints

    def workspace_for(self, path: Path, config: Config) -> Workspace:
        """A workspace (one lint's parses of other notes) for the note at ``path``."""
        from notes_lint.linter import Workspace, repository_root

        folder = path.parent
        return Workspace(config, repository_root(folder) if folder.is_dir() else None)

    def lint(self, text: str, path: Path | None) -> Linted:
        """Lint the editor's ``text`` of the note at ``path`` (None: an unsaved buffer,
        linted with the defaults found from the working folder).  Never raises for a
        note: an internal error is NL901 on it, as ``check`` reports one."""
        from notes_lint.linter import crashed, unreadable

        config = self.config_for(path) if path is not None else self._base()
        broken = self.broken_config(path if path is not None else Path.cwd() / "unsaved.md")
        if broken is not None:  # check exits 2: no lint by another config's rules
            message = f"notes-lint cannot load its config {broken.path}: {broken.message}"
            shown = str(path) if path is not None else "<unsaved>"
            return Linted(text, None, None, [Diagnostic(shown, 1, 1, CONFIG_CODE, message)], None)
        if path is not None and not self.is_note(path, config):
            return Linted(text, None, None, [], config)
        shown = self.shown(path, config) if path is not None else "<unsaved>"
        try:  # the checks a file gets: size, NUL bytes, text that UTF-8 cannot hold
            source = note_source.decode(text.encode("utf-8", "surrogatepass"), shown)
        except note_source.UnreadableNote as error:
            return Linted(text, None, None, unreadable(shown, error, config), config)
        target = path if path is not None else Path.cwd() / "unsaved.md"
        try:
            workspace = self.workspace_for(target, config)
            note, found = workspace.lint_unsaved(source, target)
        except Exception as error:  # a crash of notes-lint on this text: NL901, as check
            return Linted(text, source, None, crashed(shown, error, config), config)
        return Linted(text, source, note, found, config)

    def fix(self, text: str, path: Path | None) -> FixedNote | None:
        """Every safe fix of the editor's ``text`` of the note at ``path``, applied as
        ``check --fix`` applies them (:func:`~notes_lint.fixes.fix_source_text` over one
        workspace whose note cache keeps each pass's parses); None when the text is
        not a note or notes-lint cannot lint it."""
        from notes_lint.discovery import NoteFile
        from notes_lint.fixes import fix_source_text

        config = self.config_for(path) if path is not None else self._base()
        if path is not None and not self.is_note(path, config):
            return None
        target = path if path is not None else Path.cwd() / "unsaved.md"
        shown = self.shown(target, config) if path is not None else "<unsaved>"
        bom = text.startswith("\ufeff")
        workspace = self.workspace_for(target, config)
        note_file = NoteFile(str(target), shown)

        def lint(source: note_source.Source) -> list[Diagnostic]:
            return workspace.lint_source(source, note_file)

        try:
            return fix_source_text(text[1:] if bom else text, lint, shown, bom)
        except Exception:  # unreadable, or a crash: the diagnostics already say so
            return None

    @staticmethod
    def shown(path: Path, config: Config) -> str:
        """The note's path as ``check`` run from the config's folder shows it (its
        folders and file name are read for dates), else absolute."""
        real = Path(os.path.realpath(path))
        try:
            return real.relative_to(config.root).as_posix()
        except ValueError:
            return str(real)

    def _base(self) -> Config:
        return self.config_for(Path.cwd() / "unsaved.md")

    @staticmethod
    def is_note(path: Path, config: Config) -> bool:
        """Whether ``config``'s ``include``/``exclude`` select ``path`` as a note."""
        from notes_lint.discovery import NoteMatcher

        return NoteMatcher(config).is_note(os.path.realpath(path))

    def headings_of(
        self, path: Path, held: str | None = None
    ) -> tuple[tuple[Heading, ...], str] | None:
        """The headings and text of the note at ``path`` (a link's target): the text an
        editor ``held`` for it (its open, maybe unsaved buffer), else the file on
        disk; None when it cannot be read."""
        try:
            if held is None:
                source = note_source.read(path)
                held = path.read_text(encoding="utf-8", errors="replace")
            else:
                source = note_source.decode(held.encode("utf-8", "surrogatepass"), str(path))
        except (note_source.UnreadableNote, OSError):
            return None
        from notes_lint.parse import parse_note

        try:
            note = parse_note(source, self.config_for(path))
        except Exception:
            return None
        return note.headings, held

    # ------------------------------------------------------------------ ledger

    def ledger(self, config: Config, current: Note | None) -> Ledger:
        """The TODO ledger of the notes under ``config``'s folder, as ``notes-lint todos``
        builds it there, with ``current`` (the editor's unsaved text of one of them,
        its path as :meth:`shown` gives it) in place of its saved version."""
        from notes_lint.collection import load_notes
        from notes_lint.errors import UsageError
        from notes_lint.ledger import DEFAULT_GRACE_DAYS, build_ledger
        from notes_lint.repository import run_repository
        from notes_lint.resolver import Resolver

        root = config.root
        with self._lock:
            cached = self._ledgers.get(root)
        if cached is None:
            resolver = Resolver(cwd=root)
            loaded = load_notes(resolver, [root], cwd=root, jobs=1)
            cached = (loaded.notes, resolver.base)
            with self._lock:
                self._ledgers[root] = cached
        notes, base = cached
        if current is not None:
            notes = [n for n in notes if n.path != current.path] + [current]
        try:
            repo = run_repository(base, target=True)  # invalid: None, said by `todos`
        except UsageError:  # a GITHUB_REPOSITORY that is no OWNER/NAME: `todos` says so
            repo = None
        grace = base.github.get("grace-days", DEFAULT_GRACE_DAYS)
        return build_ledger(notes, grace_days=grace, repo=repo)
