"""Shared fixtures: the repository's folders, the shared corpus, config builders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from notes_lint.config import Config, config_from_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"

# A team on the sklearn-weekly preset with a roster (the ledger and report tests' team).
TEAM_CONFIG = """\
extends: sklearn-weekly
people:
  Guillaume: glemaitre
  Julien: jjerphan
  Loïc: null
links:
  default-repo: acme/tools
"""


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The run's own cache folder (and every CLI it starts): the user's stays untouched."""
    if "NOTES_LINT_CACHE_DIR" not in os.environ:
        os.environ["NOTES_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def make_config(data: dict[str, Any] | None = None, root: Path | None = None) -> Config:
    """A config as if ``data`` were the team's config file in ``root``."""
    return config_from_mapping(dict(data or {}), root or ROOT, "test config")


def write_team(folder: Path, config: str, notes: dict[str, str]) -> Path:
    """A team's folder: ``config`` as its ``.notes-lint.yaml`` and ``notes`` (relative
    path -> text), folders made as needed."""
    (folder / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    for name, text in notes.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}): a fresh clone has no ../shared")
    return CORPUS


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m notes_lint`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "notes_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


# The fake GitHub REST server and its ``github_server`` fixture (tests/fake_github.py).
pytest_plugins = ["fake_github"]
