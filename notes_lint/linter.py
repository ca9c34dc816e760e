"""The lint pipeline: read -> parse to the note model -> rules -> diagnostics.

``lint_text`` is the library entry point for one note held in memory;
``lint_paths`` runs over files, sharing one parse per file (a note that another
note links to is parsed once and its headings reused for NL207).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from notes_lint import parallel
from notes_lint import source as note_source
from notes_lint.config import Config
from notes_lint.diagnostics import Diagnostic, Fix, Severity
from notes_lint.discovery import NoteFile, find_notes
from notes_lint.edits import Original, Placed, Taken, apply
from notes_lint.errors import UsageError
from notes_lint.model import Directive, Note
from notes_lint.notecache import NoteCache, parse_cached
from notes_lint.rules import RULES, RULES_BY_CODE, Context, Finding, Rule

if TYPE_CHECKING:
    from notes_lint.resolver import Resolver


def severity_of(code: str, config: Config) -> Severity:
    return config.rules.get(code, RULES_BY_CODE[code].info.severity)


class _Suppressions:
    """Inline ``<!-- notes-lint ... -->`` directives of one note."""

    def __init__(self, directives: Iterable[Directive]) -> None:
        self.file_codes: set[str] | None = None  # None: nothing disabled file-wide
        self.file_all = False
        self.lines: dict[int, set[str] | None] = {}  # line -> codes (None: all)
        self.ranges: list[tuple[int, int, frozenset[str]]] = []  # start, end, codes (empty: all)
        open_ranges: dict[frozenset[str], int] = {}
        for d in sorted(directives, key=lambda d: d.line):
            if d.action == "disable-file":
                if d.codes:
                    self.file_codes = (self.file_codes or set()) | set(d.codes)
                else:
                    self.file_all = True
            elif d.action in ("disable-next-line", "disable-line"):
                line = d.line + 1 if d.action == "disable-next-line" else d.line
                current = self.lines.get(line, set())
                self.lines[line] = (
                    None if (not d.codes or current is None) else current | set(d.codes)
                )
            elif d.action == "disable":
                open_ranges.setdefault(d.codes, d.line)
            elif d.action == "enable":
                for codes in list(open_ranges):
                    if d.codes and not codes & d.codes:
                        continue  # other codes, or all codes (a partial enable cannot split those)
                    self.ranges.append((open_ranges.pop(codes), d.line, codes))
                    if d.codes and codes - d.codes:  # "enable NL201" after "disable NL201 NL203"
                        open_ranges.setdefault(codes - d.codes, d.line)
        self.ranges.extend((start, 1 << 62, codes) for codes, start in open_ranges.items())

    def hides(self, code: str, line: int) -> bool:
        if self.file_all or (self.file_codes and code in self.file_codes):
            return True
        if line in self.lines:
            codes = self.lines[line]
            if codes is None or code in codes:
                return True
        return any(
            start <= line <= end and (not codes or code in codes)
            for start, end, codes in self.ranges
        )


MAX_VERIFY_PARSES = 16
"""Parses of fixed text, at most, that one lint of a note spends verifying fixes."""


@dataclass
class _Pending:
    """A fix that changes the note's structure, waiting to be verified."""

    rule: Rule
    finding: Finding
    edits: list[Placed]
    findings: list[Finding]  # all its rule's findings in the note

    def key(self) -> tuple[str, str]:
        return self.rule.info.code, self.finding.message


def _batch(pending: list[_Pending]) -> tuple[list[_Pending], list[_Pending]]:
    """The fixes that can be applied together (in order), and those that clash with them."""
    chosen: list[_Pending] = []
    taken = Taken()
    later: list[_Pending] = []
    for item in pending:
        if any(taken.clashes(edit) for edit in item.edits):
            later.append(item)
            continue
        chosen.append(item)
        for edit in item.edits:
            taken.add(edit)
    return chosen, later


def _codes(note: Note, ctx: Context) -> Counter[str]:
    """How many findings each enabled rule makes on ``note`` (suppressions not applied)."""
    counts: Counter[str] = Counter()
    for rule in RULES:
        if severity_of(rule.info.code, ctx.config) is not Severity.OFF:
            counts[rule.info.code] += sum(1 for _ in rule.check(note, ctx))
    return counts


