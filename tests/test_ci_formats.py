"""Pull-request outputs: SARIF 2.1.0, JUnit, GitHub annotations with a step summary, action.yml."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import CORPUS, EXAMPLES, ROOT, run_cli

SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
THIRTY = "## 2021-09-14\n\n### Discussion\n\n- x\n\n### TODO / Next\n\n" + "".join(
    f"- Task number {n}\n" for n in range(30)
)


def sarif_of(*args: str, cwd: Path) -> dict[str, Any]:
    result = run_cli("check", "--format", "sarif", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_sarif_of_the_examples_validates_and_locates_each_finding() -> None:
    log = sarif_of("--config", str(EXAMPLES / ".notes-lint.yaml"), cwd=ROOT)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:3] == ["NL101", "NL102", "NL103"]
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning"}
    located = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    }
    assert ("NL109", "examples/notes/2024/2024-03-19.md", 7) in located
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    fixed = [r for r in run["results"] if r["ruleId"] == "NL201"]
    assert fixed and fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"]


def test_sarif_of_the_corpus_validates(corpus: Path) -> None:
    log = sarif_of(str(corpus / "openjs-cpc" / "meetings"), cwd=corpus / "openjs-cpc")
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert len(log["runs"][0]["results"]) > 100


def test_junit_has_a_case_per_file_and_a_failure_per_error() -> None:
    result = run_cli(
        "check", "--format", "junit", "--config", str(EXAMPLES / ".notes-lint.yaml"), cwd=ROOT
    )
    suites = ET.fromstring(result.stdout)
    cases = suites.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [
        "examples/notes/2024/2024-03-05.md",
        "examples/notes/2024/2024-03-12.md",
        "examples/notes/2024/2024-03-19.md",
    ]
    failures = cases[2].findall("failure")
    assert len(failures) == 7 == int(suites.get("failures", "0"))
    assert all(f.get("type", "").startswith("NL") for f in failures)
    assert not cases[0].findall("failure")


def test_github_format_writes_every_finding_to_the_step_summary(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (notes / "2021-09-14.md").write_text(THIRTY, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_cli(
        "check", "--format", "github", cwd=notes, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 30
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### notes-lint")
    rows = [line for line in text.splitlines() if line.startswith("| `2021-09-14.md:")]
    assert len(rows) == 30
    assert all("| NL301 | error |" in row for row in rows)


def test_without_the_variable_no_summary_is_written(tmp_path: Path) -> None:
    (tmp_path / "2021-09-14.md").write_text(THIRTY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    result = subprocess.run(
        [sys.executable, "-m", "notes_lint", "check", "--format", "github"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "2021-09-14.md"]


def test_action_yml_is_a_composite_action_with_the_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "config", "format", "sync", "token", "cache"}
    cache_dirs = set()
    for step in action["runs"]["steps"]:
        if "uses" in step:  # the one action it uses: the cache of parsed notes, as an option
            assert step["uses"].startswith("actions/cache@")
            assert step["if"] == "${{ inputs.cache == 'true' }}"
            cache_dirs.add(step["with"]["path"])
            continue
        # Inputs go through env: pasting ${{ inputs.x }} into a script is an injection hole.
        assert "${{ inputs." not in step["run"]
        assert step["shell"] == "bash"
        if 'notes-lint"' in step["run"] or "notes-lint-venv/bin/notes-lint" in step["run"]:
            cache_dirs.add(step["env"]["NOTES_LINT_CACHE_DIR"])
    assert cache_dirs == {"${{ runner.temp }}/notes-lint-cache"}  # saved where notes-lint writes
    (sync,) = [s for s in action["runs"]["steps"] if s.get("name") == "Follow up the TODOs"]
    assert "!cancelled()" in sync["if"] and "exit-code == '1'" in sync["if"]


def _expand(value: str, inputs: dict[str, str], action_path: Path, runner_temp: str) -> str:
    value = value.replace("${{ github.action_path }}", str(action_path))
    value = value.replace("${{ runner.temp }}", runner_temp)
    return re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: inputs[m[1]], value)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is needed to run the action's steps")
def test_the_action_installs_from_its_checkout_and_checks(tmp_path: Path) -> None:
    """Run the composite action's steps the way the runner does, with a throwaway runner env."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workspace = tmp_path / "workspace"
    shutil.copytree(EXAMPLES, workspace)
    runner = {
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_PATH": str(tmp_path / "path.txt"),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    Path(runner["RUNNER_TEMP"]).mkdir()
    inputs = {
        "paths": "  notes\n\n",  # one per line: blank lines and edge spaces are dropped
        "config": ".notes-lint.yaml",
        "format": "github",
        "sync": "false",
        "token": "",
        "cache": "true",
    }
    statuses = []
    for step in action["runs"]["steps"]:
        if ("if" in step and "sync" in step["if"]) or "uses" in step:
            continue  # the sync needs GitHub; actions/cache needs the runner
        env = {**os.environ, **runner}
        env.update(
            {
                k: _expand(str(v), inputs, ROOT, runner["RUNNER_TEMP"])
                for k, v in step.get("env", {}).items()
            }
        )
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        statuses.append(done.returncode)
        if step.get("id") == "check":
            assert "::error file=notes/2024/2024-03-19.md,line=7,col=5,title=NL109::" in done.stdout
    assert statuses == [0, 1]
    assert (Path(runner["RUNNER_TEMP"]) / "notes-lint-cache" / "notes.sqlite3").is_file()
    assert "exit-code=1" in Path(runner["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
    assert "### notes-lint" in Path(runner["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def test_ci_doc_shows_the_action_pip_and_pre_commit_ci() -> None:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    assert "uses: OWNER/notes-lint@v1" in doc
    # Not on PyPI: every install line takes the repository at a tag, never a package index.
    assert 'pip install "notes-lint @ git+https://github.com/OWNER/notes-lint@v0.1.0"' in doc
    assert not re.search(r"pip install notes-lint\b(?! @)", doc)
    # SARIF upload needs its permission; the sync runs after a check that found errors.
    assert "security-events: write" in doc
    assert "pre-commit.ci" in doc


def test_corpus_constant_is_shared() -> None:
    assert CORPUS.name == "corpus"
