"""The repository in effect: the one GitHub repository that ``#N`` in a note means and
that ``sync`` opens its issues in.

One precedence, used by every command (README, "Follow-up issues on GitHub"):

1. ``--repo OWNER/NAME`` (``sync``);
2. ``github.repo`` in the config;
3. ``links.default-repo`` in the config;
4. the ``GITHUB_REPOSITORY`` environment variable (set by GitHub Actions).

The first one set wins.  ``check`` reads only the config's two (its findings and
fixes do not depend on where it runs); ``todos``, ``report``, ``new``, ``sync`` and the
editor server read all four, so a TODO is bound to an issue of the repository
that ``sync`` opens issues in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notes_lint.errors import UsageError
from notes_lint.urls import is_repository

if TYPE_CHECKING:
    from notes_lint.config import Config

ENVIRONMENT_VARIABLE = "GITHUB_REPOSITORY"


@dataclass(frozen=True)
class Repository:
    """``name``: ``OWNER/NAME`` as written; ``source``: where it came from (``--repo``,
    ``github.repo``, ``links.default-repo`` or ``GITHUB_REPOSITORY``), for messages."""

    name: str
    source: str


def repository_in_effect(
    config: Config,
    option: str | None = None,
    environment: Mapping[str, str] | None = None,
) -> Repository | None:
    """The repository in effect (module docstring), or None when no source sets one.

    ``option``: the ``--repo`` value, if the command has one; ``environment``: the
    variables to read ``GITHUB_REPOSITORY`` from (``os.environ``), or None to read none.
    An empty value counts as unset.  Raises :class:`UsageError` naming the source when
    the first value set is not ``OWNER/NAME`` (:data:`notes_lint.urls.REPOSITORY`).
    """
    github_repo = config.github.get("repo")
    candidates = (
        (option, "--repo"),
        (github_repo if isinstance(github_repo, str) else None, "github.repo"),
        (config.links.default_repo, "links.default-repo"),
        (
            environment.get(ENVIRONMENT_VARIABLE) if environment is not None else None,
            ENVIRONMENT_VARIABLE,
        ),
    )
    for value, source in candidates:
        text = (value or "").strip()
        if not text:
            continue
        if not is_repository(text):
            raise UsageError(f"{source} must be OWNER/NAME, not {text!r}")
        return Repository(text, source)
    return None


def run_repository(config: Config, option: str | None = None) -> str | None:
    """:func:`repository_in_effect` for a command run, reading the process's environment:
    its ``OWNER/NAME`` or None."""
    found = repository_in_effect(config, option, os.environ)
    return found.name if found else None
