"""Markdown -> note model (PRODUCT.md §3), in one pass over markdown-it tokens.

markdown-it-py gives block tokens with source lines; inline positions are
recovered by mapping each inline token's ``content`` back onto its source lines
(see :class:`_InlineMap`).  This is the only module that looks at Markdown: the
rules, the ledger and the fixes all read the :class:`~notes_lint.model.Note`.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import types
import weakref
from collections.abc import Sequence
from typing import Any

import msgspec
import regex
from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from notes_lint import gcpause, jsonsafe, yamlsafe
from notes_lint.config import Config
from notes_lint.htmlanchors import html_anchors, html_urls
from notes_lint.linklocate import (
    _DIRECTIVE,
    MAX_LABEL_BRACKETS,
    LinkLocating,
    _find_near,
    _plain_text,
)
from notes_lint.model import (
    Definition,
    Directive,
    FrontMatter,
    Heading,
    Note,
    NoteDate,
    Span,
    TextLine,
)
from notes_lint.notedate import DateFinding
from notes_lint.notedraft import ItemDraft, NoteDraft, ParagraphDraft, SectionDraft
from notes_lint.slugs import unique_slugs
from notes_lint.source import Source
from notes_lint.todos import collect_todos
from notes_lint.validators import key_path

_CODE = re.compile(r"\bNL\d{3}\b")
# What may precede an ATX heading's '#' run on its line: indentation, '>' and list markers.
# Possessive: the spaces after each list marker are taken whole (no backtracking over them).
_ATX_MARKER = regex.compile(
    r"([ \t>]*+(?:(?:[-*+]|\d{1,9}[.)])[ \t]++[ \t>]*+)*+)(#{1,6})(?=[ \t]|$)"
)
_CONTENT_BLOCKS = frozenset(
    {
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "fence",
        "code_block",
        "table_open",
        "blockquote_open",
        "hr",
        "footnote_reference_open",
    }
)


# A web address that markdown-it's normalisation (punycode, percent-encoding) returns as it
# is: plain host, only URL-safe ASCII after it.  tests/test_properties.py holds it to that.
# A speed prefilter for a destination already found, not a reader of URLs in text (that is
# urls.find_bare_urls, GitHub's extent): a URL it refuses only takes the slower, same path.
PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?")


class _AllLinks(MarkdownIt):
    """markdown-it drops ``javascript:``/``data:``/``file:`` links; NL209 must see them."""

    def validateLink(self, url: str) -> bool:
        return True

    def normalizeLink(self, url: str) -> str:
        """As markdown-it's, without its cost for the common address that it leaves alone."""
        if PLAIN_WEB_URL.fullmatch(url):
            return url
        return super().normalizeLink(url)


_Labels = dict[tuple[int, int, bool], tuple[int, int]]
_LABELS: weakref.WeakKeyDictionary[StateInline, _Labels] = weakref.WeakKeyDictionary()


def _bounded_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """markdown-it's ``parseLinkLabel``: the offset of the ``]`` closing the ``[`` at
    ``start``, or -1; in linear time over a paragraph.

    markdown-it scans from every ``[`` to its ``]``, so 250,000 ``[`` cost as many scans
    of the rest of the paragraph (issue 12, S7).  Here each label is remembered (closing
    offset and the brackets inside), and a scan that meets a ``[`` whose own label is known
    jumps past it, as cmark matches brackets on a stack.  A label holding more than
    :data:`MAX_LABEL_BRACKETS` brackets is not one (no real note nests so deep).
    """
    memo = _LABELS.setdefault(state, {})
    return _label(state, start, disable_nested, memo)[0]


def _known(memo: _Labels, start: int, limit: int, disable_nested: bool) -> tuple[int, int] | None:
    """A label already scanned that tells this scan's outcome past ``start``.

    A closed label closes wherever the scan allows links inside or not; a failed one
    fails any label around it that forbids the same things.
    """
    same = memo.get((start, limit, disable_nested))
    if same is not None:
        return same
    stricter = memo.get((start, limit, True))
    return stricter if stricter is not None and stricter[0] >= 0 else None


