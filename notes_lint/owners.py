"""Owner tags and done markers in TODO text (PRODUCT.md §4 ``todos:``).

Tag styles: ``(Name)`` at the start (``paren-start``) or the end
(``paren-end``), a ``Name:`` prefix (``name-colon``), HackMD's ``[name=Name]``
(``name-tag``), ``@login`` at the start or the end (``mention``), and
``Name to …`` / ``Name will …`` (``name-to``, as minutes are often written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from notes_lint.config import Config
from notes_lint.markers import strip_done as strip_done  # kept importable from here
from notes_lint.markers import strip_marker as strip_marker
from notes_lint.matching import did_you_mean

# The owner patterns run on any contributor's text, so none may backtrack: a word is
# taken whole (possessive), "and" is never a word of a name but only separates names, and
# every run of spaces is taken whole.  Each pattern then matches in time linear in the text
# (issue 12, S1/S3/S4; tests/test_linear.py).
_WORD = r"(?!and(?![\w.'’-]))[^\W\d_][\w.'’-]*+"
_SEP = r"\s*+(?:[,&/]\s*+(?:and(?![\w.'’-])\s*+)?|and(?![\w.'’-])\s*+)"
# A name is one to four words.  Lazy in ``name-to``: "Ana to ship to prod" is owned by Ana
# (the shortest name the pattern allows); elsewhere the name runs to a closing mark.
_NAME = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}+"
_NAMES = rf"{_NAME}(?:{_SEP}{_NAME})*+"
_NAME_LAZY = rf"{_WORD}(?:[ ]{_WORD}){{0,3}}?"
_NAMES_LAZY = rf"{_NAME_LAZY}(?:{_SEP}{_NAME_LAZY})*"
_LOGIN = r"[A-Za-z0-9][A-Za-z0-9-]{0,38}"
_WHOLE_LOGIN = r"[A-Za-z0-9][A-Za-z0-9-]{0,38}+"
_TAG_TEXT = r"[^\[\]]++"  # a [name=...] tag's text: no bracket, so no search rescans the line
_NAME_TAG = regex.compile(rf"\[name=({_TAG_TEXT})\]\s*+:?\s*+")
_PAREN_START = regex.compile(rf"\(\s*+({_NAMES})\s*+\)\s*+:?\s*+")
# Matched at the last "(" (names hold none): a search would rescan the text from every space.
_PAREN_END = regex.compile(rf"\(\s*+({_NAMES})\s*+\)\s*+\.?\s*+$")
_NAME_COLON = regex.compile(rf"({_NAME})\s*+:\s++(?=\S)")
_NAME_TO = regex.compile(rf"({_NAMES_LAZY})\s++(?:to|will|is going to|are going to)\s++(?=\S)")
_MENTION_START = regex.compile(rf"@({_LOGIN})\b\s*+:?\s*+")
# Matched at the last "@" (a login holds none), which must follow a space.
_MENTION_END = regex.compile(rf"@({_WHOLE_LOGIN})\s*+\.?\s*+$")
_SPLIT_NAMES = regex.compile(r"\s*+(?:,|&|/|\band\b)\s*+")
_GROUP = (
    regex.compile(rf"\(\s*+({_NAMES})\s*+\)\s*+:?\s*+$"),
    regex.compile(rf"({_NAMES})\s*+:\s*+$"),
    regex.compile(rf"\[name=({_TAG_TEXT})\]\s*+:?\s*+$"),
    regex.compile(rf"@({_WHOLE_LOGIN})\s*+:?\s*+$"),
)
MAX_NAMES = 32
"""Names of one owner tag that are kept (each is located in the text: a longer list is noise)."""
_GROUP_STYLES = ("paren-start", "name-colon", "name-tag", "mention")
_NOT_OWNERS = frozenset(
    {
        "done",
        "wip",
        "todo",
        "optional",
        "maybe",
        "tbd",
        "urgent",
        "blocked",
        "ongoing",
        "in progress",
    }
)
_PRONOUNS = frozenset(
    {
        "we",
        "i",
        "you",
        "they",
        "he",
        "she",
        "it",
        "this",
        "that",
        "everyone",
        "everybody",
        "all",
        "someone",
        "somebody",
        "nobody",
        "team",
        "the team",
        "group",
        "people",
        "anyone",
        "need",
        # Words that open a sentence like a name would ("Good to land #238").
        "good",
        "ok",
        "okay",
        "fine",
        "nice",
        "plan",
        "next",
        "time",
        "decision",
        "decided",
        "agreed",
        "proposal",
        "want",
        "wants",
        "going",
        "hard",
        "easy",
        "better",
        "best",
        "important",
        "needs",
        "consensus",
    }
)


@dataclass
class OwnerTag:
    names: list[str] = field(default_factory=list)
    style: str | None = None
    rest: str = ""
    # For each name, how many times it occurs as a word before the tag's own occurrence
    # in the text searched: locates the tag in the source (for fixes).
    ordinals: list[int] = field(default_factory=list)


def word_pattern(name: str) -> re.Pattern[str]:
    """``name`` as a whole word (not inside a longer name)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _ordinals(text: str, match: regex.Match[str], names: list[str]) -> list[int]:
    """Occurrences of each name as a word before its place in ``match``'s group 1."""
    out = []
    at = match.start(1)
    for name in names:
        found = text.find(name, at)
        at = found if found >= 0 else at
        out.append(len(word_pattern(name).findall(text, 0, at)))
        at += len(name)
    return out


