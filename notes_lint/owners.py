"""Owner tags and done markers in TODO text (PRODUCT.md §4 ``todos:``).

Tag styles: ``(Name)`` at the start (``paren-start``) or the end
(``paren-end``), a ``Name:`` prefix (``name-colon``), HackMD's ``[name=Name]``
(``name-tag``), ``@login`` at the start or the end, bare or in brackets
(``(@login)``, ``[@login]``: ``mention``), and
``Name to …`` / ``Name will …`` (``name-to``, as minutes are often written).

What stands in an owner's place must be a name (:mod:`notes_lint.namelike`):
a roster person (or a typo of exactly one), else a word that is a given name
or not a common English word, so ``Update Roadmap to 2022``, ``Note:``,
``All:``, ``(e.g. doc, CI)`` and ``Punt to …`` have no owner.  ``name-colon``
also takes ``Name - do …``; ``name-to`` also takes ``A / B to``, ``A, B and C
will``, ``Name agreed to``, ``Name takes action to``, ``Name to …`` at the
start of a later sentence or parenthesis (``… (Ana to respond.)``), and a
roster person or given name before a verb (``Theo file an issue``).  Owners
are also looked for in the text without its emphasis (``**Theo**: …``).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

import regex

from notes_lint.config import Config, Person
from notes_lint.markers import strip_done as strip_done  # kept importable from here
from notes_lint.markers import strip_marker as strip_marker
from notes_lint.matching import SUGGESTION_CUTOFF, close_matches, typos
from notes_lint.namelike import (
    NAME_ZIPF,
    PASSIVE,
    are_later_name_words,
    is_family_name,
    is_given_name,
    is_lower_case_name,
    is_name_word,
    is_verb_phrase,
    without_honorific,
    zipf,
)
from notes_lint.people import person_key
from notes_lint.urls import LOGIN, LOGIN_POSSESSIVE

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
_LOGIN = LOGIN
_WHOLE_LOGIN = LOGIN_POSSESSIVE
_TAG_TEXT = r"[^\[\]]++"  # a [name=...] tag's text: no bracket, so no search rescans the line
_NAME_TAG = regex.compile(rf"\[name=({_TAG_TEXT})\]\s*+:?\s*+")
_PAREN_START = regex.compile(rf"\(\s*+({_NAMES})\s*+\)\s*+:?\s*+")
# Matched at the last "(" (names hold none): a search would rescan the text from every space.
# A closing tag may hedge: "(bruno/ana, perhaps?)" names two; a hedge is no word of a name
# (a closed class of English adverbs of likelihood: grammar, not a list fitted to notes).
_HEDGES = r"(?:perhaps|maybe|probably|possibly|likely)(?![\w.'’-])"
_TAG_WORD = rf"(?!and(?![\w.'’-])|{_HEDGES})[^\W\d_][\w.'’-]*+"
_TAG_NAME = rf"{_TAG_WORD}(?:[ ]{_TAG_WORD}){{0,3}}+"
_TAG_NAMES = rf"{_TAG_NAME}(?:{_SEP}{_TAG_NAME})*+"
_PAREN_END = regex.compile(
    rf"\(\s*+({_TAG_NAMES})(?:\s*+,?\s*+{_HEDGES})?+\s*+\??+\s*+\)\s*+\.?\s*+$"
)
_NAME_COLON = regex.compile(rf"({_NAMES})(?:\s*+:|\s++[-–—])\s++(?=\S)")
_TO_VERBS = (
    r"to|will|is going to|are going to|is to|(?:agreed|agrees|volunteered|volunteers|offered|"
    r"offers|plans?|promised|needs?) to|takes? (?:the )?action(?: items?)?(?: to)?|"
    r"taking (?:the )?action(?: items?)?(?: to)?|volunteered(?: to)?|volunteers(?: to)?"
)
# An adverb may stand before the verb ("Nick O duly volunteered", "Ana probably will").
# Exported minutes write a mention of a display name: "@Felix K to make a recommendation".
# A passive ("Kubernetes to be upgraded": :data:`notes_lint.namelike.PASSIVE`) names no owner.
_NAME_TO = regex.compile(
    rf"@?+({_NAMES_LAZY}),?\s++(?:[a-z]++(?<=ly)\s++)?(?:{_TO_VERBS})(?![\w'’-])\s*+"
    rf"(?!{PASSIVE})(?=\S|$)"
)
# "(scottmcm) & cancel FCP", "(Priya), then …": a parenthesised name inside the text.
_PAREN_ANY = regex.compile(rf"\(\s*+({_NAMES})\s*+\)")
_WORD_AFTER = regex.compile(r"[\w'’]")
# "Theo file an issue", "Kenji, ping legal" (the person addressed, by one word): a person's
# name, then a lower-case word (a verb).  A determiner after the word says it was a verb ("Merge that
# PR", "Pin the issue").
_NAME_VERB = regex.compile(
    rf"(?|({_WORD}),\s++|({_NAME_LAZY})\s++)(?!(?:the|a|an|that|this|these|those|it|its|all|some|our|their|"
    rf"my|your|his|her|every|each|any|no)(?![\w'’-]))(?=[a-z])"
    # "Loïc to be contacted": a "to" the name-to form refused (a passive) is no verb of Loïc's
    rf"(?!(?:{_TO_VERBS})(?![\w'’-]))"
)
_CLAUSE_START = regex.compile(r"(?:[.;!?]\s++|\(\s*+|(?:\s|(?<=\)))[-–—]\s++)(?=\S)")
MAX_CLAUSES = 16
"""Sentence starts searched for a later ``Name to …`` (bounded: linear in the text)."""
_EMPHASIS = regex.compile(r"~~|\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_MENTION_START = regex.compile(
    rf"@({_LOGIN})(?![\w-])\s*+:?\s*+(?:(?:{_TO_VERBS})(?![\w'’-])\s*+(?=\S))?+"
)
# Matched at the last "@" (a login holds none), which must follow a space.
_MENTION_END = regex.compile(rf"@({_WHOLE_LOGIN})\s*+\.?\s*+$")
# "(@octocat): review", "[@octocat] review": a mention in brackets, as "(Name)" is written;
# "[@octocat](url)" and "[@octocat][ref]" are links (their text the mention), not brackets.
_BRACKETED_MENTION_START = regex.compile(
    rf"(?|\(\s*+@({_WHOLE_LOGIN})\s*+\)|\[\s*+@({_WHOLE_LOGIN})\s*+\](?![(\[]))\s*+:?\s*+"
)
# "Review the API (@octocat)": matched at the last "(".
_BRACKETED_MENTION_END = regex.compile(rf"\(\s*+@({_WHOLE_LOGIN})\s*+\)\s*+\.?\s*+$")
# "email needs to be sent - Michael", "… re: decision-making: Chris", "… -- cramertj,
# withoutboats", "… @Nicholas M": a name tagged onto the end, after a spaced dash, a colon or
# an "@".  Matched at the last such mark (names hold none of them).
_NAME_END = regex.compile(rf"(?:[ \t]*+[-–—]{{1,2}}+|:|@)[ \t]*+@?+({_NAMES})[ \t]*+\.?+[ \t]*+$")
_SPLIT_NAMES = regex.compile(r"\s*+(?:,|&|/|\band\b)\s*+")
_GROUP = (
    regex.compile(rf"\(\s*+({_NAMES})\s*+\)\s*+:?\s*+$"),
    regex.compile(rf"({_NAMES})\s*+:\s*+$"),
    regex.compile(rf"\[name=({_TAG_TEXT})\]\s*+:?\s*+$"),
    regex.compile(rf"@({_WHOLE_LOGIN})\s*+:?\s*+$"),
    regex.compile(rf"({_NAMES})\s*+\.?+$"),
    regex.compile(rf"(?|\(\s*+@({_WHOLE_LOGIN})\s*+\)|\[\s*+@({_WHOLE_LOGIN})\s*+\])\s*+:?\s*+$"),
)
MAX_NAMES = 32
"""Names of one owner tag that are kept (each is located in the text: a longer list is noise)."""
_EXPLICIT = frozenset({"paren-start", "paren-end", "name-tag", "mention"})
"""Owner tags that say they name a person: any name is taken (NL302 reports one not in
the roster).  The others (``Name:``, ``Name to``, ``… - Name``) take only a roster person
when there is a roster (issue 13, "Owners")."""
_GROUP_STYLES = ("paren-start", "name-colon", "name-tag", "mention", "name-colon", "mention")
NOT_OWNERS = frozenset(
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
"""Words written where an owner stands that are a status, not a person (``(WIP)``;
casefolded).  A closed class of status words, kept as a list by design: a status is no
matter of word frequency (``wip`` and ``tbd`` are rare words, yet no one's name)."""


@dataclass
class OwnerTag:
    names: list[str] = field(default_factory=list)
    style: str | None = None
    rest: str = ""
    # For each name, how many times it occurs as a word before the tag's own occurrence
    # in the text searched: locates the tag in the source (for fixes).
    ordinals: list[int] = field(default_factory=list)


_CLOSING = frozenset(",;:.!?)]}")
"""Marks written right after a word, with no space before them (English punctuation)."""


def joined(before: str, after: str) -> str:
    """``before`` and ``after``, the text on each side of an owner tag taken out of a
    TODO, joined as a writer joins them: no space before a closing mark (``,;:.!?)]}``),
    one space otherwise; each side's own white space at the join is dropped, and so is the
    white space at the ends (``Release 1.2 (Ana), then tell Bo`` -> ``Release 1.2, then
    tell Bo``, not ``Release 1.2 , then tell Bo``).  The one rule for every tag's
    :attr:`OwnerTag.rest` (:func:`find_owner`, :func:`notes_lint.todo_owner.sentence_owner`).
    Releases before it kept a space before the mark: ids read from such a text are found
    again through :func:`notes_lint.identity.former_todo_ids`."""
    before, after = before.strip(), after.strip()
    if not before or not after:
        return before or after
    return f"{before}{'' if after[0] in _CLOSING else ' '}{after}"


def without_tag(text: str, start: int, end: int) -> str:
    """``text`` without the owner tag written at ``text[start:end]`` (:func:`joined`)."""
    return joined(text[:start], text[end:])


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


def _is_phrase_word(word: str) -> bool:
    """Whether ``word`` beside a roster name makes a phrase, not a longer name: a word in
    lower case (``e.g.``) or a common word (``Ask``); not an initial (``K``) or a name."""
    return not word[:1].isupper() or (len(word.strip(".")) > 1 and not is_name_word(word))


def roster_spelling(
    name: str, config: Config, pool: list[str] | None = None, *, typos_only: bool = False
) -> str | None:
    """The roster spelling (a name, alias or login of ``pool``, by default all of them)
    that ``name`` is a near-miss of, when it is one of exactly one person; else None.

    One rule for NL302's did-you-mean and fix, and for the ledger (issue 13, "Owners";
    issue 18): a typo (:func:`notes_lint.matching.typos`: ``Julein``, ``Guilaume``),
    else (unless ``typos_only``) a whole-name near-miss
    (:func:`notes_lint.matching.close_matches`, ``near``: ``Juli`` for ``Julien``; never
    ``Natalie`` for ``Ali``) naming a single person.  Names are compared by
    :func:`notes_lint.people.person_key`.  No spelling for a name that names several
    roster people as a word (``O'Brien`` with two O'Briens: :meth:`Config.people_named`),
    and none of a person whose name lacks a word of ``name`` that is a word of another
    roster name (``Anne Marie`` is not ``Anne Martin`` when ``Anne-Marie Dubois`` is
    listed: ``marie`` is her word).
    """
    if name.endswith(("'s", "’s")):
        return None  # "Bartek's team": a possessive, whose team it is, not a typo
    if len(config.people_named(name)) > 1:
        return None  # the word of several people: no one in particular
    words = name.split()
    if len(words) > 1 and any(
        config.person(w) is not None and any(_is_phrase_word(o) for o in words if o != w)
        for w in words
    ):
        return None  # "Ask Ingrid", "e.g. Bartek": a phrase around a name, not its typo
    if pool is None:
        pool = [
            n for p in config.people for n in (p.name, *p.aliases, *([p.login] if p.login else []))
        ]
    kept = person_key(name).split()
    owned = [word for word in kept if word in config.name_words]
    searches = [typos(name, pool)]
    if not typos_only:
        searches.append(
            close_matches(name, pool, SUGGESTION_CUTOFF, limit=5, scorer="near", key=person_key)
        )
    for found in searches:
        matches = [m for m in found if _keeps_words(m, owned, config)]
        people = {id(config.person(match)) for match in matches}
        if matches and len(people) == 1 and config.person(matches[0]) is not None:
            return matches[0]
        if matches:
            return None  # close to several people: no one in particular
    return None


def _keeps_words(spelling: str, words: list[str], config: Config) -> bool:
    """Whether the roster person of ``spelling`` has each of ``words`` (person keys) in
    one of their names, aliases or login."""
    person = config.person(spelling)
    if person is None:
        return False
    own = {
        word
        for written in (person.name, *person.aliases, *((person.login,) if person.login else ()))
        for word in person_key(written).split()
    }
    return all(word in own for word in words)


def roster_candidates(name: str, config: Config) -> list[str]:
    """The roster names ``name`` could mean when it names several people as a word
    (``O'Brien``: ``Dana O'Brien``, ``Pat O'Brien``), for NL301/NL302's messages; ``[]``
    when it names one person or none."""
    people = config.people_named(name)
    return [person.name for person in people] if len(people) > 1 else []


def roster_person(name: str, config: Config) -> Person | None:
    """The roster person ``name`` names: by name, alias or login, or as a near-miss of
    exactly one person (:func:`roster_spelling`: ``Julein`` for Julien)."""
    person = config.person(name)
    if person is not None or not config.people:
        return person
    spelling = roster_spelling(name, config)
    return config.person(spelling) if spelling is not None else None


def _marker_words(config: Config) -> frozenset[str]:
    """The TODO markers as words (``AI:`` -> ``ai``): a marker is never a person."""
    return frozenset(regex.sub(r"[\W_]+", " ", m).strip().casefold() for m in config.todos.markers)


def is_person_name(
    name: str, config: Config, *, explicit: bool = True, known: frozenset[str] = frozenset()
) -> bool:
    """Whether ``name`` (one to four words) names a person (issue 13, "Owners").

    A roster person or a near-miss of one is; a status word (``done``) or a TODO
    marker (``AI``) is not; otherwise the first word must be a name word
    (:func:`notes_lint.namelike.is_name_word`: ``Ana``, ``kmorales``, ``QX``,
    ``Jean-Marc``, ``O'Neil``; not ``Update``, ``Note``, ``All``, ``e.g.``) and any
    later word capitalised or a name particle before a capitalised one (``Nick O``,
    ``Brian Warner``, ``Ana de Vries``; not ``CPC members``).  With a roster, a name
    that is not ``explicit`` (``Name:``, ``Name to``; not ``(Name)``) must be a roster person:
    ``Kubernetes: upgrade`` has no owner.

    ``known``: the person keys of the note's own people (its attendance list, its
    speakers): a name whose words all are known is a person, even a common word
    (``Singh``, ``Patel`` listed as attendees).  A family name (Faker's lists:
    :func:`notes_lint.namelike.is_family_name`) is a name in an ``explicit`` tag
    (``(Jones)``, ``(Müller)``), and in another place when it is rare as an English word
    (below :data:`notes_lint.namelike.NAME_ZIPF`: ``Patel:``, ``Martinez to``).
    """
    key = name.strip().casefold()
    if not key or key in NOT_OWNERS or key in REMARK_LABELS or key in _marker_words(config):
        return False
    if roster_person(name, config) is not None:
        return True
    if config.people and not explicit:
        return False  # with a roster, an implicit owner is a roster person (issue 13)
    first, *others = name.split()
    if known and all(person_key(word) in known for word in name.split()):
        return True
    if is_verb_phrase(name):
        return False
    family = is_family_name(first) and (explicit or zipf(first) < NAME_ZIPF)
    return (is_name_word(first) or family) and are_later_name_words(others)


def _is_person(name: str, config: Config, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` is surely a person, as a bare name before a verb needs: a roster
    person, a given name followed by a family name (``Brian Warner has …``), or a lone
    given name that is not also a common English word
    (:data:`notes_lint.namelike.NAME_ZIPF`: ``Theo``; not ``Mark`` nor ``Grant``, which
    open sentences as words: ``Grant application to go out``), or a name whose words are
    all ``known`` people of the note (:func:`is_person_name`)."""
    if roster_person(name, config) is not None:
        return True
    if config.people:
        return False
    if known and all(person_key(word) in known for word in name.split()):
        return name[:1].isupper()
    if is_verb_phrase(name):
        return False
    first, *others = name.split()
    return (
        is_given_name(first)
        and (bool(others) or zipf(first) < NAME_ZIPF)
        and first[:1].isupper()
        and are_later_name_words(others)
    )


def _names(
    found: str, config: Config, *, explicit: bool = True, known: frozenset[str] = frozenset()
) -> list[str]:
    """The names of a tag's text whose first name is a person's: the others that are too,
    each without words before it that are not (``hopefully Pavel`` -> ``Pavel``).
    ``explicit``: a tag that says it names a person (``(Name)``; see :func:`is_person_name`).
    An honorific before a name (``Dr. Smith``, ``Ms Jones``) says a person's name follows:
    it belongs to the tag, not to the owner's name (``Smith``), nor to the TODO's text
    (:func:`notes_lint.namelike.without_honorific`, as for an assignment)."""
    names = _split(found)
    titled = without_honorific(names[0]) if names else None
    if titled is not None:
        names[0] = titled
    elif not names or not is_person_name(names[0], config, explicit=explicit, known=known):
        return []
    out = [names[0]]
    for name in names[1:]:
        titled = without_honorific(name)
        if titled is not None:
            out.append(titled)
            continue
        words = name.split()
        while words and not is_person_name(" ".join(words), config, known=known):
            words = words[1:]
        if words:
            out.append(" ".join(words))
    return out


def _login_names(login: str, config: Config) -> list[str]:
    """A ``@login``'s name: explicit, so any GitHub login (even all digits, ``@0``) is a
    person, unless it is a status word or a TODO marker (``@done``)."""
    key = login.casefold()
    return [] if key in NOT_OWNERS or key in _marker_words(config) else [login]


def _split(names: str) -> list[str]:
    return [n.strip() for n in _SPLIT_NAMES.split(names) if n.strip()][:MAX_NAMES]


def _tag_names(
    style: str, found: str, config: Config, known: frozenset[str] = frozenset()
) -> list[str]:
    """The owners a tag of ``style`` names in ``found``: logins for a mention, else names
    (any name-like word for an explicit tag, only roster people for an implicit form
    when there is a roster)."""
    if style == "mention":
        return _login_names(found, config)
    return _names(found, config, explicit=style in _EXPLICIT, known=known)


def owner_group(text: str, config: Config, known: frozenset[str] = frozenset()) -> OwnerTag | None:
    """The owner of a list item that is only an owner tag (``(Julien):``, ``@jjerphan``,
    ``[name=Ana]``) or only a name, bold or not (``**Ingrid**``, ``Oskar``; with a roster,
    a roster person)."""
    stripped = _EMPHASIS.sub("", text).strip() if "[name=" not in text else text.strip()
    for pattern, style in zip(_GROUP, _GROUP_STYLES, strict=True):
        if style not in config.todos.owner_tags and not (
            style == "paren-start" and "paren-end" in config.todos.owner_tags
        ):
            continue
        match = pattern.match(stripped)
        if not match:
            continue
        names = _tag_names(style, match[1], config, known)
        if names and style not in _EXPLICIT and names != _split(match[1]):
            continue  # "Ingrid and Bartek to plan onsite": a sentence, not only names
        if names:
            return OwnerTag(names, style, "", _ordinals(stripped, match, names))
    return None


_LEADING_NAME_TAG = regex.compile(rf"\s*+\[name=({_TAG_TEXT})\]")
REMARK_LABELS = frozenset(
    {
        "note", "notes", "nb", "n.b.", "fyi", "benefit", "benefits", "drawback", "drawbacks",
        "pro", "pros", "con", "cons", "context", "background", "motivation", "rationale",
        "reason", "reasons", "why", "question", "example", "e.g.", "i.e.", "idea",
        "decision", "outcome", "result", "summary", "consensus", "conclusion", "resolution",
        "update", "status", "problem", "risk", "caveat", "comment", "comments", "answer",
        "aside", "remark",
    }
)  # fmt: skip
"""Labels that open a remark, not a task or an owner (``Note:``, ``FYI:``; casefolded):
the one list :func:`is_commentary`, :func:`is_person_name` and the TODO collector use.
A closed set of the labels minutes use for remarks, kept as a list by design: whether a
line is a remark is a matter of its label's meaning, not of how common the word is
(names are judged by :mod:`notes_lint.namelike`)."""
_COMMENTARY = regex.compile(
    r"(?i)\s*+(?:"
    + "|".join(regex.escape(label) for label in sorted(REMARK_LABELS, key=len, reverse=True))
    + r")\s*+:"
)


def leading_name_tag(text: str, config: Config) -> OwnerTag | None:
    """The owner of an item that starts with HackMD's ``[name=X]`` (a person's progress
    report: the TODOs nested under it are that person's), or None."""
    if "name-tag" not in config.todos.owner_tags:
        return None
    match = _LEADING_NAME_TAG.match(text)
    if not match:
        return None
    names = _split(match[1])
    return OwnerTag(names, "name-tag", "", _ordinals(text, match, names)) if names else None


def is_commentary(text: str) -> bool:
    """Whether a list item is a remark on the items around it, not a task: it opens with a
    commentary label (``Note:``, ``Benefit:``, ``Rationale:``, ``e.g.:``), however it is
    listed (issue 13, "Owners": such lines are not TODOs)."""
    return _COMMENTARY.match(_EMPHASIS.sub("", text)) is not None


def _match(style: str, pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``pattern`` at the start of ``text``, or for a tag at the end, at its last opening mark."""
    if style == "paren-end":
        at = text.rfind("(")
    elif style == "name-end":
        at = _name_end_mark(text)
    elif pattern is _BRACKETED_MENTION_END:
        at = text.rfind("(")
    elif pattern is _MENTION_END:
        at = text.rfind("@")
        if at < 1 or not text[at - 1].isspace():
            return None
    else:
        at = 0
    return pattern.match(text, at) if at >= 0 else None


def _clause_name_to(
    text: str, config: Config, known: frozenset[str] = frozenset()
) -> OwnerTag | None:
    """``Name to …`` at the start of a later sentence, clause or parenthesis of ``text``
    (``none. Open until it lands. Michael to continue``, ``… (Ana to respond.)``): the
    owner is named, the text is kept whole."""
    for count, clause in enumerate(_CLAUSE_START.finditer(text)):
        if count >= MAX_CLAUSES:
            break
        match = _NAME_TO.match(text, clause.end())
        names = _names(match[1], config, explicit=False, known=known) if match else []
        if match and names:
            return OwnerTag(names, "name-to", text, _ordinals(text, match, names))
    return None


def _inner_paren(text: str, config: Config, known: frozenset[str] = frozenset()) -> OwnerTag | None:
    """``(Name)`` inside the text, not at its end (``Release 1.2 (Priya), then tell Ben``,
    ``propose the uplift (scottmcm) & cancel FCP``), taken out of the text as a tag at the
    end is (:attr:`OwnerTag.rest`).

    The names are the owners when each is a roster person, or a person of the note
    (``known``), or a name by the rule an end tag ``(Name)`` is judged by
    (:func:`is_person_name`, explicit: ``(Marguerite)``; with a roster, a name outside it,
    which NL302 reports, as for an end tag).  One more rule holds inside the text: a
    word in capitals that is neither a roster person nor a person of the note is an
    abbreviation defined in passing (``move the servers (EU) next week``), not initials.
    Asides that are no names stay in the text: ``(beta)``, ``(v2)``, ``(see #4)``.  A
    tag stands apart as a word does: after white space and before white space or a
    mark (``feature(slice_patterns)`` is code, ``(Ana)'s`` a possessive).  A
    parenthesis naming roster people wins over an earlier one naming others.  At most
    :data:`MAX_CLAUSES` parentheses are tried (linear in the text).
    """
    first: OwnerTag | None = None
    at = text.find("(")
    for _count in range(MAX_CLAUSES):
        if at < 0:
            break
        match = _PAREN_ANY.match(text, at) if at == 0 or text[at - 1].isspace() else None
        at = text.find("(", at + 1)
        if not match or _WORD_AFTER.match(text, match.end()):
            continue
        written = _split(match[1])
        if not written:
            continue
        rostered = all(config.person(name) is not None for name in written)
        if not rostered and (
            _names(match[1], config, known=known) != written
            or any(_is_abbreviation(name, config, known) for name in written)
        ):
            continue
        rest = regex.sub(r"\s{2,}", " ", without_tag(text, match.start(), match.end()))
        tag = OwnerTag(written, "paren-end", rest, _ordinals(text, match, written))
        if rostered or not config.people:
            return tag
        first = first or tag
    return first


def _is_abbreviation(name: str, config: Config, known: frozenset[str]) -> bool:
    """Whether ``name`` is a word in capitals (``EU``, ``CI``) that names no roster person
    and no person of the note: inside a TODO's text, an abbreviation (see
    :func:`_inner_paren`)."""
    if not (name.isupper() and " " not in name) or roster_person(name, config) is not None:
        return False
    return person_key(name) not in known


def _name_end_mark(text: str) -> int:
    """Where a ``name-end`` tag may start: the last spaced dash run, colon or ``@``; -1 when
    there is none, or nothing is written before it."""
    at = max(text.rfind(":"), text.rfind("@"), *(text.rfind(f" {d}") for d in "-–—"))
    if at > 0 and text[at] == " ":
        at += 1
    if at > 0 and text[at] in "-–—":  # a run of dashes: "--", start at its first
        while at > 0 and text[at - 1] in "-–—":
            at -= 1
        if not text[at - 1 : at].isspace():
            return -1  # "decision-making": a hyphen inside a word
        at -= 1
    return at if at > 0 and text[:at].strip() else -1


def _is_end_name(name: str, config: Config) -> bool:
    """Whether ``name``, tagged onto the end of a TODO (``… - Michael``, ``…: tobie``),
    is a person's.  After a colon or dash a word in lower case is usually the label's
    content (``Nice to have: caching``), so it is a person only as a roster person, a
    given name or a word English does not use (a login: ``cramertj``;
    :func:`notes_lint.namelike.is_lower_case_name`)."""
    first = name.split()[0]
    return (
        not first[:1].islower()
        or roster_person(name, config) is not None
        or is_lower_case_name(first)
    )


def _find(
    text: str, config: Config, *, weak: bool = True, known: frozenset[str] = frozenset()
) -> OwnerTag:
    """The owner tag of ``text`` (see :func:`find_owner`); without ``weak``, a bare name
    before a verb and a ``Name to`` in a later clause are not looked for."""
    styles = config.todos.owner_tags
    if "name-tag" in styles:
        match = _NAME_TAG.search(text)
        if match:
            rest = without_tag(text, match.start(), match.end())
            names = _split(match[1])
            return OwnerTag(names, "name-tag", rest, _ordinals(text, match, names))
    candidates = (
        ("mention", _MENTION_START),
        ("mention", _BRACKETED_MENTION_START),
        ("paren-start", _PAREN_START),
        ("name-colon", _NAME_COLON),
        ("paren-end", _PAREN_END),
        ("mention", _MENTION_END),
        ("mention", _BRACKETED_MENTION_END),
        ("name-end", _NAME_END),
        ("name-to", _NAME_TO),
    )
    found: list[OwnerTag] = []
    for style, pattern in candidates:
        if style not in styles:
            continue
        match = _match(style, pattern, text)
        if not match:
            continue
        names = _tag_names(style, match[1], config, known)
        if names and style == "name-end" and not _is_end_name(names[0], config):
            names = []
        if names:
            rest = without_tag(text, match.start(), match.end())
            tag = OwnerTag(names, style, rest, _ordinals(text, match, names))
            # Several tags ("niko to post a comment (Pin)"): one naming roster people wins,
            # else the first in the order above. Without a roster, the first is final.
            if not config.people or all(config.person(n) is not None for n in names):
                return tag
            found.append(tag)
    if found:
        return found[0]
    if "name-to" in styles and weak:
        verb = _NAME_VERB.match(text)
        if verb and _is_person(verb[1], config, known):
            names = [verb[1]]
            rest = text[verb.end() :].strip()
            return OwnerTag(names, "name-to", rest, _ordinals(text, verb, names))
        later = _clause_name_to(text, config, known)
        if later is not None:
            return later
    if "paren-end" in styles:
        inner = _inner_paren(text, config, known)
        if inner is not None:
            return inner
    return OwnerTag([], None, text)


def find_owner(text: str, config: Config, known: frozenset[str] = frozenset()) -> OwnerTag:
    """Take the owner tag off a TODO's text; ``names`` is empty when there is none.

    The text is searched as written, then without emphasis (``**Theo**: …``), then as
    GitHub shows it (:func:`rendered`: links as their text, HTML tags dropped); a tag
    found in a retry has the ``rest`` of the retried text.
    Linear in the text's length (no pattern backtracks, at most :data:`MAX_CLAUSES`
    clauses are tried); at most :data:`MAX_NAMES` names.  ``known``: the person keys of
    the note's own people (see :func:`is_person_name`).
    """
    text = text.strip()
    tag = _find(text, config, known=known)
    if tag.names:
        return tag
    plain = _EMPHASIS.sub("", text).strip()
    if plain != text:
        retry = _find(plain, config, known=known)
        if retry.names:
            return retry
    shown = _EMPHASIS.sub("", rendered(text)).strip()
    if shown not in (text, plain):
        retry = _find(shown, config, known=known)
        if retry.names:
            return retry
    return tag


# An inline link ``[text](destination "title")`` or a full/collapsed reference link
# ``[text][label]``: GitHub shows its text.  Negated classes only: linear.
_LINK = regex.compile(
    r"\[([^\[\]\n]*+)\](?:\((?:[^()\s]|\([^()\s]*+\))*+(?:\s++\"[^\"]*+\")?+\s*+\)|\[[^\[\]]*+\])"
)
# An HTML tag (``<a name="ai-1">``, ``</a>``, ``<br/>``): GitHub shows none.
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?+>")


def rendered(text: str) -> str:
    """``text`` (a TODO's Markdown as written) as GitHub shows it, for the owner search:
    each link as its text and each HTML tag dropped, so that an owner written as a link
    (``[Tobiah Lang](https://github.com/tlang): …``) or after an anchor
    (``<a name="ai-1"></a>Priya: …``) is seen.  Other markup is kept."""
    return _TAG.sub("", _LINK.sub(r"\1", text))


def name_outside_roster(text: str, config: Config) -> str | None:
    """The name ``text`` writes in an owner's place that the roster does not hold
    (``Priya: …`` with two Priyas, or none), for NL301's message; None without a roster
    or without such a name."""
    if not config.people:
        return None
    tag = _find(_EMPHASIS.sub("", text).strip(), dataclasses.replace(config, people=()), weak=False)
    return tag.names[0] if tag.names and config.person(tag.names[0]) is None else None