def _label(state: StateInline, start: int, disable_nested: bool, memo: _Labels) -> tuple[int, int]:
    """(closing offset or -1, opening brackets inside) of the label at ``start``."""
    key = (start, state.posMax, disable_nested)
    if key in memo:
        return memo[key]
    resume = state.pos
    state.pos = start + 1
    depth = opened = 0
    result = (-1, 0)
    while state.pos < state.posMax:
        char = state.src[state.pos]
        if char == "]":
            if depth == 0:
                result = (state.pos, opened)
                break
            depth -= 1
        before = state.pos
        state.md.inline.skipToken(state)
        if char != "[":
            continue
        if state.pos != before + 1:  # a whole link inside
            if disable_nested:
                break
            continue
        inner = _known(memo, before, state.posMax, disable_nested)
        if inner is not None and inner[0] < 0:
            break  # an inner bracket that never closes: this one cannot either
        if inner is not None:
            state.pos = inner[0] + 1
            opened += 1 + inner[1]
        else:
            depth += 1
            opened += 1
        if opened > MAX_LABEL_BRACKETS:
            break
    state.pos = resume
    memo[key] = result
    return result


_BRACKET_RUN = re.compile(r"(?:!?\[)+")


def _bracket_run(state: StateInline, silent: bool) -> bool:
    """An inline rule: of a run of ``[`` and ``![``, those followed by more than
    :data:`MAX_LABEL_BRACKETS` others cannot start a link nor an image, and are text in
    one step (markdown-it would try every rule at each; issue 12, S7)."""
    run = _BRACKET_RUN.match(state.src, state.pos, state.posMax)
    if run is None:
        return False
    last = run.end()
    for _ in range(MAX_LABEL_BRACKETS + 1):  # the opener with that many after it
        last = state.src.rfind("[", run.start(), last)
        if last < 0:
            return False
    if last > run.start() and state.src[last - 1] == "!":
        last -= 1
    if last <= state.pos:
        return False
    if not silent:
        state.pending += state.src[state.pos : last]
    state.pos = last
    return True


MAX_FOOTNOTE_LABEL = 999
"""Characters a footnote label may hold, as a link label (CommonMark §4.7)."""


def _bounded_footnote_ref(state: StateInline, silent: bool) -> bool:
    """mdit-py-plugins' ``[^label]`` rule, tried only where a label closes within
    :data:`MAX_FOOTNOTE_LABEL` characters: that rule scans each ``[^`` to its ``]``, so a
    paragraph of unclosed ``[^`` would cost quadratic time."""
    from mdit_py_plugins.footnote.index import footnote_ref

    start = state.pos
    if not state.src.startswith("[^", start):
        return False
    stop = min(state.posMax, start + 2 + MAX_FOOTNOTE_LABEL + 1)
    close = state.src.find("]", start + 2, stop)
    if close < 0:
        return False
    label = state.src[start + 2 : close]
    if not label or " " in label or "\n" in label:
        return False
    return footnote_ref(state, silent)


