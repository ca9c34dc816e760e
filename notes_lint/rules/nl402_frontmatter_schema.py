"""NL402: front matter that violates the config's JSON Schema, reported at the offending key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.validators import json_path, validator_for
from notes_lint.yamlsafe import shown

if TYPE_CHECKING:
    from jsonschema import ValidationError

INFO = RuleInfo(
    code="NL402",
    name="frontmatter-schema",
    summary="front matter that violates its JSON Schema",
    bad="frontmatter: {schema: {properties: {attendees: {type: array}}}}\n\n---\nattendees: Julien\n---",
    good="---\nattendees: [Julien]\n---",
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    front = note.frontmatter
    if front is None:
        if config.frontmatter_required:
            yield Finding(1, 1, "front matter is required: start the note with a '---' YAML block")
        return
    if front.error is not None or config.frontmatter_schema is None:
        return
    data = front.data if front.data is not None else {}
    validator = validator_for(
        config.frontmatter_schema, config.schema_documents, config.schema_bases.get("frontmatter")
    )
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = tuple(error.absolute_path)
        line, col = front.position((*path, *_unexpected_key(error)))
        yield Finding(
            line, col, f"front matter {json_path(path)}: {_message(error, front.written)}"
        )


def _message(error: ValidationError, written: dict[tuple[str | int, ...], str]) -> str:
    """jsonschema's message with the value judged shown as the note writes it (its
    messages open with Python's ``repr``: ``None``, ``1.1`` for ``1.10``), and, where
    YAML read an unquoted scalar otherwise than it is written, what it read and the hint
    to quote it (or, for a key written with no value, to write one)."""
    message = error.message
    text = written.get(tuple(error.absolute_path))
    python = repr(error.instance)
    if not message.startswith(python):
        return f"{shown(error.instance, text)}: {message}" if text is not None else message
    message = shown(error.instance, text) + message[len(python) :]
    if text is None:
        return message
    read = json.dumps(error.instance)
    if not text:
        return f"{message} (YAML reads a key with no value as {read}): write its value"
    return f'{message} (YAML 1.1 reads the unquoted {text} as {read}): quote it, "{text}"'


def _unexpected_key(error: ValidationError) -> tuple[str, ...]:
    """For an ``additionalProperties: false`` error, the first key the schema does not
    allow (as a path below the object): the finding points at it, not at the object."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return ()
    schema = error.schema if isinstance(error.schema, dict) else {}
    named = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    for key in error.instance:
        if key in named or any(_search(pattern, str(key)) for pattern in patterns):
            continue
        return (str(key),)
    return ()


def _search(pattern: str, key: str) -> bool:
    """Whether a ``patternProperties`` pattern (ECMA 262, read as Python's) finds ``key``;
    a pattern Python cannot read counts as matching (no key is then named)."""
    import re

    try:
        return re.search(pattern, key) is not None
    except re.error:
        return True
