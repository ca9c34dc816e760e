"""Printing diagnostics: ``text`` (like ruff/flake8), ``json``, ``github`` workflow
commands (plus a step summary), ``sarif`` 2.1.0 and ``junit`` XML."""

from __future__ import annotations

import json
from collections.abc import Sequence

from notes_lint.diagnostics import Diagnostic, Severity

FORMATS = ("text", "json", "github", "sarif", "junit")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_RED = "\033[31m"
_YELLOW = "\033[33m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    lines = []
    for d in diagnostics:
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            lines.append(
                f"{_BOLD}{d.path}:{d.line}:{d.col}:{_RESET} {tint}{d.code}{_RESET} {d.message}"
            )
        else:
            lines.append(f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}")
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], indent=2, ensure_ascii=False)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def _sarif_fix(d: Diagnostic) -> dict[str, object]:
    return {
        "description": {"text": f"notes-lint fix for {d.code}"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": d.path, "uriBaseId": "%SRCROOT%"},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": e.line,
                            "startColumn": e.col,
                            "endLine": e.end_line,
                            "endColumn": e.end_col,
                        },
                        "insertedContent": {"text": e.text},
                    }
                    for e in d.fix or ()
                ],
            }
        ],
    }


def format_sarif(diagnostics: Sequence[Diagnostic]) -> str:
    """One SARIF 2.1.0 run: the rule catalogue as ``tool.driver.rules``, one result per finding."""
    from notes_lint import __version__
    from notes_lint.rules import RULES

    index = {rule.info.code: i for i, rule in enumerate(RULES)}
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
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "ruleIndex": index.get(d.code, -1),
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": d.line, "startColumn": d.col},
                    }
                }
            ],
        }
        if d.fix:
            result["fixes"] = [_sarif_fix(d)]
        results.append(result)
    log = {
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
    return json.dumps(log, indent=2, ensure_ascii=False)


def format_junit(diagnostics: Sequence[Diagnostic], files: Sequence[str] = ()) -> str:
    """JUnit XML: one test case per checked file, one failure per error (warnings in output)."""
    from xml.etree import ElementTree as ET

    by_path: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    suite = ET.Element(
        "testsuite", name="notes-lint", tests=str(len(by_path)), failures=str(errors), errors="0"
    )
    for path in sorted(by_path):
        case = ET.SubElement(suite, "testcase", classname="notes-lint", name=path)
        found = by_path[path]
        for d in found:
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(
                    case, "failure", message=f"{d.code} {d.message}", type=d.code
                )
                failure.text = f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}"
        warnings = [d for d in found if d.severity is not Severity.ERROR]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(
                f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}" for d in warnings
            )
    suites = ET.Element(
        "testsuites", name="notes-lint", tests=suite.get("tests", "0"), failures=str(errors)
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def step_summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding, since annotations are capped."""
    lines = ["### notes-lint", "", summary(diagnostics, files), ""]
    if diagnostics:
        lines += ["| location | code | severity | message |", "|---|---|---|---|"]
        for d in diagnostics:
            message = d.message.replace("|", "\\|").replace("\n", " ")
            lines.append(
                f"| `{d.path}:{d.line}:{d.col}` | {d.code} | {d.severity.value} | {message} |"
            )
    return "\n".join(lines) + "\n"


def render(
    diagnostics: Sequence[Diagnostic], fmt: str, color: bool = False, files: Sequence[str] = ()
) -> str:
    if fmt == "json":
        return format_json(diagnostics)
    if fmt == "github":
        return format_github(diagnostics)
    if fmt == "sarif":
        return format_sarif(diagnostics)
    if fmt == "junit":
        return format_junit(diagnostics, files)
    return format_text(diagnostics, color)


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """``3 errors, 2 warnings in 41 files``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = sum(1 for d in diagnostics if d.severity is Severity.WARNING)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
