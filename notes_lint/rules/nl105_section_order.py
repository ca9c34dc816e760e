"""NL105: sections must follow the schema's order."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL105",
    name="section-order",
    summary="sections out of the configured order",
    bad="### TODO / Next\n\n- Release (Guillaume)\n\n### Discussion\n\n- plans",
    good="### Discussion\n\n- plans\n\n### TODO / Next\n\n- Release (Guillaume)",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    sections = ctx.config.sections
    if not sections.order:
        return
    rank = {spec.name: index for index, spec in enumerate(sections.named)}
    furthest = None  # the named section with the highest rank so far
    first_named = None
    last_person = None
    for section in note.sections:
        if section.name in rank:
            if furthest is not None and rank[section.name] < rank[furthest.name or ""]:
                yield Finding(
                    section.line,
                    section.col,
                    f"section '{section.title}' is out of order: move it before '{furthest.title}'",
                )
            elif furthest is None or rank[section.name] > rank[furthest.name or ""]:
                furthest = section
            if sections.persons == "after" and last_person is not None:
                yield Finding(
                    last_person.line,
                    last_person.col,
                    f"person section '{last_person.title}' is out of order: person sections go "
                    f"after '{section.title}'",
                )
                last_person = None
            first_named = first_named or section
        elif section.kind == "person":
            if sections.persons == "before" and first_named is not None:
                yield Finding(
                    section.line,
                    section.col,
                    f"person section '{section.title}' is out of order: person sections go "
                    f"before '{first_named.title}'",
                )
            last_person = section
