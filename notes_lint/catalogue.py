"""Human-readable rule documentation, for ``notes-lint rules`` and the README table."""

from __future__ import annotations

import textwrap

from notes_lint.rules import RULES, RuleInfo


def rules_table(markdown: bool = False) -> str:
    if markdown:
        rows = ["| code | name | default | fix | what |", "|---|---|---|---|---|"]
        rows += [
            f"| {r.info.code} | {r.info.name} | {r.info.severity.value} | "
            f"{'yes' if r.info.fixable else ''} | {r.info.summary} |"
            for r in RULES
        ]
        return "\n".join(rows)
    return "\n".join(
        f"{r.info.code}  {r.info.severity.value:<7}  {'fix' if r.info.fixable else '   '}  {r.info.summary}"
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
