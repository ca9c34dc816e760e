"""Safe auto-fixes: ``notes-lint check --fix`` and ``--diff`` (PRODUCT.md §5–§6).

The loop: lint, apply every fix that does not overlap another, lint again, and
repeat until no fix is left (at most :data:`MAX_PASSES` rounds).  A pass whose
fixes do not make their own findings go away is undone and those fixes are
left alone (see :func:`fix_source_text`), so fixing terminates and
``fix(fix(x)) == fix(x)`` even if a rule's fix is wrong.

A fix never makes a note worse (issue 14): a pass after which some code is
reported more often than before, less the findings it fixed, is undone too, and
the fixes to blame are found by halving the pass (:func:`_harmful`) and left
alone for good.

Edits are placed on the file's own text (:class:`~notes_lint.edits.Original`):
nothing outside an edit's span changes, not a line ending nor a BOM.  Files are
written atomically: a temporary file in the same folder, then a rename, with
the file's mode kept.

``--fix`` writes only inside the repository (the git work tree, else the
config's folder): a note that is a symbolic link is fixed at its target when
that target is inside it, and left alone with a message when it is not; a
read-only note (no owner write bit, or not writable for this user) is left
alone with a message too (see :func:`fix_target`).
"""

from __future__ import annotations

import difflib
import os
import stat
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import source as note_source
from notes_lint.atomic import WriteError, resolves_outside, write_atomic
from notes_lint.config import Config
from notes_lint.diagnostics import Diagnostic
from notes_lint.discovery import NoteFile, find_notes
from notes_lint.edits import Original, Placed, Taken, apply_tracked
from notes_lint.errors import UsageError
from notes_lint.linter import Workspace, lint_note
from notes_lint.names import quoted
from notes_lint.parse import parse_note

if TYPE_CHECKING:
    from notes_lint.resolver import Resolver

MAX_PASSES = 10
"""Rounds of lint-and-fix that change a note, at most (each round fixes what it can)."""

_BOM = b"\xef\xbb\xbf"

Linter = Callable[[note_source.Source], list[Diagnostic]]
"""Lints one note's normalised source (the fix loop calls it after every pass)."""


@dataclass(frozen=True)
class Change:
    """``start:end`` of the original text (BOM excluded) was replaced by ``text``."""

    start: int
    end: int
    text: str


