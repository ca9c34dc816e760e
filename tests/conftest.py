"""Shared fixtures: the repository's folders, the shared corpus, config builders; and
the hook that fails a skip of a test that must run (``NOTES_LINT_REQUIRE``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

import pytest

from notes_lint.config import Config, config_from_mapping
from notes_lint.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
CMARKGFM_MISSING = "cmarkgfm (a dev dependency) renders as GitHub"

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


# What a skip's reason says is missing, by the name NOTES_LINT_REQUIRE gives it.  Every
# skip for a missing ../shared says "../shared", the browser test's says "chromium", a
# missing dev extra's says "dev dependency" or "server extra", pre-commit's "git is not",
# the GitHub Action's "bash is needed".
MUST_RUN: dict[str, tuple[str, ...]] = {
    "shared": ("../shared",),
    "browser": ("chromium",),
    "deps": ("dev dependency", "server extra"),
    "git": ("git is not installed",),
    "bash": ("bash is needed",),
}


def required() -> set[str]:
    """The kinds of test that must run, from ``NOTES_LINT_REQUIRE`` (comma-separated names
    of :data:`MUST_RUN`, or ``all``); empty when unset, as on a developer's machine."""
    names = {n.strip() for n in os.environ.get("NOTES_LINT_REQUIRE", "").split(",") if n.strip()}
    if "all" in names:
        return set(MUST_RUN)
    unknown = names - set(MUST_RUN)
    if unknown:
        raise pytest.UsageError(
            f"NOTES_LINT_REQUIRE: unknown {', '.join(sorted(unknown))}; "
            f"known: all, {', '.join(MUST_RUN)}"
        )
    return names


def pytest_configure(config: pytest.Config) -> None:
    required()  # an unknown name stops the run at once


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skip of a test that must run (its reason names what NOTES_LINT_REQUIRE requires)
    becomes a failure: CI (``.ci/run``) has ../shared, chromium and the dev extras, so
    such a skip there means a test silently stopped running."""
    report: pytest.TestReport = yield
    _fail_required_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """The same for a whole module that skips while it is imported
    (``pytest.importorskip`` at its top: the language-server and cmarkgfm modules)."""
    report: pytest.CollectReport = yield
    _fail_required_skip(report)
    return report


def _fail_required_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2])
    for kind in sorted(required()):
        if any(needle in reason for needle in MUST_RUN[kind]):
            report.outcome = "failed"
            report.longrepr = (
                f"{report.nodeid}: skipped, but NOTES_LINT_REQUIRE={kind} says it must run: "
                f"{reason}"
            )
            return


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


def found(diagnostics: Iterable[Diagnostic], code: str) -> list[tuple[int, int]]:
    """(line, col) of every diagnostic with ``code``, in order."""
    return [(d.line, d.col) for d in diagnostics if d.code == code]


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    """The one diagnostic with ``code``; fails the test if there are none or several."""
    hits = [d for d in diagnostics if d.code == code]
    assert len(hits) == 1, diagnostics
    return hits[0]


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> str:
    """``text`` with the fixes of ``diagnostics`` applied right to left: one-line edits,
    each checked to replace the text it says it replaces (``Edit.old``)."""
    lines = text.split("\n")
    edits = sorted((e for d in diagnostics if d.fix for e in d.fix), key=lambda e: (e.line, e.col))
    for edit in reversed(edits):
        assert edit.line == edit.end_line
        line = lines[edit.line - 1]
        assert line[edit.col - 1 : edit.end_col - 1] == edit.old
        lines[edit.line - 1] = line[: edit.col - 1] + edit.text + line[edit.end_col - 1 :]
    return "\n".join(lines)


def github_html(text: str) -> str:
    """The HTML GitHub renders for ``text``: cmark-gfm's GFM (``cmarkgfm``, a dev
    dependency; the test skips without it), raw HTML kept as GitHub keeps ``<a>``."""
    cmarkgfm = pytest.importorskip("cmarkgfm", reason=CMARKGFM_MISSING)
    unsafe = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
    return str(cmarkgfm.github_flavored_markdown_to_html(text, options=unsafe))


def hrefs(html: str) -> list[str]:
    """The ``href`` of every ``<a>`` in ``html``, in order."""
    return re.findall(r'<a href="([^"]*)"', html)


# The fake GitHub REST server and its ``github_server`` fixture (tests/fake_github.py); the
# language-server tests' LSP ``client`` fixture (tests/lsp_client.py) where pytest-lsp, a
# dev dependency, is installed (without it the server modules skip, saying so).
pytest_plugins = ["fake_github"]
try:
    import pytest_lsp  # noqa: F401
except ImportError:
    pass
else:
    pytest_plugins.append("lsp_client")
