"""JSON Schema validators, built once per schema per process (building costs ms)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

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


def json_path(parts: Iterable[str | int]) -> str:
    """``$.attendees[0]`` style path, as users of check-jsonschema know it."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
