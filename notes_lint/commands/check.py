"""``notes-lint check``: lint notes (or the text on stdin) and report the findings.

The options that ruff's ``check`` has keep ruff's names and meaning:
``--select``/``--extend-select``/``--ignore`` (see :mod:`.selection`),
``--exit-zero``, ``--output-file``, ``--statistics``, ``--show-files``,
``--show-config``, ``--stdin-filename`` with the path ``-``, ``--fix``, ``--diff``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from notes_lint.commands.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_paths_argument,
    check_jobs,
    config_label,
    describe_config,
    resolver_for,
    say,
    use_color,
)
from notes_lint.commands.selection import apply_selection, split_selectors
from notes_lint.errors import UsageError

if TYPE_CHECKING:
    from notes_lint.config import Config
    from notes_lint.diagnostics import Diagnostic
    from notes_lint.discovery import NoteFile
    from notes_lint.formats import Report
    from notes_lint.resolver import Resolver

STDIN = Path("-")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from notes_lint.formats import FORMATS

    add_paths_argument(parser, "notes or folders, or - for stdin")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--quiet", action="store_true", help="no summary line on stderr")
    parser.add_argument(
        "--fix", action="store_true", help="apply the safe fixes, then report what is left"
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 if there are any)",
    )
    for option, what in (
        ("--select", "run only these rules: codes or prefixes (NL2), or ALL"),
        ("--extend-select", "run these rules as well as the selected ones"),
        ("--ignore", "do not run these rules: codes or prefixes"),
    ):
        parser.add_argument(option, action="append", metavar="CODES", help=what)
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when errors are found"
    )
    parser.add_argument(
        "--output-file", type=Path, metavar="PATH", help="write the findings here, not to stdout"
    )
    parser.add_argument(
        "--statistics", action="store_true", help="a count of findings per rule, not each finding"
    )
    parser.add_argument(
        "--show-files", action="store_true", help="list the notes that would be checked, and exit"
    )
    parser.add_argument(
        "--show-config",
        action="store_true",
        help="print the merged config (presets resolved) as YAML, and exit",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="lint the text on stdin (path -) as if it were this note",
    )


def run(args: argparse.Namespace) -> int:
    reads_stdin = _reads_stdin(args)
    near = Path(args.stdin_filename) if reads_stdin and args.stdin_filename else None
    selection = functools.partial(
        apply_selection,
        select=split_selectors(args.select, "--select"),
        extend_select=split_selectors(args.extend_select, "--extend-select"),
        ignore=split_selectors(args.ignore, "--ignore"),
    )
    # Each note by its nearest config (or --config's), the selection applied to each.
    resolver = resolver_for(args, near, adjust=selection)
    config = resolver.config_for(near) if near is not None else resolver.base
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics prints text or json; not --format " + args.format)
    if args.show_config:  # of the first path given (its own nearest config), as ruff's
        shown = args.paths[0] if args.paths and not reads_stdin else None
        if shown is not None:
            config = (
                resolver.config_of_folder(shown)
                if os.path.isdir(shown)
                else resolver.config_for(shown)
            )
        with _output(args, sys.stdout) as out:
            out.write(show_config(config))
        return EXIT_OK
    if reads_stdin:
        return _check_stdin(args, config)
    check_jobs(args.jobs)
    from notes_lint.discovery import find_notes

    # No path: the working folder, as ruff's default ``.`` (each note by its nearest
    # config, shown relative to the working folder); with --config, the notes under it.
    targets: list[Path] | None = args.paths or (None if resolver.forced else [Path(".")])
    if args.show_files:
        listed = find_notes(resolver, targets)
        with _output(args, sys.stdout) as out:
            out.writelines(f"{note_file.display}\n" for note_file in listed)
        return EXIT_OK
    write_errors: list[str] = []
    if args.diff or args.fix:
        from notes_lint.fixes import fix_paths

        fixed = fix_paths(resolver, targets, write=not args.diff)
        write_errors = fixed.write_errors  # refused or failed writes: one line each, exit 1
        for problem in write_errors:
            say(problem)
        if args.diff:
            sys.stdout.write(fixed.diff())
            if not args.quiet:
                print(fixed.summary(written=False), file=sys.stderr)
            return _exit(args, bool(fixed.changed))
        if fixed.written and not args.quiet:
            print(fixed.summary(written=True), file=sys.stderr)
    files = find_notes(resolver, targets)
    _say_unchecked(args, resolver, files)
    report = _report(args, resolver, files)
    if not args.quiet:
        print(report.summary(len(files)), file=sys.stderr)
        no_config = all(c.source is None for c in resolver.configs())
        if no_config and report.failed_files * 2 > len(files):
            print(INIT_HINT, file=sys.stderr)
    return _exit(args, bool(report.errors or write_errors))


INIT_HINT = (
    "hint: most notes fail the generic preset and no config was found: "
    "run 'notes-lint init' to write one inferred from them"
)


def _reads_stdin(args: argparse.Namespace) -> bool:
    """Whether the text on stdin is checked, as ruff has it: with ``--stdin-filename``
    always (each other path given is ignored, with a warning on stderr naming it), else
    when ``-`` is the only path."""
    if args.stdin_filename is not None:
        for path in args.paths:
            if path != STDIN:
                say(f"warning: ignoring {path} in favour of stdin (--stdin-filename)")
        return True
    if STDIN in args.paths:
        if len(args.paths) > 1:
            raise UsageError("- (stdin) cannot be checked together with other paths")
        return True
    return False


def _exit(args: argparse.Namespace, failed: bool) -> int:
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


@contextlib.contextmanager
def _output(args: argparse.Namespace, default: TextIO) -> Iterator[TextIO]:
    """``--output-file`` (its folder made if missing, as ruff does; not through a link
    out of the repository: :func:`notes_lint.atomic.check_confined`), else ``default``."""
    if args.output_file is None:
        yield default
        return
    from notes_lint.atomic import WriteError, check_confined, make_folders, write_root

    target: Path = args.output_file
    check_confined(target, write_root(target))  # a link out of the repository: refused
    make_folders(target.parent, target)
    try:
        handle = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as error:
        raise WriteError(target, error.strerror or str(error)) from None
    with handle:
        yield handle


def _report(
    args: argparse.Namespace,
    config: Config | Resolver,
    files: list[NoteFile],
    per_file: list[list[Diagnostic]] | None = None,
    default: TextIO | None = None,
) -> Report:
    """Write the findings of ``files`` (linted now, or ``per_file``) as the options ask."""
    from notes_lint.formats import write_report
    from notes_lint.linter import iter_lint_files

    found = per_file if per_file is not None else iter_lint_files(files, config, args.jobs)
    checked = [f.display for f in files] if args.format == "junit" else []
    with _output(args, default or sys.stdout) as out:
        report = write_report(
            found,
            args.format,
            out,
            color=out is sys.stdout and use_color(out),
            files=checked,
            statistics=args.statistics,
        )
    if args.format == "github" and not args.statistics:
        _append_step_summary(report.step_summary(len(files)))
    return report


def _say_unchecked(args: argparse.Namespace, resolver: Resolver, files: list[NoteFile]) -> None:
    """Say when nothing is checked, and (``--verbose``) each named file that is not a
    note, naming the config that judged it (its nearest, or ``--config``), and the
    configs the notes were checked with.

    A file named on the command line that its config does not take is skipped
    silently (pre-commit passes every Markdown file of a commit); a run over
    folders that finds no note says so, naming the config and its ``include``.
    """
    from notes_lint.discovery import real_path

    named = [p for p in args.paths if not os.path.isdir(p)]  # False when unreadable
    if args.verbose and named:
        taken = {real_path(f.location) for f in files}
        for path in named:
            if real_path(path) not in taken:
                say(
                    f"skipped {path}: not a note by the include/exclude of "
                    f"{describe_config(resolver.config_for(path))}"
                )
    if args.verbose and files and not resolver.forced:
        used: dict[int, tuple[Config, int]] = {}
        for note_file in files:
            used_config = resolver.config_for(note_file.location)
            seen = used.get(id(used_config), (used_config, 0))
            used[id(used_config)] = (used_config, seen[1] + 1)
        say(
            "configs used: "
            + "; ".join(
                f"{config_label(c)} for {n} note{'s' if n != 1 else ''}" for c, n in used.values()
            )
        )
    if files or (args.paths and len(named) == len(args.paths)):
        return
    folders = [p for p in args.paths if os.path.isdir(p)]
    config = resolver.config_of_folder(folders[0]) if folders else resolver.base
    where = " under " + ", ".join(str(p) for p in args.paths) if args.paths else ""
    say(
        f"no notes to check: no file{where} matches include {list(config.include)} "
        f"(less exclude, relative to {config.root}) of {describe_config(config)}"
    )


def _check_stdin(args: argparse.Namespace, config: Config) -> int:
    """Lint the text on stdin as the note at ``--stdin-filename`` (its folder's links,
    the date in its file name).  ``--fix`` writes the fixed text to stdout and the
    findings left to stderr; ``--diff`` writes the patch to stdout."""
    from notes_lint import source as note_source
    from notes_lint.discovery import NoteFile
    from notes_lint.fixes import fix_bytes
    from notes_lint.linter import Workspace, repository_root, unreadable

    shown = args.stdin_filename or "-"
    note_file = NoteFile(shown, shown)
    folder = Path(shown).absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    workspace = Workspace(config, repository_root(folder) or folder)
    data = sys.stdin.buffer.read()
    changed = False
    try:
        if args.fix or args.diff:
            fixed = fix_bytes(data, lambda s: workspace.lint_source(s, note_file), shown)
            changed = fixed.changed
            if args.diff:
                sys.stdout.write(fixed.diff())
            else:
                data = fixed.data()
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
        diagnostics = workspace.lint_source(note_source.decode(data, shown), note_file)
    except note_source.UnreadableNote as error:
        if args.fix and not args.diff:
            sys.stdout.buffer.write(data)  # not text: passed through unchanged
        diagnostics = unreadable(shown, error, config)
    if args.diff:
        return _exit(args, changed)
    report = _report(
        args, config, [note_file], [diagnostics], sys.stderr if args.fix else sys.stdout
    )
    if not args.quiet:
        print(report.summary(1), file=sys.stderr)
    return _exit(args, bool(report.errors))


def show_config(config: Config) -> str:
    """The merged config as YAML (presets and ``extends`` resolved), headed by where it
    comes from, with the severity of every rule as the run uses it (``--select``/
    ``--ignore`` applied; defaults included, so a rule a selector turns back on shows)."""
    import yaml

    from notes_lint.rules import RULES

    data = dict(config.raw)
    data.pop("rules", None)
    data["rules"] = {
        r.info.code: config.rules.get(r.info.code, r.info.severity).value for r in RULES
    }
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"# config: {config_label(config)}\n{text}"


def _append_step_summary(markdown: str) -> None:
    """GitHub shows only 10 annotations of each kind per step: the summary lists them all."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as error:
        say(f"cannot write the step summary {target}: {error.strerror}")
