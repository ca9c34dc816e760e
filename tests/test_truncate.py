"""notes_lint.truncate: the one cut with "…" (messages, issue titles, table columns)."""

from __future__ import annotations

import regex
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.errors import MAX_DESCRIPTION, describe
from notes_lint.sync import TITLE_LIMIT, issue_title
from notes_lint.truncate import ELLIPSIS, truncate

_LETTERS = st.sampled_from("ab ,.;:é\u0301👍\u200d🏽x")


@st.composite
def text_and_limit(draw: st.DrawFn) -> tuple[str, int]:
    """A limit of 1-40 characters and a text: nine times in ten longer than the limit
    (the cut is what is tested), else one that fits."""
    limit = draw(st.integers(1, 40))
    if draw(st.sampled_from([*[True] * 9, False])):
        return draw(st.text(alphabet=_LETTERS, min_size=limit + 1, max_size=limit + 40)), limit
    return draw(st.text(alphabet=_LETTERS, max_size=limit)), limit


def _boundaries(text: str) -> set[int]:
    return {0} | {m.end() for m in regex.finditer(r"\X", text)}


@given(
    text_limit=text_and_limit(),
    at_word=st.booleans(),
    trim=st.sampled_from(["", " ,.;:"]),
)
def test_the_cut_fits_keeps_a_prefix_and_never_splits_a_character(
    text_limit: tuple[str, int], at_word: bool, trim: str
) -> None:
    text, limit = text_limit
    out = truncate(text, limit, at_word=at_word, trim=trim)
    assert len(out) <= limit
    if len(text) <= limit:
        event("fits")
        assert out == text
        return
    event("cut at a word" if at_word and " " in out else "cut")
    kept = out.removesuffix(ELLIPSIS)
    assert out.endswith(ELLIPSIS) and text.startswith(kept)
    assert len(kept) in _boundaries(text)
    if trim:
        assert not kept or kept[-1] not in trim


def test_examples() -> None:
    assert truncate("abcdef", 4) == "abc…"
    assert truncate("abcd", 4) == "abcd"
    assert truncate("ab cd ef", 7, at_word=True) == "ab cd…"
    assert truncate("ab cd ef", 7) == "ab cd …"
    assert truncate("ab, cd ef", 8, at_word=True, trim=" ,") == "ab, cd…"
    assert truncate("word, next", 7, trim=" ,.") == "word…"
    assert truncate("cafe\u0301s", 5) == "caf…"  # the accent is not left without its e
    assert truncate("x", 1) == "x" and truncate("xy", 1) == ELLIPSIS


def test_a_limit_below_one_is_refused() -> None:
    try:
        truncate("abc", 0)
    except ValueError as error:
        assert "limit" in str(error)
    else:  # pragma: no cover - the assertion
        raise AssertionError("no ValueError")


def test_callers_use_it() -> None:
    long = "word " * 100
    assert issue_title(long) == truncate(long.strip(), TITLE_LIMIT, at_word=True, trim=" ,.;:")
    assert len(issue_title(long)) <= TITLE_LIMIT and issue_title(long).endswith("word…")
    line = describe(ValueError("x" * 1000))
    assert len(line) == MAX_DESCRIPTION and line.endswith(ELLIPSIS)
