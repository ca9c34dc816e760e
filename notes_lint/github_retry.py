"""PyGithub's retry with a ceiling on waiting and no repeated creating write (issue 12).

PyGithub's :class:`~github.GithubRetry` waits out ``Retry-After`` (up to six
hours, urllib3's cap), a primary rate limit until its reset (an hour), and
retries a ``POST`` after a 5xx or a dropped answer, although GitHub may have
carried it out (a second issue, a second comment).  :class:`BoundedRetry`
keeps its recognition of rate limits and changes two things:

- every pause goes through one :class:`WaitBudget` for the whole run
  (``github.max-wait`` / ``--max-wait``, seconds): a pause longer than what is
  left raises :class:`WaitTooLong` at once instead of sleeping;
- a ``POST`` is retried only when GitHub refused it without doing it (403 or
  429 for a rate limit, or a connection that never opened); ``PATCH`` (a
  whole-value edit) is retried like a read.

Imported only on the sync path: it pulls in PyGithub and urllib3.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from github.GithubRetry import GithubRetry

DEFAULT_MAX_WAIT = 300.0
_REFUSED_UNDONE = frozenset({403, 429})


class WaitTooLong(Exception):
    """GitHub asked for a pause longer than the run's waiting budget has left.

    ``seconds``: the pause asked for; ``left``: the budget left (both in seconds).
    """

    def __init__(self, seconds: float, left: float, ceiling: float) -> None:
        super().__init__(
            f"GitHub asked to wait {_seconds(seconds)} (rate limit), more than the "
            f"{_seconds(left)} left of the {_seconds(ceiling)} this run may wait "
            "(github.max-wait / --max-wait)"
        )
        self.seconds = seconds
        self.left = left


class NoAnswerInTime(WaitTooLong):
    """Requests that got no answer used up the run's waiting budget (a server that hangs)."""

    def __init__(self, spent: float, ceiling: float) -> None:
        Exception.__init__(
            self,
            f"no answer in time: {_seconds(spent)} spent waiting for answers, the "
            f"{_seconds(ceiling)} this run may wait (github.max-wait / --max-wait)",
        )
        self.seconds = spent
        self.left = 0.0


@dataclass
class WaitBudget:
    """Seconds a run may spend waiting for GitHub, shared by every request's retries.

    ``request_timeout``: seconds one request waits for an answer (PyGithub's
    ``timeout``); a request that got none is charged that long, so that a server
    which accepts connections and never answers stops the run within ``ceiling``.
    """

    ceiling: float = DEFAULT_MAX_WAIT
    spent: float = 0.0
    request_timeout: int = 30

    @property
    def timeout(self) -> int:
        """The per-request timeout to use, whole seconds (PyGithub's type): never past the
        whole budget, at least 1 s."""
        return max(1, min(self.request_timeout, math.ceil(self.ceiling)))

    def charge_no_answer(self) -> None:
        """Count one request that got no answer; raise :class:`NoAnswerInTime` once spent."""
        self.spent += self.timeout
        if self.spent >= self.ceiling:
            raise NoAnswerInTime(self.spent, self.ceiling)

    @property
    def left(self) -> float:
        return max(0.0, self.ceiling - self.spent)

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds`` if the budget allows it, else raise :class:`WaitTooLong`."""
        if seconds <= 0:
            return
        if seconds > self.left:
            raise WaitTooLong(seconds, self.left, self.ceiling)
        self.spent += seconds
        time.sleep(seconds)


class BoundedRetry(GithubRetry):
    """:class:`GithubRetry` whose pauses draw on a :class:`WaitBudget` (see the module)."""

    def __init__(self, budget: WaitBudget | None = None, **kwargs: Any) -> None:
        self.budget = budget if budget is not None else WaitBudget()
        kwargs.setdefault(
            "allowed_methods",
            frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "POST"}),
        )
        # Never wait longer for a secondary limit without Retry-After than the budget allows.
        kwargs.setdefault("secondary_rate_wait", min(60.0, self.budget.ceiling))
        super().__init__(**kwargs)

    def new(self, **kw: Any) -> BoundedRetry:
        kw["budget"] = self.budget
        new: BoundedRetry = super().new(**kw)
        return new

    def increment(self, *args: Any, **kwargs: Any) -> Any:
        """urllib3's count of a failed try; a try that got no answer is charged to the budget."""
        response = kwargs.get("response", args[2] if len(args) > 2 else None)
        error = kwargs.get("error", args[3] if len(args) > 3 else None)
        if response is None and _no_answer(error):
            self.budget.charge_no_answer()
        return super().increment(*args, **kwargs)

    def _is_method_retryable(self, method: str) -> bool:
        # Reached for a read error (the request may have been carried out): never repeat a POST.
        return method.upper() != "POST" and super()._is_method_retryable(method)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() == "POST":
            # A rate-limit refusal did nothing; GithubRetry.increment re-raises other 403s.
            return bool(self.total) and status_code in _REFUSED_UNDONE
        return bool(super().is_retry(method, status_code, has_retry_after))

    def sleep(self, response: Any = None) -> None:
        seconds: float | None = None
        if self.respect_retry_after_header and response is not None:
            seconds = self.get_retry_after(response)
        if not seconds:
            seconds = self.get_backoff_time()
        self.budget.wait(seconds)


def _no_answer(error: object) -> bool:
    """Whether urllib3's error is a timeout (connect or read): the try waited in vain.

    A refused connection or a name that does not resolve fails at once (urllib3
    counts them as connect timeouts, so they are told apart here).
    """
    from urllib3.exceptions import NewConnectionError
    from urllib3.exceptions import TimeoutError as NoAnswer

    return isinstance(error, NoAnswer) and not isinstance(error, NewConnectionError)


def _seconds(value: float) -> str:
    return f"{value:.0f} s" if value >= 10 else f"{value:g} s"
