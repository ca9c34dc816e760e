"""Printing diagnostics: one module a format of ``check``, behind one interface.

``text`` (like ruff/flake8, :mod:`.text`), ``json`` (:mod:`.json`), ``github``
workflow commands plus a step summary (:mod:`.github`), ``sarif`` 2.1.0
(:mod:`.sarif`) and ``junit`` XML (:mod:`.junit`): each module has an
:class:`~notes_lint.formats.base.Emitter` that :data:`EMITTERS` names, as ruff's
emitters are one a format.

:class:`Report` writes a run's findings file by file as the linter hands them on,
so a check over an archive does not hold them all; :func:`render` gives the same
text for findings already in hand.
"""

from __future__ import annotations

import importlib
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.formats.base import Emitter, EmitterFactory

EMITTERS: Mapping[str, tuple[str, str]] = {
    "text": ("text", "TextEmitter"),
    "json": ("json", "JsonEmitter"),
    "github": ("github", "GithubEmitter"),
    "sarif": ("sarif", "SarifEmitter"),
    "junit": ("junit", "JunitEmitter"),
}
"""Format name (``check --format``) → its module in this package and emitter class;
a module is imported when its format is used (the CLI's start stays lean)."""

FORMATS = tuple(EMITTERS)


def emitter(fmt: str, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> Emitter:
    """The emitter of format ``fmt`` writing to ``out``; :class:`ValueError` for an unknown one."""
    if fmt not in EMITTERS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    module, name = EMITTERS[fmt]
    factory: EmitterFactory = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return factory(out, color=color, files=files)


class Report:
    """One run's findings, written to ``out`` in ``fmt`` as each file's arrive.

    ``text``, ``github`` and ``json`` are written as they come; a ``sarif`` log is
    written around its results the same way.  ``junit`` groups findings by file
    under counts in its header, so it is written at :meth:`close`.  The output is
    exactly :func:`render`'s, plus a final newline when there is any.

    With ``statistics``, nothing is written per finding: :meth:`close` writes a count
    per rule code (ruff's ``--statistics``), as text or, for ``json``, a JSON list.
    Raises :class:`ValueError` for a ``fmt`` not in :data:`FORMATS` (but with
    ``statistics``, where any other than ``json`` is text).
    """

    def __init__(
        self,
        fmt: str,
        out: TextIO,
        color: bool = False,
        files: Sequence[str] = (),
        statistics: bool = False,
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.statistics = statistics
        self.errors = 0
        self.warnings = 0
        self.failed_files = 0  # calls of add() with an error: files, as check adds them
        self.fixable = 0  # findings that --fix can mend
        self.by_code: Counter[str] = Counter()
        self.fixable_by_code: Counter[str] = Counter()
        self._emitter: Emitter | None = (
            None if statistics else emitter(fmt, out, color=color, files=files)
        )

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        """The findings of one file (or of several, in order)."""
        errors, warnings = _counts(diagnostics)
        self.errors += errors
        self.warnings += warnings
        self.failed_files += errors > 0
        for d in diagnostics:
            self.by_code[d.code] += 1
            if d.fixable:
                self.fixable += 1
                self.fixable_by_code[d.code] += 1
        if diagnostics and self._emitter is not None:
            self._emitter.add(diagnostics)

    def close(self) -> None:
        if self._emitter is not None:
            self._emitter.close()
            return
        text = format_statistics(self.by_code, self.fixable_by_code, self.fmt == "json")
        if text:
            self.out.write(text + "\n")

    @property
    def step_rows(self) -> list[str]:
        """``github``: a Markdown table row a finding so far; other formats: none."""
        return list(self._emitter.step_rows) if self._emitter is not None else []

    def summary(self, files: int) -> str:
        """``3 errors, 1 warning in 4 files``, then ``; [*] 2 fixable with --fix`` if any."""
        text = _summary(self.errors, self.warnings, files)
        return f"{text}; [*] {self.fixable} fixable with --fix" if self.fixable else text

    def step_summary(self, files: int) -> str:
        """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding, since annotations are capped."""
        lines = ["### notes-lint", "", self.summary(files), ""]
        if self.step_rows:
            lines += ["| location | code | severity | message |", "|---|---|---|---|"]
            lines += self.step_rows
        return "\n".join(lines) + "\n"


def format_statistics(counts: Counter[str], fixable: Counter[str], as_json: bool = False) -> str:
    """ruff's ``--statistics`` (as ruff 0.17 prints it): one line a rule code, most
    frequent first, ``COUNT<TAB>CODE<TAB>[*] name`` where the mark is ``[*]`` when
    --fix can mend all of them, ``[-]`` some, ``[ ]`` none; as JSON (ruff's
    ``--output-format json``), a list of ``{code, name, count, fixable,
    fixable_count}``: ``fixable`` a boolean (all of them), ``fixable_count`` how many."""
    from notes_lint.rules import RULES_BY_CODE

    order = sorted(counts, key=lambda code: (-counts[code], code))

    def name(code: str) -> str:
        rule = RULES_BY_CODE.get(code)
        return rule.info.name if rule else code

    if as_json:
        from notes_lint.jsonstream import dumps

        items = [
            {
                "code": c,
                "name": name(c),
                "count": counts[c],
                "fixable": fixable[c] == counts[c],
                "fixable_count": fixable[c],
            }
            for c in order
        ]
        return dumps(items)
    width = max((len(str(counts[c])) for c in order), default=1)

    def mark(code: str) -> str:
        return "[*]" if fixable[code] == counts[code] else "[-]" if fixable[code] else "[ ]"

    return "\n".join(f"{counts[c]:>{width}}\t{c}\t{mark(c)} {name(c)}" for c in order)


def render(
    diagnostics: Sequence[Diagnostic], fmt: str, color: bool = False, files: Sequence[str] = ()
) -> str:
    """All of ``diagnostics`` in ``fmt``, as one string."""
    out = io.StringIO()
    report = Report(fmt, out, color, files)
    report.add(diagnostics)
    report.close()
    return out.getvalue().removesuffix("\n")


def write_report(
    per_file: Iterable[Sequence[Diagnostic]],
    fmt: str,
    out: TextIO,
    color: bool = False,
    files: Sequence[str] = (),
    statistics: bool = False,
) -> Report:
    """Write each file's findings as they come; the report keeps the counts."""
    report = Report(fmt, out, color, files, statistics)
    for diagnostics in per_file:
        report.add(diagnostics)
    report.close()
    return report


def _summary(errors: int, warnings: int, files: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def _counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """Errors and warnings among ``diagnostics``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)
    return errors, warnings


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``3 errors, 2 warnings in 41 files``."""
    return _summary(*_counts(diagnostics), files)
