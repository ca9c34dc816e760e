"""Pathological inputs (issue 12, cases S1-S7 and K7): seconds at 100 KB and 1 MB.

Each hostile shape of ``../shared/cases/hostile/README.md`` is grown to about 100 KB
and 1 MB and run through ``notes-lint check --no-cache`` as a user would, in a fresh
repository with the sklearn-weekly preset.  The goal: every case under 1 s per 100 KB
(so about 10 s at 1 MB), and the 1 MB time about ten times the 100 KB one.  The
growth itself is asserted, by counted work and not by time, in tests/test_linear.py.

    python benchmarks/pathological.py            # the table, on stdout
    python benchmarks/pathological.py --markdown # as benchmarks/RESULTS-pathological.md has it
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SK = "extends: sklearn-weekly\npeople:\n  Alice: alice\n"
TODOS = "## 2024-01-01\n\n### Discussion\n\nx\n\n### TODO / Next\n\n"
TEXT = "## 2024-01-01\n\n### Discussion\n\n"
SIZES = {"100 KB": 100_000, "1 MB": 1_000_000}
LIMIT = 120.0  # seconds: a run past this is reported as such


def _fill(head: str, unit: str, tail: str, size: int) -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    "S1 owner list never closed": (SK, lambda n: _fill(TODOS + "- x (", "a and ", "x\n", n)),
    "S2 misplaced headings": (SK, lambda n: _fill("## 2024-01-01\n\n", "#### Alice\n\n", "", n)),
    "S3 spaces in a TODO": (SK, lambda n: _fill(TODOS + "- a", " ", "b (Alice\n", n)),
    "S4 name tags never closed": (SK, lambda n: _fill(TODOS + "- ", "[name=", "\n", n)),
    "S5 URL and closing brackets": (SK, lambda n: _fill(TEXT + "https://a.b/", ")", "\n", n)),
    "S6 entities and emphasis": (SK, lambda n: _fill(TEXT, "*a* &amp; ", "\n", n)),
    "S7 open brackets": (SK, lambda n: _fill(TEXT, "[", "\n", n)),
    "S7 open images": (SK, lambda n: _fill(TEXT, "![", "\n", n)),
    "K7 user pattern, many TODOs": (
        SK + "todos: {due-pattern: '(?:due|by) (?P<date>\\d{4}-\\d{2}-\\d{2})'}\n",
        lambda n: _fill(TODOS, "- " + "x" * 40 + " by 2024-02-0 (Alice)\n", "", n),
    ),
}


def _run(config: str, note: str, folder: Path) -> tuple[float, int]:
    (folder / "notes").mkdir(parents=True)
    (folder / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    (folder / "notes" / "2024-01-01.md").write_text(note, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "notes_lint", "check", "--no-cache"],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=LIMIT,
        )
    except subprocess.TimeoutExpired:
        return LIMIT, -1
    return time.perf_counter() - started, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, (config, make)) in enumerate(CASES.items()):
            cells = []
            for label, size in SIZES.items():
                seconds, code = _run(config, make(size), Path(tmp) / f"{number}-{label[:3]}")
                shown = f">{LIMIT:g}" if code < 0 else f"{seconds:.2f}"
                cells.append(f"{shown} (exit {code})" if code not in (0, 1) else shown)
            rows.append((name, *cells))
    header = ("case", *(f"{label} (s)" for label in SIZES))
    if args.markdown:
        print("## pathological inputs\n")
        print(
            f"`python benchmarks/pathological.py --markdown`; Python {platform.python_version()}, "
        )
        print(
            f"{platform.machine()}, `notes-lint check --no-cache` per case (start-up included).\n"
        )
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        print("pathological inputs")
        print(f"{header[0]:<30} {header[1]:>14} {header[2]:>14}")
        for row in rows:
            print(f"{row[0]:<30} {row[1]:>14} {row[2]:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
