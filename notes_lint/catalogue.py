"""Human-readable rule documentation, for ``notes-lint rules`` and the README table."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from notes_lint.diagnostics import Severity
from notes_lint.rules import RULES, RuleInfo


def rules_table(markdown: bool = False, severities: Mapping[str, Severity] | None = None) -> str:
    """The catalogue, a rule a line; the severity column is the default one, or the one
    ``severities`` (a config's ``rules``) gives, with ``(config)`` where it differs."""

    def severity(info: RuleInfo) -> str:
        chosen = (severities or {}).get(info.code, info.severity)
        return chosen.value if chosen is info.severity else f"{chosen.value} (config)"

    if markdown:
        head = "default" if severities is None else "severity"
        rows = [f"| code | name | {head} | fix | what |", "|---|---|---|---|---|"]
        rows += [
            f"| {r.info.code} | {r.info.name} | {severity(r.info)} | "
            f"{'yes' if r.info.fixable else ''} | {r.info.summary} |"
            for r in RULES
        ]
        return "\n".join(rows)
    width = 16 if severities else 7
    return "\n".join(
        f"{r.info.code}  {severity(r.info):<{width}}  {'fix' if r.info.fixable else '   '}  "
        f"{r.info.summary}"
        for r in RULES
    )


def describe_rule(info: RuleInfo) -> str:
    def block(text: str) -> str:
        return textwrap.indent(text, "    ")

    return "\n".join(
        [
            f"{info.code} ({info.name}): {info.summary}",
            f"default severity: {info.severity.value}; auto-fix: {'yes' if info.fixable else 'no'}",
            "",
            "bad:",
            block(info.bad),
            "",
            "good:",
            block(info.good),
        ]
    )
