"""What the section rules share: a section's identity among its siblings, and order.

These read the note model's section tree (``Note.sibling_groups``); NL105, NL106 and
NL108's fix use them so that "the same section" and "out of order" mean one thing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from notes_lint.config import Config
from notes_lint.matching import normalize_heading


class Placed(Protocol):
    """What the order and duplicate rules need of a section (a model Section is one)."""

    @property
    def title(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def kind(self) -> str: ...  # as Section.kind
    @property
    def name(self) -> str | None: ...


def section_key(section: Placed, config: Config) -> str:
    """What makes two sibling sections the same one (NL106): the schema's name, the
    roster person's name, else the heading's text normalised (case and punctuation)."""
    person = config.person(section.title) if section.kind == "person" else None
    return section.name or (person.name if person else normalize_heading(section.title))


def duplicates(group: Sequence[Placed], config: Config) -> Iterator[tuple[Placed, Placed]]:
    """(section, the earlier sibling it repeats) for each repeat in ``group``."""
    seen: dict[str, Placed] = {}
    for section in group:
        key = section_key(section, config)
        if key in seen:
            yield section, seen[key]
        else:
            seen[key] = section


def out_of_order(group: Sequence[Placed], config: Config) -> Iterator[tuple[Placed, str]]:
    """(section, message) for each sibling out of the schema's order (NL105)."""
    sections = config.sections
    if not sections.order:
        return
    rank = {spec.name: index for index, spec in enumerate(sections.named)}
    furthest: Placed | None = None  # the named section with the highest rank so far
    first_named: Placed | None = None
    last_person: Placed | None = None
    for section in group:
        if section.name in rank:
            if furthest is not None and rank[section.name] < rank[furthest.name or ""]:
                yield (
                    section,
                    f"section '{section.title}' is out of order: move it before '{furthest.title}'",
                )
            elif furthest is None or rank[section.name] > rank[furthest.name or ""]:
                furthest = section
            if sections.persons == "after" and last_person is not None:
                yield (
                    last_person,
                    f"person section '{last_person.title}' is out of order: person sections go "
                    f"after '{section.title}'",
                )
                last_person = None
            first_named = first_named or section
        elif section.kind == "person":
            if sections.persons == "before" and first_named is not None:
                yield (
                    section,
                    f"person section '{section.title}' is out of order: person sections go "
                    f"before '{first_named.title}'",
                )
            last_person = section
