"""notes-lint's diagnostics and edits as LSP values (lsprotocol types).

Ranges underline what a finding is about: the term its message quotes, when
its fix replaces that term or its line holds it from the finding's column on
(``TODO owner 'Guilaume' is not in the roster``: the name, not the whole item);
else the span of its fix's edit that starts where it is reported (the bare
URL); else from where it is reported to the end of its line, trailing spaces
left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from lsprotocol import types

from notes_lint.diagnostics import Diagnostic, Edit, Severity
from notes_lint.server.positions import UTF16, to_character, to_col

SOURCE = "notes-lint"
RULE_DOCS = "https://github.com/notes-lint/notes-lint/blob/main/docs/rules.md#{anchor}"
"""Where each rule is documented: ``docs/rules.md``, one heading per code, whose
GitHub anchor is the code in lower case (``#nl201``)."""

_BREAK = re.compile(r"\r\n|\r|\n")
_QUOTED = re.compile(r"'([^']+)'")

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def rule_docs(code: str) -> str:
    """The URL of the documentation of rule ``code`` (``NL201``)."""
    return RULE_DOCS.format(anchor=code.lower())


@dataclass
class ClientText:
    """A document's text as the client holds it (BOM and line breaks as they are),
    and the position encoding agreed with the client."""

    text: str
    encoding: str = UTF16

    def __post_init__(self) -> None:
        self.bom = self.text.startswith("\ufeff")
        self.lines = _BREAK.split(self.text)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The offset in :attr:`text` where each line starts (made once: offsets and
        positions are then a binary search, not a scan of the text)."""
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _BREAK.finditer(self.text))]
        return self._starts

    def offset(self, line: int, col: int) -> int:
        """The offset in :attr:`text` of notes-lint's 1-based ``line:col`` (BOM counted)."""
        starts = self.starts
        at = starts[min(max(line, 1), len(starts)) - 1]
        return at + col - 1 + (1 if self.bom and at == 0 else 0)

    def line(self, line: int) -> str:
        """The 1-based line as the client holds it ('' past the end)."""
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def position(self, line: int, col: int) -> types.Position:
        """The LSP position of notes-lint's 1-based ``line:col`` (a place past the
        text is clamped to its end)."""
        if line > len(self.lines):
            line, col = len(self.lines), len(self.lines[-1]) + 1
        line = max(line, 1)
        if line == 1 and self.bom:
            col += 1
        return types.Position(line - 1, to_character(self.line(line), col, self.encoding))

    def place(self, position: types.Position) -> tuple[int, int]:
        """notes-lint's 1-based ``line:col`` of an LSP position."""
        line = min(position.line + 1, len(self.lines))
        col = to_col(self.line(line), position.character, self.encoding)
        if line == 1 and self.bom:
            col = max(col - 1, 1)
        return line, col

    def span(self, line: int, col: int, end_line: int, end_col: int) -> types.Range:
        return types.Range(self.position(line, col), self.position(end_line, end_col))

    def edit(self, edit: Edit, newline: str) -> types.TextEdit:
        """An edit of a fix; a new line is written with ``newline`` (the note's own)."""
        return types.TextEdit(
            self.span(edit.line, edit.col, edit.end_line, edit.end_col),
            edit.text.replace("\n", newline),
        )

    def newline(self) -> str:
        """The line break the text uses (its first), ``\\n`` when it has none."""
        found = _BREAK.search(self.text)
        return found[0] if found else "\n"

    def offset_position(self, offset: int) -> types.Position:
        """The LSP position of ``offset`` in the text without its BOM."""
        at = int(self.bom) + offset
        line = bisect_right(self.starts, at)
        start = self.starts[line - 1] if line > 1 else int(self.bom)
        return self.position(line, at - start + 1)


def extent(diagnostic: Diagnostic, text: ClientText) -> tuple[int, int, int, int]:
    """The span an editor underlines for ``diagnostic``: ``line, col, end_line, end_col``
    (1-based, end exclusive; see the module doc)."""
    line, col = diagnostic.line, diagnostic.col
    if diagnostic.end is not None and diagnostic.end > (line, col):
        return line, col, *diagnostic.end
    quoted = _QUOTED.findall(diagnostic.message)
    edits = diagnostic.fix or ()
    for edit in edits:  # the fix replaces the term the message names: underline it
        if edit.line == line and edit.col >= col and edit.old and edit.old in quoted:
            return edit.line, edit.col, edit.end_line, edit.end_col
    for edit in edits:
        if (edit.line, edit.col) == (line, col) and (edit.end_line, edit.end_col) > (line, col):
            return line, col, edit.end_line, edit.end_col
    written = text.line(line)
    if line == 1 and text.bom:
        written = written[1:]
    for term in quoted:
        at = written.find(term, col - 1)
        if at != -1 and term.strip():
            return line, at + 1, line, at + 1 + len(term)
    end = len(written.rstrip()) + 1
    return line, col, line, end if end > col else col + 1


def to_lsp(diagnostic: Diagnostic, text: ClientText) -> types.Diagnostic:
    """One notes-lint finding as an LSP diagnostic: its exact range, severity, code,
    source ``notes-lint``, a link to its rule's documentation; ``data`` says whether
    it has a safe fix (a client hands it back in code action requests)."""
    return types.Diagnostic(
        range=text.span(*extent(diagnostic, text)),
        message=diagnostic.message,
        severity=SEVERITIES.get(diagnostic.severity, types.DiagnosticSeverity.Information),
        code=diagnostic.code,
        code_description=(
            types.CodeDescription(href=rule_docs(diagnostic.code))
            if diagnostic.code.startswith("NL")
            else None
        ),
        source=SOURCE,
        data={"fixable": diagnostic.fixable},
    )
