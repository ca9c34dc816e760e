"""Planning the follow-up issues on GitHub (PRODUCT.md §8), without any network call.

:func:`plan_sync` compares the ledger with the repository's existing issues and
returns the actions that make GitHub match the notes: create an issue per TODO
left undone, close it when a later note marks the TODO done, reopen it when a
later note lists it open again, refresh the tool's part of its body when the
TODO changed, and close duplicates.  Identity lives in GitHub: each issue body
carries ``<!-- notes-lint:todo=ID -->``, so runs are stateless and converge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

import msgspec

from notes_lint.identity import former_todo_ids, todo_id
from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.mdescape import literal
from notes_lint.sync_mentions import WORD_JOINER, quiet_markdown
from notes_lint.truncate import truncate
from notes_lint.urls import is_login

MARKER = "<!-- notes-lint:todo={id} -->"
BEGIN = "<!-- notes-lint:begin -->"
END = "<!-- notes-lint:end -->"
TITLE_LIMIT = 256
BODY_LIMIT = 65_536
DEFAULT_LABELS = ("meeting-todo",)
DEFAULT_MAX_CREATE = 20
#: Starts the section's line that names the note which marked the TODO done.
DONE_LINE = "**Marked done:** "
#: Closes by a person that the tool never undoes (GitHub's ``state_reason``).
KEPT_CLOSED = frozenset({"not_planned", "duplicate"})
#: Hidden markers of the tool's comments, one per kind of state change.
COMMENT_MARKERS = {
    "close": "<!-- notes-lint:closed -->",
    "reopen": "<!-- notes-lint:reopened -->",
    "close-duplicate": "<!-- notes-lint:duplicate -->",
}

# The TODO's marker, and the end marker right after it (any line end, or none).
_TODO_MARKER_RE = re.compile(r"<!-- notes-lint:todo=([0-9a-f]{12}) -->")
_END_AFTER_MARKER = re.compile(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*" + re.escape(END))
_LINE_ENDS = re.compile(r"\r\n?")
_BLOB_REF = re.compile(r"/blob/[^/\s)]+/")
_AT_LOGIN = re.compile(r"@(?=[A-Za-z0-9])")  # in plain text, where "&" is escaped
_TEXT_LIMIT = 12_000  # characters of TODO text in a body; escaping can grow it fourfold
_CARRIED_LIMIT = 50  # carry-over links listed; the rest are counted


@dataclass(frozen=True)
class ExistingIssue:
    """What a listing of the label's issues tells about one issue."""

    number: int
    title: str
    body: str
    state: str  # "open" | "closed"
    state_reason: str | None = None
    closed_at: str | None = None  # ISO timestamp
    assignees: tuple[str, ...] = ()

    comments: int = 0  # how many comments the listing counted

    @property
    def todo_id(self) -> str | None:
        """The TODO id of the marker in the tool's section (:func:`_section_bounds`), if any."""
        bounds = _section_bounds(self.body or "")
        return bounds[2] if bounds else None


@dataclass(frozen=True)
class SyncSettings:
    repo: str
    labels: tuple[str, ...] = DEFAULT_LABELS
    assign: str = "owner"  # "owner" | "none"
    close_done: bool = True
    max_create: int = DEFAULT_MAX_CREATE
    server_url: str = "https://github.com"
    ref: str | None = None  # commit for permalinks (GITHUB_SHA), else the default branch
    default_branch: str = "HEAD"
    since: str | None = None  # ISO date: TODOs first seen before it get no new issue
    find_by: str = "creator"  # "creator" | "all": which issues the listing reads


@dataclass
class Action:
    kind: str  # "create" | "close" | "reopen" | "update" | "close-duplicate" | "defer"
    entry_id: str
    summary: str
    number: int | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()
    assignee: str | None = None
    comment: str | None = None
    note: str | None = None  # why an assignee is missing, why an action is deferred


