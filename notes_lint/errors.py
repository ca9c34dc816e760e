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
    """The configuration cannot be loaded or does not match its schema."""
