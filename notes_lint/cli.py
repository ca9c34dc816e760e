"""The command line: a thin layer over the library (PRODUCT.md §6).

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or config error,
or an internal error of notes-lint (one line, never a traceback; ruff does the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import __version__
from notes_lint.commands import init as init_command
from notes_lint.errors import InternalError, UsageError

if TYPE_CHECKING:
    from notes_lint.config import Config
    from notes_lint.ledger import Ledger
    from notes_lint.model import Note
    from notes_lint.redact import Redactor
    from notes_lint.resolver import Resolver

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
INIT_HINT = "hint: most notes fail the generic preset and no config was found: run 'notes-lint init' to write one inferred from them"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--config", type=Path, metavar="FILE", help="config file (default: found from here upward)"
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache of configs and parsed notes",
    )
    parser = _Parser(
        prog="notes-lint",
        description="Lint Markdown meeting notes against the team's template.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"notes-lint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    jobs = _Parser(add_help=False)
    jobs.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes for large runs (default and most: one per CPU; small runs use one)",
    )
    check = sub.add_parser("check", parents=[common, jobs], help="check notes against the schema")
    check.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: every note)")
    check.add_argument(
        "--format", choices=("text", "json", "github", "sarif", "junit"), default="text"
    )
    check.add_argument("--quiet", action="store_true", help="no summary line on stderr")
    check.add_argument(
        "--fix", action="store_true", help="apply the safe fixes, then report what is left"
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 if there are any)",
    )

    dump = sub.add_parser("dump", parents=[common], help="print the note model as JSON")
    dump.add_argument("file", type=Path)

    ledger_options = _Parser(add_help=False, parents=[jobs])
    ledger_options.add_argument(
        "--today", type=_iso_date, metavar="DATE", help="reference date (default: today)"
    )
    ledger_options.add_argument(
        "--grace-days",
        type=int,
        metavar="N",
        help="days before an open TODO is left undone (default: config, else 7)",
    )

    todos = sub.add_parser(
        "todos", parents=[common, ledger_options], help="the TODO ledger across notes"
    )
    todos.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: every note)")
    todos.add_argument("--open", action="store_true", help="only TODOs not done")
    todos.add_argument(
        "--undone", action="store_true", help="only TODOs left undone past the grace period"
    )
    todos.add_argument(
        "--owner", metavar="NAME", help="only this owner's TODOs (name, alias or login)"
    )
    todos.add_argument(
        "--since", type=_iso_date, metavar="DATE", help="only TODOs seen on or after DATE"
    )
    todos.add_argument("--format", choices=("table", "json", "csv", "markdown"), default="table")
    todos.add_argument(
        "--explain", metavar="ID", help="show why an entry's occurrences are one TODO"
    )

    report = sub.add_parser(
        "report",
        parents=[common, ledger_options],
        help="the open TODOs as one self-contained HTML page",
    )
    report.add_argument(
        "paths", nargs="*", type=Path, help="notes or folders (default: every note)"
    )
    report.add_argument(
        "--output",
        type=Path,
        default=Path("notes-report.html"),
        metavar="PATH",
        help="write the page here, replacing it (default: notes-report.html)",
    )

    new = sub.add_parser(
        "new", parents=[common, ledger_options], help="a new note, open TODOs carried over"
    )
    new.add_argument("paths", nargs="*", type=Path, help="earlier notes (default: every note)")
    new.add_argument(
        "--date", type=_iso_date, metavar="DATE", help="the meeting date (default: today)"
    )
    new.add_argument(
        "--output", type=Path, metavar="PATH", help="write the note here (default: stdout)"
    )

    sync = sub.add_parser(
        "sync",
        parents=[common, ledger_options],
        help="open/close GitHub issues for TODOs left undone",
    )
    sync.add_argument("paths", nargs="*", type=Path, help="notes or folders (default: every note)")
    sync.add_argument(
        "--repo",
        metavar="OWNER/NAME",
        help="repository (default: github.repo, else GITHUB_REPOSITORY)",
    )
    sync.add_argument(
        "--apply", action="store_true", help="carry out the plan (default: only print it)"
    )
    sync.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    sync.add_argument(
        "--max-create",
        type=int,
        default=None,
        metavar="N",
        help="create at most N issues per run (default 20)",
    )
    sync.add_argument(
        "--write-interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="pause between writes (default 1.0, GitHub's advice)",
    )
    sync.add_argument(
        "--max-wait",
        type=float,
        default=None,
        metavar="SECONDS",
        help="wait at most this long in all for GitHub's rate limits, else stop "
        "(default: github.max-wait, else 300)",
    )

    rules = sub.add_parser("rules", parents=[common], help="explain the rules")
    rules.add_argument("code", nargs="?", help="one rule code, e.g. NL301")
    rules.add_argument("--format", choices=("text", "markdown"), default="text")
    init_command.add_arguments(sub.add_parser("init", help="write a config inferred from notes"))
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write it as 2021-09-14)") from None


def _use_color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def cmd_check(args: argparse.Namespace) -> int:
    from notes_lint.discovery import find_notes
    from notes_lint.formats import write_report
    from notes_lint.linter import iter_lint_files

    config = _resolver(args)  # each note by its own config (the nearest), or --config's
    write_errors: list[str] = []
    if args.diff or args.fix:
        from notes_lint.fixes import fix_paths

        run = fix_paths(config, args.paths or None, write=not args.diff)
        write_errors = run.write_errors  # refused or failed writes: one line each, exit 1
        for problem in write_errors:
            print(f"notes-lint: {problem}", file=sys.stderr)
        if args.diff:
            sys.stdout.write(run.diff())
            if not args.quiet:
                print(run.summary(written=False), file=sys.stderr)
            return EXIT_FINDINGS if run.changed else EXIT_OK
        if run.written and not args.quiet:
            print(run.summary(written=True), file=sys.stderr)
    _check_jobs(args.jobs)
    files = find_notes(config, args.paths or None)
    checked = [f.display for f in files] if args.format == "junit" else []
    report = write_report(
        iter_lint_files(files, config, args.jobs),
        args.format,
        sys.stdout,
        color=_use_color(sys.stdout),
        files=checked,
    )
    if args.format == "github":
        _append_step_summary(report.step_summary(len(files)))
    if not args.quiet:
        print(report.summary(len(files)), file=sys.stderr)
        no_config = all(c.source is None for c in config.configs())
        if no_config and report.failed_files * 2 > len(files):
            print(INIT_HINT, file=sys.stderr)
    return EXIT_FINDINGS if report.errors or write_errors else EXIT_OK


def _resolver(args: argparse.Namespace) -> Resolver:
    """The run's configs: ``--config`` for every note, else each note's nearest config."""
    from notes_lint.resolver import Resolver

    return Resolver(forced=args.config)


def _check_jobs(jobs: int | None) -> None:
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be 1 or more")


def _append_step_summary(markdown: str) -> None:
    """GitHub shows only 10 annotations of each kind per step: the summary lists them all."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as error:
        print(
            f"notes-lint: cannot write the step summary {target}: {error.strerror}", file=sys.stderr
        )


