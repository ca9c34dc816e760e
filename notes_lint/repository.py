"""The repository in effect: the one GitHub repository that ``#N`` in a note means and
that ``sync`` opens its issues in.

One precedence, used by every command (README, "Follow-up issues on GitHub"):

1. ``--repo OWNER/NAME`` (``todos``, ``report``, ``new``, ``sync``:
   :func:`notes_lint.commands.common.add_repo_argument`);
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
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notes_lint.errors import UsageError, printable
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
    *,
    target: bool = True,
) -> Repository | None:
    """The repository in effect (module docstring), or None when no source sets one.

    ``option``: the ``--repo`` value, if the command has one; ``environment``: the
    variables to read ``GITHUB_REPOSITORY`` from (``os.environ``), or None to read none.

    Raises :class:`UsageError` naming the source when the first value set is not
    ``OWNER/NAME`` (:data:`notes_lint.urls.REPOSITORY`), and for ``--repo`` given
    empty or blank ("--repo is empty").  An empty ``github.repo`` or
    ``links.default-repo`` is a config error too (the schema refuses it; a config
    built by hand is refused here alike).  An empty ``GITHUB_REPOSITORY`` counts as
    unset, as the shell's habit is.  ``target``: whether the repository is where the
    command acts (``sync``); when it is not, a ``GITHUB_REPOSITORY`` that is not
    ``OWNER/NAME`` only binds no ``#N`` and is ignored (a warning on stderr), as the
    editor server does.
    """
    if option is not None and not option.strip():
        raise UsageError("--repo is empty: give OWNER/NAME")
    github_repo = config.github.get("repo")
    for value, source in (
        (option, "--repo"),
        (github_repo if isinstance(github_repo, str) else None, "github.repo"),
        (config.links.default_repo, "links.default-repo"),
    ):
        if value is None:
            continue
        text = value.strip()
        if not is_repository(text):
            raise UsageError(f"{source} must be OWNER/NAME, not {text!r}")
        return Repository(text, source)
    text = (environment.get(ENVIRONMENT_VARIABLE) or "").strip() if environment is not None else ""
    if not text:
        return None
    if not is_repository(text):
        if target:
            raise UsageError(f"{ENVIRONMENT_VARIABLE} must be OWNER/NAME, not {text!r}")
        print(
            f"notes-lint: warning: {ENVIRONMENT_VARIABLE} is not OWNER/NAME ({printable(text)!r}):"
            " ignored, so no #N is bound to an issue",
            file=sys.stderr,
        )
        return None
    return Repository(text, ENVIRONMENT_VARIABLE)


def run_repository(
    config: Config, option: str | None = None, *, target: bool = False
) -> str | None:
    """:func:`repository_in_effect` for a command run, reading the process's environment:
    its ``OWNER/NAME`` or None.  ``target``: the command acts on the repository (``sync``)."""
    found = repository_in_effect(config, option, os.environ, target=target)
    return found.name if found else None
