"""The TODO ledger (PRODUCT.md §7): every TODO of every note, merged across meetings.

Notes are taken in date order.  A TODO's identity is its owner plus its
normalised text (:mod:`notes_lint.identity`), so a TODO copied into the next
note is one entry with several occurrences.  Two refinements:

- a TODO whose text links an issue of the sync repository is bound to that
  issue: every TODO of the same owner that links it is the same entry;
- an edited TODO carried over (same owner, consecutive notes, texts similar at
  or above :data:`SIMILARITY_THRESHOLD`) is merged, and the evidence is kept
  for ``notes-lint todos --explain``.

An entry is done when its latest occurrence is done; it is *left undone* when
it is not done and its first occurrence is older than the grace period.  A
note with no date (none stated, none in its path) cannot age its TODOs: the
ledger lists it in :attr:`Ledger.undated` with the reason, for the CLI to say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import msgspec

from notes_lint import dates
from notes_lint.dates import from_iso
from notes_lint.identity import former_todo_ids, normalize_text
from notes_lint.model import Note, Todo
from notes_lint.people import person_key
from notes_lint.urls import REFERENCE_IN_TEXT, classify, find_links

SIMILARITY_THRESHOLD = 85.0
"""rapidfuzz ``ratio`` (0-100) of two normalised texts above which a carried-over
TODO counts as edited rather than new. 85 merges a reworded or re-punctuated
TODO ("Close the perf gap for #20254" / "Close performance gap for #20254")
but not two different actions sharing a verb.  A different concept from
:data:`notes_lint.matching.TYPO_CUTOFF` (a slip of the keyboard in one name):
tuned on its own, it only happens to have the same value."""

DEFAULT_GRACE_DAYS = 7


@dataclass(frozen=True)
class Occurrence:
    """One appearance of a TODO in one note."""

    path: str
    line: int
    col: int
    date: str | None
    text: str
    done: bool
    section: str | None


@dataclass(frozen=True)
class Evidence:
    """Why an occurrence joined an entry although its text differs."""

    reason: str  # "similar-text" | "same-issue"
    score: float
    previous_text: str
    text: str
    path: str
    line: int

    @property
    def rounded_score(self) -> float:
        """``score`` to one decimal, as the JSON shows it."""
        return round(self.score, 1)


@dataclass(frozen=True)
class UndatedNote:
    """A note the ledger could not date: its TODOs have no age and are never undone."""

    path: str
    reason: str  # one line, for a person: what was looked for and what was found
    todos: int  # how many TODOs of the note this leaves without a date


@dataclass(eq=False)
class LedgerEntry:
    id: str
    owner: str | None
    login: str | None
    issue: str | None = None  # "owner/repo#N" when bound to an issue of the sync repo
    occurrences: list[Occurrence] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # The ids older releases gave the TODO that opened the entry
    # (:func:`~notes_lint.identity.former_todo_ids`): sync finds its issue under them too.
    former_ids: tuple[str, ...] = ()
    _key: str = ""

    @property
    def text(self) -> str:
        return self.occurrences[-1].text

    @property
    def first(self) -> Occurrence:
        return self.occurrences[0]

    @property
    def latest(self) -> Occurrence:
        return self.occurrences[-1]

    @property
    def done(self) -> bool:
        return self.latest.done

    @property
    def carried_over(self) -> int:
        """How many later notes repeated the TODO after the one that introduced it."""
        return len({o.path for o in self.occurrences}) - 1

    def age_days(self, today: dt.date) -> int | None:
        if self.first.date is None:
            return None
        return max((today - from_iso(self.first.date)).days, 0)

    def is_undone(self, today: dt.date, grace_days: int) -> bool:
        age = self.age_days(today)
        return not self.done and age is not None and age > grace_days

    def status(self, today: dt.date, grace_days: int) -> str:
        if self.done:
            return "done"
        return "undone" if self.is_undone(today, grace_days) else "open"


@dataclass
class Ledger:
    entries: list[LedgerEntry]
    today: dt.date
    grace_days: int = DEFAULT_GRACE_DAYS
    notes: int = 0
    undated: list[UndatedNote] = field(default_factory=list)

    def entry(self, entry_id: str) -> LedgerEntry | None:
        return next(
            (e for e in self.entries if e.id == entry_id or e.id.startswith(entry_id)), None
        )

    def json_document(self, entries: list[LedgerEntryJSON]) -> LedgerJSON:
        """The ledger as ``todos --format json`` writes it, with ``entries``."""
        return LedgerJSON(
            today=self.today.isoformat(),
            grace_days=self.grace_days,
            notes=self.notes,
            undated=self.undated,
            entries=entries,
        )

    def entry_json(self, entry: LedgerEntry) -> LedgerEntryJSON:
        """One entry as the JSON shows it: what it is, and its status on ``today``."""
        return LedgerEntryJSON(
            id=entry.id,
            owner=entry.owner,
            login=entry.login,
            text=entry.text,
            issue=entry.issue,
            status=entry.status(self.today, self.grace_days),
            done=entry.done,
            first_seen=entry.first.date,
            last_seen=entry.latest.date,
            age_days=entry.age_days(self.today),
            carried_over=entry.carried_over,
            occurrences=entry.occurrences,
            evidence=[
                msgspec.convert(e, EvidenceJSON, from_attributes=True) for e in entry.evidence
            ],
        )


class EvidenceJSON(msgspec.Struct):
    """:class:`Evidence` as the JSON shows it (the score to one decimal)."""

    reason: str
    rounded_score: float = msgspec.field(name="score")
    previous_text: str
    text: str
    path: str
    line: int


class LedgerEntryJSON(msgspec.Struct):
    """A :class:`LedgerEntry` in ``todos --format json`` (``schema/ledger.schema.json``).

    Occurrences are written field by field, in :class:`Occurrence`'s order.
    """

    id: str
    owner: str | None
    login: str | None
    text: str
    issue: str | None
    status: str  # "open" | "undone" | "done", on the ledger's ``today``
    done: bool
    first_seen: str | None
    last_seen: str | None
    age_days: int | None
    carried_over: int
    occurrences: list[Occurrence]
    evidence: list[EvidenceJSON]


class LedgerJSON(msgspec.Struct, kw_only=True):
    """The ledger's JSON document: a header, then its entries (written one by one)."""

    version: int = 1
    today: str
    grace_days: int
    notes: int
    undated: list[UndatedNote]
    entries: list[LedgerEntryJSON]


