"""NL108: a heading that names a section or a person, at a level wrong for where it stands.

Sections are a tree (issue 14): a heading below a section is a subsection of it.  A
schema section or a roster person is misplaced when it stands directly under the note
at another level than the schema's (``#### Julien`` under the date heading, ``# Action
items``), or as a subsection of another section of the schema (``### Action items``
inside ``## Agenda``: the schema makes them peers).  Inside a topic (a section the
schema does not name) or inside the section of the same name (``### Notes`` inside
``## Notes``) it is a subsection, not a misplaced section.

The fix rewrites the run of ``#`` only when it leaves every other section as it was
(issue 14, "a fix never makes a note worse"): the heading keeps its extent (it does not
swallow the next topic), nothing becomes empty, no sibling is duplicated or put out
of order, and its items stay TODOs or not as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from notes_lint.config import Config, Person, SectionSpec
from notes_lint.diagnostics import Edit, Fix
from notes_lint.matching import normalize_heading
from notes_lint.model import Heading, Note, Section
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.sectiontree import Placed, duplicates, out_of_order

INFO = RuleInfo(
    code="NL108",
    name="heading-level",
    summary="a section heading at the wrong level",
    bad="## 2021-09-14\n\n#### Bruno\n\n## Discussion",
    good="## 2021-09-14\n\n### Bruno\n\n### Discussion",
    fixable=True,
    verify_fix=True,
)


@dataclass(frozen=True)
class _Moved:
    """The heading as a section at its new level (a :class:`Placed`)."""

    title: str
    line: int
    col: int
    kind: str
    name: str | None


def _misplaced(section: Section | None, name: str | None, is_person: bool) -> bool:
    """Whether a schema heading that is ``section`` (None: not a section) is misplaced."""
    parent = section.parent if section is not None else None
    if parent is None:
        return True  # directly under the note, at another level than the schema's
    if parent.kind not in ("named", "todo"):
        return False  # a topic's own subsection
    return is_person or parent.name != name


@dataclass
class _Tree:
    """The visible headings with what each fix's safety check asks, precomputed so that
    a note of many misplaced headings costs linear time (issue 12)."""

    visible: list[Heading]
    above: list[list[int]]  # above[i][k]: line of the nearest heading before i of level < k
    ending: list[list[int]]  # ending[i][k]: index of the first heading after i of level <= k
    groups: dict[int, list[Section]]  # top-level sections by parent_line

    @classmethod
    def of(cls, note: Note, visible: list[Heading]) -> _Tree:
        above: list[list[int]] = []
        last = [0] * 8  # last[l]: line of the open heading of level l (0: none)
        for heading in visible:
            above.append([max(last[1:k], default=0) for k in range(8)])
            last[heading.level] = heading.line
            for deeper in range(heading.level + 1, 8):
                last[deeper] = 0
        ending: list[list[int]] = [[]] * len(visible)
        nearest = [len(visible)] * 8  # nearest[l]: index of the next heading of level l
        for index in range(len(visible) - 1, -1, -1):
            ending[index] = [min(nearest[1 : k + 1], default=len(visible)) for k in range(8)]
            nearest[visible[index].level] = index
        groups: dict[int, list[Section]] = {}
        for section in note.sections:
            groups.setdefault(section.parent_line, []).append(section)
        return cls(visible, above, ending, groups)

    def group_after(self, index: int, level: int, moved: _Moved) -> list[Placed]:
        """The top-level siblings the heading at ``index`` has at ``level``: those under
        its new parent, and (moved down from a group heading) those it grouped."""
        heading = self.visible[index]
        parents = {self.above[index][level]}
        if level > heading.level:
            parents.add(heading.line)
        group: list[Placed] = [
            s for p in parents for s in self.groups.get(p, ()) if s.line != moved.line
        ]
        group.append(moved)
        group.sort(key=lambda s: s.line)
        return group

    def keeps_extent(self, index: int, level: int) -> bool:
        """Whether the heading, moved to ``level``, still ends where it ends, and the
        headings after it keep their parents (but for sections it grouped, moved down)."""
        heading = self.visible[index]
        if level < heading.level:  # up: the heading that ends it must end it at level too
            end = self.ending[index][heading.level]
            return end == len(self.visible) or self.visible[end].level <= level
        # down: no heading between its old and new level before its end
        end = self.ending[index][heading.level]
        between = self.ending[index][level - 1]
        return between >= end


def _safe(
    tree: _Tree,
    index: int,
    level: int,
    moved: _Moved,
    section: Section | None,
    config: Config,
) -> bool:
    """Whether moving heading ``index`` to ``level`` leaves the rest of the tree as it was."""
    visible = tree.visible
    heading = visible[index]
    if not tree.keeps_extent(index, level):
        return False  # it would swallow the next topic, or be swallowed by one before it
    following = visible[index + 1] if index + 1 < len(visible) else None
    if not heading.has_content and (following is None or following.level <= level):
        return False  # it would be an empty section
    if section is not None and section.parent is not None:
        parent = section.parent
        if not parent.has_content and len(parent.children) == 1:
            return False  # the section it leaves would be empty
    holds_todos = section.holds_todos if section is not None else False
    if holds_todos != (moved.kind == "todo"):
        return False  # its items would become TODOs, or stop being TODOs
    group = tree.group_after(index, level, moved)
    if any(s is moved for pair in duplicates(group, config) for s in pair):
        return False
    before = [s for s in group if s is not moved]
    return len(list(out_of_order(group, config))) <= len(list(out_of_order(before, config)))


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
    visible = [h for h in note.headings if not h.in_block]
    first: dict[int, int] = {}  # each level's first heading line: no heading compared with all
    for heading in visible:
        first[heading.level] = min(first.get(heading.level, heading.line), heading.line)
    by_line = {s.line: s for s in note.all_sections()}
    tree: _Tree | None = None
    misplaced: list[tuple[int, Heading, SectionSpec | None, Person | None]] = []
    for index, heading in enumerate(visible):
        if heading.level == level or heading.line == date_line or heading is note.title:
            continue
        spec = config.sections.lookup(heading.plain)
        person = config.person(heading.plain) if spec is None else None
        if spec is None and person is None:
            continue
        section = by_line.get(heading.line)
        if _misplaced(section, spec.name if spec else None, person is not None):
            misplaced.append((index, heading, spec, person))
    # Two misplaced headings of one name would each be safe to move alone, and twins once
    # both moved (--fix applies every fix): neither is offered (NL106 asks to merge them).
    twins = Counter(normalize_heading(h.text) for _, h, _, _ in misplaced)
    for index, heading, spec, person in misplaced:
        section = by_line.get(heading.line)
        what = (
            f"the section '{spec.name}'"
            if spec
            else f"the person '{person.name if person else ''}'"
        )
        kind = ("todo" if spec.todos else "named") if spec else "person"
        moved = _Moved(heading.text, heading.line, heading.col, kind, spec.name if spec else None)
        fix = _fix(heading, level, config.date.level, first)
        if twins[normalize_heading(heading.text)] > 1:
            fix = None
        if fix is not None:
            tree = tree or _Tree.of(note, visible)
            if not _safe(tree, index, level, moved, section, config):
                fix = None
        yield Finding(
            heading.line,
            1,
            f"heading '{heading.text}' names {what} but is at level {heading.level}; "
            f"sections are level {level}: write '{'#' * level} {heading.text}'",
            fix,
        )
