"""The one interface of ``check``'s output formats (as ruff's emitters have one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TextIO

from notes_lint.diagnostics import Diagnostic


class Emitter(Protocol):
    """Writes one run's findings in one format to a stream, file by file.

    Made with ``(out, color=..., files=...)``: ``out`` the stream, ``color``
    whether ANSI colours are wanted (only ``text`` has any), ``files`` every
    checked file's display path (only ``junit`` lists clean files).  :meth:`add`
    gets each file's findings (never an empty list) as the linter hands them on;
    :meth:`close` ends the document (a JSON array, a SARIF log, the JUnit XML).
    :attr:`step_rows` are the Markdown table rows, one a finding added so far, that
    ``$GITHUB_STEP_SUMMARY`` lists (only ``github`` has any: annotations are capped).
    """

    @property
    def step_rows(self) -> Sequence[str]: ...

    def add(self, diagnostics: Sequence[Diagnostic]) -> None: ...

    def close(self) -> None: ...


class EmitterFactory(Protocol):
    """A format's emitter class: ``Factory(out, color=False, files=())``."""

    def __call__(
        self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()
    ) -> Emitter: ...
