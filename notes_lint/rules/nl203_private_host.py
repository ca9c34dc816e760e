"""NL203: a link to a host that readers outside the team cannot open.

Private hosts are those the config lists in ``links.private-hosts`` (with their
subdomains) and addresses that are private by nature: RFC 1918 and link-local
IPs and the ``.local``/``.internal``/``.lan``/``.home.arpa`` names.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.diagnostics import Severity
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.urls import host_matches, ip_address_of, is_loopback

INFO = RuleInfo(
    code="NL203",
    name="private-host",
    summary="a link to a private host",
    bad="links: {private-hosts: [mattermost.inria.fr]}\n\n- [chat](https://mattermost.inria.fr/team/pl/123)",
    good="- summary of the chat: the release is on Monday",
    severity=Severity.WARNING,
)

PRIVATE_SUFFIXES = ("local", "internal", "lan", "home.arpa", "intranet", "corp")


def is_private_by_nature(host: str) -> bool:
    if is_loopback(host):
        return False
    address = ip_address_of(host)
    if address is None:
        return host_matches(host, PRIVATE_SUFFIXES)
    return address.is_private or address.is_link_local


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    links = ctx.config.links
    private: dict[str, bool] = {}  # by host: a note links to a few hosts many times

    def is_private(host: str) -> bool:
        if host not in private:
            private[host] = not host_matches(host, links.allowed_private_hosts) and (
                host_matches(host, links.private_hosts) or is_private_by_nature(host)
            )
        return private[host]

    for link in note.links:
        host = link.host
        if host is not None and is_private(host):
            yield Finding(
                link.line,
                link.col,
                f"link to private host {host}: readers outside the team cannot open it; "
                "quote what matters in the note instead",
            )
