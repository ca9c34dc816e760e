"""Safe YAML loading for configs and front matter.

PyYAML's ``safe_load`` already refuses arbitrary objects, but aliases can still
expand a few hundred bytes into billions of nodes ("billion laughs") once the
data is walked or serialised.  We compose the node graph first, measure its size
*with* aliases expanded (memoised, so measuring is cheap) and refuse oversized
documents before constructing any Python object.  Composing also gives us the
source line of every key, which lets schema errors point at the right line.

PyYAML is imported on first use: a run whose config comes from the cache and
whose notes have no front matter never pays for it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_NODES = 100_000
MAX_DEPTH = 100
"""Collections nested deeper than this are refused while composing, before Python's
recursion limit is near (PyYAML composes, and jsonschema validates, recursively)."""

Path = tuple[str | int, ...]


class YamlError(Exception):
    """The text is not acceptable YAML; ``line``/``col`` are 1-based, relative to the text."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


@dataclass(frozen=True)
class DuplicateKey:
    """A mapping key written again at 1-based ``line``/``col``; ``first_line`` is where it
    was first written.  YAML requires unique keys (YAML 1.2 §3.2.1.1); PyYAML keeps the
    last value silently."""

    path: Path
    line: int
    col: int
    first_line: int


@dataclass
class YamlDocument:
    """Loaded data plus the 1-based (line, col) of each path's value: the value's line,
    at its key's column when the value starts on the key's line (where a reader looks);
    for a key written twice, its last occurrence, whose value PyYAML keeps.

    ``keys``: the 1-based (line, col) where each path's key is written (for a list item,
    where the item starts), as a YAML language server places a problem with the key
    itself (an unknown key); :meth:`key_position` reads it.

    ``duplicates``: each repeated key.  ``written``: for each plain (unquoted) scalar
    that YAML 1.1 (PyYAML) reads as a boolean, a number or null whose JSON form is not
    its text as written, that text: ``14:30`` (read as the sexagesimal 870),
    ``no``/``off``/``yes``/``on`` (booleans), ``010`` (octal 8), ``1_000``, ``1.10``
    (1.1), ``0x1F`` (31), ``~`` and the empty value (null).  A value shown to a reader
    is shown as written (:func:`shown`).
    """

    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    duplicates: list[DuplicateKey] = field(default_factory=list)
    written: dict[Path, str] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def key_position(self, path: Path) -> tuple[int, int] | None:
        """Where the key of ``path`` is written (a list item: where it starts), or None
        when the document has no such path (the root has no key: its start)."""
        return self.keys.get(tuple(path)) if path else self.positions.get(())

    def position(self, path: Path) -> tuple[int, int]:
        """Position of the deepest node on ``path`` that the document has."""
        for cut in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:cut]))
            if found is not None:
                return found
        return (1, 1)


def _expanded_size(node: yaml.Node, memo: dict[int, int], depth: int = 0) -> int:
    import yaml

    if depth > MAX_DEPTH:
        raise _too_deep(node.start_mark.line + 1, node.start_mark.column + 1)
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = MAX_NODES + 1  # a cycle counts as too large
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo, depth + 1) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
    memo[key] = min(size, MAX_NODES + 1)
    return memo[key]


# The types a plain scalar may be read as, besides a string (YAML 1.1's resolvers).
_READ_AS = frozenset(
    {
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:null",
    }
)


