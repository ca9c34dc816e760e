"""NL204: ``http://`` where ``https://`` is required (loopback hosts excepted).

A bare ``www.example.com`` is an ``http://`` link too: GitHub's autolink extension
writes its href as ``http://www.example.com`` (cmark-gfm's ``www_match``), so it is
reported like one, and its fix writes ``https://`` before it.  A ``www`` that GitHub
links to ``http://www`` (no dotted host) is left to NL201.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Edit, Fix
from notes_lint.model import Link, Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.nl201_bare_url import is_www, www_in_heading
from notes_lint.urls import host_matches, is_loopback, scheme_of

INFO = RuleInfo(
    code="NL204",
    name="https",
    summary="http:// where https:// is required",
    bad="[docs](http://scikit-learn.org/stable/)",
    good="[docs](https://scikit-learn.org/stable/)",
    fixable=True,
)

KNOWN_HTTPS_HOSTS = ("github.com", "githubusercontent.com", "github.io")


def serves_https(host: str, extra: tuple[str, ...]) -> bool:
    """Hosts known to serve HTTPS: GitHub's and those the config lists."""
    return host_matches(host, (*KNOWN_HTTPS_HOSTS, *extra))


def _fix(link: Link) -> Fix | None:
    """``http`` -> ``https`` where the destination is written in the link itself."""
    span = link.url_span
    if span is None:
        return None  # a reference link: its URL is in the definition
    if is_www(link) and link.in_heading:  # keep the heading's text, and so its #anchor
        written = www_in_heading(link, f"https://{link.text}")
        return None if written is None else (Edit.replace(span.line, span.col, link.text, written),)
    if is_www(link):
        return (Edit.replace(span.line, span.col, "www.", "https://www."),)
    return (Edit.replace(span.line, span.col, link.url[:4], "https"),)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    links = ctx.config.links
    if not links.require_https:
        return
    for link in note.links:
        if scheme_of(link.url) != "http" or link.backwards:
            continue  # "[http://…](some text)" is no link on GitHub: NL201 says so
        host = link.host
        if host is None or is_loopback(host):
            continue
        www = is_www(link)
        if www and "." not in host:
            continue  # "www" linked to http://www: NL201 says so
        yield Finding(
            link.line,
            link.col,
            f"insecure link to {host}: GitHub links a bare www. address with http://; "
            f"write https://{link.text}"
            if www
            else f"insecure link to {host}: use https:// instead of http://",
            _fix(link) if serves_https(host, links.https_hosts) else None,
            end=_end(link),
        )


def _end(link: Link) -> tuple[int, int] | None:
    """Where the link ends as written (the whole ``[text](url)``, ``<url>`` or bare URL)."""
    span = link.span
    if span is not None:
        return span.end_line, span.end_col
    return (link.line, link.end_col) if link.end_col is not None else None