def note_date(note: Note) -> str | None:
    """The date a note is filed under: its stated date, else the one in its file name.

    A stated month (``# January 2023``) gives way to a day of that month in the file
    name (``2023-01-17.md``); else it is the month's first day.
    """
    if note.date is not None and note.date.value:
        if (
            note.date.precision == "month"
            and note.filename_date is not None
            and note.filename_date_precision == "day"
            and note.filename_date[:7] == note.date.value[:7]
        ):
            return note.filename_date
        return note.date.value
    return note.filename_date


def undated_reason(note: Note) -> str | None:
    """Why :func:`note_date` gives ``note`` no date (one line), or None when it has one."""
    if note_date(note) is not None:
        return None
    stated = note.date
    if stated is None:
        found = "no date where the config looks for one"
    elif stated.year == "missing":
        found = f"'{stated.text}' has no year"
    elif stated.not_a_day is not None:
        found = f"'{stated.not_a_day}' in '{stated.text}' is not a real day"
    else:
        found = f"no date in an accepted format in '{stated.text}'"
    return f"{found}, and its file name and folders hold no date"


# A full, collapsed or shortcut reference link as written: ``[text][label]``, ``[text][]``,
# ``[text]`` (its text in group 1).  Negated classes only: linear.
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]*)\](?:\[[^\[\]\n]*\])?")


def bound_issue(
    text: str, repo: str | None, references: Sequence[tuple[str, str]] = ()
) -> str | None:
    """``repo#N`` (``repo`` as given) when the TODO's text links issue or pull N of
    ``repo`` (the sync repository), else None.

    Links are read as GitHub reads them (:func:`notes_lint.urls.find_links`), and a link's
    own URL decides what it binds, whatever its text says: a link to a GitHub issue or
    pull binds to that URL's item (``[#7](…/other/thing/pull/7)`` is ``other/thing#7``: not
    bound), any other link binds nothing (``[the #4 thread](https://lists.example.org/x)``
    is a mail thread, not issue 4: GitHub links its text there, not to the issue).
    ``references``: the TODO's reference-style links (:attr:`~notes_lint.model.Todo.references`:
    text and URL): ``[#15][ref]``, ``[#15][]`` or ``[#15]`` with a definition is a link,
    bound by its URL as an inline one is; without a definition it is plain text.
    Repositories compare without case, as GitHub's do.  A ``#N`` or ``OWNER/NAME#N``
    written in plain text, outside every link, binds to the repository it names, ``repo``
    when it names none."""
    if not repo:
        return None
    outside: list[str] = []
    at = 0
    for link in find_links(text):
        bound = _bound_by_url(link.href, repo)
        if bound is not None:
            return bound
        outside.append(text[at : link.start])
        at = link.end
    outside.append(text[at:])
    plain = " ".join(outside)
    if references:
        urls = dict(references)
        kept: list[str] = []
        at = 0
        for label in _REFERENCE_LINK.finditer(plain):
            url = urls.get(label[1])
            if url is None:
                continue  # no definition: GitHub shows the brackets and their text
            bound = _bound_by_url(url, repo)
            if bound is not None:
                return bound
            kept.append(plain[at : label.start()])
            at = label.end()
        plain = " ".join([*kept, plain[at:]])
    for match in REFERENCE_IN_TEXT.finditer(plain):
        named = match["repo"]
        if named is None or named.lower() == repo.lower():
            return f"{repo}#{match['number']}"
    return None


