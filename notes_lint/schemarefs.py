"""Where a team's JSON Schemas may point: the repository's files and the bundled schemas.

A pull request can change the config, so a schema's ``$ref`` is untrusted: it
must never make notes-lint open a connection (``http://…``) nor read a file
outside the repository (``file:///etc/…``).  When the config is loaded, every
``$ref`` reachable from a configured schema is followed here, once:

* a relative reference (``defs.json#/$defs/x``) resolves against the file that
  holds it, and must stay inside the repository (the git work tree holding the
  config, else the config's folder);
* the bundled schemas answer to their ``$id`` (``https://notes-lint.invalid/schema/…``)
  and the JSON Schema meta-schemas to theirs, without any request;
* anything else is refused with a :class:`~notes_lint.errors.ConfigError` (exit 2)
  naming the config key, and so is a reference to nothing or a loop of
  references that never descends into the data (``$ref`` to itself, or through
  ``allOf``/``anyOf``/``oneOf``/``not``/``if``…), which would recurse forever.

The files read are kept as plain JSON data (:attr:`Config.schema_resources`);
validators are built over a :class:`referencing.Registry` of just those, whose
``retrieve`` refuses everything (see :func:`registry`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import url2pathname

from notes_lint import jsonsafe, resources, yamlsafe
from notes_lint.errors import ConfigError

if TYPE_CHECKING:
    from referencing import Registry

BUNDLED_PREFIX = "https://notes-lint.invalid/schema/"
"""The ``$id`` prefix of the schemas shipped in ``schema/``."""

# Keywords whose subschemas apply to the same instance: a loop through them never ends.
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_MAPS = ("dependentSchemas",)
_DATA_KEYWORDS = frozenset({"const", "enum", "examples", "default"})  # values, not schemas

Node = tuple[str, str]  # (document URI, JSON pointer)


class Refused(Exception):
    """A reference to somewhere notes-lint does not go."""


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _pointer_parts(fragment: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in unquote(fragment).split("/")[1:]]


def _meta_schemas() -> Mapping[str, Any]:
    import jsonschema_specifications  # type: ignore[import-untyped]

    return jsonschema_specifications.REGISTRY  # type: ignore[no-any-return]


def _is_meta(uri: str) -> bool:
    return uri.rstrip("#") in _meta_schemas()


class _Crawl:
    """Every document and ``$ref`` reachable from one configured schema."""

    def __init__(self, root: Path, read: Callable[[Path], Any]) -> None:
        self.root = root.resolve()
        self.read = read
        self.documents: dict[str, Any] = {}
        self.ids: dict[str, Node] = {}  # an embedded $id or $anchor -> where it is
        self.edges: dict[Node, list[Node]] = {}

    def retrieve(self, uri: str) -> Any:
        """The contents behind a document URI, or :class:`Refused`."""
        if uri.startswith(BUNDLED_PREFIX):
            name = uri[len(BUNDLED_PREFIX) :]
            if "/" not in name and (resources.schema_dir() / name).is_file():
                return resources.load_schema(name)
            raise Refused(f"no bundled schema {uri}")
        parts = urlsplit(uri)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise Refused(
                f"{uri}: schemas are read only from the repository (relative paths) "
                "and the bundled schemas; no network, no absolute file URLs"
            )
        path = Path(url2pathname(parts.path)).resolve()
        if path != self.root and self.root not in path.parents:
            raise Refused(f"{uri}: outside the repository ({self.root})")
        return self.read(path)

    def load(self, uri: str) -> None:
        if uri in self.documents:
            return
        contents = self.retrieve(uri)
        self.documents[uri] = contents
        self._index(contents, uri, uri, "")

    def _index(self, node: Any, base: str, document: str, pointer: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                base = urldefrag(urljoin(base, node["$id"]))[0]
                self.ids.setdefault(base, (document, pointer))
            if isinstance(node.get("$anchor"), str):
                self.ids.setdefault(f"{base}#{node['$anchor']}", (document, pointer))
            for key, value in node.items():
                if key not in _DATA_KEYWORDS:
                    self._index(value, base, document, f"{pointer}/{_escape(key)}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._index(value, base, document, f"{pointer}/{index}")

    def target(self, base: str, ref: str) -> Node | None:
        """The node a reference names (None: a meta-schema); :class:`Refused`/``KeyError``."""
        full = urljoin(base, ref)
        uri, fragment = urldefrag(full)
        if _is_meta(uri):
            return None
        if fragment and not fragment.startswith("/"):  # a plain-name $anchor
            if f"{uri}#{fragment}" not in self.ids:
                self.load(uri)
            return self.ids[f"{uri}#{fragment}"]
        if uri in self.ids:
            document, pointer = self.ids[uri]
        else:
            self.load(uri)
            document, pointer = uri, ""
        node = self.documents[document]
        for part in _pointer_parts(pointer + fragment):
            node = node[int(part)] if isinstance(node, list) else node[part]
        return document, pointer + "".join(f"/{_escape(p)}" for p in _pointer_parts(fragment))

    def walk(self, document: str) -> Iterator[tuple[Node, str, Any]]:
        """Each schema object of ``document``: its node, its base URI, its contents."""
        stack: list[tuple[Any, str, str]] = [(self.documents[document], document, "")]
        while stack:
            node, base, pointer = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("$id"), str):
                    base = urldefrag(urljoin(base, node["$id"]))[0]
                yield (document, pointer), base, node
                stack.extend(
                    (value, base, f"{pointer}/{_escape(key)}")
                    for key, value in node.items()
                    if key not in _DATA_KEYWORDS
                )
            elif isinstance(node, list):
                stack.extend((v, base, f"{pointer}/{i}") for i, v in enumerate(node))


def _in_place(node: dict[str, Any], pointer: str) -> Iterator[str]:
    """Pointers of the subschemas of ``node`` that apply to the same instance."""
    for key in _IN_PLACE_LISTS:
        if isinstance(node.get(key), list):
            yield from (f"{pointer}/{key}/{i}" for i in range(len(node[key])))
    for key in _IN_PLACE_ONE:
        if key in node:
            yield f"{pointer}/{key}"
    for key in _IN_PLACE_MAPS:
        if isinstance(node.get(key), dict):
            yield from (f"{pointer}/{key}/{_escape(k)}" for k in node[key])


def _loop(edges: Mapping[Node, list[Node]]) -> Node | None:
    """A node on a cycle of ``edges``, if any (iterative depth-first search)."""
    state: dict[Node, int] = {}  # 1: on the path, 2: done
    for start in edges:
        if start in state:
            continue
        path: list[tuple[Node, Iterator[Node]]] = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while path:
            node, children = path[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                path.pop()
            elif state.get(child) == 1:
                return child
            elif child not in state:
                state[child] = 1
                path.append((child, iter(edges.get(child, ()))))
    return None


def repository_of(folder: Path) -> Path:
    """The git work tree holding ``folder`` (the nearest ``.git`` upward), else ``folder``."""
    here = folder.resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    return here


def read_schema_file(path: Path) -> Any:
    """A schema file's data: JSON for ``.json``, else YAML; size-limited, JSON-safe."""
    from notes_lint.config import read_limited

    text = read_limited(path, "schema").decode("utf-8", "replace")
    try:
        value = json.loads(text) if path.suffix == ".json" else yamlsafe.load(text).data
        return jsonsafe.plain(value, string_keys=True)
    except (ValueError, yamlsafe.YamlError, RecursionError) as exc:
        raise ConfigError(f"{path} is not valid JSON/YAML: {exc}") from None


