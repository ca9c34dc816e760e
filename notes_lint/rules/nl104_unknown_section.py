"""NL104: a section the schema does not know, when unknown sections are not allowed."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.matching import TYPO_CUTOFF, did_you_mean
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL104",
    name="unknown-section",
    summary="a section that the schema does not know, with did-you-mean",
    bad="### Discusion",
    good="### Discussion",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    sections = ctx.config.sections
    names = [n for spec in sections.named for n in (spec.name, *spec.aliases)]
    for section in note.sections:
        if section.kind == "unknown" and sections.unknown == "error":
            hint = did_you_mean(section.title, names, scorer="near")
            known = ", ".join(spec.name for spec in sections.named)
            yield Finding(
                section.line,
                section.col,
                f"unknown section '{section.title}': "
                + (f"did you mean '{hint}'?" if hint else f"the schema knows {known}"),
            )
        elif section.kind == "person" and ctx.config.person(section.title) is None:
            # Where other headings are person sections, a near-miss of a section name is a typo.
            hint = did_you_mean(section.title, names, TYPO_CUTOFF, scorer="ratio")
            if hint:
                yield Finding(
                    section.line,
                    section.col,
                    f"unknown section '{section.title}': did you mean '{hint}'?",
                )
