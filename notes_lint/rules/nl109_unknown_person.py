"""NL109: a person section whose name is not in the roster.

A heading is a roster person by :meth:`notes_lint.config.Config.person` (the person key:
``## Loic`` is ``Loïc``, ``## Jose`` is ``José``), and its did-you-mean is NL302's
(:func:`notes_lint.owners.roster_spelling`, on person keys: ``## Loyc`` suggests ``Loïc``,
``## ONiel`` suggests ``O'Neil``), so a person is one key wherever a name is judged."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.matching import TYPO_CUTOFF, did_you_mean
from notes_lint.model import Note
from notes_lint.owners import roster_spelling
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL109",
    name="unknown-person",
    summary="a person section whose name is not in the roster, with did-you-mean",
    bad="people: {Julien: jjerphan}\n\n### Jlien",
    good="people: {Julien: jjerphan}\n\n### Julien",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    if not config.people:
        return
    section_names = [n for spec in config.sections.named for n in (spec.name, *spec.aliases)]
    for section in note.sections:
        if section.kind != "person" or config.person(section.title) is not None:
            continue
        if did_you_mean(section.title, section_names, TYPO_CUTOFF, scorer="ratio"):
            continue  # a misspelt section name: NL104 says so
        hint = roster_spelling(section.title, config)
        yield Finding(
            section.line,
            section.col,
            f"'{section.title}' is not in the roster (people:): "
            + (f"did you mean '{hint}'?" if hint else "add them to the config or fix the name"),
        )
