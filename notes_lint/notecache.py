"""Parsed notes, kept between runs: a team's archive is parsed one new note at a time.

Parsing Markdown is most of a run's time, and an archive's old notes do not
change.  Each parsed :class:`~notes_lint.model.Note` is kept in a SQLite file in
the cache folder (:mod:`notes_lint.cache`), under a key made of the note's text,
its path, the whole config and the code of notes-lint itself (the text of every
module, so an edited checkout never reads a stale model, and a reinstall of the
same code, as each CI job makes, still finds the models).  Rules still
run on every note every time: only the parse is saved.

Models are stored as MessagePack written and read by msgspec, decoded to the
model's types (``msgspec.msgpack.Decoder(Note)``): a cache file cannot run code
when read, and an entry that does not decode to a Note (damaged, foreign, of an
older layout) reads as a miss.  Like the rest of the cache this is an optimisation:
without the folder, or with ``--no-cache``, every note is parsed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
import zlib
from typing import TYPE_CHECKING, Any

import msgspec

from notes_lint import cache, gcpause
from notes_lint.model import Note

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from notes_lint.config import Config
    from notes_lint.source import Source

_SEAL = 32  # bytes of SHA-256 before each stored model (NoteCache._seal)
_SCHEMA = "CREATE TABLE IF NOT EXISTS notes (key TEXT PRIMARY KEY, model BLOB NOT NULL)"
MAX_ENTRIES = 200_000
"""After this many notes stored (rowids are never reused), the file is emptied and
filled again by the next runs: old configs and old versions leave no endless trail."""

_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Note)
_DAMAGED = (msgspec.DecodeError, zlib.error, TypeError, ValueError, RecursionError)
"""What reading an entry of another shape or type raises: a miss (ValidationError is a
subclass of DecodeError; TypeError and ValueError come from a model class's own checks)."""


def encode_note(note: Note) -> bytes:
    """The model as compressed MessagePack (each Struct a map of its fields, by name).

    Raises ``TypeError`` for a model holding a value msgspec cannot write.
    """
    with gcpause.paused():
        packed = _ENCODER.encode(note)
    return zlib.compress(packed, 1)


@functools.cache
def _partial_decoder(fields: tuple[str, ...]) -> msgspec.msgpack.Decoder[Any]:
    """A decoder of only ``fields`` of a stored Note: a Struct of those fields' types.

    msgspec skips the other keys of the stored map without making their objects.
    """
    known = {f.name: f for f in msgspec.structs.fields(Note)}
    partial = msgspec.defstruct(
        "NoteFields",
        [(name, known[name].type, _default(known[name])) for name in fields],
    )
    return msgspec.msgpack.Decoder(partial)


def _default(field: msgspec.structs.FieldInfo) -> Any:
    """A Note field's default, for a Struct of some of its fields (stored maps omit it)."""
    if field.default_factory is not msgspec.NODEFAULT:
        return msgspec.field(default_factory=field.default_factory)
    return field.default


def decode_note(blob: bytes, fields: tuple[str, ...] | None = None) -> Note:
    """The model stored by :func:`encode_note`; with ``fields``, only those (the rest empty).

    A command that reads a few fields of every note of an archive (the ledger
    reads dates and TODOs) is spared making the links, lists and spans of each.
    Raises one of ``msgspec.DecodeError`` (``ValidationError``), ``zlib.error``,
    ``TypeError`` or ``ValueError`` for data that is not a model of this version's
    types: the caller reads that as a miss.
    """
    packed = zlib.decompress(blob)
    with gcpause.paused():
        if fields is None:
            return _DECODER.decode(packed)
        part = _partial_decoder(fields).decode(packed)
        return Note(**{name: getattr(part, name) for name in fields})


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
        except _DAMAGED:  # an entry of another shape or type (an older layout): parse again
            return None

    def put(self, source: Source, note: Note) -> None:
        """Keep ``note`` for :meth:`flush`; a model that cannot be stored is simply not kept."""
        if self._db is not None:
            try:
                blob = encode_note(note)
            except (TypeError, ValueError, OverflowError, RecursionError):
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
