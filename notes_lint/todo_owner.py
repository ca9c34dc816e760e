"""Who owns one TODO, and where the owner is written (PRODUCT.md §4–§5, issue 13).

:func:`notes_lint.todos.collect_todos` decides which text is a TODO; this module
resolves its owner from that text, in order: an owner tag of the text
(:func:`notes_lint.owners.find_owner`), the tag after a struck-through correction
(``~~Kwame~~ Priya: book it``), the tag opening a later sentence or a date label
(``Feature highlights. Farah: draft them``, ``2021-05-11: Felix to ask …``), the tag
hidden by a done marker after it (``x (Julien) (done)``), else the owner the TODO
inherits from the item above it.  Then the owner's spelling (the roster's, for a
roster person or a typo of exactly one) and the source span of each name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

from notes_lint.config import Config
from notes_lint.dates import NAMED_FORMATS, find_date
from notes_lint.markers import strip_done
from notes_lint.model import Span
from notes_lint.owners import (
    REMARK_LABELS,
    OwnerTag,
    find_owner,
    joined,
    roster_person,
    word_pattern,
)

_LEADING_STRUCK = re.compile(r"[ \t]*(?:~~(?:(?!~~).)+~~[ \t]*)+")
MAX_PARAGRAPH_LINES = 50  # how far a TODO's paragraph is searched (its owner tag, its links)
_SENTENCE = re.compile(r"(?:[.;!?]|\s[-–—])\s+(?=\S)")
# A date that labels an action with the day it was given: ``[2021-05-04]: Niko to …``.
_DATE_LABEL = re.compile(r"\[?([^\[\]:\n]{4,40}?)\]?:\s+(?=\S)")
_LATER_STYLES = ("name-colon", "name-to", "mention", "paren-start")
"""The tags that can open a later sentence of a TODO and name its owner."""


@dataclass(frozen=True)
class ResolvedOwner:
    """A TODO's owner as resolved from its text.

    ``text``: the TODO's text (without a struck correction before the owner);
    ``tag``: the owner tag (``names`` empty: no owner), whose ``rest`` is the text
    without it; ``at``: the (line, column) the tag's names are counted from;
    ``marked``: whether a done marker hid the tag (the TODO is then done).
    """

    text: str
    tag: OwnerTag
    at: tuple[int, int]
    marked: bool


def resolve_owner(
    text: str,
    config: Config,
    at: tuple[int, int],
    *,
    inherited: OwnerTag | None = None,
    inherited_at: tuple[int, int] | None = None,
    forced: bool = False,
    struck_whole: bool = False,
    known: frozenset[str] = frozenset(),
) -> ResolvedOwner:
    """The owner of a TODO whose ``text`` starts at ``at`` (see the module docstring).

    ``inherited``: the owner of the item above (where ``inherited_at``); with ``forced``
    it is the owner whatever the text names.  ``struck_whole``: the text is struck
    through whole (a correction is then no correction).  ``known``: the person keys of
    the note's own people (:func:`notes_lint.owners.is_person_name`).
    """
    markers = config.todos.done_markers
    tag = inherited if forced and inherited is not None else find_owner(text, config, known)
    leading = _LEADING_STRUCK.match(text)  # anchored: no rescan from every space
    corrected = text[leading.end() :] if leading is not None and leading.end() else text
    if corrected != text and corrected.strip() and not struck_whole and not forced:
        retry = find_owner(corrected, config, known)
        if retry.names and retry.names != tag.names:
            text, tag = corrected, retry
    if not tag.names:  # "Feature highlights. Farah: draft them": a later sentence's owner
        tag = sentence_owner(text, config, known) or tag
    marked = False
    if not tag.names:  # a done marker after the owner tag hides it: "x (Julien) (done)"
        unmarked, marked = strip_done(text, markers)
        retry = find_owner(unmarked, config, known) if marked else tag
        tag, marked = (retry, True) if retry.names else (tag, False)
    if not tag.names and inherited is not None:
        tag = OwnerTag(inherited.names, inherited.style, tag.rest, inherited.ordinals)
        at = inherited_at or at
    return ResolvedOwner(text, tag, at, marked)


class OwnerFields(TypedDict, total=False):
    """A TODO's owner fields (see :class:`~notes_lint.model.Todo`); none for no owner."""

    owner: str
    owners: tuple[str, ...]
    owner_spans: tuple[Span | None, ...]
    login: str | None
    owner_style: str | None


