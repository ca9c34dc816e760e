"""validators.json_path: the one way a schema error's place is written (front matter, config)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.server.session import key_position
from notes_lint.validators import json_path, read_json_path

_PART = st.one_of(
    st.integers(0, 20),
    st.text(alphabet=st.sampled_from("ab.-_ [']\\\"\n"), max_size=5),
)
_ANY_PART = st.one_of(
    st.integers(-(10**12), 10**12),
    st.text(alphabet=st.sampled_from("aZ0.:_- [']\\\"\n\t\x85é😀\ud800\u200b$"), max_size=6),
    st.text(max_size=6),  # any code point, lone surrogates included
)


def _whole_path(text: str, root: str = "$") -> tuple[str | int, ...] | None:
    """The parts of ``text`` when all of it is one key path, else None."""
    parts, end = read_json_path(text, root=root)
    return parts if text.startswith(root) and end == len(text) else None


def test_examples() -> None:
    assert json_path(["attendees", 0, "name"]) == "$.attendees[0].name"
    assert json_path([]) == "$"
    assert json_path(["a.b", "it's", ""]) == "$['a.b']['it\\'s']['']"
    assert json_path(["line\nbreak"]) == "$['line\\nbreak']"
    assert json_path(["links", "default-repo"], root="") == "links.default-repo"
    assert json_path([0, "x"], root="") == "[0].x"
    assert json_path([], root="") == ""


@given(left=st.lists(_PART, max_size=4), right=st.lists(_PART, max_size=4))
def test_two_places_never_read_the_same(left: list[str | int], right: list[str | int]) -> None:
    same = json_path(left) == json_path(right)
    event("same path" if same else "different paths")
    assert same == (left == right)
    assert "\n" not in json_path(left)


def test_config_messages_use_it(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text(
        "rules:\n  NL101: loud\n'odd key': 1\n", encoding="utf-8"
    )
    (tmp_path / "2024-04-02.md").write_text("# Team meeting 2024-04-02\n", encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "  rules.NL101: 'loud' is not one of" in result.stderr
    assert "['odd key']: unknown key" in result.stderr


@given(parts=st.lists(_ANY_PART, max_size=5), root=st.sampled_from(["$", ""]))
def test_the_reader_reads_back_what_the_writer_wrote(parts: list[str | int], root: str) -> None:
    written = json_path(parts, root=root)
    event("quoted" if "['" in written else "plain")
    assert _whole_path(written, root=root) == tuple(parts)
    # a problem message: the path, then ": " and the problem
    assert read_json_path(f"{written}: x: y", root=root) == (tuple(parts), len(written))


def test_the_reader_refuses_what_is_not_a_path() -> None:
    for text in ("$.a b", "$['a]", "a", "$.a..b", "$[x]"):
        assert _whole_path(text) is None, text
    assert _whole_path("people['Jean Marc'][2].x", root="") == ("people", "Jean Marc", 2, "x")


def test_config_errors_write_paths_one_way(tmp_path: Path) -> None:
    """Both the JSON check of a config (``.inf``) and its schema check write a key with a
    dot in brackets: ``people['A.B']``, never ``people.A.B``."""
    (tmp_path / "2024-04-02.md").write_text("# Team meeting 2024-04-02\n", encoding="utf-8")
    config = tmp_path / ".notes-lint.yaml"
    config.write_text('people: {"A.B": {x: .inf}}\n', encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "people['A.B'].x: inf is not a JSON number" in result.stderr
    config.write_text('people: {"A.B": {x: 1}}\n', encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "people['A.B']: Additional properties" in result.stderr


def test_front_matter_errors_and_the_dump_write_paths_one_way(tmp_path: Path) -> None:
    note = tmp_path / "2024-04-02.md"
    note.write_text('---\n"a.b": {c: .nan}\n---\n# Team meeting 2024-04-02\n', encoding="utf-8")
    result = run_cli("check", "--select", "NL401", str(note), cwd=tmp_path)
    assert "['a.b'].c: nan is not a JSON number" in result.stdout
    note.write_text('---\n"a.b": [x, 1.10]\n---\n# Team meeting 2024-04-02\n', encoding="utf-8")
    result = run_cli("dump", str(note), cwd=tmp_path)
    assert '"[\'a.b\'][1]": "1.10"' in result.stdout


def test_the_language_server_finds_a_quoted_key(tmp_path: Path) -> None:
    """The server reads back the path of a config's schema problem to place it."""
    config = tmp_path / ".notes-lint.yaml"
    config.write_text(
        'extends: []\npeople:\n  Ana: ana\n  "Jean Marc":\n    x: 1\n  Bo.b: {}\n',
        encoding="utf-8",
    )
    problem = "people['Jean Marc']: Additional properties are not allowed ('x' was unexpected)"
    # the key's value, where the unexpected property is written (as NL402 places it)
    assert key_position(config, problem) == (5, 5)
    assert key_position(config, "people.Ana: 'ana' is not valid") == (3, 3)
    assert key_position(config, "people['Bo.b']: {} is not valid") == (6, 3)
    assert key_position(config, "(top level): nothing") == (1, 1)
