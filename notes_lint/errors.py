"""Errors that stop a run before any note is linted (exit code 2)."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command-line use or an unreadable/invalid configuration.

    ``problems`` holds one line per problem so the CLI can print each on its own.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def lines(self) -> list[str]:
        return [str(self), *(f"  {p}" for p in self.problems)]


class ConfigError(UsageError):
    """The configuration cannot be loaded or does not match its schema.

    Every problem is one line of the same shape, ``FILE[:LINE:COL]: KEY: what``
    (:mod:`notes_lint.configpos`): the message is the first, ``problems`` the others,
    none of them indented (:meth:`lines`)."""

    def lines(self) -> list[str]:
        return [str(self), *self.problems]


MAX_DESCRIPTION = 300
"""Characters of an unexpected exception's message shown on its one line."""


def printable(text: str) -> str:
    """``text`` with each character that does not print (a newline, a lone surrogate)
    written as its Python escape, so it stays one line on any stream."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def describe(error: BaseException) -> str:
    """One line for an unexpected exception: its type and message, cut to a readable length.

    Characters that do not print (a newline in a file name, a lone surrogate) are
    escaped, so the line stays one line and can be written to any stream.
    """
    message = str(error)
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    from notes_lint.truncate import truncate

    return truncate(printable(text), MAX_DESCRIPTION)


class InternalError(Exception):
    """An unexpected failure of notes-lint while handling ``path`` (exit code 2, one line)."""

    def __init__(self, path: str | None, error: BaseException) -> None:
        where = f"{path}: " if path else ""
        super().__init__(f"{where}internal error ({describe(error)}); please report it")
        self.path = path