def follow_refs(
    schema: dict[str, Any], base_uri: str, root: Path, key: str, origin: str
) -> dict[str, Any]:
    """Follow every reference of ``schema`` (whose base is ``base_uri``) under ``root``.

    Returns the documents it needs, by URI (``base_uri`` itself included); raises
    :class:`ConfigError` naming ``key`` for a reference that leaves home, names
    nothing or loops (see the module doc).
    """
    crawl = _Crawl(root, read_schema_file)
    crawl.documents[base_uri] = schema
    crawl._index(schema, base_uri, base_uri, "")
    done: set[str] = set()
    try:
        while len(done) < len(crawl.documents):
            document = next(d for d in crawl.documents if d not in done)
            done.add(document)
            for node, base, contents in list(crawl.walk(document)):
                edges = crawl.edges.setdefault(node, [])
                edges.extend((node[0], p) for p in _in_place(contents, node[1]))
                for keyword in ("$ref", "$dynamicRef"):
                    ref = contents.get(keyword)
                    if isinstance(ref, str):
                        found = crawl.target(base, ref)
                        if found is not None:
                            edges.append(found)
    except Refused as exc:
        raise ConfigError(f"{origin}: {key}: $ref refused: {exc}") from None
    except ConfigError as exc:
        raise ConfigError(f"{origin}: {key}: $ref: {exc}") from None
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise ConfigError(f"{origin}: {key}: a $ref names nothing: {exc}") from None
    looped = _loop(crawl.edges)
    if looped is not None:
        where = looped[0] if looped[0] != base_uri else ""
        raise ConfigError(
            f"{origin}: {key}: $ref loop through {where}#{looped[1]} "
            "(references that never reach a value would recurse forever)"
        )
    return {uri: contents for uri, contents in crawl.documents.items() if uri != base_uri}


def registry(documents: Mapping[str, Any]) -> Registry:
    """A registry of ``documents`` (from :func:`follow_refs`) that retrieves nothing else."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def retrieve(uri: str) -> Resource:
        raise Refused(f"{uri}: not among the schema files read with the config")

    return Registry(retrieve=retrieve).with_resources(  # type: ignore[call-arg]
        (uri, DRAFT202012.create_resource(contents))  # its $schema is not looked up
        for uri, contents in documents.items()
    )
