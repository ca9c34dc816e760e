"""Which files are notes: the config's ``include``/``exclude`` globs.

Globs are matched by wcmatch (``**`` crosses folders) against the path relative
to the config's folder, with two gitignore habits: a pattern without a ``/``
matches at any depth (``README.md``), and one ending in ``/`` matches a folder
and everything under it (``node_modules/``).

The three shapes that nearly every config uses (and the defaults are made
of) are decided without a regular expression: ``**/NAME`` (a file name),
``**/*SUFFIX`` (a file name's end) and ``**/FOLDER/**`` (a folder on the way).
A property test holds them to wcmatch.  Any other glob is translated by
wcmatch; the translation is kept in the cache (:mod:`notes_lint.cache`), so a
pre-commit run neither imports wcmatch nor translates the same globs again.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import cache
from notes_lint.config import Config
from notes_lint.errors import UsageError, printable
from notes_lint.source import not_regular

if TYPE_CHECKING:
    from notes_lint.resolver import Resolver

_SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".tox", ".venv", "venv", "__pycache__"}
)


_FLAGS = ("GLOBSTAR", "DOTGLOB")  # wcmatch.glob flags: `**` crosses folders, `*` matches dots


def _pattern(pattern: str) -> str:
    """A config glob in wcmatch's terms (see the module docstring); a leading ``/`` anchors."""
    text = pattern.strip()
    anchored = text.startswith("/")
    text = text.lstrip("/")
    if text.endswith("/"):
        text += "**"
    if not anchored and "/" not in text.rstrip("*").rstrip("/"):
        text = "**/" + text
    return text


@dataclass(frozen=True, slots=True)
class NoteFile:
    """A note to check: where it was found, and the path shown for it."""

    location: str  # a string, not a Path: an archive's list of notes stays small
    display: str

    @property
    def path(self) -> Path:
        return Path(self.location)


_GLOB_SPECIALS = frozenset("*?[]{}!\\|()@+")


def simple_glob(pattern: str) -> tuple[str, str] | None:
    """``("name", X)`` for ``**/X``, ``("suffix", X)`` for ``**/*X``, ``("folder", X)`` for
    ``**/X/**`` (X literal, without ``/``); None for any other glob."""
    if not pattern.startswith("**/"):
        return None
    rest = pattern[3:]
    if rest.endswith("/**"):
        kind, body = "folder", rest[:-3]
    elif rest.startswith("*"):
        kind, body = "suffix", rest[1:]
    else:
        kind, body = "name", rest
    if body in ("", ".", "..") or "/" in body or not _GLOB_SPECIALS.isdisjoint(body):
        return None
    return kind, body


class Globs:
    """One side of the matcher: simple globs by set lookups, the rest by one expression."""

    def __init__(self, patterns: list[str]) -> None:
        self.names: set[str] = set()
        self.suffixes: list[str] = []
        self.folders: set[str] = set()
        others: list[str] = []
        for pattern in patterns:
            simple = simple_glob(pattern)
            if simple is None:
                others.append(pattern)
                continue
            kind, body = simple
            if kind == "name":
                self.names.add(body)
            elif kind == "suffix":
                self.suffixes.append(body)
            else:
                self.folders.add(body)
        translated = _translate(others)
        self.regex = re.compile("|".join(f"(?:{p})" for p in translated)) if translated else None

    def match(self, relative: str) -> bool:
        *folders, name = relative.split("/")
        if name in self.names or (
            name not in (".", "..") and any(name.endswith(s) for s in self.suffixes)
        ):
            return True
        if self.folders and not self.folders.isdisjoint(folders):
            return True
        return self.regex is not None and self.regex.fullmatch(relative) is not None