def cmd_dump(args: argparse.Namespace) -> int:
    from notes_lint.parse import parse_note
    from notes_lint.source import UnreadableNote, read

    config = _resolver(args).config_for(args.file)
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    try:
        source = read(args.file)
    except UnreadableNote as error:
        print(f"{args.file}:{error.line}:{error.col}: NL901 {error}", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        # Standard JSON: the model holds no NaN, Infinity or lone surrogate (jsonsafe).
        text = json.dumps(
            parse_note(source, config).to_json(), indent=2, ensure_ascii=False, allow_nan=False
        )
    except Exception as error:
        raise InternalError(str(args.file), error) from None
    print(text)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from notes_lint.catalogue import describe_rule, rules_table
    from notes_lint.matching import did_you_mean
    from notes_lint.rules import RULES_BY_CODE

    if args.code is None:
        print(rules_table(markdown=args.format == "markdown"))
        return EXIT_OK
    code = args.code.upper()
    if code not in RULES_BY_CODE:
        hint = did_you_mean(code, list(RULES_BY_CODE))
        raise UsageError(
            f"unknown rule '{args.code}'"
            + (f"; did you mean {hint}?" if hint else "")
            + " ('notes-lint rules' lists them)"
        )
    print(describe_rule(RULES_BY_CODE[code].info))
    return EXIT_OK


def _ledger(args: argparse.Namespace) -> tuple[Config, Ledger, list[Note]]:
    from notes_lint.collection import load_notes
    from notes_lint.ledger import DEFAULT_GRACE_DAYS, build_ledger

    resolver = _resolver(args)  # the run's settings: the config of the folder run on (or given)
    given = args.paths[0] if args.paths else None
    config = (
        resolver.base
        if given is None
        else resolver.config_of_folder(given if given.is_dir() else given.parent)
    )
    _check_jobs(args.jobs)
    loaded = load_notes(resolver, args.paths or None, jobs=args.jobs)
    for problem in loaded.unreadable:
        print(f"notes-lint: skipped {problem}", file=sys.stderr)
    grace = (
        args.grace_days
        if args.grace_days is not None
        else config.github.get("grace-days", DEFAULT_GRACE_DAYS)
    )
    if grace < 0:
        raise UsageError("--grace-days must be 0 or more")
    # The repository whose issues a TODO can link: `sync --repo` names it first.
    repo = (
        getattr(args, "repo", None)
        or config.github.get("repo")
        or config.links.default_repo
        or os.environ.get("GITHUB_REPOSITORY")
    )
    ledger = build_ledger(loaded.notes, today=args.today, grace_days=grace, repo=repo)
    return config, ledger, loaded.notes


def _say_undated(ledger: Ledger) -> None:
    """One stderr line per note the ledger could not date, with the reason."""
    from notes_lint.errors import printable
    from notes_lint.names import quoted

    for note in ledger.undated:
        left = f"; its {note.todos} TODO(s) have no date and are never undone" if note.todos else ""
        print(
            f"notes-lint: could not date {quoted(note.path)}: {printable(note.reason)}{left}",
            file=sys.stderr,
        )


def cmd_todos(args: argparse.Namespace) -> int:
    from notes_lint.ledger_formats import explain, write_ledger

    config, ledger, _notes = _ledger(args)
    _say_undated(ledger)
    if args.explain:
        entry = ledger.entry(args.explain)
        if entry is None:
            raise UsageError(
                f"no TODO with id {args.explain!r} ('notes-lint todos --format json' lists the ids)"
            )
        print(explain(ledger, entry))
        return EXIT_OK
    entries = ledger.entries
    if args.open:
        entries = [e for e in entries if not e.done]
    if args.undone:
        entries = [e for e in entries if e.is_undone(ledger.today, ledger.grace_days)]
    if args.owner:
        person = config.person(args.owner)
        wanted = person.name if person else args.owner
        entries = [
            e
            for e in entries
            if (e.owner or "").casefold() == wanted.casefold()
            or (e.login or "").casefold() == args.owner.lstrip("@").casefold()
        ]
    if args.since:
        since = args.since.isoformat()
        entries = [e for e in entries if (e.latest.date or "") >= since]
    write_ledger(ledger, entries, args.format, sys.stdout)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from notes_lint.ledger import note_date
    from notes_lint.report import render_report, write_atomically

    _config, ledger, notes = _ledger(args)
    meetings = [d for d in (note_date(n) for n in notes) if d]
    html = render_report(ledger, meetings)
    if args.output.is_dir():
        raise UsageError(f"{args.output}: is a folder; give the report's file name")
    try:
        write_atomically(args.output, html)
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from notes_lint.ledger import note_date
    from notes_lint.newnote import render_new_note

    config, ledger, notes = _ledger(args)
    dated = sorted((n for n in notes if n.date and n.date.value), key=lambda n: note_date(n) or "")
    latest = dated[-1].date.text if dated and dated[-1].date else None
    text = render_new_note(config, ledger, args.date or ledger.today, latest)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from notes_lint.report import write_atomically

    exists = f"{args.output}: already exists; not overwriting it"
    if os.path.lexists(args.output):
        raise UsageError(exists)
    try:  # whole or not at all: a full disk leaves no empty or partial note
        write_atomically(args.output, text, replace=False)
    except FileExistsError:
        raise UsageError(exists) from None
    except OSError as error:
        raise UsageError(f"{args.output}: cannot write: {error.strerror or error}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
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
        GitHubRepo,
        SyncError,
        apply_plan,
        check_api_url,
        check_web_url,
        token_from_env,
    )
    from notes_lint.sync import DEFAULT_LABELS, DEFAULT_MAX_CREATE, SyncSettings, plan_sync
    from notes_lint.sync_report import render_plan

    config, ledger, _notes = _ledger(args)
    _say_undated(ledger)
    github = config.github
    repo = args.repo or github.get("repo") or os.environ.get("GITHUB_REPOSITORY")
    if not repo or "/" not in repo:
        raise UsageError(
            "no repository: pass --repo OWNER/NAME, set github.repo, or GITHUB_REPOSITORY"
        )
    token = token_from_env()
    if args.apply and not token:
        raise UsageError("--apply needs a token in GITHUB_TOKEN or GH_TOKEN")
    max_create = args.max_create if args.max_create is not None else DEFAULT_MAX_CREATE
    max_wait = args.max_wait if args.max_wait is not None else github.get("max-wait")
    max_wait = DEFAULT_MAX_WAIT if max_wait is None else float(max_wait)
    if max_create < 0 or args.write_interval < 0 or not 0 <= max_wait < float("inf"):
        raise UsageError("--max-create, --write-interval and --max-wait must be 0 or more")
    api_url = check_api_url(
        github.get("api-url") or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
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
    )
    try:
        target = GitHubRepo(repo, token, api_url, args.write_interval, max_wait, redact)
        existing = target.list_issues(settings.labels[0]) if settings.labels else []
        known = {i.todo_id for i in existing}
        logins = [
            e.login
            for e in ledger.entries
            if e.login and e.id not in known and e.is_undone(ledger.today, ledger.grace_days)
        ]
        assignable = target.assignable(logins) if settings.assign == "owner" else {}
    except SyncError as error:
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


def _server_url(api_url: str) -> str:
    """The web address that goes with an API address (github.com, or GitHub Enterprise's host)."""
    from urllib.parse import urlsplit

    parts = urlsplit(api_url)
    if parts.hostname == "api.github.com":
        return "https://github.com"
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


COMMANDS = {
    "check": cmd_check,
    "dump": cmd_dump,
    "todos": cmd_todos,
    "report": cmd_report,
    "new": cmd_new,
    "sync": cmd_sync,
    "rules": cmd_rules,
    "init": init_command.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        if args.no_cache:
            os.environ["NOTES_LINT_CACHE_DIR"] = ""  # see notes_lint.cache; workers inherit it
        return COMMANDS[args.command](args)
    except UsageError as error:
        for line in error.lines():
            print(f"notes-lint: {line}" if not line.startswith(" ") else line, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except InternalError as error:
        print(f"notes-lint: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # a crash of notes-lint itself: one line, never exit 1
        path = getattr(error, "filename", None)
        print(f"notes-lint: {InternalError(path and str(path), error)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
