"""The bundled presets do what their documentation (README, Presets) says they do."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

SKLEARN_NOTE = """## September 14th, 2021

### Julien

- reviewed #20254

### Discussion

- presence days

### TODO / Next

- Release 1.0 (Guillaume)
- (Julien) close the performance gap
- Olivier: update the roadmap
- [name=Thomas] write the changelog
- @jjerphan rebase the branch
- (Julien):
    - benchmark the new solver
- Adrin to review the pull request
"""


def test_sklearn_weekly_reads_the_owner_forms_it_documents(tmp_path: Path) -> None:
    """README, Presets: `(Name)` at the end or the start, `Name:`, `[name=Name]`,
    `@login`, an owner-only item over its children; not `Name to …` (README, TODOs and
    owners: add `name-to` for notes written that way)."""
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (tmp_path / "2021-09-14.md").write_text(SKLEARN_NOTE, encoding="utf-8")
    dumped = run_cli("dump", "2021-09-14.md", cwd=tmp_path)
    assert dumped.returncode == 0, dumped.stderr
    owners = [todo["owner"] for todo in json.loads(dumped.stdout)["todos"]]
    assert owners == ["Guillaume", "Julien", "Olivier", "Thomas", "jjerphan", "Julien", None]
