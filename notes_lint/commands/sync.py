"""``notes-lint sync``: open, update and close GitHub issues for TODOs left undone."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any

from notes_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_ledger_arguments,
    add_paths_argument,
    add_repo_argument,
    iso_date,
    load_ledger,
    say_undated,
)
from notes_lint.dates import parse_argument
from notes_lint.errors import UsageError

if TYPE_CHECKING:
    from notes_lint.redact import Redactor
    from notes_lint.repository import Repository


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_ledger_arguments(parser)
    add_paths_argument(parser)
    add_repo_argument(parser)
    parser.add_argument(
        "--apply", action="store_true", help="carry out the plan (default: only print it)"
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="plan from the notes alone, as if the repository had no issue yet "
        "(no network, no token; not with --apply)",
    )
    parser.add_argument(
        "--since",
        type=iso_date,
        metavar="DATE",
        help="open no issue for a TODO first seen before DATE (default: github.since)",
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument(
        "--max-create",
        type=int,
        default=None,
        metavar="N",
        help="create at most N issues per run (default 20)",
    )
    parser.add_argument(
        "--write-interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="pause between writes (default 1.0, GitHub's advice)",
    )
    parser.add_argument(
        "--max-wait",
        type=float,
        default=None,
        metavar="SECONDS",
        help="wait at most this long in all for GitHub's rate limits, else stop "
        "(default: github.max-wait, else 300)",
    )


def run(args: argparse.Namespace) -> int:
    """``notes-lint sync``: every byte it prints, raises or posts goes through the token's redactor."""
    from notes_lint.github_sync import raw_tokens_from_env
    from notes_lint.redact import Redactor, redacting_output

    redact = Redactor(*raw_tokens_from_env())
    with redacting_output(redact):
        try:
            return _sync(args, redact)
        except UsageError as error:
            lines = [redact(line) for line in error.lines()]
            raise UsageError(lines[0], [line.strip() for line in lines[1:]]) from None
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as error:  # a bug must not print a traceback (it could hold the token)
            message = " ".join(f"{type(error).__name__}: {error}".split())
            print(f"notes-lint: sync failed: {redact(message)}", file=sys.stderr)
            return EXIT_USAGE


def _sync(args: argparse.Namespace, redact: Redactor) -> int:
    from notes_lint.github_retry import DEFAULT_MAX_WAIT
    from notes_lint.github_sync import (
        DEFAULT_API_URL,
        FIND_BY,
        GitHubRepo,
        SyncError,
        Unreachable,
        apply_plan,
        check_api_url,
        check_web_url,
        token_from_env,
    )
    from notes_lint.repository import repository_in_effect
    from notes_lint.sync import DEFAULT_LABELS, DEFAULT_MAX_CREATE, SyncSettings, plan_sync
    from notes_lint.sync_report import render_plan

    if args.offline and args.apply:
        raise UsageError("--offline plans without GitHub: it cannot go with --apply")
    config, ledger, _notes = load_ledger(args)
    say_undated(ledger)
    github = config.github
    in_effect = repository_in_effect(config, args.repo, os.environ)
    if in_effect is None:
        raise UsageError(
            "no repository: pass --repo OWNER/NAME, set github.repo or links.default-repo, "
            "or GITHUB_REPOSITORY"
        )
    repo = in_effect.name
    token = token_from_env()
    if args.apply and not token:
        raise UsageError("--apply needs a token in GITHUB_TOKEN or GH_TOKEN")
    max_create = args.max_create if args.max_create is not None else DEFAULT_MAX_CREATE
    max_wait = args.max_wait if args.max_wait is not None else github.get("max-wait")
    max_wait = DEFAULT_MAX_WAIT if max_wait is None else float(max_wait)
    if max_create < 0 or args.write_interval < 0 or not 0 <= max_wait < float("inf"):
        raise UsageError("--max-create, --write-interval and --max-wait must be 0 or more")
    find_by = github.get("find-by", "creator")
    if find_by not in FIND_BY:
        raise UsageError(f"github.find-by must be one of {', '.join(FIND_BY)}, not {find_by!r}")
    since = args.since or _config_date(github.get("since"), "github.since")
    api_from = "github.api-url" if github.get("api-url") else "GITHUB_API_URL"
    api_url = check_api_url(
        github.get("api-url") or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL, api_from
    )
    server_url = os.environ.get("GITHUB_SERVER_URL") or _server_url(api_url)
    settings = SyncSettings(
        repo=repo,
        labels=tuple(github.get("labels") or DEFAULT_LABELS),
        assign=github.get("assign", "owner"),
        close_done=github.get("close-done", True),
        max_create=max_create,
        server_url=check_web_url(server_url, "GITHUB_SERVER_URL"),
        ref=os.environ.get("GITHUB_SHA") or None,
        since=since.isoformat() if since else None,
        find_by=find_by,
    )
    if args.offline:
        # Every owner's login is planned as assignable: only GitHub could say otherwise.
        every_login = {e.login: True for e in ledger.entries if e.login}
        plan = plan_sync(ledger, [], settings, every_login)
        print(render_plan(plan, args.format, applied=False, offline=True))
        return EXIT_OK
    try:
        target = GitHubRepo(repo, token, api_url, args.write_interval, max_wait, redact)
        existing = target.list_issues(settings.find_by)
        known = {i.todo_id for i in existing}
        logins = [
            e.login
            for e in ledger.entries
            if e.login
            and e.id not in known
            and known.isdisjoint(e.former_ids)  # its issue, filed by an older release
            and e.is_undone(ledger.today, ledger.grace_days)
        ]
        assignable = target.assignable(logins) if settings.assign == "owner" else {}
    except Unreachable as error:
        raise UsageError(f"sync stopped before any write: {error}") from None
    except SyncError as error:
        hint = _hint(error.status, in_effect, api_url)
        if hint:
            raise UsageError(f"sync stopped before any write: {error}; {hint}") from None
        print(
            f"notes-lint: sync stopped before any write: {error}; nothing was written, "
            "the next run starts over",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    plan = plan_sync(ledger, existing, settings, assignable)
    if not args.apply:
        print(render_plan(plan, args.format, applied=False))
        return EXIT_OK
    report = apply_plan(target, plan, settings.labels, existing)
    print(render_plan(plan, args.format, applied=True, report=report))
    return EXIT_FINDINGS if report.failed or report.left else EXIT_OK


def _hint(status: int | None, repo: Repository, api_url: str) -> str | None:
    """What to do about a refusal before any write: a bad token (401), a repository not found."""
    if status == 401:
        return "set GITHUB_TOKEN or GH_TOKEN to a valid token"
    if status == 404:
        return (
            f"no repository {repo.name} at {api_url}, or the token cannot read it: "
            f"check {repo.source} and the token's access"
        )
    return None


def _config_date(value: Any, key: str) -> dt.date | None:
    """A config date: YAML's or TOML's date, or ``YYYY-MM-DD`` text; else a usage error."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (read := parse_argument(value)) is not None:
        return read
    raise UsageError(f"{key} must be a date written YYYY-MM-DD, not {value!r}")


def _server_url(api_url: str) -> str:
    """The web address that goes with an API address (github.com, or GitHub Enterprise's host)."""
    from urllib.parse import urlsplit

    parts = urlsplit(api_url)
    if parts.hostname == "api.github.com":
        return "https://github.com"
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