class ActionJSON(msgspec.Struct):
    """An :class:`Action` as ``sync --format json`` shows it (its issue body left out).

    Filled from the action's attributes (``msgspec.convert(..., from_attributes=True)``);
    the JSON names differ from the attributes' where ``name=`` says.
    """

    kind: str = msgspec.field(name="action")
    entry_id: str = msgspec.field(name="todo")
    number: int | None = msgspec.field(name="issue")
    summary: str
    title: str | None
    assignee: str | None
    labels: list[str]
    comment: str | None
    note: str | None


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    unchanged: int = 0
    repo: str = ""
    since: str | None = None
    before_since: int = 0  # undone TODOs first seen before ``since``, without an issue

    @property
    def writes(self) -> list[Action]:
        return [a for a in self.actions if a.kind != "defer"]

    @property
    def deferred(self) -> list[Action]:
        return [a for a in self.actions if a.kind == "defer"]


# ----------------------------------------------------------------- issue text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quiet_mentions(text: str) -> str:
    return _AT_LOGIN.sub("@" + WORD_JOINER, text)


def neutralize(text: str) -> str:
    """Markdown from a note, made safe to post inside the tool's section.

    One line (a newline could start a line the tool reads back); every ``<``
    outside code becomes ``&lt;`` (no HTML, so no marker, begin or end comment
    can be forged whatever the note holds); nobody is mentioned as GitHub
    renders it, and code spans keep their text byte for byte
    (:func:`notes_lint.sync_mentions.quiet_markdown`).  The rest stays
    Markdown: links, emphasis and code spans render.
    """
    return quiet_markdown(text)


def plain(text: str) -> str:
    """Any text that is not Markdown (names, logins, paths, dates): shown as written.

    Like :func:`neutralize`, and each character that makes Markdown (emphasis,
    links, code spans, table cells, strikethrough) is backslash-escaped, ``&``
    and ``<`` as entities, so nothing but the text itself comes out of it.
    """
    return _quiet_mentions(literal(_one_line(text)))


def issue_title(text: str) -> str:
    """The TODO's text as a one-line title, cut on a word boundary to GitHub's limit."""
    title = _one_line(text)
    title = title.replace("<!--", "&lt;!--")
    if not title:
        return "(empty TODO)"
    return truncate(title, TITLE_LIMIT, at_word=True, trim=" ,.;:")


def _permalink(settings: SyncSettings, path: str, line: int) -> str:
    """The note's line on the server; every part from outside is percent-encoded."""
    ref = quote(settings.ref or settings.default_branch, safe="")
    return (
        f"{settings.server_url.rstrip('/')}/{quote(settings.repo, safe='/')}"
        f"/blob/{ref}/{quote(path, safe='/')}#L{line}"
    )


def _link(label: str, settings: SyncSettings, path: str, line: int) -> str:
    return f"[{plain(label)}]({_permalink(settings, path, line)})"


def tool_section(
    entry: LedgerEntry, settings: SyncSettings, unassigned_reason: str | None = None
) -> str:
    """The part of the body the tool owns, between its begin and end markers.

    Every piece taken from a note is escaped (:func:`neutralize` for the TODO's
    Markdown, :func:`plain` for owners, logins, paths, dates and reasons); the
    only mention is the owner's login, written by the tool itself.  The section
    stays under :data:`BODY_LIMIT` by cutting the text and counting the
    carry-overs past :data:`_CARRIED_LIMIT`; the marker always ends it.
    """
    text_limit = _TEXT_LIMIT
    while True:
        section = _section(entry, settings, unassigned_reason, text_limit)
        if len(section) <= BODY_LIMIT - 1000 or text_limit < 100:
            return section
        text_limit //= 2


