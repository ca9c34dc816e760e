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
from typing import Any

from notes_lint.ledger import Ledger, LedgerEntry

MARKER = "<!-- notes-lint:todo={id} -->"
BEGIN = "<!-- notes-lint:begin -->"
END = "<!-- notes-lint:end -->"
TITLE_LIMIT = 256
BODY_LIMIT = 65_536
DEFAULT_LABELS = ("meeting-todo",)
DEFAULT_MAX_CREATE = 20

_MARKER_RE = re.compile(r"<!-- notes-lint:todo=([0-9a-f]{12}) -->")
_BLOB_REF = re.compile(r"/blob/[^/\s)]+/")
_MENTION = re.compile(r"(?<![\w`])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\b")


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

    @property
    def todo_id(self) -> str | None:
        """The TODO id of the tool's marker, outside any text it quotes."""
        match = _MARKER_RE.search(self.body or "")
        return match[1] if match else None


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

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.kind,
            "todo": self.entry_id,
            "issue": self.number,
            "summary": self.summary,
            "title": self.title,
            "assignee": self.assignee,
            "labels": list(self.labels),
            "comment": self.comment,
            "note": self.note,
        }


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    unchanged: int = 0
    repo: str = ""

    @property
    def writes(self) -> list[Action]:
        return [a for a in self.actions if a.kind != "defer"]

    @property
    def deferred(self) -> list[Action]:
        return [a for a in self.actions if a.kind == "defer"]


# ----------------------------------------------------------------- issue text


def neutralize(text: str, keep: str | None = None) -> str:
    """Make the text safe to post: no forged markers, no pings except ``keep``'s."""
    text = text.replace("<!--", "&lt;!--").replace("-->", "--&gt;")

    def quiet(match: re.Match[str]) -> str:
        if keep and match[1].lower() == keep.lower():
            return match[0]
        return f"`@{match[1]}`"

    return _MENTION.sub(quiet, text)


def issue_title(text: str) -> str:
    """The TODO's text as a one-line title, cut on a word boundary to GitHub's limit."""
    title = " ".join(text.split())
    title = title.replace("<!--", "&lt;!--")
    if len(title) <= TITLE_LIMIT:
        return title or "(empty TODO)"
    cut = title[: TITLE_LIMIT - 1]
    space = cut.rfind(" ")
    if space > TITLE_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def _permalink(settings: SyncSettings, path: str, line: int) -> str:
    ref = settings.ref or settings.default_branch
    return f"{settings.server_url.rstrip('/')}/{settings.repo}/blob/{ref}/{path}#L{line}"


def tool_section(
    entry: LedgerEntry, settings: SyncSettings, unassigned_reason: str | None = None
) -> str:
    """The part of the body the tool owns, between its begin and end markers."""
    first = entry.first
    owner = entry.owner or "nobody yet"
    if entry.login:
        owner += f" (@{entry.login})"
    lines = [
        BEGIN,
        f"**TODO:** {neutralize(entry.text, entry.login)}",
        "",
        f"**Owner:** {neutralize(owner, entry.login)}",
        f"**Meeting:** {first.date or 'undated'} — [{first.path}:{first.line}]({_permalink(settings, first.path, first.line)})",
    ]
    later = entry.occurrences[1:]
    if later:
        lines.append(
            "**Carried over in:** "
            + ", ".join(
                f"[{o.date or o.path}]({_permalink(settings, o.path, o.line)})" for o in later
            )
        )
    if unassigned_reason:
        lines.append(f"**Not assigned:** {unassigned_reason}")
    lines += [
        "",
        "_Opened by notes-lint from the meeting notes; it closes this issue when a later note marks the TODO done._",
        MARKER.format(id=entry.id),
        END,
    ]
    section = "\n".join(lines)
    if len(section) > BODY_LIMIT - 1000:
        # Huge TODO texts or endless carry-overs: keep the marker, drop the middle.
        head = "\n".join(lines[:5])[: BODY_LIMIT // 2]
        section = "\n".join([head, "…", MARKER.format(id=entry.id), END])
    return section


def replace_tool_section(body: str, section: str) -> str:
    """Swap the tool's section in ``body``, keeping whatever humans wrote around it."""
    start, end = body.find(BEGIN), body.find(END)
    if start == -1 or end == -1 or end < start:
        return section + ("\n\n" + body if body.strip() else "")
    return body[:start] + section + body[end + len(END) :]


def _tool_part(body: str) -> str:
    start, end = body.find(BEGIN), body.find(END)
    return body[start : end + len(END)] if start != -1 and end > start else ""


# ------------------------------------------------------------------- planning


def _closed_on(issue: ExistingIssue) -> str | None:
    return issue.closed_at[:10] if issue.closed_at else None


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
                        comment=f"Duplicate of #{keep.number}: notes-lint keeps one issue per TODO.",
                    )
                )
    return actions


