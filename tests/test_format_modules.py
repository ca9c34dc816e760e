"""Both output families have one module a format behind one interface: ``check``'s
emitters (:mod:`notes_lint.formats`) and the ledger's writers (:mod:`notes_lint.ledger_formats`)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.formats import FORMATS, Report, emitter
from notes_lint.ledger import Ledger
from notes_lint.ledger_formats import WRITERS, write_ledger, writer


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_emitter_says_its_step_summary_rows(fmt: str) -> None:
    finding = Diagnostic("a.md", 1, 2, "NL301", "no | owner", Severity.ERROR)
    report = Report(fmt, io.StringIO())
    report.add([finding])
    rows = list(emitter(fmt, io.StringIO()).step_rows)
    assert rows == []  # nothing added yet
    if fmt == "github":
        assert report.step_rows == ["| `a.md:1:2` | NL301 | error | no \\| owner |"]
        assert "| location | code |" in report.step_summary(1)
    else:
        assert report.step_rows == []
        assert "| location |" not in report.step_summary(1)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_ledger_format_is_a_module_with_one_write(fmt: str) -> None:
    write = writer(fmt)
    assert write.__module__ == f"notes_lint.ledger_formats.{WRITERS[fmt]}"
    out = io.StringIO()
    write_ledger(Ledger([], dt.date(2026, 1, 1), 14, notes=0, undated=[]), [], fmt, out)
    text = out.getvalue()
    assert text.endswith("\n") and not text.endswith("\n\n")
    if fmt in ("table", "markdown"):
        assert text == "no TODOs\n"


def test_an_unknown_ledger_format_is_the_table() -> None:
    assert writer("no-such-format") is writer("table")
