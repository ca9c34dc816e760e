"""Printing a sync plan and what applying it did: text, JSON, Markdown (step summary)."""

from __future__ import annotations

from collections import Counter

import msgspec

from notes_lint.github_sync import ApplyReport
from notes_lint.jsonstream import dumps
from notes_lint.mdescape import table_cell
from notes_lint.sync import ActionJSON, Plan

_ORDER = ("create", "close", "reopen", "update", "close-duplicate", "defer")
_VERBS = {
    "create": "to create",
    "close": "to close",
    "reopen": "to reopen",
    "update": "to update",
    "close-duplicate": "duplicates to close",
    "defer": "deferred",
}


def _counts(plan: Plan) -> str:
    counts = Counter(a.kind for a in plan.actions)
    parts = [f"{counts[k]} {_VERBS[k]}" for k in _ORDER if counts[k]]
    parts.append(f"{plan.unchanged} unchanged")
    return ", ".join(parts)


def _before_since(plan: Plan) -> str | None:
    """How many undone TODOs ``since`` leaves without an issue, and how to include them."""
    if not plan.before_since:
        return None
    todos = (
        "TODO first seen before {} is"
        if plan.before_since == 1
        else "TODOs first seen before {} are"
    )
    return (
        f"{plan.before_since} {todos.format(plan.since)} not followed up: "
        "an earlier --since or github.since includes them"
    )


_OFFLINE = "offline: planned from the notes alone, as if the repository had no issue yet"


def render_plan(
    plan: Plan,
    fmt: str,
    applied: bool,
    report: ApplyReport | None = None,
    offline: bool = False,
) -> str:
    """The plan (and what applying it did) as ``text``, ``json`` or ``markdown``."""
    since = _before_since(plan)
    if fmt == "json":
        data: dict[str, object] = {
            "repo": plan.repo,
            "applied": applied,
            "offline": offline,
            "unchanged": plan.unchanged,
            "since": plan.since,
            "before_since": plan.before_since,
            "actions": [msgspec.convert(a, ActionJSON, from_attributes=True) for a in plan.actions],
        }
        if report is not None:
            data.update(
                {
                    "done": report.done,
                    "gone": report.gone,
                    "failed": report.failed,
                    "left": report.left,
                }
            )
        return dumps(data)
    if fmt == "markdown":
        lines = [f"### notes-lint sync of {plan.repo}", "", _counts(plan), ""]
        lines += [f"_{note}_\n" for note in (_OFFLINE if offline else None, since) if note]
        if plan.actions:
            lines += ["| action | issue | TODO | note |", "|---|---|---|---|"]
            for a in plan.actions:
                issue = f"#{a.number}" if a.number else ""
                text = table_cell(a.summary.split(": ", 1)[-1])
                lines.append(f"| {a.kind} | {issue} | {text} | {table_cell(a.note or '')} |")
        if report is not None:
            lines += [f"**Gone:** {item}" for item in report.gone]
        if report is not None and report.failed:
            lines += ["", f"**Stopped:** {report.failed}"]
        return "\n".join(lines)
    lines = [f"sync {plan.repo}: {_counts(plan)}"]
    lines += [note for note in (_OFFLINE if offline else None, since) if note]
    for a in plan.actions:
        lines.append(
            f"  {a.summary}"
            + (f"  (not assigned: {a.note})" if a.kind == "create" and a.note else "")
        )
    if report is not None:
        lines += [f"  done: {item}" for item in report.done]
        lines += [f"  gone: {item}" for item in report.gone]
        if report.failed:
            lines.append(f"stopped: {report.failed}")
        if report.left:
            lines.append(f"left for the next run: {len(report.left)}")
            lines += [f"  {item}" for item in report.left]
    elif not applied and plan.writes:
        lines.append("dry run: nothing was written (add --apply to carry out the plan)")
    return "\n".join(lines)
