"""The note cache before and after a change: a seen archive (warm) and a new one (cold).

For each archive and each tree (``--tree NAME=PATH``, run with ``PYTHONPATH=PATH``)
it times ``check --format json`` and ``todos --format json``

- cold: an empty cache folder before every run (a new archive, a new machine);
- warm: after one untimed run that filled the folder (an archive seen before),

and reports the median wall time of ``--runs`` runs and the size on disk of the
parsed-note table (``notes.sqlite3`` and its WAL file) after a warm run.  Rounds
alternate between the trees, so load on a shared machine falls on both.

Issue 18 (the model and the cache on msgspec), on the 2-core machine shared with
other jobs, ``--runs 3``; before = the JSON codec generated from type hints
(commit 06bdc4d), after = msgspec MessagePack decoded to the typed Structs:

| archive | command | before cold | after cold | before warm | after warm | cache before | cache after |
|---|---|---|---|---|---|---|---|
| openjs-cpc | check | 14.15 s | 11.03 s | 2.83 s | 2.07 s | 1104 KiB | 1244 KiB |
| openjs-cpc | todos | 10.21 s | 9.22 s | 1.06 s | 0.91 s | 1100 KiB | 1232 KiB |
| rust-lang-team | check | 6.90 s | 4.88 s | 1.54 s | 1.39 s | 2288 KiB | 2544 KiB |
| rust-lang-team | todos | 4.88 s | 4.43 s | 0.36 s | 0.28 s | 2260 KiB | 2520 KiB |

(median of 3 runs each, 2026-12-04, load falling from 7 to 1 during the run;
"cache" is ``notes.sqlite3`` with its WAL file after the warm run.)  Warm runs
(a seen archive) were 10-27 % faster, cold runs (a new archive) 9-29 % (encoding
a parsed model for the cache costs less; the machine's load, shared with other
jobs, weighs on these figures too: read them as a direction, not a ratio).  In process, decoding all 384 corpus
models takes 0.78 s with msgspec against 1.55 s with the old codec, encoding
0.30 s against 1.22 s.  The stored models are about 12 % larger (MessagePack
maps name their fields; 2.43 MB against 2.18 MB for rust-lang-team).

The figures of the last run are in ``benchmarks/RESULTS-cache.md``.

    python benchmarks/bench_cache.py --tree before=/tmp/old --tree after=. \\
        /work/shared/corpus/openjs-cpc:benchmarks/gold/openjs-cpc.notes-lint.yaml
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "check": ["check", "--format", "json"],
    "todos": ["todos", "--format", "json", "--today", "2030-01-01"],
}


def _run(tree: Path, cache: Path, config: str, args: list[str], folder: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "NOTES_LINT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "notes_lint", "--config", config, *args, folder],
        env=env,
        cwd=cache.parent,  # not a tree: ``-m`` puts the working folder first on sys.path
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def _size(cache: Path) -> int:
    return sum(p.stat().st_size for p in cache.glob("notes.sqlite3*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", nargs="+", help="FOLDER:CONFIG")
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (t.split("=", 1) for t in args.tree)]
    rows = []
    for archive in args.archives:
        folder, config = (str(Path(part).resolve()) for part in archive.rsplit(":", 1))
        for command, argv in COMMANDS.items():
            times: dict[tuple[str, str], list[float]] = {}
            sizes: dict[str, int] = {}
            for _ in range(args.runs):
                for name, tree in trees:
                    with tempfile.TemporaryDirectory() as tmp:
                        cache = Path(tmp) / "cache"
                        times.setdefault((name, "cold"), []).append(
                            _run(tree, cache, config, argv, folder)
                        )
                        times.setdefault((name, "warm"), []).append(
                            _run(tree, cache, config, argv, folder)
                        )
                        sizes[name] = _size(cache)
                        shutil.rmtree(cache, ignore_errors=True)
            cells = [
                f"{statistics.median(times[(n, k)]):.2f} s"
                for k in ("cold", "warm")
                for n, _ in trees
            ]
            cells += [f"{sizes[n] / 1024:.0f} KiB" for n, _ in trees]
            rows.append(f"| {Path(folder).name} | {command} | " + " | ".join(cells) + " |")
    names = [n for n, _ in trees]
    head = (
        [f"{n} cold" for n in names] + [f"{n} warm" for n in names] + [f"cache {n}" for n in names]
    )
    print("| archive | command | " + " | ".join(head) + " |")
    print("|---|---|" + "---|" * len(head))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
