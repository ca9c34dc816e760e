"""NL107: a section heading with nothing under it: no block of its own and no
subsection (a section whose content is its subsections is not empty).  Subsections
that the schema names are judged too (``Section.judged``)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Severity
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL107",
    name="empty-section",
    summary="an empty section",
    bad="### Discussion\n\n### TODO / Next",
    good="### Discussion\n\n- nothing this week\n\n### TODO / Next",
    severity=Severity.WARNING,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for section in note.all_sections():
        if section.empty and section.judged:
            yield Finding(
                section.line,
                section.col,
                f"section '{section.title}' is empty: write something under it or remove it",
            )