def _verify(
    pending: list[_Pending],
    text: note_source.Source,
    ctx: Context,
    notes: NoteCache | None,
    counts: Counter[str],
) -> set[int]:
    """The ``id`` of each pending finding whose fix makes it go away, and makes no other
    finding appear (``counts``: each code's count on the note as it is; issue 14, "a fix
    never makes a note worse": a fix ``--fix`` would undo is not offered).

    The fixes are applied together and the text parsed once (not once per fix: 1,000
    misplaced headings cost 1,000 parses, issue 12 S2); a fix counts as working when its
    rule reports its message as many times fewer as fixes with that message were applied.
    A message whose fixes fail together is tried again in halves, and fixes that clash
    with one applied are tried in the next batch, within :data:`MAX_VERIFY_PARSES` parses
    (a fix not verified by then is not offered).
    """
    good: set[int] = set()
    queue = [pending]
    parses = 0
    while queue and parses < MAX_VERIFY_PARSES:
        batch, later = _batch(queue.pop(0))
        if later:
            queue.append(later)
        parses += 1
        fixed = note_source.Source(text.path, apply(text.text, [e for i in batch for e in i.edits]))
        # The fixed text is kept in the note cache too: a seen note's check parses nothing.
        note = parse_cached(fixed, ctx.config, notes)
        fixed_codes = {item.rule.info.code for item in batch}
        worse = [c for c, n in _codes(note, ctx).items() if n > counts[c] and c not in fixed_codes]
        if worse:  # the batch adds findings: try its halves; a lone fix is not offered
            if len(batch) > 1:
                half = len(batch) // 2
                queue.extend((batch[:half], batch[half:]))
            continue
        groups: dict[tuple[str, str], list[_Pending]] = {}
        for item in batch:
            groups.setdefault(item.key(), []).append(item)
        after: dict[str, Counter[str]] = {}
        for (code, message), items in groups.items():
            if code not in after:
                after[code] = Counter(f.message for f in items[0].rule.check(note, ctx))
            before = sum(f.message == message for f in items[0].findings)
            if after[code][message] <= before - len(items):
                good.update(id(item.finding) for item in items)
            elif len(items) > 1:
                half = len(items) // 2
                queue.extend((items[:half], items[half:]))
    return good


def lint_note(
    note: Note,
    config: Config,
    context: Context | None = None,
    source: note_source.Source | None = None,
    notes: NoteCache | None = None,
) -> list[Diagnostic]:
    """Run every enabled rule over a parsed note; suppressions applied, sorted.

    Given the ``source`` the note was parsed from, a fix is offered only if every edit's
    span holds what the rule expects there, and a fix that changes the note's structure
    (``verify_fix``) only if it makes its finding go away once the fixed text is parsed
    again (see :func:`_verify`; ``notes`` keeps what that parses).  Without the source,
    fixes are passed on as the rules made them.
    """
    ctx = context or Context(config=config)
    hidden = _Suppressions(note.directives)
    original = Original(source.text) if source is not None else None
    found: list[tuple[Rule, Severity, Finding, Fix | None]] = []
    pending: list[_Pending] = []
    before: Counter[str] = Counter()
    for rule in RULES:
        severity = severity_of(rule.info.code, config)
        if severity is Severity.OFF:
            continue
        findings = list(rule.check(note, ctx))
        before[rule.info.code] += len(findings)
        for finding in findings:
            if hidden.hides(rule.info.code, finding.line):
                continue
            fix = finding.fix
            if fix is not None and original is not None:
                placed = [original.place(edit) for edit in fix]
                edits = [p for p in placed if p is not None]
                if len(edits) != len(placed):
                    fix = None
                elif rule.info.verify_fix:
                    pending.append(_Pending(rule, finding, edits, findings))
            found.append((rule, severity, finding, fix))
    good = _verify(pending, source, ctx, notes, before) if pending and source is not None else set()
    verified = {id(item.finding) for item in pending}
    out = [
        Diagnostic(
            note.path,
            finding.line,
            finding.col,
            rule.info.code,
            finding.message,
            severity,
            None if id(finding) in verified and id(finding) not in good else fix,
            finding.end,
        )
        for rule, severity, finding, fix in found
    ]
    return sorted(out, key=Diagnostic.sort_key)


