"""The note as the parser finds it, before it is final (part of :mod:`notes_lint.parse`).

The note model (:mod:`notes_lint.model`) is frozen: nothing changes a part of it once it
is made.  The parser reads the Markdown in one pass, though, and learns some things
about a part only after it has met it: a list item's text comes with its first block
and its subitems after that, a section ends at a later heading, a heading's slug
depends on every heading of the note, the meeting date on every place that states one.

So the parser fills in these drafts, which are mutable, and :meth:`NoteDraft.close`
makes the frozen model of them once the walk has ended.  A draft closes to one object
only: a list item listed both under its section and as the list after a paragraph
(:attr:`~notes_lint.model.Paragraph.list_after`) is one :class:`ListItem` in both, as
the TODO collector, which runs on the parsed note, relies on.  (A note read back from
the cache holds equal copies instead: nothing reads it by identity.)
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from notes_lint.dates import DAY, PathDate
from notes_lint.model import (
    Definition,
    Directive,
    FrontMatter,
    Heading,
    Link,
    ListItem,
    Note,
    NoteDate,
    Paragraph,
    Reference,
    Section,
    TextLine,
)


class ItemDraft:
    """A list item, made at its marker: its text, task box and lines come with its first
    block (:meth:`notes_lint.parse._NoteBuilder._item_text`), its subitems after."""

    __slots__ = (
        "_closed",
        "checked",
        "children",
        "col",
        "depth",
        "line",
        "lines",
        "quoted",
        "section",
        "struck",
        "text",
    )

    def __init__(self, line: int, col: int, depth: int, section: str | None, quoted: bool) -> None:
        self.line = line
        self.col = col
        self.depth = depth
        self.section = section
        self.quoted = quoted
        self.text = ""
        self.checked: bool | None = None
        self.struck = False
        self.lines: list[TextLine] = []
        self.children: list[ItemDraft] = []
        self._closed: ListItem | None = None

    def close(self) -> ListItem:
        """The frozen item, with its subitems closed; the same object on every call."""
        if self._closed is None:
            self._closed = ListItem(
                text=self.text,
                line=self.line,
                col=self.col,
                depth=self.depth,
                section=self.section,
                checked=self.checked,
                struck=self.struck,
                children=tuple(child.close() for child in self.children),
                lines=tuple(self.lines),
                quoted=self.quoted,
            )
        return self._closed


class SectionDraft:
    """A section, made at its heading: its end, its content and its subsections come
    later (see :class:`~notes_lint.model.Section` for the fields)."""

    __slots__ = (
        "children",
        "col",
        "empty",
        "end_line",
        "has_content",
        "holds_todos",
        "items",
        "kind",
        "level",
        "line",
        "name",
        "parent_line",
        "title",
    )

    def __init__(
        self,
        *,
        title: str,
        level: int,
        line: int,
        col: int,
        end_line: int,
        kind: str,
        name: str | None,
        holds_todos: bool,
        parent_line: int,
    ) -> None:
        self.title = title
        self.level = level
        self.line = line
        self.col = col
        self.end_line = end_line
        self.kind = kind
        self.name = name
        self.holds_todos = holds_todos
        self.parent_line = parent_line
        self.empty = False
        self.has_content = False
        self.items: list[ItemDraft] = []
        self.children: list[SectionDraft] = []

    def close(self) -> Section:
        """The frozen section, with its items and subsections closed (a Section sets
        itself as its subsections' parent when made)."""
        return Section(
            title=self.title,
            level=self.level,
            line=self.line,
            col=self.col,
            end_line=self.end_line,
            kind=self.kind,
            name=self.name,
            empty=self.empty,
            items=tuple(item.close() for item in self.items),
            children=tuple(child.close() for child in self.children),
            holds_todos=self.holds_todos,
            parent_line=self.parent_line,
            has_content=self.has_content,
        )


class ParagraphDraft:
    """A paragraph outside any list: the list right after it comes later."""

    __slots__ = ("lines", "list_after", "quoted", "section")

    def __init__(self, lines: list[TextLine], section: str | None, quoted: bool) -> None:
        self.lines = lines
        self.section = section
        self.quoted = quoted
        self.list_after: list[ItemDraft] = []

    def close(self) -> Paragraph:
        return Paragraph(
            tuple(self.lines),
            self.section,
            quoted=self.quoted,
            list_after=tuple(item.close() for item in self.list_after),
        )


class NoteDraft:
    """What the walk has found so far, in document order.

    Headings are made whole when met, but for what only later blocks tell: whether
    content follows one (``heading_content``, indexes into ``headings``) and its slug
    (given to :meth:`close`).  ``title`` is the index of the title heading.
    """

    __slots__ = (
        "broken_references",
        "directives",
        "frontmatter",
        "heading_content",
        "headings",
        "html_anchors",
        "html_links",
        "line_count",
        "links",
        "paragraphs",
        "path",
        "preamble_items",
        "sections",
        "title",
    )

    def __init__(self, path: str, line_count: int) -> None:
        self.path = path
        self.line_count = line_count
        self.title: int | None = None
        self.headings: list[Heading] = []
        self.heading_content: set[int] = set()
        self.frontmatter: FrontMatter | None = None
        self.sections: list[SectionDraft] = []
        self.preamble_items: list[ItemDraft] = []
        self.paragraphs: list[ParagraphDraft] = []
        self.links: list[Link] = []
        self.html_links: list[Link] = []
        self.broken_references: list[Reference] = []
        self.html_anchors: list[str] = []
        self.directives: list[Directive] = []

    def close(
        self,
        slugs: Sequence[str],
        *,
        date: NoteDate | None,
        dates: list[NoteDate],
        path_date: PathDate | None,
        definitions: tuple[Definition, ...],
        end: tuple[int, int],
        ends_blank: bool,
    ) -> Note:
        """The frozen note, without its TODOs (read from it by
        :func:`notes_lint.todos.collect_todos`): each heading given its slug, in order."""
        headings = tuple(
            msgspec.structs.replace(heading, slug=slug, has_content=index in self.heading_content)
            for index, (heading, slug) in enumerate(zip(self.headings, slugs, strict=True))
        )
        return Note(
            path=self.path,
            title=headings[self.title] if self.title is not None else None,
            date=date,
            dates=tuple(dates),
            filename_date=path_date.value.isoformat() if path_date else None,
            filename_date_end=path_date.end.isoformat() if path_date and path_date.end else None,
            filename_date_text=path_date.text if path_date else None,
            filename_date_precision=path_date.precision if path_date else DAY,
            frontmatter=self.frontmatter,
            headings=headings,
            sections=tuple(section.close() for section in self.sections),
            preamble_items=tuple(item.close() for item in self.preamble_items),
            paragraphs=tuple(paragraph.close() for paragraph in self.paragraphs),
            links=tuple(self.links),
            broken_references=tuple(self.broken_references),
            html_anchors=tuple(self.html_anchors),
            html_links=tuple(self.html_links),
            directives=tuple(self.directives),
            definitions=definitions,
            line_count=self.line_count,
            end=end,
            ends_blank=ends_blank,
        )
