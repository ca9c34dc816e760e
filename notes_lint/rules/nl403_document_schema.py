"""NL403: the note model (``notes-lint dump``) violates the config's ``document-schema``.

Each violation is reported at the line of the model node it concerns: the
nearest object on the error's path that carries a ``line``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notes_lint.model import Note
from notes_lint.modeljson import note_json
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.validators import json_path, validator_for

INFO = RuleInfo(
    code="NL403",
    name="document-schema",
    summary="a violation of the document-schema",
    bad="document-schema: {properties: {todos: {maxItems: 10}}}  # and 12 TODOs",
    good="a note whose model satisfies the team's document-schema",
)


def _position(instance: Any, path: tuple[str | int, ...]) -> tuple[int, int]:
    line, col = 1, 1
    node = instance
    for part in path:
        if isinstance(node, dict) and isinstance(node.get("line"), int):
            line, col = node["line"], node.get("col") or 1
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("line"), int):
        line, col = node["line"], node.get("col") or 1
    return line, col


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    schema = ctx.config.document_schema
    if schema is None:
        return
    instance = note_json(note)
    config = ctx.config
    validator = validator_for(schema, config.schema_documents, config.schema_bases.get("document"))
    for error in sorted(
        validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))
    ):
        path = tuple(error.absolute_path)
        line, col = _position(instance, path)
        yield Finding(line, col, f"document-schema {json_path(path)}: {error.message}")
