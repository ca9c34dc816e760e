"""One typo cut-off (matching.TYPO_CUTOFF) for NL104 and NL109: a person-section heading
that is neither a roster name nor a section name gets exactly one of the two."""

from __future__ import annotations

from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st

from notes_lint.config import config_from_mapping
from notes_lint.linter import lint_text

CONFIG = config_from_mapping(
    {"extends": "sklearn-weekly", "people": {"Guillaume": None, "Julien": None}}, Path(".")
)
NOTE = "## March 20th, 2024\n\n### Julien\n\n- did things\n\n### {title}\n\n- more\n"


def _codes(title: str) -> set[str]:
    found = lint_text(NOTE.format(title=title), CONFIG, "2024-03-20.md")
    return {d.code for d in found if d.line == 7 and d.code in ("NL104", "NL109")}


def _edits(word: str) -> st.SearchStrategy[str]:
    """``word`` with one to three letters dropped, doubled or swapped."""

    def change(text: str, steps: list[tuple[int, int]]) -> str:
        for kind, at in steps:
            i = at % len(text)
            if kind == 0 and len(text) > 2:
                text = text[:i] + text[i + 1 :]
            elif kind == 1:
                text = text[: i + 1] + text[i:]
            elif i + 1 < len(text):
                text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text

    steps = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 50)), min_size=1, max_size=3)
    return steps.map(lambda s: change(word, s))


@settings(max_examples=60, deadline=None)
@given(title=st.sampled_from(["Discussion", "Guillaume"]).flatmap(_edits))
def test_nl104_and_nl109_split_every_unknown_person_heading(title: str) -> None:
    codes = _codes(title)
    if title in ("Discussion", "Guillaume", "Julien") or not title[0].isupper():
        return
    event(f"codes {sorted(codes)}")
    assert len(codes) == 1, (title, codes)


def test_examples() -> None:
    assert _codes("Discusion") == {"NL104"}  # a section name's typo: NL104 only
    assert _codes("Guilaume") == {"NL109"}  # a person's typo: NL109, did you mean
    assert _codes("Julien") == set()
