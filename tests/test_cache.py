"""The cache: parsed notes and merged configs kept between runs, never changing a result."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from test_corpus import CORPORA, Corpus, corpus_ids, parsed
from test_properties import NOTE, preset

from notes_lint.collection import LEDGER_FIELDS
from notes_lint.model import Note
from notes_lint.notecache import NoteCache, decode_note, encode_note
from notes_lint.parse import parse_note
from notes_lint.source import from_text

CONFIG = """\
extends: sklearn-weekly
people:
  Ana: ana-gh
"""
NOTE_TEXT = """\
## September 14th, 2021

### Ana

- worked on [the parser](https://github.com/org/repo/pull/12)

### TODO / Next

- [ ] ship it (Ana)
- [ ] no owner here
"""


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=NOTE)
def test_a_stored_model_reads_back_equal(text: str) -> None:
    note = parse_note(from_text(text, "notes/2024/10-28.md"), preset("hackmd"))
    blob = encode_note(note)
    assert decode_note(blob) == note
    # What the ledger reads of it, and nothing else.
    assert decode_note(blob, LEDGER_FIELDS) == Note(
        **{name: getattr(note, name) for name in LEDGER_FIELDS}
    )


@pytest.mark.parametrize("which", CORPORA, ids=corpus_ids)
def test_every_corpus_model_reads_back_equal(corpus: Path, which: Corpus) -> None:
    for _, note in parsed(which).values():
        decoded = decode_note(encode_note(note))
        assert decoded == note, note.path
        # The section tree's back links are not stored but made again.
        parents = [(s.title, s.parent.title if s.parent else None) for s in note.all_sections()]
        assert [
            (s.title, s.parent.title if s.parent else None) for s in decoded.all_sections()
        ] == parents, note.path


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "2021-09-14.md").write_text(NOTE_TEXT, encoding="utf-8")
    return tmp_path


def check(team: Path, cache: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("check", "--format", "json", *extra, cwd=team, env=env(cache))
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def env(cache: Path) -> dict[str, str]:
    return {"NOTES_LINT_CACHE_DIR": str(cache)}


def stored_notes(cache: Path) -> int:
    with sqlite3.connect(cache / "notes.sqlite3") as db:
        (count,) = db.execute("SELECT count(*) FROM notes").fetchone()
    return int(count)


def test_a_warm_run_says_what_a_cold_run_says(team: Path, tmp_path: Path) -> None:
    # A team that accepts empty sections: NL103 offers its fix (verified by a parse).
    (team / ".notes-lint.yaml").write_text(CONFIG + "rules:\n  NL107: off\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cold = check(team, cache)
    # The note, and the note as NL103's fix would leave it (a fix that adds a section is
    # checked by parsing its result): a warm run parses neither again.
    assert stored_notes(cache) == 2
    assert check(team, cache) == cold
    assert stored_notes(cache) == 2
    assert check(team, cache, "--no-cache") == cold
    assert "NL301" in cold[1]  # the TODO without an owner
    assert '"NL103"' in cold[1] and '"fixable": true' in cold[1]


def test_an_edited_note_is_parsed_again(team: Path, tmp_path: Path) -> None:
    # A team that accepts empty sections: NL103 offers its fix (verified by a parse).
    (team / ".notes-lint.yaml").write_text(CONFIG + "rules:\n  NL107: off\n", encoding="utf-8")
    cache = tmp_path / "cache"
    before = check(team, cache)
    note = team / "notes" / "2021-09-14.md"
    note.write_text(NOTE_TEXT.replace("no owner here", "owned now (Ana)"), encoding="utf-8")
    after = check(team, cache)
    assert "NL301" in before[1] and "NL301" not in after[1]
    assert stored_notes(cache) == 4  # each text, and each as NL103's fix would leave it


def test_an_edited_config_is_read_again(team: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "NL301" in check(team, cache)[1]
    (team / ".notes-lint.yaml").write_text(CONFIG + "rules:\n  NL301: off\n", encoding="utf-8")
    assert "NL301" not in check(team, cache)[1]
    (team / ".notes-lint.yaml").write_text(CONFIG + "rules:\n  NL301: maybe\n", encoding="utf-8")
    code, _ = check(team, cache)
    assert code == 2  # an invalid config is never served from the cache


def test_an_edited_preset_file_is_read_again(team: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    base = team / "base.yaml"
    base.write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (team / ".notes-lint.yaml").write_text(CONFIG.replace("sklearn-weekly", "base.yaml"), "utf-8")
    assert "NL301" in check(team, cache)[1]
    base.write_text("extends: sklearn-weekly\nrules:\n  NL301: off\n", encoding="utf-8")
    assert "NL301" not in check(team, cache)[1]


def test_a_damaged_cache_is_a_miss_not_a_traceback(team: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = check(team, cache)
    for entry in cache.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    with sqlite3.connect(cache / "notes.sqlite3") as db:
        db.execute("UPDATE notes SET model = x'00ff00'")
    assert check(team, cache) == cold
    (cache / "notes.sqlite3").write_bytes(b"this is not a database" * 100)
    assert check(team, cache) == cold


def test_a_cache_folder_that_cannot_be_written_is_ignored(team: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    cold = check(team, tmp_path / "cache")
    assert check(team, blocker / "cache") == cold  # its parent is a file: nothing can be made


def test_the_ledger_reads_the_same_from_the_cache(team: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("todos", "--format", "json", "--today", "2021-10-01")
    cold = run_cli(*args, cwd=team, env=env(cache))
    warm = run_cli(*args, cwd=team, env=env(cache))
    assert cold.returncode == warm.returncode == 0, cold.stderr
    assert cold.stdout == warm.stdout and '"owner": "Ana"' in cold.stdout


def _reseal(cache: Path, blob_of: Callable[[bytes], bytes]) -> int:
    """Replace every stored model by ``blob_of(model)``, sealed to its key as a real entry
    is (so only the decode can tell): how many entries were replaced."""
    with sqlite3.connect(cache / "notes.sqlite3") as db:
        rows = db.execute("SELECT key, model FROM notes").fetchall()
        for key, stored in rows:
            blob = blob_of(zlib.decompress(stored[32:]))
            db.execute(
                "UPDATE notes SET model = ? WHERE key = ?",
                (NoteCache._seal(key, blob) + blob, key),
            )
    return len(rows)


_OLD_LAYOUT = zlib.compress(b'["notes/2021-09-14.md",null,null,[],null]', 1)  # the JSON codec's


@pytest.mark.parametrize(
    "blob_of",
    [
        pytest.param(lambda packed: _OLD_LAYOUT, id="older-layout"),
        pytest.param(lambda packed: zlib.compress(packed[: len(packed) // 2], 1), id="truncated"),
        pytest.param(lambda packed: packed, id="not-compressed"),
        pytest.param(
            lambda packed: zlib.compress(
                msgspec.msgpack.encode({**msgspec.msgpack.decode(packed), "line_count": "12"}), 1
            ),
            id="field-of-another-type",
        ),
        pytest.param(
            lambda packed: zlib.compress(
                msgspec.msgpack.encode({**msgspec.msgpack.decode(packed), "extra": 1}), 1
            ),
            id="field-of-another-layout",
        ),
        pytest.param(lambda packed: zlib.compress(msgspec.msgpack.encode([1, 2]), 1), id="foreign"),
    ],
)
def test_an_entry_that_is_not_a_note_is_a_miss(
    team: Path, tmp_path: Path, blob_of: Callable[[bytes], bytes]
) -> None:
    cache = tmp_path / "cache"
    cold = check(team, cache)
    todos = ("todos", "--format", "json", "--today", "2021-10-01")
    ledger = run_cli(*todos, cwd=team, env=env(cache)).stdout
    assert _reseal(cache, blob_of) == stored_notes(cache) >= 1
    # Neither a traceback nor another model: the note is parsed again, and stored again.
    assert check(team, cache) == cold
    with sqlite3.connect(cache / "notes.sqlite3") as db:
        for (model,) in db.execute("SELECT model FROM notes"):
            assert decode_note(model[32:]).path == "notes/2021-09-14.md"
    assert _reseal(cache, blob_of) >= 1
    again = run_cli(*todos, cwd=team, env=env(cache))  # the ledger reads some fields only
    assert "Traceback" not in again.stderr and again.stdout == ledger
