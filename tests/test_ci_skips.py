"""``NOTES_LINT_REQUIRE`` (set by ``.ci/run``) turns the skip of a test that must run into
a failure: a test inside a module, and a whole module that skips on import (issue 18, "no
test skipped in CI").  Each run is a real pytest run of small test files with this suite's
conftest loaded as a plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

TESTS = {
    "test_module_skip.py": (
        "import pytest\n"
        'pytest.importorskip("no_such_module_here", reason="no_such is a dev dependency")\n'
        "def test_never() -> None:\n    pass\n"
    ),
    "test_inner_skip.py": (
        "import pytest\n"
        "def test_corpus() -> None:\n"
        '    pytest.skip("the corpus is absent: a fresh clone has no ../shared")\n'
        "def test_fine() -> None:\n    pass\n"
    ),
}


def _pytest(folder: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NOTES_LINT_REQUIRE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tests"), env.get("PYTHONPATH")]))
    if require is not None:
        env["NOTES_LINT_REQUIRE"] = require
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-rs"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in TESTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_without_the_variable_both_skips_stay_skips(folder: Path) -> None:
    result = _pytest(folder, None)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout


def test_a_required_module_that_skips_on_import_stops_the_run(folder: Path) -> None:
    result = _pytest(folder, "all")
    assert result.returncode != 0
    out = result.stdout
    assert "test_module_skip.py: skipped, but NOTES_LINT_REQUIRE=deps says it must run" in out
    assert "Interrupted: 1 error during collection" in out


def test_a_required_test_that_skips_fails_and_only_the_named_kinds_are_required(
    folder: Path,
) -> None:
    result = _pytest(folder, "shared")
    assert result.returncode == 1
    out = result.stdout
    assert "test_corpus: skipped, but NOTES_LINT_REQUIRE=shared says it must run" in out
    assert "1 failed, 1 passed, 1 skipped" in out  # the module's skip is not required here