def _section(
    entry: LedgerEntry, settings: SyncSettings, unassigned_reason: str | None, text_limit: int
) -> str:
    first = entry.first
    owner = plain(truncate(entry.owner, 200, at_word=True)) if entry.owner else "nobody yet"
    if entry.login:
        owner += (
            f" (@{plain(entry.login)})" if is_login(entry.login) else f" ({plain(entry.login)})"
        )
    date = plain(first.date) if first.date else "undated"
    lines = [
        BEGIN,
        f"**TODO:** {neutralize(truncate(entry.text, text_limit, at_word=True))}",
        "",
        f"**Owner:** {owner}",
        f"**Meeting:** {date} — {_link(f'{first.path}:{first.line}', settings, first.path, first.line)}",
    ]
    later = entry.occurrences[1:]
    if later:
        shown = later[-_CARRIED_LIMIT:]
        links = [_link(o.date or o.path, settings, o.path, o.line) for o in shown]
        if len(later) > len(shown):
            links.insert(0, f"{len(later) - len(shown)} earlier meetings")
        lines.append("**Carried over in:** " + ", ".join(links))
    if entry.done:
        done = entry.latest
        when = plain(done.date) if done.date else "undated"
        lines.append(
            f"{DONE_LINE}{when} — {_link(f'{done.path}:{done.line}', settings, done.path, done.line)}"
        )
    if unassigned_reason:
        lines.append(f"**Not assigned:** {plain(unassigned_reason)}")
    lines += [
        "",
        "_Opened by notes-lint from the meeting notes; it closes this issue when a later note marks the TODO done._",
        MARKER.format(id=entry.id),
        END,
    ]
    return "\n".join(lines)


def _section_bounds(body: str) -> tuple[int, int, str] | None:
    """``(start, end, todo id)`` of the tool's section in ``body``, or ``None`` without a marker.

    The TODO's marker alone identifies the issue, as a person may have left the
    body: GitHub's web editor saves it with CRLF line ends, and a begin or end
    marker line may be deleted by mistake.  The section runs from the first
    begin marker to the first TODO marker after it, and on to the end marker
    when that follows the TODO marker (across any line end).  Without a begin
    marker it is the first TODO marker (and its end marker) alone, so an update
    rewrites the markers and never replaces a person's words.  Everything the
    tool writes between its markers is escaped (no ``<!--`` from a note), so the
    first TODO marker after the begin marker is the tool's own.
    """
    begin = body.find(BEGIN)
    marker = _TODO_MARKER_RE.search(body, begin + len(BEGIN)) if begin != -1 else None
    if marker is None:
        begin = -1
        marker = _TODO_MARKER_RE.search(body)
        if marker is None:
            return None
    end = marker.end()
    tail = _END_AFTER_MARKER.match(body, end)
    if tail:
        end = tail.end()
    return (begin if begin != -1 else marker.start(), end, marker[1])


def replace_tool_section(body: str, section: str) -> str:
    """Swap the tool's section in ``body``, keeping whatever humans wrote around it."""
    bounds = _section_bounds(body)
    if bounds is None:
        return section + ("\n\n" + body if body.strip() else "")
    return body[: bounds[0]] + section + body[bounds[1] :]


def _tool_part(body: str) -> str:
    bounds = _section_bounds(body)
    return body[bounds[0] : bounds[1]] if bounds else ""


# ------------------------------------------------------------------- planning


def _closed_on(issue: ExistingIssue, entry: LedgerEntry) -> str | None:
    """The day the issue was closed, as the notes see it (``YYYY-MM-DD``), if known.

    A close by the tool (its section has the :data:`DONE_LINE` it writes when
    closing) dates from the note that marked the TODO done, whenever the run
    came; any other close dates from GitHub's ``closed_at``.
    """
    if re.search("^" + re.escape(DONE_LINE), _tool_part(issue.body), re.MULTILINE):
        done = [o.date for o in entry.occurrences if o.done and o.date]
        if done:
            return max(done)
    return issue.closed_at[:10] if issue.closed_at else None