def _json_text(value: Any) -> str:
    """``value`` as JSON text; for a value with no JSON form (``.inf``, an integer of
    thousands of digits, which Python refuses to print), text no YAML scalar is."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return "\x00"


def shown(value: Any, written: str | None) -> str:
    """``value`` (a front matter value as read) as a finding shows it: the text the note
    wrote for a scalar YAML read otherwise (``1.10``, ``~``; see :class:`YamlDocument`),
    ``the empty value`` for a key written with none, a string as Python quotes it (as
    jsonschema's messages do), and anything else in JSON (``null``, ``[1, "a"]``), never
    as Python writes it (``None``)."""
    if written is not None:
        return written if written else "the empty value"
    if isinstance(value, str):
        return repr(value)
    return _json_text(value)


def _positions(node: yaml.Node, path: Path, document: YamlDocument) -> None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.style is None and node.tag in _READ_AS:
        document.written[path] = node.value  # kept below when read otherwise (see load)
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            document.positions[(*path, index)] = _start(child)
            document.keys[(*path, index)] = _start(child)
            _positions(child, (*path, index), document)
    elif isinstance(node, yaml.MappingNode):
        first: dict[tuple[str, str], int] = {}
        last: dict[tuple[str, str], int] = {}
        for index, (k, _) in enumerate(node.value):
            if isinstance(k, yaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge":
                last[(k.tag, k.value)] = index
        for index, (k, v) in enumerate(node.value):
            if not isinstance(k, yaml.ScalarNode):
                continue
            key = (k.tag, k.value)
            if key in first:
                document.duplicates.append(
                    DuplicateKey((*path, k.value), *_start(k), _start(node.value[first[key]][0])[0])
                )
            else:
                first[key] = index
            if last.get(key) != index:
                continue  # PyYAML keeps the last value of a repeated key
            # A key's path is where its value is written, as for a list item's: a schema
            # error judges the value (NL402 points at it, on the key's line or below).
            document.positions[(*path, k.value)] = _start(v)
            document.keys[(*path, k.value)] = _start(k)
            _positions(v, (*path, k.value), document)


def _string_keys(root: yaml.Node) -> None:
    """Tag each plain mapping key that YAML would read as a boolean, number or null as
    a string, so that it is constructed as written (each node once: aliases share)."""
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.style is None and key.tag in _READ_AS:
                    key.tag = "tag:yaml.org,2002:str"
                stack.extend((key, value))


def _start(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _too_deep(line: int, col: int) -> YamlError:
    return YamlError(f"YAML nested too deep (more than {MAX_DEPTH} levels)", line, col)


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, counting how deep it composes (see :data:`MAX_DEPTH`)."""
    import yaml

    class DepthLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                    raise _too_deep(mark.line + 1, mark.column + 1)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return DepthLoader


def _compose(text: str) -> yaml.Node | None:
    """The node graph of ``text``, refusing collections nested past :data:`MAX_DEPTH`."""
    loader = _loader()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load(text: str, *, keys_as_written: bool = False) -> YamlDocument:
    """Parse one YAML document safely; raise :class:`YamlError` with a position on failure.

    Refused with a :class:`YamlError` too: nesting deeper than :data:`MAX_DEPTH`, and
    more than :data:`MAX_NODES` nodes once aliases are expanded.  With
    ``keys_as_written``, an unquoted key that YAML reads as a boolean, number or null
    (``yes:``, ``1.10:``, ``~:``) is the string written, not ``True``, ``1.1`` or ``None``
    turned into a string: front matter keys are names.
    """
    import yaml

    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    except RecursionError:  # a caller already deep in its stack: still no crash
        raise _too_deep(1, 1) from None
    if node is None:
        return YamlDocument(None)
    if _expanded_size(node, {}) > MAX_NODES:
        raise YamlError(
            f"YAML expands to more than {MAX_NODES:,} nodes (aliases); refusing to load it",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
    # Before constructing: PyYAML's merge keys (<<) rewrite the mapping nodes in place.
    document = YamlDocument(None, {(): _start(node)})
    _positions(node, (), document)
    if keys_as_written:
        _string_keys(node)
    try:
        document.data = yaml.SafeLoader(text).construct_document(node)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        failing = _failing_scalar(node)
        if failing is None:
            raise YamlError(f"invalid YAML: {exc}") from None
        mark = failing.start_mark
        raise YamlError(
            f"invalid YAML: {failing.value!r} cannot be read ({exc}): quote it to keep it as "
            "text, or correct it",
            mark.line + 1,
            mark.column + 1,
        ) from None
    document.written = {
        path: text
        for path, text in document.written.items()
        if (value := _value_at(document.data, path)) is not _MISSING and _json_text(value) != text
    }
    return document


def _failing_scalar(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar of ``node`` that YAML cannot construct (``2024-02-30``, a date
    with no such day), so that the error points at it; None when none fails alone."""
    import yaml

    pending = [node]
    seen: set[int] = set()
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(current, deep=True)
            except (yaml.YAMLError, ValueError, TypeError):
                return current
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(n for pair in current.value for n in pair)
    return None


_MISSING = object()


def _value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` in the loaded ``data``, or a sentinel where it has none
    (a key that is no string once read, ``1: x``)."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data
