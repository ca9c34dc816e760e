"""Which files are notes: the config's ``include``/``exclude`` globs.

Globs are matched by wcmatch (``**`` crosses folders) against the path relative
to the config's folder, with two gitignore habits: a pattern without a ``/``
matches at any depth (``README.md``), and one ending in ``/`` matches a folder
and everything under it (``node_modules/``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wcmatch import glob

from notes_lint.config import Config
from notes_lint.errors import UsageError

_SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".tox", ".venv", "venv", "__pycache__"}
)


_FLAGS = glob.GLOBSTAR | glob.DOTGLOB


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


class NoteMatcher:
    """Decides whether a path is a note, relative to the config's folder."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        include = [_pattern(p) for p in config.include if p.strip()]
        exclude = [_pattern(p) for p in config.exclude if p.strip()]
        # One compiled matcher for all patterns; an empty include matches nothing.
        self._matcher = glob.compile(include or ["\x00"], flags=_FLAGS, exclude=exclude or None)

    def relative(self, path: Path, base: Path | None = None) -> str:
        """``path`` relative to the config's folder, else to ``base`` (the folder given on
        the command line), else the absolute path: globs match the path that reads best."""
        resolved = path.resolve()
        for folder in (self.root, base):
            if folder is not None and resolved.is_relative_to(folder):
                return resolved.relative_to(folder).as_posix()
        return resolved.as_posix().lstrip("/")

    def is_note(self, path: Path, base: Path | None = None) -> bool:
        return bool(self._matcher.match(self.relative(path, base)))


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
