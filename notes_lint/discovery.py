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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notes_lint import cache
from notes_lint.config import Config
from notes_lint.errors import UsageError

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


@dataclass(frozen=True)
class NoteFile:
    path: Path
    display: str


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
        include = [_pattern(p) for p in config.include if p.strip()]
        exclude = [_pattern(p) for p in config.exclude if p.strip()]
        self._include = Globs(include)  # empty: matches nothing
        self._exclude = Globs(exclude)

    def relative(self, path: Path, base: Path | None = None) -> str:
        """``path`` relative to the config's folder, else to ``base`` (the folder given on
        the command line), else the absolute path: globs match the path that reads best."""
        resolved = path.resolve()
        for folder in (self.root, base):
            if folder is not None and resolved.is_relative_to(folder):
                return resolved.relative_to(folder).as_posix()
        return resolved.as_posix().lstrip("/")

    def is_note(self, path: Path, base: Path | None = None) -> bool:
        relative = self.relative(path, base)
        return self._include.match(relative) and not self._exclude.match(relative)


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


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return str(path)


def _walk(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            yield Path(dirpath) / name


def find_notes(
    config: Config, paths: list[Path] | None = None, cwd: Path | None = None
) -> list[NoteFile]:
    """The notes to check: under the config's folder, or among ``paths`` (files or folders).

    Files given explicitly that are not notes are skipped silently, as pre-commit
    passes every Markdown file of a commit.
    """
    cwd = cwd or Path.cwd()
    matcher = NoteMatcher(config)
    found: dict[Path, NoteFile] = {}
    targets = paths if paths else [config.root]
    for target in targets:
        base = target.resolve() if target.is_dir() else None
        if target.is_dir():
            candidates: Iterator[Path] = _walk(target)
        elif target.exists():
            candidates = iter([target])
        else:
            raise UsageError(f"{target}: no such file or folder")
        for candidate in candidates:
            if matcher.is_note(candidate, base):
                found.setdefault(candidate.resolve(), NoteFile(candidate, _display(candidate, cwd)))
    return sorted(found.values(), key=lambda f: f.display)
