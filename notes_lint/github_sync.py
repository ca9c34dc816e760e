"""Carrying out a sync plan through PyGithub (imported only on this path).

Reads: the token's login (``GET /user``, once), one listing of the issues that
login created (``creator=LOGIN&state=all``, 100 per page, followed through the
``Link`` header; or of every issue with ``github.find-by: all``, or when GitHub
refuses ``GET /user`` to an app's installation token such as Actions'
``GITHUB_TOKEN``), and one assignability check per distinct login.  The tool's
issues are recognised by the marker in their body alone, whatever their labels,
title or state; pull requests in the listing are skipped; the search API is
never used.  Writes go through PyGithub's own
pacing (``seconds_between_writes``) and :class:`~notes_lint.github_retry.BoundedRetry`,
which waits out rate limits only within the run's waiting budget and never
repeats a ``POST`` GitHub may have carried out.  Creating or commenting is not
idempotent, so each is preceded by a read: right before creating, the newest
issues of the same listing are read (one small page) and a TODO that got its issue
meanwhile (a concurrent run, or an earlier run whose answer was lost) is not
created again; before commenting, the issue's newest comments are read and the
tool's comment of the same kind is not posted twice.  After creating, the run
closes any twin that slipped through (lowest number wins).  The token never
appears in a message, a body or a comment (:mod:`notes_lint.redact`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from notes_lint.errors import UsageError
from notes_lint.github_retry import BoundedRetry, NoAnswerInTime, WaitBudget, WaitTooLong
from notes_lint.redact import Redactor, has_credentials, without_credentials
from notes_lint.sync import (
    COMMENT_MARKERS,
    Action,
    ExistingIssue,
    Plan,
    duplicate_actions,
    group_by_marker,
)
from notes_lint.urls import is_loopback

if TYPE_CHECKING:
    from github.Repository import Repository

DEFAULT_API_URL = "https://api.github.com"
_RECENT_PAGE = 10  # issues per page when reading the newest ones before a create


FIND_BY = ("creator", "all")


class SyncError(Exception):
    """GitHub refused or failed; the message is safe to print (no token).

    ``status``: GitHub's HTTP status when it answered, else ``None``.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Unreachable(SyncError):
    """No answer at all: connection refused, a name that does not resolve, a timeout."""


class IssueGone(SyncError):
    """The issue answered 404 or 410: deleted, or transferred where the token cannot see it."""


@dataclass
class ApplyReport:
    done: list[str] = field(default_factory=list)
    failed: str | None = None
    left: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # issues that answered 404/410, in words


def token_from_env() -> str | None:
    """The token of ``GITHUB_TOKEN`` (else ``GH_TOKEN``), without surrounding whitespace."""
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def raw_tokens_from_env() -> list[str]:
    """The token variables as set (a trailing newline included), for redaction."""
    return [os.environ.get(name, "") for name in ("GITHUB_TOKEN", "GH_TOKEN")]


def check_web_url(url: str, what: str) -> str:
    """Refuse a URL with credentials or a scheme other than http(s); return it without a final ``/``.

    ``what`` names the setting in the message; the URL is shown without its credentials.
    """
    if has_credentials(url):
        raise UsageError(
            f"{what} must not hold credentials (user:password@), got {without_credentials(url)!r}:"
            " the token comes from GITHUB_TOKEN or GH_TOKEN"
        )
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        raise UsageError(f"{what} is not a URL: {without_credentials(url)!r}") from None
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query or parts.fragment:
        raise UsageError(f"{what} must be an http(s):// address, not {without_credentials(url)!r}")
    return url.strip().rstrip("/")


def check_api_url(api_url: str, what: str = "github.api-url") -> str:
    """Refuse credentials in the API URL, and plain HTTP except on loopback (a token must
    never travel in clear); ``what`` names where the URL came from in the message."""
    url = check_web_url(api_url, what)
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname or "")):
        return url
    raise UsageError(
        f"{what} must be an https:// URL (http:// only for loopback hosts), "
        f"not {without_credentials(api_url)!r}"
    )


