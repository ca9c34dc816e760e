"""Which list items are TODOs, and who owns them (PRODUCT.md §4–§5, issue 13).

In a TODO section each top-level item is a TODO, except an item that is only an
owner tag: that is an owner group whose children are the owner's TODOs.  Deeper
items are details.  Anywhere else:

- a line that starts with a marker (``TODO:``, ``AI:``; :mod:`notes_lint.markers`)
  is a TODO: an item's first line, any later line of its paragraph, or a line of
  a paragraph outside lists;
- a marker with nothing after it, or only an owner (``TODO: Ivo:``), heads the list
  under it (an item's children, or the list right after a paragraph): each of its
  items is a TODO, of that owner;  so does a line that is only the name of a TODO
  section (``**Action items**:``);
- a marker with only a name under an item (``- Todo: Ivo`` under ``- Create a
  repo``) makes that item a TODO of that person;
- with ``todos.task-items``, every task item (``- [ ]``, ``- [x]``) is a TODO.

Quoted text (a blockquote) holds no TODO.  A TODO without an owner tag of its own
takes the owner of the nearest item above it that names one (``[name=Ana]``,
``@login``, an owner group such as ``Ana:``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from notes_lint.config import Config
from notes_lint.dates import from_iso, read_due
from notes_lint.identity import todo_id
from notes_lint.ledger import note_date
from notes_lint.markers import (
    MarkerMatch,
    find_assignment,
    find_marker,
    name_initials,
    speaker_initials,
    strip_done,
    written_initials,
)
from notes_lint.matching import did_you_mean, normalize_heading
from notes_lint.model import Link, ListItem, Note, TextLine, Todo
from notes_lint.namelike import is_family_name, is_name_word
from notes_lint.owners import (
    NOT_OWNERS,
    REMARK_LABELS,
    OwnerTag,
    find_owner,
    is_commentary,
    is_person_name,
    leading_name_tag,
    owner_group,
)
from notes_lint.people import person_key
from notes_lint.todo_owner import MAX_PARAGRAPH_LINES, ResolvedOwner, owner_fields, resolve_owner
from notes_lint.urls import LOGIN, find_bare_urls

_STRUCK = re.compile(r"~~(?:(?!~~).)+~~")


def _make_todo(
    text: str,
    line: int,
    col: int,
    section: str | None,
    config: Config,
    *,
    inherited: OwnerTag | None = None,
    inherited_at: tuple[int, int] | None = None,
    item: ListItem | None = None,
    lines: Sequence[str] = (),
    forced: bool = False,
    meeting: dt.date | None = None,
    known: frozenset[str] = frozenset(),
    references: tuple[tuple[str, str], ...] = (),
) -> Todo:
    """A TODO of ``text``: its owner (:func:`notes_lint.todo_owner.resolve_owner`), whether
    it is done, its due date (:func:`_due_phrase`; ``meeting``, the note's date, gives a
    year-less due date its year) and its id."""
    markers = config.todos.done_markers
    if item is not None and item.struck and "strikethrough" in markers:
        text = text.replace("~~", "").strip()  # the owner tag is struck too: ~~x (Julien)~~
    # A text struck in several runs with nothing else to say is struck whole (done); a
    # struck name before the owner is the writer's correction ("~~Kwame~~ Priya: book it").
    live = _STRUCK.sub(" ", text).strip()
    struck_whole = live != text.strip() and not any(c.isalnum() for c in live)
    owner = resolve_owner(
        text,
        config,
        (line, col),
        inherited=inherited,
        inherited_at=inherited_at,
        forced=forced,
        struck_whole=struck_whole,
        known=known,
    )
    if not owner.tag.names:
        owner = _owner_before_due(text, owner, config, known) or owner
    rest, done = strip_done(owner.tag.rest, markers)
    done = done or owner.marked
    if item is not None:
        if "checkbox" in markers and item.checked:
            done = True
        if "strikethrough" in markers and (item.struck or struck_whole or _STRUCK.fullmatch(rest)):
            done = True
            rest = rest.replace("~~", "").strip()
    owned = owner_fields(owner.tag, owner.at, config, lines)
    due = _due_phrase(rest, config, meeting)
    id_text, former = _id_texts(rest, due)
    return Todo(
        text=rest,
        line=line,
        col=col,
        section=section,
        done=done,
        due=due.value,
        due_text=due.text,
        due_problem=due.problem,
        id=todo_id(owned.get("owner"), id_text),
        id_text=id_text if id_text != rest else None,
        former_id_texts=former,
        references=references,
        **owned,
    )


def _id_texts(rest: str, due: _DuePhrase) -> tuple[str, tuple[str, ...]]:
    """The text a TODO's id is read from (``rest`` without its due phrase, and without
    the brackets the phrase fills), and the texts older releases read it from where they
    differ: without the phrase but with its brackets, and (before the phrase was read as
    one) the whole text."""
    if due.text is None:
        return rest, ()
    start, end = _bracketed(rest, due.start, due.end)
    id_text = rest[:start] + rest[end:]
    older = (rest[: due.start] + rest[due.end :], rest)
    return id_text, tuple(dict.fromkeys(t for t in older if t != id_text))


def _bracketed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` (a due phrase in ``text``) widened to the brackets around it when
    it fills them (``send it (due 2024-03-12)``, ``[by Friday]``): the TODO without its
    due date is ``send it``, as when the date is written without brackets."""
    before = text[:start].rstrip(" \t:,;")
    after = text[end:].lstrip(" \t.;")
    if before[-1:] in ("(", "[") and after[:1] == {"(": ")", "[": "]"}[before[-1]]:
        return len(before) - 1, len(text) - len(after) + 1
    return start, end


