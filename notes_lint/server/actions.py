"""Code actions: each safe fix as a quick fix, fix-all, and the suppression comments.

- A finding with a safe fix (the fix ``check --fix`` would apply, placed and
  verified by :func:`~notes_lint.linter.lint_note`) is a ``quickfix``.
- ``source.fixAll.notes-lint`` applies every safe fix as ``check --fix`` does
  (:func:`~notes_lint.fixes.fix_source_text`: several passes, a fix that makes the
  note worse left out), as edits of the spans it changed.
- "Disable CODE for this line" writes ``<!-- notes-lint disable-next-line CODE -->``
  on its own line above the finding's line, indented (and quoted) as that line, or
  adds the code to such a comment already there; "Disable CODE for this file"
  writes ``<!-- notes-lint disable-file CODE -->`` after the front matter (else on
  line 1).  Each is offered only when, linted again, the note has that finding no
  more and no other finding more than before (issue 14: a change never makes a
  note worse).  A comment line is written above only where it leaves the block
  structure markdown-it parses as it was: inside a paragraph, a table, a lazy
  continuation line or between the items of a list it would end that block, so
  there ``disable-line`` goes at the end of the line instead (in a table row,
  inside its last cell).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from notes_lint.diagnostics import Diagnostic
from notes_lint.server.convert import ClientText, to_lsp
from notes_lint.server.session import Linted

if TYPE_CHECKING:
    from notes_lint.fixes import FixedNote

FIX_ALL = "source.fixAll.notes-lint"
Relint = Callable[[str], list[Diagnostic]]
"""Lints a whole new text of the document (its diagnostics, suppressions applied)."""

_LEAD = re.compile(r"[ \t>]*")
_NEXT_LINE = re.compile(r"^([ \t>]*)<!--\s*notes-lint\s+disable-next-line\b([^<>]*?)-->\s*$")
_CODE = re.compile(r"\bNL\d{3}\b")


def _touches(diagnostic: Diagnostic, wanted: types.Range) -> bool:
    """Whether the finding's line lies in the requested range (lines are 0-based there)."""
    return wanted.start.line <= diagnostic.line - 1 <= wanted.end.line


