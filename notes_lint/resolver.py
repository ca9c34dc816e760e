"""Which config applies to each note: the nearest one from the note's folder upward.

As ruff's resolver and markdownlint-cli2 do, one run can hold several configs:
a note uses the nearest ``.notes-lint.yaml`` / ``.notes-lint.yml`` /
``.notes-lint.toml`` / ``pyproject.toml`` with ``[tool.notes-lint]`` (see
:data:`notes_lint.config.CONFIG_NAMES`, in that order of preference within one
folder) from its own folder upward.  The search stops at the repository root
(the nearest folder holding ``.git``); a note with no config on that way uses
the *base* config: the one found from the folder the run starts in, upward
(as before there were several), else the bundled defaults.  ``--config FILE``
(``forced``) makes one config apply to every note.

Each folder's answer is remembered, so a run over an archive looks for config
files once per folder, and each config file is loaded once.  A config's
``include``/``exclude`` are relative to its own folder (:mod:`notes_lint.discovery`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from notes_lint.config import CONFIG_NAMES, Config, load_config, pyproject_has_table
from notes_lint.errors import InternalError, UsageError


def _load(path: Path | None, cwd: Path) -> Config:
    """The config at ``path`` (or found from ``cwd``); an unexpected failure names the file."""
    try:
        return load_config(path, cwd=cwd)
    except UsageError:
        raise
    except Exception as error:
        raise InternalError(str(path or "the config"), error) from None


def _config_file_in(folder: str) -> Path | None:
    """The config file of ``folder`` itself, if it has one (pyproject only with our table)."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if not os.path.isfile(candidate):
            continue
        if name != "pyproject.toml" or pyproject_has_table(Path(candidate)):
            return Path(candidate)
    return None


class Resolver:
    """Maps a note's path to its :class:`Config` (see the module docstring).

    ``cwd`` is the folder the run starts in (default: the current directory);
    ``forced`` is a config file that applies to every note (``--config``).  A
    config that cannot be loaded raises :class:`~notes_lint.errors.ConfigError`
    (exit code 2) when a note first needs it.  Instances can be sent to worker
    processes (``--jobs``): they hold only paths and configs.
    """

    def __init__(
        self,
        cwd: Path | None = None,
        forced: Path | None = None,
        adjust: Callable[[Config], None] | None = None,
    ) -> None:
        self.cwd = (cwd or Path.cwd()).absolute()
        self.forced = forced is not None
        # Run-wide overrides (``--select``/``--ignore``) made to every config when loaded;
        # a picklable callable, as the resolver goes to worker processes.
        self.adjust = adjust
        self.base = self._adjusted(_load(forced, self.cwd))
        self._by_file: dict[str, Config] = {}  # config file (resolved) -> its config
        if self.base.source is not None:
            self._by_file[os.path.realpath(self.base.source)] = self.base
        self._by_folder: dict[str, Config] = {}  # folder (absolute) -> the config it uses

    @classmethod
    def fixed(cls, config: Config) -> Resolver:
        """A resolver that gives ``config`` for every note (a library caller's one config)."""
        resolver = cls.__new__(cls)
        resolver.cwd = config.root
        resolver.forced = True
        resolver.adjust = None
        resolver.base = config
        resolver._by_file = {}
        resolver._by_folder = {}
        return resolver

    def config_for(self, path: Path | str) -> Config:
        """The config of the note at ``path`` (a file; relative to the current directory)."""
        if self.forced:
            return self.base
        return self.config_of_folder(os.path.dirname(os.path.abspath(path)))

    def config_of_folder(self, folder: Path | str) -> Config:
        """The config that notes directly in ``folder`` use."""
        if self.forced:
            return self.base
        start = os.path.abspath(folder)
        walked: list[str] = []
        here = start
        found: Config | None = None
        while True:
            known = self._by_folder.get(here)
            if known is not None:
                found = known
                break
            walked.append(here)
            config_file = _config_file_in(here)
            if config_file is not None:
                found = self._config_file(config_file)
                break
            parent = os.path.dirname(here)
            if parent == here or os.path.exists(os.path.join(here, ".git")):
                break  # the repository root (or the file system's): the base config applies
            here = parent
        result = found or self.base
        for folder_seen in walked:
            self._by_folder[folder_seen] = result
        return result

    def _config_file(self, path: Path) -> Config:
        key = os.path.realpath(path)
        config = self._by_file.get(key)
        if config is None:
            config = self._by_file[key] = self._adjusted(_load(path, path.parent))
        return config

    def _adjusted(self, config: Config) -> Config:
        if self.adjust is not None:
            self.adjust(config)
        return config

    def configs(self) -> list[Config]:
        """Every config loaded so far, the base config first."""
        out = [self.base]
        for config in (*self._by_file.values(), *self._by_folder.values()):
            if all(config is not seen for seen in out):
                out.append(config)
        return out


def as_resolver(config: Config | Resolver) -> Resolver:
    """``config`` as a resolver: a single :class:`Config` applies to every note."""
    return config if isinstance(config, Resolver) else Resolver.fixed(config)