class GitHubRepo:
    """The few GitHub operations a sync needs, with safe error messages.

    ``max_wait``: seconds the whole run may wait for rate limits (``Retry-After``,
    a reset); a longer pause stops the run with a :class:`SyncError` that says so.
    ``redactor`` masks the token (every spelling) in messages and in what is posted.
    """

    def __init__(
        self,
        repo: str,
        token: str | None,
        api_url: str,
        write_interval: float = 1.0,
        max_wait: float = 300.0,
        redactor: Redactor | None = None,
    ) -> None:
        from github import Auth, Github

        self._redact = redactor or Redactor(token)
        self.name = repo
        self.api_url = check_api_url(api_url)
        self._has_token = bool(token)
        self.budget = WaitBudget(max_wait)
        self._github = Github(
            auth=Auth.Token(token) if token else None,
            base_url=check_api_url(api_url),
            per_page=100,
            retry=BoundedRetry(self.budget),
            seconds_between_requests=min(0.25, write_interval),
            seconds_between_writes=write_interval,
            timeout=self.budget.timeout,
        )
        self._repo: Repository | None = None
        self._assignable: dict[str, bool] = {}
        self._listed: dict[int, Any] = {}  # PyGithub Issue objects from the last listing
        self._comment_counts: dict[int, int] = {}
        #: The listing's filter: ``{"creator": LOGIN}``, or ``{}`` for every issue.
        self.scope: dict[str, str] = {}

    # -- errors ----------------------------------------------------------------

    def _safe(self, text: str) -> str:
        return self._redact(text)

    def _error(self, doing: str, exc: Exception) -> SyncError:
        from github import GithubException
        from requests.exceptions import ConnectionError as NoConnection
        from requests.exceptions import Timeout

        status: int | None = None
        if isinstance(exc, NoAnswerInTime):
            host = urlsplit(self.api_url).netloc.rpartition("@")[2]
            return Unreachable(self._safe(f"could not reach {host} while {doing}: {exc}"))
        if isinstance(exc, WaitTooLong):
            detail = str(exc)
        elif isinstance(exc, GithubException):
            status = exc.status
            data: Any = exc.data
            message = data.get("message") if isinstance(data, dict) else None
            detail = f"GitHub answered {exc.status}" + (f": {message}" if message else "")
        elif isinstance(exc, NoConnection | Timeout):
            host = urlsplit(self.api_url).netloc.rpartition("@")[2]
            return Unreachable(
                self._safe(f"could not reach {host} while {doing}: {_no_answer(exc)}")
            )
        else:
            detail = f"{type(exc).__name__}: {exc}"
        return SyncError(self._safe(" ".join(f"{doing}: {detail}".split())), status)

    def _call(self, doing: str, operation: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return operation(*args, **kwargs)
        except SyncError:
            raise  # a nested call's error, already in words
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

    def _existing(self, issue: Any) -> ExistingIssue:
        self._comment_counts[issue.number] = int(issue.comments or 0)
        return ExistingIssue(
            number=issue.number,
            title=issue.title,
            body=issue.body or "",
            state=issue.state,
            state_reason=issue.state_reason,
            closed_at=issue.closed_at.isoformat() if issue.closed_at else None,
            assignees=tuple(a.login for a in issue.assignees),
            comments=int(issue.comments or 0),
        )

    def login(self) -> str | None:
        """The token's login (``GET /user``), or ``None`` when GitHub refuses to say.

        GitHub answers 403 "Resource not accessible by integration" to an app's
        installation token (Actions' ``GITHUB_TOKEN``): such a run lists every issue.
        """
        from github import GithubException

        _quiet_refused_user_read()
        try:
            login: str = self._github.get_user().login
        except GithubException as exc:
            if exc.status == 403:
                return None
            raise self._error("reading the token's account (GET /user)", exc) from None
        except Exception as exc:
            raise self._error("reading the token's account (GET /user)", exc) from None
        return login

    def list_issues(self, find_by: str = "creator") -> list[ExistingIssue]:
        """The issues that may be the tool's, open and closed: one paginated listing.

        ``find_by``: ``"creator"`` lists the issues the token's account opened
        (every issue when GitHub will not name the account), ``"all"`` every
        issue.  Pull requests in the listing are skipped.  Cost: ``GET /user``
        once, then ceil(M/100) listing requests for M issues listed.
        """
        # Without a token there is no account to ask about (GET /user needs one).
        login = self.login() if find_by == "creator" and self._has_token else None
        self.scope = {"creator": login} if login else {}

        def listing() -> list[ExistingIssue]:
            out = []
            for issue in self.repo.get_issues(state="all", **self.scope):  # type: ignore[arg-type]
                if "/pull/" in issue.html_url:
                    # Pull requests come with the listing; `issue.pull_request` would cost
                    # a request per issue (PyGithub completes the missing attribute).
                    continue
                self._listed[issue.number] = issue
                out.append(self._existing(issue))
            return out

        issues: list[ExistingIssue] = self._call(f"listing the issues {self._scope_words}", listing)
        return issues

    @property
    def _scope_words(self) -> str:
        login = self.scope.get("creator")
        return f"opened by {login} in {self.name}" if login else f"of {self.name}"

    def issues_after(self, number: int) -> list[ExistingIssue]:
        """The listing's issues numbered above ``number``, newest first.

        Pages of :data:`_RECENT_PAGE` issues sorted by creation, read until one
        at or below ``number``: usually one small request.
        """

        def newest() -> list[ExistingIssue]:
            from github.Issue import Issue

            out: list[ExistingIssue] = []
            page = 1
            while True:
                headers, data = self._github.requester.requestJsonAndCheck(
                    "GET",
                    f"{self.repo.url}/issues",
                    parameters={
                        "state": "all",
                        **self.scope,
                        "sort": "created",
                        "direction": "desc",
                        "per_page": _RECENT_PAGE,
                        "page": page,
                    },
                )
                items = data if isinstance(data, list) else []
                for item in items:
                    if not isinstance(item, dict) or int(item.get("number", 0)) <= number:
                        return out
                    if item.get("pull_request"):
                        continue
                    issue = Issue(self._github.requester, headers, item, completed=False)
                    self._listed[issue.number] = issue
                    out.append(self._existing(issue))
                if len(items) < _RECENT_PAGE:
                    return out
                page += 1

        found: list[ExistingIssue] = self._call(
            f"reading the newest issues {self._scope_words}", newest
        )
        return found

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

    def _last_tool_comment(self, number: int, issue: Any) -> str | None:
        """The marker of the tool's newest comment on the issue (one read of its last page)."""
        count = self._comment_counts.get(number)
        if count is None:
            count = int(getattr(issue, "comments", 0) or 0)
        if count == 0:
            return None

        def last_page() -> Any:
            return self._github.requester.requestJsonAndCheck(
                "GET",
                f"{self.repo.url}/issues/{number}/comments",
                parameters={"per_page": 100, "page": max(1, math.ceil(count / 100))},
            )[1]

        comments = self._call(f"reading the comments of #{number}", last_page)
        for comment in reversed(comments if isinstance(comments, list) else []):
            body = comment.get("body") if isinstance(comment, dict) else None
            for marker in COMMENT_MARKERS.values():
                if isinstance(body, str) and body.rstrip().endswith(marker):
                    return marker
        return None

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

    def create(self, action: Action) -> ExistingIssue:
        """Open the issue of a ``create`` action; its title and body are redacted first."""
        kwargs: dict[str, Any] = {
            "title": self._safe(action.title or ""),
            "body": self._safe(action.body or ""),
            "labels": list(action.labels),
        }
        if action.assignee:
            kwargs["assignees"] = [action.assignee]
        created = self._call(
            f"creating the issue for TODO {action.entry_id}", self.repo.create_issue, **kwargs
        )
        self._listed[created.number] = created
        return self._existing(created)

    def perform(self, action: Action) -> str:
        """Carry out one action other than ``create``; returns what was done, in words.

        Raises :class:`IssueGone` when the issue answers 404 or 410 (deleted, or
        transferred to a repository the token cannot read), :class:`SyncError`
        for any other failure.
        """
        if action.kind == "create":
            return f"created #{self.create(action).number}: {action.title}"
        assert action.number is not None
        try:
            return self._perform(action, action.number)
        except SyncError as error:
            if error.status in (404, 410):
                how = "deleted" if error.status == 410 else "deleted or transferred"
                raise IssueGone(
                    f"#{action.number} is gone ({how}: GitHub answered {error.status}); "
                    f"not done: {action.summary}",
                    error.status,
                ) from None
            raise

    def _perform(self, action: Action, number: int) -> str:
        issue = self._issue(number)
        body = self._safe(action.body) if action.body is not None else None
        if action.comment:
            marker = next((m for k, m in COMMENT_MARKERS.items() if k == action.kind), None)
            # An earlier try may have posted it before failing: the newest tool comment says.
            if marker is None or self._last_tool_comment(number, issue) != marker:
                self._call(
                    f"commenting on #{number}",
                    issue.create_comment,
                    self._safe(action.comment),
                )
                self._comment_counts[number] = self._comment_counts.get(number, 0) + 1
        if action.kind in ("close", "close-duplicate"):
            reason = "completed" if action.kind == "close" else "duplicate"
            edit: dict[str, Any] = {"state": "closed", "state_reason": reason}
            if body is not None:
                edit["body"] = body
            self._call(f"closing #{number}", issue.edit, **edit)
            return f"closed #{number}"
        if action.kind == "reopen":
            self._call(
                f"reopening #{number}",
                issue.edit,
                state="open",
                state_reason="reopened",
                body=body,
            )
            return f"reopened #{number}"
        self._call(f"updating #{number}", issue.edit, body=body)
        return f"updated #{number}"


def apply_plan(
    target: GitHubRepo,
    plan: Plan,
    labels: Iterable[str],
    existing: Iterable[ExistingIssue] = (),
) -> ApplyReport:
    """Carry out the plan's writes in order, then converge duplicates; stop at the first failure.

    ``existing``: the listing the plan was made from.  Before each create the
    newest issues of the same listing are read; a TODO that has an issue by then
    is skipped.  Afterwards the issues opened since the listing are read once
    more and every open twin is closed as a duplicate of the lowest number.  An
    issue that answers 404 or 410 (deleted, transferred) is reported in
    ``gone`` and the run goes on: nothing is created for it in this run.
    """
    report = ApplyReport()
    writes = plan.writes
    label_list = list(labels)
    groups = group_by_marker(existing)
    listed_up_to = max((i.number for i in existing), default=0)
    seen_up_to = listed_up_to
    new: dict[int, ExistingIssue] = {}

    def read_newer() -> None:
        nonlocal seen_up_to
        for issue in target.issues_after(seen_up_to):
            if issue.number in new:
                continue  # one this run created
            new[issue.number] = issue
            if issue.todo_id is not None:
                groups.setdefault(issue.todo_id, []).append(issue)
        seen_up_to = max([seen_up_to, *new])

    left_from = 0  # the first write not carried out when the run stops
    try:
        if any(a.kind == "create" for a in writes):
            target.ensure_labels(label_list)
        for index, action in enumerate(writes):
            left_from = index
            if action.kind != "create":
                try:
                    report.done.append(target.perform(action))
                except IssueGone as gone:
                    report.gone.append(str(gone))
                continue
            read_newer()
            if action.entry_id in groups:
                number = min(i.number for i in groups[action.entry_id])
                report.done.append(f"not created, #{number} was opened meanwhile: {action.title}")
                continue
            created = target.create(action)
            groups.setdefault(action.entry_id, []).append(created)
            new[created.number] = created
            report.done.append(f"created #{created.number}: {action.title}")
        left_from = len(writes)
        if new:
            # Converge: a create whose answer was lost, or a concurrent run, may have made twins.
            read_newer()
            twins = {
                todo: sorted(group, key=lambda i: i.number)
                for todo, group in groups.items()
                if any(i.number > listed_up_to for i in group)
            }
            for dup in duplicate_actions(twins):
                if dup.number is not None and dup.number > listed_up_to:
                    try:
                        report.done.append(target.perform(dup))
                    except IssueGone as gone:
                        report.gone.append(str(gone))
    except SyncError as error:
        report.failed = str(error)
        report.left = [a.summary for a in writes[left_from:]]
    report.left += [a.summary for a in plan.deferred]
    return report


def _quiet_refused_user_read() -> None:
    """Keep PyGithub's retry from logging the expected 403 of ``GET /user`` (an app's token)."""
    import logging

    logger = logging.getLogger("github.GithubRetry")
    if not any(isinstance(f, _RefusedUserRead) for f in logger.filters):
        logger.addFilter(_RefusedUserRead())


class _RefusedUserRead:
    """A logging filter: drops "Request GET …/user failed with 403" and lets the rest through."""

    def filter(self, record: Any) -> bool:
        message = record.getMessage()
        return not ("/user failed with 403" in message and message.startswith("Request GET "))


def _no_answer(exc: Exception) -> str:
    """Why a request got no answer, in a few words (the exception chain's root cause)."""
    import socket

    from requests.exceptions import Timeout

    if isinstance(exc, Timeout):
        return "no answer in time (timeout)"
    seen: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in seen:
        seen.append(cause)
        cause = cause.__cause__ or cause.__context__ or _wrapped(cause)
    for item in seen:
        if isinstance(item, socket.gaierror) or "NameResolution" in type(item).__name__:
            return "the name does not resolve (DNS)"
        if isinstance(item, ConnectionRefusedError) or "Connection refused" in str(item):
            return "connection refused"
        if isinstance(item, TimeoutError) or "timed out" in str(item):
            return "no answer in time (timeout)"
    return "no connection"


def _wrapped(exc: BaseException) -> BaseException | None:
    """The error a requests/urllib3 error carries in its arguments or ``reason``."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, BaseException):
        return reason
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException):
            return arg
    return None
