"""Printing diagnostics: ``text`` (like ruff/flake8), ``json``, ``github`` workflow
commands (plus a step summary), ``sarif`` 2.1.0 and ``junit`` XML.

:class:`Report` writes a run's findings file by file as the linter hands them on,
so a check over an archive does not hold them all; :func:`render` gives the same
text for findings already in hand.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TextIO

import msgspec

from notes_lint.diagnostics import Diagnostic, FindingJSON, Severity
from notes_lint.jsonstream import ArrayWriter, dumps
from notes_lint.names import one_line, quoted, unicode_text, uri, xml_text

FORMATS = ("text", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_RED = "\033[31m"
_YELLOW = "\033[33m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    """One line a finding, ``path:line:col: CODE message``; a path that could break or
    forge a line is quoted (:func:`~notes_lint.names.quoted`), a message kept on its line.
    A finding that ``--fix`` can mend shows ``[*]`` before its message, as ruff's do."""
    lines = []
    for d in diagnostics:
        path, message = quoted(d.path), one_line(d.message)
        if d.fixable:
            message = f"[*] {message}"
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            lines.append(
                f"{_BOLD}{path}:{d.line}:{d.col}:{_RESET} {tint}{d.code}{_RESET} {message}"
            )
        else:
            lines.append(f"{path}:{d.line}:{d.col}: {d.code} {message}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    """A workflow command's data: ``%``, CR and LF as the runner unescapes them; any other
    control character or undecodable byte as ``\\xNN`` (so no name can forge a line)."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, escaped as the runner expects."""
    lines = []
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = (
            f"file={_escape_property(d.path)},line={d.line},col={d.col},"
            f"title={_escape_property(d.code)}"
        )
        lines.append(f"::{level} {props}::{_escape_data(d.message)}")
    return "\n".join(lines)


def _json_item(d: Diagnostic) -> FindingJSON:
    """A finding as JSON, its path and message valid Unicode (no undecodable byte)."""
    item = msgspec.convert(d, FindingJSON, from_attributes=True)
    return msgspec.structs.replace(item, path=unicode_text(d.path), message=unicode_text(d.message))


def _sarif_fix(d: Diagnostic) -> dict[str, object]:
    return {
        "description": {"text": f"notes-lint fix for {d.code}"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri(d.path), "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": e.line,
                            "startColumn": e.col,
                            "endLine": e.end_line,
                            "endColumn": e.end_col,
                        },
                        "insertedContent": {"text": unicode_text(e.text)},
                    }
                    for e in d.fix or ()
                ],
            }
        ],
    }


def _sarif_result(d: Diagnostic, index: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": d.code,
        "ruleIndex": index.get(d.code, -1),
        "level": "error" if d.severity is Severity.ERROR else "warning",
        "message": {"text": unicode_text(d.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(d.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": d.line, "startColumn": d.col},
                }
            }
        ],
    }
    if d.fix:
        result["fixes"] = [_sarif_fix(d)]
    return result


