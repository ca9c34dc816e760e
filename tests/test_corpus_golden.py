"""Speed work must not change what notes-lint says about real notes.

``tests/fixtures/corpus-golden.json`` holds, for every note of the shared corpus, a
digest of its diagnostics (position, code, severity, message and the fix's edits) and
of the ledger built from all of it, recorded before the profile-driven pass of issue 6.
A faster parser or rule that changes a single finding fails here, and so does a
``--jobs`` run that differs from a serial one.  Only digests are kept: no text of the
corpus is copied into the repository.

After a deliberate change of behaviour, re-record with
``NOTES_LINT_REGOLD=1 python -m pytest tests/test_corpus_golden.py`` and say why in
the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import msgspec
import pytest
from conftest import CORPUS, ROOT
from test_corpus import CORPORA, Corpus, config_of, corpus_ids, parsed

from notes_lint.diagnostics import Diagnostic
from notes_lint.discovery import find_notes
from notes_lint.ledger import build_ledger
from notes_lint.linter import lint_files

GOLDEN = ROOT / "tests" / "fixtures" / "corpus-golden.json"
TODAY = dt.date(2026, 11, 26)  # fixed, so that ages do not move the digest
REGOLD = os.environ.get("NOTES_LINT_REGOLD") == "1"


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:20]


def _diagnostic_line(d: Diagnostic) -> str:
    edits = (
        []
        if d.fix is None
        else [(e.line, e.col, e.end_line, e.end_col, e.old, e.text) for e in d.fix]
    )
    return json.dumps([d.line, d.col, d.code, d.severity.value, d.message, edits])


def diagnostics_by_file(corpus: Corpus, jobs: int) -> dict[str, Any]:
    config = config_of(corpus)
    root = CORPUS / corpus.folder
    files = find_notes(config, cwd=root)
    result = lint_files(files, config, jobs=jobs)
    grouped: dict[str, list[str]] = defaultdict(list)
    for d in result.diagnostics:
        grouped[Path(d.path).as_posix()].append(_diagnostic_line(d))
    return {
        path: {"count": len(lines), "digest": _digest(lines)}
        for path, lines in sorted(grouped.items())
    }


def ledger_digest(corpus: Corpus) -> dict[str, Any]:
    notes = [note for _, note in parsed(corpus).values()]
    ledger = build_ledger(notes, today=TODAY)
    root = f"{CORPUS / corpus.folder}/"  # where the corpus is differs between machines
    rows = [
        json.dumps(msgspec.to_builtins(ledger.entry_json(entry)), sort_keys=True).replace(root, "")
        for entry in ledger.entries
    ]
    return {"entries": len(rows), "digest": _digest(rows)}


def _golden() -> dict[str, Any]:
    if not GOLDEN.exists():
        return {}
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def _record(corpus: Corpus, key: str, value: Any) -> None:
    data = _golden()
    data.setdefault(corpus.name, {})[key] = value
    GOLDEN.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_diagnostics_match_the_recorded_ones(corpus: Path, which: Corpus) -> None:
    actual = diagnostics_by_file(which, jobs=1)
    if REGOLD:
        _record(which, "diagnostics", actual)
    expected = _golden()[which.name]["diagnostics"]
    changed = sorted(p for p in expected.keys() | actual.keys() if expected.get(p) != actual.get(p))
    assert not changed, f"diagnostics changed in {len(changed)} notes, e.g. {changed[:5]}"


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_two_jobs_say_what_one_says(corpus: Path, which: Corpus) -> None:
    assert diagnostics_by_file(which, jobs=2) == diagnostics_by_file(which, jobs=1)


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_the_ledger_matches_the_recorded_one(corpus: Path, which: Corpus) -> None:
    actual = ledger_digest(which)
    if REGOLD:
        _record(which, "ledger", actual)
    assert actual == _golden()[which.name]["ledger"]
    assert actual["entries"] > 50
