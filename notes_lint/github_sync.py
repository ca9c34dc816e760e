"""Carrying out a sync plan through PyGithub (imported only on this path).

Reads: one listing of the label's issues (``state=all``, 100 per page) and one
assignability check per distinct login.  Writes go through PyGithub's own
pacing (``seconds_between_writes``) and its retry of secondary rate limits,
which honours ``Retry-After``.  Creating an issue is not idempotent, so after
creating the run lists again and closes duplicates (lowest number wins); two
runs at once converge the same way.  The token never appears in a message.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from notes_lint.errors import UsageError
from notes_lint.sync import Action, ExistingIssue, Plan, duplicate_actions, group_by_marker

if TYPE_CHECKING:
    from github.Repository import Repository

DEFAULT_API_URL = "https://api.github.com"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class SyncError(Exception):
    """GitHub refused or failed; the message is safe to print (no token)."""


@dataclass
class ApplyReport:
    done: list[str] = field(default_factory=list)
    failed: str | None = None
    left: list[str] = field(default_factory=list)


def token_from_env() -> str | None:
    return os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or None


def check_api_url(api_url: str) -> str:
    """Refuse plain-HTTP API URLs except on loopback (a token must never travel in clear)."""
    parts = urlsplit(api_url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        return api_url.rstrip("/")
    raise UsageError(
        f"github.api-url must be an https:// URL (http:// only for loopback hosts), not {api_url!r}"
    )


class GitHubRepo:
    """The few GitHub operations a sync needs, with safe error messages."""

    def __init__(
        self, repo: str, token: str | None, api_url: str, write_interval: float = 1.0
    ) -> None:
        from github import Auth, Github

        self._token = token
        self.name = repo
        self._github = Github(
            auth=Auth.Token(token) if token else None,
            base_url=check_api_url(api_url),
            per_page=100,
            seconds_between_requests=min(0.25, write_interval),
            seconds_between_writes=write_interval,
            timeout=30,
        )
        self._repo: Repository | None = None
        self._assignable: dict[str, bool] = {}
        self._listed: dict[int, Any] = {}  # PyGithub Issue objects from the last listing

    # -- errors ----------------------------------------------------------------

    def _safe(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text

    def _error(self, doing: str, exc: Exception) -> SyncError:
        from github import GithubException

        if isinstance(exc, GithubException):
            data: Any = exc.data
            message = data.get("message") if isinstance(data, dict) else None
            detail = f"GitHub answered {exc.status}" + (f": {message}" if message else "")
        else:
            detail = f"{type(exc).__name__}: {exc}"
        return SyncError(self._safe(f"{doing}: {detail}"))

    def _call(self, doing: str, operation: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return operation(*args, **kwargs)
        except Exception as exc:  # PyGithub and requests raise many kinds; all end the run cleanly
            raise self._error(doing, exc) from None

    # -- reads -----------------------------------------------------------------

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            self._repo = self._call(
                f"reading repository {self.name}", self._github.get_repo, self.name
            )
        assert self._repo is not None
        return self._repo

    def list_issues(self, label: str) -> list[ExistingIssue]:
        """Every issue (open and closed) carrying ``label``: one paginated listing."""

        def listing() -> list[ExistingIssue]:
            out = []
            for issue in self.repo.get_issues(state="all", labels=[label]):
                if "/pull/" in issue.html_url:
                    # Pull requests come with the listing; `issue.pull_request` would cost
                    # a request per issue (PyGithub completes the missing attribute).
                    continue
                self._listed[issue.number] = issue
                out.append(
                    ExistingIssue(
                        number=issue.number,
                        title=issue.title,
                        body=issue.body or "",
                        state=issue.state,
                        state_reason=issue.state_reason,
                        closed_at=issue.closed_at.isoformat() if issue.closed_at else None,
                        assignees=tuple(a.login for a in issue.assignees),
                    )
                )
            return out

        issues: list[ExistingIssue] = self._call(f"listing the issues labelled {label!r}", listing)
        return issues

    def assignable(self, logins: Iterable[str]) -> dict[str, bool]:
        """Whether each login can be assigned here: one check per login, cached."""
        for login in {login.lower() for login in logins}:
            if login not in self._assignable:
                self._assignable[login] = bool(
                    self._call(
                        f"checking whether @{login} can be assigned",
                        self.repo.has_in_assignees,
                        login,
                    )
                )
        return dict(self._assignable)

    # -- writes ----------------------------------------------------------------

    def ensure_labels(self, labels: Iterable[str]) -> None:
        from github import UnknownObjectException

        for name in labels:
            try:
                self.repo.get_label(name)
            except UnknownObjectException:
                self._call(
                    f"creating label {name!r}",
                    self.repo.create_label,
                    name,
                    "c5def5",
                    "TODO from the meeting notes",
                )
            except Exception as exc:
                raise self._error(f"reading label {name!r}", exc) from None

    def _issue(self, number: int) -> Any:
        """The issue from the listing (no extra request), else fetched."""
        if number in self._listed:
            return self._listed[number]
        return self._call(f"reading issue #{number}", self.repo.get_issue, number)

    def perform(self, action: Action) -> str:
        repo = self.repo
        if action.kind == "create":
            kwargs: dict[str, Any] = {
                "title": action.title,
                "body": action.body,
                "labels": list(action.labels),
            }
            if action.assignee:
                kwargs["assignees"] = [action.assignee]
            created = self._call(
                f"creating the issue for TODO {action.entry_id}", repo.create_issue, **kwargs
            )
            return f"created #{created.number}: {action.title}"
        assert action.number is not None
        issue = self._issue(action.number)
        if action.comment:
            self._call(f"commenting on #{action.number}", issue.create_comment, action.comment)
        if action.kind in ("close", "close-duplicate"):
            reason = "completed" if action.kind == "close" else "duplicate"
            edit: dict[str, Any] = {"state": "closed", "state_reason": reason}
            if action.body is not None:
                edit["body"] = action.body
            self._call(f"closing #{action.number}", issue.edit, **edit)
            return f"closed #{action.number}"
        if action.kind == "reopen":
            self._call(
                f"reopening #{action.number}",
                issue.edit,
                state="open",
                state_reason="reopened",
                body=action.body,
            )
            return f"reopened #{action.number}"
        self._call(f"updating #{action.number}", issue.edit, body=action.body)
        return f"updated #{action.number}"


def apply_plan(target: GitHubRepo, plan: Plan, labels: Iterable[str]) -> ApplyReport:
    """Carry out the plan's writes in order, then converge duplicates; stop at the first failure."""
    report = ApplyReport()
    writes = plan.writes
    label_list = list(labels)
    try:
        if any(a.kind == "create" for a in writes):
            target.ensure_labels(label_list)
        for index, action in enumerate(writes):
            try:
                report.done.append(target.perform(action))
            except SyncError as error:
                report.failed = str(error)
                report.left = [a.summary for a in writes[index:]]
                return report
        if any(a.kind == "create" for a in writes) and label_list:
            # Converge: a retried POST or a concurrent run may have created twins.
            again = group_by_marker(target.list_issues(label_list[0]))
            for action in duplicate_actions(again):
                report.done.append(target.perform(action))
    except SyncError as error:
        report.failed = str(error)
    report.left += [a.summary for a in plan.deferred]
    return report
