"""Reading a note from disk into normalised text, or saying why it cannot be read.

Lines and columns reported by every rule refer to this normalised text: a BOM is
dropped and CRLF/CR become LF, so a CRLF file has the same positions as its LF twin.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from notes_lint.errors import describe

MAX_BYTES = 64 * 1024 * 1024
"""Notes larger than this are refused (NL901) rather than parsed."""


class UnreadableNote(Exception):
    """The file is not UTF-8 text; the message says why, for NL901."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


@dataclass
class Source:
    """The text of one note with its lines, ready for the parser."""

    path: str
    text: str
    had_bom: bool = False
    newline: str = "\n"
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")


def cannot_lint(error: BaseException) -> str:
    """Why a note could not be linted (NL901): an internal error of notes-lint on it."""
    return f"cannot lint this note: internal error ({describe(error)}); please report it"


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise UnreadableNote(
            f"file is {size / 1048576:.1f} MiB, over the {MAX_BYTES // 1048576} MiB limit "
            "for a note; exclude it in the config"
        )


def decode(data: bytes, path: str = "<text>") -> Source:
    """Decode raw bytes as a note, raising :class:`UnreadableNote` for non-text."""
    _check_size(len(data))
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableNote("binary file (contains NUL bytes); exclude it in the config", line)
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UnreadableNote(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
            line,
            col,
        ) from None
    return from_text(text, path, had_bom=had_bom)


def from_text(text: str, path: str = "<text>", *, had_bom: bool = False) -> Source:
    """Normalise already-decoded text (BOM, line endings) into a :class:`Source`."""
    if text.startswith("\ufeff"):
        text = text[1:]
        had_bom = True
    newline = "\r\n" if "\r\n" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(path=path, text=text, had_bom=had_bom, newline=newline)


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` (``st_mode``) is when it is not a regular file, else None.

    Opening a FIFO waits for a writer, and a device may never end: such a file is
    never opened.
    """
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def read(path: Path, display: str | None = None) -> Source:
    """Read a note file; OS errors and files that are not regular (a FIFO, a device)
    become :class:`UnreadableNote` too, the latter without being opened."""
    shown = display if display is not None else str(path)
    try:
        info = path.stat()
        kind = not_regular(info.st_mode)
        if kind is not None:
            raise UnreadableNote(f"{kind}, not a regular file: not opened")
        _check_size(info.st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableNote(f"cannot read file: {exc.strerror or exc}") from None
    return decode(data, shown)
