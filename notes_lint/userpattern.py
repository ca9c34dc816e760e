"""Regular expressions written in the config, run on note text with a time limit.

A pull request can change the config, so ``date.pattern``, ``todos.due-pattern`` and
the ``pattern`` / ``patternProperties`` keywords of the configured JSON schemas
(``frontmatter.schema``, ``document-schema``) are untrusted: ``(x+x+)+y`` takes
exponential time on a line of x's (issue 12, K7).  They run on the ``regex`` package
with its ``timeout``; a pattern past its allowance stops the run with a
:class:`~notes_lint.errors.ConfigError` naming the config key (exit 2), since every
note would meet it again.

The allowance is :data:`SECONDS` plus :data:`SECONDS_PER_CHAR` for each character the
pattern has been given in this process: the time a pattern takes stays linear in the
size of the notes, however many calls it is split into.  An ordinary pattern takes a
small fraction of a microsecond per character.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from notes_lint.errors import ConfigError

if TYPE_CHECKING:
    import regex
    from jsonschema.protocols import Validator

SECONDS = 1.0
"""The time a user pattern may take in one process, over its per-character allowance."""
SECONDS_PER_CHAR = 20e-6
"""The time a user pattern is allowed for each character of text it is given."""


def nested_repeat(pattern: str) -> bool:
    """Whether ``pattern`` (valid for ``re``) has a repeat inside a repeat, either unbounded.

    ``(x+x+)+y`` and ``(\\d+-)*`` have one (star height 2): such a pattern can take
    exponential time, and the ``regex`` module's own checks catch only some of them, so
    the config refuses it (the allowance above catches the others, such as ``(x|xx)+$``).
    Possessive repeats do not count (they never give back what they took), nor fixed
    ones such as ``\\d{4}``.
    """
    import warnings

    with warnings.catch_warnings():  # re's own parser: re._parser since Python 3.11
        warnings.simplefilter("ignore", DeprecationWarning)
        import sre_constants as c
        import sre_parse

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT}

    def parts(op: Any, av: Any) -> list[Any]:
        """The sub-patterns of one item (a group's, each branch's, an assertion's)."""
        if op is c.SUBPATTERN:
            return [av[-1]]
        if op is c.BRANCH:
            return list(av[1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return [av[1]]
        if op is c.GROUPREF_EXISTS:
            return [b for b in av[1:] if b is not None]
        return []

    def walk(items: Any, inside: bool, unbounded: bool) -> bool:
        for op, av in items:
            if op in repeats and av[1] > 1 and av[1] != av[0]:  # x{4} is no choice
                endless = av[1] == c.MAXREPEAT
                if (inside and (unbounded or endless)) or walk(av[2], True, unbounded or endless):
                    return True
            elif op in repeats:
                if walk(av[2], inside, unbounded):
                    return True
            elif any(walk(part, inside, unbounded) for part in parts(op, av)):
                return True
        return False

    return walk(sre_parse.parse(pattern), False, False)


class UserPattern:
    """A pattern from the config: ``search`` as ``re``'s, within the allowance above.

    ``pattern`` is the pattern's text, ``key`` the config key it came from (for the
    message), ``origin`` the config file.  The ``regex`` module is imported on the
    first search (a run that parses no note never needs it).
    """

    def __init__(self, pattern: str, key: str, origin: str) -> None:
        self.pattern = pattern
        self.key = key
        self.origin = origin
        self._compiled: regex.Pattern[str] | None = None
        self._spent = 0.0  # seconds
        self._allowed = SECONDS

    def __reduce__(self) -> tuple[type[UserPattern], tuple[str, str, str]]:
        return UserPattern, (self.pattern, self.key, self.origin)

    def __repr__(self) -> str:
        return f"UserPattern({self.pattern!r}, {self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UserPattern) and (self.pattern, self.key) == (
            other.pattern,
            other.key,
        )

    def __hash__(self) -> int:
        return hash((self.pattern, self.key))

    def compiled(self) -> regex.Pattern[str]:
        """The compiled pattern; :class:`ConfigError` if ``regex`` refuses it."""
        if self._compiled is None:
            import regex

            try:
                self._compiled = regex.compile(self.pattern)
            except regex.error as exc:
                raise ConfigError(
                    f"{self.origin}: {self.key}: invalid regular expression {self.pattern!r}: {exc}"
                ) from None
        return self._compiled

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled().groupindex

    def search(self, text: str) -> regex.Match[str] | None:
        """The first match in ``text``, or None.

        Raises :class:`ConfigError` when the pattern outruns its allowance.
        """
        compiled = self.compiled()
        self._allowed += SECONDS_PER_CHAR * len(text)
        started = time.perf_counter()
        try:
            return compiled.search(text, timeout=max(self._allowed - self._spent, 1e-3))
        except TimeoutError:
            raise ConfigError(
                f"{self.origin}: {self.key}: the regular expression {self.pattern!r} takes too "
                f"long on the notes' text (over {self._allowed:.1f} s): write one that cannot "
                "backtrack without end (no nested or overlapping repeats such as (x+x+)+)"
            ) from None
        finally:
            self._spent += time.perf_counter() - started


@functools.lru_cache(maxsize=256)
def _schema_pattern(pattern: str) -> UserPattern:
    """A schema's pattern, shared by every validation in the process (one allowance)."""
    return UserPattern(pattern, "a pattern of frontmatter.schema or document-schema", "config")


def schema_search(pattern: str, text: str) -> bool:
    """Whether a JSON schema's ``pattern`` matches ``text`` (``re.search``, time-limited)."""
    return _schema_pattern(pattern).search(text) is not None


def _pattern(validator: Validator, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """The ``pattern`` keyword, with :func:`schema_search`."""
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not schema_search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Validator, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    """The ``patternProperties`` keyword, with :func:`schema_search`."""
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if schema_search(pattern, key):
                yield from validator.descend(  # type: ignore[attr-defined]
                    value, subschema, path=key, schema_path=pattern
                )


def _additional_properties(
    validator: Validator, additional: Any, instance: Any, schema: Any
) -> Iterator[Any]:
    """The ``additionalProperties`` keyword, its ``patternProperties`` with
    :func:`schema_search`."""
    from jsonschema import ValidationError

    if not validator.is_type(instance, "object"):
        return
    known = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [
        key
        for key in instance
        if key not in known and not any(schema_search(p, key) for p in patterns)
    ]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(  # type: ignore[attr-defined]
                instance[extra], additional, path=extra
            )
    elif not additional and extras:
        listed = ", ".join(repr(extra) for extra in sorted(extras, key=str))
        if patterns:
            verb = "does" if len(extras) == 1 else "do"
            yield ValidationError(
                f"{listed} {verb} not match any of the regexes: "
                + ", ".join(repr(p) for p in sorted(patterns))
            )
        else:
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({listed} {verb} unexpected)"
            )


@functools.cache
def timed_validator_class() -> type[Validator]:
    """Draft 2020-12 with the pattern keywords above (``jsonschema.validators.extend``)."""
    import jsonschema
    from jsonschema import validators

    extended: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator,
        {
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
        },
    )
    return extended