def _owner_before_due(
    text: str, found: ResolvedOwner, config: Config, known: frozenset[str]
) -> ResolvedOwner | None:
    """The owner tag that stands before a due date ending ``text``: ``Release 1.0
    (Guillaume) due: 2021-10-01`` is Guillaume's, as ``Release 1.0 (Guillaume)`` is (the
    due date is said after the TODO and its owner), and so is ``Release 1.0 (Guillaume)
    (deadline: 2021-10-01)``.  None when no such tag is there."""
    due_pattern = config.todos.due_pattern
    match = due_pattern.search(text) if due_pattern is not None else None
    if match is None:
        return None
    start, end = match.span()
    opened, after = text[:start].rstrip(), text[end:].lstrip()
    if opened.endswith("(") and after.startswith(")"):  # the due phrase in brackets
        start, end = len(opened) - 1, len(text) - len(after) + 1
    if text[end:].strip(" .;") or not text[:start].strip():
        return None
    before = text[:start].rstrip(" ,;–—-")
    owner = resolve_owner(before, config, found.at, known=known)
    if not owner.tag.names:
        return None
    owner.tag.rest = f"{owner.tag.rest} {text[start:].strip()}".strip()
    return owner


class _DuePhrase(NamedTuple):
    """The due date a TODO's text states: the date as written (None: the text states
    none), its ISO value (None: not a date), why it gives none
    (:attr:`notes_lint.dates.DueDate.problem`), and the offsets of the whole phrase in
    the text, which the TODO's id leaves out (a due date moved between meetings is still
    the same TODO, PRODUCT.md §7)."""

    text: str | None = None
    value: str | None = None
    problem: str | None = None
    start: int = 0
    end: int = 0


def _due_phrase(rest: str, config: Config, meeting: dt.date | None) -> _DuePhrase:
    """The due date the TODO text ``rest`` states (``todos.due-pattern``).

    The pattern is looked for in the text as written, then as rendered (``by
    **2025-03-14**``, ``by `2025-03-14` ``, ``by _March 14_``: emphasis and code marks
    dropped, :func:`notes_lint.parse.rendered_line`), as a reader sees it."""
    due_pattern = config.todos.due_pattern
    if due_pattern is None:
        return _DuePhrase()
    match = due_pattern.search(rest)
    if match is not None:
        written, start, end = match, match.start(), match.end()
    elif _INLINE_MARKUP.search(rest) is None:
        return _DuePhrase()
    else:
        from notes_lint.parse import rendered_line

        line = rendered_line(rest)
        found = due_pattern.search(line.plain)
        if found is None:
            return _DuePhrase()
        written, start = found, line.raw_at(found.start())
        end = line.raw_at(found.end()) if found.end() < len(line.plain) else len(rest)
    due_text = written.group("date") if "date" in due_pattern.groupindex else written[0]
    due = read_due(due_text, config.date.formats, meeting)
    value = due.value.isoformat() if due.value else None
    return _DuePhrase(due_text, value, due.problem, start, end)


# What inline Markdown may put between ``by`` and its date: emphasis, code, an entity.
_INLINE_MARKUP = re.compile(r"[*_`&\\<\[~]")


