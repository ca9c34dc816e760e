"""validators.json_path: the one way a schema error's place is written (front matter, config)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from hypothesis import event, given
from hypothesis import strategies as st

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
    assert "  rules.NL101: 'loud' is not one of" in result.stderr
    assert "['odd key']: unknown key" in result.stderr