def plan_sync(
    ledger: Ledger,
    existing_issues: Iterable[ExistingIssue],
    settings: SyncSettings,
    assignable: Mapping[str, bool] | None = None,
) -> Plan:
    """The actions that bring the repository's issues in line with the ledger."""
    assignable = {k.lower(): v for k, v in (assignable or {}).items()}
    groups = group_by_marker(existing_issues)
    plan = Plan(repo=settings.repo)
    plan.actions.extend(duplicate_actions(groups))
    creates = 0
    for entry in ledger.entries:
        issues = groups.get(entry.id)
        if not issues:
            if not entry.is_undone(ledger.today, ledger.grace_days):
                continue
            assignee, why = _assignee(entry, settings, assignable)
            title = issue_title(entry.text)
            if creates >= settings.max_create:
                plan.actions.append(
                    Action(
                        "defer",
                        entry.id,
                        f"not created (--max-create {settings.max_create} reached): {title}",
                        title=title,
                    )
                )
                continue
            creates += 1
            plan.actions.append(
                Action(
                    "create",
                    entry.id,
                    f"create: {title}" + (f" → @{assignee}" if assignee else ""),
                    title=title,
                    body=tool_section(entry, settings, why),
                    labels=settings.labels,
                    assignee=assignee,
                    note=why,
                )
            )
            continue
        issue = issues[0]
        section = tool_section(entry, settings, _unassigned_note(issue))
        if entry.done:
            if issue.state == "open" and settings.close_done:
                plan.actions.append(
                    _state_change(
                        "close",
                        entry,
                        issue,
                        section,
                        settings,
                        f"close #{issue.number}: done in {entry.latest.path}",
                        "Marked done in the meeting notes of",
                    )
                )
                continue
        elif issue.state == "closed":
            closed = _closed_on(issue)
            latest = entry.latest.date
            # Open again in a note after the one that marked it done, or in a note
            # dated after the issue was closed. "Not planned" is a human's call: kept.
            reopened = issue.state_reason != "not_planned" and (
                any(o.done for o in entry.occurrences[:-1])
                or (latest is not None and closed is not None and latest > closed)
            )
            if reopened:
                plan.actions.append(
                    _state_change(
                        "reopen",
                        entry,
                        issue,
                        section,
                        settings,
                        f"reopen #{issue.number}: open again in {entry.latest.path}",
                        "Listed as open again in the meeting notes of",
                    )
                )
                continue
        if issue.state == "open" and _comparable(_tool_part(issue.body)) != _comparable(section):
            plan.actions.append(
                Action(
                    "update",
                    entry.id,
                    f"update #{issue.number}: the TODO changed",
                    number=issue.number,
                    body=replace_tool_section(issue.body, section),
                )
            )
        else:
            plan.unchanged += 1
    return plan


def _state_change(
    kind: str,
    entry: LedgerEntry,
    issue: ExistingIssue,
    section: str,
    settings: SyncSettings,
    summary: str,
    lead: str,
) -> Action:
    """Close or reopen, with a comment linking the note that says so."""
    where = entry.latest
    link = f"[{where.path}:{where.line}]({_permalink(settings, where.path, where.line)})"
    return Action(
        kind,
        entry.id,
        summary,
        number=issue.number,
        body=replace_tool_section(issue.body, section),
        comment=f"{lead} {where.date or 'an undated meeting'}: {link}.",
    )


def _comparable(section: str) -> str:
    """A section with its permalinks' commit set aside: a new commit alone is no change."""
    return _BLOB_REF.sub("/blob/*/", section)


def _unassigned_note(issue: ExistingIssue) -> str | None:
    """Keep an existing issue's 'Not assigned' line stable across runs."""
    match = re.search(r"^\*\*Not assigned:\*\* (.+)$", _tool_part(issue.body), re.MULTILINE)
    return match[1] if match else None
