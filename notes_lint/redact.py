"""Keeping a secret out of everything ``sync`` prints, raises or posts (issue 12).

:class:`Redactor` replaces every spelling of a token a message can carry: as
given, stripped of surrounding whitespace, ``repr``-escaped (a trailing newline
printed as ``\\n``), JSON-escaped, percent-encoded (``%2F``, ``+`` for spaces)
and base64-encoded (a Basic ``Authorization`` header), in any letter case.
:func:`redacting_output` routes ``sys.stdout`` and ``sys.stderr`` through it for
the length of a run, so ``print``, ``logging`` and ``warnings`` are covered
without each call site remembering to.  URLs that carry credentials
(``https://user:secret@host``) are spotted by :func:`has_credentials` and shown
by :func:`without_credentials`.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import sys
from collections.abc import Iterator
from typing import TextIO
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

MASK = "***"
# Shorter "secrets" would mask ordinary words; real tokens are 40 characters or more.
_MIN_SECRET = 4


class Redactor:
    """Replaces each spelling of the given secrets with ``***``.

    ``secrets``: the raw values (``None`` and blanks are ignored).  Calling the
    redactor on a string returns it with every occurrence masked; it never raises.
    """

    def __init__(self, *secrets: str | None) -> None:
        spellings: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            for value in {secret, secret.strip()}:
                if len(value) < _MIN_SECRET:
                    continue
                spellings.update(
                    {
                        value,
                        repr(value)[1:-1],
                        json.dumps(value)[1:-1],
                        json.dumps(value, ensure_ascii=False)[1:-1],
                        quote(value, safe=""),
                        quote_plus(value, safe=""),
                        quote(value),
                        base64.b64encode(value.encode("utf-8")).decode("ascii").rstrip("="),
                    }
                )
        # Longest first, so a spelling that contains another is masked whole.
        ordered = sorted((s for s in spellings if s), key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(s) for s in ordered), re.IGNORECASE) if ordered else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)

    def __bool__(self) -> bool:
        return self._pattern is not None


class _RedactingStream:
    """A text stream that masks secrets in everything written through it."""

    def __init__(self, stream: TextIO, redactor: Redactor) -> None:
        self._stream = stream
        self._redactor = redactor

    def write(self, text: str) -> int:
        self._stream.write(self._redactor(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def redacting_output(redactor: Redactor) -> Iterator[None]:
    """Mask the secrets in all that is written to stdout and stderr inside the block."""
    if not redactor:
        yield
        return
    out, err = sys.stdout, sys.stderr
    sys.stdout = _RedactingStream(out, redactor)
    sys.stderr = _RedactingStream(err, redactor)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def has_credentials(url: str) -> bool:
    """Whether ``url`` names a user or password before its host (``scheme://user:pw@host``)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "@" in url
    return "@" in parts.netloc


def without_credentials(url: str) -> str:
    """``url`` with any ``user:password@`` removed, for messages; unparsable URLs are masked."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return MASK
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