def _sarif_log(results: list[dict[str, object]]) -> dict[str, object]:
    """One SARIF 2.1.0 run: the rule catalogue as ``tool.driver.rules``, the results given."""
    from notes_lint import __version__
    from notes_lint.rules import RULES

    rules = [
        {
            "id": r.info.code,
            "name": r.info.name,
            "shortDescription": {"text": r.info.summary},
            "fullDescription": {"text": r.info.description or r.info.summary},
            "help": {
                "text": f"{r.info.summary}\n\nbad:\n{r.info.bad}\n\ngood:\n{r.info.good}",
                "markdown": f"{r.info.summary}\n\nbad:\n```markdown\n{r.info.bad}\n```\n\n"
                f"good:\n```markdown\n{r.info.good}\n```",
            },
            "defaultConfiguration": {
                "level": "error" if r.info.severity is Severity.ERROR else "warning"
            },
            "properties": {"fixable": r.info.fixable},
        }
        for r in RULES
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "notes-lint",
                        "version": __version__,
                        "informationUri": "https://github.com/notes-lint/notes-lint",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule_index() -> dict[str, int]:
    from notes_lint.rules import RULES

    return {rule.info.code: i for i, rule in enumerate(RULES)}


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


def _step_summary_row(d: Diagnostic) -> str:
    """A Markdown table row; the location is a code span that no file name can end."""
    message = one_line(d.message).replace("|", "\\|")
    location = quoted(d.path).replace("|", "\\|") + f":{d.line}:{d.col}"
    return f"| {_code_span(location)} | {d.code} | {d.severity.value} | {message} |"


def _code_span(text: str) -> str:
    """``text`` as a Markdown code span: a run of backticks longer than any inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class Report:
    """One run's findings, written to ``out`` in ``fmt`` as each file's arrive.

    ``text``, ``github`` and ``json`` are written as they come; a ``sarif`` log is
    written around its results the same way.  ``junit`` groups findings by file
    under counts in its header, so it is written at :meth:`close`.  The output is
    exactly :func:`render`'s, plus a final newline when there is any.

    With ``statistics``, nothing is written per finding: :meth:`close` writes a count
    per rule code (ruff's ``--statistics``), as text or, for ``json``, a JSON list.
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
        self.color = color
        self.files = files
        self.statistics = statistics
        self.errors = 0
        self.warnings = 0
        self.failed_files = 0  # calls of add() with an error: files, as check adds them
        self.fixable = 0  # findings that --fix can mend
        self.by_code: Counter[str] = Counter()
        self.fixable_by_code: Counter[str] = Counter()
        self.step_rows: list[str] = []  # github: the step summary lists every finding
        self._held: list[Diagnostic] = []  # junit
        self._array: ArrayWriter | None = None  # json and sarif: their list of findings
        self._rule_index: dict[str, int] = {}
        if statistics:
            pass
        elif fmt == "json":
            self._array = ArrayWriter(out, [])
        elif fmt == "sarif":
            self._rule_index = _rule_index()
            self._array = ArrayWriter(out, _sarif_log([]), '"results": []')

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
        if not diagnostics or self.statistics:
            return
        if self._array is not None:
            for d in diagnostics:
                self._array.item(
                    _sarif_result(d, self._rule_index) if self.fmt == "sarif" else _json_item(d)
                )
        elif self.fmt == "junit":
            self._held.extend(diagnostics)
        elif self.fmt == "github":
            self.out.write(format_github(diagnostics) + "\n")
            self.step_rows.extend(_step_summary_row(d) for d in diagnostics)
        else:
            self.out.write(format_text(diagnostics, self.color) + "\n")

    def close(self) -> None:
        if self.statistics:
            text = format_statistics(self.by_code, self.fixable_by_code, self.fmt == "json")
            if text:
                self.out.write(text + "\n")
        elif self._array is not None:
            self._array.close()
        elif self.fmt == "junit":
            self.out.write(format_junit(self._held, self.files) + "\n")

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
    """ruff's ``--statistics``: one line a rule code, most frequent first,
    ``COUNT<TAB>CODE<TAB>[*] name`` (``[*]`` when --fix can mend some of them, else
    ``[ ]``); as JSON, a list of ``{code, name, count, fixable}`` (fixable: a count)."""
    from notes_lint.rules import RULES_BY_CODE

    order = sorted(counts, key=lambda code: (-counts[code], code))

    def name(code: str) -> str:
        rule = RULES_BY_CODE.get(code)
        return rule.info.name if rule else code

    if as_json:
        items = [
            {"code": c, "name": name(c), "count": counts[c], "fixable": fixable[c]} for c in order
        ]
        return dumps(items)
    width = max((len(str(counts[c])) for c in order), default=1)
    return "\n".join(
        f"{counts[c]:>{width}}\t{c}\t{'[*]' if fixable[c] else '[ ]'} {name(c)}" for c in order
    )


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
