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

import functools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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


def located_lines(
    origin: str, problems: Iterable[tuple[Sequence[str | int], str, str]]
) -> list[str]:
    """Each of ``problems`` (key path, :data:`KEY` or :data:`VALUE`, message) as
    :func:`located` writes it under a heading that names ``origin``, in the order they
    are written in the file (those without a position last, in the order given)."""
    placed = [(position(origin, tuple(keys), at), message) for keys, at, message in problems]
    placed.sort(key=lambda item: item[0] or (sys.maxsize, 0))
    return [
        f"{origin}:{found[0]}:{found[1]}: {message}" if found else message
        for found, message in placed
    ]


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
