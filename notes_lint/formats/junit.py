"""``junit``: JUnit XML, one test case a checked file, one failure an error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.formats.text import format_text
from notes_lint.names import xml_text


def format_junit(diagnostics: Sequence[Diagnostic], files: Sequence[str] = ()) -> str:
    """JUnit XML: one test case per checked file, one failure per error (warnings in output).

    Every name and message goes through :func:`~notes_lint.names.xml_text`, so the
    document is well-formed XML 1.0 whatever a file name or a note holds.
    """
    from xml.etree import ElementTree as ET

    by_path: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    suite = ET.Element(
        "testsuite", name="notes-lint", tests=str(len(by_path)), failures=str(errors), errors="0"
    )
    for path in sorted(by_path):
        case = ET.SubElement(suite, "testcase", classname="notes-lint", name=xml_text(path))
        found = by_path[path]
        for d in found:
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(
                    case, "failure", message=xml_text(f"{d.code} {d.message}"), type=d.code
                )
                failure.text = xml_text(format_text([d]))
        warnings = [d for d in found if d.severity is not Severity.ERROR]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text(format_text(warnings))
    suites = ET.Element(
        "testsuites", name="notes-lint", tests=suite.get("tests", "0"), failures=str(errors)
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


class JunitEmitter:
    """Findings held until :meth:`close`: the document's header counts them all."""

    step_rows: Sequence[str] = ()  # rows of the step summary: only github has any

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self.out = out
        self.files = files
        self._held: list[Diagnostic] = []

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        self._held.extend(diagnostics)

    def close(self) -> None:
        self.out.write(format_junit(self._held, self.files) + "\n")
