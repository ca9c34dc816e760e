"""Hostile notes and configs (issue 12): no crash reaches the user, nothing reaches out.

Every case runs the real command line twice with a fresh cache (the second run
reads what the first stored) and once with ``--no-cache``; each asserts the exit
code, the finding or the one-line message, that no traceback is printed, and
that an ordinary note beside a hostile one keeps its finding.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from notes_lint import parallel

CONFIG = "extends: sklearn-weekly\npeople:\n  Alice: alice\n"
HEAD = "## 2024-01-01\n\n### Discussion\n\nx\n\n### TODO / Next\n\n"
# A note without its TODO section: NL103, the finding that must survive beside a hostile note.
ORDINARY = "## 2024-01-08\n\n### Discussion\n\nx\n"


def make_repo(root: Path, config: str, note: str, config_name: str = ".notes-lint.yaml") -> Path:
    (root / "notes").mkdir(parents=True)
    (root / config_name).write_text(config, encoding="utf-8")
    (root / "notes" / "2024-01-01.md").write_bytes(note.encode("utf-8", "surrogatepass"))
    (root / "notes" / "2024-01-08.md").write_text(ORDINARY, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def runs(repo: Path, *args: str) -> list[subprocess.CompletedProcess[str]]:
    """``check ARGS`` with a fresh cache (twice: store, then read) and with ``--no-cache``."""
    cache = {"NOTES_LINT_CACHE_DIR": str(repo.parent / f"cache-{repo.name}")}
    done = [
        run_cli("check", *args, cwd=repo, env=cache),
        run_cli("check", *args, cwd=repo, env=cache),
        run_cli("check", "--no-cache", *args, cwd=repo, env=cache),
    ]
    for result in done:
        assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return done


NOTE_CASES = {
    "C1-deep-front-matter": ("---\na: " + "[" * 500 + "]" * 500 + "\n---\n", "NL401", "too deep"),
    "C2-yaml-set": ("---\na: !!set {x}\n---\n", "NL401", "a: a set (!!set)"),
    "C3-huge-int": ("---\na: 0x" + "f" * 5000 + "\n---\n", "NL401", "a: an integer of about"),
    "C4-lone-surrogate": ('---\na: "\\ud800"\n---\n', "NL401", "lone surrogate"),
    "C5-nul-in-link": ("[x](a%00b.md)\n\n", "NL206", "is not a valid path: it holds a NUL byte"),
    "C6-long-file-name": ("[x](" + "a" * 300 + ".md)\n\n", "NL206", "is not a valid path"),
}


@pytest.mark.parametrize("case", sorted(NOTE_CASES))
def test_hostile_note_is_a_finding_and_the_rest_is_linted(tmp_path: Path, case: str) -> None:
    prefix, code, message = NOTE_CASES[case]
    repo = make_repo(tmp_path / case, CONFIG, prefix + HEAD + "- x (Alice)\n- y\n")
    for result in runs(repo):
        assert result.returncode == 1, result.stderr
        lines = result.stdout.splitlines()
        hostile = [line for line in lines if line.startswith("notes/2024-01-01.md:")]
        assert any(f" {code} " in line and message in line for line in hostile), lines
        assert any(" NL301 " in line for line in hostile), lines  # the rest of it is linted
        assert any(
            line.startswith("notes/2024-01-08.md:") and " NL103 " in line for line in lines
        ), lines
        assert "NL901" not in result.stdout


def test_dump_writes_standard_json_for_unusable_front_matter(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", CONFIG, "---\na: .inf\nb: .nan\n---\n" + HEAD)

    def refuse(constant: str) -> None:
        raise AssertionError(f"not standard JSON: {constant}")

    for args in (["dump"], ["--no-cache", "dump"]):
        result = run_cli(*args, "notes/2024-01-01.md", cwd=repo)
        assert result.returncode == 0, result.stderr
        model = json.loads(result.stdout, parse_constant=refuse)
        assert model["frontmatter"]["data"] is None
        assert "not a JSON number" in model["frontmatter"]["error"]


CONFIG_CASES = {
    "K1-deep-config": ("people: " + "[" * 500 + "]" * 500 + "\n", "too deep"),
    "K2-ref-loop": (
        CONFIG + "frontmatter:\n  schema: {$ref: '#/$defs/a', $defs: {a: {$ref: '#/$defs/a'}}}\n",
        "frontmatter.schema: $ref loop through #/$defs/a",
    ),
    "K2-ref-loop-through-allof": (
        CONFIG + "document-schema: {$defs: {a: {allOf: [{$ref: '#/$defs/b'}]}, "
        "b: {anyOf: [{$ref: '#/$defs/a'}]}}, properties: {todos: {$ref: '#/$defs/a'}}}\n",
        "document-schema: $ref loop through",
    ),
    "K3-remote-ref": (
        CONFIG + "document-schema: {$ref: 'http://127.0.0.1:9/x.json'}\n",
        "document-schema: $ref refused: http://127.0.0.1:9/x.json",
    ),
    "K4-file-ref": (
        CONFIG + "document-schema: {$ref: 'file:///etc/hostname'}\n",
        "document-schema: $ref refused: file:///etc/hostname: outside the repository",
    ),
    "K4-relative-ref-out": (
        CONFIG + "frontmatter:\n  schema: {$ref: '../../outside.json'}\n",
        "frontmatter.schema: $ref refused:",
    ),
    "K4-schema-path-out": (
        CONFIG + "frontmatter:\n  schema: /etc/hostname\n",
        "frontmatter.schema: /etc/hostname is outside the repository",
    ),
    "K5-bad-date-format": (
        CONFIG + "date: {formats: ['%Y%Y']}\n",
        "date.formats[0]: invalid strftime pattern '%Y%Y'",
    ),
    "K6-non-string-people": (
        "extends: sklearn-weekly\npeople: {1: null, 2.5: x}\n",
        "people.1: the key 1 is not a string",
    ),
    "K6-surrogate-in-config": (
        CONFIG + 'links: {private-hosts: ["\\ud800"]}\n',
        "links.private-hosts[0]: a string holding a lone surrogate",
    ),
}


def assert_one_line_exit_2(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("notes-lint: ") and message in lines[0], lines
    assert result.stdout == ""


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_hostile_config_is_exit_2_with_one_line_naming_the_key(tmp_path: Path, case: str) -> None:
    config, message = CONFIG_CASES[case]
    repo = make_repo(tmp_path / case, config, HEAD + "- x (Alice)\n")
    if case == "K4-relative-ref-out":
        (tmp_path / "outside.json").write_text('{"type": "object"}', encoding="utf-8")
    for result in runs(repo):
        assert_one_line_exit_2(result, message)


@pytest.mark.parametrize("depth", [150, 500])
def test_deep_toml_config_is_exit_2(tmp_path: Path, depth: int) -> None:
    config = 'extends = "sklearn-weekly"\n[people]\nAlice = ' + "[" * depth + "]" * depth + "\n"
    repo = make_repo(tmp_path / "r", config, HEAD, ".notes-lint.toml")
    for result in runs(repo):
        assert_one_line_exit_2(result, "too deep")


def test_oversized_config_and_schema_files_are_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", CONFIG + "frontmatter:\n  schema: big.json\n", HEAD)
    (repo / "big.json").write_text('{"description": "' + "x" * (1 << 20) + '"}')
    for result in runs(repo):
        assert_one_line_exit_2(result, "over the 1 MiB limit")
    (repo / ".notes-lint.yaml").write_text(CONFIG + "# " + "x" * (1 << 20) + "\n")
    for result in runs(repo):
        assert_one_line_exit_2(result, "over the 1 MiB limit")


def test_repository_schema_refs_and_bundled_schemas_still_resolve(tmp_path: Path) -> None:
    config = (
        CONFIG + "frontmatter:\n  schema: schemas/front.yaml\n"
        "document-schema:\n  allOf:\n    - $ref: 'https://notes-lint.invalid/schema/note.schema.json'\n"
        "    - {properties: {todos: {maxItems: 0}}}\n"
    )
    repo = make_repo(tmp_path / "r", config, "---\ntitle: abcdef\n---\n" + HEAD + "- x (Alice)\n")
    (repo / "schemas").mkdir()
    (repo / "schemas" / "front.yaml").write_text(
        "properties:\n  title: {$ref: 'defs.json#/$defs/title'}\n", encoding="utf-8"
    )
    (repo / "schemas" / "defs.json").write_text(
        '{"$defs": {"title": {"type": "string", "maxLength": 3}}}', encoding="utf-8"
    )
    for result in runs(repo):
        assert result.returncode == 1, result.stderr
        assert "notes/2024-01-01.md:2:8: NL402 front matter $.title: 'abcdef' is too long" in (
            result.stdout
        )
        assert " NL403 document-schema $.todos" in result.stdout


def test_a_remote_ref_makes_no_connection(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        config = (
            CONFIG + f"frontmatter:\n  schema: {{$ref: '{url}/front.json'}}\n"
            f"document-schema: {{properties: {{todos: {{$ref: '{url}/doc.json#/x'}}}}}}\n"
        )
        repo = make_repo(tmp_path / "r", config, "---\na: 1\n---\n" + HEAD + "- x (Alice)\n")
        for result in runs(repo):  # both refused in one run (README: a config reported whole)
            assert result.returncode == 2 and result.stdout == "", result.stderr
            lines = result.stderr.splitlines()
            assert len(lines) == 2, lines
            assert f"frontmatter.schema: $ref refused: {url}/front.json" in lines[0]
            assert f"document-schema: $ref refused: {url}/doc.json:" in lines[1]
        listener.settimeout(0.5)
        with pytest.raises(TimeoutError):
            listener.accept()


# A real crash inside a rule: jsonschema's multipleOf divides an integer too large for a
# float (a 1,024-bit one still has a JSON form) and raises OverflowError.
CRASH_CONFIG = CONFIG + "frontmatter:\n  schema: {properties: {n: {multipleOf: 0.5}}}\n"
CRASHING = "---\nn: 0x" + "f" * 256 + "\n---\n" + HEAD + "- x (Alice)\n"


def test_a_note_that_crashes_a_rule_is_nl901_and_the_run_goes_on(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", CRASH_CONFIG, CRASHING)
    for result in runs(repo):
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert [line for line in lines if line.startswith("notes/2024-01-01.md")] == [
            "notes/2024-01-01.md:1:1: NL901 cannot lint this note: internal error "
            "(OverflowError: int too large to convert to float); please report it"
        ]
        assert any(line.startswith("notes/2024-01-08.md:5:1: NL103") for line in lines)


def test_a_crashing_note_under_jobs_is_nl901_and_the_others_keep_their_findings(
    tmp_path: Path,
) -> None:
    repo = make_repo(tmp_path / "r", CRASH_CONFIG, CRASHING)
    for day in range(10, 70):  # enough notes for worker processes (parallel.MIN_ITEMS)
        (repo / "notes" / f"2024-03-{day}.md").write_text(ORDINARY, encoding="utf-8")
    one = run_cli("check", "--no-cache", "--jobs", "1", cwd=repo)
    for result in (*runs(repo, "--jobs", "2"), one):
        assert result.returncode == 1
        assert result.stdout.count(" NL901 ") == 1
        assert result.stdout.count(" NL103 ") == 61
    assert runs(repo, "--jobs", "2")[0].stdout == one.stdout


def test_jobs_are_clamped_to_the_cpus(tmp_path: Path) -> None:
    assert parallel.effective_jobs(100_000) == parallel.default_jobs()
    assert parallel.effective_jobs(0) == 1
    repo = make_repo(tmp_path / "r", CONFIG, HEAD + "- x (Alice)\n")
    for day in range(10, 70):
        (repo / "notes" / f"2024-03-{day}.md").write_text(ORDINARY, encoding="utf-8")
    one = run_cli("check", "--no-cache", "--jobs", "1", cwd=repo)
    many = run_cli("check", "--no-cache", "--jobs", "100000", cwd=repo)
    assert (many.returncode, many.stdout) == (one.returncode, one.stdout)
    assert many.stdout.count(" NL103 ") == 61


def test_a_named_note_the_file_system_refuses_is_nl901_with_the_reason(
    tmp_path: Path,
) -> None:
    """A name the file system refuses (too long) is a note that cannot be read: NL901
    with the system's reason, as any unreadable note, never a traceback."""
    repo = make_repo(tmp_path / "r", CONFIG, HEAD)
    name = "notes/" + "a" * 300 + ".md"
    result = run_cli("check", name, cwd=repo)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == f"{name}:1:1: NL901 cannot read file: File name too long\n"
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_md_is_skipped_with_a_message_never_opened(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", CONFIG, HEAD + "- x (Alice)\n")
    os.mkfifo(repo / "notes" / "pipe.md")  # opening it would wait for a writer forever
    for args in ([], ["notes/pipe.md", "notes/2024-01-08.md"]):
        for result in runs(repo, *args):
            assert result.returncode == 1
            assert "notes-lint: skipped notes/pipe.md: a FIFO, not a regular file" in (
                result.stderr
            )
            assert "notes/2024-01-08.md:5:1: NL103" in result.stdout
    for command in ("todos", "report"):
        result = run_cli(command, cwd=repo)
        assert result.returncode == 0, result.stderr
        assert "skipped notes/pipe.md: a FIFO" in result.stderr


def test_a_tampered_cache_entry_is_a_miss(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", CONFIG, HEAD + "- x\n- y (Alice)\n")
    cache = tmp_path / "cache"
    env = {"NOTES_LINT_CACHE_DIR": str(cache)}
    first = run_cli("check", cwd=repo, env=env)
    assert first.returncode == 1
    assert first.stdout.count(" NL103 ") == 1 and first.stdout.count(" NL301 ") == 1
    # Turn every rule off in the cached merged config, as a local attacker could.
    entries = list((cache / "merged-configs").glob("*.json"))
    assert entries
    for entry in entries:
        stored = json.loads(entry.read_text())
        stored["data"]["rules"] = {f"NL{n}": False for n in (103, 301)}
        entry.write_text(json.dumps(stored))
    # Swap the stored note models: each is now another note's (well-formed) model.
    db = sqlite3.connect(cache / "notes.sqlite3")
    with db:
        rows = db.execute("SELECT key, model FROM notes").fetchall()
        assert len(rows) >= 2
        for (key, _), (_, model) in zip(rows, [*rows[1:], rows[0]], strict=True):
            db.execute("UPDATE notes SET model = ? WHERE key = ?", (model, key))
    db.close()
    again = run_cli("check", cwd=repo, env=env)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def test_a_stored_model_with_a_field_of_another_type_does_not_decode() -> None:
    import zlib

    import msgspec

    from notes_lint.config import config_from_mapping
    from notes_lint.notecache import decode_note, encode_note
    from notes_lint.parse import parse_note
    from notes_lint.source import from_text

    config = config_from_mapping({"extends": "sklearn-weekly"}, Path.cwd())
    note = parse_note(from_text(HEAD + "- x (Alice)\n", "n.md"), config)
    data = msgspec.msgpack.decode(zlib.decompress(encode_note(note)))
    assert decode_note(zlib.compress(msgspec.msgpack.encode(data))) == note
    data["path"] = 5  # a string in the model
    with pytest.raises(msgspec.ValidationError, match="Expected `str`, got `int`"):
        decode_note(zlib.compress(msgspec.msgpack.encode(data)))
    data["path"], data["todos"][0]["line"] = "n.md", "3"  # an int in the model
    with pytest.raises(msgspec.ValidationError, match=r"todos\[0\]\.line"):
        decode_note(zlib.compress(msgspec.msgpack.encode(data)))
