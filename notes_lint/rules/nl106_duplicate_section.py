"""NL106: a section must not appear twice."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.matching import normalize_heading
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL106",
    name="duplicate-section",
    summary="the same section twice",
    bad="### Discussion\n\n- a\n\n### Discussion\n\n- b",
    good="### Discussion\n\n- a\n- b",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for section in note.sections:
        person = ctx.config.person(section.title) if section.kind == "person" else None
        key = section.name or (person.name if person else normalize_heading(section.title))
        if key in seen:
            yield Finding(
                section.line,
                section.col,
                f"section '{section.title}' appears again (first at line {seen[key]}): merge the two",
            )
        else:
            seen[key] = section.line
