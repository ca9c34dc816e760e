"""Run one command and measure its wall time, CPU time and peak memory.

How memory is measured (Linux):

* ``os.wait4`` on the child returns its rusage, whose ``ru_maxrss`` is the
  kernel's exact high-water mark of the resident set of the child *or* of any
  descendant it waited for, whichever is largest: exact for a single process,
  but only the largest process for a tree (a parallel run's workers are not
  summed).
* So a sampler thread also walks the process tree through
  ``/proc/<pid>/task/<tid>/children`` and sums ``/proc/<pid>/statm`` resident
  pages every 10 ms during the first second, then every 25 ms. Sampling can
  miss a short spike, and the sum counts pages shared between forked workers
  once per worker (as ``ps``/psutil RSS do), except that a child whose statm
  equals its parent's (a vfork()ed child before exec) is counted once.

The peak reported is the larger of the two. Wall time is ``time.perf_counter``
from just before the spawn to the return of ``wait4``; CPU time is user+sys of
the child and its reaped descendants from the same rusage.

On a system without /proc (macOS) only the wait4 value is used.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
HAVE_PROC = Path("/proc/self/statm").exists()


@dataclass(frozen=True)
class RunResult:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the process tree
    peak_rss: int  # bytes: max(single-process high-water mark, sampled tree sum)
    maxrss_single: int  # bytes, from wait4
    rss_tree_sampled: int  # bytes, sampled sum over the tree
    returncode: int | None  # None when killed at the cap
    timed_out: bool


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                out.extend(int(x) for x in f.read().split())
        except (OSError, ValueError):
            continue
    return out


def _statm(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return []


def tree_rss(root: int) -> int:
    """Sum of the resident set sizes of root and all its descendants, now.

    A child whose statm is identical to its parent's shares its parent's memory
    (a vfork()ed child before exec, as Python's subprocess and Node spawn use, or a
    fork() a moment old): it is counted once, not twice.
    """
    total = 0
    stack: list[tuple[int, list[int]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        pid, parent_statm = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        statm = _statm(pid)
        if len(statm) > 1 and statm != parent_statm:
            total += statm[1] * PAGE
        stack.extend((child, statm) for child in _children(pid))
    return total


class _Sampler(threading.Thread):
    def __init__(self, proc: subprocess.Popen[bytes], deadline: float) -> None:
        super().__init__(daemon=True)
        self.proc = proc
        self.deadline = deadline
        self.peak = 0
        self.timed_out = False
        self.stop = threading.Event()
        self.started_at = time.perf_counter()

    def run(self) -> None:
        while not self.stop.is_set():
            if HAVE_PROC:
                self.peak = max(self.peak, tree_rss(self.proc.pid))
            now = time.perf_counter()
            if now >= self.deadline:
                self.timed_out = True
                _kill_group(self.proc.pid)
                return
            elapsed = now - self.started_at
            self.stop.wait(0.010 if elapsed < 1.0 else 0.025)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def run_measured(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    stdout: Path,
    stderr: Path,
) -> RunResult:
    """Run argv to completion (or kill its process group at `timeout` seconds)."""
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # its own process group, so the cap kills the whole tree
        )
        sampler = _Sampler(proc, start + timeout)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: leave nothing running behind
            _kill_group(proc.pid)
            proc.wait()
            raise
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        # Whatever the child left running in its group goes too.
        _kill_group(proc.pid)
        proc.returncode = os.waitstatus_to_exitcode(status)
    maxrss = int(usage.ru_maxrss) * (1 if sys.platform == "darwin" else 1024)  # KiB on Linux
    timed_out = sampler.timed_out
    return RunResult(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss=max(maxrss, sampler.peak),
        maxrss_single=maxrss,
        rss_tree_sampled=sampler.peak,
        returncode=None if timed_out else proc.returncode,
        timed_out=timed_out,
    )