def unreadable(path: str, error: note_source.UnreadableNote, config: Config) -> list[Diagnostic]:
    severity = severity_of("NL901", config)
    if severity is Severity.OFF:
        return []
    return [Diagnostic(path, error.line, error.col, "NL901", str(error), severity)]


def crashed(path: str, error: BaseException, config: Config) -> list[Diagnostic]:
    """NL901 for a note that notes-lint failed on (an internal error): the run goes on."""
    return unreadable(path, note_source.UnreadableNote(note_source.cannot_lint(error)), config)


def lint_text(text: str, config: Config, path: str = "<text>") -> list[Diagnostic]:
    """Lint one note given as text (no file system: NL206/NL207 check only in-note anchors)."""
    source = note_source.from_text(text, path)
    from notes_lint.parse import parse_note  # markdown-it is imported only for a parse

    return lint_note(parse_note(source, config), config, source=source)


def repository_root(start: Path) -> Path | None:
    """The git work tree holding ``start``, if any (links never resolve outside it).

    Found as git finds it, by the nearest ``.git`` (a folder, or a file in a linked
    work tree or submodule) from ``start`` upward; asking ``git`` would cost a process.
    """
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    checked: list[str] = field(default_factory=list)  # display paths, in order

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)


def _anchors(note: Note) -> tuple[tuple[str, ...], int]:
    """The targets of ``#fragment`` links into ``note``: heading anchors, then HTML ids;
    and its number of lines (the bound of GitHub's line anchors ``#L3``)."""
    return (*(heading.slug for heading in note.headings), *note.html_anchors), note.line_count


class Workspace:
    """Parses notes of one run, once each, for rules that look across files.

    ``config`` is one config for every note, or a
    :class:`~notes_lint.resolver.Resolver` that gives each note its own (the nearest
    config from its folder upward).  ``repo_root`` bounds the links of every note;
    None: each note's repository (the nearest ``.git`` above its config's folder).
    """

    def __init__(self, config: Config | Resolver, repo_root: Path | None = None) -> None:
        from notes_lint.resolver import as_resolver

        self.resolver = as_resolver(config)
        self.config = self.resolver.base
        self.repo_root = repo_root
        # Only the anchors of each note seen: a run over an archive keeps no headings.
        self._anchors: dict[Path, tuple[tuple[str, ...], int] | None] = {}
        # One note cache per config: its key holds the config that parsed the note.
        self._parsed: dict[int, tuple[Config, NoteCache]] = {}
        self._roots: dict[Path, Path] = {}

    @property
    def parsed(self) -> NoteCache:
        """The note cache of the base config."""
        return self.cache_of(self.config)

    def cache_of(self, config: Config) -> NoteCache:
        """The note cache of ``config`` (made on first use)."""
        entry = self._parsed.get(id(config))
        if entry is None:
            entry = self._parsed[id(config)] = (config, NoteCache(config))
        return entry[1]

    def flush(self) -> None:
        """Keep the notes parsed so far in the cache, for the next run."""
        for _config, cache in self._parsed.values():
            cache.flush()

    def root_of(self, config: Config) -> Path:
        """The folder that bounds the links of notes under ``config``."""
        if self.repo_root is not None:
            return self.repo_root
        root = self._roots.get(config.root)
        if root is None:
            root = self._roots[config.root] = repository_root(config.root) or config.root
        return root

    def anchors_of(self, path: Path) -> tuple[str, ...] | None:
        """The anchors of the note at ``path`` (see :func:`_anchors`); None: unreadable."""
        targets = self._targets(path)
        return None if targets is None else targets[0]

    def lines_of(self, path: Path) -> int | None:
        """The number of lines of the note at ``path``; None: unreadable."""
        targets = self._targets(path)
        return None if targets is None else targets[1]

    def _targets(self, path: Path) -> tuple[tuple[str, ...], int] | None:
        key = path.resolve()
        if key not in self._anchors:
            config = self.resolver.config_for(key)
            try:
                note = parse_cached(note_source.read(key), config, self.cache_of(config))
            except UsageError:
                raise
            except Exception:  # unreadable, or crashes: the note reports it when linted
                self._anchors[key] = None
            else:
                self._anchors[key] = _anchors(note)
        return self._anchors[key]

    def lint_file(self, note_file: NoteFile) -> list[Diagnostic]:
        config = self.resolver.config_for(note_file.path)
        try:
            source = note_source.read(note_file.path, note_file.display)
        except note_source.UnreadableNote as error:
            return unreadable(note_file.display, error, config)
        try:
            return self.lint_source(source, note_file)
        except UsageError:
            raise  # the config's fault (a user pattern past its time limit): exit 2, not NL901
        except Exception as error:  # one note that crashes notes-lint never stops the run
            return crashed(note_file.display, error, config)

    def lint_source(self, source: note_source.Source, note_file: NoteFile) -> list[Diagnostic]:
        """Lint ``source`` as the text of ``note_file`` (which --fix may not have written yet),
        with the note's own config."""
        config = self.resolver.config_for(note_file.path)
        parsed = self.cache_of(config)
        note = parse_cached(source, config, parsed)
        path = note_file.path.resolve()
        self._anchors.setdefault(path, _anchors(note))
        return lint_note(note, config, self._context(config, path), source, parsed)

    def _context(self, config: Config, path: Path) -> Context:
        """What the rules may know of the note at ``path`` (resolved) beyond its text."""
        root = self.root_of(config)
        if root != path.parent and root not in path.parents:
            root = path.parent  # a note outside the repository: its own folder bounds its links
        return Context(
            config=config,
            note_path=path,
            repo_root=root,
            anchors_of=self.anchors_of,
            lines_of=self.lines_of,
        )

    def lint_unsaved(self, source: note_source.Source, path: Path) -> tuple[Note, list[Diagnostic]]:
        """The note model and diagnostics of ``source``, text held in an editor for the
        note at ``path`` (the language server): linted as :meth:`lint_source` does, but
        neither the text nor its fixes' re-parses are kept in the note cache (a note
        being typed is a new text at every keystroke)."""
        config = self.resolver.config_for(path)
        from notes_lint.parse import parse_note

        note = parse_note(source, config)
        resolved = path.resolve()
        self._anchors[resolved] = _anchors(note)
        return note, lint_note(note, config, self._context(config, resolved), source)


