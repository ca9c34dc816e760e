#!/usr/bin/env python3
"""Benchmark notes-lint against its peers (issue 6): `python benchmarks/run.py`.

Generates a deterministic synthetic corpus of weekly meeting notes (1 / 100 /
1,000 / 10,000 notes, one 5 MB note, one 10 MB note) in a cache folder, runs
`notes-lint check`, `notes-lint todos --format json` and, when installed,
markdownlint-cli2, PyMarkdown (and with --mdformat, `mdformat --check`) on the
same files in alternating rounds (A B C A B C ...), and writes medians, min-max,
CPU time, peak RSS and the ratios of issue 6 to benchmarks/RESULTS.md.

    python benchmarks/run.py                 # the full run (about an hour on 2 cores)
    python benchmarks/run.py --quick         # a smoke run, under a minute
    python benchmarks/run.py --corpus ../shared/corpus --config my-notes-lint.yaml

Peers: `bash benchmarks/setup.sh` installs them into benchmarks/.tools/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_corpus
import bench_tools
from bench_measure import RunResult, run_measured
from bench_tools import Target, Tool

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MIB = 1024 * 1024

# Notes that notes-lint's default `include` leaves out; used to pick the real notes.
NOT_NOTES = {
    "readme.md",
    "changelog.md",
    "license.md",
    "contributing.md",
    "code_of_conduct.md",
    "security.md",
    "template.md",
}


# -- cases -------------------------------------------------------------------


@dataclass
class Case:
    key: str
    label: str
    series: str  # cases of one series grow in size: a tool over the cap is not run on the next
    runs: int
    make: str  # how to build it: "notes:N", "note:N" (one note of N bytes), "big:N", "real:*"
    ours_only: bool = False
    target: Target | None = None
    n_files: int = 0
    total_bytes: int = 0


def synthetic_cases(args: argparse.Namespace) -> list[Case]:
    n = args.runs
    if args.quick:
        return [
            Case("1", "1 note", "notes", n, "note:4000"),
            Case("20", "20 notes", "notes", n, "notes:20"),
            Case("0.2mb", "one 0.2 MB note", "big", 1, "big:200000"),
        ]
    cases = [
        Case("1", "1 note", "notes", n, "note:4000"),
        Case("100", "100 notes", "notes", n, "notes:100"),
        Case("1000", "1,000 notes", "notes", min(n, 3), "notes:1000"),
        Case("10000", "10,000 notes", "notes", min(n, 2), "notes:10000"),
        Case("5mb", "one 5 MB note", "big", min(n, 3), "big:5000000"),
    ]
    if not args.no_10mb:
        cases.append(
            Case(
                "10mb",
                "one 10 MB note",
                "big",
                min(n, 3),
                "big:10000000",
                ours_only=not args.peers_on_10mb,
            )
        )
    if args.cases:
        wanted = set(args.cases.split(","))
        unknown = wanted - {c.key for c in cases}
        if unknown:
            raise SystemExit(
                f"unknown case(s) {sorted(unknown)}: choose from {[c.key for c in cases]}"
            )
        cases = [c for c in cases if c.key in wanted]
    return cases


def real_cases(args: argparse.Namespace) -> list[Case]:
    return [
        Case("real-1", "1 real note (median size)", "real", args.runs, "real:1"),
        Case("real-all", "all real notes", "real", min(args.runs, 3), "real:all"),
    ]


def real_notes(root: Path) -> list[Path]:
    out: list[Path] = []
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if any(p.startswith(".") or p == "node_modules" for p in rel.parts[:-1]):
            continue
        if path.name.lower() in NOT_NOTES:
            continue
        out.append(rel)
    return out


def build_case(case: Case, work: Path, corpus: Path | None) -> None:
    kind, _, arg = case.make.partition(":")
    if kind == "real":
        assert corpus is not None
        files = real_notes(corpus)
        if not files:
            raise SystemExit(f"no Markdown notes under {corpus}")
        if arg == "1":
            files = [sorted(files, key=lambda f: (corpus / f).stat().st_size)[len(files) // 2]]
        case.target = Target(cwd=corpus, files=tuple(str(f) for f in files))
        case.n_files = len(files)
        case.total_bytes = sum((corpus / f).stat().st_size for f in files)
        case.label = f"1 real note ({files[0]})" if arg == "1" else f"{len(files):,} real notes"
        return
    root = work / "corpus" / case.key
    if kind == "notes":
        built = bench_corpus.generate_notes(root, int(arg))
    elif kind == "note":
        built = bench_corpus.generate_notes(root, 1, note_bytes=int(arg))
    else:
        built = bench_corpus.generate_big_note(root, int(arg))
    case.n_files = len(built.files)
    case.total_bytes = built.total_bytes
    if len(built.files) == 1:
        case.target = Target(cwd=root, files=(str(built.files[0]),))
    else:
        case.target = Target(cwd=root, folder="notes")


def warm_page_cache(case: Case) -> None:
    """Read every file once, so no tool pays the first cold read for the others."""
    assert case.target is not None
    root = case.target.cwd
    paths = (
        list((root / case.target.folder).rglob("*.md"))
        if case.target.folder
        else [root / f for f in case.target.files]
    )
    for p in paths:
        p.read_bytes()


# -- results -----------------------------------------------------------------


@dataclass
class Cell:
    runs: list[RunResult] = field(default_factory=list)
    status: str = "ok"  # ok | capped | skipped | error | absent
    note: str = ""
    output_lines: int = 0

    @property
    def walls(self) -> list[float]:
        return [r.wall for r in self.runs if not r.timed_out]


def fmt_s(x: float) -> str:
    if x < 10:
        return f"{x:.3g} s" if x >= 1 else f"{x:.3f} s"
    if x < 100:
        return f"{x:.1f} s"
    return f"{x:.0f} s"


def fmt_mem(b: int) -> str:
    if b >= 1024 * MIB:
        return f"{b / (1024 * MIB):.2f} GiB"
    return f"{b / MIB:.0f} MiB"


def fmt_size(b: int) -> str:
    if b >= 1_000_000:
        return f"{b / 1_000_000:.1f} MB"
    return f"{b / 1000:.1f} KB"


def cell_wall(c: Cell) -> str:
    if c.status == "absent":
        return "absent"
    if c.status == "skipped":
        return f"not run ({c.note})"
    if c.status == "error":
        return f"error ({c.note})"
    walls = c.walls
    if c.status == "capped" and not walls:
        return f"> {fmt_s(c.runs[-1].wall)} (killed at the cap)"
    med = statistics.median(walls)
    text = fmt_s(med)
    if len(walls) > 1:
        text += f" ({min(walls):.3g}–{max(walls):.3g}, n={len(walls)})"
    else:
        text += " (n=1)"
    peak = max(r.peak_rss for r in c.runs if not r.timed_out)
    text += f" · {fmt_mem(peak)}"
    if c.status == "capped":
        text += f"; one run > {fmt_s(max(r.wall for r in c.runs if r.timed_out))}"
    return text


def cell_cpu(c: Cell) -> str:
    if c.status in ("absent", "skipped", "error"):
        return "–"
    done = [r.cpu for r in c.runs if not r.timed_out]
    if not done:
        return "> cap"
    return fmt_s(statistics.median(done))


# A measurement with a bound: ("=", x) exact, (">", x) at least x (killed at a cap).
Measure = tuple[str, float]


def wall_measure(c: Cell | None) -> Measure | None:
    if c is None or c.status in ("absent", "skipped", "error"):
        return None
    if c.walls:
        return ("=", statistics.median(c.walls))
    if c.status == "capped":
        return (">", c.runs[-1].wall)
    return None


def cpu_measure(c: Cell | None) -> Measure | None:
    if c is None or c.status in ("absent", "skipped", "error"):
        return None
    done = [r.cpu for r in c.runs if not r.timed_out]
    if done:
        return ("=", statistics.median(done))
    if c.status == "capped":
        return (">", c.runs[-1].cpu)
    return None


def mem_measure(c: Cell | None) -> Measure | None:
    if c is None or not c.walls:
        return None
    return ("=", float(max(r.peak_rss for r in c.runs if not r.timed_out)))


def ratio(a: Measure | None, b: Measure | None) -> tuple[str, float] | None:
    if a is None or b is None:
        return None
    value = a[1] / b[1]
    if a[0] == "=" and b[0] == "=":
        return ("=", value)
    if a[0] == ">" and b[0] == "=":
        return (">", value)
    if a[0] == "=" and b[0] == ">":
        return ("<", value)
    return None


def fmt_ratio(r: tuple[str, float] | None) -> str:
    if r is None:
        return "n/a"
    prefix = "" if r[0] == "=" else f"{r[0]} "
    return f"{prefix}{r[1]:.3g}×"


def verdict(r: tuple[str, float] | None, limit: float) -> str:
    if r is None:
        return "–"
    kind, value = r
    if kind in ("=", "<") and value <= limit:
        return "yes"
    if kind in ("=", ">") and value > limit:
        return "no"
    return "?"


# -- machine -----------------------------------------------------------------


def machine_info() -> dict[str, str]:
    info: dict[str, str] = {}
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info["CPU"] = f"{cpu}, {os.cpu_count()} logical cores"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                info["memory"] = f"{kib / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    info["OS"] = platform.platform()
    info["Python"] = f"{platform.python_version()} ({sys.executable})"
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "notes_lint"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return rev + (" with uncommitted changes in notes_lint/" if dirty else "")


# -- running -----------------------------------------------------------------


def child_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Every Python tool may cache its bytecode, as on a developer's machine; the cache
    # lives in the work folder, not in the source trees.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def log(msg: str) -> None:
    print(msg, flush=True)


def run_case(
    case: Case,
    tools: list[Tool],
    cells: dict[tuple[str, str], Cell],
    caps: dict[str, float],
    budget: float,
    env: dict[str, str],
    logs: Path,
    over_cap: dict[tuple[str, str], str],
) -> None:
    assert case.target is not None
    target = case.target
    active: list[Tool] = []
    for tool in tools:
        cell = cells.setdefault((case.key, tool.key), Cell())
        if case.ours_only and not tool.ours:
            cell.status, cell.note = "skipped", "peers off for this case"
            continue
        prior = over_cap.get((case.series, tool.key))
        if prior:
            cell.status, cell.note = "skipped", f"> cap at {prior}"
            continue
        active.append(tool)
    for tool in active:
        if tool.prime:
            run_measured(
                tool.argv(target),
                cwd=target.cwd,
                env={**env, **tool.env},
                timeout=caps.get(tool.key, caps["*"]),
                stdout=logs / f"{case.key}.{tool.key}.prime.out",
                stderr=logs / f"{case.key}.{tool.key}.prime.err",
            )
    spent = {t.key: 0.0 for t in active}
    for round_no in range(1, case.runs + 1):
        for tool in list(active):
            cell = cells[(case.key, tool.key)]
            cap = caps.get(tool.key, caps["*"])
            out = logs / f"{case.key}.{tool.key}.out"
            err = logs / f"{case.key}.{tool.key}.err"
            if tool.before_run is not None:
                tool.before_run()
            res = run_measured(
                tool.argv(target),
                cwd=target.cwd,
                env={**env, **tool.env},
                timeout=cap,
                stdout=out,
                stderr=err,
            )
            cell.runs.append(res)
            spent[tool.key] += res.wall
            state = f"rc={res.returncode}"
            if res.timed_out:
                state = f"killed at the {cap:.0f} s cap"
            log(
                f"  [{case.label}] run {round_no}/{case.runs} {tool.label:<18} "
                f"{res.wall:8.3f} s  cpu {res.cpu:8.3f} s  {fmt_mem(res.peak_rss):>9}  {state}"
            )
            if res.timed_out:
                cell.status = "capped"
                over_cap[(case.series, tool.key)] = case.label
                active.remove(tool)
                continue
            crashed = tool.crash_marker is not None and tool.crash_marker in err.read_text(
                encoding="utf-8", errors="replace"
            )
            if res.returncode not in tool.ok_codes or crashed:
                tail = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
                cell.status = "error"
                cell.note = f"exit {res.returncode}: {' / '.join(tail)[:200]}"
                active.remove(tool)
                continue
            with out.open("rb") as fo, err.open("rb") as fe:
                cell.output_lines = sum(1 for _ in fo) + sum(1 for _ in fe)
            if spent[tool.key] > budget and round_no < case.runs:
                log(f"  [{case.label}] {tool.label}: {spent[tool.key]:.0f} s spent, no more runs")
                active.remove(tool)


# -- report ------------------------------------------------------------------


def write_report(
    path: Path,
    cases: list[Case],
    tools: list[Tool],
    absent: dict[str, str],
    cells: dict[tuple[str, str], Cell],
    meta: dict[str, str],
    caps: dict[str, float],
    args: argparse.Namespace,
) -> str:
    cols = list(tools)
    absent_cols = [k for k in absent if k not in {t.key for t in tools}]
    head = ["case", "files, size", *[t.label for t in cols], *absent_cols]
    lines: list[str] = []
    title = "real notes" if args.corpus else "synthetic sklearn-weekly notes"
    lines += [
        "# notes-lint benchmark",
        "",
        f"Generated {meta['date']} by `{meta['command']}` on {title}"
        + (f" from `{args.corpus}`" if args.corpus else "")
        + f"; notes-lint at {meta['revision']}.",
        "",
        "Wall time: median (min–max, n runs) · peak RSS of the process tree (max over runs).",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for case in cases:
        row = [case.label, f"{case.n_files:,}, {fmt_size(case.total_bytes)}"]
        row += [cell_wall(cells.get((case.key, t.key), Cell(status="absent"))) for t in cols]
        row += ["absent" for _ in absent_cols]
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "",
        "CPU time (user + sys of the process tree, median):",
        "",
        "| case | " + " | ".join(t.label for t in cols) + " |",
        "|" + "---|" * (len(cols) + 1),
    ]
    for case in cases:
        row = [case.label] + [cell_cpu(cells.get((case.key, t.key), Cell())) for t in cols]
        lines.append("| " + " | ".join(row) + " |")

    # Ratios of issue 6.
    def c(case_key: str, tool_key: str) -> Cell | None:
        return cells.get((case_key, tool_key))

    Ratio = tuple[str, float] | None

    def both(case_a: str, tool_a: str, case_b: str, tool_b: str) -> tuple[Ratio, Ratio]:
        return (
            ratio(wall_measure(c(case_a, tool_a)), wall_measure(c(case_b, tool_b))),
            ratio(cpu_measure(c(case_a, tool_a)), cpu_measure(c(case_b, tool_b))),
        )

    goals: list[tuple[str, tuple[Ratio, Ratio], str, float]] = []
    if not args.corpus:
        mdl = "markdownlint-cli2"
        goals = []
        for ours, how in (("check", "notes seen before"), ("check-new", "every note new")):
            goals += [
                (f"1 note: check / {mdl} ({how})", both("1", ours, "1", mdl), "≤ 0.5×", 0.5),
                (
                    f"10,000 notes: check / {mdl} ({how})",
                    both("10000", ours, "10000", mdl),
                    "≤ 0.25×",
                    0.25,
                ),
                (
                    f"10,000 notes: check / {mdl}, peak memory ({how})",
                    (ratio(mem_measure(c("10000", ours)), mem_measure(c("10000", mdl))), None),
                    "≤ 0.1×",
                    0.1,
                ),
                (
                    f"one 5 MB note: check / {mdl} ({how})",
                    both("5mb", ours, "5mb", mdl),
                    "≤ 0.03×",
                    0.03,
                ),
            ]
        goals += [
            (
                "10 MB note / 5 MB note: check (every note new: linear growth)",
                both("10mb", "check-new", "5mb", "check-new"),
                "≤ 2.2×",
                2.2,
            ),
            (
                "10,000 notes: todos / check (notes seen before)",
                both("10000", "todos", "10000", "check"),
                "about 1× (≤ 1.2×)",
                1.2,
            ),
        ]
        if args.quick:
            goals = [
                goals[0],
                goals[4],
                (
                    "20 notes: check / markdownlint-cli2",
                    both("20", "check", "20", mdl),
                    "(smoke)",
                    float("inf"),
                ),
            ]
    else:
        for key in ("real-1", "real-all"):
            label = next(x.label for x in cases if x.key == key)
            goals.append(
                (
                    f"{label}: check / markdownlint-cli2",
                    both(key, "check", key, "markdownlint-cli2"),
                    "–",
                    float("inf"),
                )
            )
    if goals:
        lines += [
            "",
            "Ratios asked for by issue 6 (measured side by side in this run). The goals are "
            "about wall time; the CPU-time ratio (user + sys) is shown beside it because it "
            "is less sensitive to other load on the machine (but blind to parallelism):",
            "",
            "| goal | wall time (peak RSS for memory) | CPU time | target | met (wall) |",
            "|---|---|---|---|---|",
        ]
        for name, (r_wall, r_cpu), target_text, limit in goals:
            met = verdict(r_wall, limit) if limit != float("inf") else "–"
            cpu_text = fmt_ratio(r_cpu) if r_cpu is not None else "–"
            lines.append(f"| {name} | {fmt_ratio(r_wall)} | {cpu_text} | {target_text} | {met} |")

    lines += ["", "## Machine and versions", ""]
    for k in ("CPU", "memory", "OS", "Python", "node", "load average"):
        if k in meta:
            lines.append(f"- {k}: {meta[k]}")
    for t in tools:
        lines.append(f"- {t.label}: {t.version}")
        lines.extend(f"  - note: {n}" for n in t.notes)
    for k, v in absent.items():
        lines.append(f"- {k}: {v}")
    for k in ("check --jobs", "todos --jobs"):
        if k in meta:
            lines.append(f"- notes-lint {k}: {meta[k]}")
    lines.append(f"- wall-clock of this benchmark run: {meta['elapsed']}")

    cap_text = ", ".join(
        f"{k if k != '*' else 'every other tool'} {v:.0f} s" for k, v in sorted(caps.items())
    )
    lines += [
        "",
        "## Method",
        "",
        "- Each case's tools run in alternating rounds (A B C, A B C, …) after one untimed "
        "warm-up run of every tool on the 1-note case; every file of a case is read once "
        "before its first round so that no tool pays the cold page cache for the others.",
        "- Wall time: from just before the spawn to `wait4` returning. CPU time: user + sys of "
        "the process and the descendants it reaped (`wait4` rusage).",
        "- Peak RSS: the larger of `wait4`'s `ru_maxrss` (the kernel's exact high-water mark, "
        "but of the largest single process only) and the sum of the resident sets of the whole "
        "process tree sampled from `/proc` every 10 ms for the first second, then every 25 ms "
        "(a vfork()ed child before exec is not counted twice). See `benchmarks/bench_measure.py`.",
        f"- Caps: {cap_text} per run; a run over its cap is killed (its process group) and "
        "reported as `> cap`; the tool is then not run on the larger cases of the same series. "
        f"A tool that has spent over {args.budget:.0f} s in one case gets no further runs there.",
        "- Each tool is given the same files: the notes folder (markdownlint-cli2 as "
        "`notes/**/*.md`, PyMarkdown as `scan -r notes`), or the single note's path; "
        "with `--corpus`, the explicit list of notes (markdownlint-cli2 with `:` literal "
        "paths). Peers run with their default rules and no config file; notes-lint with the "
        "corpus's `.notes-lint.yaml` (`extends: sklearn-weekly` and a roster) or `--config`. "
        f"`todos` runs with `--format json --today {bench_tools.TODAY}`. Output goes to files.",
        "- Python tools run with `PYTHONPYCACHEPREFIX` set to a cache folder (and "
        "`PYTHONDONTWRITEBYTECODE` unset) so that, as on a developer's machine, bytecode is "
        "compiled once and not on every run. notes-lint is run through the console script "
        "beside the running interpreter, not through a pyenv shim.",
        "- The synthetic corpus (`benchmarks/bench_corpus.py`, fixed seed) is generated "
        "text shaped like real weekly notes: ~5 KB median, person sections, nested lists, "
        "inline GitHub issue/PR links, bare URLs, TODOs with owner tags in several styles "
        "(some done, some carried over, a few without an owner).",
        f"- Load average (1, 5, 15 min) at the start: {meta['load start']}; at the end: "
        f"{meta['load end']}. Other work on the machine during the run inflates wall "
        "times (CPU times are less affected).",
    ]
    text = "\n".join(lines) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


# -- main --------------------------------------------------------------------


def dump_raw(
    path: Path, meta: dict[str, str], cases: list[Case], cells: dict[tuple[str, str], Cell]
) -> None:
    raw = {
        "meta": meta,
        "cases": [
            {"key": c.key, "label": c.label, "files": c.n_files, "bytes": c.total_bytes}
            for c in cases
        ],
        "cells": {
            f"{case_key}/{tool_key}": {
                "status": cell.status,
                "note": cell.note,
                "output_lines": cell.output_lines,
                "runs": [asdict(r) for r in cell.runs],
            }
            for (case_key, tool_key), cell in cells.items()
        },
    }
    path.write_text(json.dumps(raw, indent=1), encoding="utf-8")


def default_work_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "notes-lint-bench"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        return Path(tempfile.gettempdir()) / "notes-lint-bench"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Benchmark notes-lint against markdownlint-cli2, PyMarkdown and mdformat.",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=5,
        help="runs per case (default 5; huge cases use fewer: 1,000 notes and big notes 3, 10,000 notes 2)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 1 note, 20 notes, a 0.2 MB note, at most 2 runs, 8 s caps (under a minute)",
    )
    p.add_argument("--cases", help="comma-separated subset of: 1,100,1000,10000,5mb,10mb")
    p.add_argument("--no-10mb", action="store_true", help="skip the 10 MB note")
    p.add_argument(
        "--peers-on-10mb",
        action="store_true",
        help="also run the peers on the 10 MB note (markdownlint-cli2 needs many minutes and GiBs)",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        help="benchmark on a folder of real notes instead of the synthetic corpus",
    )
    p.add_argument(
        "--config",
        type=Path,
        help="notes-lint config for --corpus (default: found from the corpus upward)",
    )
    p.add_argument(
        "--jobs",
        type=int,
        help="--jobs for notes-lint when its CLI has it (default: the number of CPUs)",
    )
    p.add_argument(
        "--mdformat", action="store_true", help="also run `mdformat --check` (when installed)"
    )
    p.add_argument("--no-peers", action="store_true", help="run notes-lint only")
    p.add_argument(
        "--timeout", type=float, default=900.0, help="cap per run in seconds (default 900)"
    )
    p.add_argument(
        "--cap",
        action="append",
        default=[],
        metavar="TOOL=SECONDS",
        help="cap for one tool (default pymarkdown=120); tools: check, todos, markdownlint-cli2, pymarkdown, mdformat",
    )
    p.add_argument(
        "--budget",
        type=float,
        default=600.0,
        help="no more runs of a tool in a case once it spent this many seconds there (default 600)",
    )
    p.add_argument(
        "--rev",
        help="benchmark notes-lint as committed at this git revision (e.g. HEAD): a snapshot in "
        "the work dir, not the working tree, which may change under a long run",
    )
    p.add_argument(
        "--notes-lint",
        dest="notes_lint",
        help="notes-lint executable (default: the one beside this Python)",
    )
    p.add_argument(
        "--node",
        help="node executable for markdownlint-cli2 (default: benchmarks/.tools, then PATH)",
    )
    p.add_argument(
        "--work-dir",
        type=Path,
        help="where corpora, logs and bytecode go (default: ~/.cache/notes-lint-bench)",
    )
    p.add_argument(
        "--output",
        type=Path,
        help="Markdown report (default: benchmarks/RESULTS.md; RESULTS-corpus.md with --corpus; the work dir with --quick)",
    )
    args = p.parse_args(argv)
    if args.quick:
        args.runs = min(args.runs, 2)
        args.timeout = min(args.timeout, 8.0)
        args.budget = min(args.budget, 8.0)
    if args.config and not args.corpus:
        p.error("--config goes with --corpus (the synthetic corpus brings its own)")
    if args.runs < 1:
        p.error("--runs must be at least 1")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)  # so the running tool's process group is killed
    started = time.perf_counter()
    work = (args.work_dir or default_work_dir()).resolve()
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    corpus = args.corpus.resolve() if args.corpus else None
    if corpus is not None and not corpus.is_dir():
        raise SystemExit(f"--corpus {args.corpus}: not a folder")
    config = args.config.resolve() if args.config else None

    caps: dict[str, float] = {"*": args.timeout, "pymarkdown": min(120.0, args.timeout)}
    for item in args.cap:
        name, _, secs = item.partition("=")
        try:
            caps[name.strip()] = float(secs)
        except ValueError:
            raise SystemExit(f"--cap {item!r}: expected TOOL=SECONDS") from None

    # Tools.
    if args.rev:
        exe, sha = bench_tools.snapshot(args.rev, work)
        revision = f"{sha[:7]} (a snapshot of `{args.rev}`, run from {exe.parent.parent})"
    else:
        found = bench_tools.find_notes_lint(args.notes_lint)
        if found is None:
            raise SystemExit("notes-lint not found: `python -m pip install -e .` first")
        exe = found
        revision = f"the working tree at {git_revision()}"
    cache_root = work / "notes-lint-cache"
    shutil.rmtree(cache_root, ignore_errors=True)  # every run starts with nothing seen
    tools, jobs_info = bench_tools.notes_lint_tools(exe, config, args.jobs, cache_root)
    absent: dict[str, str] = {}
    node = bench_tools.find_node(args.node)
    meta: dict[str, str] = {}
    if not args.no_peers:
        mdl, info = bench_tools.markdownlint_tool(node)
        if mdl:
            tools.append(mdl)
        else:
            absent.update(info)
        meta.update(info)
        pym = bench_tools.pymarkdown_tool()
        if pym:
            tools.append(pym)
        else:
            absent["PyMarkdown"] = "absent (pip install pymarkdownlnt, or benchmarks/setup.sh)"
        if args.mdformat:
            mdf = bench_tools.mdformat_tool()
            if mdf:
                tools.append(mdf)
            else:
                absent["mdformat --check"] = "absent (pip install mdformat)"
    meta.update(machine_info())
    meta.update(jobs_info)
    meta["revision"] = revision
    meta["date"] = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    meta["command"] = shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])])
    meta["load start"] = load_average()

    cases = real_cases(args) if corpus else synthetic_cases(args)
    env = child_env(work)

    log(f"notes-lint benchmark: work folder {work}")
    for t in tools:
        log(f"  {t.label}: {t.version}")
    for k, v in absent.items():
        log(f"  {k}: {v}")

    # Warm-up: compile bytecode, load binaries; untimed.
    warm = Case("warm-up", "warm-up", "warm", 1, "note:4000")
    if corpus is None:
        build_case(warm, work, None)
    else:
        warm.target = Target(cwd=corpus, files=(real_notes(corpus)[0].as_posix(),))
    assert warm.target is not None
    log("warm-up ...")
    for t in tools:
        run_measured(
            t.argv(warm.target),
            cwd=warm.target.cwd,
            env={**env, **t.env},
            timeout=caps.get(t.key, caps["*"]),
            stdout=logs / f"warm.{t.key}.out",
            stderr=logs / f"warm.{t.key}.err",
        )

    cells: dict[tuple[str, str], Cell] = {}
    over_cap: dict[tuple[str, str], str] = {}
    for case in cases:
        t0 = time.perf_counter()
        build_case(case, work, corpus)
        log(
            f"{case.label}: {case.n_files:,} files, {fmt_size(case.total_bytes)}"
            f" (ready in {time.perf_counter() - t0:.1f} s)"
        )
        warm_page_cache(case)
        run_case(case, tools, cells, caps, args.budget, env, logs, over_cap)
        dump_raw(work / "partial.json", meta, cases, cells)  # survives a crash of the report

    meta["load end"] = load_average()
    elapsed = time.perf_counter() - started
    meta["elapsed"] = f"{elapsed / 60:.1f} min"

    if args.output:
        output = args.output
    elif args.quick:
        output = work / "RESULTS-quick.md"
    elif corpus:
        output = HERE / "RESULTS-corpus.md"
    else:
        output = HERE / "RESULTS.md"
    raw_path = work / (output.stem + ".json")
    dump_raw(raw_path, meta, cases, cells)
    text = write_report(output, cases, tools, absent, cells, meta, caps, args)
    print()
    print(text)
    log(f"wrote {output} (raw runs: {raw_path}) in {elapsed / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
