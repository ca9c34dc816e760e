"""Classifying URLs: GitHub issue/pull references, hosts, schemes, bare URLs in text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ipaddress import IPv4Address, IPv6Address

_GITHUB_PATH = re.compile(
    r"^/(?P<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?P<repo>[A-Za-z0-9._-]+)"
    r"(?:/(?P<what>issues|pull|pulls|discussions)/(?P<number>\d+))?(?:/.*)?$"
)
_BARE_URL = re.compile(r"(?<![\w/@.:])https?://[^\s<>`\"]+", re.IGNORECASE)
_TRAILING = ".,:;!?*_~'\""
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SHORTHAND = re.compile(r"^(?:(?P<repo>[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+))?#(?P<number>\d+)$")


@dataclass(frozen=True)
class UrlInfo:
    kind: str
    repo: str | None = None
    number: int | None = None
    host: str | None = None
    scheme: str | None = None


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(url)
    return match[1].lower() if match else None


def host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def classify(url: str) -> UrlInfo:
    """What a link points at: a GitHub issue or pull, a web page, a file, a fragment..."""
    if url.startswith("#"):
        return UrlInfo("fragment")
    scheme = scheme_of(url)
    if scheme is None:
        return UrlInfo("relative" if url else "other")
    if scheme == "mailto":
        return UrlInfo("mail", host=host_of(url), scheme=scheme)
    if scheme not in ("http", "https"):
        return UrlInfo("other", host=host_of(url), scheme=scheme)
    host = host_of(url)
    if host in ("github.com", "www.github.com"):
        try:
            path = urlsplit(url).path
        except ValueError:
            path = ""
        match = _GITHUB_PATH.match(path)
        if match and match["number"]:
            kind = {"issues": "github-issue", "pull": "github-pull", "pulls": "github-pull"}.get(
                match["what"], "github-discussion"
            )
            return UrlInfo(
                kind, f"{match['owner']}/{match['repo']}", int(match["number"]), host, scheme
            )
        if match:
            return UrlInfo("github", f"{match['owner']}/{match['repo']}", None, host, scheme)
        return UrlInfo("github", None, None, host, scheme)
    return UrlInfo("web", host=host, scheme=scheme)


def _trimmed_end(text: str, start: int, end: int) -> int:
    """Where GFM's autolink extension ends ``text[start:end]``: trailing punctuation off, and a
    closing ``)`` off while the URL has more ``)`` than ``(`` (each bracket counted once)."""
    excess = text.count(")", start, end) - text.count("(", start, end)
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ")" and excess > 0:
            end -= 1
            excess -= 1
        else:
            break
    return end


def find_bare_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bare http(s) URL in plain text, GFM-style trimming applied.

    Linear in the text's length.
    """
    spans = []
    for match in _BARE_URL.finditer(text):
        end = _trimmed_end(text, match.start(), match.end())
        if end - match.start() > len("https://"):
            spans.append((match.start(), end))
    return spans


def ip_address_of(host: str) -> IPv4Address | IPv6Address | None:
    """The IP address that ``host`` is (``[...]`` allowed around IPv6), if it is one."""
    if not (host[:1].isdigit() or ":" in host):
        return None  # a name: no need for ipaddress (nor its import, nor its error)
    import ipaddress

    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def host_matches(host: str | None, patterns: tuple[str, ...]) -> bool:
    """Whether ``host`` is one of ``patterns`` or a subdomain of one."""
    if not host or not patterns:
        return False
    return any(host == p or host.endswith("." + p) for p in patterns)


def reference_text(repo: str, number: int, default_repo: str | None) -> str:
    """How a GitHub issue or pull is written as link text: ``#N`` or ``owner/repo#N``."""
    if default_repo and repo.lower() == default_repo.lower():
        return f"#{number}"
    return f"{repo}#{number}"