@dataclass
class FixedNote:
    """What fixing one note did."""

    path: str
    before: str  # the text as read, BOM removed, line endings as they were
    after: str
    bom: bool = False
    fixed: list[Diagnostic] = field(default_factory=list)  # findings whose fix was applied
    changes: list[Change] = field(default_factory=list)
    passes: int = 0

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def output(self) -> str:
        """The fixed text with its BOM, if it had one."""
        return ("\ufeff" if self.bom else "") + self.after

    def data(self) -> bytes:
        """The fixed file's bytes."""
        return (_BOM if self.bom else b"") + self.after.encode("utf-8")

    def diff(self) -> str:
        """A unified diff of the fix (``a/`` and ``b/`` prefixes, as ``git diff``) that
        ``git apply`` and ``patch`` accept.

        Lines are what those tools call lines, ended by ``\\n`` only: a ``\\r`` (CRLF, or
        an old Mac file's lone CR) is part of its line, so a CR-only file is one line.
        The BOM is kept on line 1, as it is in the file.  A name that could break a
        header line is quoted as Git quotes it (:func:`~notes_lint.names.quoted`).
        """
        if not self.changed:
            return ""
        bom = "\ufeff" if self.bom else ""
        lines = difflib.unified_diff(
            _lines(bom + self.before),
            _lines(bom + self.after),
            quoted(f"a/{self.path}"),
            quoted(f"b/{self.path}"),
        )
        out = []
        for line in lines:
            if line.endswith("\n"):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines ended by ``\\n`` with it, as Git and ``patch`` split them (``str.splitlines``
    would also split on \\r, \\f, \\x1c, …)."""
    out = [line + "\n" for line in text.split("\n")]
    out[-1] = out[-1][:-1]
    return out if out[-1] else out[:-1]


def _choose(
    original: Original, diagnostics: Sequence[Diagnostic]
) -> dict[Diagnostic, list[Placed]]:
    """The fixes of one pass: in diagnostic order, each whose edits are all in place and
    clash with no fix chosen before it (an edit identical to a chosen one is shared)."""
    chosen: dict[Diagnostic, list[Placed]] = {}
    taken = Taken()
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        placed = [original.place(edit) for edit in diagnostic.fix]
        edits = [p for p in placed if p is not None]
        if len(edits) != len(placed) or not edits:
            continue
        if any(taken.clashes(edit) for edit in edits):
            continue
        chosen[diagnostic] = edits
        for edit in edits:
            taken.add(edit)
    return chosen


def _ineffective(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic], applied: Sequence[Diagnostic]
) -> set[tuple[str, str]]:
    """Findings (code, message) that applying their fixes did not make go away."""
    counted_before = Counter((d.code, d.message) for d in before)
    counted_after = Counter((d.code, d.message) for d in after)
    applied_count = Counter((d.code, d.message) for d in applied)
    return {
        key
        for key, count in applied_count.items()
        if counted_after[key] > counted_before[key] - count
    }


def _worse(
    before: Sequence[Diagnostic], after: Sequence[Diagnostic], applied: Sequence[Diagnostic]
) -> bool:
    """Whether some code is reported more often after the fixes than before, less the
    fixed findings (a code not reported before counts as reported 0 times)."""
    allowed = Counter(d.code for d in before)
    allowed.subtract(d.code for d in applied)
    return any(count > allowed[code] for code, count in Counter(d.code for d in after).items())


def _harmful(
    current: str,
    origin: list[int],
    diagnostics: Sequence[Diagnostic],
    chosen: dict[Diagnostic, list[Placed]],
    check: Callable[[str], list[Diagnostic]],
) -> list[Diagnostic]:
    """The fixes of a pass that made the note worse, found by applying halves of it.

    A fix is to blame when it makes the note worse on its own; when no part does but
    the whole does (two fixes that harm only together), the one of the later half that
    tips the first half over is blamed, so that what is left can be applied.  Costs
    about two lints per harmful fix and per halving.
    """

    def worse(part: list[Diagnostic]) -> bool:
        edits = [e for d in part for e in chosen[d]]
        text, _ = apply_tracked(current, origin, edits)
        return _worse(diagnostics, check(text), part)

    def search(part: list[Diagnostic]) -> list[Diagnostic]:
        if len(part) == 1:
            return part
        half = len(part) // 2
        found = [d for piece in (part[:half], part[half:]) if worse(piece) for d in search(piece)]
        return found or tipping(part[:half], part[half:])

    def tipping(base: list[Diagnostic], rest: list[Diagnostic]) -> list[Diagnostic]:
        """The fix of ``rest`` that makes ``base`` (harmless) worse when added after the
        ones before it: the others are innocent and stay (binary search on prefixes)."""
        while len(rest) > 1:
            half = len(rest) // 2
            if worse(base + rest[:half]):
                rest = rest[:half]
            else:
                base, rest = base + rest[:half], rest[half:]
        return rest

    return search(list(chosen))


def _changes(before: str, after: str, origin: Sequence[int]) -> list[Change]:
    """The regions of ``before`` that the edits replaced, from each character's origin."""
    changes = []
    previous = -1  # the last original character kept
    inserted: list[str] = []
    for char, at in zip(after, origin, strict=True):
        if at < 0:
            inserted.append(char)
            continue
        if at != previous + 1 or inserted:
            changes.append(Change(previous + 1, at, "".join(inserted)))
            inserted = []
        previous = at
    if previous + 1 != len(before) or inserted:
        changes.append(Change(previous + 1, len(before), "".join(inserted)))
    return changes


def fix_source_text(text: str, lint: Linter, path: str = "<text>", bom: bool = False) -> FixedNote:
    """Fix one note's decoded text (BOM removed, line endings as on disk).

    A pass that leaves a finding of one of its fixes behind is undone, and is
    tried again without those fixes; they get another chance after the next
    pass that works (another fix in the same pass may have been in the way), and
    are left alone when they fail on their own.  A pass that makes the note worse
    (:func:`_worse`) is undone and tried again without the fixes to blame
    (:func:`_harmful`), which are never applied to this note.
    """
    current = text
    origin = list(range(len(text)))
    result = FixedNote(path, text, text, bom)

    def check(fixed: str) -> list[Diagnostic]:
        return lint(note_source.from_text(fixed, path, had_bom=bom))

    diagnostics = check(current)
    left_alone: set[tuple[str, str]] = set()
    harmful: set[tuple[str, str]] = set()  # fixes that make the note worse: never retried
    attempts = 0
    while result.passes < MAX_PASSES and attempts < 3 * MAX_PASSES:
        attempts += 1
        candidates = [
            d
            for d in diagnostics
            if (d.code, d.message) not in left_alone and (d.code, d.message) not in harmful
        ]
        chosen = _choose(Original(current), candidates)
        if not chosen:
            break
        edits = [e for placed in chosen.values() for e in placed]
        fixed_text, fixed_origin = apply_tracked(current, origin, edits)
        again = check(fixed_text)
        failed = _ineffective(diagnostics, again, list(chosen))
        if failed:
            left_alone |= failed
            continue
        if _worse(diagnostics, again, list(chosen)):
            blamed = _harmful(current, origin, diagnostics, chosen, check)
            harmful |= {(d.code, d.message) for d in blamed}
            continue
        current, origin, diagnostics = fixed_text, fixed_origin, again
        result.fixed.extend(chosen)
        result.passes += 1
        left_alone.clear()
    result.after = current
    result.changes = _changes(text, current, origin)
    return result