def _listed_after_close(entry: LedgerEntry, issue: ExistingIssue) -> bool:
    """Whether a closed issue is reopened: its TODO, open, is in a note dated after the close.

    A close as "not planned" or "duplicate" is a person's decision, never
    undone.  A person's close (``completed``) is undone only by a note dated
    after the day of the close; a note of that day or before was already known.
    Without a close date (never from GitHub), a note after one that marked the
    TODO done reopens it.
    """
    if issue.state_reason in KEPT_CLOSED:
        return False
    closed = _closed_on(issue, entry)
    latest = entry.latest.date
    if closed is None:
        return any(o.done for o in entry.occurrences[:-1])
    return latest is not None and latest > closed


def _assignee(
    entry: LedgerEntry, settings: SyncSettings, assignable: Mapping[str, bool]
) -> tuple[str | None, str | None]:
    if settings.assign == "none":
        return None, None
    if entry.owner is None:
        return None, "the TODO names no owner"
    if not entry.login:
        return None, f"{entry.owner} has no GitHub login in the roster (people:)"
    if not assignable.get(entry.login.lower(), False):
        return None, f"@{entry.login} cannot be assigned issues in {settings.repo}"
    return entry.login, None


def group_by_marker(issues: Iterable[ExistingIssue]) -> dict[str, list[ExistingIssue]]:
    """The tool's issues by TODO id, lowest number first; issues without a marker are ignored."""
    groups: dict[str, list[ExistingIssue]] = {}
    for issue in issues:
        todo = issue.todo_id
        if todo is not None:
            groups.setdefault(todo, []).append(issue)
    for group in groups.values():
        group.sort(key=lambda i: i.number)
    return groups


def duplicate_actions(groups: Mapping[str, Sequence[ExistingIssue]]) -> list[Action]:
    """Close every open issue that repeats the marker of a lower-numbered one."""
    actions = []
    for todo, group in groups.items():
        keep = group[0]
        for other in group[1:]:
            if other.state == "open":
                actions.append(
                    Action(
                        "close-duplicate",
                        todo,
                        f"close #{other.number} as a duplicate of #{keep.number}",
                        number=other.number,
                        comment=(
                            f"Duplicate of #{keep.number}: notes-lint keeps one issue per TODO."
                            f"\n\n{COMMENT_MARKERS['close-duplicate']}"
                        ),
                    )
                )
    return actions


def plan_sync(
    ledger: Ledger,
    existing_issues: Iterable[ExistingIssue],
    settings: SyncSettings,
    assignable: Mapping[str, bool] | None = None,
) -> Plan:
    """The actions that bring the repository's issues in line with the ledger.

    ``existing_issues``: the repository's issues; the tool's are told by the
    marker in their body alone (labels, title and state may be a human's).  A
    TODO first seen before ``settings.since`` gets no new issue (counted in
    ``Plan.before_since``); one it already has is still closed, reopened and
    updated.  ``assignable``: login (any case) → whether it can be assigned.
    """
    assignable = {k.lower(): v for k, v in (assignable or {}).items()}
    groups = group_by_marker(existing_issues)
    plan = Plan(repo=settings.repo, since=settings.since)
    plan.actions.extend(duplicate_actions(groups))
    creates = 0
    for entry in ledger.entries:
        issues = groups.get(entry.id) or _former_issues(entry, groups)
        if issues:
            action = follow_up(entry, issues[0], settings)
            if action is None:
                plan.unchanged += 1
            else:
                plan.actions.append(action)
            continue
        if not entry.is_undone(ledger.today, ledger.grace_days):
            continue
        if settings.since and entry.first.date and entry.first.date < settings.since:
            plan.before_since += 1  # an issue it already has is still closed and updated
            continue
        action = new_issue(entry, settings, assignable, creates < settings.max_create)
        creates += action.kind == "create"
        plan.actions.append(action)
    return plan


