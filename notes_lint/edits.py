"""Text edits of fixes: where they fall, whether they overlap, and applying them.

An :class:`~notes_lint.diagnostics.Edit` is positioned on the normalised text
(no BOM, LF line endings), as diagnostics are.  :class:`Original` maps those
positions onto the text as it is on disk, so that a fix touches nothing but
its spans: CRLF or CR line endings, a BOM, tabs, trailing whitespace and
non-ASCII text elsewhere stay exactly as they were.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from notes_lint.diagnostics import Edit

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Placed:
    """An edit resolved to offsets ``start:end`` of one text."""

    start: int
    end: int
    text: str

    def conflicts(self, other: Placed) -> bool:
        """Whether the two cannot both be applied (an identical edit does not conflict)."""
        if self == other:
            return False
        if self.start == self.end and other.start == other.end:
            return self.start == other.start  # two insertions at one place: which goes first?
        if self.start == self.end:
            return other.start < self.start < other.end
        if other.start == other.end:
            return self.start < other.start < self.end
        return self.start < other.end and other.start < self.end


class Taken:
    """Edits chosen to be applied together, none in conflict with another.

    Kept in order of position, so that whether a new edit clashes with one of them is
    found among its neighbours (a pass over 1,000 fixes is not a million comparisons).
    """

    def __init__(self) -> None:
        self._keys: list[tuple[int, int]] = []  # (start, end) of each edit, in order
        self._ends: list[int] = []  # non-decreasing, as the edits do not overlap
        self._edits: list[Placed] = []

    def clashes(self, edit: Placed) -> bool:
        """Whether ``edit`` conflicts with one taken (an identical one does not)."""
        index = bisect.bisect_left(self._ends, edit.start)
        while index < len(self._edits) and self._keys[index][0] <= edit.end:
            if edit.conflicts(self._edits[index]):
                return True
            index += 1
        return False

    def add(self, edit: Placed) -> None:
        """Take ``edit`` (once: an identical edit is shared); it must not clash."""
        key = (edit.start, edit.end)
        index = bisect.bisect_left(self._keys, key)
        while index < len(self._keys) and self._keys[index] == key:
            if self._edits[index] == edit:
                return
            index += 1
        self._keys.insert(index, key)
        self._ends.insert(index, edit.end)
        self._edits.insert(index, edit)


def line_index(text: str, lead: int = 0) -> tuple[list[int], list[int], list[str]]:
    """Each line's start and end offsets and its line break, from offset ``lead`` on."""
    starts = [lead]
    ends: list[int] = []
    breaks: list[str] = []
    for match in _BREAK.finditer(text, lead):
        ends.append(match.start())
        breaks.append(match[0])
        starts.append(match.end())
    ends.append(len(text))
    breaks.append("")
    return starts, ends, breaks


class Original:
    """A note's text as decoded from disk (BOM removed), with its line structure.

    Line ``n`` of the normalised text is line ``n`` here with the same
    characters; only the line breaks (``\\r\\n``, ``\\r`` or ``\\n``) differ.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # A second BOM after the encoded one is dropped by normalisation too.
        lead = 1 if text.startswith("\ufeff") else 0
        self.starts: list[int]  # offset of each line's first character
        self.ends: list[int]  # offset just past each line's last character
        self.breaks: list[str]  # each line's line break ('' for the last line)
        if "\r" in text:
            self.starts, self.ends, self.breaks = line_index(text, lead)
            return
        # Only \n: the lines' lengths give it all, without a match object per line.
        lengths = [len(line) + 1 for line in text[lead:].split("\n")]
        self.starts = list(itertools.accumulate(lengths[:-1], initial=lead))
        self.ends = [start + length - 1 for start, length in zip(self.starts, lengths, strict=True)]
        self.breaks = ["\n"] * (len(lengths) - 1) + [""]

    def offset(self, line: int, col: int) -> int | None:
        """The offset of a 1-based normalised ``line:col``, or None when there is no such place."""
        if not 1 <= line <= len(self.starts) or col < 1:
            return None
        at = self.starts[line - 1] + col - 1
        return at if at <= self.ends[line - 1] else None

    def newline(self, line: int) -> str:
        """The line break to write for a new line on ``line``: its own, else the one before."""
        for index in range(min(line, len(self.breaks)) - 1, -1, -1):
            if self.breaks[index]:
                return self.breaks[index]
        return "\n"

    def place(self, edit: Edit) -> Placed | None:
        """The edit on this text, or None when its span is not where or what it claims.

        The span must hold ``edit.old`` once line breaks are normalised.
        """
        start = self.offset(edit.line, edit.col)
        end = self.offset(edit.end_line, edit.end_col)
        if start is None or end is None or end < start:
            return None
        if _BREAK.sub("\n", self.text[start:end]) != edit.old:
            return None
        newline = self.newline(edit.line)
        return Placed(start, end, edit.text.replace("\n", newline))


def apply(text: str, placed: Sequence[Placed]) -> str:
    """``text`` with non-conflicting ``placed`` edits applied (identical ones once)."""
    return apply_tracked(text, list(range(len(text))), placed)[0]


def apply_tracked(text: str, origin: list[int], placed: Sequence[Placed]) -> tuple[str, list[int]]:
    """Apply edits and carry, for each character, the offset it had in the first text
    (-1 for an inserted one): that is how changes are reported across passes."""
    out: list[str] = []
    new_origin: list[int] = []
    position = 0
    for edit in sorted(set(placed), key=lambda e: (e.start, e.end)):
        out.append(text[position : edit.start])
        new_origin.extend(origin[position : edit.start])
        out.append(edit.text)
        new_origin.extend([-1] * len(edit.text))
        position = max(position, edit.end)
    out.append(text[position:])
    new_origin.extend(origin[position:])
    return "".join(out), new_origin