_ATTENDANCE = frozenset(
    {"attendees", "attendance", "present", "participants", "people", "in attendance"}
)
_LABEL = re.compile(r"\s*([^\W\d_][\w-]*)\s*:\s")
_LABELS = REMARK_LABELS  # one list with owners.is_commentary (issue 13)
_ENTRY_SPLIT = re.compile(r"[,;:()\[\]]|\band\b")
_LOGIN = re.compile(rf"@({LOGIN})")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
# Where a note itself writes a person: a turn (``MDawson: I think …``) and a name alone in
# brackets after a topic (``**ffi-unwind (BatmanAod)**``).
_TURN = re.compile(r"@?([^\W\d_][\w.'’-]*):[ \t]+\S")
_BRACKETED = re.compile(r"\(@?([^\W\d_][\w.'’-]*)\)")


def _unstruck(line: TextLine) -> str:
    """``line``'s plain text with its struck-through words blanked (same length): a
    struck name is the writer's correction (``~~Niko~~ Felix to register …``).  A line
    struck whole is kept: it is an action marked done (``~~Niko to post it~~``)."""
    spans = [m.span() for m in _STRUCK.finditer(line.raw)]
    if not spans:
        return line.plain
    chars = list(line.plain)
    for index in range(len(chars)):
        at = line.raw_at(index)
        if any(start <= at < end for start, end in spans):
            chars[index] = " "
    live = "".join(chars)
    return live if live.strip() else line.plain


def _cut(line: TextLine, end: int) -> int:
    """Where in ``line.raw`` the text after a marker ending at plain ``end`` starts: past
    the marker's last character (and the emphasis closing round it, ``**TODO:**x``) and
    the spaces after it, so that markup opening the text stays (``**TODO**: ~~old~~
    plan`` keeps ``~~old~~ plan``)."""
    if end <= 0:
        return 0
    at = line.raw_at(end - 1) + 1
    if not line.plain[end - 1].isspace():
        while at < len(line.raw) and line.raw[at] in "*_":
            at += 1
    while at < len(line.raw) and line.raw[at] in " \t":
        at += 1
    return at


def _unwrapped(text: str, before: str) -> str:
    """``text`` without the emphasis that closes a run opened in ``before`` (the source
    before where the TODO's text was cut): ``**Scott to fcp merge**`` -> ``fcp merge``."""
    opener = before[len(before.rstrip("*_~")) :]
    if opener and text.endswith(opener):
        return text[: -len(opener)].rstrip()
    return text


# A task item whose first line is only a link (``[x] [Beta nominations](…)``, ``[ ] #123``)
# ticks off an agenda's checklist: a topic covered, not a task given to someone.
_CHECKLIST_ENTRY = re.compile(
    r"\s*(?:\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?|<[^>\s]+>|#\d+)"
    r"[\s.:;,!-]*"
)
_AFTER_ENTRY = re.compile(r"[\s.:;,!?*_~'\")-]*")  # what GitHub's URL extent leaves after it


def _is_checklist_entry(line: str) -> bool:
    """Whether an item's first line is only a link (:data:`_CHECKLIST_ENTRY`); a bare URL
    with GitHub's extent (:func:`notes_lint.urls.find_bare_urls`), its trailing punctuation
    after it."""
    if _CHECKLIST_ENTRY.fullmatch(line):
        return True
    text = line.lstrip()
    urls = find_bare_urls(text)[0]
    return (
        bool(urls) and urls[0].start == 0 and _AFTER_ENTRY.fullmatch(text, urls[0].end) is not None
    )


# "- none", "- Nothing", "- N/A", "- (none)": a record that there is no action, not a TODO.
_NO_ACTION = re.compile(
    r"(?i)[\s*_(\[]*(?:none|nothing|n/?a|nil|no action(?: items?)?(?: this week)?|no todos?|-+)"
    r"[\s*_)\].!]*\Z"
)


# A list item that ends in a question mark (before a closing bracket or emphasis) asks.
_QUESTION = re.compile(r"\?[\s)\]*_~]*\Z")
# A task box written outside a list, as exported minutes keep it: "[ ] Niko will review it".
_TASK_BOX = re.compile(r"[ \t]*\[[ xX]\][ \t]")


