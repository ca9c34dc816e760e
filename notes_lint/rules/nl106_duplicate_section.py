"""NL106: a section must not appear twice among its siblings (issue 14: the same
heading under two different parents is two sections; of a topic's subsections only
those the schema names are judged, see ``Section.judged``)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.sectiontree import duplicates

INFO = RuleInfo(
    code="NL106",
    name="duplicate-section",
    summary="the same section twice",
    bad="### Discussion\n\n- a\n\n### Discussion\n\n- b",
    good="### Discussion\n\n- a\n- b",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    groups = ([s for s in group if s.judged] for group in note.sibling_groups())
    found = [pair for group in groups for pair in duplicates(group, ctx.config)]
    for section, first in sorted(found, key=lambda pair: pair[0].line):
        yield Finding(
            section.line,
            section.col,
            f"section '{section.title}' appears again (first at line {first.line}, "
            f"as '{first.title}'): merge the two",
        )