def _render_footnote_open(
    renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    """A footnote definition where it is written (GitHub moves them to the end)."""
    label = html.escape(str((tokens[idx].meta or {}).get("label", "")))
    return f'<div class="footnote" data-label="{label}">\n'


def _render_footnote_close(
    renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    return "</div>\n"


@functools.cache
def markdown_parser() -> MarkdownIt:
    """CommonMark plus GFM tables, strikethrough, task lists and footnotes, and YAML front
    matter.

    Link labels are scanned with :func:`_bounded_label` (linear time).  Footnotes are
    GFM's (what GitHub renders): ``[^label]`` references to a ``[^label]: text``
    definition, no inline ``^[…]`` footnotes; definitions stay where they are written
    (tokens ``footnote_reference_open``/``_close``), so that their lines belong to the
    section that holds them, and a reference to no definition is text.
    """
    from markdown_it import helpers
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    parser = (
        _AllLinks("commonmark")
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(tasklists_plugin)
        .use(footnote_plugin, inline=False, move_to_end=False)
    )
    parser.inline.ruler.at("footnote_ref", _bounded_footnote_ref)
    parser.add_render_rule("footnote_reference_open", _render_footnote_open)
    parser.add_render_rule("footnote_reference_close", _render_footnote_close)
    bounded = types.ModuleType("notes_lint_link_helpers")
    bounded.parseLinkLabel = _bounded_label  # type: ignore[attr-defined]
    bounded.parseLinkDestination = helpers.parseLinkDestination  # type: ignore[attr-defined]
    bounded.parseLinkTitle = helpers.parseLinkTitle  # type: ignore[attr-defined]
    parser.helpers = bounded
    parser.inline.ruler.before("link", "bracket_run", _bracket_run)
    parser.core.ruler.at("text_join", _text_join)
    return parser


def _text_join(state: StateCore) -> None:
    """markdown-it's ``text_join`` (entities and escapes, ``text_special``, joined into the
    text around them), keeping what a joined run was written as in ``meta["raw"]`` when
    that differs from its text: GitHub's autolink extension scans the source as written
    (``https://x.org/a&amp;b`` links ``…/a&amp;b``), and that is where the run is found."""
    for block in state.tokens:
        if block.type == "inline" and block.children:
            for child in block.children:
                if child.children:
                    child.children = _joined(child.children)
            block.children = _joined(block.children)


def _joined(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    parts: list[str] = []
    raw: list[str] = []
    special = False

    def close() -> None:
        if parts:
            out[-1].content = "".join(parts)
            if special:
                out[-1].meta = {**out[-1].meta, "raw": "".join(raw)}

    for token in tokens:
        is_special = token.type == "text_special"
        if is_special or token.type == "text":
            if not parts:
                token.type = "text"
                out.append(token)
            parts.append(token.content)
            raw.append(token.markup if is_special else token.content)
            special = special or is_special
            continue
        close()
        parts, raw, special = [], [], False
        out.append(token)
    close()
    return out


class _InlineMap:
    """Maps offsets in an inline token's ``content`` to 1-based source line/col."""

    def __init__(
        self,
        lines: Sequence[str],
        first_line: int,
        content: str,
        cell: int | None = None,
        columns: Sequence[int] | None = None,
    ) -> None:
        """``cell``: the 0-based source column where the table cell holding ``content``
        starts (its text is looked for from there, not at the row's first twin of it).
        ``columns``: for a table cell read exactly (:func:`_cell_columns`), the 0-based
        source column of each character of ``content`` and one past its last."""
        self.first_line = first_line
        self.columns = columns
        self.starts: list[int] = []  # offset in content where each content line starts
        self.cols: list[int] = []  # 0-based source column where each content line starts
        offset = 0
        for k, part in enumerate(content.split("\n")):
            source = lines[first_line + k] if first_line + k < len(lines) else ""
            trimmed = source.rstrip()
            body = part.rstrip()
            in_cell = source.find(part.strip(), cell) if cell is not None and part.strip() else -1
            if in_cell >= 0:
                col = in_cell - (len(part) - len(part.lstrip()))
            elif body and trimmed.endswith(body):
                col = len(trimmed) - len(body)
            else:
                found = source.find(part.strip()[:40]) if part.strip() else -1
                # markdown-it expands leading tabs to spaces: count from the first character.
                lead = len(part) - len(part.lstrip())
                col = found - lead if found >= 0 else len(source) - len(source.lstrip())
            self.starts.append(offset)
            self.cols.append(col)
            offset += len(part) + 1

    def position(self, offset: int) -> tuple[int, int]:
        if self.columns:
            return self.first_line + 1, self.columns[min(max(offset, 0), len(self.columns) - 1)] + 1
        k = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.first_line + k + 1, max(self.cols[k] + (offset - self.starts[k]) + 1, 1)

    def span(self, start: int, end: int) -> Span | None:
        """The source span of ``content[start:end]``; None when it is not located."""
        if start < 0 or end < start:
            return None
        return Span(*self.position(start), *self.position(end))


def _content_start(lines: Sequence[str], token: Token) -> int:
    """The 0-based source line where an inline token's content starts.  markdown-it trims
    the content of a paragraph: leading lines that only hold characters it counts as
    space (``-\t\u2028`` then ``1``: the item's text is on the second line) are not part
    of it."""
    start, end = token.map or (0, 0)
    head = token.content.split("\n", 1)[0].strip()[:40]
    last = end - (token.content.count("\n") + 1)  # the latest line the content can start on
    line = start
    while head and line < min(last, len(lines) - 1) and head not in lines[line]:
        line += 1
    return line if line < len(lines) and head in lines[line] else start


def _cell_start(row: str, index: int) -> int | None:
    """The source column where cell ``index`` of a GFM table row starts, splitting at
    unescaped ``|`` as markdown-it's table rule does (a leading ``|`` opens no cell)."""
    pipes = []
    escaped = False
    for col, char in enumerate(row):
        if char == "|" and not escaped:
            pipes.append(col)
        escaped = char == "\\"  # as markdown-it's escapedSplit: "\\|" still escapes
    if not pipes:
        return None
    leads = not row[: pipes[0]].strip(" \t>")  # nothing but indentation or quote marks
    boundary = index if leads else index - 1
    if boundary < 0:
        return 0
    return pipes[boundary] + 1 if boundary < len(pipes) else None


# What may stand before a table row's text on its line: indentation, blockquote markers
# and, on a table's first line, the marker of the list item it opens.
_ROW_PREFIX = re.compile(r"[ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)*")


_Cell = tuple[tuple[str, int, int], ...]  # each character: (character, source start, end)


def _cell_columns(row: str, index: int, content: str) -> list[int] | None:
    """The 0-based source column of each character of ``content``, cell ``index`` of the
    GFM table row ``row``, and one past its last; None when the cell is not found as that
    (the row split from where its text starts: past a quote or list marker, else past
    its indentation; see :func:`_row_cells`)."""
    if not content:
        return None
    for cells in _row_cells(row):
        if index < len(cells):
            cell = cells[index]
            if "".join(char for char, _, _ in cell) == content:
                return [begin for _, begin, _ in cell] + [cell[-1][2]]
    return None


@functools.lru_cache(maxsize=16)
def _row_cells(row: str) -> tuple[tuple[_Cell, ...], ...]:
    """The cells of the GFM table row ``row``, read from where its text may start.

    The row is split as GFM's tables extension says and cmark-gfm and markdown-it do: at
    each ``|`` not escaped by a backslash, also inside a code span; ``\\|`` is a literal
    ``|`` in the cell (the backslash is dropped), even after another backslash.  A leading
    and a trailing ``|`` open no cell, and each cell is trimmed.  Columns count code
    points, so wide characters (CJK, emoji) take one column each, as in every finding.
    One split per row, whatever its number of cells (kept for the row's next cell).
    """
    prefix = _ROW_PREFIX.match(row)
    indent = len(row) - len(row.lstrip(MD_TRIM_CHARS))
    end = len(row.rstrip(MD_TRIM_CHARS))
    splits: list[tuple[_Cell, ...]] = []
    for start in sorted({max(prefix.end() if prefix else 0, indent), indent}, reverse=True):
        while start < end and row[start] in MD_TRIM_CHARS:
            start += 1
        cells: list[list[tuple[str, int, int]]] = [[]]
        escaped = False
        for col in range(start, end):
            char = row[col]
            if char == "|" and not escaped:
                cells.append([])
            elif char == "|":  # "\|": one pipe, written from its backslash
                _, begin, _ = cells[-1].pop()
                cells[-1].append(("|", begin, col + 1))
            else:
                cells[-1].append((char, col, col + 1))
            escaped = char == "\\"
        if not cells[0]:  # the row starts with "|"
            cells.pop(0)
        if cells and not cells[-1]:  # and ends with one
            cells.pop()
        splits.append(tuple(tuple(_trimmed(cell)) for cell in cells))
    return tuple(splits)


def _trimmed(cell: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``cell`` without the whitespace that markdown-it trims off each end."""
    first, last = 0, len(cell)
    while first < last and cell[first][0] in MD_TRIM_CHARS:
        first += 1
    while last > first and cell[last - 1][0] in MD_TRIM_CHARS:
        last -= 1
    return cell[first:last]


def _definitions(references: dict[str, Any]) -> tuple[Definition, ...]:
    """The link reference definitions markdown-it read (``env["references"]``: label ->
    ``href``, ``title`` and ``map``, the 0-based lines ``[start, end)``), in the order
    they are written; one without lines (markdown-it-py before 3.0.0) is left out."""
    out = []
    for label, found in references.items():
        lines = found.get("map")
        if not lines:
            continue
        url, title = str(found.get("href", "")), str(found.get("title", ""))
        out.append(Definition(label, url, title, lines[0] + 1, lines[1]))
    return tuple(sorted(out, key=lambda d: d.line))


class _NoteBuilder(LinkLocating, DateFinding):
    """Walks the token stream once, fills a :class:`~notes_lint.notedraft.NoteDraft` and
    closes it into the frozen :class:`Note`."""

    def __init__(self, source: Source, config: Config) -> None:
        self.source = source
        self.config = config
        # markdown-it reads NUL as U+FFFD; so do we, or inline text is not found on its line.
        self.lines = [line.replace("\x00", "\ufffd") for line in source.lines]
        text = source.text
        lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        self.draft = NoteDraft(source.path, lines)
        self.section: SectionDraft | None = None  # the innermost open section
        self.open_sections: list[SectionDraft] = []  # from the top-level one to self.section
        # The path of headings down to the last one: indexes into draft.headings.
        self.open_headings: list[int] = []
        self.item_stack: list[ItemDraft] = []
        self.awaiting_item: ItemDraft | None = None
        self.list_depth = 0
        self.references: dict[str, Any] = {}
        self.heading_plain: list[str] = []
        self.heading_levels: set[int] = set()  # the levels of the headings so far
        self.heading_maps: list[tuple[str, _InlineMap]] = []  # each heading's content, mapped
        self.date_section_pending = False
        self.section_date: NoteDate | None = None
        # A heading before the first section has read a date: later ones are not the date.
        self.heading_date_seen = False
        self.section_heading_lines: set[int] = set()  # the 1-based lines of section headings
        self.table_cell: int | None = None  # the index of the table cell being read, in a row
        self.quote_depth = 0
        # A paragraph just closed outside lists: the list right after it is its list.
        self.paragraph_before_list: ParagraphDraft | None = None
        self.list_after: ParagraphDraft | None = None

    # -- entry point ---------------------------------------------------------

    def build(self) -> Note:
        env: dict[str, Any] = {}
        tokens = markdown_parser().parse(self.source.text, env)
        self.references = env.get("references", {})
        for index, token in enumerate(tokens):
            self._token(tokens, index, token)
        self._finish_sections()
        dates, date = self._find_date(tokens)
        text = self.source.text
        note = self.draft.close(
            unique_slugs(self.heading_plain),
            date=date,
            dates=dates,
            path_date=self._path_date(),
            definitions=_definitions(self.references),
            end=(len(self.lines), len(self.lines[-1]) + 1),
            ends_blank=not text
            or (text.endswith("\n") and (len(self.lines) < 2 or not self.lines[-2].strip())),
        )
        return msgspec.structs.replace(note, todos=collect_todos(note, self.config, self.lines))

    # -- tokens --------------------------------------------------------------

    def _token(self, tokens: list[Token], index: int, token: Token) -> None:
        kind = token.type
        if kind == "paragraph_close":
            return  # keeps a paragraph's claim on the list that follows it
        if kind in ("bullet_list_open", "ordered_list_open") and not self.item_stack:
            self.list_after, self.paragraph_before_list = self.paragraph_before_list, None
        elif kind != "list_item_open" or self.item_stack:
            self.paragraph_before_list = None
        if kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        if kind == "front_matter":
            self._front_matter(token)
        elif kind == "heading_open":
            self._heading(token, tokens[index + 1])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.list_depth += 1
            self._mark_content(token)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.list_depth -= 1
            if not self.list_depth:
                self.list_after = None
        elif kind == "list_item_open":
            self._open_item(token)
        elif kind == "list_item_close":
            if self.item_stack:
                self.item_stack.pop()
            self.awaiting_item = None
        elif kind == "inline":
            if tokens[index - 1].type != "heading_open":
                self._inline(token)
        elif kind == "html_block":
            self._html_block(token)
        elif kind == "tr_open":
            self.table_cell = -1
        elif kind in ("th_open", "td_open") and self.table_cell is not None:
            self.table_cell += 1
        elif kind == "table_close":
            self.table_cell = None
        elif kind in _CONTENT_BLOCKS:
            self._mark_content(token)

    def _mark_content(self, token: Token) -> None:
        if token.level != 0:
            return
        if self.section is not None:
            self.section.has_content = True
        if self.open_headings:
            self.draft.heading_content.add(self.open_headings[-1])

    def _front_matter(self, token: Token) -> None:
        first, last = token.map or (0, 0)
        try:
            document = yamlsafe.load(token.content, keys_as_written=True)
        except yamlsafe.YamlError as exc:
            self.draft.frontmatter = FrontMatter(
                first + 1, last, error=str(exc), error_line=first + 1 + exc.line, error_col=exc.col
            )
            return
        duplicates = tuple(
            (key_path(d.path), first + 1 + d.line, d.col, first + 1 + d.first_line)
            for d in document.duplicates
        )
        try:
            data = jsonsafe.plain(document.data)
        except jsonsafe.NotJson as exc:  # NL401 at the value: the model holds JSON only
            line, col = document.position(exc.path)
            self.draft.frontmatter = FrontMatter(
                first + 1,
                last,
                error=f"{key_path(exc.path)}: {exc}",
                error_line=first + 1 + line,
                error_col=col,
                duplicates=duplicates,
            )
            return
        self.draft.frontmatter = FrontMatter(
            first + 1,
            last,
            data=data,
            positions=document.positions,
            written=document.written,
            duplicates=duplicates,
        )

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:])
        line = (token.map or (0, 0))[0]
        # A setext heading may span lines; it is one heading, and its text is one line.
        text = " ".join(part.strip() for part in inline.content.strip().split("\n"))
        mapper = _InlineMap(self.lines, line, inline.content)
        _, col = mapper.position(0)
        heading = Heading(
            level,
            text,
            line + 1,
            col,
            marker=self._atx_marker(token, line, col),
            in_block=token.level > 0,
            plain=_heading_name(inline.children or []),
        )
        self.draft.headings.append(heading)
        self.heading_plain.append(_plain_text(inline.children or [], images=False))
        self.heading_maps.append((inline.content, mapper))
        self._inline_anchors(inline.children or [])
        # A heading in a blockquote or list item is quoted or nested content: it has an
        # anchor, but it is neither the title nor a section of the note.  As the first
        # block of a list item (``- ## Plan``) it is what the item says (its text).
        if heading.in_block:
            item = self.awaiting_item
            if item is not None:
                self.awaiting_item = None
                self._item_text(item, inline, mapper)
            self._heading_links(inline, mapper)
            return
        if level == 1 and self.draft.title is None:
            self.draft.title = len(self.draft.headings) - 1
        date_spec = self.config.date
        if date_spec.section and self.config.sections.lookup(heading.plain) is not None:
            named = self.config.sections.lookup(heading.plain)
            self.date_section_pending = named is not None and named.name == date_spec.section
        self._place_heading(heading, line)
        # After placing it: a heading's links are in the section it opens (or, for one
        # that opens none, in the section it leaves open), not in the one it closes.
        self._heading_links(inline, mapper)

    def _heading_links(self, inline: Token, mapper: _InlineMap) -> None:
        self.linking_heading = True  # each link is made with in_heading set
        try:
            self._links(inline, mapper)
        finally:
            self.linking_heading = False

    def _place_heading(self, heading: Heading, line: int) -> None:
        """Close what the heading ends and open its section in the tree, if it is one.

        A heading at the section level is a top-level section; a deeper one inside a
        section is a subsection of the innermost open section (issue 14), and one under
        no section is a top-level section when the schema names it; any other heading
        (the title, the date, a group heading) only closes sections.
        """
        level, text = heading.level, heading.plain
        headings = self.draft.headings
        while self.open_headings and headings[self.open_headings[-1]].level >= level:
            self.open_headings.pop()
        above = headings[self.open_headings[-1]].line if self.open_headings else 0
        self.open_headings.append(len(headings) - 1)
        while self.open_sections and self.open_sections[-1].level >= level:
            self._close_section(self.open_sections.pop(), line)
        self.section = self.open_sections[-1] if self.open_sections else None
        sections = self.config.sections
        # The date heading is never a section, even when both share a level; nor is a
        # date read at another level (``### June 22nd`` with sections at level 3).
        is_date = level == self.config.date.level and level not in self.heading_levels
        is_date = self._is_date_heading(heading, is_date) or is_date
        self.heading_levels.add(level)
        parent = self.section
        spec = sections.lookup(text)
        # A deeper heading under no section is a top-level section only when the schema
        # names it (``### Action items`` with sections at level 2; NL108 reports its level).
        orphan = level > sections.level and parent is None and spec is None
        if is_date or level < sections.level or orphan:
            return
        if spec is not None:
            kind = "todo" if spec.todos else "named"
        elif parent is None:
            kind = "person" if sections.unknown == "person" else "unknown"
        else:  # a subsection is a person's only when it names one
            kind = "person" if self.config.person(text) is not None else "unknown"
        section = SectionDraft(
            title=text,
            level=level,
            line=line + 1,
            col=heading.col,
            end_line=len(self.lines),
            kind=kind,
            name=spec.name if spec else None,
            holds_todos=kind == "todo" or (parent is not None and parent.holds_todos),
            parent_line=above,
        )
        if parent is None:
            self.draft.sections.append(section)
        else:
            parent.children.append(section)
        self.section_heading_lines.add(section.line)
        self.open_sections.append(section)
        self.section = section

    def _is_date_heading(self, heading: Heading, at_date_level: bool) -> bool:
        """Whether ``heading`` is the date heading read at another level than ``date.level``.

        That is the first heading before any section whose text holds a date in the
        note's formats, when it is not at ``date.level`` and no first heading at
        ``date.level`` with a date came before it: the heading
        :meth:`_date_at_other_level` reads, which is the note's date and not a section.
        """
        level = self.config.date.level
        if level is None or self.heading_date_seen or self.draft.sections:
            return False
        if heading.level == level and not at_date_level:
            return False
        if self._read_date(heading.text)[0] is None:
            return False
        self.heading_date_seen = True
        return heading.level != level

    def _atx_marker(self, token: Token, line: int, col: int) -> Span | None:
        """The '#' run of an ATX heading, found on its line before the text."""
        source_line = self.lines[line] if line < len(self.lines) else ""
        match = _ATX_MARKER.match(source_line)
        if match is None or match[2] != token.markup or (col > 1 and match.end(2) >= col):
            return None
        return Span(line + 1, match.start(2) + 1, line + 1, match.end(2) + 1)

    def _close_section(self, section: SectionDraft, next_heading_line: int) -> None:
        """End ``section`` before the heading at ``next_heading_line`` (0-based)."""
        end = next_heading_line
        while end > section.line and not self.lines[end - 1].strip():
            end -= 1
        section.end_line = max(end, section.line)
        section.empty = not section.has_content and not section.children

    def _finish_sections(self) -> None:
        while self.open_sections:
            self._close_section(self.open_sections.pop(), len(self.lines))
        self.section = None

    def _open_item(self, token: Token) -> None:
        line = (token.map or (0, 0))[0]
        source_line = self.lines[line] if line < len(self.lines) else ""
        marker = re.match(r"\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s*", source_line)
        col = (marker.end() if marker else 0) + 1
        item = ItemDraft(
            line + 1,
            col,
            len(self.item_stack),
            self.section.title if self.section else None,
            quoted=self.quote_depth > 0,
        )
        if self.item_stack:
            self.item_stack[-1].children.append(item)
        elif self.section is not None:
            self.section.items.append(item)
        else:
            self.draft.preamble_items.append(item)
        if not self.item_stack and self.list_after is not None:
            self.list_after.list_after.append(item)
        self.item_stack.append(item)
        self.awaiting_item = item

    def _inline(self, token: Token) -> None:
        first_line = _content_start(self.lines, token)
        cell = columns = None
        if self.table_cell is not None and first_line < len(self.lines):
            row = self.lines[first_line]
            columns = _cell_columns(row, self.table_cell, token.content)
            cell = _cell_start(row, self.table_cell) if columns is None else None
        mapper = _InlineMap(self.lines, first_line, token.content, cell, columns)
        children = token.children or []
        item = self.awaiting_item
        if item is not None:
            self.awaiting_item = None
            self._item_text(item, token, mapper)
        elif not self.item_stack:
            paragraph = ParagraphDraft(
                _text_lines(token, mapper),
                self.section.title if self.section else None,
                quoted=self.quote_depth > 0,
            )
            self.draft.paragraphs.append(paragraph)
            self.paragraph_before_list = paragraph
        if self.date_section_pending:
            self.date_section_pending = False
            self._date_from_section(token, mapper)
        self._inline_anchors(children)
        self._links(token, mapper)

    @staticmethod
    def _item_text(item: ItemDraft, token: Token, mapper: _InlineMap) -> None:
        """Fill ``item`` from ``token``, the inline content of its first block (a paragraph,
        or a heading: ``- ## Plan`` says "Plan", as GitHub renders it in the item)."""
        children = token.children or []
        item.text = token.content.strip()
        if (
            children
            and children[0].type == "html_inline"
            and "task-list-item-checkbox" in children[0].content
        ):
            item.checked = 'checked="checked"' in children[0].content
        # The text may start below the marker ("-" alone on its line): point at the text.
        start = len(token.content) - len(token.content.lstrip())
        box = _LITERAL_BOX.match(item.text) if item.checked is None else None
        if box is not None:
            # "- #### [x] Name: …": a task box where GFM renders none (a heading in the item)
            # is still the writer's box: its state is the item's, its text what follows.
            item.checked = box[1] != " "
            item.text = item.text[box.end() :]
            start += box.end()
        item.line, item.col = mapper.position(start)
        item.struck = _wholly_struck(children)
        item.lines = _text_lines(token, mapper)

    def _html_block(self, token: Token) -> None:
        first_line = (token.map or (0, 0))[0]
        is_comment = token.content.lstrip().startswith("<!--")
        if not is_comment:
            self._mark_content(token)
        self.draft.html_anchors.extend(html_anchors(token.content))
        self._html_block_urls(token, first_line)
        for match in _DIRECTIVE.finditer(token.content):
            line = first_line + token.content.count("\n", 0, match.start()) + 1
            self._directive(match, line)

    def _html_block_urls(self, token: Token, first_line: int) -> None:
        """The URLs of an HTML block's tags (see :func:`html_urls`), each at its line and
        column in the source (the block's lines are its source lines, maybe indented less)."""
        content = token.content
        for attribute in html_urls(content):
            index = content.count("\n", 0, attribute.offset)
            line_start = content.rfind("\n", 0, attribute.offset) + 1
            line_end = content.find("\n", line_start)
            text = content[line_start : line_end if line_end >= 0 else len(content)]
            source = self.lines[first_line + index] if first_line + index < len(self.lines) else ""
            shift = max(source.find(text), 0) if text else 0
            self._add_html_link(
                attribute.value, first_line + index + 1, shift + attribute.offset - line_start + 1
            )

    def _inline_anchors(self, children: Sequence[Token]) -> None:
        """The ``id``/``name`` targets of the inline HTML tags among ``children``."""
        for child in children:
            if child.type == "html_inline":
                self.draft.html_anchors.extend(html_anchors(child.content))

    def _directive(self, match: re.Match[str], line: int) -> None:
        codes = frozenset(_CODE.findall(match[2]))
        self.draft.directives.append(Directive(match[1], codes, line))


def _text_lines(token: Token, mapper: _InlineMap) -> list[TextLine]:
    """The lines of an inline token, each as written and as rendered (see
    :class:`~notes_lint.model.TextLine`): the rendered text is its text and code
    tokens, each run of it mapped back to where it is written (one run per token, so
    the cost is the number of tokens, not of characters)."""
    content = token.content
    # (rendered text, offset in content where it is written); None for a line break
    pieces: list[tuple[str, int] | None] = []
    cursor = unfound = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            newline = content.find("\n", cursor)
            pieces.append(None)
            cursor = newline + 1 if newline >= 0 else cursor
        elif kind in ("text", "code_inline") and child.content:
            piece = child.content
            found = _find_near(content, piece, cursor, unfound)
            if found >= 0:
                pieces.append((piece, found))
                cursor, unfound = found + len(piece), 0
            else:  # an entity or an escape: the piece is near the cursor
                pieces.append((piece, min(cursor, len(content))))
                unfound += len(piece)
        elif kind == "html_inline":
            found = _find_near(content, child.content, cursor, unfound)
            if found >= 0:
                cursor, unfound = found + len(child.content), 0
    raw_lines = content.split("\n")
    starts = [0]
    for part in raw_lines[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    out: list[TextLine] = []
    line_pieces: list[tuple[str, int]] = []
    previous_end = 0  # where the last line's text ended in content

    def close_line() -> None:
        anchor = line_pieces[0][1] if line_pieces else previous_end
        k = max(bisect.bisect_right(starts, anchor) - 1, 0)
        base = starts[k]
        plain_starts: list[int] = []
        raw_starts: list[int] = []
        length = 0
        for text, at in line_pieces:
            plain_starts.append(length)
            raw_starts.append(at - base)
            length += len(text)
        plain = "".join(text for text, _ in line_pieces)
        line, col = mapper.position(base)
        out.append(TextLine(raw_lines[k], plain, tuple(plain_starts), tuple(raw_starts), line, col))

    for entry in pieces:
        if entry is None:
            close_line()
            if line_pieces:
                previous_end = line_pieces[-1][1] + len(line_pieces[-1][0])
            previous_end = content.find("\n", previous_end) + 1 or previous_end
            line_pieces = []
        else:
            line_pieces.append(entry)
    close_line()
    return out


def rendered_line(text: str) -> TextLine:
    """One line of inline Markdown (a TODO's text) as written and as rendered, as
    :func:`_text_lines` reads a paragraph's line: ``plain`` without the emphasis, code
    and link marks, :meth:`~notes_lint.model.TextLine.raw_at` mapping it back onto
    ``text``; ``line``/``col`` are 1 (the text's own offsets count)."""
    one_line = text.replace("\n", " ")
    tokens = markdown_parser().parseInline(one_line)
    lines = _text_lines(tokens[0], _InlineMap([one_line], 0, one_line)) if tokens else []
    return lines[0] if lines else TextLine(one_line, one_line, (0,), (0,), 1, 1)


# A GitHub emoji shortcode (``:memo:``, ``:+1:``), rendered as the emoji: no word of a name.
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])")


_LITERAL_BOX = re.compile(r"\[([ xX])\][ \t]+(?=\S)")


def _heading_name(children: Sequence[Token]) -> str:
    """A heading's rendered text as the name of a section or person (``Heading.plain``):
    its text as GitHub shows it (see :func:`_plain_text`: links' text kept, HTML tags,
    images and footnote references dropped, entities decoded), emoji shortcodes dropped
    like the emoji they render, runs of white space (``&nbsp;`` too) as one space."""
    return " ".join(_SHORTCODE.sub(" ", _plain_text(children, images=False)).split())


def _wholly_struck(children: Sequence[Token]) -> bool:
    """Whether the item's visible text is all inside ``~~…~~``."""
    depth = 0
    seen_struck = False
    for child in children:
        if child.type == "s_open":
            depth += 1
            seen_struck = True
        elif child.type == "s_close":
            depth -= 1
        elif depth == 0 and child.type in ("text", "code_inline") and child.content.strip():
            return False
    return seen_struck


def parse_note(source: Source, config: Config) -> Note:
    """Build the note model of one decoded note (see :mod:`notes_lint.gcpause`)."""
    with gcpause.paused():
        return _NoteBuilder(source, config).build()
