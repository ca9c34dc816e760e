"""NL108: a heading that names a section or a person, at another level than the schema's."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL108",
    name="heading-level",
    summary="a section heading at the wrong level",
    bad="## 2021-09-14\n\n#### Bruno\n\n## Discussion",
    good="## 2021-09-14\n\n### Bruno\n\n### Discussion",
    fixable=True,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    level = config.sections.level
    date_line = note.date.line if note.date and note.date.source == "heading" else None
    for heading in note.headings:
        if heading.level == level or heading.line == date_line or heading is note.title:
            continue
        spec = config.sections.lookup(heading.text)
        person = config.person(heading.text) if spec is None else None
        if spec is None and person is None:
            continue
        what = (
            f"the section '{spec.name}'"
            if spec
            else f"the person '{person.name if person else ''}'"
        )
        yield Finding(
            heading.line,
            1,
            f"heading '{heading.text}' names {what} but is at level {heading.level}; "
            f"sections are level {level}: write '{'#' * level} {heading.text}'",
            fixable=True,
        )
