"""Where a problem of a config file is written: its ``FILE:LINE:COL``, one definition for
``notes-lint check`` (the lines of a :class:`~notes_lint.errors.ConfigError`) and the
language server (the diagnostic on the config file, which reads those lines back).

The place follows what a YAML language server (the schema's ``additionalProperties``,
``required``) and check-jsonschema's key path judge: a problem of a *key* (a key the
schema does not know, an object that lacks a required key) is placed where that key is
written (:data:`KEY`); a problem of a *value* (a wrong type, a value out of its range or
pattern, a regular expression or strftime pattern that does not compile, a preset that
does not exist) where the value starts (:data:`VALUE`).  Only a YAML file has positions
(:mod:`notes_lint.yamlsafe` keeps each key's and value's); a TOML file's problem, a key
path the file does not hold (a value merged in from a file it extends) or a file that
cannot be read is named by its key path alone.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint.errors import ConfigError

if TYPE_CHECKING:
    from notes_lint.yamlsafe import YamlDocument

KEY = "key"
VALUE = "value"

KeyPath = tuple[str | int, ...]


def located(
    origin: str, keys: Sequence[str | int], at: str, message: str, *, named: bool = True
) -> str:
    """``message`` (which names the key path itself) prefixed with where it is written in
    the config file ``origin``: ``ORIGIN:LINE:COL: message`` (1-based) when ``origin`` is a
    YAML file that holds ``keys``, else ``ORIGIN: message`` (``message`` alone when not
    ``named``: a line under a heading that names the file).  ``at`` is :data:`KEY` or
    :data:`VALUE` (see the module's docstring)."""
    found = position(origin, tuple(keys), at)
    if found is not None:
        return f"{origin}:{found[0]}:{found[1]}: {message}"
    return f"{origin}: {message}" if named else message


def shown(path: str | os.PathLike[str]) -> str:
    """How the path of a config file is printed: relative to the working folder when the
    file is under it (``.notes-lint.yaml``, ``team/.notes-lint.yaml``), else as given,
    as notes' paths are printed (README, "Paths are printed relative to the working
    folder")."""
    given = os.fspath(path)
    try:
        here = os.path.join(os.getcwd(), "")
    except OSError:  # the working folder was removed
        return given
    absolute = os.path.abspath(given)
    return absolute[len(here) :] if absolute.startswith(here) else given


class Problems:
    """Every problem of one config load, gathered so that one run reports them all
    (README, "A config that cannot be loaded"), as check-jsonschema and ruff do.

    Each problem is one line, ``FILE:LINE:COL: message`` or ``FILE: message``
    (:func:`located`).  :meth:`lines` orders them by file (in the order the files were
    first named, :meth:`file`: the config, then what it extends) and, within a file, by
    where they are written; those without a position come last, in the order found.  A
    line found twice is kept once.
    """

    def __init__(self) -> None:
        self._found: list[tuple[str, tuple[int, int] | None, str]] = []
        self._files: dict[str, int] = {}

    def file(self, origin: str) -> None:
        """Name the config file ``origin`` as read now: its problems print after those
        of the files named before it, whenever they are found."""
        self._files.setdefault(origin, len(self._files))

    def __bool__(self) -> bool:
        return bool(self._found)

    def add(self, origin: str, keys: Sequence[str | int], at: str, message: str) -> None:
        """A problem at ``keys`` of the config file ``origin`` (``at``: :data:`KEY` or
        :data:`VALUE`); ``message`` names the key path itself."""
        found = position(origin, tuple(keys), at)
        text = f"{origin}:{found[0]}:{found[1]}: {message}" if found else f"{origin}: {message}"
        self._found.append((origin, found, text))

    def add_placed(self, origin: str, line: int, col: int, message: str) -> None:
        """A problem of the config file ``origin`` at 1-based ``line``/``col``."""
        self._found.append((origin, (line, col), f"{origin}:{line}:{col}: {message}"))

    def add_error(self, origin: str, error: ConfigError) -> None:
        """Each line of ``error``, a problem found while reading ``origin``."""
        for text in error.lines():
            placed = read_located(origin, text)
            self._found.append((origin, placed[:2] if placed else None, text))

    @contextlib.contextmanager
    def gathered(self, origin: str) -> Iterator[None]:
        """Run the block; a :class:`ConfigError` it raises is kept (:meth:`add_error`)
        instead of ending the load."""
        try:
            yield
        except ConfigError as error:
            self.add_error(origin, error)

    def lines(self) -> list[str]:
        """The problems, one line each, in order (see the class)."""
        files = dict(self._files)
        for origin, _found, _text in self._found:
            files.setdefault(origin, len(files))
        ordered = sorted(
            enumerate(self._found),
            key=lambda item: (files[item[1][0]], item[1][1] or (sys.maxsize, 0), item[0]),
        )
        return list(dict.fromkeys(text for _index, (_origin, _found, text) in ordered))

    def raise_if_any(self) -> None:
        """Raise one :class:`ConfigError` holding every problem found, if any."""
        lines = self.lines()
        if lines:
            raise ConfigError(lines[0], lines[1:])


def position(origin: str, keys: KeyPath, at: str) -> tuple[int, int] | None:
    """The 1-based (line, col) of the key or value at ``keys`` in the YAML config file
    ``origin`` (see :func:`located`), or None."""
    if not origin.endswith((".yaml", ".yml")):
        return None
    try:
        stat = os.stat(origin)
    except OSError:
        return None
    document = _document(origin, stat.st_mtime_ns, stat.st_size)
    if document is None:
        return None
    if at == KEY:
        return document.key_position(keys)
    return document.positions.get(keys)


@functools.lru_cache(maxsize=4)
def _document(origin: str, _mtime: int, _size: int) -> YamlDocument | None:
    """The YAML document of the file ``origin`` (read again when it changes), or None
    when it cannot be read or parsed (its own error says why)."""
    from notes_lint import yamlsafe

    try:
        return yamlsafe.load(Path(origin).read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yamlsafe.YamlError):
        return None


_AT = re.compile(r":(\d+):(\d+): ")


def read_located(origin: str, line: str) -> tuple[int, int, str] | None:
    """A line :func:`located` wrote for ``origin`` read back: (line, col, message); None
    for a line of another file or without a position."""
    if not line.startswith(origin):
        return None
    found = _AT.match(line, len(origin))
    if found is None:
        return None
    return int(found[1]), int(found[2]), line[found.end() :]
