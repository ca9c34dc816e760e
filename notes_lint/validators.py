"""JSON Schema validators, built once per schema per process (building costs ms)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from notes_lint.errors import printable

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

_CACHE: dict[int, tuple[dict[str, Any], Validator]] = {}


def validator_for(
    schema: dict[str, Any], documents: Mapping[str, Any] | None = None, base: str | None = None
) -> Validator:
    """A Draft 2020-12 validator (with format checks) for ``schema``, cached.

    ``base`` is the schema's base URI and ``documents`` what its ``$ref``s reach
    (:attr:`Config.schema_documents`): references resolve among those alone, through
    a registry that retrieves nothing (see :mod:`notes_lint.schemarefs`).
    """
    cached = _CACHE.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    import jsonschema

    from notes_lint import schemarefs
    from notes_lint.userpattern import timed_validator_class

    # The schema is the config's: its patterns run with a time limit (see userpattern),
    # and its $refs resolve only through the registry (see schemarefs).
    root: dict[str, Any] = schema if base is None else {"$ref": base}
    validator = timed_validator_class()(
        root,
        registry=schemarefs.registry({**(documents or {}), **({base: schema} if base else {})}),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    _CACHE[id(schema)] = (schema, validator)  # keeps ``schema`` alive, so its id stays unique
    return validator


_PLAIN_KEY = re.compile(r"[^\s.\[\]'\"\\:]+")
"""A key written after a ``.``: no space, dot, bracket, quote, backslash or colon in it
(a colon ends the path in ``key: problem``, so a reader sees where the path ends)."""


def json_path(parts: Iterable[object], *, root: str = "$") -> str:
    """Where a schema error is, as users of check-jsonschema and jq know it.

    Shape: ``["attendees", 0, "name"]`` → ``$.attendees[0].name``; a key that a
    dot could not show unambiguously (a space, ``.``, ``[``, ``]``, a quote, a
    backslash, a colon, or empty) is bracketed and quoted, JSONPath style (RFC 9535,
    2.5.1): ``$['a.b']``, with ``\\``, ``\\'`` and a character that does not print
    written as its Python escape (``\\n``, ``\\x85``).  ``root=""`` gives a config
    key path (``rules.NL101.severity``, the keys as the YAML file nests them); with no
    parts that is ``""``, and the caller says what it means (the top level).
    Nothing parses it back: a problem's place travels as its parts (``configpos``).
    """
    out = root
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        key = str(part)  # YAML allows other scalars as keys (a date, a boolean)
        if _PLAIN_KEY.fullmatch(key) and key.isprintable():
            out += f".{key}" if out else key
        else:
            escaped = printable(key.replace("\\", "\\\\").replace("'", "\\'"))
            out += f"['{escaped}']"
    return out


def key_path(parts: Iterable[object]) -> str:
    """A config or front-matter key path (:func:`json_path` without ``$``), or
    ``(top level)`` for none: what a problem message starts with."""
    return json_path(parts, root="") or "(top level)"
