"""Classifying URLs: GitHub issue/pull references, hosts, schemes, bare URLs in text."""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ipaddress import IPv4Address, IPv6Address

LOGIN = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
"""A GitHub login (a user's or an organisation's), as GitHub accepts one at sign-up: 1 to 39
letters, digits or single hyphens, neither first nor last.  A pattern's source, not
anchored: searching ``@alice-`` finds ``alice``; callers anchor it or bound it (``\\b``,
``$``) as their context needs."""
LOGIN_POSSESSIVE = LOGIN + "+"
""":data:`LOGIN` for the ``regex`` module, its last repetition possessive (no backtracking
into a login that the rest of a pattern then refuses)."""
_NAME_CHAR = "[A-Za-z0-9._-]"
_NAME_END = f"(?!{_NAME_CHAR})"
REPO_NAME = (
    rf"(?!{_NAME_CHAR}{{101}})"
    rf"(?!(?:\.\.?|{_NAME_CHAR}*\.(?:[Gg][Ii][Tt]|[Ww][Ii][Kk][Ii])){_NAME_END})"
    rf"{_NAME_CHAR}+"
)
"""A name GitHub can give a repository (its "Repository limits" page, and the reserved
names GitHub's form refuses): 1 to 100 letters, digits, ``.``, ``_`` or ``-`` (GitHub
replaces any other character when a repository is created), but not

- ``.`` or ``..`` alone: reserved, they are path steps ("The repository . is reserved");
  ``...`` and longer runs of dots are names GitHub accepts;
- a name ending in ``.git``: GitHub removes that ending, so no repository keeps it;
- a name ending in ``.wiki``: GitHub refuses it, the ending names a repository's wiki.

The endings are compared without case, as GitHub compares repository names.  Each
condition looks at the whole run of name characters where the name starts, so in
running text ``acme/x.git#4`` is no reference at all (not ``acme/x.gi``).  A pattern's
source, not anchored; plain syntax that JSON Schema's ECMA-262 patterns read alike
(the config schema's ``repo``)."""
REPOSITORY = rf"{LOGIN}/{REPO_NAME}"
"""``OWNER/NAME``: a repository under a login (pattern source, not anchored)."""
REFERENCE = rf"(?:(?P<repo>{REPOSITORY}))?#(?P<number>\d+)"
"""A GitHub issue or pull reference as GFM writes it: ``#N`` or ``OWNER/NAME#N``."""
SHORTHAND = re.compile(rf"^{REFERENCE}$")
REFERENCE_IN_TEXT = re.compile(rf"(?<![\w/]){REFERENCE}\b")
"""A :data:`REFERENCE` in running text: not inside a word or a path (``a#1``, ``x/#1``)."""
_LOGIN_WHOLE = re.compile(LOGIN)
_REPOSITORY_WHOLE = re.compile(REPOSITORY)
_GITHUB_PATH = re.compile(
    rf"^/(?P<owner>{LOGIN})/(?P<repo>{REPO_NAME})"
    r"(?:/(?P<what>issues|pull|pulls|discussions)/(?P<number>\d+))?(?:/.*)?$"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def is_login(text: str) -> bool:
    """Whether ``text`` is a whole GitHub login (:data:`LOGIN`)."""
    return _LOGIN_WHOLE.fullmatch(text) is not None


def is_repository(text: str) -> bool:
    """Whether ``text`` is a whole ``OWNER/NAME`` (:data:`REPOSITORY`)."""
    return _REPOSITORY_WHOLE.fullmatch(text) is not None


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a URL's host name, ``[...]`` allowed around IPv6) is this machine:
    ``localhost`` and its subdomains (RFC 6761 §6.3), an IP loopback address (127.0.0.0/8,
    ``::1``, and IPv4-mapped ``::ffff:127.x.y.z``), or the unspecified address
    (``0.0.0.0``, ``::``), which a connection reaches this machine through.

    The host is read as a browser reads it (:func:`ip_address_of`): one trailing dot
    is dropped, and ``2130706433`` or ``0x7f.1`` are 127.0.0.1.
    """
    name = host.lower()
    name = name[:-1] if name.endswith(".") else name
    if name == "localhost" or name.endswith(".localhost"):
        return True
    address = ip_address_of(host)
    return address is not None and (address.is_loopback or address.is_unspecified)


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


AUTOLINK_SCHEME = r"(?i:https?|ftp)://"
"""The schemes cmark-gfm's autolink extension links in plain text, in any case (``url_match``)."""
AUTOLINK_WWW = r"www\."
"""The start of an extended ``www.`` autolink, in lower case only (``www_match``)."""
_BEFORE_WWW = frozenset("*_~(")
"""Besides white space and the start of the text, what may stand before ``www.``."""
BEFORE_WWW = "[" + re.escape("".join(sorted(_BEFORE_WWW))) + "]"
""":data:`_BEFORE_WWW` as a pattern's character class."""
_AUTOLINK_START = re.compile(rf"(?<![A-Za-z]){AUTOLINK_SCHEME}|(?P<www>{AUTOLINK_WWW})")
"""Where cmark-gfm's autolink extension tries a link: a scheme it accepts (not after a
letter: ``url_match`` rewinds over letters), or ``www.``."""
_URL_STOP = frozenset(" \t\n\r<")
_TRAILING = frozenset("?!.,:*_~'\"")


def _host_char(char: str) -> bool:
    """cmark-gfm's ``is_valid_hostchar``: neither white space nor punctuation, which for
    cmark is any ASCII punctuation (C's ``ispunct``: ``<``, ``=`` too) and, beyond ASCII, a
    Unicode punctuation or symbol character (P*, S*: ``—``, ``©``, ``€``)."""
    if char.isspace():
        return False
    if char.isascii():
        return char not in string.punctuation
    return unicodedata.category(char)[0] not in "PS"


def _domain_ok(text: str, start: int, allow_short: bool = True, at_end: bool = True) -> bool:
    """cmark-gfm's ``check_domain`` for the host at ``text[start:]``: it starts with a host
    character, no ``_`` is in its last two labels (unless it has more than ten dots) and,
    unless ``allow_short`` (a ``www.`` link), it holds a dot.  ``at_end``: ``text`` ends
    the paragraph (or cell), whose last character cmark-gfm never looks at."""
    if start >= len(text) or not _host_char(text[start]):
        return False
    dots = underscores_before = underscores_last = 0
    index = start + 1
    last = len(text) - 1 if at_end else len(text)
    while index < last:
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            index += 1
            char = text[index]
        if char == "_":
            underscores_last += 1
        elif char == ".":
            underscores_before, underscores_last = underscores_last, 0
            dots += 1
        elif char != "-" and not _host_char(char):
            break
        index += 1
    if (underscores_before or underscores_last) and dots <= 10:
        return False
    return allow_short or dots > 0


def autolink_end(text: str, start: int, end: int) -> int:
    """Where GFM's autolink extension ends the URL ``text[start:end]`` (cmark-gfm's
    ``autolink_delim``): a ``<`` ends it; then, from the end, ``?!.,:*_~'"`` come off, a
    ``;`` comes off with the ``&name`` before it when that makes an entity, and a ``)``
    comes off while the URL holds more ``)`` than ``(``.  Linear in ``end - start``."""
    stop = text.find("<", start, end)
    if stop >= 0:
        end = stop
    closing = text.count(")", start, end) - text.count("(", start, end)
    while end > start:
        last = text[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last == ";":
            name = end - 2
            while name > start and text[name].isascii() and text[name].isalpha():
                name -= 1
            end = name if name < end - 2 and text[name] == "&" else end - 1
        elif last == ")" and closing > 0:
            closing -= 1
            end -= 1
        else:
            break
    return end


@dataclass(frozen=True)
class BareUrl:
    """A URL written as plain text: ``text[start:end]`` is the URL as GitHub ends it.

    ``in_brackets``: an unclosed ``[`` is open before it, so GitHub does not link it at all
    (cmark-gfm's autolink extension skips text inside a bracket); its end is then also the
    first ``]`` in it, as the writer meant.  ``reversed_link``: it is the text of a link
    written backwards, ``[url](text)``.  ``www``: it is an extended ``www.`` autolink
    (``www.example.com/x``), whose href GitHub writes with ``http://`` before it
    (:attr:`href`).
    """

    start: int
    end: int
    in_brackets: bool = False
    reversed_link: bool = False
    www: bool = False

    def href(self, text: str) -> str:
        """The link's destination as GitHub renders it, for the ``text`` it was found in."""
        url = text[self.start : self.end]
        return f"http://{url}" if self.www else url


def _www_may_start(text: str, start: int, before: str) -> bool:
    """cmark-gfm's ``www_match`` looks at ``www.`` only at the start of the text or after
    white space or one of ``*_~(`` (``before``: the character of the source just before
    ``text``, ``""`` at the start of a paragraph or cell)."""
    previous = text[start - 1] if start > 0 else before
    return not previous or previous.isspace() or previous in _BEFORE_WWW


def find_bare_urls(
    text: str, open_brackets: int = 0, before: str = "", at_end: bool = True
) -> tuple[list[BareUrl], int]:
    """The bare URLs of a piece of plain text, as GitHub's autolink extension (cmark-gfm's
    ``autolink.c``) finds them, and the ``[`` still open at the end.

    Two kinds: an http(s)/ftp URL (not after an ASCII letter; a host character after
    ``://``), and an extended ``www.`` autolink (``www.`` in lower case, at the start or
    after white space or ``*_~(``, with a dot in its host).  Either runs to white space or
    ``<``, then is trimmed by :func:`autolink_end`; the host's last two labels hold no
    ``_``.  A ``www.`` inside ``[`` is not returned: GitHub does not link it and, without
    a scheme, it is no URL the writer meant as one.

    ``open_brackets``: how many ``[`` of the paragraph are open where ``text`` starts (each
    ``]`` closes one, as cmark's bracket stack does).  ``before``: the source character
    just before ``text`` (see :func:`_www_may_start`); ``at_end``: ``text`` ends its
    paragraph or cell (see :func:`_domain_ok`).  Linear in the text's length.
    """
    found: list[BareUrl] = []
    depth = open_brackets
    cursor = 0
    while True:
        match = _AUTOLINK_START.search(text, cursor)
        stop = match.start() if match else len(text)
        for char in text[cursor:stop]:  # a slice: islice would skip from 0 each time
            if char == "[":
                depth += 1
            elif char == "]" and depth:
                depth -= 1
        if match is None:
            return found, depth
        start = match.start()
        www = match["www"] is not None
        if www:
            # In a "[" only as the text of a link written backwards: "[www.x.org](the site)".
            opens = depth > 0 and start > 0 and text[start - 1] == "["
            usable = opens or (depth == 0 and _www_may_start(text, start, before))
            usable = usable and _domain_ok(text, start, allow_short=False, at_end=at_end)
        else:
            usable = _domain_ok(text, match.end(), at_end=at_end)
        if not usable:
            cursor = match.end()
            continue
        end = match.end()
        while end < len(text) and text[end] not in _URL_STOP:
            end += 1
        in_brackets = depth > 0
        if in_brackets:
            close = text.find("]", match.end(), end)
            end = close if close >= 0 else end
        end = autolink_end(text, start, end)
        if end > match.end() or (www and end > start):
            backwards = (
                in_brackets and start > 0 and text[start - 1] == "[" and text.startswith("](", end)
            )
            if not www or backwards or not in_brackets:
                found.append(BareUrl(start, end, in_brackets, backwards, www))
        cursor = max(end, match.end())


def ip_address_of(host: str) -> IPv4Address | IPv6Address | None:
    """The IP address that ``host`` is, read as the WHATWG URL Standard's host parser
    reads it (§3.5 "host parsing"), if it is one; None for a domain.

    - IPv6 (``[...]`` allowed around it) by :mod:`ipaddress`; an IPv4-mapped one
      (``::ffff:127.0.0.1``) is its IPv4 address, which a connection reaches.
    - IPv4 as browsers read it ("IPv4 parser"): one trailing dot dropped, 1 to 4
      parts, each decimal, hex (``0x``) or octal (leading ``0``), the last filling
      the bytes left (``2130706433``, ``0x7f.1``, ``127.1`` are all 127.0.0.1).
      A host whose last part is not a number is a domain; one whose numbers do not
      fit is no address (a browser refuses the URL).
    """
    import ipaddress

    text = host.strip("[]") if host.startswith("[") else host
    if ":" in text:
        try:
            address = ipaddress.IPv6Address(text)
        except ValueError:
            return None
        return address.ipv4_mapped or address
    value = _ipv4_number(text)
    return None if value is None else ipaddress.IPv4Address(value)


def _ipv4_number(host: str) -> int | None:
    """The 32-bit number of an IPv4 host in the WHATWG reading (:func:`ip_address_of`)."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not 1 <= len(parts) <= 4:
        return None
    numbers = [_ipv4_part(part) for part in parts]
    if numbers[-1] is None or any(n is None or n > 255 for n in numbers[:-1]):
        return None
    last = numbers[-1]
    if last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(numbers[:-1]):
        value += (number or 0) << (8 * (3 - index))
    return value


def _ipv4_part(part: str) -> int | None:
    """One part of an IPv4 host (WHATWG "IPv4 number parser"): ``0x``/``0X`` hex (empty
    is 0), a leading ``0`` octal, else decimal; None when it is not a number."""
    digits, base = part, 10
    if part[:2] in ("0x", "0X"):
        digits, base = part[2:], 16
        if not digits:
            return 0
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    allowed = string.hexdigits if base == 16 else string.digits[:base]
    if not digits or any(c not in allowed for c in digits):
        return None
    return int(digits, base)


def host_matches(host: str | None, patterns: tuple[str, ...]) -> bool:
    """Whether ``host`` is one of ``patterns`` or a subdomain of one."""
    if not host or not patterns:
        return False
    return any(host == p or host.endswith("." + p) for p in patterns)


_SPOT_IN_ITEM = re.compile(
    r"(?:issuecomment-|discussion_r|discussioncomment-|pullrequestreview-|event-|r)\d+"
    r"|commits-pushed-[0-9a-f]+|diff-[0-9a-f]+(?:[LR]\d+(?:-[LR]\d+)?)?|L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?|ref-\S+"
)


def points_into_item(url: str) -> bool:
    """Whether a GitHub issue/pull URL's fragment is a spot inside the item (a comment,
    review, review comment, event, pushed commits, cross-reference, file diff or line
    anchor, as GitHub writes them) rather than the item itself: none, ``#issue-…`` (the
    item's opening post, which is the item: its number is the link's), or a part of the
    page (``#partial-timeline``)."""
    _, _, fragment = url.partition("#")
    return bool(fragment) and _SPOT_IN_ITEM.fullmatch(fragment) is not None


def reference_text(repo: str, number: int, default_repo: str | None) -> str:
    """How a GitHub issue or pull is written as link text: ``#N`` or ``owner/repo#N``."""
    if default_repo and repo.lower() == default_repo.lower():
        return f"#{number}"
    return f"{repo}#{number}"


_DESTINATION_STOP = re.compile(r"[)\s]")  # where an inline link's destination ends
_NOT_SPACE = re.compile(r"\S")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*)>")
"""A CommonMark autolink (spec §6.5): ``<``, a scheme of 2 to 32 characters, ``:``, then
no white space, control character, ``<`` or ``>`` up to the closing ``>``.  Group 1: the
URL."""


