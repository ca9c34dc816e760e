"""A stateful fake of GitHub's REST API, held honest by GitHub's own OpenAPI description.

Tests of ``notes-lint sync`` run PyGithub against this server instead of
api.github.com: it listens on 127.0.0.1 (a free port), keeps repositories,
issues, comments, labels and assignable logins in memory, and answers the
issue endpoints the way GitHub does where PyGithub and the sync depend on it.

Using it
--------
The ``github_server`` fixture (``pytest_plugins = ["fake_github"]`` in
``tests/conftest.py``) yields a started :class:`FakeGitHub` with one
repository, ``acme/notes`` (default branch ``main``), whose assignable logins
are :data:`DEFAULT_ASSIGNABLE`. It sets no environment variable: pass
``fake.url`` and ``fake.token`` yourself (``GITHUB_API_URL``/``GITHUB_TOKEN``
in a subprocess's ``env``, or ``fake.client()`` for a ready PyGithub client).

- state: ``fake.issues("acme/notes")``, ``fake.repo("acme/notes").labels``,
  ``fake.seed_issue(...)``, ``fake.edit_issue(...)`` (a human's edit),
  ``fake.add_comment(...)``, ``fake.add_label(...)``, ``fake.add_assignable``;
  take ``fake.lock`` to read or change the dataclasses directly.
- requests: ``fake.requests`` (method, path, query, status, operation id,
  route, fault, JSON body, time), ``fake.count(method=..., operation=...)``,
  ``fake.clear_requests()``. The token is never logged.
- faults: ``fake.inject(kind, method, path, times=1, ...)``, see
  :meth:`FakeGitHub.inject`; ``fake.content_limit`` and
  ``fake.set_rate_limit`` model GitHub's own limits.
- violations: ``fake.violations``, ``fake.check()`` (raises
  :class:`ContractViolation`), ``fake.take_violations()`` (read and forget,
  for a test that sends a bad request on purpose). The fixture fails the test
  at teardown when any violation is left.

Validation against the OpenAPI description
-------------------------------------------
``tests/github-openapi/issues-subset.json`` (see its PROVENANCE.md) is turned
into JSON Schema 2020-12 once per process: ``nullable: true`` becomes a type
union (with ``null`` added to an ``enum``) or an ``anyOf`` with ``null``;
``#/components/...`` references resolve through a :mod:`referencing`
registry; the one ``discriminator`` (``GET /user``) selects its branch by
``user_view_type``; vendor extensions and ``example`` are dropped; ``format``
``date-time`` and ``uri`` are checked. :data:`AMENDMENTS` add the limits the
description leaves out (title 256 characters, body 65,536, label colour and
description) and accept the bare label arrays PyGithub sends to the issue
labels endpoints, as the operations' descriptions allow.

Each request's JSON body and query parameters are validated against the
operation's request schema and parameters: a failure is the client's bug, is
recorded as a violation and answered with GitHub's 422 (or 400 "Problems
parsing JSON"). Each response body the fake returns is validated against the
operation's schema for that status (or ``basic-error`` for an error status the
operation does not list): a failure is the fake's bug and is recorded too. A
request to an endpoint the fake does not implement (for instance the search
API, which the sync must not use) is answered 404 and recorded, and so is an
exception inside the fake.

GitHub behaviour, and the choices made where it is not written down
---------------------------------------------------------------------
- Pagination: ``per_page`` (default 30, at most 100) and ``page``; a ``Link``
  header with ``prev``, ``next``, ``last``, ``first`` whose URLs, like
  api.github.com's, use the ``/repositories/{id}/...`` form (served too), keep
  the other query parameters and replace ``page``. No header when everything
  fits on one page. Issue lists include pull requests (seeded ones only) and
  default to ``state=open``, ``sort=created``, ``direction=desc``; ``labels``
  requires every listed label (case-insensitive).
- ``X-RateLimit-Limit/Remaining/Reset/Used/Resource`` on every response, from
  a per-login budget of 5,000 an hour (``GET /rate_limit`` is free). When it
  is spent: 403 "API rate limit exceeded ..." with ``X-RateLimit-Remaining: 0``.
- Authentication: ``Authorization: token X`` or ``Bearer X``. Without one, 401
  "Requires authentication" (real GitHub would serve a public repository
  anonymously; the fake's repositories behave as if every call needs the
  token, as a private repository's do); an unknown token, 401 "Bad
  credentials".
- Unknown repository or issue: 404 ``{"message": "Not Found",
  "documentation_url": ..., "status": "404"}``. A deleted issue: 410. An issue
  transferred to a repository the token cannot read: gone from the listings, 404
  (GitHub answers 301 to the new place, which then answers 404). Issues
  disabled on the repository: 410 on the issue endpoints.
- ``GET /user`` with a bot's token (an app's installation token, such as
  Actions' ``GITHUB_TOKEN``): 403 "Resource not accessible by integration"; the
  issue lists' ``creator`` filter compares logins case-insensitively.
- Assignees: assigning a login that cannot be assigned when creating or
  editing an issue is refused with 422 "Validation Failed" (``field:
  assignees``, ``code: invalid``). The OpenAPI says such assignees are
  "silently dropped", but that note is about a requester without push access
  (the sync's token has it); public reports of GitHub's answers
  (kubernetes/test-infra#1624, kubernetes-retired/contrib#1161,
  trstringer/manual-approval#71, harvester/harvester#10448) show the 422 for
  POST and PATCH. ``POST /issues/{n}/assignees`` instead ignores such logins
  silently and answers 201 (pozil/auto-assign-issue#148,
  reviewpad/reviewpad#201) and keeps at most 10 assignees.
- Titles over 256 characters and bodies over 65,536: 422 "Validation Failed"
  with ``code: custom`` and "title is too long (maximum is 256 characters)"
  (NullVoxPopuli/aeonvera#354); an empty title: ``code: missing_field``.
- Labels named on an issue that the repository lacks are created (colour
  ``ededed``), as GitHub does for a requester with push access; a new label
  without a colour also gets ``ededed`` (GitHub picks one at random). Label
  names are case-insensitive everywhere.
- Closing sets ``state_reason`` (default ``completed``), ``closed_at`` and
  ``closed_by``; reopening sets ``state_reason: reopened`` and clears
  ``closed_at``/``closed_by``; ``state_reason`` alone re-labels a closed
  issue. ``closed_by`` appears on single-issue responses only, as on GitHub.
- Secondary limits: an injected or ``content_limit`` refusal is 403 (or 429)
  with ``Retry-After`` and GitHub's "You have exceeded a secondary rate limit"
  message, which PyGithub's ``GithubRetry`` recognises and waits out.
- Issue numbers are per repository and shared with pull requests; ids are
  unique across everything.
"""

from __future__ import annotations

import contextlib
import copy
import fnmatch
import functools
import itertools
import json
import math
import re
import secrets
import socket
import threading
import time
import traceback
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import pytest
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

if TYPE_CHECKING:
    from github import Github
    from urllib3.util.retry import Retry

JSON = dict[str, Any]

SPEC_PATH = Path(__file__).resolve().parent / "github-openapi" / "issues-subset.json"
SPEC_URI = "urn:notes-lint:github-openapi:issues-subset"
DOCS = "https://docs.github.com/rest"
RATE_LIMIT_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"
SECONDARY_DOCS = RATE_LIMIT_DOCS + "#about-secondary-rate-limits"

DEFAULT_REPO = "acme/notes"
DEFAULT_ASSIGNABLE: tuple[str, ...] = ("alice", "bob", "carol")
BOT_LOGIN = "github-actions[bot]"
TITLE_MAX = 256
BODY_MAX = 65536
LABEL_DESCRIPTION_MAX = 100
DEFAULT_LABEL_COLOR = "ededed"
MAX_ASSIGNEES = 10
HOURLY_LIMIT = 5000
ANONYMOUS_LIMIT = 60
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})

SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID {request_id}."
)
PRIMARY_MESSAGE = (
    "API rate limit exceeded for user ID {user_id}. If you reach out to GitHub Support for help, "
    "please include the request ID {request_id}."
)


# --------------------------------------------------------------------------------------------
# OpenAPI 3.0 -> JSON Schema 2020-12


_MAP_KEYWORDS = frozenset({"properties", "patternProperties", "$defs", "definitions"})
_SCHEMA_KEYWORDS = frozenset(
    {"items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"}
)
_LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_OPENAPI_ONLY = frozenset({"nullable", "discriminator", "example", "externalDocs", "xml"})


def _absolute_ref(ref: str) -> str:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are expected in the OpenAPI subset: {ref}")
    return SPEC_URI + ref


