"""Parsed notes, kept between runs: a team's archive is parsed one new note at a time.

Parsing Markdown is most of a run's time, and an archive's old notes do not
change.  Each parsed :class:`~notes_lint.model.Note` is kept in a SQLite file in
the cache folder (:mod:`notes_lint.cache`), under a key made of the note's text,
its path, the whole config and the code of notes-lint itself (the text of every
module, so an edited checkout never reads a stale model, and a reinstall of the
same code, as each CI job makes, still finds the models).  Rules still
run on every note every time: only the parse is saved.

Models are stored as JSON, written and read by a codec that follows the model's
type hints; a cache file cannot run code when read, and a damaged or foreign
entry reads as a miss.  Like the rest of the cache this is an optimisation:
without the folder, or with ``--no-cache``, every note is parsed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import threading
import types
import typing
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from notes_lint import cache, gcpause
from notes_lint.model import Note

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from notes_lint.config import Config
    from notes_lint.source import Source

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # encode, decode

_SEAL = 32  # bytes of SHA-256 before each stored model (NoteCache._seal)
_SCHEMA = "CREATE TABLE IF NOT EXISTS notes (key TEXT PRIMARY KEY, model BLOB NOT NULL)"
MAX_ENTRIES = 200_000
"""After this many notes stored (rowids are never reused), the file is emptied and
filled again by the next runs: old configs and old versions leave no endless trail."""


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _codec(hint: Any) -> Codec:
    """Encoder and decoder between values of type ``hint`` and plain JSON data."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _DATACLASSES.get(hint) or _dataclass_codec(hint)
    if origin in (types.UnionType, typing.Union):
        present = [a for a in args if a is not type(None)]
        if len(present) == 1:
            inner_encode, inner_decode = _codec(present[0])
            if inner_encode is inner_decode is _identity:
                return _identity, _identity
            return (
                lambda v: None if v is None else inner_encode(v),
                lambda v: None if v is None else inner_decode(v),
            )
        return _identity, _identity  # str | int and the like
    if origin is list:
        encode, decode = _codec(args[0])
        if encode is decode is _identity:
            return list, _identity  # JSON arrays are read as lists
        return (lambda v: [encode(x) for x in v], lambda v: [decode(x) for x in v])
    if origin is tuple:
        return (list, tuple) if args and all(_is_plain(a) for a in args) else _unsupported(hint)
    if origin is frozenset:
        return (sorted, frozenset)
    if origin is dict:
        key_encode, key_decode = _codec(args[0])
        value_encode, value_decode = _codec(args[1])
        return (
            lambda v: [[key_encode(k), value_encode(x)] for k, x in v.items()],
            lambda v: {key_decode(k): value_decode(x) for k, x in v},
        )
    if hint in (str, int, bool, float, Any, types.EllipsisType):
        return _identity, _identity
    return _unsupported(hint)


def _is_plain(hint: Any) -> bool:
    return hint in (str, int, bool, float, Ellipsis) or (
        typing.get_origin(hint) in (types.UnionType, typing.Union)
        and all(_is_plain(a) for a in typing.get_args(hint))
    )


def _unsupported(hint: Any) -> Codec:
    raise TypeError(f"the note cache cannot store {hint!r}")


_DATACLASSES: dict[type, Codec] = {}
_FIELDS: dict[type, dict[str, tuple[int, Callable[[Any], Any]]]] = {}  # name: (position, decode)