class NoteMatcher:
    """Decides whether a path is a note, relative to the config's folder."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self._root = _folder_prefix(str(self.root))
        include = [_pattern(p) for p in config.include if p.strip()]
        exclude = [_pattern(p) for p in config.exclude if p.strip()]
        self._include = Globs(include)  # empty: matches nothing
        self._exclude = Globs(exclude)

    def relative(self, resolved: str, base: str | None = None) -> str:
        """A resolved path relative to the config's folder, else to ``base`` (the
        :func:`_folder_prefix` of the folder given on the command line), else absolute:
        globs match the path that reads best.
        """
        for prefix in (self._root, base):
            if prefix is not None and (relative := _under(resolved, prefix)) is not None:
                return relative
        return _posix(resolved).lstrip("/")

    def is_note(self, resolved: str, base: str | None = None) -> bool:
        relative = self.relative(resolved, base)
        return self._include.match(relative) and not self._exclude.match(relative)


def _folder_prefix(folder: str) -> str:
    """What a path under the resolved ``folder`` starts with."""
    return folder if folder.endswith(os.sep) else folder + os.sep


def _under(resolved: str, prefix: str) -> str | None:
    """``resolved`` relative to the folder of ``prefix`` (a :func:`_folder_prefix`), if under it."""
    return _posix(resolved[len(prefix) :]) if resolved.startswith(prefix) else None


def _posix(path: str) -> str:
    return path if os.sep == "/" else path.replace(os.sep, "/")


def _translate(patterns: list[str]) -> list[str]:
    """The regular expressions wcmatch makes of the globs (from the cache when seen before)."""
    if not patterns:
        return []
    key = cache.digest(json.dumps([patterns, _FLAGS]))
    entry = cache.read_json("globs", key)
    if isinstance(entry, list) and all(isinstance(p, str) for p in entry):
        return entry
    from wcmatch import glob

    flags = 0
    for name in _FLAGS:
        flags |= getattr(glob, name)
    translated = [str(p) for p in glob.translate(patterns, flags=flags)[0]]
    cache.write_json("globs", key, translated)
    return translated


def _walk(folder: str, resolved: str) -> Iterator[tuple[str, str, str | None]]:
    """Every file under ``folder`` with its resolved path, as ``os.walk`` orders them (sorted),
    and why it cannot be looked at (an OS error's words), else None.

    A folder is resolved once, not each file in it: a walk that does not follow links
    to folders only meets real ones, so a file's resolved path is its folder's plus its
    name, unless the file is itself a link.  An entry that cannot be looked at (a link
    into a folder that may not be searched) keeps its own path as its resolved one.
    A folder that cannot be listed is skipped with a warning on stderr, as ruff and
    markdownlint do; one gone meanwhile is skipped silently.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except FileNotFoundError:
        return
    except OSError as error:
        _warn(f"skipped {os.path.join(folder, '')}: cannot read folder: {_reason(error)}")
        return
    folders = []
    for entry in entries:
        lexical = os.path.join(resolved, entry.name)
        try:
            is_folder = entry.is_dir()
        except OSError as error:  # a link into a folder that may not be searched
            yield entry.path, lexical, _reason(error)
            continue
        if not is_folder:
            real, problem = (
                _resolved(entry.path, lexical) if entry.is_symlink() else (lexical, None)
            )
            yield entry.path, real, problem
        elif entry.name not in _SKIP_DIRS and not entry.is_symlink():
            folders.append(entry)
    for entry in folders:
        yield from _walk(entry.path, os.path.join(resolved, entry.name))


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _resolved(path: str, fallback: str) -> tuple[str, str | None]:
    """``path`` resolved, or ``fallback`` and the reason when a folder on its way
    cannot be searched (``os.path.realpath`` raises then)."""
    try:
        return os.path.realpath(path), None
    except OSError as error:
        return fallback, _reason(error)


def real_path(path: str | os.PathLike[str]) -> str:
    """``path`` resolved (``os.path.realpath``), or made absolute when a folder on its
    way cannot be searched (a link into ``/proc/1/cwd``): never raises."""
    return _resolved(os.fspath(path), os.path.abspath(path))[0]


def _given(target: Path) -> tuple[str, str | None] | None:
    """A path given on the command line: ``("folder", None)``, ``("file", None)``, or
    ``("file", reason)`` when it cannot be looked at; None when there is none."""
    try:
        info = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None if not os.path.lexists(target) else ("file", None)
    except OSError as error:
        return "file", _reason(error)
    return ("folder" if stat.S_ISDIR(info.st_mode) else "file"), None


def _not_regular(location: str) -> str | None:
    """What the file at ``location`` is if not a regular file (see :func:`source.not_regular`)."""
    try:
        mode = os.stat(location).st_mode
    except OSError:
        return None  # gone or unreadable: reading it says why (NL901)
    return not_regular(mode)


_WARNED: set[str] = set()


def _warn(message: str) -> None:
    """A skipped file, said on stderr (the notes to check are the result); once a run,
    though ``check --fix`` looks for the notes twice (to fix, then to check)."""
    if message in _WARNED:
        return
    _WARNED.add(message)
    print(f"notes-lint: {printable(message)}", file=sys.stderr)


def find_notes(
    config: Config | Resolver, paths: list[Path] | None = None, cwd: Path | None = None
) -> list[NoteFile]:
    """The notes to check: under the config's folder, or among ``paths`` (files or folders).

    With a :class:`~notes_lint.resolver.Resolver`, each file is judged by its own
    config (the nearest one from its folder upward), whose ``include``/``exclude`` are
    relative to that config's folder; without paths, the notes under the base config's
    folder are found.  Files given explicitly that are not notes are skipped silently,
    as pre-commit passes every Markdown file of a commit.  A matching file that is not
    a regular file (a FIFO, a socket, a device) is skipped with a warning on stderr,
    never opened.
    """
    from notes_lint.resolver import as_resolver

    resolver = as_resolver(config)
    cwd = cwd or Path.cwd()
    here = _folder_prefix(str(cwd.resolve()))
    matchers: dict[int, NoteMatcher] = {}  # by id of a config the resolver keeps alive

    def matcher_of(candidate: str) -> NoteMatcher:
        chosen = resolver.config_for(candidate)
        matcher = matchers.get(id(chosen))
        if matcher is None:
            matcher = matchers[id(chosen)] = NoteMatcher(chosen)
        return matcher

    found: dict[str, NoteFile] = {}  # by resolved path: a note given twice is checked once
    targets = paths if paths else [resolver.base.root]
    for target in targets:
        base: str | None = None
        given = _given(target)
        if given is None:
            raise UsageError(f"{target}: no such file or folder")
        if given[0] == "folder":
            folder = str(target.resolve())
            base = _folder_prefix(folder)
            candidates: Iterator[tuple[str, str, str | None]] = _walk(str(target), folder)
        else:
            real, problem = _resolved(str(target), os.path.abspath(target))
            candidates = iter([(str(target), real, given[1] or problem)])
        for candidate, resolved, problem in candidates:
            if resolved in found:
                continue
            location = str(Path(candidate))  # as pathlib spells it: no ./, no //
            shown = _under(resolved, here) or location
            if not matcher_of(candidate).is_note(resolved, base):
                if problem is not None:
                    _warn(f"skipped {shown}: cannot read: {problem}")
                continue
            kind = _not_regular(location) if problem is None else None
            if kind is not None:
                _warn(f"skipped {shown}: {kind}, not a regular file")
                continue
            found[resolved] = NoteFile(location, shown)  # unreadable: NL901 when read
    return sorted(found.values(), key=lambda f: f.display)