def inline_links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, label, destination) of each inline link ``[label](dest "title")`` (an
    image's ``![…](…)`` too) of a piece of Markdown source, left to right.

    The label runs to the first ``]``, the destination to ``)`` or white space, and a
    title is double-quoted: the links a meeting note writes, not all of CommonMark's
    (no nested brackets, no ``<dest>``).  Linear in the text: the next ``]``, stop and
    quote are each found once for all the links that share them.
    """
    end = len(text)
    pos = 0
    close = stop = quote = -1  # the next ']', ')'-or-space and '"' found so far
    while (opening := text.find("[", pos)) >= 0:
        if close < opening:
            close = text.find("]", opening)
            if close < 0:
                return
        # Every '[' before this ']' reaches it and fails or matches alike: the first decides.
        start = opening - 1 if opening > pos and text[opening - 1] == "!" else opening
        label = text[opening + 1 : close]
        pos = close + 1
        if text[close + 1 : close + 2] != "(":
            continue
        dest = close + 2
        if stop < dest:
            found = _DESTINATION_STOP.search(text, dest)
            stop = found.start() if found else end
        if stop < end and text[stop] == ")":
            yield start, stop + 1, label, text[dest:stop]
            pos = stop + 1
            continue
        title = _NOT_SPACE.search(text, stop) if stop < end else None
        if title is None or text[title.start()] != '"':
            continue
        if quote <= title.start():
            quote = text.find('"', title.start() + 1)
            if quote < 0:
                quote = end
        if text[quote : quote + 2] == '")':
            yield start, quote + 2, label, text[dest:stop]
            pos = quote + 2


@dataclass(frozen=True)
class TextLink:
    """A link in a piece of Markdown source: ``text[start:end]`` is the link as written.

    ``href``: where it leads (a bare ``www.`` URL with GitHub's ``http://`` before it);
    ``label``: an inline link's text, None for an autolink or a bare URL.
    """

    start: int
    end: int
    href: str
    label: str | None = None


def _autolinks(text: str, start: int, end: int) -> Iterator[TextLink]:
    """The autolinks (:data:`AUTOLINK`) wholly within ``text[start:end]``."""
    for match in AUTOLINK.finditer(text, start, end):
        yield TextLink(match.start(), match.end(), match[1])


@functools.lru_cache(maxsize=1 << 14)
def find_links(text: str) -> tuple[TextLink, ...]:
    """Every link of a piece of Markdown source (a TODO's text), left to right: inline
    links (:func:`inline_links`), autolinks (:data:`AUTOLINK`) and, in the text between
    them, bare URLs with GitHub's extent (:func:`find_bare_urls`: ``…/issues/13,`` ends
    before the comma), a URL inside an unclosed ``[`` included.  The one reader of links
    that a TODO's identity and its issue binding share.  Remembered: a TODO carried over
    is the same text in note after note."""
    written: list[TextLink] = []
    cursor = 0
    for start, end, label, dest in inline_links(text):
        written.extend(_autolinks(text, cursor, start))
        written.append(TextLink(start, end, dest, label))
        cursor = end
    written.extend(_autolinks(text, cursor, len(text)))
    found: list[TextLink] = []
    at = 0
    for link in [*written, None]:
        upto = len(text) if link is None else link.start
        gap = text[at:upto]
        before = text[at - 1] if at else ""
        for url in find_bare_urls(gap, before=before, at_end=link is None)[0]:
            found.append(TextLink(at + url.start, at + url.end, url.href(gap)))
        if link is not None:
            found.append(link)
            at = link.end
    return tuple(found)
