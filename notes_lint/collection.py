"""Reading many notes into models, for commands that look across notes (todos, new)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from notes_lint import source as note_source
from notes_lint.config import Config
from notes_lint.discovery import find_notes
from notes_lint.model import Note
from notes_lint.parse import parse_note


@dataclass
class NoteSet:
    notes: list[Note] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "path: why", for a warning


def load_notes(config: Config, paths: list[Path] | None = None, cwd: Path | None = None) -> NoteSet:
    """Parse every note among ``paths`` (or under the config's folder), once each."""
    result = NoteSet()
    for note_file in find_notes(config, paths, cwd):
        try:
            text = note_source.read(note_file.path, note_file.display)
        except note_source.UnreadableNote as error:
            result.unreadable.append(f"{note_file.display}: {error}")
            continue
        result.notes.append(parse_note(text, config))
    return result
