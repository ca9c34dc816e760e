"""The note model (PRODUCT.md §3): what a note says, with 1-based positions.

Rules read this model and never the Markdown; ``notes-lint dump`` prints the
part of it that :mod:`notes_lint.modeljson` declares, which
``schema/note.schema.json`` describes.  The source spans that fixes edit
(:class:`Span`) are part of the model but not of the dump.

The classes are msgspec Structs: typed, compared field by field, and stored by the
note cache (:mod:`notes_lint.notecache`) without a hand-written codec.  Their options:

- ``frozen``: nothing changes them once made, and their sequences are tuples.  The
  parser learns some parts of a note only after it has met them (an item's text, a
  section's end, a heading's slug): it fills in drafts of them
  (:mod:`notes_lint.notedraft`) and makes the model at the end.  The front matter's
  ``data`` (JSON as read) and its position maps are plain dicts and lists, frozen by
  convention: no code changes them;
- ``omit_defaults``: a stored model leaves out fields that hold their default;
- ``forbid_unknown_fields``: a stored model with a field this version does not
  have does not decode (the cache reads it as a miss);
- ``gc=False`` for Span and TextLine, which hold only numbers and strings (no
  cycle): a large note has hundreds of thousands of them.
"""

from __future__ import annotations

import bisect
from typing import Any

import msgspec

from notes_lint.validators import key_path


class Span(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True, gc=False):
    """A stretch of the normalised source text: 1-based, ``end_line:end_col`` exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int


class Heading(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    level: int
    text: str
    line: int
    col: int
    slug: str = ""
    marker: Span | None = None  # the run of '#' of an ATX heading (None: setext)
    in_block: bool = False  # inside a blockquote or list item: never a section of the note
    has_content: bool = False  # a block (paragraph, list, …) follows it before the next heading
    # Its rendered text, what GitHub shows (markup, HTML tags, footnote references and
    # emoji shortcodes dropped; links' text kept; entities decoded): the section and
    # person it names are matched on this.  ``text`` is the text as written.
    plain: str = ""


class NoteDate(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """The meeting date and where the note states it."""

    value: str | None
    text: str
    line: int
    col: int
    source: str  # "heading" | "section" | "label" | "pattern" | "frontmatter"
    level: int | None = None  # the heading's level, for a date read from a heading
    year: str = "stated"  # "stated" | "path" (``June 8th`` in 2021/…) | "missing"
    not_a_day: str | None = None  # date-shaped text naming no real day (``2023-02-30``)
    # "day" | "month": ``January 2023`` / ``2023-01`` name a month; value is its first day
    precision: str = "day"


class FrontMatter(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    line: int
    end_line: int
    data: Any = None
    error: str | None = None
    error_line: int = 1
    error_col: int = 1
    positions: dict[tuple[str | int, ...], tuple[int, int]] = msgspec.field(default_factory=dict)
    # Keys written twice: (dotted key path, absolute line, col, absolute line of the first).
    duplicates: tuple[tuple[str, int, int, int], ...] = ()
    # Plain scalars that YAML 1.1 reads as a value whose JSON is not their text (14:30 as
    # 870, 1.10 as 1.1, ~ as null): their text as written (yamlsafe.YamlDocument).
    written: dict[tuple[str | int, ...], str] = msgspec.field(default_factory=dict)

    def position(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Absolute (line, col) of the node at ``path``, falling back to its parents."""
        for cut in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:cut]))
            if found is not None:
                return (found[0] + self.line, found[1])
        return (self.line, 1)

    @property
    def written_dotted(self) -> dict[str, str]:
        """:attr:`written` keyed by key path (``owners[0].name``, :func:`~notes_lint.validators.key_path`), as the dump shows it."""
        return {key_path(path): text for path, text in self.written.items()}


class TextLine(
    msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True, gc=False
):
    """One line of a paragraph, as written and as rendered (GitHub's view of its text).

    ``raw`` is the line as written (inline Markdown kept); ``plain`` is its rendered
    text: emphasis, strikethrough and link marks dropped, a link's text and a code
    span's content kept (markdown-it's inline tokens).  ``plain_starts`` and
    ``raw_starts`` map the one onto the other: run ``k`` of characters written one for
    one (a text token) starts at ``plain_starts[k]`` in ``plain`` and ``raw_starts[k]``
    in ``raw``, so a position found in the plain text maps back onto the text as
    written (:meth:`raw_at`).  ``line``/``col`` are the 1-based source position of
    ``raw[0]``.
    """

    raw: str
    plain: str
    plain_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]
    line: int
    col: int

    def raw_at(self, index: int) -> int:
        """The index in ``raw`` of ``plain[index]`` (``len(raw)`` past the end)."""
        if index >= len(self.plain) or not self.plain_starts:
            return len(self.raw)
        index = max(index, 0)
        k = max(bisect.bisect_right(self.plain_starts, index) - 1, 0)
        at = self.raw_starts[k] + index - self.plain_starts[k]
        return min(max(at, 0), len(self.raw))


