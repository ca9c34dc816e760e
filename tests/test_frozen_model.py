"""The parts of the note model the parser builds once with their final values are frozen:
no rule or later step can change what the parse found."""

from __future__ import annotations

import pytest
from conftest import make_config

from notes_lint.parse import parse_note
from notes_lint.source import from_text

NOTE = """---
"a.b": {c: .nan}
---
# [Team](https://example.org) meeting 2023-02-30

See https://example.org/x for more.
"""


def test_links_dates_and_front_matter_are_built_final_and_frozen() -> None:
    note = parse_note(from_text(NOTE, "notes/x.md"), make_config())
    assert note.frontmatter is not None and note.date is not None
    heading_link, bare = note.links
    assert heading_link.in_heading and not bare.in_heading  # set when made, not after
    assert note.date.not_a_day == "2023-02-30"
    assert note.frontmatter.error == "['a.b'].c: nan is not a JSON number"
    for part, field in (
        (bare, "in_heading"),
        (note.date, "not_a_day"),
        (note.frontmatter, "error"),
    ):
        with pytest.raises(AttributeError):
            setattr(part, field, None)