def _plausible(name: str, config: Config, style: str) -> bool:
    """Whether ``name`` can be an owner.

    Never a status word.  A ``Name:`` prefix is also how people write labels
    ("Blocker: fix CI"), so with a roster it must be a known or close name, or
    at least be capitalised like one.
    """
    if name.casefold() in _NOT_OWNERS:
        return False
    if style == "name-to":
        # "Michael to open an issue", "MD & MB to follow up": only names, never "We will".
        return all(n.casefold() not in _PRONOUNS for n in _split(name)) and (
            all(config.person(n) is not None for n in _split(name))
            or all(word[:1].isupper() for word in name.split() if word not in ("and", "&"))
        )
    if style == "name-colon":
        if config.person(name) is not None:
            return True
        if config.people and did_you_mean(name, config.roster_names()) is not None:
            return True
        # "niko:" is a name; "alternative time selected:" is a label.
        return len(name.split()) == 1 or all(word[:1].isupper() for word in name.split())
    return True


def _split(names: str) -> list[str]:
    return [n.strip() for n in _SPLIT_NAMES.split(names) if n.strip()][:MAX_NAMES]


def owner_group(text: str, config: Config) -> OwnerTag | None:
    """The owner of a list item that is only an owner tag (``(Julien):``, ``@jjerphan``)."""
    stripped = text.strip()
    for pattern, style in zip(_GROUP, _GROUP_STYLES, strict=True):
        if style not in config.todos.owner_tags and not (
            style == "paren-start" and "paren-end" in config.todos.owner_tags
        ):
            continue
        match = pattern.match(stripped)
        if match and _plausible(match[1], config, style):
            names = _split(match[1])
            return OwnerTag(names, style, "", _ordinals(stripped, match, names))
    return None


def _match(style: str, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``pattern`` at the start of ``text``, or for a tag at the end, at its last opening mark."""
    if style == "paren-end":
        at = text.rfind("(")
    elif pattern is _MENTION_END:
        at = text.rfind("@")
        if at < 1 or not text[at - 1].isspace():
            return None
    else:
        at = 0
    return pattern.match(text, at) if at >= 0 else None


def find_owner(text: str, config: Config) -> OwnerTag:
    """Take the owner tag off a TODO's text; ``names`` is empty when there is none.

    Linear in the text's length (no pattern backtracks); at most :data:`MAX_NAMES` names.
    """
    styles = config.todos.owner_tags
    text = text.strip()
    if "name-tag" in styles:
        match = _NAME_TAG.search(text)
        if match:
            rest = (text[: match.start()] + text[match.end() :]).strip()
            names = _split(match[1])
            return OwnerTag(names, "name-tag", rest, _ordinals(text, match, names))
    candidates = (
        ("mention", _MENTION_START),
        ("paren-start", _PAREN_START),
        ("name-colon", _NAME_COLON),
        ("paren-end", _PAREN_END),
        ("mention", _MENTION_END),
        ("name-to", _NAME_TO),
    )
    found: list[OwnerTag] = []
    for style, pattern in candidates:
        if style not in styles:
            continue
        match = _match(style, pattern, text)
        if match and _plausible(match[1], config, style):
            rest = (text[: match.start()] + " " + text[match.end() :]).strip()
            names = [match[1]] if style == "mention" else _split(match[1])
            tag = OwnerTag(names, style, rest, _ordinals(text, match, names))
            # Several tags ("niko to post a comment (Pin)"): one naming roster people wins,
            # else the first in the order above. Without a roster, the first is final.
            if not config.people or all(config.person(n) is not None for n in names):
                return tag
            found.append(tag)
    return found[0] if found else OwnerTag([], None, text)
