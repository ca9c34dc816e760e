"""The README's first command: checking examples/ shows exactly the planted mistakes."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import EXAMPLES, ROOT

PLANTED = {
    (2, "NL402"),
    (5, "NL102"),
    (7, "NL109"),
    (9, "NL201"),
    (10, "NL203"),
    (14, "NL204"),
    (15, "NL202"),
    (19, "NL301"),
    (20, "NL302"),
}


def test_examples_show_the_planted_mistakes_and_nothing_else() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "notes_lint",
            "check",
            "--config",
            str(EXAMPLES / ".notes-lint.yaml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    found = set()
    for line in result.stdout.splitlines():
        match = re.match(r"^(.+?):(\d+):(\d+): (NL\d{3}) ", line)
        assert match, line
        assert match[1] == "examples/notes/2024/2024-03-19.md", line
        found.add((int(match[2]), match[4]))
    assert found == PLANTED
    assert "7 errors, 2 warnings in 3 files" in result.stderr