class ListItem(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    text: str
    line: int
    col: int
    depth: int
    section: str | None
    checked: bool | None = None
    struck: bool = False
    children: tuple[ListItem, ...] = ()
    # The lines of the item's first paragraph (not in the dump); empty for an item
    # with no paragraph.  ``quoted``: the item is inside a blockquote.
    lines: tuple[TextLine, ...] = ()
    quoted: bool = False

    def walk(self) -> list[ListItem]:
        """This item and all its descendants, in document order."""
        out: list[ListItem] = []
        stack = [self]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(reversed(item.children))
        return out


class Paragraph(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A paragraph outside any list (not in the dump): its lines, and the items of a
    list that directly follows it (``**Action items**:`` over a list)."""

    lines: tuple[TextLine, ...]
    section: str | None
    quoted: bool = False
    list_after: tuple[ListItem, ...] = ()


class Section(
    msgspec.Struct, dict=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True
):
    """A heading and what follows it up to the next heading at its level or above.

    Sections are a tree (issue 14): a heading deeper than the section level inside a
    section is a subsection of it (``children``); ``Note.sections`` holds the top-level
    sections, at the config's section level.  ``items`` are the list items up to the
    first subsection; each subsection holds its own.
    """

    title: str
    level: int
    line: int
    col: int
    end_line: int
    kind: str  # "person" | "todo" | "named" | "unknown"
    name: str | None = None  # the schema's name for named/todo sections
    empty: bool = False  # no content of its own and no subsection (NL107)
    items: tuple[ListItem, ...] = ()
    children: tuple[Section, ...] = ()
    holds_todos: bool = False  # a TODO section, or a subsection of one: its items are TODOs
    # The line of the heading it stands under (its parent's, or for a top-level section
    # the nearest heading of a lower level: the title, the date, a group heading); 0: none.
    # Sections with the same parent_line are siblings.
    parent_line: int = 0
    has_content: bool = False  # a block of its own (before any subsection)

    def __post_init__(self) -> None:
        # msgspec calls this after a decode too: the note cache keeps a tree, not a graph.
        for child in self.children:
            child.__dict__["parent"] = self

    @property
    def parent(self) -> Section | None:
        """The section it is a subsection of; None for a top-level section.

        Not a field (not stored, not compared, not in the dump): a section sets it on
        its children when made, in its ``__dict__`` (``dict=True``), which its freezing
        leaves open.
        """
        parent: Section | None = self.__dict__.get("parent")
        return parent

    @property
    def judged(self) -> bool:
        """Whether NL106/NL107 judge it: a top-level section, or a subsection the schema
        names (a section or a roster person).  A topic's free subheadings (``### Q`` of a
        question queue, a label heading over the next) are the writer's own layout."""
        return self.parent is None or self.kind != "unknown"

    def walk(self) -> list[Section]:
        """This section and all its subsections, in document order."""
        out: list[Section] = []
        stack = [self]
        while stack:
            section = stack.pop()
            out.append(section)
            stack.extend(reversed(section.children))
        return out


class Link(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    url: str
    text: str
    line: int
    col: int
    style: str  # "inline" | "reference" | "autolink" | "bare" | "image" | "definition" | "html"
    kind: str  # "github-issue" | "github-pull" | "github" | "web" | "relative" | "fragment" | "mail" | "other"
    section: str | None = None
    repo: str | None = None
    number: int | None = None
    end_col: int | None = None
    span: Span | None = None  # the whole link as written, when it could be located
    text_span: Span | None = None  # between the brackets of [text](url) / [text][ref]
    url_span: Span | None = None  # the destination as written (not for reference links)
    preceded_by: str = ""  # the character just before the link on its line
    in_heading: bool = False  # the link is in a heading (its text makes the anchor)
    host: str | None = None  # lower-cased, of a URL with a scheme and a host
    # A bare URL after an unclosed "[": GitHub does not link it (cmark-gfm's autolink rule).
    in_brackets: bool = False
    backwards: bool = False  # a bare URL written as the text of "[url](text)"


class Reference(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A full or collapsed reference ``[text][label]`` whose label has no definition."""

    label: str
    text: str
    line: int
    col: int


class Definition(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A link reference definition ``[label]: destination "title"`` (CommonMark 0.31,
    §4.7): what a reference link ``[text][label]`` or ``[label]`` points to.

    ``label`` is normalised as CommonMark matches labels (case folded, white space
    collapsed: markdown-it's ``normalizeReference``); ``url`` and ``title`` are as
    markdown-it reads them (the destination percent-encoded, the title unescaped).
    ``line``-``end_line``: the 1-based lines it is written on, inclusive.  Only the
    first definition of a label counts, as in CommonMark.
    """

    label: str
    url: str
    title: str
    line: int
    end_line: int


class Todo(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    text: str
    line: int
    col: int
    section: str | None
    owner: str | None = None
    owners: tuple[str, ...] = ()
    login: str | None = None
    owner_style: str | None = None
    done: bool = False
    due: str | None = None
    due_text: str | None = None
    # why due_text gives no due date (:attr:`notes_lint.dates.DueDate.problem`), if known
    due_problem: str | None = None
    id: str = ""
    owner_spans: tuple[Span | None, ...] = ()  # where each of owners is written
    # The text ``id`` is read from, where it is not ``text``: without the due phrase
    # (a due date moved between meetings is still the same TODO, PRODUCT.md §7).
    id_text: str | None = None
    # The texts older releases read the id from, where they differ from both: the whole
    # text (a due phrase they did not read), the text without the due phrase but with
    # the brackets it stood in (``send it ()``).  Sync finds an issue under those ids too.
    former_id_texts: tuple[str, ...] = ()
    # The reference-style links of the text (``[#15][ref]``): (link text, URL), their
    # definitions standing elsewhere in the note.  A link's URL, not its text, binds it.
    references: tuple[tuple[str, str], ...] = ()

    @property
    def identity_text(self) -> str:
        """The text the TODO's ``id`` is read from (:func:`notes_lint.identity.todo_id`)."""
        return self.text if self.id_text is None else self.id_text


class Directive(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """An inline suppression comment: ``<!-- notes-lint disable NL203 -->``."""

    action: str  # "disable" | "enable" | "disable-next-line" | "disable-line" | "disable-file"
    codes: frozenset[str]
    line: int


class Note(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    path: str
    title: Heading | None = None
    date: NoteDate | None = None
    dates: tuple[NoteDate, ...] = ()  # every date the note states
    filename_date: str | None = None
    filename_date_end: str | None = None  # the last day of a range (``…-to-2025-09-01.md``)
    filename_date_text: str | None = None
    # "day" | "month": ``2023-01-call.md`` names a month; filename_date is its first day
    filename_date_precision: str = "day"
    frontmatter: FrontMatter | None = None
    headings: tuple[Heading, ...] = ()
    sections: tuple[Section, ...] = ()
    preamble_items: tuple[ListItem, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()  # outside lists, not in the dump
    links: tuple[Link, ...] = ()
    broken_references: tuple[Reference, ...] = ()
    definitions: tuple[Definition, ...] = ()  # link reference definitions, in order
    # ``id``/``name`` attributes of the note's HTML elements: targets of #fragments (NL207)
    html_anchors: tuple[str, ...] = ()
    # URLs of the note's HTML (``<a href>``, ``<img src>``…), style "html": judged by NL209
    html_links: tuple[Link, ...] = ()
    todos: tuple[Todo, ...] = ()
    directives: tuple[Directive, ...] = ()
    line_count: int = 0
    end: tuple[int, int] = (1, 1)  # line:col just past the last character of the text
    ends_blank: bool = True  # the text is empty or ends with a blank line

    def all_sections(self) -> list[Section]:
        """Every section and subsection, in document order."""
        return [s for top in self.sections for s in top.walk()]

    def sibling_groups(self) -> list[list[Section]]:
        """The sections that are siblings, group by group (issue 14, "Sections are a tree").

        Top-level sections are siblings when they stand under the same heading (the
        date heading, a group heading such as ``## Tables``, or none); a section's
        subsections are siblings of one another.
        """
        tops: dict[int, list[Section]] = {}
        for section in self.sections:
            tops.setdefault(section.parent_line, []).append(section)
        groups = list(tops.values())
        groups.extend(list(s.children) for s in self.all_sections() if s.children)
        return groups

    def items(self) -> list[ListItem]:
        """Every list item of the note, at any depth, in document order."""
        roots = [*self.preamble_items, *(i for s in self.all_sections() for i in s.items)]
        return [item for root in roots for item in root.walk()]
