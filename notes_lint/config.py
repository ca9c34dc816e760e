"""Loading, validating and resolving the configuration (PRODUCT.md §4).

One file holds the team's template and the tool's settings.  Each note uses the
nearest one from its folder upward (:mod:`notes_lint.resolver`; :func:`find_config`
finds one from a folder), merged over the preset it ``extends``, validated
against ``schema/config.schema.json`` and turned into the typed :class:`Config`
that the parser and the rules read.  The problems of one load are gathered
(:class:`notes_lint.configpos.Problems`: the schema's, then the checks it cannot make,
run on what it accepted) into one :class:`ConfigError` (exit code 2), a line each
naming the file, the place and the key path.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notes_lint import cache, configpos, jsonsafe, resources, yamlsafe
from notes_lint.dates import NAMED_FORMATS, date_text
from notes_lint.diagnostics import Severity
from notes_lint.errors import ConfigError
from notes_lint.matching import did_you_mean, normalize_heading
from notes_lint.people import person_key
from notes_lint.userpattern import UserPattern, nested_repeat
from notes_lint.validators import key_path

CONFIG_NAMES = (".notes-lint.yaml", ".notes-lint.yml", ".notes-lint.toml", "pyproject.toml")
DEFAULT_PRESET = "generic"
OWNER_TAG_STYLES = (
    "paren-start",
    "paren-end",
    "name-colon",
    "name-tag",
    "mention",
    "name-to",
    "name-end",
)


DUE_KEYWORDS = ("due", "due on", "due by", "due before", "due date", "deadline", "by", "before")
"""The words that introduce a TODO's due date in the default ``todos.due-pattern``, each
in any case and optionally followed by ``:`` (``due: 2021-10-01``, ``Deadline: Sept 1``,
``due date 2021-09-01``).  ``before`` counts only when its date closes the TODO (``send
the slides before 2021-09-01``): inside a sentence it more often bounds what the task is
about than when it is due.  A keyword glued to a word before it (``stand-by``,
``nearby``) is none."""

# The keywords but ``before`` (group ``_before``: closing only), longest first; the
# space between two words is any run of blanks.
_DUE_WORDS = "|".join(
    word.replace(" ", r"[ \t]+")
    for word in sorted(DUE_KEYWORDS, key=len, reverse=True)
    if word != "before"
)


def default_due_pattern(formats: tuple[str, ...] = NAMED_FORMATS) -> str:
    """The default ``todos.due-pattern``: a keyword of :data:`DUE_KEYWORDS`, an optional
    ``:``, then a date in ``formats`` (``date.formats``) or a named format, as
    :func:`notes_lint.dates.date_text` writes it: every date the date module reads
    (PRODUCT.md's due dates), group ``date``.  Keywords in any case (``Due``, ``BY``), as
    a sentence start or capitals write them.  The match is the keyword and the date only,
    never brackets around them (``(deadline: 2021-09-01)``): the TODO's id leaves out
    what the match covers, and the ids of ``(due …)`` and ``(by …)`` stay as they were."""
    return (
        r"(?<![\w-])(?i:(?:" + _DUE_WORDS + r")|(?P<_before>before))"
        rf"(?::|\s)\s*(?P<date>{date_text(formats)})(?![\w-])"
        r"(?(_before)(?=[\s.,;:!?)\]]*$))"
    )


DEFAULT_EXCLUDE = (
    "README.md",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "CODE_OF_CONDUCT.md",
    "LICENSE.md",
    "SECURITY.md",
    "template.md",
    "node_modules/",
    ".git/",
    ".github/",
)


@dataclass(frozen=True)
class SectionSpec:
    """A section the schema names, with the spellings that count as it."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    todos: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalize_heading(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class Person:
    name: str
    login: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateSpec:
    level: int | None = 2
    section: str | None = None
    pattern: UserPattern | None = None
    formats: tuple[str, ...] = NAMED_FORMATS
    filename: bool = True
    labels: tuple[
        str, ...
    ] = ()  # ``**Date:** …``, ``- When: …``: labelled lines that hold the date


@dataclass(frozen=True)
class SectionsSpec:
    level: int = 2
    unknown: str = "allow"
    order: bool = True
    persons: str = "anywhere"
    per_person: bool = False
    named: tuple[SectionSpec, ...] = ()

    @functools.cached_property
    def _by_key(self) -> dict[str, SectionSpec]:
        index: dict[str, SectionSpec] = {}
        for spec in self.named:
            for key in spec.keys:
                index.setdefault(key, spec)
        return index

    def lookup(self, title: str) -> SectionSpec | None:
        return self._by_key.get(normalize_heading(title))


@dataclass(frozen=True)
class TodoSpec:
    owner_tags: tuple[str, ...] = OWNER_TAG_STYLES  # in the team's order of preference
    inherit_owner: bool = True
    markers: tuple[str, ...] = ("TODO:",)
    done_markers: tuple[str, ...] = ("checkbox", "strikethrough", "DONE", "(done)", "[done]", "✅")
    due_pattern: UserPattern | None = None
    task_items: bool = False  # every task item (- [ ], - [x]) is a TODO, in any section
    assignments: bool = False  # "Niko to post a comment" anywhere is a TODO (a person's)


@dataclass(frozen=True)
class LinkSpec:
    private_hosts: tuple[str, ...] = ()
    allowed_private_hosts: tuple[str, ...] = ()
    require_https: bool = True
    https_hosts: tuple[str, ...] = ()
    default_repo: str | None = None
    # None: every scheme but those dangerous in a rendered note (rules/nl209_url_scheme.py).
    schemes: tuple[str, ...] | None = None
    # The content folder of a static site built from the notes (absolute), or None: then
    # links written for the site's URLs are not judged as files (rules/nl206_missing_file.py).
    site_root: Path | None = None


@dataclass
class Config:
    """The resolved configuration: everything the parser and the rules need."""

    root: Path
    source: Path | None = None
    include: tuple[str, ...] = ("**/*.md",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    date: DateSpec = field(default_factory=DateSpec)
    sections: SectionsSpec = field(default_factory=SectionsSpec)
    people: tuple[Person, ...] = ()
    todos: TodoSpec = field(default_factory=TodoSpec)
    links: LinkSpec = field(default_factory=LinkSpec)
    frontmatter_required: bool = False
    frontmatter_schema: dict[str, Any] | None = None
    document_schema: dict[str, Any] | None = None
    # What the schemas' $refs reach (notes_lint.schemarefs): documents by URI, and the
    # base URI of each schema ("frontmatter", "document") that its relative $refs use.
    schema_documents: dict[str, Any] = field(default_factory=dict)
    schema_bases: dict[str, str] = field(default_factory=dict)
    rules: dict[str, Severity] = field(default_factory=dict)
    github: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def _people_by_key(self) -> dict[str, Person]:
        index: dict[str, Person] = {}
        for person in self.people:
            for name in (person.name, *person.aliases, *((person.login,) if person.login else ())):
                index.setdefault(person_key(name), person)
        return index

    @functools.cached_property
    def _people_by_name_unit(self) -> dict[str, tuple[Person, ...]]:
        """The key (:func:`notes_lint.people.person_key`) of the first or last word of a
        roster name of several words -> the people whose names have it: ``priya`` and
        ``raman`` of ``Priya Raman``, ``anne marie`` (not ``anne``) of ``Anne-Marie
        Dubois``: a word is split at spaces as written, so a hyphenated given name is one
        unit, as its bearer writes it."""
        found: dict[str, dict[int, Person]] = {}
        for person in self.people:
            for name in (person.name, *person.aliases):
                words = name.split()
                for word in (words[0], words[-1]) if len(words) > 1 else ():
                    key = person_key(word)
                    if key:
                        found.setdefault(key, {})[id(person)] = person
        return {key: tuple(people.values()) for key, people in found.items()}

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every roster name and alias, by person key (``obrien``, ``anne``,
        ``marie``): a written word that is one of them names that word's bearer, never
        another person (a did-you-mean keeps it: :func:`notes_lint.owners.roster_spelling`)."""
        return frozenset(
            word
            for person in self.people
            for name in (person.name, *person.aliases)
            for word in person_key(name).split()
        )

    def person(self, name: str) -> Person | None:
        """The roster entry whose name, alias or login matches ``name`` loosely, or the
        one person whose names begin or end with ``name`` as a word (``Priya`` or
        ``Gomez`` for ``Priya Gómez``, ``Anne Marie`` for ``Anne-Marie Dubois``, when no
        other person's name has that word).  Names are compared by
        :func:`notes_lint.people.person_key` (``Loic`` is ``Loïc``, ``OBrien`` is
        ``O'Brien``)."""
        key = person_key(name)
        found = self._people_by_key.get(key)
        if found is not None:
            return found
        people = self._people_by_name_unit.get(key, ())
        return people[0] if len(people) == 1 else None

    def people_named(self, name: str) -> tuple[Person, ...]:
        """Every roster person ``name`` can name: the one whose name, alias or login it
        is, else each whose names begin or end with it as a word (``O'Brien`` names both
        ``Dana O'Brien`` and ``Pat O'Brien``: then it is no one in particular)."""
        key = person_key(name)
        found = self._people_by_key.get(key)
        return (found,) if found is not None else self._people_by_name_unit.get(key, ())

    def roster_names(self) -> list[str]:
        return [n for p in self.people for n in (p.name, *p.aliases)]


# --------------------------------------------------------------------------- files


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward (pyproject only with our table)."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or pyproject_has_table(candidate):
                return candidate
    return None


def pyproject_has_table(path: Path) -> bool:
    """Whether the pyproject.toml at ``path`` has a ``[tool.notes-lint]`` table (a file
    without one is not a config); a broken file is a :class:`ConfigError`."""
    return _pyproject_table(path) is not None


MAX_FILE_BYTES = 1024 * 1024
"""Config and schema files larger than this are refused (a config is a page or two)."""


def read_limited(path: Path, what: str = "config", name: str | None = None) -> bytes:
    """The bytes of a config or schema file, refused (:class:`ConfigError`) when it is
    not a regular file (a FIFO is never opened) or is over :data:`MAX_FILE_BYTES`; its
    problems name it ``name`` (default: ``path``)."""
    from notes_lint.source import not_regular

    path_given, path = path, Path(name) if name is not None else path
    try:
        info = path_given.stat()
        kind = not_regular(info.st_mode)
        if kind is not None:
            raise ConfigError(f"{path}: the {what} is {kind}, not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ConfigError(
                f"{path}: the {what} is {info.st_size / 1048576:.1f} MiB, "
                f"over the {MAX_FILE_BYTES // 1048576} MiB limit"
            )
        return path_given.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read_toml(path: Path, name: str | None = None) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    data = read_limited(path, name=name)
    path = Path(name) if name is not None else path
    try:
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: invalid TOML: nested too deep") from None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    """``[tool.notes-lint]`` of a pyproject.toml; a broken file is an error, not "no config"."""
    table = _read_toml(path).get("tool", {}).get("notes-lint")
    return table if isinstance(table, dict) else None


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw mapping of one config file (YAML, TOML or pyproject's table)."""
    return _read_config(path, str(path), configpos.Problems())


def _read_config(path: Path, origin: str, problems: configpos.Problems) -> dict[str, Any]:
    """The raw mapping of the config file at ``path``, printed ``origin``.  A file that
    cannot be read as a mapping is a :class:`ConfigError`; a YAML key written twice
    (YAML 1.2 §3.2.1.1: keys are unique; PyYAML keeps the last value, as
    :mod:`notes_lint.yamlsafe` reports for front matter) is a problem at its second
    key, added to ``problems``, and the last value is read."""
    if path.name == "pyproject.toml":
        data: Any = _read_toml(path, origin).get("tool", {}).get("notes-lint", {})
    elif path.suffix == ".toml":
        data = _read_toml(path, origin)
    else:
        try:
            text = read_limited(path, name=origin).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{origin}: cannot read: {exc}") from None
        try:
            document = yamlsafe.load(text)
        except yamlsafe.YamlError as exc:
            raise ConfigError(f"{origin}:{exc.line}:{exc.col}: {exc}") from None
        data = document.data
        for repeated in document.duplicates:
            problems.add_placed(
                origin,
                repeated.line,
                repeated.col,
                f"{key_path(repeated.path)}: key already set on line {repeated.first_line}; "
                "YAML keys must be unique (only one of the values would count)",
            )
    path = Path(origin)
    if data is None:
        return {}
    try:  # string keys, no sets, no lone surrogates, nothing too deep or too large
        data = jsonsafe.plain(data, string_keys=True, keep_dates=True)
    except jsonsafe.NotJson as exc:
        raise ConfigError(f"{path}: {key_path(exc.path)}: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: the config must be a mapping of keys to values, not {_kind(data)}"
        )
    return data


def _kind(value: Any) -> str:
    return {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
    }.get(type(value), type(value).__name__)


# ------------------------------------------------------------------ validation


def validation_problems(data: Mapping[str, Any]) -> list[str]:
    """One line per schema violation: key path, what is wrong, and a did-you-mean."""
    return [text for _keys, _at, text in _schema_problems(data)]


def _schema_problems(data: Mapping[str, Any]) -> list[tuple[list[Any], str, str]]:
    """Each schema violation: its key path, whether the problem is the key's or the
    value's (:data:`configpos.KEY`: a key the schema does not know, an object without a
    required key; else :data:`configpos.VALUE`), and its line (:func:`validation_problems`)."""
    import jsonschema

    schema = resources.load_schema("config.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[tuple[list[Any], str, str]] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        if error.context:  # oneOf/anyOf: the branch whose type fits says what is wrong
            error = _best_branch_error(error)
        where = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - set(allowed), key=str):
                hint = did_you_mean(str(key), allowed)
                problems.append(
                    (
                        [*where, key],
                        configpos.KEY,
                        f"{key_path([*where, key])}: unknown key"
                        + (
                            f"; did you mean '{hint}'?"
                            if hint
                            else f" (known keys: {', '.join(allowed)})"
                        ),
                    )
                )
            continue
        message = error.message
        if error.validator == "pattern" and "description" in error.schema:
            message = f"{error.instance!r} is not {error.schema['description']}"
        if error.validator == "enum" and isinstance(error.instance, str):
            hint = did_you_mean(error.instance, [str(v) for v in error.validator_value])
            message += f"; did you mean '{hint}'?" if hint else ""
        at = configpos.KEY if error.validator == "required" else configpos.VALUE
        if "propertyNames" in error.relative_schema_path:  # a key's own problem: at the key
            where, at = [*where, error.instance], configpos.KEY
        problems.append((where, at, f"{key_path(where)}: {message}"))
    return problems


def _best_branch_error(error: Any) -> Any:
    """For ``oneOf``/``anyOf``: the error of the branch whose type fits the value.

    jsonschema's own pick often reports "is not of type 'null'" for a string that
    merely fails a pattern; the branch that accepted the type says what is wrong.
    """
    import jsonschema

    typed = [e for e in error.context if e.validator not in ("type", "oneOf", "anyOf")]
    return jsonschema.exceptions.best_match(typed or error.context)


def _config_schema() -> Path:
    return resources.schema_dir() / "config.schema.json"


def _verdict_key(data: Mapping[str, Any]) -> str:
    return cache.digest(
        json.dumps(data, sort_keys=True, default=str), str(cache.stamp(_config_schema()))
    )


def _validate(data: dict[str, Any], origin: str, problems: configpos.Problems) -> dict[str, Any]:
    """``data`` checked against the config schema, unless this exact content passed
    before: each violation goes into ``problems``, and what is returned is ``data``
    without the values the schema refused (:func:`_without`), so that the later checks
    (patterns, formats, people, presets) judge only what the schema accepted and a value
    of the wrong type is reported once.

    Importing jsonschema and building a validator cost more than linting a note,
    so a config that passed is remembered by its content hash in the cache.
    """
    key = _verdict_key(data)
    if cache.read_json("valid-configs", key) is True:
        return data
    found = _schema_problems(data)
    if not found:
        cache.write_json("valid-configs", key, True)
        return data
    for keys, at, text in found:
        problems.add(origin, keys, at, text)
    return _without(data, [tuple(keys) for keys, _at, _text in found])


def _without(data: dict[str, Any], paths: list[tuple[Any, ...]]) -> dict[str, Any]:
    """``data`` less the value at each key path of ``paths``: a mapping's key is dropped
    (its default applies), a list's item becomes None, so the items after it keep their
    index (a later problem is placed by it); the builders skip None items."""

    def drop(value: Any, path: tuple[Any, ...]) -> Any:
        if not path:
            return None
        head, rest = path[0], path[1:]
        if isinstance(value, dict) and head in value:
            copy = dict(value)
            if rest:
                copy[head] = drop(value[head], rest)
            else:
                del copy[head]
            return copy
        if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
            items = list(value)
            items[head] = drop(value[head], rest) if rest else None
            return items
        return value

    out: Any = data
    for path in sorted(paths, key=len, reverse=True):  # the deepest first
        out = drop(out, path) if path else {}
    result: dict[str, Any] = out
    return result


def _merged(
    origin: str,
    content: bytes,
    resolve: Callable[[list[Path]], dict[str, Any]],
    problems: configpos.Problems,
) -> dict[str, Any]:
    """The validated config merged over everything it extends, from the cache when unchanged.

    ``resolve`` does the work and lists the files it read besides the config itself
    (presets, extended files); the entry is used only while each of them has the
    size and modification time it had.  A start-up that hits the cache reads no
    YAML and imports neither PyYAML nor jsonschema.  A config with ``problems`` is
    never kept.
    """
    key = cache.digest(origin, content)
    entry = cache.read_json("merged-configs", key)
    if _cached_entry_ok(key, entry):
        data: dict[str, Any] = entry["data"]
        return data
    deps = [_config_schema()]
    merged = resolve(deps)
    if problems:
        return merged
    try:
        plain = json.loads(json.dumps(merged)) == merged  # YAML dates etc. do not round-trip
    except (TypeError, ValueError):
        plain = False
    if plain:
        stamps = [[str(dep), cache.stamp(dep)] for dep in deps]
        cache.write_json(
            "merged-configs",
            key,
            {"deps": stamps, "data": merged, "seal": _seal(key, stamps, merged)},
        )
    return merged


def _seal(key: str, deps: Any, data: Any) -> str:
    """What ties a cached merged config to the config's text (its key) and what it read."""
    return cache.digest(key, json.dumps([deps, data], sort_keys=True, ensure_ascii=True))


def _cached_entry_ok(key: str, entry: Any) -> bool:
    """Whether a cached merged config is whole and still current; anything off is a miss.

    Its shape is checked field by field, its files must be unchanged, and its seal
    must match its content: an entry edited by hand (rules turned off, say) is
    refused and the config is read again.
    """
    if not (
        isinstance(entry, dict)
        and set(entry) == {"deps", "data", "seal"}
        and isinstance(entry["data"], dict)
        and all(isinstance(k, str) for k in entry["data"])
        and isinstance(entry["deps"], list)
        and isinstance(entry["seal"], str)
    ):
        return False
    for dep in entry["deps"]:
        if not (
            isinstance(dep, list)
            and len(dep) == 2
            and isinstance(dep[0], str)
            and (dep[1] is None or isinstance(dep[1], list))
            and cache.stamp(Path(dep[0])) == dep[1]
        ):
            return False
    try:
        return entry["seal"] == _seal(key, entry["deps"], entry["data"])
    except (TypeError, ValueError, RecursionError):
        return False


# ---------------------------------------------------------------------- extends


def _resolve_extends(
    data: dict[str, Any],
    base_dir: Path,
    origin: str,
    seen: tuple[str, ...],
    *,
    top: bool,
    deps: list[Path] | None,
    problems: configpos.Problems,
) -> dict[str, Any]:
    """Merge ``data`` over the chain of configs it extends (presets or files).

    A top-level config that extends nothing extends the default preset.  A preset or
    file that cannot be had (unknown, missing, a cycle, unreadable) is a problem of
    ``extends`` in ``problems``, and ``data`` is used alone; the problems of an
    extended file go into ``problems`` too, and what it holds that the schema accepts
    is merged.
    """
    target = data.get("extends", DEFAULT_PRESET if top else None)
    rest = {k: v for k, v in data.items() if k != "extends"}
    if target is None:
        return data
    presets = resources.preset_names()
    if target in presets:
        parent_path = resources.preset_dir() / f"{target}.yaml"
    elif target.endswith((".yaml", ".yml", ".toml")):
        parent_path = (base_dir / target).resolve()
        if not parent_path.is_file():
            _at_extends(problems, origin, f"file not found: {configpos.shown(parent_path)}")
            return rest
    else:
        hint = did_you_mean(target, presets)
        _at_extends(
            problems,
            origin,
            f"unknown preset '{target}'"
            + (f"; did you mean '{hint}'?" if hint else "")
            + f" (bundled presets: {', '.join(presets)}; or give a path to a .yaml/.toml file)",
        )
        return rest
    key = str(parent_path)
    if key in seen:
        _at_extends(problems, origin, f"cycle through {configpos.shown(parent_path)}")
        return rest
    if deps is not None:
        deps.append(parent_path)
    shown = configpos.shown(parent_path)
    problems.file(shown)
    parent: dict[str, Any] = {}
    with problems.gathered(shown):
        parent = _read_config(parent_path, shown, problems)
    parent = _validate(parent, shown, problems)
    parent = _absolutize_schemas(parent, parent_path.parent)
    parent = _resolve_extends(
        parent, parent_path.parent, shown, (*seen, key), top=False, deps=deps, problems=problems
    )
    return merge(parent, rest)


def _at_extends(problems: configpos.Problems, origin: str, message: str) -> None:
    """A problem of ``extends:``'s value in ``origin``, placed there (:mod:`configpos`)."""
    problems.add(origin, ("extends",), configpos.VALUE, f"extends: {message}")


def _bad_value(origin: str, keys: tuple[str | int, ...], message: str) -> ConfigError:
    """The error of a value at ``keys`` of the config ``origin`` that the schema cannot
    judge (a pattern that does not compile, a folder that does not exist), placed at the
    value (:func:`configpos.located`); ``message`` starts with the key path."""
    return ConfigError(configpos.located(origin, keys, configpos.VALUE, message))


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge mappings; lists and scalars in ``override`` replace the base's."""
    out = dict(base)
    for key, value in override.items():
        if (
            isinstance(value, Mapping)
            and isinstance(out.get(key), Mapping)
            and key not in ("schema", "document-schema")
        ):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _absolutize_schemas(data: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """Schema paths are relative to the file that names them: fix them before merging."""
    data = dict(data)
    if isinstance(data.get("document-schema"), str):
        data["document-schema"] = str(base_dir / data["document-schema"])
    front = data.get("frontmatter")
    if isinstance(front, dict) and isinstance(front.get("schema"), str):
        data["frontmatter"] = {**front, "schema": str(base_dir / front["schema"])}
    links = data.get("links")
    if isinstance(links, dict) and isinstance(links.get("site-root"), str):
        data["links"] = {**links, "site-root": str(base_dir / links["site-root"])}
    return data


# ---------------------------------------------------------------- typed config


def _date_formats(
    formats: Sequence[str | None], origin: str, problems: configpos.Problems
) -> tuple[str, ...]:
    """The named formats and strftime patterns of ``date.formats`` that can be read: a
    misspelt one is a problem here (each in ``problems``, named by its item's key path,
    ``date.formats[1]``), not NL101 later.  None items (refused by the schema) are
    skipped, keeping the others' indexes."""
    good: list[str] = []
    for index, fmt in enumerate(formats):
        if fmt is None:
            continue
        where = ("date", "formats", index)
        problem = _strftime_problem(fmt) if "%" in fmt else None
        if problem is not None:
            problems.add(
                origin,
                where,
                configpos.VALUE,
                f"{key_path(where)}: invalid strftime pattern {fmt!r}: {problem}",
            )
        elif "%" not in fmt and fmt not in NAMED_FORMATS:
            hint = did_you_mean(fmt, list(NAMED_FORMATS))
            problems.add(
                origin,
                where,
                configpos.VALUE,
                f"{key_path(where)}: unknown date format '{fmt}'"
                + (f"; did you mean '{hint}'?" if hint else "")
                + f" (named formats: {', '.join(NAMED_FORMATS)}; "
                "or a strftime pattern with % codes)",
            )
        else:
            good.append(fmt)
    return tuple(good)


def _strftime_problem(fmt: str) -> str | None:
    """Why Python's strptime cannot read dates written with the strftime pattern
    ``fmt`` (a bad or stray ``%`` directive, ``%Y%Y``), or None."""
    try:
        dt.datetime.strptime(dt.date(2021, 9, 14).strftime(fmt), fmt)
    except ValueError as exc:
        if "directive" in str(exc) or "stray %" in str(exc):
            return str(exc)
    except Exception as exc:  # '%Y%Y': strptime's own expression fails (re.error)
        return str(exc)
    return None


def _compile(
    pattern: str | None, key: str, origin: str, problems: configpos.Problems
) -> UserPattern | None:
    """A pattern of the config, checked here and run with a time limit (see userpattern);
    None, with a problem in ``problems``, when it does not compile or repeats a repeat."""
    if pattern is None:
        return None
    where = tuple(key.split("."))
    try:
        re.compile(pattern)
    except re.error as exc:
        problems.add(
            origin,
            where,
            configpos.VALUE,
            f"{key}: invalid regular expression {pattern!r}: {exc}",
        )
        return None
    if nested_repeat(pattern):
        problems.add(
            origin,
            where,
            configpos.VALUE,
            f"{key}: the regular expression {pattern!r} repeats a repeat, which can "
            "take exponential time on a note: write it without a repeat inside a repeat",
        )
        return None
    return UserPattern(pattern, key, origin)


def _load_json_schema(
    value: Any, key: str, origin: str, root: Path, loaded: dict[str, Any]
) -> tuple[dict[str, Any] | None, str | None]:
    """A configured schema (inline, or a file's path) checked, with its base URI.

    Every ``$ref`` it reaches is followed now (:func:`schemarefs.follow_refs`): the
    documents read go into ``loaded``; a reference outside the repository or the
    bundled schemas, to nothing, or in a loop is a :class:`ConfigError`.
    """
    from notes_lint import schemarefs

    if value is None:
        return None, None
    home = schemarefs.repository_of(root)
    if isinstance(value, str):
        path = Path(value)
        real = path.resolve()
        if not any(real.is_relative_to(folder) for folder in (home, resources.schema_dir())):
            raise _bad_value(
                origin,
                tuple(key.split(".")),
                f"{key}: {value} is outside the repository ({home}); "
                "schemas are read only from the repository and the bundled schemas",
            )
        base = real.as_uri()
        try:
            value = schemarefs.read_schema_file(path)
        except ConfigError as exc:
            raise _bad_value(
                origin, tuple(key.split(".")), f"{key}: cannot read schema {exc}"
            ) from None
        if not isinstance(value, dict):
            raise _bad_value(
                origin, tuple(key.split(".")), f"{key}: {path} must hold a JSON Schema object"
            )
    else:
        base = root.resolve().as_uri() + "/"  # an inline schema's references: beside the config
    import jsonschema

    try:
        jsonschema.Draft202012Validator.check_schema(value)
    except jsonschema.SchemaError as exc:
        where = key_path(exc.absolute_path)
        raise _bad_value(
            origin,
            tuple(key.split(".")),
            f"{key}: not a valid JSON Schema at {where}: {exc.message}",
        ) from None
    except RecursionError:
        raise _bad_value(
            origin, tuple(key.split(".")), f"{key}: the schema is nested too deep"
        ) from None
    schema: dict[str, Any] = value
    loaded.update(schemarefs.follow_refs(schema, base, home, key, origin))
    return schema, base


def _people(
    raw: Mapping[str, Any], origin: str, problems: configpos.Problems
) -> tuple[Person, ...]:
    """The ``people:`` roster.  Two entries that name one person (their names, aliases
    or logins have one :func:`notes_lint.people.person_key`: ``Jose`` and ``José``, or
    one login under two names) are a problem in ``problems``, placed at the second
    entry's name and naming both people: the roster would merge them silently."""
    people = []
    for name, value in raw.items():
        if isinstance(value, dict):
            aliases = tuple(a for a in value.get("aliases", ()) if a is not None)
            people.append(Person(str(name), value.get("login"), aliases))
        else:
            people.append(Person(str(name), value))
    seen: dict[str, tuple[Person, str]] = {}
    for person in people:
        told: set[str] = set()
        for written in (person.name, *person.aliases, *((person.login,) if person.login else ())):
            key = person_key(written)
            first, first_written = seen.setdefault(key, (person, written))
            if not key or first is person or first.name in told:
                continue
            told.add(first.name)
            problems.add(
                origin,
                ("people", person.name),
                configpos.KEY,
                f"{key_path(['people', person.name])}: '{first.name}' and '{person.name}' "
                f"are one person: {_as_written(first, first_written)} and "
                f"{_as_written(person, written)} are both '{key}' once accents, case and "
                "punctuation are set aside; merge the two entries or tell them apart",
            )
    return tuple(people)


def _as_written(person: Person, written: str) -> str:
    """How ``written`` stands in ``person``'s roster entry: the name itself, or one of
    its aliases or its login (for :func:`_people`'s message)."""
    if written == person.name:
        return f"the name '{written}'"
    if written == person.login:
        return f"the login '{written}' of '{person.name}'"
    return f"the alias '{written}' of '{person.name}'"


def _severity(value: Any) -> Severity:
    return Severity.OFF if value is False else Severity(value)


def _site_root(value: str | None, root: Path, origin: str) -> Path | None:
    """``links.site-root``, relative to the config's folder: an existing folder, or an error."""
    if not value:
        return None
    folder = (root / value).resolve()
    if not folder.is_dir():
        raise _bad_value(
            origin,
            ("links", "site-root"),
            f"links.site-root: no folder {value!r} (looked for {folder})",
        )
    return folder


def build_config(
    data: dict[str, Any],
    root: Path,
    source: Path | None = None,
    problems: configpos.Problems | None = None,
) -> Config:
    """Turn a merged, validated mapping into a :class:`Config` (one helper a section).

    Checks what the schema cannot see: a pattern or strftime format that does not
    compile, two roster entries for one person, a schema file that cannot be read, a
    site root that is no folder.  Raises one :class:`ConfigError` holding each of those
    problems and the ``problems`` found before (the schema's, of ``data`` less the
    values it refused: :func:`_validate`), in the file's order.
    """
    problems = configpos.Problems() if problems is None else problems
    origin = configpos.shown(source) if source else "config"
    links = data.get("links", {})
    front = data.get("frontmatter", {})
    github = data.get("github", {})
    default_repo = links.get("default-repo")  # the repository in effect: repository.py
    documents: dict[str, Any] = {}
    front_schema = front_base = document_schema = document_base = site_root = None
    with problems.gathered(origin):
        front_schema, front_base = _load_json_schema(
            front.get("schema"), "frontmatter.schema", origin, root, documents
        )
    with problems.gathered(origin):
        document_schema, document_base = _load_json_schema(
            data.get("document-schema"), "document-schema", origin, root, documents
        )
    with problems.gathered(origin):
        site_root = _site_root(links.get("site-root"), root, origin)
    date = _date_spec(data.get("date", {}), origin, problems)
    config = Config(
        root=root,
        source=source,
        include=_strings(data.get("include", ("**/*.md",))),
        exclude=_strings(data.get("exclude", DEFAULT_EXCLUDE)),
        date=date,
        sections=_sections_spec(data.get("sections", {})),
        people=_people(data.get("people", {}), origin, problems),
        todos=_todo_spec(data.get("todos", {}), date.formats, origin, problems),
        links=_link_spec(links, default_repo, site_root),
        frontmatter_required=front.get("required", False),
        frontmatter_schema=front_schema,
        document_schema=document_schema,
        schema_documents=documents,
        schema_bases={
            name: base
            for name, base in (("frontmatter", front_base), ("document", document_base))
            if base is not None
        },
        rules={code: _severity(value) for code, value in data.get("rules", {}).items()},
        github=dict(github),
        raw=data,
    )
    problems.raise_if_any()
    return config


def _strings(values: Any) -> tuple[str, ...]:
    """A list of the config as a tuple, less the items the schema refused (None)."""
    return tuple(value for value in values if value is not None)


def _date_spec(date: Mapping[str, Any], origin: str, problems: configpos.Problems) -> DateSpec:
    """The ``date:`` section (config schema, ``date``); its problems go into ``problems``."""
    return DateSpec(
        level=date.get("level", 2),
        section=date.get("section"),
        pattern=_compile(date.get("pattern"), "date.pattern", origin, problems),
        formats=_date_formats(date.get("formats", NAMED_FORMATS), origin, problems)
        or NAMED_FORMATS,
        filename=date.get("filename", True),
        labels=_strings(date.get("labels", ())),
    )


def _sections_spec(sections: Mapping[str, Any]) -> SectionsSpec:
    """The ``sections:`` section and its named sections, in the config's order."""
    return SectionsSpec(
        level=sections.get("level", 2),
        unknown=sections.get("unknown", "allow"),
        order=sections.get("order", True),
        persons=sections.get("persons", "anywhere"),
        per_person=sections.get("per-person", False),
        named=tuple(
            SectionSpec(
                s["name"],
                _strings(s.get("aliases", ())),
                s.get("required", False),
                s.get("todos", False),
            )
            for s in sections.get("named", ())
            if s is not None
        ),
    )


def _todo_spec(
    todos: Mapping[str, Any],
    formats: tuple[str, ...],
    origin: str,
    problems: configpos.Problems,
) -> TodoSpec:
    """The ``todos:`` section: markers, owner tags and the due-date pattern (by default
    built from the dates ``formats``, the ``date:`` section's, read); its problems go
    into ``problems``."""
    return TodoSpec(
        owner_tags=_strings(todos.get("owner-tags", OWNER_TAG_STYLES)),
        inherit_owner=todos.get("inherit-owner", True),
        markers=_strings(todos.get("markers", ("TODO:",))),
        done_markers=_strings(todos.get("done-markers", TodoSpec.done_markers)),
        task_items=todos.get("task-items", False),
        assignments=todos.get("assignments", False),
        due_pattern=_compile(
            todos.get("due-pattern", default_due_pattern(formats)),
            "todos.due-pattern",
            origin,
            problems,
        ),
    )


def _link_spec(
    links: Mapping[str, Any], default_repo: str | None, site_root: Path | None
) -> LinkSpec:
    """The ``links:`` section (hosts lower-cased, as hosts compare), with the repository
    that bare ``#N`` references name and the site root (:func:`_site_root`)."""

    def lowered(key: str) -> tuple[str, ...]:
        return tuple(h.lower() for h in _strings(links.get(key, ())))

    return LinkSpec(
        private_hosts=lowered("private-hosts"),
        allowed_private_hosts=lowered("allowed-private-hosts"),
        require_https=links.get("require-https", True),
        https_hosts=lowered("https-hosts"),
        default_repo=default_repo,
        schemes=lowered("schemes") if "schemes" in links else None,
        site_root=site_root,
    )


def config_from_mapping(data: dict[str, Any], root: Path, origin: str = "config") -> Config:
    """Validate a mapping as if it were a config file in ``root`` and resolve it; every
    problem is in the one :class:`ConfigError` raised."""
    problems = configpos.Problems()
    merged = _resolve(data, root, origin, None, None, problems)
    return build_config(merged, root.resolve(), problems=problems)


def _resolve(
    data: dict[str, Any],
    base: Path,
    origin: str,
    path: Path | None,
    deps: list[Path] | None,
    problems: configpos.Problems,
) -> dict[str, Any]:
    problems.file(origin)
    data = _validate(data, origin, problems)
    data = _absolutize_schemas(data, base)
    seen = (str(path.resolve()),) if path else ()
    return _resolve_extends(data, base, origin, seen, top=True, deps=deps, problems=problems)


def load_config(path: Path | None = None, *, cwd: Path | None = None) -> Config:
    """Load ``path``, or the config found from ``cwd`` upward, or the default preset."""
    cwd = cwd or Path.cwd()
    problems = configpos.Problems()
    if path is None:
        path = find_config(cwd)
        if path is None:
            where = cwd.resolve()
            merged = _merged(
                f"default config in {where}",
                b"",
                lambda deps: _resolve({}, cwd, "default config", None, deps, problems),
                problems,
            )
            return build_config(merged, where, problems=problems)
    elif not path.is_file():
        raise ConfigError(f"{configpos.shown(path)}: config file not found")
    shown = configpos.shown(path)
    content = read_limited(path, name=shown)
    found = path

    def resolve(deps: list[Path]) -> dict[str, Any]:
        problems.file(shown)
        data = _read_config(found, shown, problems)
        return _resolve(data, found.parent, shown, found, deps, problems)

    merged = _merged(f"{path.resolve()}\0{path}", content, resolve, problems)
    return build_config(merged, path.parent.resolve(), path, problems)
