"""LSP positions against Python's own encoders: notes-lint's code-point columns map to
UTF-16 / UTF-8 / UTF-32 code units and back (emoji and other astral characters too)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notes_lint.server.positions import UTF8, UTF16, UTF32, to_character, to_col

CODECS = {UTF16: ("utf-16-le", 2), UTF8: ("utf-8", 1), UTF32: ("utf-32-le", 4)}
lines = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=40)


@given(lines, st.data(), st.sampled_from(sorted(CODECS)))
def test_columns_round_trip(line: str, data: st.DataObject, encoding: str) -> None:
    col = data.draw(st.integers(1, len(line) + 1))
    codec, size = CODECS[encoding]
    character = to_character(line, col, encoding)
    assert character == len(line[: col - 1].encode(codec)) // size
    assert to_col(line, character, encoding) == col


def test_an_emoji_is_two_utf16_units() -> None:
    line = "- 🎉 see https://example.org"
    col = line.index("https") + 1
    assert to_character(line, col, UTF16) == col  # one code point, two units: +1
    assert to_character(line, col, UTF8) == col - 1 + 3
    assert to_col(line, 3, UTF16) == 3  # inside the surrogate pair: the emoji's column