def owner_fields(
    tag: OwnerTag, at: tuple[int, int], config: Config, lines: Sequence[str]
) -> OwnerFields:
    """The owner fields of a TODO whose owner tag is ``tag`` (found from ``at``): the
    owners, each name's span in the source ``lines`` (none without them), and the owner's
    spelling and login: a roster person's (a typo of exactly one roster person is that
    person; NL302 still reports it), else the name as written; a ``@login`` is the login
    too.  Empty when ``tag`` names no one."""
    if not tag.names:
        return {}
    person = roster_person(tag.names[0], config)
    login: str | None
    if tag.style == "mention":  # the roster's spelling of a login (GitHub's are caseless)
        login = person.login if person and person.login else tag.names[0]
    else:
        login = person.login if person else None
    return {
        "owner": person.name if person else tag.names[0],
        "owners": tuple(tag.names),
        "owner_spans": tuple(owner_spans(tag, lines, at)) if lines else (None,) * len(tag.names),
        "login": login,
        "owner_style": tag.style,
    }


def owner_spans(tag: OwnerTag, lines: Sequence[str], at: tuple[int, int]) -> list[Span | None]:
    """Where each owner name of ``tag`` is written: its n-th occurrence as a word in the
    paragraph starting at ``at`` (line, col), n counted as in the text the tag was found in."""
    spans: list[Span | None] = []
    for index, name in enumerate(tag.names):
        ordinal = tag.ordinals[index] if index < len(tag.ordinals) else 0
        spans.append(_nth_word(name, ordinal, lines, at))
    return spans


def _nth_word(name: str, ordinal: int, lines: Sequence[str], at: tuple[int, int]) -> Span | None:
    pattern = word_pattern(name)
    line, col = at
    seen = 0
    for number in range(line, min(line + MAX_PARAGRAPH_LINES, len(lines) + 1)):
        text = lines[number - 1]
        if number > line and not text.strip():
            break  # the paragraph ended
        for match in pattern.finditer(text, col - 1 if number == line else 0):
            if seen == ordinal:
                return Span(number, match.start() + 1, number, match.end() + 1)
            seen += 1
    return None


def date_label(text: str, config: Config) -> int:
    """Where the text after a leading date label starts (0 without one)."""
    label = _DATE_LABEL.match(text)
    if label is None:
        return 0
    found = find_date(label[1], (*config.date.formats, *NAMED_FORMATS))
    whole = found is not None and found.start == 0 and found.end == len(label[1].strip())
    return label.end() if whole else 0


def sentence_owner(
    text: str, config: Config, known: frozenset[str] = frozenset()
) -> OwnerTag | None:
    """The owner tag that opens a later sentence or clause of ``text``, with ``rest``
    the whole text without it (``ACTION: attend the meeting. Sara to merge PR.``,
    ``2021-05-11: Felix to ask …``)."""
    labelled = date_label(text, config)
    starts = [b.end() for b in _SENTENCE.finditer(text)]
    for start in [labelled, *starts] if labelled else starts:
        clause = text[start:]
        tag = find_owner(clause, config, known)
        if tag.names and tag.names[0].casefold() in REMARK_LABELS:
            continue  # "… Note: this is hard": a label, not an owner
        if tag.names and tag.style in _LATER_STYLES:
            before = text[labelled:start].strip()  # the date label is no word of the task
            return OwnerTag(tag.names, tag.style, joined(before, tag.rest), tag.ordinals)
    return None