def _edit_action(
    title: str,
    kind: str,
    uri: str,
    edits: list[types.TextEdit],
    diagnostics: list[types.Diagnostic] | None = None,
    preferred: bool = False,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=diagnostics,
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def fix_title(diagnostic: Diagnostic) -> str:
    """``NL302: replace 'Guilaume' with 'Guillaume'`` for a one-edit replacement,
    else ``NL201: apply the safe fix``."""
    fix = diagnostic.fix or ()
    if len(fix) == 1 and fix[0].old and fix[0].text and "\n" not in fix[0].old + fix[0].text:
        return f"{diagnostic.code}: replace '{fix[0].old}' with '{fix[0].text}'"
    return f"{diagnostic.code}: apply the safe fix"


def quick_fixes(
    uri: str, linted: Linted, text: ClientText, wanted: types.Range
) -> list[types.CodeAction]:
    """A ``quickfix`` for each finding with a safe fix on the lines of ``wanted``."""
    newline = text.newline()
    return [
        _edit_action(
            fix_title(d),
            types.CodeActionKind.QuickFix,
            uri,
            [text.edit(edit, newline) for edit in d.fix or ()],
            [to_lsp(d, text)],
            preferred=True,
        )
        for d in linted.diagnostics
        if d.fix and _touches(d, wanted)
    ]


def fix_all(uri: str, fixed: FixedNote | None, text: ClientText) -> types.CodeAction | None:
    """Every safe fix at once, as ``check --fix`` applies them to ``text`` (``fixed``:
    :meth:`~notes_lint.server.session.Session.fix` of it), as edits of the spans that
    changed; None when no fix applies."""
    if fixed is None or not fixed.changed:
        return None
    edits = [
        types.TextEdit(
            types.Range(text.offset_position(c.start), text.offset_position(c.end)), c.text
        )
        for c in fixed.changes
    ]
    count = len(fixed.fixed)
    return _edit_action(fix_all_title(count), FIX_ALL, uri, edits)


def fix_all_title(count: int | None = None) -> str:
    """``notes-lint: fix all (3 findings)``; without a count (not yet computed),
    ``notes-lint: fix all``."""
    if count is None:
        return "notes-lint: fix all"
    return f"notes-lint: fix all ({count} finding{'' if count == 1 else 's'})"


def _not_worse(before: Sequence[Diagnostic], after: Sequence[Diagnostic], code: str) -> bool:
    """Whether ``after`` has one finding of ``code`` fewer and no code more often."""
    was, now = Counter(d.code for d in before), Counter(d.code for d in after)
    return now[code] < was[code] and all(now[c] <= was[c] for c in now if c != code)


def _insert(text: str, line: int, col: int, new: str) -> str:
    """``text`` (as the client holds it) with ``new`` at notes-lint's ``line:col``."""
    at = ClientText(text).offset(line, col)
    return text[:at] + new + text[at:]


def _replace_line(text: str, line: int, new_line: str) -> str:
    """``text`` with the content of 1-based ``line`` (not its break) replaced."""
    client = ClientText(text)
    start = client.offset(line, 1) - (1 if client.bom and line == 1 else 0)
    return text[:start] + new_line + text[start + len(client.line(line)) :]


def suppression_targets(linted: Linted, wanted: types.Range) -> list[Diagnostic]:
    """The findings on the lines of ``wanted`` that a comment may disable: one per code
    and line (none when the text is not a note)."""
    if linted.note is None:
        return []
    seen: set[tuple[str, int]] = set()
    out = []
    for d in linted.diagnostics:
        if _touches(d, wanted) and (d.code, d.line) not in seen:
            seen.add((d.code, d.line))
            out.append(d)
    return out


def disable_line(
    uri: str, linted: Linted, text: ClientText, d: Diagnostic, relint: Relint
) -> types.CodeAction | None:
    """ "Disable CODE for this line": the first way (see :func:`_line_candidates`) that
    leaves the note's block structure as it was and, linted again, removes the finding
    and adds none; None when no way does (or the line is in the front matter)."""
    front = linted.note.frontmatter if linted.note is not None else None
    if front is not None and d.line <= front.end_line:
        return None
    diagnostic = [to_lsp(d, text)]
    before = _structure(text.text)
    for title, new_text, edit in _line_candidates(d, text, text.newline()):
        if _structure(new_text) != before:
            continue  # it would split a paragraph, a list or a table
        if _not_worse(linted.diagnostics, relint(new_text), d.code):
            return _edit_action(title, types.CodeActionKind.QuickFix, uri, [edit], diagnostic)
    return None


def disable_file(
    uri: str, linted: Linted, text: ClientText, d: Diagnostic, relint: Relint
) -> types.CodeAction | None:
    """ "Disable CODE for this file": ``disable-file`` after the front matter (else on
    line 1), when that removes the finding and adds none."""
    front = linted.note.frontmatter if linted.note is not None else None
    line = front.end_line + 1 if front is not None else 1
    comment = f"<!-- notes-lint disable-file {d.code} -->{text.newline()}"
    new_text = _insert(text.text, line, 1, comment)
    if not _not_worse(linted.diagnostics, relint(new_text), d.code):
        return None
    position = text.position(line, 1)
    return _edit_action(
        disable_file_title(d.code),
        types.CodeActionKind.QuickFix,
        uri,
        [types.TextEdit(types.Range(position, position), comment)],
        [to_lsp(d, text)],
    )


def disable_line_title(code: str) -> str:
    return f"Disable {code} for this line"


def disable_file_title(code: str) -> str:
    return f"Disable {code} for this file"


def suppressions(
    uri: str, linted: Linted, text: ClientText, wanted: types.Range, relint: Relint
) -> list[types.CodeAction]:
    """ "Disable CODE for this line" and "… for this file" for the findings on the lines
    of ``wanted``, each offered when it works and harms nothing (see the module doc)."""
    found: list[types.CodeAction | None] = []
    for d in suppression_targets(linted, wanted):
        found.append(disable_line(uri, linted, text, d, relint))
        found.append(disable_file(uri, linted, text, d, relint))
    return [action for action in found if action is not None]


def _structure(text: str) -> list[tuple[str, str, int, str]]:
    """The block structure CommonMark with GitHub's tables gives ``text`` (the parser
    notes-lint reads notes with): each block token's type, tag, nesting level, and
    the content of code, HTML comments left out.  A suppression comment must leave
    it as it is: an HTML block interrupts a paragraph, ends a list whose item it is
    not indented into, and ends a table, so a comment line inserted there changes
    what GitHub renders."""
    from notes_lint.parse import markdown_parser

    return [
        (t.type, t.tag, t.level, t.content if t.type in ("fence", "code_block") else "")
        for t in markdown_parser().parse(text)
        if t.type != "html_block"
    ]


def _line_candidates(
    d: Diagnostic, text: ClientText, newline: str
) -> list[tuple[str, str, types.TextEdit]]:
    """The ways to disable ``d.code`` for ``d.line``, in order of preference: each a
    title, the whole new text, and the edit that makes it."""
    title = f"Disable {d.code} for this line"
    written = text.line(d.line)
    above = text.line(d.line - 1) if d.line > 1 else ""
    out: list[tuple[str, str, types.TextEdit]] = []
    existing = _NEXT_LINE.match(above)
    if existing is not None and _CODE.search(existing[2]):
        codes = [*_CODE.findall(existing[2]), d.code]
        new_line = f"{existing[1]}<!-- notes-lint disable-next-line {' '.join(codes)} -->"
        edit = types.TextEdit(
            types.Range(text.position(d.line - 1, 1), text.position(d.line - 1, len(above) + 1)),
            new_line,
        )
        out.append((title, _replace_line(text.text, d.line - 1, new_line), edit))
    else:
        lead = _LEAD.match(written)
        prefix = lead[0] if lead else ""
        comment = f"{prefix}<!-- notes-lint disable-next-line {d.code} -->{newline}"
        start = text.position(d.line, 1)
        out.append(
            (
                title,
                _insert(text.text, d.line, 1, comment),
                types.TextEdit(types.Range(start, start), comment),
            )
        )
    kept = written.rstrip()
    if kept.endswith("|") and not kept.endswith("\\|"):
        kept = kept[:-1].rstrip()  # a table row: the comment goes in its last cell
    end_col = len(kept) + 1
    if d.line == 1 and text.bom:
        end_col -= 1
    tail = f" <!-- notes-lint disable-line {d.code} -->"
    end = text.position(d.line, end_col)
    out.append(
        (
            title,
            _insert(text.text, d.line, end_col, tail),
            types.TextEdit(types.Range(end, end), tail),
        )
    )
    return out