class _Collector:
    """Walks the note model once per kind of place and gathers its TODOs."""

    def __init__(self, note: Note, config: Config, lines: Sequence[str]) -> None:
        self.note = note
        self.config = config
        self.lines = lines
        self.markers = config.todos.markers
        # The note's date as the ledger files it: stated, else its file name's (issue 18).
        filed = note_date(note)
        self.meeting = from_iso(filed) if filed else None
        self.todos: list[Todo] = []
        self.decided: set[int] = set()  # items whose part is settled (a TODO or a detail)
        self.parents: dict[int, ListItem] = {}
        for root in (*note.preamble_items, *(i for s in note.all_sections() for i in s.items)):
            for item in root.walk():
                for child in item.children:
                    self.parents[id(child)] = item

    # -- owners --------------------------------------------------------------

    @functools.cached_property
    def attendees(self) -> frozenset[str]:
        """The person keys (:func:`notes_lint.people.person_key`) of the people listed in the note's attendance section
        (``## Present``, or an ``Attendance:`` line over a list): the capitalised words
        and ``@logins`` of each entry, and an entry that is one word (``simulacrum``).
        A word must be able to name a person (:func:`notes_lint.namelike.is_name_word`):
        ``Team``, ``Guests``, ``Regrets``, ``None`` are common English words, not people."""
        words: set[str] = set()
        for root in self._attendance_lists():
            for item in root.walk():
                for entry in _ENTRY_SPLIT.split(item.text):
                    found = _WORDS.findall(entry)
                    words.update(
                        person_key(w)
                        for w in found
                        if (len(found) == 1 or w[0].isupper())
                        and (is_name_word(w) or is_family_name(w))
                    )
                words.update(person_key(login) for login in _LOGIN.findall(item.text))
        return frozenset(words)

    def _attendance_lists(self) -> list[ListItem]:
        """The lists of the note's attendance section (``## Present``) and those under
        an ``Attendance:`` line."""
        attendance = self.config.sections.lookup("Attendees")
        lists: list[ListItem] = []
        for section in self.note.all_sections():
            named = attendance is not None and section.name == attendance.name
            if named or normalize_heading(section.title) in _ATTENDANCE:
                lists.extend(section.items)
        for paragraph in self.note.paragraphs:  # "Attendance:" over a list
            title = " ".join(line.plain for line in paragraph.lines)
            if normalize_heading(title.strip().rstrip(":")) in _ATTENDANCE:
                lists.extend(paragraph.list_after)
        return lists

    @functools.cached_property
    def speakers(self) -> frozenset[str]:
        """The initials that are a person of this meeting, so that a line opening with
        them (``AI: I can look at it``) is that person's turn, not a TODO marker (issue
        13): initials the attendance writes (``- Alba Iglesias (AI)``, ``- MB``), and
        when the note's other lines are speaker turns by initials (``MB: …``), the
        initials of each attendee's name too."""
        entries = [
            line.plain for root in self._attendance_lists() for i in root.walk() for line in i.lines
        ]
        written = frozenset().union(*(written_initials(e) for e in entries))
        derived = frozenset().union(*(name_initials(e) for e in entries))
        lines = [line for p in self.note.paragraphs for line in p.lines]
        lines += [i.lines[0] for i in self.note.items() if i.lines]
        turns: set[str] = set()
        for line in lines:
            said = speaker_initials(line.plain)
            if said is not None and find_marker(line.plain, self.markers) is None:
                turns.add(said)  # "MB: …": initials that are no marker speak
        return written | (derived if turns else frozenset())

    def find_marker(self, plain: str) -> MarkerMatch | None:
        """The TODO marker at the start of ``plain``, unless the marker is a speaker's
        initials as written (``AI: Sure, I'll do it.`` by Alba Iglesias (AI), an
        attendance entry ``- AI``)."""
        match = find_marker(plain, self.markers)
        if match is None or match.owner is not None or not self.speakers:
            return match
        written = plain[match.start : match.end].strip(" \t:,-–—")
        return None if written in self.speakers else match

    @functools.cached_property
    def written_people(self) -> frozenset[str]:
        """The person keys of the names the note writes as people outside its attendance: the
        speakers of its turns (``MDawson: …``), a name alone in brackets (``(BatmanAod)``)
        and ``@logins``.  A word is taken only when it can be a name (not ``Goal:``,
        ``(WIP)``) and is written with a lower-case letter (not ``(RFC)``)."""
        lines = [line.plain for p in self.note.paragraphs for line in p.lines]
        lines += [i.lines[0].plain for i in self.note.items() if i.lines]
        headings = [h.plain for h in self.note.headings]  # "### Borrowck rework (Okonkwo)"
        found: set[str] = set()
        for text in [*lines, *headings]:
            turn = _TURN.match(text)
            words = [turn[1]] if turn else []
            words += _BRACKETED.findall(text)
            found.update(person_key(w) for w in words if not w.isupper() and is_name_word(w))
            found.update(person_key(login) for login in _LOGIN.findall(text))
        return frozenset(found - NOT_OWNERS - REMARK_LABELS)

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """The person keys of the note's own people (attendees and written people): a
        name of them is a person's wherever an owner stands (issue 18)."""
        return self.attendees | self.written_people

    def is_person(self, name: str) -> bool:
        """Whether ``name`` is a person of the meeting: in the roster, among the
        attendees, or written as a person by the note (each of its words)."""
        if self.config.person(name) is not None:
            return True
        words = [person_key(w) for w in name.split()]
        people = self.known
        return bool(words) and all(w in people for w in words)

    def _owner_from(self, item: ListItem | None) -> tuple[OwnerTag, tuple[int, int]] | None:
        """The owner named by ``item`` or the nearest item above it (``[name=Ana]``,
        ``Ana:``, ``… by @ana-gh:``), and where that item starts."""
        while item is not None:
            if item.lines and find_marker(item.lines[0].plain, self.markers) is not None:
                item = self.parents.get(id(item))  # "ACTION:" is a marker, not a person
                continue
            text = item.text.strip().rstrip(":").strip()
            inherit = self.config.todos.inherit_owner
            group = (
                owner_group(item.text, self.config, self.known)
                or leading_name_tag(item.text, self.config)
                if inherit
                else None
            )
            if group is not None:
                return group, (item.line, item.col)
            tag = find_owner(text, self.config, self.known)
            if tag.names and tag.style in ("name-tag", "mention"):
                return tag, (item.line, item.col)
            item = self.parents.get(id(item))
        return None

    def _parent(self, item: ListItem | None) -> ListItem | None:
        return self.parents.get(id(item)) if item is not None else None

    def _marker_owner(
        self, match: MarkerMatch, line: TextLine
    ) -> tuple[OwnerTag, tuple[int, int]] | None:
        """The owner written with the marker (``AI(bruno):``) as a tag, and where it is;
        None when it is not a person: more than three words (``Action item (Josh executed
        during meeting)``), or a word that is no name (``Action item for folks:``,
        ``Action Items (individual):``).  The tag says it names a person, so a name the
        roster lacks is still the owner (``AI(Zed):``; NL302 reports it)."""
        name = (match.owner or "").lstrip("@")
        if len(name.split()) > 3:
            return None
        roster = self.config.roster_names()
        if (
            roster
            and self.config.person(name) is None
            and did_you_mean(name, roster) is None
            and not is_person_name(name, self.config, explicit=True, known=self.known)
        ):
            return None
        before = line.plain[: match.owner_at].rstrip()
        if (match.owner or "").startswith("@"):
            style = "mention"
        elif before.endswith("[name="):
            style = "name-tag"
        elif before.endswith(("(", "[")):
            style = "paren-start"
        else:  # "Action item for Emil:"
            style = "name-colon"
        at = (line.line, line.col + line.raw_at(match.owner_at))
        return OwnerTag([name], style, "", [0]), at

    def _owner_only(self, rest: str) -> OwnerTag | None:
        """``rest`` as an owner and nothing else: ``Ivo:``, ``(Ivo)``, ``@ivo``, ``Ivo``
        (a roster name)."""
        group = owner_group(rest, self.config, self.known)
        if group is not None:
            return group
        name = rest.strip().rstrip(".")
        if name and self.config.person(name) is not None and "(" not in name:
            return OwnerTag([name], "name-colon", "", [0])
        return None

    def _assigned_by_child(self, item: ListItem) -> tuple[OwnerTag, tuple[int, int]] | None:
        """The owner a child of ``item`` gives it by a marker with only a name
        (``- Create a repo`` over ``- Todo: Rafael``), and where that name is; the child is
        then settled (no TODO of its own)."""
        for child in item.children:
            if not child.lines or child.quoted:
                continue
            first = child.lines[0]
            match = find_marker(first.plain, self.markers)
            if match is None or len(child.lines) > 1 or child.children:
                continue
            at = _cut(first, match.end)
            group = self._owner_only(first.raw[at:].strip())
            if group is not None:
                self.decided.add(id(child))
                return group, (first.line, first.col + at)
        return None

    # -- making TODOs --------------------------------------------------------

    def add(
        self,
        text: str,
        line: int,
        col: int,
        section: str | None,
        *,
        item: ListItem | None = None,
        owner: tuple[OwnerTag, tuple[int, int]] | None = None,
        owner_from: ListItem | None = None,
        forced: bool = False,
    ) -> None:
        """A TODO (with ``forced``, of ``owner`` whatever its text names); ``owner`` is the owner when the text names none, else the owner that
        ``owner_from`` or an item above it names (by default, the items above ``item``)."""
        if owner is None:
            owner = self._owner_from(owner_from or self._parent(item))
        inherited, inherited_at = owner if owner is not None else (None, None)
        self.todos.append(
            _make_todo(
                text,
                line,
                col,
                section,
                self.config,
                inherited=inherited,
                inherited_at=inherited_at,
                item=item,
                lines=self.lines,
                forced=forced,
                meeting=self.meeting,
                known=self.known,
                references=self._references(text, line),
            )
        )
        if item is not None:
            self.decided.add(id(item))

    def _references(self, text: str, line: int) -> tuple[tuple[str, str], ...]:
        """The reference-style links (text, URL) written in the TODO ``text`` that starts
        on ``line``: the note's links of style ``reference`` on its lines whose
        ``[text]`` the TODO holds."""
        if "[" not in text:
            return ()
        return tuple(
            (link.text, link.url)
            for link in self.reference_links
            if line <= link.line < line + MAX_PARAGRAPH_LINES and f"[{link.text}]" in text
        )

    @functools.cached_property
    def reference_links(self) -> list[Link]:
        return [link for link in self.note.links if link.style == "reference"]

    def head(
        self, items: Sequence[ListItem], owner: tuple[OwnerTag, tuple[int, int]] | None
    ) -> None:
        """Each of ``items`` is a TODO (of ``owner`` where it names none); their own
        children are details."""
        for child in items:
            self.decided.update(id(i) for i in child.walk())
            if self._is_label(child):
                continue  # "- Benefit: accepting people more easily": a detail, not a TODO
            if _QUESTION.search(child.text):
                continue  # "- Maybe move to an MCP?": a question for later, not an action
            text, col = self._unmarked(child)
            # "- Todo: Odile" under the item names its owner more closely than the head.
            mine = self._assigned_by_child(child)
            self.add(text, child.line, col, child.section, item=child, owner=mine or owner)

    def _unmarked(self, item: ListItem) -> tuple[str, int]:
        """The item's text and its column, past a marker that opens it (``- ACTION: Joe
        to merge`` under ``Action items:``, ``- TODO: Priya to send it`` in a TODO
        section: the marker says again what the place already says)."""
        match = self.find_marker(item.lines[0].plain) if item.lines else None
        if match is None or not item.lines[0].plain[match.end :].strip():
            return item.text, item.col
        first = item.lines[0]
        at = _cut(first, match.end)
        text = "\n".join([first.raw[at:], *(t.raw for t in item.lines[1:])]).strip()
        return text, first.col + at

    def _is_label(self, item: ListItem) -> bool:
        """Whether ``item`` opens with a label (``Note:``, ``Benefit:``) rather than an
        owner: a word of :data:`_LABELS`, or with a roster, a word that names no one in it."""
        if not item.lines or find_marker(item.lines[0].plain, self.markers) is not None:
            return False  # "- TODO: send invoices": a marker, not a label
        match = _LABEL.match(item.lines[0].plain)
        if match is None:
            return False
        word = match[1]
        if word.casefold() in _LABELS:
            return True
        return (
            bool(self.config.people)
            and self.config.person(word) is None
            and (did_you_mean(word, self.config.roster_names()) is None)
        )

    def _is_todo_title(self, plain: str) -> bool:
        spec = self.config.sections.lookup(plain.strip().rstrip(":").strip())
        return spec is not None and spec.todos

    def marked_line(
        self,
        line: TextLine,
        section: str | None,
        *,
        item: ListItem | None = None,
        following: Sequence[str] = (),
        under: Sequence[ListItem] = (),
        owner_from: ListItem | None = None,
    ) -> bool:
        """A TODO (or a list of them) from a line that starts with a marker; False when
        it has none.  ``item``: the item whose first line this is; ``following``: the
        item's later lines (its text goes on there); ``under``: the list it heads;
        ``owner_from``: the item whose owner a TODO without one takes (by default the
        item above ``item``)."""
        match = self.find_marker(line.plain)
        if match is None:
            if under and self._is_todo_title(line.plain):
                self.head(under, self._owner_from(owner_from or self._parent(item)))
                return True
            return False
        at = _cut(line, match.end)
        rest = "\n".join([line.raw[at:], *following]).strip()
        rest = _unwrapped(rest, line.raw[: line.raw_at(match.start)])
        plain_rest = line.plain[match.end :].strip()
        marker_owner = self._marker_owner(match, line) if match.owner is not None else None
        group = self._owner_only(rest) if plain_rest else None
        if not plain_rest or group is not None:
            owner = (group, (line.line, line.col + at)) if group is not None else marker_owner
            if under:  # "TODO: Ivo:" over a list: each item is Ivo's TODO
                if item is not None:
                    self.decided.add(id(item))
                self.head(under, owner or self._owner_from(owner_from or self._parent(item)))
                return True
            parent = self._parent(item)
            if group is not None and parent is not None and id(parent) not in self.decided:
                # "- Todo: Ivo" under "- Create a repo": that item is Ivo's TODO
                self.decided.add(id(item))
                self.add(
                    parent.text, parent.line, parent.col, parent.section, item=parent, owner=owner
                )
                return True
        column = line.col + (at if line.raw[at:].strip() or not following else 0)
        if not line.raw[at:].strip() and not following:
            column = line.col + line.raw_at(match.start)  # "TODO:" alone: point at the marker
        self.add(
            rest,
            line.line,
            column,
            section,
            item=item,
            owner=marker_owner,
            owner_from=owner_from or self._parent(item),
        )
        return True

    # -- places --------------------------------------------------------------

    def _headed_items(self) -> list[tuple[ListItem, str]]:
        """The items under a heading above the section level that names a TODO section
        (``# Action items`` in a note whose sections are at level 2): such a heading is no
        section of the note, but what it heads is its action items all the same.  Each
        item with the heading's text."""
        headings = [h for h in self.note.headings if not h.in_block]
        level = self.config.sections.level
        out: list[tuple[ListItem, str]] = []
        for index, heading in enumerate(headings):
            if heading.level >= level or not self._is_todo_title(heading.plain):
                continue
            end = headings[index + 1].line if index + 1 < len(headings) else None
            out.extend(
                (item, heading.text)
                for item in self.note.preamble_items
                if item.line > heading.line and (end is None or item.line < end)
            )
        return out

    def todo_sections(self) -> None:
        """The items of TODO sections (at any depth, or inside one), then those a TODO
        heading above the section level heads; each top-level item is a TODO."""
        config = self.config
        places = [(i, s.title) for s in self.note.all_sections() if s.holds_todos for i in s.items]
        for item, title in [*places, *self._headed_items()]:
            if item.quoted:
                continue
            self.decided.update(id(i) for i in item.walk())
            group = (
                owner_group(item.text, config, self.known) if config.todos.inherit_owner else None
            )
            at = (item.line, item.col)
            if group is not None and item.children:
                self.head(item.children, (group, at))
            elif group is not None:  # "- Julien:" and nothing under it: an empty TODO
                self.add("", item.line, item.col, title, item=item, owner=(group, at))
            else:
                first = item.lines[0] if item.lines else None
                match = self.find_marker(first.plain) if first is not None else None
                if first is not None and match is not None and first.plain[match.end :].strip():
                    # "- AI(Fatima): chase the bot" in a TODO section: the marker's owner,
                    # the text after it (the marker says again what the section says).
                    # "- TODO: Mateus:" over a list: the marker and owner head the children.
                    later = [t.raw for t in item.lines[1:]]
                    self.marked_line(first, title, item=item, following=later, under=item.children)
                    continue
                owner = self._assigned_by_child(item)
                self.add(item.text, item.line, item.col, title, item=item, owner=owner)

    def _bare(self, line: TextLine) -> bool:
        """Whether ``line`` is a marker with nothing after it (``Actions``) or the name of
        a TODO section (``**Action items**:``)."""
        match = self.find_marker(line.plain)
        if match is not None:
            return not line.plain[match.end :].strip()
        return self._is_todo_title(line.plain)

    def paragraphs(self) -> None:
        for paragraph in self.note.paragraphs:
            if paragraph.quoted:
                continue
            last = len(paragraph.lines) - 1
            for k, line in enumerate(paragraph.lines):
                if k < last and self._bare(line):
                    # "Actions" over lines of the same paragraph: each line is a TODO.
                    for below in paragraph.lines[k + 1 :]:
                        if not self.marked_line(below, paragraph.section) and below.plain.strip():
                            text = below.raw.strip()
                            lead = len(below.raw) - len(below.raw.lstrip())
                            self.add(text, below.line, below.col + lead, paragraph.section)
                    break
                after = paragraph.list_after if k == last else ()
                under = [i for i in after if id(i) not in self.decided]
                self.marked_line(line, paragraph.section, under=under)

    def assignments(self) -> None:
        """``Niko to post a comment`` on a line that holds no other TODO.  A note that
        keeps an action-item list (a TODO section with items) records its actions
        there: a ``Name to`` in its discussion, by a person with an item in the list,
        restates one and is not collected; by anyone else it is a new action."""
        taken = {t.line for t in self.todos}
        listed = self._listed_owners()
        for line, section, task, opened in self._assignment_places():
            if line.line in taken:
                continue
            found = find_assignment(_unstruck(line), self.is_person, task=task)
            if found is None or self._person_key(found.names[0]) in listed:
                continue
            at = line.raw_at(found.start)
            text = line.raw[line.raw_at(found.end) :].strip()  # the action, after "to"
            text = _unwrapped(text, line.raw[:at])
            opener = line.plain[: found.start].rstrip()[-1:]
            if opener in ("(", "["):  # "(Niko to figure it out)": up to the closing bracket
                close = text.find(")" if opener == "(" else "]")
                text = text[:close].strip() if close > 0 else text
            taken.add(line.line)
            names = list(found.names)
            style = "mention" if found.mention else "name-to"
            tag = OwnerTag(names, style, text, [0] * len(names))
            where = (line.line, line.col + at)
            self.add(
                text,
                line.line,
                line.col + at,
                section,
                item=opened,
                owner=(tag, where),
                forced=True,
            )

    def _listed_owners(self) -> set[str]:
        """The people (their :meth:`_person_key`) who own an item of the note's action-item
        list (a TODO section with items): a ``Name to …`` of theirs elsewhere in the note
        restates that item, and is no new TODO."""
        lists = {s.title for s in self.note.all_sections() if s.holds_todos and s.items}
        return {self._person_key(t.owner) for t in self.todos if t.owner and t.section in lists}

    def _assignment_places(self) -> list[tuple[TextLine, str | None, bool, ListItem | None]]:
        """The lines an assignment may be written on, each as (line, its section, whether
        it opens a task box: ``[ ] Niko will review it``, the item it opens: its box and
        strikethrough say whether the action is done): every line of a paragraph, and
        of an item not yet settled, outside quotes."""
        places: list[tuple[TextLine, str | None, bool, ListItem | None]] = []
        for paragraph in self.note.paragraphs:
            if not paragraph.quoted:
                places.extend(
                    (line, paragraph.section, bool(_TASK_BOX.match(line.plain)), None)
                    for line in paragraph.lines
                )
        for item in self.note.items():
            if not item.quoted and id(item) not in self.decided:
                places.extend(
                    (line, item.section, k == 0 and item.checked is not None, None if k else item)
                    for k, line in enumerate(item.lines)
                )
        return places

    def _person_key(self, name: str) -> str:
        """One key per person: the roster's name, else the name as written, loosely."""
        person = self.config.person(name)
        return person_key(person.name if person is not None else name)

    def items(self) -> None:
        task_items = self.config.todos.task_items
        for item in self.note.items():
            if id(item) in self.decided or item.quoted:
                continue
            if item.lines:
                first, *later = item.lines
                children = [c for c in item.children if id(c) not in self.decided]
                if self.marked_line(
                    first,
                    item.section,
                    item=item,
                    following=[t.raw for t in later],
                    under=children,
                ):
                    continue
                for line in later:  # "- Release\n  TODO: Farah: draft": a TODO at its line
                    self.marked_line(line, item.section, owner_from=item)
            if (
                task_items
                and item.checked is not None
                and id(item) not in self.decided
                and not _is_checklist_entry(item.text.split("\n", 1)[0])
            ):
                owner = self._assigned_by_child(item)  # "- [ ] Set up backups" / "- TODO: Yuki"
                self.add(item.text, item.line, item.col, item.section, item=item, owner=owner)


def collect_todos(note: Note, config: Config, lines: Sequence[str] = ()) -> tuple[Todo, ...]:
    """Every TODO of the note, in document order (see the module's docstring).

    With the note's source ``lines``, each owner name's source span is recorded too.
    """
    collector = _Collector(note, config, lines)
    collector.todo_sections()
    collector.paragraphs()
    collector.items()
    if config.todos.assignments:
        collector.assignments()
    todos = [
        todo
        for todo in collector.todos
        if not is_commentary(todo.text) and not (todo.owner is None and _NO_ACTION.match(todo.text))
    ]
    return tuple(sorted(todos, key=lambda t: (t.line, t.col)))