def _dataclass_codec(cls: type) -> Codec:
    """A model class as the list of its fields, in their order.

    Encoder and decoder are generated for the class, as :mod:`dataclasses`
    generates ``__init__``: a large note's model has hundreds of thousands of
    objects, and a generic loop over fields costs much more.  A frozen class's
    objects are made as its ``__init__`` would, without the call.
    """
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    generated: list[Codec] = []

    def encode(value: Any) -> list[Any]:
        return generated[0][0](value)  # type: ignore[no-any-return]

    def decode(data: list[Any]) -> Any:
        return generated[0][1](data)

    _DATACLASSES[cls] = (encode, decode)  # first: a class may hold itself (ListItem.children)
    codecs = [_codec(hints[name]) for name in names]
    _FIELDS[cls] = {
        name: (i, codec[1]) for i, (name, codec) in enumerate(zip(names, codecs, strict=True))
    }
    namespace: dict[str, Any] = {"cls": cls, "new": object.__new__, "set": object.__setattr__}
    fields, values, checks = [], [], []
    for i, (name, (field_encode, field_decode)) in enumerate(zip(names, codecs, strict=True)):
        namespace[f"encode_{i}"] = field_encode
        fields.append(f"value.{name}" if field_encode is _identity else f"encode_{i}(value.{name})")
        namespace[f"decode_{i}"] = field_decode
        values.append(f"data[{i}]" if field_decode is _identity else f"decode_{i}(data[{i}])")
        check = _type_check(hints[name], f"data[{i}]")
        if check:
            checks.append(
                f"    if {check}:\n        raise ValueError('a model field of another type')\n"
            )
    if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        # What a frozen class's __init__ does, without the call.
        lines = ["made = new(cls)"]
        lines += [f"set(made, {n!r}, {v})" for n, v in zip(names, values, strict=True)]
        lines += ["return made"]
    else:
        lines = [f"return cls({', '.join(values)})"]
    source = (
        f"def encode(value):\n    return [{', '.join(fields)}]\n"
        "def decode(data):\n"
        f"    if type(data) is not list or len(data) != {len(names)}:\n"
        "        raise ValueError('a model of another shape')\n"
        + "".join(checks)
        + "".join(f"    {line}\n" for line in lines)
    )
    exec(compile(source, f"<note cache codec of {cls.__name__}>", "exec"), namespace)
    generated.append((namespace["encode"], namespace["decode"]))
    _DATACLASSES[cls] = generated[0]
    return generated[0]


_JSON_TYPES = {str: "str", int: "int", bool: "bool", list: "list", dict: "list"}


def _type_check(hint: Any, value: str) -> str | None:
    """A Python test that is true when ``value`` (JSON data) cannot be of type ``hint``.

    Checked where the decoder passes data on as it is (strings, numbers, flags) and
    for containers: a cache entry of another type is a miss, not a model that makes
    a rule crash.  Only the outer type of a container is checked here; its items are
    checked by their own decoders.
    """
    origin = typing.get_origin(hint) or hint
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (types.UnionType, typing.Union):
        if len(args) != 1:
            return None
        inner = _type_check(args[0], value)
        return f"{value} is not None and {inner}" if inner else None
    if origin is float:
        return f"type({value}) not in (int, float)"
    if origin in (tuple, frozenset):
        return f"type({value}) is not list"
    if dataclasses.is_dataclass(origin):
        return f"type({value}) is not list"
    name = _JSON_TYPES.get(origin)
    return f"type({value}) is not {name}" if name else None


def encode_note(note: Note) -> bytes:
    """The model as compressed JSON (a model's JSON is about three times its note)."""
    with gcpause.paused():
        data = _codec(Note)[0](note)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return zlib.compress(text.encode("utf-8"), 1)


def decode_note(blob: bytes, fields: tuple[str, ...] | None = None) -> Note:
    """The model stored by :func:`encode_note`; with ``fields``, only those (the rest empty).

    A command that reads a few fields of every note of an archive (the ledger
    reads dates and TODOs) is spared making the links, lists and spans of each.
    """
    with gcpause.paused():
        data = json.loads(zlib.decompress(blob))
        if fields is None:
            note: Note = _codec(Note)[1](data)
        else:
            _codec(Note)  # makes the field decoders
            wanted = _FIELDS[Note]
            if len(data) != len(wanted):
                raise ValueError("a model of another shape")
            note = Note(**{name: wanted[name][1](data[wanted[name][0]]) for name in fields})
    return note