def _bound_by_url(url: str, repo: str) -> str | None:
    """``repo#N`` when ``url`` is GitHub's URL of issue or pull N of ``repo``."""
    info = classify(url)
    item = info.kind in ("github-issue", "github-pull") and info.number is not None
    if item and (info.repo or "").lower() == repo.lower():
        return f"{repo}#{info.number}"
    return None


def _owner_key(todo: Todo) -> str:
    """The person who owns ``todo`` (:func:`notes_lint.people.person_key`; ``""``: no one)."""
    return person_key(todo.owner or "")


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def build_ledger(
    notes: Iterable[Note],
    *,
    today: dt.date | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
    repo: str | None = None,
) -> Ledger:
    """Merge the TODOs of ``notes`` into ledger entries (one pass, date order).

    Owners are people (:func:`notes_lint.people.person_key`): ``Loïc`` and ``Loic`` own
    the same entries, and every entry of one person shows one spelling, the first the
    notes write in date order (a TODO's owner is already the roster's spelling when the
    roster holds the person).
    """
    ordered = sorted(notes, key=lambda n: (note_date(n) or "9999-99-99", n.path))
    entries: list[LedgerEntry] = []
    by_id: dict[str, LedgerEntry] = {}  # a TODO's id: its owner and normalised text (§7)
    by_issue: dict[tuple[str, str], LedgerEntry] = {}
    spellings: dict[str, str] = {}  # person key -> the owner's spelling the ledger shows
    previous_note_entries: list[LedgerEntry] = []
    undated: list[UndatedNote] = []
    for note in ordered:
        date = note_date(note)
        reason = undated_reason(note)
        if reason is not None:
            todos = sum(1 for t in note.todos if t.text.strip())
            undated.append(UndatedNote(note.path, reason, todos))
        this_note_entries: list[LedgerEntry] = []
        for todo in note.todos:
            if not todo.text.strip():
                continue
            owner = _owner_key(todo)
            key = normalize_text(todo.text)
            issue = bound_issue(todo.text, repo, todo.references)
            occurrence = Occurrence(
                note.path, todo.line, todo.col, date, todo.text, todo.done, todo.section
            )
            entry = by_id.get(todo.id)
            if entry is None and issue is not None:
                entry = by_issue.get((owner, issue))
                if entry is not None:
                    entry.evidence.append(
                        Evidence("same-issue", 100.0, entry.text, todo.text, note.path, todo.line)
                    )
            if entry is None:
                entry = _similar_carried_over(owner, key, previous_note_entries, this_note_entries)
                if entry is not None:
                    score = _similarity(entry._key, key)
                    entry.evidence.append(
                        Evidence("similar-text", score, entry.text, todo.text, note.path, todo.line)
                    )
            if entry is None:
                shown = spellings.setdefault(owner, todo.owner or "") if owner else todo.owner
                older = todo.former_id_texts
                former = tuple(former_todo_ids(todo.owner, todo.identity_text, older))
                entry = LedgerEntry(todo.id, shown, todo.login, issue, former_ids=former, _key=key)
                entries.append(entry)
            entry.occurrences.append(occurrence)
            entry._key = key
            entry.login = entry.login or todo.login
            if issue is not None:
                entry.issue = entry.issue or issue
                by_issue.setdefault((owner, issue), entry)
            by_id[todo.id] = entry
            this_note_entries.append(entry)
        if this_note_entries:
            previous_note_entries = this_note_entries
    return Ledger(entries, today or dates.today(), grace_days, notes=len(ordered), undated=undated)


def _similar_carried_over(
    owner: str,
    key: str,
    previous: list[LedgerEntry],
    current: list[LedgerEntry],
) -> LedgerEntry | None:
    """The previous note's entry of the same owner whose text this one edits, if any."""
    best: tuple[float, LedgerEntry] | None = None
    for entry in previous:
        if person_key(entry.owner or "") != owner or any(e is entry for e in current):
            continue
        score = _similarity(entry._key, key)
        if score >= SIMILARITY_THRESHOLD and (best is None or score > best[0]):
            best = (score, entry)
    return best[1] if best else None
