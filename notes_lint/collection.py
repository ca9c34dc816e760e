"""Reading many notes into models, for commands that look across notes (todos, new)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import parallel
from notes_lint import source as note_source
from notes_lint.config import Config
from notes_lint.discovery import NoteFile, find_notes
from notes_lint.errors import UsageError
from notes_lint.model import Note
from notes_lint.notecache import NoteCache, parse_cached

if TYPE_CHECKING:
    from notes_lint.resolver import Resolver


@dataclass
class NoteSet:
    notes: list[Note] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "path: why", for a warning


LEDGER_FIELDS = (
    "path",
    "date",
    "filename_date",
    "filename_date_text",
    "filename_date_precision",
    "todos",
    "line_count",
    "definitions",
)
"""What the ledger, ``new`` and ``report`` read of a note: its path, dates and TODOs (and
the link reference definitions ``new`` carries with them)."""


def _ledger_view(note: Note) -> Note:
    """Only :data:`LEDGER_FIELDS` of ``note``.

    Keeping only these bounds the memory of a run over a whole archive by its
    TODOs, not by the size of its notes.
    """
    return Note(**{name: getattr(note, name) for name in LEDGER_FIELDS})


def _load_batch(resolver: Resolver, files: list[NoteFile]) -> list[Note | str]:
    caches: dict[int, tuple[Config, NoteCache]] = {}  # one per config: its key holds the config
    out: list[Note | str] = []
    for note_file in files:
        config = resolver.config_for(note_file.path)
        if id(config) not in caches:
            caches[id(config)] = (config, NoteCache(config))
        parsed = caches[id(config)][1]
        try:
            text = note_source.read(note_file.path, note_file.display)
        except note_source.UnreadableNote as error:
            out.append(f"{note_file.display}: {error}")
            continue
        try:
            note = parse_cached(text, config, parsed, LEDGER_FIELDS)
        except UsageError:
            raise  # the config's fault (a user pattern past its time limit): exit 2
        except Exception as error:  # one note that crashes notes-lint never stops the run
            out.append(f"{note_file.display}: {note_source.cannot_lint(error)}")
            continue
        out.append(_ledger_view(note))
    for _config, parsed in caches.values():
        parsed.flush()
    return out


def load_notes(
    config: Config | Resolver,
    paths: list[Path] | None = None,
    cwd: Path | None = None,
    jobs: int | None = None,
) -> NoteSet:
    """Parse every note among ``paths`` (or under the config's folder), once each.

    ``config``: one config for every note, or a resolver that gives each note its
    own (as ``check`` does).  The notes keep what the ledger reads (see
    :func:`_ledger_view`); ``jobs`` as for ``check``.
    """
    from notes_lint.resolver import as_resolver

    resolver = as_resolver(config)
    result = NoteSet()
    files = find_notes(resolver, paths, cwd)
    work = functools.partial(_load_batch, resolver)
    for loaded in parallel.map_batches(work, files, jobs):
        if isinstance(loaded, str):
            result.unreadable.append(loaded)
        else:
            result.notes.append(loaded)
    return result
