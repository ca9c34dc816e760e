"""validators.json_path: the one way a schema error's place is written (front matter, config)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.configpos import KEY, VALUE, position
from notes_lint.validators import json_path

_PART = st.one_of(
    st.integers(0, 20),
    st.text(alphabet=st.sampled_from("ab.-_ [']\\\"\n"), max_size=5),
)


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
    assert ":2:10: rules.NL101: 'loud' is not one of" in result.stderr
    assert ":3:1: ['odd key']: unknown key" in result.stderr


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
    assert "people['A.B'].x: unknown key (known keys: aliases, login)" in result.stderr


def test_front_matter_errors_and_the_dump_write_paths_one_way(tmp_path: Path) -> None:
    note = tmp_path / "2024-04-02.md"
    note.write_text('---\n"a.b": {c: .nan}\n---\n# Team meeting 2024-04-02\n', encoding="utf-8")
    result = run_cli("check", "--select", "NL401", str(note), cwd=tmp_path)
    assert "['a.b'].c: nan is not a JSON number" in result.stdout
    note.write_text('---\n"a.b": [x, 1.10]\n---\n# Team meeting 2024-04-02\n', encoding="utf-8")
    result = run_cli("dump", str(note), cwd=tmp_path)
    assert '"[\'a.b\'][1]": "1.10"' in result.stdout


def test_a_quoted_key_is_found_in_the_config_file(tmp_path: Path) -> None:
    """A problem's place travels as its key path's parts: a key with a space or a dot
    is found as it is written (configpos, which check and the server share)."""
    config = tmp_path / ".notes-lint.yaml"
    config.write_text(
        'extends: []\npeople:\n  Ana: ana\n  "Jean Marc":\n    x: 1\n  Bo.b: {}\n',
        encoding="utf-8",
    )
    origin = str(config)
    assert position(origin, ("people", "Jean Marc", "x"), KEY) == (5, 5)
    assert position(origin, ("people", "Jean Marc"), KEY) == (4, 3)
    assert position(origin, ("people", "Jean Marc"), VALUE) == (5, 5)
    assert position(origin, ("people", "Ana"), VALUE) == (3, 8)
    assert position(origin, ("people", "Bo.b"), KEY) == (6, 3)
    assert position(origin, ("people", "Nobody"), KEY) is None
    assert position(origin, (), KEY) == (1, 1)