def fix_text(text: str, config: Config, path: str = "<text>") -> FixedNote:
    """Fix a note held in memory, as :func:`~notes_lint.linter.lint_text` lints one."""
    bom = text.startswith("\ufeff")

    def lint(source: note_source.Source) -> list[Diagnostic]:
        return lint_note(parse_note(source, config), config, source=source)

    return fix_source_text(text[1:] if bom else text, lint, path, bom)


def fix_bytes(data: bytes, lint: Linter, path: str = "<text>") -> FixedNote:
    """Fix a note's bytes; :class:`~notes_lint.source.UnreadableNote` when it is not text."""
    note_source.decode(data, path)  # refuses binary, bad UTF-8 and huge files
    bom = data.startswith(_BOM)
    text = (data[len(_BOM) :] if bom else data).decode("utf-8")
    return fix_source_text(text, lint, path, bom)


class NotFixable(Exception):
    """``--fix`` must not write this note; the message says why (one line)."""


def fix_target(path: Path, root: Path) -> Path:
    """The file to replace for the note at ``path``: its resolved location.

    Raises :class:`NotFixable` when that is outside ``root`` (a symbolic link, or
    a linked folder, out of the repository), not a regular file, or read-only.
    Read-only is decided by the mode bits (no owner write bit, as ``chmod a-w``
    leaves it) as well as by :func:`os.access`, which says yes to everything for
    root; the rename would replace the file whatever its bits, so this is the
    only guard.
    """
    outside = resolves_outside(path, root)  # the rule every writer keeps (atomic.py)
    if outside is not None:
        how = "is a link to" if os.path.islink(path) else "resolves to"
        raise NotFixable(f"not fixed: it {how} {quoted(outside)}, outside the repository")
    target = Path(os.path.realpath(path))
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotFixable("not fixed: not a regular file")
    if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise NotFixable("not fixed: the file is read-only")
    return target


@dataclass
class FixRun:
    """What ``--fix`` / ``--diff`` did over the notes of one run."""

    notes: list[FixedNote] = field(default_factory=list)
    write_errors: list[str] = field(default_factory=list)  # one line each, path first
    # The notes whose fix was written (for --diff: would be; refused ones are not).
    written: list[FixedNote] = field(default_factory=list)

    @property
    def changed(self) -> list[FixedNote]:
        return [n for n in self.notes if n.changed]

    def diff(self) -> str:
        """The patch of every note ``--fix`` would write (not of those it refuses)."""
        return "".join(n.diff() for n in self.written)

    def summary(self, *, written: bool) -> str:
        """``fixed 12 findings in 3 files`` (``would fix …`` for --diff), counting only
        the notes written (or that would be): a refused or failed write does not count."""
        count, files = sum(len(n.fixed) for n in self.written), len(self.written)
        verb = "fixed" if written else "would fix"
        return (
            f"{verb} {count} finding{'' if count == 1 else 's'} "
            f"in {files} file{'' if files == 1 else 's'}"
        )


def fix_files(files: Sequence[NoteFile], config: Config | Resolver, *, write: bool) -> FixRun:
    """Fix each note, by its own config when ``config`` is a resolver; write the changed
    ones when ``write`` (unreadable notes are left to check).  A note :func:`fix_target`
    refuses is not written, nor in the diff, and its refusal is in ``write_errors``, as
    is a write that fails."""
    workspace = Workspace(config)
    run = FixRun()
    for note_file in files:
        try:
            data = note_file.path.read_bytes()
        except OSError:
            continue  # check reports it (NL901)

        def lint(source: note_source.Source, note_file: NoteFile = note_file) -> list[Diagnostic]:
            return workspace.lint_source(source, note_file)

        try:
            fixed = fix_bytes(data, lint, note_file.display)
        except UsageError:
            raise
        except Exception:  # unreadable, or crashes notes-lint: check reports it (NL901)
            continue
        run.notes.append(fixed)
        if fixed.changed:
            shown = quoted(note_file.display)
            try:
                root = workspace.root_of(workspace.resolver.config_for(note_file.path))
                target = fix_target(note_file.path, root)
                if write:
                    write_atomic(target, fixed.data())
            except NotFixable as refusal:
                run.write_errors.append(f"{shown}: {refusal}")
            except WriteError as error:
                run.write_errors.append(f"{shown}: cannot write: {error.reason}")
            except OSError as error:  # the note vanished or cannot be read before the write
                run.write_errors.append(f"{shown}: cannot write: {error.strerror or error}")
            else:
                run.written.append(fixed)
    return run


def fix_paths(config: Config | Resolver, paths: list[Path] | None = None, *, write: bool) -> FixRun:
    """Fix the notes among ``paths`` (or every note under the config's folder)."""
    return fix_files(find_notes(config, paths), config, write=write)