def _lint_batch(resolver: Resolver, files: list[NoteFile]) -> list[list[Diagnostic]]:
    """A process's share: one workspace (one parse per note) for a run of files."""
    workspace = Workspace(resolver)
    found = [workspace.lint_file(note_file) for note_file in files]
    workspace.flush()
    return found


def iter_lint_files(
    files: list[NoteFile], config: Config | Resolver, jobs: int | None = None
) -> Iterator[list[Diagnostic]]:
    """Each file's diagnostics, in the order of ``files``, as soon as they are known.

    ``config`` is one config for every file, or a resolver that gives each file its
    own.  With ``jobs`` > 1 and enough files the work is shared by that many processes,
    each linting contiguous runs of the files: every diagnostic, and the order,
    is that of a one-process run.  A caller that writes each file's findings out
    as they come holds only a few batches of them, however many notes there are.
    """
    from notes_lint.resolver import as_resolver

    resolver = as_resolver(config)
    for note_file in files:  # every config is loaded here, once, not in each worker
        resolver.config_for(note_file.path)
    work = functools.partial(_lint_batch, resolver)
    for batch in parallel.imap_batches(work, files, jobs):
        yield from batch


def lint_files(
    files: list[NoteFile], config: Config | Resolver, jobs: int | None = None
) -> LintResult:
    """Lint ``files`` (see :func:`iter_lint_files`), every diagnostic in one result."""
    result = LintResult(files=len(files), checked=[f.display for f in files])
    for found in iter_lint_files(files, config, jobs):
        result.diagnostics.extend(found)
    return result


def lint_paths(
    config: Config | Resolver,
    paths: list[Path] | None = None,
    cwd: Path | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint the notes among ``paths`` (or all notes under the base config's folder).

    ``config``: one config for every note, or a :class:`~notes_lint.resolver.Resolver`
    (``Resolver()`` gives each note the nearest config from its folder upward, as the
    command line does).
    """
    return lint_files(find_notes(config, paths, cwd), config, jobs)
