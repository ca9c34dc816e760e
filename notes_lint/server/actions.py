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
  note worse); where the comment above would (it splits a paragraph), the comment
  ``disable-line`` at the end of the line is tried instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from lsprotocol import types

from notes_lint.diagnostics import Diagnostic
from notes_lint.server.convert import ClientText, to_lsp
from notes_lint.server.session import Linted

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


def fix_all(uri: str, linted: Linted, text: ClientText, relint: Relint) -> types.CodeAction | None:
    """Every safe fix at once, as ``check --fix`` applies them; None when none applies."""
    from notes_lint import source as note_source
    from notes_lint.fixes import fix_source_text

    if linted.source is None or not any(d.fix for d in linted.diagnostics):
        return None
    body = text.text[1:] if text.bom else text.text

    def lint(source: note_source.Source) -> list[Diagnostic]:
        return relint(source.text)

    fixed = fix_source_text(body, lint, linted.source.path, text.bom)
    if not fixed.changed:
        return None
    edits = [
        types.TextEdit(
            types.Range(text.offset_position(c.start), text.offset_position(c.end)), c.text
        )
        for c in fixed.changes
    ]
    count = len(fixed.fixed)
    return _edit_action(
        f"notes-lint: fix all ({count} finding{'' if count == 1 else 's'})", FIX_ALL, uri, edits
    )


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


def suppressions(
    uri: str, linted: Linted, text: ClientText, wanted: types.Range, relint: Relint
) -> list[types.CodeAction]:
    """ "Disable CODE for this line" and "… for this file" for the findings on the lines
    of ``wanted``, each offered when it works and harms nothing (see the module doc)."""
    if linted.note is None:
        return []
    front = linted.note.frontmatter
    front_end = front.end_line if front is not None else 0
    newline = text.newline()
    actions: list[types.CodeAction] = []
    seen: set[tuple[str, int]] = set()
    for d in linted.diagnostics:
        if not _touches(d, wanted) or (d.code, d.line) in seen:
            continue
        seen.add((d.code, d.line))
        diagnostic = [to_lsp(d, text)]
        if d.line > front_end:
            for title, new_text, edit in _line_candidates(d, text, newline):
                if _not_worse(linted.diagnostics, relint(new_text), d.code):
                    actions.append(
                        _edit_action(title, types.CodeActionKind.QuickFix, uri, [edit], diagnostic)
                    )
                    break
        line = front_end + 1 if front is not None else 1
        comment = f"<!-- notes-lint disable-file {d.code} -->{newline}"
        new_text = _insert(text.text, line, 1, comment)
        if _not_worse(linted.diagnostics, relint(new_text), d.code):
            position = text.position(line, 1)
            actions.append(
                _edit_action(
                    f"Disable {d.code} for this file",
                    types.CodeActionKind.QuickFix,
                    uri,
                    [types.TextEdit(types.Range(position, position), comment)],
                    diagnostic,
                )
            )
    return actions


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
    end_col = len(written.rstrip()) + 1
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