def _former_issues(
    entry: LedgerEntry, groups: Mapping[str, list[ExistingIssue]]
) -> list[ExistingIssue] | None:
    """The issues filed under an id an older release gave ``entry``
    (:func:`~notes_lint.identity.former_todo_ids`, newest first), if any.  Newest is the id
    of the whole text, due phrase and all: a release that did not read that phrase as a
    due date gave it (``deadline 2021-09-01`` before ``deadline`` was a due keyword)."""
    unread = todo_id(entry.owner, entry.first.text)
    formers = former_todo_ids(entry.owner, entry.first.text)
    for former in [unread, *formers] if unread != entry.id else formers:
        if former in groups:
            return groups[former]
    return None


def new_issue(
    entry: LedgerEntry, settings: SyncSettings, assignable: Mapping[str, bool], room: bool
) -> Action:
    """The ``create`` of an issue for an undone TODO that has none, or its ``defer`` when
    the run has no ``room`` left (``--max-create`` reached).  ``assignable``: lower-case
    login → whether it can be assigned."""
    assignee, why = _assignee(entry, settings, assignable)
    title = issue_title(entry.text)
    if not room:
        return Action(
            "defer",
            entry.id,
            f"not created (--max-create {settings.max_create} reached): {title}",
            title=title,
        )
    return Action(
        "create",
        entry.id,
        f"create: {title}" + (f" → @{assignee}" if assignee else ""),
        title=title,
        body=tool_section(entry, settings, why),
        labels=settings.labels,
        assignee=assignee,
        note=why,
    )


def follow_up(entry: LedgerEntry, issue: ExistingIssue, settings: SyncSettings) -> Action | None:
    """What the TODO's existing ``issue`` needs: ``close`` (done, when ``close-done``),
    ``reopen`` (listed open in a note after the close), ``update`` (an open issue whose
    tool section changed), or None (nothing)."""
    section = tool_section(entry, settings, _unassigned_note(entry, issue, settings))
    if entry.done:
        if issue.state == "open" and settings.close_done:
            return _state_change(
                "close",
                entry,
                issue,
                section,
                settings,
                f"close #{issue.number}: done in {entry.latest.path}",
                "Marked done in the meeting notes of",
            )
    elif issue.state == "closed" and _listed_after_close(entry, issue):
        return _state_change(
            "reopen",
            entry,
            issue,
            section,
            settings,
            f"reopen #{issue.number}: open again in {entry.latest.path}",
            "Listed as open again in the meeting notes of",
        )
    if issue.state == "open" and _comparable(_tool_part(issue.body)) != _comparable(section):
        return Action(
            "update",
            entry.id,
            f"update #{issue.number}: the TODO changed",
            number=issue.number,
            body=replace_tool_section(issue.body, section),
        )
    return None


def _state_change(
    kind: str,
    entry: LedgerEntry,
    issue: ExistingIssue,
    section: str,
    settings: SyncSettings,
    summary: str,
    lead: str,
) -> Action:
    """Close or reopen, with a comment linking the note that says so (and the kind's marker)."""
    where = entry.latest
    link = _link(f"{where.path}:{where.line}", settings, where.path, where.line)
    date = plain(where.date) if where.date else "an undated meeting"
    return Action(
        kind,
        entry.id,
        summary,
        number=issue.number,
        body=replace_tool_section(issue.body, section),
        comment=f"{lead} {date}: {link}.\n\n{COMMENT_MARKERS[kind]}",
    )


def _comparable(section: str) -> str:
    """A section with its permalinks' commit and line ends set aside (a new commit, or the
    CRLF of GitHub's web editor, alone is no change)."""
    return _BLOB_REF.sub("/blob/*/", _LINE_ENDS.sub("\n", section))


def _unassigned_note(
    entry: LedgerEntry, issue: ExistingIssue, settings: SyncSettings
) -> str | None:
    """Keep an existing issue's 'Not assigned' line across runs, rewritten from the ledger.

    The line is never copied from the body (a body is GitHub's answer, not ours
    to trust): when the section has one, the reason is worked out again as if
    the owner's login could not be assigned, which is why the line was written.
    """
    if not re.search(r"^\*\*Not assigned:\*\* ", _tool_part(issue.body), re.MULTILINE):
        return None
    return _assignee(entry, settings, {})[1]
