"""NL108: a heading that names a section or a person, at another level than the schema's."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Edit, Fix
from notes_lint.model import Heading, Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL108",
    name="heading-level",
    summary="a section heading at the wrong level",
    bad="## 2021-09-14\n\n#### Bruno\n\n## Discussion",
    good="## 2021-09-14\n\n### Bruno\n\n### Discussion",
    fixable=True,
    verify_fix=True,
)


def _fix(heading: Heading, level: int, date_level: int | None, first: dict[int, int]) -> Fix | None:
    """The right number of '#' for an ATX heading, unless that makes it the date or the title.

    ``first`` holds the line of each level's first heading.
    """
    marker = heading.marker
    if marker is None:
        return None  # a setext heading: rewriting it as ATX touches two lines
    if level in (1, date_level) and first.get(level, heading.line) >= heading.line:
        return None  # it would become the title or the date heading
    return (Edit.replace(marker.line, marker.col, "#" * heading.level, "#" * level),)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    level = config.sections.level
    date_line = note.date.line if note.date and note.date.source == "heading" else None
    first: dict[int, int] = {}  # each level's first heading line: no heading compared with all
    for heading in note.headings:
        first[heading.level] = min(first.get(heading.level, heading.line), heading.line)
    for heading in note.headings:
        if heading.level == level or heading.line == date_line or heading == note.title:
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
            _fix(heading, level, config.date.level, first),
        )