def openapi_to_json_schema(node: Any) -> Any:
    """Convert one OpenAPI 3.0 schema object (recursively) into JSON Schema 2020-12."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        # OpenAPI 3.0: the siblings of a $ref are ignored.
        return {"$ref": _absolute_ref(node["$ref"])}
    out: JSON = {}
    for key, value in node.items():
        if key.startswith("x-") or key in _OPENAPI_ONLY:
            continue
        if key in _MAP_KEYWORDS and isinstance(value, dict):
            out[key] = {name: openapi_to_json_schema(sub) for name, sub in value.items()}
        elif key in _SCHEMA_KEYWORDS and isinstance(value, dict):
            out[key] = openapi_to_json_schema(value)
        elif key in _LIST_KEYWORDS and isinstance(value, list):
            out[key] = [openapi_to_json_schema(sub) for sub in value]
        else:
            out[key] = copy.deepcopy(value)
    discriminator = node.get("discriminator")
    if isinstance(discriminator, dict) and discriminator.get("mapping") and "oneOf" in out:
        # Branches that overlap (private-user is also a valid public-user) make a plain
        # oneOf fail; the discriminator property says which branch applies.
        prop = discriminator["propertyName"]
        out["oneOf"] = [
            {
                "allOf": [
                    {"properties": {prop: {"const": value}}, "required": [prop]},
                    {"$ref": _absolute_ref(ref)},
                ]
            }
            for value, ref in discriminator["mapping"].items()
        ]
    if node.get("nullable") is True:
        if "type" in out:
            kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = [*kinds, "null"] if "null" not in kinds else kinds
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", re.ASCII
)


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if not _DATE_TIME.match(value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        return True

    @checker.checks("uri", raises=ValueError)
    def _uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urllib.parse.urlsplit(value)
        return bool(parts.scheme and parts.netloc) and not _SPACE.search(value)

    return checker


_SPACE = re.compile(r"\s")
_VALID_REFS: dict[tuple[int, str, str], bool] = {}


def _memoised_ref(
    validator: Any, ref: str, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    """``$ref`` that remembers which (schema, instance) pairs were valid.

    The same users, labels and issues come back in response after response; validating
    each once instead of every time keeps a listing of hundreds of issues fast. Failures
    are not cached (their errors are mutated as they bubble up) and are found afresh.
    """
    key = (id(validator.format_checker), ref, json.dumps(instance, sort_keys=True, default=str))
    if key in _VALID_REFS:
        return
    errors = list(validator._validate_reference(ref=ref, instance=instance))
    if not errors:
        if len(_VALID_REFS) > 200_000:
            _VALID_REFS.clear()
        _VALID_REFS[key] = True
    yield from errors


_extend = cast(Callable[..., type[Draft202012Validator]], validators.extend)
_Validator = _extend(Draft202012Validator, {"$ref": _memoised_ref})


# Amendments to the description, applied to the converted schemas (see PROVENANCE.md).
def _limit(schema: Any, **keywords: Any) -> JSON:
    return {"allOf": [schema, keywords]}


_LABEL_ITEM: JSON = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    ]
}


def _amend(operation_id: str, request: Any) -> Any:
    if not isinstance(request, dict):
        return request
    props = request.get("properties")
    if operation_id in ("issues/create", "issues/update") and isinstance(props, dict):
        props["title"] = _limit(props["title"], maxLength=TITLE_MAX)
        props["body"] = _limit(props["body"], maxLength=BODY_MAX)
    elif operation_id == "issues/create-comment" and isinstance(props, dict):
        props["body"] = _limit(props["body"], maxLength=BODY_MAX)
    elif operation_id in ("issues/create-label", "issues/update-label") and isinstance(props, dict):
        props["color"] = _limit(props["color"], pattern="^[0-9A-Fa-f]{6}$")
        props["description"] = _limit(props["description"], maxLength=LABEL_DESCRIPTION_MAX)
    elif operation_id == "issues/add-labels":
        return {"anyOf": [request, {"type": "array", "minItems": 1, "items": _LABEL_ITEM}]}
    elif operation_id == "issues/set-labels":
        return {"anyOf": [request, {"type": "array", "items": _LABEL_ITEM}, {"type": "string"}]}
    return request


AMENDMENTS = (
    "issues/create, issues/update: title maxLength 256, body maxLength 65536",
    "issues/create-comment: body maxLength 65536",
    "issues/create-label, issues/update-label: color ^[0-9A-Fa-f]{6}$, description maxLength 100",
    "issues/add-labels: also a bare array of label names or {name} objects",
    "issues/set-labels: also a bare array of label names or {name} objects, or one name",
)


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: JSON
    validator: Draft202012Validator


@dataclass(frozen=True)
class Operation:
    """One operation of the description, with its validators."""

    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    docs_url: str
    parameters: tuple[Parameter, ...]
    request_validator: Draft202012Validator | None
    request_required: bool
    responses: Mapping[int, Draft202012Validator | None]

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.match(path)
        if found is None:
            return None
        return {name: urllib.parse.unquote(value) for name, value in found.groupdict().items()}


class OpenAPI:
    """The OpenAPI subset as routable, validating operations."""

    def __init__(self, spec_path: Path = SPEC_PATH) -> None:
        self.spec: JSON = json.loads(spec_path.read_text(encoding="utf-8"))
        components = self.spec["components"]
        converted = {
            "components": {
                "schemas": {
                    name: openapi_to_json_schema(schema)
                    for name, schema in components["schemas"].items()
                }
            }
        }
        self.registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(converted, default_specification=DRAFT202012)
        )
        self.format_checker = _format_checker()
        self.basic_error = self.validator(
            {"$ref": _absolute_ref("#/components/schemas/basic-error")}
        )
        self.operations: list[Operation] = []
        for template, item in self.spec["paths"].items():
            for method, op in item.items():
                if method in ("get", "post", "patch", "put", "delete"):
                    self.operations.append(self._operation(template, method.upper(), op))

    def validator(self, schema: Any) -> Draft202012Validator:
        return _Validator(schema, registry=self.registry, format_checker=self.format_checker)

    def _resolve(self, node: JSON) -> JSON:
        while "$ref" in node:
            pointer = node["$ref"].removeprefix("#/").split("/")
            target: Any = self.spec
            for part in pointer:
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def _operation(self, template: str, method: str, op: JSON) -> Operation:
        operation_id = op["operationId"]
        regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "/?$"
        parameters = []
        for raw in op.get("parameters", []):
            param = self._resolve(raw)
            schema = openapi_to_json_schema(param.get("schema", {}))
            parameters.append(
                Parameter(
                    name=param["name"],
                    location=param["in"],
                    required=bool(param.get("required")),
                    schema=schema,
                    validator=self.validator(schema),
                )
            )
        request_validator = None
        request_required = False
        if "requestBody" in op:
            body = self._resolve(op["requestBody"])
            request_required = bool(body.get("required"))
            schema = body["content"]["application/json"]["schema"]
            request_validator = self.validator(_amend(operation_id, openapi_to_json_schema(schema)))
        responses: dict[int, Draft202012Validator | None] = {}
        for status, raw in op["responses"].items():
            response = self._resolve(raw)
            content = response.get("content", {}).get("application/json")
            responses[int(status)] = (
                self.validator(openapi_to_json_schema(content["schema"])) if content else None
            )
        return Operation(
            operation_id=operation_id,
            method=method,
            template=template,
            pattern=re.compile(regex),
            docs_url=op.get("externalDocs", {}).get("url", DOCS),
            parameters=tuple(parameters),
            request_validator=request_validator,
            request_required=request_required,
            responses=responses,
        )

    def route(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for op in self.operations:
            if op.method == method:
                params = op.match(path)
                if params is not None:
                    return op, params
        return None


@functools.cache
def load_openapi(spec_path: Path = SPEC_PATH) -> OpenAPI:
    """The converted description, built once per process (it is immutable)."""
    return OpenAPI(spec_path)


def schema_errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    """Readable messages for every way ``instance`` breaks the schema, best match first."""
    messages = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        messages.append(f"at {where}: {error.message[:400]}")
    return messages


# --------------------------------------------------------------------------------------------
# State


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class User:
    login: str
    id: int
    type: str = "User"  # "User", "Bot" or "Organization"
    name: str | None = None

    @property
    def node_id(self) -> str:
        return f"U_kgDO{self.id:08d}"


@dataclass
class Label:
    id: int
    name: str
    color: str = DEFAULT_LABEL_COLOR
    description: str | None = None


@dataclass
class Comment:
    id: int
    issue_number: int
    body: str
    user: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Issue:
    id: int
    number: int
    title: str
    body: str | None
    user: str
    created_at: datetime
    updated_at: datetime
    state: str = "open"
    state_reason: str | None = None
    label_ids: list[int] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    closed_at: datetime | None = None
    closed_by: str | None = None
    locked: bool = False
    pull_request: bool = False
    deleted: bool = False
    transferred: bool = False


@dataclass
class Repo:
    id: int
    owner: str
    name: str
    default_branch: str
    created_at: datetime
    private: bool = True
    has_issues: bool = True
    description: str | None = None
    issues: dict[int, Issue] = field(default_factory=dict)
    labels: dict[int, Label] = field(default_factory=dict)
    assignable: dict[str, str] = field(default_factory=dict)  # lower-case login -> login
    next_number: int = 1

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def label_named(self, name: str) -> Label | None:
        wanted = name.casefold()
        for label in self.labels.values():
            if label.name.casefold() == wanted:
                return label
        return None

    def label_names(self, issue: Issue) -> list[str]:
        return [self.labels[i].name for i in issue.label_ids if i in self.labels]

    def can_assign(self, login: str) -> bool:
        return login.casefold() in self.assignable


@dataclass(frozen=True)
class RequestRecord:
    """One request as the fake saw it (never its headers, so never the token)."""

    method: str
    path: str
    query: Mapping[str, Sequence[str]]
    status: int | None  # None: the connection was dropped without an answer
    operation: str | None
    route: str | None
    repo: str | None
    fault: str | None
    body: Any
    time: float  # time.monotonic() when the request arrived

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


ViolationKind = Literal["request", "response", "unsupported", "fake-error"]


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    method: str
    path: str
    operation: str | None
    message: str

    def __str__(self) -> str:
        whose = {
            "request": "the client sent a request that breaks GitHub's OpenAPI description",
            "response": "the fake answered with a body that breaks GitHub's OpenAPI description",
            "unsupported": "the client called an endpoint the fake does not implement",
            "fake-error": "the fake crashed",
        }[self.kind]
        op = f" ({self.operation})" if self.operation else ""
        return f"{self.method} {self.path}{op}: {whose}: {self.message}"


class ContractViolation(AssertionError):
    """Raised by :meth:`FakeGitHub.check` when requests or responses broke the description."""


FaultKind = Literal[
    "server_error",
    "drop",
    "secondary_rate_limit",
    "primary_rate_limit",
    "unassignable",
    "delay",
    "status",
    "callback",
]


@dataclass
class Fault:
    """An injected failure; see :meth:`FakeGitHub.inject`."""

    kind: FaultKind
    method: str
    path: str
    times: int
    after: bool
    status: int
    retry_after: int
    login: str | None
    seconds: float
    message: str | None
    fired: int = 0
    callback: Callable[[], object] | None = None

    @property
    def exhausted(self) -> bool:
        return self.fired >= self.times

    def matches(self, method: str, path: str, route: str | None, body: Any) -> bool:
        if self.exhausted:
            return False
        if self.method != "*" and self.method.upper() != method:
            return False
        if self.path != "*" and not (
            fnmatch.fnmatchcase(path.casefold(), self.path.casefold()) or self.path == route
        ):
            return False
        if self.kind == "unassignable":
            return self.login is not None and self.login.casefold() in _assignee_logins(body)
        return True


def _assignee_logins(body: Any) -> set[str]:
    if not isinstance(body, dict):
        return set()
    found: list[Any] = []
    if isinstance(body.get("assignees"), list):
        found.extend(body["assignees"])
    if body.get("assignee") is not None:
        found.append(body["assignee"])
    logins = set()
    for item in found:
        if isinstance(item, dict):
            item = item.get("login")
        if isinstance(item, str):
            logins.add(item.casefold())
    return logins


@dataclass
class _RateBucket:
    limit: int
    used: int
    reset: int  # epoch seconds


@dataclass(frozen=True)
class _Urls:
    api: str  # the API root as the client addressed it (with /api/v3 for an Enterprise URL)
    web: str  # the server root, for html_url


@dataclass
class _Request:
    method: str
    path: str  # as sent, without the query
    query_string: str
    headers: Message
    body: bytes


@dataclass
class _Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False

    @property
    def has_body(self) -> bool:
        return self.status not in (204, 304) and not self.drop


@dataclass
class _Ctx:
    request: _Request
    op: Operation
    path: str  # normalised: no /api/v3 prefix, /repositories/{id} resolved
    params: dict[str, str]
    query: dict[str, str]
    query_pairs: list[tuple[str, str]]
    body: Any
    repo: Repo | None
    login: str | None
    urls: _Urls
    request_id: str

    @property
    def the_repo(self) -> Repo:
        assert self.repo is not None
        return self.repo


class _HTTPError(Exception):
    def __init__(self, response: _Response) -> None:
        super().__init__(response.status)
        self.response = response


# --------------------------------------------------------------------------------------------
# The server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, fake: FakeGitHub) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "GitHub.com"
    sys_version = ""
    timeout = 30  # an idle keep-alive connection is closed after this many seconds

    @property
    def fake(self) -> FakeGitHub:
        return cast(_Server, self.server).fake

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.fake._connections.add(self.connection)

    def finish(self) -> None:
        self.fake._connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the request log is fake.requests

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self) -> None:
        split = urllib.parse.urlsplit(self.path)
        request = _Request(
            method=self.command,
            path=split.path,
            query_string=split.query,
            headers=self.headers,
            body=self._read_body(),
        )
        response = self.fake.handle(request)
        if response.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        payload = b""
        if response.has_body:
            payload = json.dumps(response.body, ensure_ascii=False).encode("utf-8")
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.status != 204:
            self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if payload and self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = _dispatch
    do_POST = _dispatch
    do_PATCH = _dispatch
    do_PUT = _dispatch
    do_DELETE = _dispatch


class FakeGitHub:
    """The fake GitHub: state, HTTP server, request log, faults and contract violations."""

    def __init__(
        self,
        *,
        spec_path: Path = SPEC_PATH,
        clock: Callable[[], datetime] = _utcnow,
        token: str | None = None,
        token_login: str = BOT_LOGIN,
    ) -> None:
        self.lock = threading.RLock()
        self.openapi = load_openapi(spec_path)
        self.clock = clock
        self.require_auth = True
        #: (requests, seconds): refuse content-creating requests (POST, PATCH, PUT, DELETE)
        #: beyond this many per sliding window with a secondary-limit 403, like GitHub.
        self.content_limit: tuple[int, float] | None = None
        self.users: dict[str, User] = {}
        self.repos: dict[str, Repo] = {}
        self.tokens: dict[str, str] = {}
        self._ids = itertools.count(1001)
        self._request_ids = itertools.count(1)
        self._log: list[RequestRecord] = []
        self._violations: list[Violation] = []
        self._faults: list[Fault] = []
        self._buckets: dict[str, _RateBucket] = {}
        self._writes: deque[float] = deque()
        self._connections: set[socket.socket] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        #: The token the fixture's clients use; it is made to look like a GitHub token so a
        #: test can search captured output for it.
        self.token = token or "ghs_" + secrets.token_hex(18)
        self.login = token_login
        self.add_token(
            self.token, token_login, user_type="Bot" if "[bot]" in token_login else "User"
        )

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeGitHub:
        if self._server is None:
            self._server = _Server(self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="fake-github",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        for connection in list(self._connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake GitHub is not running: call start()")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The API root, for ``Github(base_url=...)`` or ``GITHUB_API_URL``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def enterprise_url(self) -> str:
        """The same API under GitHub Enterprise Server's ``/api/v3`` prefix."""
        return self.url + "/api/v3"

    def client(
        self,
        *,
        token: str | None = None,
        retry: int | Retry | None = None,
        per_page: int = 30,
        base_url: str | None = None,
        **kwargs: Any,
    ) -> Github:
        """A PyGithub client for this server: no retries and no pauses between requests
        unless asked (``retry=GithubRetry(...)``, ``seconds_between_writes=...``)."""
        from github import Auth, Github

        kwargs.setdefault("seconds_between_requests", None)
        kwargs.setdefault("seconds_between_writes", None)
        return Github(
            auth=Auth.Token(token or self.token),
            base_url=base_url or self.url,
            retry=retry,
            per_page=per_page,
            **kwargs,
        )

    # ---- state helpers ---------------------------------------------------------------------

    def _next_id(self) -> int:
        return next(self._ids)

    def add_user(self, login: str, *, user_type: str = "User", name: str | None = None) -> User:
        with self.lock:
            user = self.users.get(login.casefold())
            if user is None:
                user = User(login=login, id=self._next_id(), type=user_type, name=name)
                self.users[login.casefold()] = user
            return user

    def _user(self, login: str) -> User:
        return self.users.get(login.casefold()) or self.add_user(login)

    def add_token(self, token: str, login: str, *, user_type: str = "User") -> None:
        with self.lock:
            self.add_user(login, user_type=user_type)
            self.tokens[token] = login

    def add_repo(
        self,
        full_name: str,
        *,
        default_branch: str = "main",
        assignable: Iterable[str] = (),
        private: bool = True,
        has_issues: bool = True,
        description: str | None = None,
    ) -> Repo:
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise ValueError(f"a repository is owner/name, not {full_name!r}")
        with self.lock:
            self.add_user(owner, user_type="Organization")
            repo = Repo(
                id=self._next_id(),
                owner=owner,
                name=name,
                default_branch=default_branch,
                created_at=self.clock(),
                private=private,
                has_issues=has_issues,
                description=description,
            )
            self.repos[full_name.casefold()] = repo
            for login in assignable:
                self.add_assignable(full_name, login)
            return repo

    def repo(self, full_name: str = DEFAULT_REPO) -> Repo:
        with self.lock:
            try:
                return self.repos[full_name.casefold()]
            except KeyError:
                raise KeyError(f"no repository {full_name!r} in the fake GitHub") from None

    def add_assignable(self, full_name: str, login: str) -> None:
        with self.lock:
            self.add_user(login)
            self.repo(full_name).assignable[login.casefold()] = login

    def remove_assignable(self, full_name: str, login: str) -> None:
        with self.lock:
            self.repo(full_name).assignable.pop(login.casefold(), None)

    def add_label(
        self,
        full_name: str,
        name: str,
        *,
        color: str = DEFAULT_LABEL_COLOR,
        description: str | None = None,
    ) -> Label:
        with self.lock:
            repo = self.repo(full_name)
            existing = repo.label_named(name)
            if existing is not None:
                return existing
            label = Label(id=self._next_id(), name=name, color=color, description=description)
            repo.labels[label.id] = label
            return label

    def _label_ids(self, repo: Repo, names: Iterable[str]) -> list[int]:
        ids: list[int] = []
        for name in names:
            label = repo.label_named(name) or self.add_label(repo.full_name, name)
            if label.id not in ids:
                ids.append(label.id)
        return ids

    def seed_issue(
        self,
        full_name: str = DEFAULT_REPO,
        title: str = "An issue",
        body: str | None = None,
        *,
        state: str = "open",
        state_reason: str | None = None,
        labels: Iterable[str] = (),
        assignees: Iterable[str] = (),
        user: str | None = None,
        created_at: datetime | None = None,
        pull_request: bool = False,
    ) -> Issue:
        """Put an issue (or a pull request) in the repository without an HTTP request."""
        with self.lock:
            repo = self.repo(full_name)
            now = created_at or self.clock()
            author = user or self.login
            self._user(author)
            for login in assignees:
                self._user(login)
            issue = Issue(
                id=self._next_id(),
                number=repo.next_number,
                title=title,
                body=body,
                user=author,
                created_at=now,
                updated_at=now,
                state=state,
                state_reason=state_reason
                if state_reason is not None
                else ("completed" if state == "closed" else None),
                label_ids=self._label_ids(repo, labels),
                assignees=list(dict.fromkeys(assignees)),
                closed_at=now if state == "closed" else None,
                closed_by=author if state == "closed" else None,
                pull_request=pull_request,
            )
            repo.issues[issue.number] = issue
            repo.next_number += 1
            return issue

    def issue(self, number: int, full_name: str = DEFAULT_REPO) -> Issue:
        with self.lock:
            return self.repo(full_name).issues[number]

    def issues(
        self,
        full_name: str = DEFAULT_REPO,
        *,
        state: str = "all",
        label: str | None = None,
        include_pull_requests: bool = False,
    ) -> list[Issue]:
        """The repository's issues by number (deleted ones left out)."""
        with self.lock:
            repo = self.repo(full_name)
            found = []
            for issue in sorted(repo.issues.values(), key=lambda i: i.number):
                if issue.deleted or issue.transferred:
                    continue
                if issue.pull_request and not include_pull_requests:
                    continue
                if state != "all" and issue.state != state:
                    continue
                if label is not None and label.casefold() not in {
                    n.casefold() for n in repo.label_names(issue)
                }:
                    continue
                found.append(issue)
            return found

    def label_names(self, issue: Issue, full_name: str = DEFAULT_REPO) -> list[str]:
        with self.lock:
            return self.repo(full_name).label_names(issue)

    def edit_issue(
        self,
        number: int,
        full_name: str = DEFAULT_REPO,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
        state_reason: str | None = None,
        labels: Iterable[str] | None = None,
        assignees: Iterable[str] | None = None,
        by: str = "alice",
    ) -> Issue:
        """Change an issue as a person would in the web UI (no HTTP request, not logged)."""
        with self.lock:
            repo = self.repo(full_name)
            issue = repo.issues[number]
            now = self.clock()
            if title is not None:
                issue.title = title
            if body is not None:
                issue.body = body
            if labels is not None:
                issue.label_ids = self._label_ids(repo, labels)
            if assignees is not None:
                issue.assignees = list(dict.fromkeys(assignees))
            if state == "closed" and issue.state == "open":
                issue.state, issue.closed_at, issue.closed_by = "closed", now, by
                issue.state_reason = state_reason or "completed"
            elif state == "open" and issue.state == "closed":
                issue.state, issue.closed_at, issue.closed_by = "open", None, None
                issue.state_reason = "reopened"
            elif state_reason is not None:
                issue.state_reason = state_reason
            issue.updated_at = now
            return issue

    def add_comment(
        self, number: int, body: str, full_name: str = DEFAULT_REPO, *, user: str = "alice"
    ) -> Comment:
        with self.lock:
            issue = self.repo(full_name).issues[number]
            now = self.clock()
            self._user(user)
            comment = Comment(
                id=self._next_id(),
                issue_number=number,
                body=body,
                user=user,
                created_at=now,
                updated_at=now,
            )
            issue.comments.append(comment)
            issue.updated_at = now
            return comment

    def delete_issue(self, number: int, full_name: str = DEFAULT_REPO) -> None:
        """Delete an issue as an admin would: requests for it then get 410 Gone."""
        with self.lock:
            self.repo(full_name).issues[number].deleted = True

    def transfer_issue(self, number: int, full_name: str = DEFAULT_REPO) -> None:
        """Transfer an issue to a repository the token cannot read: it leaves the listings,
        and requests for it get 404 (GitHub's redirect to the new place ends there)."""
        with self.lock:
            self.repo(full_name).issues[number].transferred = True

    # ---- rate limits -----------------------------------------------------------------------

    def _bucket(self, login: str | None) -> _RateBucket:
        key = login.casefold() if login else ""
        now = int(time.time())
        bucket = self._buckets.get(key)
        if bucket is None or bucket.reset <= now:
            limit = (bucket.limit if bucket else None) or (
                HOURLY_LIMIT if login else ANONYMOUS_LIMIT
            )
            bucket = _RateBucket(limit=limit, used=0, reset=now + 3600)
            self._buckets[key] = bucket
        return bucket

    def set_rate_limit(
        self,
        *,
        remaining: int | None = None,
        limit: int | None = None,
        reset_in: float | None = None,
        login: str | None = None,
    ) -> None:
        """Set the primary budget of ``login`` (default: the fixture token's user)."""
        with self.lock:
            bucket = self._bucket(login or self.login)
            if limit is not None:
                bucket.limit = limit
            if remaining is not None:
                bucket.used = max(0, bucket.limit - remaining)
            if reset_in is not None:
                bucket.reset = int(time.time() + reset_in)

    def _rate_headers(self, bucket: _RateBucket, resource: str) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(bucket.limit),
            "X-RateLimit-Remaining": str(max(0, bucket.limit - bucket.used)),
            "X-RateLimit-Reset": str(bucket.reset),
            "X-RateLimit-Used": str(bucket.used),
            "X-RateLimit-Resource": resource,
        }

    # ---- faults ----------------------------------------------------------------------------

    def inject(
        self,
        kind: FaultKind,
        method: str = "*",
        path: str = "*",
        *,
        times: int = 1,
        after: bool | None = None,
        status: int | None = None,
        retry_after: int = 1,
        login: str | None = None,
        seconds: float = 0.5,
        message: str | None = None,
        callback: Callable[[], object] | None = None,
    ) -> Fault:
        """Make the next ``times`` matching requests fail.

        ``method`` is an HTTP method or ``*``; ``path`` a glob over the request path
        (``/repos/acme/notes/issues``, ``/repos/acme/notes/issues/*/comments``; without
        the ``/api/v3`` prefix, ``/repositories/{id}`` spelled as ``/repos/owner/name``)
        or an OpenAPI route (``/repos/{owner}/{repo}/issues``). Kinds:

        - ``server_error``: ``status`` (default 500) after the request was really carried
          out (``after=False``: instead of it). PyGithub's default retry repeats a POST on 5xx.
        - ``drop``: close the connection without an answer, before the request is carried
          out (``after=True``: after it, so the change happened but the client never hears).
        - ``secondary_rate_limit``: 403 (or ``status=429``) with ``Retry-After: retry_after``
          and GitHub's secondary-limit message; nothing is carried out.
        - ``primary_rate_limit``: 403 "API rate limit exceeded" with
          ``X-RateLimit-Remaining: 0`` and a reset ``retry_after`` seconds ahead.
        - ``unassignable``: 422 "Validation Failed" for a request whose body assigns
          ``login`` (create, edit or add assignees), whether or not the login is assignable.
        - ``delay``: wait ``seconds`` before handling (outside the lock), to force races.
        - ``status``: answer ``status`` with ``message`` (``after=True``: once carried out).
        - ``callback``: call ``callback()`` before handling the request (outside the lock),
          then answer it normally: another client's change lands right before this one.
        """
        if kind == "unassignable" and not login:
            raise ValueError("an unassignable fault needs login=")
        if (kind == "callback") != (callback is not None):
            raise ValueError("callback= goes with the callback fault, and only with it")
        defaults = {
            "server_error": 500,
            "drop": 0,
            "secondary_rate_limit": 403,
            "primary_rate_limit": 403,
            "unassignable": 422,
            "delay": 0,
            "status": 500,
            "callback": 0,
        }
        fault = Fault(
            kind=kind,
            method=method,
            path=path,
            times=times,
            after=(kind == "server_error") if after is None else after,
            status=status if status is not None else defaults[kind],
            retry_after=retry_after,
            login=login,
            seconds=seconds,
            message=message,
            callback=callback,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    @property
    def faults(self) -> list[Fault]:
        with self.lock:
            return list(self._faults)

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def _take_fault(
        self, method: str, path: str, route: str | None, body: Any, *, after: bool, kinds: set[str]
    ) -> Fault | None:
        for fault in self._faults:
            if (
                fault.kind in kinds
                and fault.after == after
                and fault.matches(method, path, route, body)
            ):
                fault.fired += 1
                return fault
        return None

    def _fault_response(
        self, fault: Fault, ctx_docs: str, request_id: str, user_id: int
    ) -> _Response:
        if fault.kind == "drop":
            return _Response(status=0, drop=True)
        if fault.kind == "secondary_rate_limit":
            return _Response(
                status=fault.status,
                body=_error(
                    fault.status,
                    fault.message or SECONDARY_MESSAGE.format(request_id=request_id),
                    SECONDARY_DOCS,
                ),
                headers={"Retry-After": str(fault.retry_after)},
            )
        if fault.kind == "primary_rate_limit":
            return _Response(
                status=fault.status,
                body=_error(
                    fault.status,
                    fault.message or PRIMARY_MESSAGE.format(user_id=user_id, request_id=request_id),
                    RATE_LIMIT_DOCS,
                ),
                headers={
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": str(int(time.time()) + fault.retry_after),
                },
            )
        if fault.kind == "unassignable":
            return _validation_failed(
                [_unassignable_error([fault.login or ""], "assignees")], ctx_docs
            )
        message = fault.message or ("Server Error" if fault.status >= 500 else "Injected fault")
        return _Response(status=fault.status, body=_error(fault.status, message, ctx_docs))

    # ---- log and violations ----------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        with self.lock:
            return list(self._log)

    def count(
        self,
        method: str | None = None,
        *,
        operation: str | None = None,
        path: str | None = None,
        status: int | None = None,
    ) -> int:
        """How many logged requests match (``path`` is a glob over the path as sent)."""
        with self.lock:
            return sum(
                1
                for r in self._log
                if (method is None or r.method == method.upper())
                and (operation is None or r.operation == operation)
                and (path is None or fnmatch.fnmatchcase(r.path, path))
                and (status is None or r.status == status)
            )

    def clear_requests(self) -> None:
        with self.lock:
            self._log.clear()

    @property
    def violations(self) -> list[Violation]:
        with self.lock:
            return list(self._violations)

    def take_violations(self) -> list[Violation]:
        """Return the violations recorded so far and forget them."""
        with self.lock:
            taken = list(self._violations)
            self._violations.clear()
            return taken

    def report(self) -> str:
        violations = self.violations
        lines = [f"{len(violations)} violation(s) of GitHub's REST contract:"]
        lines += [f"  - {v}" for v in violations]
        return "\n".join(lines)

    def check(self) -> None:
        """Raise :class:`ContractViolation` if any violation was recorded."""
        if self.violations:
            raise ContractViolation(self.report())

    def _violate(
        self, kind: ViolationKind, request: _Request, op: str | None, message: str
    ) -> None:
        self._violations.append(Violation(kind, request.method, request.path, op, message))

    # ---- request handling ------------------------------------------------------------------

    def handle(self, request: _Request) -> _Response:
        """Answer one request (called by the HTTP handler threads)."""
        arrived = time.monotonic()
        request_id = f"FAKE:{next(self._request_ids):06X}:{secrets.token_hex(3).upper()}"
        body: Any = None
        parse_error = None
        if request.body:
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                parse_error = str(exc)

        prefix = ""
        path = request.path
        if path == "/api/v3" or path.startswith("/api/v3/"):
            prefix, path = "/api/v3", path[len("/api/v3") :] or "/"

        with self.lock:
            path = self._resolve_alias(path)
            routed = self.openapi.route(request.method, path)
            route = routed[0].template if routed else None
            delay = self._take_fault(
                request.method, path, route, body, after=False, kinds={"delay", "callback"}
            )
        if delay is not None and delay.callback is not None:
            delay.callback()
        elif delay is not None:
            time.sleep(delay.seconds)

        with self.lock:
            login = self._login(request)
            bucket = self._bucket(login if isinstance(login, str) else None)
            resource = "search" if path.startswith("/search/") else "core"
            repo_name: str | None = None
            fault_name: str | None = None
            op = routed[0] if routed else None
            try:
                response, repo_name, fault_name = self._respond(
                    request, path, prefix, routed, body, parse_error, login, bucket, request_id
                )
            except Exception:
                self._violate(
                    "fake-error", request, op.operation_id if op else None, traceback.format_exc()
                )
                response = _Response(status=500, body=_error(500, "Server Error", DOCS))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                "X-GitHub-Media-Type": "github.v3; format=json",
                "X-GitHub-Api-Version-Selected": "2022-11-28",
                "X-GitHub-Request-Id": request_id,
                **self._rate_headers(bucket, resource),
                **response.headers,
            }
            if response.status in (204, 304):
                headers.pop("Content-Type", None)
            response.headers = headers
            if op is not None and not response.drop:
                try:
                    self._check_response(request, op, response)
                except Exception:
                    self._violate("fake-error", request, op.operation_id, traceback.format_exc())
            elif op is None and response.status < 400:
                self._violate("response", request, None, "a success answer to an unrouted request")
            self._log.append(
                RequestRecord(
                    method=request.method,
                    path=request.path,
                    query=urllib.parse.parse_qs(request.query_string, keep_blank_values=True),
                    status=None if response.drop else response.status,
                    operation=op.operation_id if op else None,
                    route=route,
                    repo=repo_name,
                    fault=fault_name,
                    body=body,
                    time=arrived,
                )
            )
            return response

    def _resolve_alias(self, path: str) -> str:
        found = re.match(r"^/repositories/(\d+)(/.*)?$", path)
        if found:
            for repo in self.repos.values():
                if repo.id == int(found.group(1)):
                    return f"/repos/{repo.owner}/{repo.name}{found.group(2) or ''}"
        return path

    def _login(self, request: _Request) -> str | _Response | None:
        header = request.headers.get("Authorization")
        if header is None:
            if self.require_auth:
                return _Response(401, _error(401, "Requires authentication", DOCS))
            return None
        scheme, _, token = header.strip().partition(" ")
        login = self.tokens.get(token.strip()) if scheme.lower() in ("token", "bearer") else None
        if login is None:
            return _Response(401, _error(401, "Bad credentials", DOCS))
        return login

    def _respond(
        self,
        request: _Request,
        path: str,
        prefix: str,
        routed: tuple[Operation, dict[str, str]] | None,
        body: Any,
        parse_error: str | None,
        login: str | _Response | None,
        bucket: _RateBucket,
        request_id: str,
    ) -> tuple[_Response, str | None, str | None]:
        if isinstance(login, _Response):
            return login, None, None
        user_id = self._user(login).id if login else 0
        if routed is None:
            self._violate(
                "unsupported",
                request,
                None,
                f"no operation {request.method} {path} in the OpenAPI subset",
            )
            return _Response(404, _error(404, "Not Found", DOCS)), None, None
        op, params = routed
        if not (op.method == "GET" and op.template == "/rate_limit"):
            if bucket.used >= bucket.limit:
                message = PRIMARY_MESSAGE.format(user_id=user_id, request_id=request_id)
                return _Response(403, _error(403, message, RATE_LIMIT_DOCS)), None, None
            bucket.used += 1

        repo: Repo | None = None
        if "owner" in params and "repo" in params:
            repo = self.repos.get(f"{params['owner']}/{params['repo']}".casefold())
            if repo is None:
                return _Response(404, _error(404, "Not Found", op.docs_url)), None, None
        repo_name = repo.full_name if repo else None

        # The client's side of the contract: body and query parameters.
        problems: list[str] = []
        query_pairs = urllib.parse.parse_qsl(request.query_string, keep_blank_values=True)
        query = dict(query_pairs)
        if parse_error is not None:
            self._violate("request", request, op.operation_id, f"body is not JSON: {parse_error}")
            return (
                _Response(400, _error(400, "Problems parsing JSON", op.docs_url)),
                repo_name,
                None,
            )
        if op.request_validator is not None:
            instance = body if request.body else ({} if op.request_required else None)
            if instance is not None:
                problems += schema_errors(op.request_validator, instance)
        elif request.body and op.method in WRITE_METHODS:
            problems.append("this operation takes no request body")
        problems += self._query_problems(op, query)
        if problems:
            self._violate("request", request, op.operation_id, "; ".join(problems))
            return self._invalid_request(op, body, problems), repo_name, None

        # Content-creation secondary limit, then injected faults.
        if self.content_limit is not None and request.method in WRITE_METHODS:
            allowed, window = self.content_limit
            now = time.monotonic()
            while self._writes and self._writes[0] <= now - window:
                self._writes.popleft()
            if len(self._writes) >= allowed:
                wait = max(1, math.ceil(self._writes[0] + window - now))
                message = SECONDARY_MESSAGE.format(request_id=request_id)
                response = _Response(
                    403, _error(403, message, SECONDARY_DOCS), {"Retry-After": str(wait)}
                )
                return response, repo_name, "content_limit"
            self._writes.append(now)
        before_kinds = {
            "server_error",
            "drop",
            "secondary_rate_limit",
            "primary_rate_limit",
            "unassignable",
            "status",
        }
        fault = self._take_fault(
            request.method, path, op.template, body, after=False, kinds=before_kinds
        )
        if fault is not None:
            return (
                self._fault_response(fault, op.docs_url, request_id, user_id),
                repo_name,
                fault.kind,
            )

        urls = _Urls(api=self.url + prefix, web=self.url)
        ctx = _Ctx(
            request=request,
            op=op,
            path=path,
            params=params,
            query=query,
            query_pairs=query_pairs,
            body=body,
            repo=repo,
            login=login,
            urls=urls,
            request_id=request_id,
        )
        handler = self._handlers().get(op.operation_id)
        if handler is None:
            self._violate(
                "unsupported",
                request,
                op.operation_id,
                "the fake does not implement this operation",
            )
            return _Response(404, _error(404, "Not Found", op.docs_url)), repo_name, None
        try:
            response = handler(ctx)
        except _HTTPError as refusal:
            response = refusal.response
        if response.status < 400:
            fault = self._take_fault(
                request.method,
                path,
                op.template,
                body,
                after=True,
                kinds={"server_error", "drop", "status"},
            )
            if fault is not None:
                return (
                    self._fault_response(fault, op.docs_url, request_id, user_id),
                    repo_name,
                    fault.kind,
                )
        return response, repo_name, None

    def _query_problems(self, op: Operation, query: Mapping[str, str]) -> list[str]:
        problems = []
        for param in op.parameters:
            if param.location != "query" or param.name not in query:
                continue
            raw = query[param.name]
            value: Any = raw
            kind = param.schema.get("type")
            if kind == "integer":
                try:
                    value = int(raw)
                except ValueError:
                    problems.append(f"query {param.name}={raw!r} is not an integer")
                    continue
            elif kind == "boolean":
                value = {"true": True, "false": False}.get(raw, raw)
            problems += [f"query {param.name}: {m}" for m in schema_errors(param.validator, value)]
        return problems

    def _invalid_request(self, op: Operation, body: Any, problems: list[str]) -> _Response:
        too_long = []
        if isinstance(body, dict):
            resource = "IssueComment" if op.operation_id == "issues/create-comment" else "Issue"
            for name, limit in (("title", TITLE_MAX), ("body", BODY_MAX)):
                value = body.get(name)
                if (
                    isinstance(value, str)
                    and len(value) > limit
                    and op.operation_id
                    in (
                        "issues/create",
                        "issues/update",
                        "issues/create-comment",
                    )
                ):
                    too_long.append(
                        {
                            "resource": resource,
                            "code": "custom",
                            "field": name,
                            "message": f"{name} is too long (maximum is {limit} characters)",
                        }
                    )
        if too_long and len(too_long) == len(problems):
            return _validation_failed(too_long, op.docs_url)
        return _Response(
            422, _error(422, "Invalid request.\n\n" + "\n".join(problems), op.docs_url)
        )

    def _check_response(self, request: _Request, op: Operation, response: _Response) -> None:
        if response.status in op.responses:
            validator = op.responses[response.status]
            if validator is None:
                if response.body is not None:
                    self._violate(
                        "response",
                        request,
                        op.operation_id,
                        f"status {response.status} takes no body",
                    )
                return
            problems = schema_errors(validator, response.body)
        elif response.status >= 400:
            problems = schema_errors(self.openapi.basic_error, response.body)
        else:
            problems = [f"status {response.status} is not one the operation documents"]
        if problems:
            self._violate(
                "response",
                request,
                op.operation_id,
                f"status {response.status}: " + "; ".join(problems[:10]),
            )

    # ---- JSON renderings -------------------------------------------------------------------

    def _user_json(self, login: str, urls: _Urls) -> JSON:
        user = self._user(login)
        quoted = urllib.parse.quote(user.login, safe="")
        base = f"{urls.api}/users/{quoted}"
        return {
            "login": user.login,
            "id": user.id,
            "node_id": user.node_id,
            "avatar_url": f"{urls.web}/avatars/u/{user.id}?v=4",
            "gravatar_id": "",
            "url": base,
            "html_url": f"{urls.web}/{quoted}",
            "followers_url": f"{base}/followers",
            "following_url": f"{base}/following{{/other_user}}",
            "gists_url": f"{base}/gists{{/gist_id}}",
            "starred_url": f"{base}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{base}/subscriptions",
            "organizations_url": f"{base}/orgs",
            "repos_url": f"{base}/repos",
            "events_url": f"{base}/events{{/privacy}}",
            "received_events_url": f"{base}/received_events",
            "type": user.type,
            "user_view_type": "public",
            "site_admin": False,
        }

    def _label_json(self, repo: Repo, label: Label, urls: _Urls) -> JSON:
        quoted = urllib.parse.quote(label.name, safe="")
        return {
            "id": label.id,
            "node_id": f"LA_kwDO{label.id:08d}",
            "url": f"{urls.api}/repos/{repo.owner}/{repo.name}/labels/{quoted}",
            "name": label.name,
            "color": label.color,
            "default": False,
            "description": label.description,
        }

    def _association(self, repo: Repo, login: str) -> str:
        if login.casefold() == repo.owner.casefold():
            return "OWNER"
        if repo.can_assign(login):
            return "COLLABORATOR"
        return "NONE"

    @staticmethod
    def _reactions(url: str) -> JSON:
        counts = dict.fromkeys(
            ("total_count", "+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"), 0
        )
        return {"url": url, **counts}

    def _issue_json(self, repo: Repo, issue: Issue, urls: _Urls, *, single: bool = False) -> JSON:
        base = f"{urls.api}/repos/{repo.owner}/{repo.name}"
        url = f"{base}/issues/{issue.number}"
        web_kind = "pull" if issue.pull_request else "issues"
        assignees = [self._user_json(login, urls) for login in issue.assignees]
        data: JSON = {
            "url": url,
            "repository_url": base,
            "labels_url": f"{url}/labels{{/name}}",
            "comments_url": f"{url}/comments",
            "events_url": f"{url}/events",
            "html_url": f"{urls.web}/{repo.owner}/{repo.name}/{web_kind}/{issue.number}",
            "id": issue.id,
            "node_id": f"I_kwDO{repo.id:06d}{issue.id:08d}",
            "number": issue.number,
            "title": issue.title,
            "user": self._user_json(issue.user, urls),
            "labels": [
                self._label_json(repo, repo.labels[i], urls)
                for i in issue.label_ids
                if i in repo.labels
            ],
            "state": issue.state,
            "locked": issue.locked,
            "assignee": assignees[0] if assignees else None,
            "assignees": assignees,
            "milestone": None,
            "comments": len(issue.comments),
            "created_at": _iso(issue.created_at),
            "updated_at": _iso(issue.updated_at),
            "closed_at": _iso(issue.closed_at),
            "author_association": self._association(repo, issue.user),
            "type": None,
            "active_lock_reason": None,
            "sub_issues_summary": {"total": 0, "completed": 0, "percent_completed": 0},
            "issue_dependencies_summary": {
                "blocked_by": 0,
                "blocking": 0,
                "total_blocked_by": 0,
                "total_blocking": 0,
            },
            "body": issue.body,
            "reactions": self._reactions(f"{url}/reactions"),
            "timeline_url": f"{url}/timeline",
            "performed_via_github_app": None,
            "state_reason": issue.state_reason,
        }
        if issue.pull_request:
            pull = f"{base}/pulls/{issue.number}"
            web = f"{urls.web}/{repo.owner}/{repo.name}/pull/{issue.number}"
            data["draft"] = False
            data["pull_request"] = {
                "url": pull,
                "html_url": web,
                "diff_url": f"{web}.diff",
                "patch_url": f"{web}.patch",
                "merged_at": None,
            }
        if single:
            data["closed_by"] = self._user_json(issue.closed_by, urls) if issue.closed_by else None
        return data

    def _comment_json(self, repo: Repo, comment: Comment, urls: _Urls) -> JSON:
        base = f"{urls.api}/repos/{repo.owner}/{repo.name}"
        url = f"{base}/issues/comments/{comment.id}"
        return {
            "id": comment.id,
            "node_id": f"IC_kwDO{comment.id:08d}",
            "url": url,
            "html_url": f"{urls.web}/{repo.owner}/{repo.name}/issues/{comment.issue_number}#issuecomment-{comment.id}",
            "body": comment.body,
            "user": self._user_json(comment.user, urls),
            "created_at": _iso(comment.created_at),
            "updated_at": _iso(comment.updated_at),
            "issue_url": f"{base}/issues/{comment.issue_number}",
            "author_association": self._association(repo, comment.user),
            "reactions": self._reactions(f"{url}/reactions"),
            "performed_via_github_app": None,
        }

    def _repo_json(self, repo: Repo, urls: _Urls, login: str | None) -> JSON:
        api = f"{urls.api}/repos/{repo.owner}/{repo.name}"
        web = f"{urls.web}/{repo.owner}/{repo.name}"
        host = urllib.parse.urlsplit(urls.web).netloc
        open_count = sum(1 for i in repo.issues.values() if i.state == "open" and not i.deleted)
        templated = {
            "archive_url": "/{archive_format}{/ref}",
            "assignees_url": "/assignees{/user}",
            "blobs_url": "/git/blobs{/sha}",
            "branches_url": "/branches{/branch}",
            "collaborators_url": "/collaborators{/collaborator}",
            "comments_url": "/comments{/number}",
            "commits_url": "/commits{/sha}",
            "compare_url": "/compare/{base}...{head}",
            "contents_url": "/contents/{+path}",
            "git_commits_url": "/git/commits{/sha}",
            "git_refs_url": "/git/refs{/sha}",
            "git_tags_url": "/git/tags{/sha}",
            "issue_comment_url": "/issues/comments{/number}",
            "issue_events_url": "/issues/events{/number}",
            "issues_url": "/issues{/number}",
            "keys_url": "/keys{/key_id}",
            "labels_url": "/labels{/name}",
            "milestones_url": "/milestones{/number}",
            "notifications_url": "/notifications{?since,all,participating}",
            "pulls_url": "/pulls{/number}",
            "releases_url": "/releases{/id}",
            "statuses_url": "/statuses/{sha}",
            "trees_url": "/git/trees{/sha}",
        }
        plain = {
            "contributors_url": "/contributors",
            "deployments_url": "/deployments",
            "downloads_url": "/downloads",
            "events_url": "/events",
            "forks_url": "/forks",
            "hooks_url": "/hooks",
            "languages_url": "/languages",
            "merges_url": "/merges",
            "stargazers_url": "/stargazers",
            "subscribers_url": "/subscribers",
            "subscription_url": "/subscription",
            "tags_url": "/tags",
            "teams_url": "/teams",
        }
        push = login is not None and (login == self.login or repo.can_assign(login))
        data: JSON = {
            "id": repo.id,
            "node_id": f"R_kgDO{repo.id:08d}",
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": self._user_json(repo.owner, urls),
            "private": repo.private,
            "visibility": "private" if repo.private else "public",
            "html_url": web,
            "description": repo.description,
            "fork": False,
            "url": api,
            **{key: api + suffix for key, suffix in templated.items()},
            **{key: api + suffix for key, suffix in plain.items()},
            "git_url": f"git://{host}/{repo.full_name}.git",
            "ssh_url": f"git@{urllib.parse.urlsplit(urls.web).hostname}:{repo.full_name}.git",
            "clone_url": f"{web}.git",
            "svn_url": web,
            "mirror_url": None,
            "homepage": None,
            "language": "Markdown",
            "forks": 0,
            "forks_count": 0,
            "stargazers_count": 0,
            "watchers": 0,
            "watchers_count": 0,
            "size": 1,
            "default_branch": repo.default_branch,
            "open_issues": open_count,
            "open_issues_count": open_count,
            "is_template": False,
            "topics": [],
            "has_issues": repo.has_issues,
            "has_projects": True,
            "has_wiki": False,
            "has_pages": False,
            "has_downloads": True,
            "has_discussions": False,
            "archived": False,
            "disabled": False,
            "pushed_at": _iso(repo.created_at),
            "created_at": _iso(repo.created_at),
            "updated_at": _iso(repo.created_at),
            "permissions": {
                "admin": False,
                "maintain": False,
                "push": push,
                "triage": push,
                "pull": True,
            },
            "allow_forking": False,
            "web_commit_signoff_required": False,
            "license": None,
            "network_count": 0,
            "subscribers_count": 0,
            "temp_clone_token": None,
        }
        if self.users.get(repo.owner.casefold(), User(repo.owner, 0)).type == "Organization":
            data["organization"] = self._user_json(repo.owner, urls)
        return data

    # ---- operations ------------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[_Ctx], _Response]]:
        return {
            "repos/get": self._get_repo,
            "issues/list-for-repo": self._list_issues,
            "issues/create": self._create_issue,
            "issues/get": self._get_issue,
            "issues/update": self._update_issue,
            "issues/list-comments": self._list_comments,
            "issues/create-comment": self._create_comment,
            "issues/list-labels-for-repo": self._list_labels,
            "issues/create-label": self._create_label,
            "issues/get-label": self._get_label,
            "issues/update-label": self._update_label,
            "issues/delete-label": self._delete_label,
            "issues/list-assignees": self._list_assignees,
            "issues/check-user-can-be-assigned": self._check_assignee,
            "issues/add-assignees": self._add_assignees,
            "issues/remove-assignees": self._remove_assignees,
            "issues/list-labels-on-issue": self._list_issue_labels,
            "issues/add-labels": self._add_issue_labels,
            "issues/set-labels": self._set_issue_labels,
            "issues/remove-all-labels": self._remove_issue_labels,
            "rate-limit/get": self._rate_limit,
            "users/get-authenticated": self._get_user,
        }

    def _paginate(self, ctx: _Ctx, items: Sequence[Any]) -> tuple[Sequence[Any], dict[str, str]]:
        def number(name: str, default: int) -> int:
            try:
                return int(ctx.query.get(name, default))
            except ValueError:
                return default

        per_page = number("per_page", 30)
        per_page = 30 if per_page < 1 else min(per_page, 100)
        page = max(1, number("page", 1))
        last = max(1, math.ceil(len(items) / per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        base = ctx.urls.api + ctx.path
        if ctx.repo is not None:
            rest = re.sub(r"^/repos/[^/]+/[^/]+", "", ctx.path)
            base = f"{ctx.urls.api}/repositories/{ctx.repo.id}{rest}"
        kept = [(k, v) for k, v in ctx.query_pairs if k != "page"]

        def link(target: int, rel: str) -> str:
            query = urllib.parse.urlencode([*kept, ("page", str(target))])
            return f'<{base}?{query}>; rel="{rel}"'

        rels: list[tuple[int, str]] = []  # GitHub's order: prev, next, last, first
        if page > 1:
            rels.append((min(page - 1, last), "prev"))
        if page < last:
            rels += [(page + 1, "next"), (last, "last")]
        if page > 1:
            rels.append((1, "first"))
        links = ", ".join(link(target, rel) for target, rel in rels)
        return chunk, ({"Link": links} if links else {})

    def _issue_or_error(self, ctx: _Ctx) -> Issue:
        repo = ctx.the_repo
        number_text = ctx.params.get("issue_number", "")
        issue = repo.issues.get(int(number_text)) if number_text.isdigit() else None
        if issue is None or issue.transferred:
            raise _HTTPError(_Response(404, _error(404, "Not Found", ctx.op.docs_url)))
        if issue.deleted:
            raise _HTTPError(_Response(410, _error(410, "This issue was deleted", ctx.op.docs_url)))
        return issue

    def _require_issues_enabled(self, ctx: _Ctx) -> None:
        if not ctx.the_repo.has_issues:
            raise _HTTPError(
                _Response(410, _error(410, "Issues are disabled for this repo", ctx.op.docs_url))
            )

    def _get_repo(self, ctx: _Ctx) -> _Response:
        return _Response(200, self._repo_json(ctx.the_repo, ctx.urls, ctx.login))

    def _list_issues(self, ctx: _Ctx) -> _Response:
        repo, q = ctx.the_repo, ctx.query
        items = [i for i in repo.issues.values() if not (i.deleted or i.transferred)]
        state = q.get("state", "open")
        if state != "all":
            items = [i for i in items if i.state == state]
        wanted = [
            name.strip().casefold() for name in q.get("labels", "").split(",") if name.strip()
        ]
        if wanted:
            items = [i for i in items if set(wanted) <= {n.casefold() for n in repo.label_names(i)}]
        assignee = q.get("assignee")
        if assignee == "none":
            items = [i for i in items if not i.assignees]
        elif assignee == "*":
            items = [i for i in items if i.assignees]
        elif assignee:
            items = [i for i in items if assignee.casefold() in {a.casefold() for a in i.assignees}]
        creator = q.get("creator")
        if creator:
            items = [i for i in items if i.user.casefold() == creator.casefold()]
        milestone = q.get("milestone")
        if milestone and milestone != "none":
            items = []  # the fake has no milestones
        since = q.get("since")
        if since:
            moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
            items = [i for i in items if i.updated_at >= moment]
        sort = q.get("sort", "created")

        def key(issue: Issue) -> tuple[Any, int]:
            if sort == "updated":
                return (issue.updated_at, issue.number)
            if sort == "comments":
                return (len(issue.comments), issue.number)
            return (issue.created_at, issue.number)

        items.sort(key=key, reverse=q.get("direction", "desc") != "asc")
        page, headers = self._paginate(ctx, items)
        return _Response(200, [self._issue_json(repo, i, ctx.urls) for i in page], headers)

    def _label_inputs(self, items: Iterable[Any]) -> list[str]:
        names = []
        for item in items:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
        return names

    def _assignee_inputs(self, items: Iterable[Any]) -> list[str]:
        logins = []
        for item in items:
            if isinstance(item, dict):
                item = item.get("login")
            if isinstance(item, str) and item.strip():
                logins.append(item.strip())
        return list(dict.fromkeys(logins))

    def _checked_assignees(self, ctx: _Ctx, logins: list[str], field_name: str) -> list[str]:
        repo = ctx.the_repo
        bad = [login for login in logins if not repo.can_assign(login)]
        if bad:
            raise _HTTPError(
                _validation_failed([_unassignable_error(bad, field_name)], ctx.op.docs_url)
            )
        return [repo.assignable[login.casefold()] for login in logins]

    def _milestone_refused(self, ctx: _Ctx) -> None:
        milestone = ctx.body.get("milestone") if isinstance(ctx.body, dict) else None
        if milestone is not None:
            error = {
                "resource": "Issue",
                "field": "milestone",
                "code": "invalid",
                "value": str(milestone),
            }
            raise _HTTPError(_validation_failed([error], ctx.op.docs_url))

    def _create_issue(self, ctx: _Ctx) -> _Response:
        repo, body = ctx.the_repo, cast(JSON, ctx.body)
        self._require_issues_enabled(ctx)
        title = str(body["title"])
        if not title.strip():
            raise _HTTPError(
                _validation_failed(
                    [{"resource": "Issue", "code": "missing_field", "field": "title"}],
                    ctx.op.docs_url,
                )
            )
        logins = self._assignee_inputs(body.get("assignees") or [])
        field_name = "assignees"
        if body.get("assignee"):
            logins = self._assignee_inputs([body["assignee"], *logins])
            field_name = "assignee" if not body.get("assignees") else "assignees"
        assignees = self._checked_assignees(ctx, logins, field_name)
        self._milestone_refused(ctx)
        now = self.clock()
        assert ctx.login is not None
        issue = Issue(
            id=self._next_id(),
            number=repo.next_number,
            title=title,
            body=body.get("body"),
            user=ctx.login,
            created_at=now,
            updated_at=now,
            label_ids=self._label_ids(repo, self._label_inputs(body.get("labels") or [])),
            assignees=assignees,
        )
        repo.issues[issue.number] = issue
        repo.next_number += 1
        data = self._issue_json(repo, issue, ctx.urls, single=True)
        return _Response(201, data, {"Location": data["url"]})

    def _get_issue(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        return _Response(200, self._issue_json(ctx.the_repo, issue, ctx.urls, single=True))

    def _update_issue(self, ctx: _Ctx) -> _Response:
        repo, body = ctx.the_repo, cast(JSON, ctx.body or {})
        self._require_issues_enabled(ctx)
        issue = self._issue_or_error(ctx)
        # Validate everything before changing anything: a 422 changes nothing.
        title = body.get("title")
        if title is not None and not str(title).strip():
            raise _HTTPError(
                _validation_failed(
                    [{"resource": "Issue", "code": "missing_field", "field": "title"}],
                    ctx.op.docs_url,
                )
            )
        assignees: list[str] | None = None
        if "assignees" in body:
            assignees = self._checked_assignees(
                ctx, self._assignee_inputs(body["assignees"]), "assignees"
            )
        elif "assignee" in body:
            single = self._assignee_inputs([body["assignee"]]) if body["assignee"] else []
            assignees = self._checked_assignees(ctx, single, "assignee")
        self._milestone_refused(ctx)
        state, reason = body.get("state"), body.get("state_reason")
        closing = state == "closed" and issue.state == "open"
        if closing and reason == "reopened":
            error = {
                "resource": "Issue",
                "field": "state_reason",
                "code": "invalid",
                "value": reason,
            }
            raise _HTTPError(_validation_failed([error], ctx.op.docs_url))

        now = self.clock()
        before = copy.deepcopy(issue)
        if title is not None:
            issue.title = str(title)
        if "body" in body:
            issue.body = body["body"]
        if "labels" in body:
            issue.label_ids = self._label_ids(repo, self._label_inputs(body["labels"]))
        if assignees is not None:
            issue.assignees = assignees
        if closing:
            issue.state, issue.closed_at, issue.closed_by = "closed", now, ctx.login
            issue.state_reason = reason or "completed"
        elif state == "open" and issue.state == "closed":
            issue.state, issue.closed_at, issue.closed_by = "open", None, None
            issue.state_reason = "reopened"
        elif issue.state == "closed" and reason not in (None, "reopened"):
            issue.state_reason = reason
        if issue != before:
            issue.updated_at = now
        return _Response(200, self._issue_json(repo, issue, ctx.urls, single=True))

    def _list_comments(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        comments = sorted(issue.comments, key=lambda c: c.id)
        since = ctx.query.get("since")
        if since:
            moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
            comments = [c for c in comments if c.updated_at >= moment]
        page, headers = self._paginate(ctx, comments)
        return _Response(
            200, [self._comment_json(ctx.the_repo, c, ctx.urls) for c in page], headers
        )

    def _create_comment(self, ctx: _Ctx) -> _Response:
        self._require_issues_enabled(ctx)
        issue = self._issue_or_error(ctx)
        text = cast(JSON, ctx.body)["body"]
        if not text.strip():
            error = {"resource": "IssueComment", "code": "missing_field", "field": "body"}
            raise _HTTPError(_validation_failed([error], ctx.op.docs_url))
        now = self.clock()
        assert ctx.login is not None
        comment = Comment(
            id=self._next_id(),
            issue_number=issue.number,
            body=text,
            user=ctx.login,
            created_at=now,
            updated_at=now,
        )
        issue.comments.append(comment)
        issue.updated_at = now
        data = self._comment_json(ctx.the_repo, comment, ctx.urls)
        return _Response(201, data, {"Location": data["url"]})

    def _list_labels(self, ctx: _Ctx) -> _Response:
        repo = ctx.the_repo
        labels = sorted(repo.labels.values(), key=lambda label: label.name.casefold())
        page, headers = self._paginate(ctx, labels)
        return _Response(200, [self._label_json(repo, label, ctx.urls) for label in page], headers)

    def _label_or_error(self, ctx: _Ctx) -> Label:
        label = ctx.the_repo.label_named(ctx.params["name"])
        if label is None:
            raise _HTTPError(_Response(404, _error(404, "Not Found", ctx.op.docs_url)))
        return label

    def _create_label(self, ctx: _Ctx) -> _Response:
        repo, body = ctx.the_repo, cast(JSON, ctx.body)
        name = body["name"].strip()
        if not name:
            error = {"resource": "Label", "code": "missing_field", "field": "name"}
            raise _HTTPError(_validation_failed([error], ctx.op.docs_url))
        if repo.label_named(name) is not None:
            error = {"resource": "Label", "code": "already_exists", "field": "name"}
            raise _HTTPError(_validation_failed([error], ctx.op.docs_url))
        label = Label(
            id=self._next_id(),
            name=name,
            color=body.get("color", DEFAULT_LABEL_COLOR).lower(),
            description=body.get("description"),
        )
        repo.labels[label.id] = label
        data = self._label_json(repo, label, ctx.urls)
        return _Response(201, data, {"Location": data["url"]})

    def _get_label(self, ctx: _Ctx) -> _Response:
        return _Response(200, self._label_json(ctx.the_repo, self._label_or_error(ctx), ctx.urls))

    def _update_label(self, ctx: _Ctx) -> _Response:
        repo, body = ctx.the_repo, cast(JSON, ctx.body or {})
        label = self._label_or_error(ctx)
        new_name = body.get("new_name")
        if new_name is not None:
            clash = repo.label_named(new_name)
            if clash is not None and clash.id != label.id:
                error = {"resource": "Label", "code": "already_exists", "field": "name"}
                raise _HTTPError(_validation_failed([error], ctx.op.docs_url))
            label.name = new_name.strip()
        if "color" in body:
            label.color = body["color"].lower()
        if "description" in body:
            label.description = body["description"]
        return _Response(200, self._label_json(repo, label, ctx.urls))

    def _delete_label(self, ctx: _Ctx) -> _Response:
        repo = ctx.the_repo
        label = self._label_or_error(ctx)
        del repo.labels[label.id]
        for issue in repo.issues.values():
            if label.id in issue.label_ids:
                issue.label_ids.remove(label.id)
        return _Response(204)

    def _list_assignees(self, ctx: _Ctx) -> _Response:
        logins = sorted(ctx.the_repo.assignable.values(), key=str.casefold)
        page, headers = self._paginate(ctx, logins)
        return _Response(200, [self._user_json(login, ctx.urls) for login in page], headers)

    def _check_assignee(self, ctx: _Ctx) -> _Response:
        if ctx.the_repo.can_assign(ctx.params["assignee"]):
            return _Response(204)
        return _Response(404, _error(404, "Not Found", ctx.op.docs_url))

    def _add_assignees(self, ctx: _Ctx) -> _Response:
        repo = ctx.the_repo
        issue = self._issue_or_error(ctx)
        body = cast(JSON, ctx.body or {})
        current = {login.casefold() for login in issue.assignees}
        for login in self._assignee_inputs(body.get("assignees") or []):
            if len(issue.assignees) >= MAX_ASSIGNEES:
                break
            if repo.can_assign(login) and login.casefold() not in current:
                issue.assignees.append(repo.assignable[login.casefold()])
                current.add(login.casefold())
                issue.updated_at = self.clock()
        return _Response(201, self._issue_json(repo, issue, ctx.urls, single=True))

    def _remove_assignees(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        gone = {
            login.casefold() for login in self._assignee_inputs(cast(JSON, ctx.body)["assignees"])
        }
        kept = [login for login in issue.assignees if login.casefold() not in gone]
        if kept != issue.assignees:
            issue.assignees = kept
            issue.updated_at = self.clock()
        return _Response(200, self._issue_json(ctx.the_repo, issue, ctx.urls, single=True))

    def _issue_labels_json(self, ctx: _Ctx, issue: Issue) -> list[JSON]:
        repo = ctx.the_repo
        return [
            self._label_json(repo, repo.labels[i], ctx.urls)
            for i in issue.label_ids
            if i in repo.labels
        ]

    def _labels_in(self, body: Any) -> list[str]:
        if isinstance(body, dict):
            body = body.get("labels") or []
        if isinstance(body, str):
            body = [body]
        return self._label_inputs(body if isinstance(body, list) else [])

    def _list_issue_labels(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        page, headers = self._paginate(ctx, self._issue_labels_json(ctx, issue))
        return _Response(200, list(page), headers)

    def _add_issue_labels(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        added = [
            i
            for i in self._label_ids(ctx.the_repo, self._labels_in(ctx.body))
            if i not in issue.label_ids
        ]
        if added:
            issue.label_ids += added
            issue.updated_at = self.clock()
        return _Response(200, self._issue_labels_json(ctx, issue))

    def _set_issue_labels(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        issue.label_ids = self._label_ids(ctx.the_repo, self._labels_in(ctx.body))
        issue.updated_at = self.clock()
        return _Response(200, self._issue_labels_json(ctx, issue))

    def _remove_issue_labels(self, ctx: _Ctx) -> _Response:
        issue = self._issue_or_error(ctx)
        if issue.label_ids:
            issue.label_ids = []
            issue.updated_at = self.clock()
        return _Response(204)

    def _rate_limit(self, ctx: _Ctx) -> _Response:
        core = self._bucket(ctx.login)
        now = int(time.time())

        def budget(limit: int, used: int, reset: int) -> JSON:
            return {"limit": limit, "used": used, "remaining": max(0, limit - used), "reset": reset}

        core_json = budget(core.limit, core.used, core.reset)
        resources = {
            "core": core_json,
            "search": budget(30, 0, now + 60),
            "code_search": budget(10, 0, now + 60),
            "graphql": budget(5000, 0, now + 3600),
            "integration_manifest": budget(5000, 0, now + 3600),
        }
        return _Response(200, {"resources": resources, "rate": core_json})

    def _get_user(self, ctx: _Ctx) -> _Response:
        assert ctx.login is not None
        if self._user(ctx.login).type == "Bot":
            # An app's installation token (Actions' GITHUB_TOKEN) may not read GET /user.
            message = "Resource not accessible by integration"
            return _Response(403, _error(403, message, ctx.op.docs_url))
        data = self._user_json(ctx.login, ctx.urls)
        user = self._user(ctx.login)
        created = _iso(datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(days=user.id % 1000))
        data.update(
            {
                "user_view_type": "private",
                "name": user.name,
                "company": None,
                "blog": None,
                "location": None,
                "email": None,
                "hireable": None,
                "bio": None,
                "twitter_username": None,
                "public_repos": 0,
                "public_gists": 0,
                "followers": 0,
                "following": 0,
                "created_at": created,
                "updated_at": created,
                "private_gists": 0,
                "total_private_repos": 0,
                "owned_private_repos": 0,
                "disk_usage": 0,
                "collaborators": 0,
                "two_factor_authentication": True,
            }
        )
        return _Response(200, data)


def _error(status: int, message: str, docs: str) -> JSON:
    return {"message": message, "documentation_url": docs, "status": str(status)}


def _validation_failed(errors: list[JSON], docs: str) -> _Response:
    return _Response(
        422,
        {
            "message": "Validation Failed",
            "errors": errors,
            "documentation_url": docs,
            "status": "422",
        },
    )


def _unassignable_error(logins: list[str], field_name: str) -> JSON:
    value: Any = logins if field_name == "assignees" else logins[0]
    return {
        "resource": "Issue",
        "field": field_name,
        "code": "invalid",
        "value": value,
        "message": f"{field_name} {', '.join(logins)} cannot be assigned to this issue",
    }


# --------------------------------------------------------------------------------------------
# pytest


@pytest.fixture
def github_server() -> Iterator[FakeGitHub]:
    """A running fake GitHub with ``acme/notes`` (assignable: alice, bob, carol).

    Fails the test at teardown if the client or the fake broke GitHub's OpenAPI description.
    """
    fake = FakeGitHub()
    fake.add_repo(DEFAULT_REPO, default_branch="main", assignable=DEFAULT_ASSIGNABLE)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
    if fake.violations:
        pytest.fail(fake.report(), pytrace=False)
