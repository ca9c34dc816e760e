"""NL402: front matter that violates the config's JSON Schema, reported at the offending key."""

from __future__ import annotations

import json
from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.validators import json_path, validator_for

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
        line, col = front.position(path)
        message = error.message
        written = front.written.get(path)
        if written is not None:
            read = json.dumps(error.instance)
            shown = repr(error.instance)
            rest = message[len(shown) :] if message.startswith(shown) else f": {message}"
            message = (
                f"{written}{rest} (YAML 1.1 reads the unquoted {written} as {read}): "
                f'quote it, "{written}"'
            )
        yield Finding(line, col, f"front matter {json_path(path)}: {message}")
