"""NL105: sibling sections must follow the schema's order (issue 14: judged within
their parent, so a topic's subsections are not compared with the note's sections)."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.sectiontree import out_of_order

INFO = RuleInfo(
    code="NL105",
    name="section-order",
    summary="sections out of the configured order",
    bad="### TODO / Next\n\n- Release (Guillaume)\n\n### Discussion\n\n- plans",
    good="### Discussion\n\n- plans\n\n### TODO / Next\n\n- Release (Guillaume)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    for group in note.sibling_groups():
        for section, message in out_of_order(group, ctx.config):
            yield Finding(section.line, section.col, message)
