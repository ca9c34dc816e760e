"""A small on-disk cache for work that does not change between runs.

A pre-commit hook starts a new process for every commit, so anything derived
only from unchanged files (a config already validated and merged with its
presets, glob patterns already translated to regular expressions) is kept in
the platform's cache folder, keyed by a digest of everything it depends on.

The cache is an optimisation only: a folder that is missing, unreadable,
read-only or full, or an entry that is damaged, means the work is done again.
``NOTES_LINT_CACHE_DIR`` moves it; set to an empty string, it turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from notes_lint import __version__

_FORMAT = "1"  # bump when an entry's layout changes


def cache_dir() -> Path | None:
    """``NOTES_LINT_CACHE_DIR``, else the platform's user cache folder; None when off."""
    override = os.environ.get("NOTES_LINT_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - a dependency, but never required to run
        return None
    return Path(platformdirs.user_cache_dir("notes-lint", appauthor=False))


def digest(*parts: str | bytes) -> str:
    """A key for ``parts`` and this version of notes-lint (parts are length-prefixed)."""
    h = hashlib.sha256(f"{__version__}\0{_FORMAT}\0".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


def stamp(path: str | os.PathLike[str]) -> list[int] | None:
    """What says a file is unchanged: its size and modification time (None: absent)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def read_json(kind: str, key: str) -> Any:
    """The entry ``kind/key``, or None when absent or unreadable."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / kind / f"{key}.json", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(kind: str, key: str, value: Any) -> None:
    """Store ``value`` as ``kind/key``, atomically; failures are silent (see module doc)."""
    folder = cache_dir()
    if folder is None:
        return
    from notes_lint.atomic import WriteError, write_atomic

    try:
        text = json.dumps(value, separators=(",", ":"))
        write_atomic(folder / kind / f"{key}.json", text, keep_mode=False, durable=False)
    except (WriteError, TypeError, ValueError):
        pass
