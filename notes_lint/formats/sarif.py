"""``sarif``: one SARIF 2.1.0 log (OASIS), the rule catalogue as its driver's rules,
findings as results with their fixes; the results are written as they come."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from notes_lint.diagnostics import Diagnostic, Severity
from notes_lint.jsonstream import ArrayWriter
from notes_lint.names import unicode_text, uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


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


def sarif_result(d: Diagnostic, index: dict[str, int]) -> dict[str, object]:
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


def sarif_log(results: list[dict[str, object]]) -> dict[str, object]:
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


def rule_index() -> dict[str, int]:
    from notes_lint.rules import RULES

    return {rule.info.code: i for i, rule in enumerate(RULES)}


class SarifEmitter:
    """The log's head at once, each result as it comes, the rest at :meth:`close`."""

    step_rows: Sequence[str] = ()  # rows of the step summary: only github has any

    def __init__(self, out: TextIO, *, color: bool = False, files: Sequence[str] = ()) -> None:
        self._index = rule_index()
        self._array = ArrayWriter(out, sarif_log([]), '"results": []')

    def add(self, diagnostics: Sequence[Diagnostic]) -> None:
        for d in diagnostics:
            self._array.item(sarif_result(d, self._index))

    def close(self) -> None:
        self._array.close()