@functools.cache
def _code_stamp() -> str:
    """A digest of the text of every module of notes-lint (see the module doc).

    Kept in the cache under the modules' sizes and times, so that a run reads the
    modules only after an install or an edit.  By their text, not their times: a
    fresh install of the same code (every CI job installs it again) finds the
    notes parsed by the last one.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    paths = sorted(
        os.path.join(folder, name)
        for folder, _, names in os.walk(package)
        for name in names
        if name.endswith(".py")
    )
    modules = [(os.path.relpath(path, package), path) for path in paths]
    key = cache.digest(json.dumps([(name, cache.stamp(path)) for name, path in modules]))
    known = cache.read_json("code", key)
    if isinstance(known, str):
        return known
    texts: list[str | bytes] = []
    for name, module in modules:
        texts.append(name)
        try:
            with open(module, "rb") as handle:
                texts.append(handle.read())
        except OSError:
            texts.append(b"")
    found = cache.digest(*texts)
    cache.write_json("code", key, found)
    return found


_CONNECTIONS: dict[tuple[int, int, str], sqlite3.Connection] = {}
"""One connection per cache file, process and thread, kept for the process's life:
a connection per batch of notes would leave a little of SQLite's memory behind each
time.  A forked worker opens its own, as SQLite asks; so does a thread, as Python's
sqlite3 asks."""


def _connection(path: Path) -> sqlite3.Connection | None:
    """The process's connection to the cache file at ``path``; None if it cannot be had."""
    key = (os.getpid(), threading.get_ident(), str(path))
    if key in _CONNECTIONS:
        return _CONNECTIONS[key]
    import sqlite3

    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            # WAL: readers never wait for a writer (--jobs), and a crash cannot corrupt it.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
        except sqlite3.DatabaseError as error:
            if attempt or "not a database" not in str(error):
                return None
            path.unlink(missing_ok=True)  # damaged beyond reading: start it again
        except (sqlite3.Error, OSError):
            return None
        else:
            _CONNECTIONS[key] = db
            return db
    return None  # pragma: no cover - the loop returns


class NoteCache:
    """Parsed notes of one config, read from and written to the cache file."""

    def __init__(self, config: Config) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, bytes]] = []
        folder = cache.cache_dir()
        if folder is None:
            return
        self._space = cache.digest(
            _code_stamp(),
            json.dumps(config.raw, sort_keys=True, default=str),
            str(config.root),
        )
        self._db = _connection(folder / "notes.sqlite3")

    def _key(self, source: Source) -> str:
        return cache.digest(self._space, source.path, source.text)

    @staticmethod
    def _seal(key: str, blob: bytes) -> bytes:
        """What ties a stored model to its key: an entry edited or moved is a miss."""
        return hashlib.sha256(key.encode("ascii") + b"\0" + blob).digest()

    def get(self, source: Source, fields: tuple[str, ...] | None = None) -> Note | None:
        """The stored model of ``source`` (only ``fields`` of it, if given), or None."""
        if self._db is None:
            return None
        import sqlite3

        key = self._key(source)
        try:
            row = self._db.execute("SELECT model FROM notes WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if not row or not isinstance(row[0], bytes):
            return None
        seal, blob = row[0][:_SEAL], row[0][_SEAL:]
        if seal != self._seal(key, blob):
            return None  # damaged or tampered with: parse again
        try:
            return decode_note(blob, fields)
        except Exception:  # an entry of another shape or type: parse again
            return None

    def put(self, source: Source, note: Note) -> None:
        """Keep ``note`` for :meth:`flush`; a model that cannot be stored is simply not kept."""
        if self._db is not None:
            try:
                blob = encode_note(note)
            except (TypeError, ValueError, RecursionError):
                return  # the cache is an optimisation: the note is parsed again next time
            key = self._key(source)
            self._pending.append((key, self._seal(key, blob) + blob))

    def flush(self) -> None:
        """Write the notes parsed since the last flush, in one transaction."""
        if self._db is None or not self._pending:
            return
        import sqlite3

        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                (last,) = self._db.execute("SELECT max(rowid) FROM notes").fetchone()
                if (last or 0) + len(self._pending) > MAX_ENTRIES:
                    self._db.execute("DELETE FROM notes")
                self._db.executemany(
                    "INSERT OR REPLACE INTO notes (key, model) VALUES (?, ?)", self._pending
                )
        except sqlite3.Error:
            pass  # busy beyond the timeout, read-only, full: parse again next time
        self._pending.clear()


def parse_cached(
    source: Source,
    config: Config,
    notes: NoteCache | None,
    fields: tuple[str, ...] | None = None,
) -> Note:
    """The note model of ``source``: from ``notes`` when it holds it, else parsed (and kept).

    ``fields`` are all the caller reads: a stored model gives only those (a parsed
    one has them all).
    """
    if notes is not None:
        found = notes.get(source, fields)
        if found is not None:
            return found
    from notes_lint.parse import parse_note  # markdown-it is imported only for a parse

    note = parse_note(source, config)
    if notes is not None:
        notes.put(source, note)
    return note
