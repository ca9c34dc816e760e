"""TODO markers and done markers, read on a line's rendered text (PRODUCT.md §4, issue 13).

A TODO marker is one of ``todos.markers`` written at the start of a line's *plain*
text (:class:`~notes_lint.model.TextLine`), so emphasis and links around it do not
hide it: ``**TODO:**``, ``*AI*:``, ``[*Action item*](url):`` are the markers
``TODO:``, ``AI:`` and ``Action item:``.  A configured marker is its words; the
Markdown marks and the closing punctuation written in the config are not part of it.
After the words may come, in this order:

- an owner: ``AI(bruno):``, ``AI[AN]:``, ``Action item for Emil:``;
- a separator: ``:``, ``,``, or a dash between spaces (``AI - land it``).

Without a separator the marker must be written in capitals (``TODO write the post``,
``ACTION ITEM Niko to …``) or be followed by ``to`` (``Action to revisit …``), so
that ``todo list review`` stays a sentence.  Words may be joined by a space, ``_`` or
``-`` (``ACTION_ITEM``) and take a plural ``s`` (``Actions:``).  A leading ``(`` and a
HackMD ``[name=X]`` tag before the marker are allowed (``[name=Gus] Action: …``).
A marker followed by ``none`` or ``nothing``, a decision (``Consensus is …``) or a short
report in the past tense (``PR landed``) records that there is no action.

A done marker (``DONE``, ``(done)``, ``[done]``, ✅ …) marks an item done only where a
writer puts a status: at the start of the text, at its end, or alone.  Inside the
text it is a word of the task (``Move the cards to the DONE column``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from notes_lint.namelike import HONORIFIC, without_honorific
from notes_lint.urls import LOGIN

_MARKUP = re.compile(r"[*_`~]+")
_TRAILING = " \t:;,.-–—"
_OWNER_TEXT = r"[^\s()\[\]:,][^()\[\]:]{0,60}?"
# A word of status before a marker says the action is still to do: ``Pending action item
# for Niko to …``, ``New AI: …``.
_STATUS = r"(?i:new|open|pending|outstanding|remaining|unresolved)"
_TAIL = 80  # characters at the end of a text where a trailing done marker is looked for
# What a marker may head that is no action (gold README, "Markers over an outcome"): nothing
# (``ACTION: none.``), a decision (``ACTION: Consensus is that …``), or a short report in the
# past tense (``Actions: PR landed``, ``Actions: Joe and Kris confirmed for …``); a verb in
# the past before ``to`` gives an action (``Hamid agreed to update the FAQ``).
_NO_ACTION = re.compile(
    r"(?i:(?:none|nothing|n/a)(?![\w/])"
    r"|(?:consensus|decision|decided|agreed|resolved|approved)(?![\w-]))"
    r"(?![ \t]+to\b)"
    r"|(?:[A-Z#@][\w#.'’-]*[ \t]+(?:and[ \t]+)?){1,4}[a-z]{3,}ed(?![\w-])(?![ \t]+to\b)"
)


@dataclass(frozen=True)
class MarkerMatch:
    """A TODO marker at the start of a plain text.

    ``start``: index of the marker's first letter; ``end``: index where the TODO's
    text starts (after the separator and spaces; ``len(text)`` when nothing follows);
    ``owner``: the owner written with the marker (``AI(bruno):``), else None;
    ``owner_at``: index of that owner in the text (-1 without one).
    """

    start: int
    end: int
    owner: str | None = None
    owner_at: int = -1


def marker_words(marker: str) -> str:
    """A configured marker's words: ``**Action item**:`` -> ``Action item``."""
    return _MARKUP.sub("", marker).strip(_TRAILING + "*_")


@functools.lru_cache(maxsize=64)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({marker_words(m).casefold() for m in markers} - {""}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(
        r"[\s_-]+".join(re.escape(part) for part in phrase.split()) + "s?" for phrase in words
    )
    return re.compile(
        r"(?P<lead>[ \t]*(?:\([ \t]*)?(?:\[name=(?P<tag>[^\[\]]{1,60})\][ \t]*)?"
        rf"(?:{_STATUS}[ \t]+)?)"
        rf"(?P<marker>{alternatives})(?!\w)"
        rf"(?:[ \t]*\((?P<paren>{_OWNER_TEXT})\)|[ \t]*\[(?P<bracket>{_OWNER_TEXT})\]"
        rf"|[ \t]+for[ \t]+(?P<for>{_OWNER_TEXT})(?=[ \t]*:|[ \t]+to[ \t]))?"
        r"(?P<sep>[ \t]*[:,]|[ \t]+[-–—](?=\s|$)|[ \t]*$)?"
        r"(?P<to>[ \t]+(?:is[ \t]+)?to(?=[ \t]))?",
        re.IGNORECASE,
    )


def find_marker(text: str, markers: tuple[str, ...]) -> MarkerMatch | None:
    """The TODO marker at the start of ``text`` (a line's plain text), or None.

    ``markers`` are the config's ``todos.markers``; see the module's docstring for
    what counts.  A marker written in capitals with one typo (``ACTTION ITEM``, ``TOOD:``)
    is that marker.  Linear in the text (the pattern's repeats are bounded or anchored).
    """
    pattern = _marker_pattern(markers)
    if pattern is None:
        return None
    found = _read_marker(pattern, text)
    if found is not None:
        return found
    typo = _typo_of_marker(text, markers)
    if typo is None:
        return None
    start, end, words = typo
    found = _read_marker(pattern, text[:start] + words + text[end:])
    if found is None or found.start != start:
        return None
    shift = end - start - len(words)  # where the text after the typo really is
    owner_at = found.owner_at + shift if found.owner_at >= 0 else -1
    return MarkerMatch(start, found.end + shift, found.owner, owner_at)


def _read_marker(pattern: re.Pattern[str], text: str) -> MarkerMatch | None:
    match = pattern.match(text)
    if match is None:
        return None
    written = match["marker"]
    if match["sep"] is None and match["to"] is None:
        letters = [c for c in written if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
            return None  # "todo list review", "Action plan": a sentence, not a marker
        if match.end() < len(text) and not text[match.end()].isspace():
            return None
    end = match.end()
    while end < len(text) and text[end].isspace():
        end += 1
    if _NO_ACTION.match(text, end):
        return None  # "ACTION: none.", "Actions: PR landed": nothing to do, or done
    for group in ("paren", "bracket", "for", "tag"):
        if match[group]:
            return MarkerMatch(match.start("marker"), end, match[group].strip(), match.start(group))
    return MarkerMatch(match.start("marker"), end)


# Words in capitals at the start of a line: where a marker with a typo may stand.
_CAPITALS = re.compile(r"[ \t]*(?:\([ \t]*)?([A-Z]{2,}(?:[ _-][A-Z]{2,}){0,3})(?![\w])")
MARKER_TYPO_MIN_LETTERS = 4
"""A marker with fewer letters has no typo form: one letter from ``AI`` is another word."""


def _typo_of_marker(text: str, markers: tuple[str, ...]) -> tuple[int, int, str] | None:
    """Where ``text`` starts with a configured marker written in capitals with one typo
    (one letter added, dropped, changed, or two swapped: ``ACTTION ITEM``, ``TOOD``):
    ``(start, end, the marker's words in capitals)``, else None."""
    written = _CAPITALS.match(text)
    if written is None:
        return None
    from rapidfuzz.distance import OSA

    words = written[1].split()
    for marker in markers:
        phrase = marker_words(marker).upper()
        if len(phrase.split()) > len(words) or sum(c.isalpha() for c in phrase) < (
            MARKER_TYPO_MIN_LETTERS
        ):
            continue
        start = written.start(1)
        candidate = " ".join(words[: len(phrase.split())])
        end = start + len(candidate)
        if text[start:end].replace("_", " ").replace("-", " ") != candidate:
            continue  # the words are joined as the marker's are: by one space
        if OSA.distance(candidate, phrase) == 1:
            return start, end, phrase
    return None


def strip_marker(text: str, markers: tuple[str, ...]) -> str | None:
    """The text after a leading TODO marker (``TODO:``, ``AI:``), or None without one.

    ``text`` is read as it stands (no Markdown is removed): for a line of a note, use
    :func:`find_marker` on its plain text.
    """
    found = find_marker(text, markers)
    return None if found is None else text[found.end :].strip()


# Words before a bare trailing ``done`` that make it a word of a sentence, not a status:
# a form of be, get or have, a negation, a modal or a degree (``half``), a word of time or
# condition (``when``, ``once``), a relative (``what``): ``We are not done``, ``Get it
# done``, ``Ping me when done``.  Read in the text's last clause only.  A closed class of
# English function words (grammar), kept as a list by design: not a stand-in for "a
# common word" (that is :mod:`notes_lint.namelike`'s wordfreq judgement).
_PREDICATE_WORDS = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "get",
        "gets",
        "got",
        "gotten",
        "getting",
        "have",
        "has",
        "had",
        "having",
        "not",
        "never",
        "no",
        "will",
        "would",
        "should",
        "shall",
        "must",
        "can",
        "could",
        "may",
        "might",
        "need",
        "needs",
        "half",
        "almost",
        "nearly",
        "partly",
        "partially",
        "mostly",
        # a clause about the time or condition of being done: "ping me when done"
        "when",
        "once",
        "if",
        "until",
        "unless",
        "after",
        "before",
        "whether",
        # the object of a relative clause: "list what's done", "everything done so far"
        "what",
        "who",
        "which",
        "that",
        "everything",
        "anything",
        "something",
    ]
)
# Words after which a trailing marker word is the object of the sentence, not a status:
# a preposition, an article or a determiner (``Mark the task as DONE``, ``Set status to
# Done``, ``Move it to the done``).  Read on the word right before the marker.  A closed
# class of English function words (grammar), kept as a list by design.
_OBJECT_WORDS = frozenset(
    [
        "as",
        "to",
        "into",
        "onto",
        "in",
        "on",
        "at",
        "for",
        "of",
        "from",
        "with",
        "by",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "my",
        "your",
        "his",
        "her",
    ]
)
_LAST_WORD = re.compile(r"([^\W\d_][\w'’]*)[ \t]*$")
_BARE_WORD_MARKER = re.compile(r"[ \t]+[^\W\d_]+[ \t.!]*")
# Contractions of be, have, will and would: "until it's done", "what we've done".
_CONTRACTIONS = ("'s", "’s", "'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d")
_CLAUSE_BREAK = re.compile(r"[.;:,!?]\s|\s[-–—]\s")
_WORD = re.compile(r"[^\W\d_][\w'’]*")
# GitHub renders the shortcode as the emoji (github.com/github/gemoji).
_SHORTCODES = {"✅": ":white_check_mark:", "✔️": ":heavy_check_mark:", "✔": ":heavy_check_mark:"}


@dataclass(frozen=True)
class _DonePatterns:
    alone: re.Pattern[str]
    leading: re.Pattern[str]
    trailing: re.Pattern[str]


@functools.lru_cache(maxsize=64)
def _done_patterns(markers: tuple[str, ...]) -> _DonePatterns | None:
    literal = [m for m in markers if m not in ("checkbox", "strikethrough")]
    if not literal:
        return None
    words = sorted({marker_words(m).strip("()[]{} ").casefold() for m in literal} - {""}, key=len)
    words = [w for w in words if any(c.isalpha() for c in w)]
    capitals = [m for m in literal if m.isalpha() and m.isupper()]
    symbols = [m for m in literal if not any(c.isalnum() for c in m)]
    symbols += [_SHORTCODES[m] for m in symbols if m in _SHORTCODES]
    never = r"(?!)"
    word = "|".join(re.escape(w) for w in reversed(words)) or never
    # A word of the marker, whole: not ``done-callback`` nor ``DONE_LIST``.
    bare = rf"(?<![\w-])(?i:{word})(?![\w])(?!-\w)[!.]*"
    caps = "|".join(re.escape(m) for m in capitals) or never
    caps = rf"(?<![\w-])(?:{caps})(?![\w])(?!-\w)[!.]*"
    symbol = "|".join(re.escape(m) for m in sorted(symbols, key=len, reverse=True)) or never
    symbol = rf"(?:{symbol})\ufe0f?"
    bracket = rf"[(\[][ \t]*[*_]{{0,3}}(?i:{word})[!.]*[*_]{{0,3}}[ \t]*[)\]]"
    bracket_caps = rf"[(\[][ \t]*[*_]{{0,3}}(?:{caps})[*_]{{0,3}}[ \t]*[)\]]"
    inner = rf"(?:{bracket}|(?i:{word})[!.]*)"
    emphasis = rf"(?:\*{{1,3}}{inner}\*{{1,3}}|(?<!\w)_{{1,3}}{inner}_{{1,3}}(?!\w))"
    anything = rf"(?:{emphasis}|{bracket}|{caps}|{symbol}|{bare})"
    # A separator between a marker and the task: a colon, a full stop, a comma or a
    # semicolon before a space, a dash or an arrow.
    separator = r"(?:[ \t]*(?:[.,;:]|[-–—]|->|=>|→)[ \t]+|[ \t]+(?:[-–—]|->|=>|→)[ \t]*)"
    start_strong = rf"(?:{emphasis}|{caps}|{bracket_caps}|{symbol})"
    start_weak = rf"(?:{bracket}|{bare})"
    end_strong = rf"(?:{emphasis}|{bracket}|{caps}|{symbol})"
    remark = r"(?P<remark>[ \t]*\([^()\n]{1,60}\))?"
    return _DonePatterns(
        alone=re.compile(rf"[\s\-–—:]*{anything}[\s.!]*"),
        leading=re.compile(
            rf"[ \t]*(?:{start_strong}(?:{separator}|[ \t]+|$)|{start_weak}(?:{separator}|[ \t]*:|$))"
            r"[ \t]*"
        ),
        trailing=re.compile(
            rf"(?:(?P<strong>[ \t]*(?:[.,;:]|[-–—]|->|=>|→)?[ \t]*{end_strong}[ \t.!]*{remark})"
            rf"|(?P<sep>{separator}){bare}[ \t.!]*"
            rf"|(?P<space>[ \t]+){bare}[ \t.!]*)$"
        ),
    )


def _is_predicate(clause: str) -> bool:
    """Whether a bare trailing ``done`` is a word of the sentence ``clause`` ends."""
    words = [w.casefold() for w in _WORD.findall(clause)]
    return any(w in _PREDICATE_WORDS or w.endswith(("n't", "n’t", *_CONTRACTIONS)) for w in words)


def _strip_trailing(text: str, patterns: _DonePatterns) -> str:
    # Only the tail is searched: a search from every space of a long text is quadratic.
    cut = max(len(text) - _TAIL, 0)
    match = patterns.trailing.search(text, cut)
    if match is None:
        return text
    before = text[: match.start()]
    word_marker = match["space"] is not None or (
        match["strong"] is not None and _BARE_WORD_MARKER.fullmatch(match["strong"]) is not None
    )
    last = _LAST_WORD.search(before)
    if word_marker and last is not None and last[1].casefold() in _OBJECT_WORDS:
        return text  # "Mark the task as DONE": the object of the sentence
    if match["space"] is not None:
        clause = _CLAUSE_BREAK.split(before)[-1]
        if not clause.strip() or _is_predicate(clause):
            return text  # "We are not done", "Get it done": a sentence
    remark = (match["remark"] or "").strip()
    return f"{before.rstrip()} {remark}" if remark else before


def strip_done(text: str, markers: tuple[str, ...]) -> tuple[str, bool]:
    """Remove the done markers at the start and the end of ``text`` and say whether one
    was there: ``("DONE release 1.0", …)`` -> ``("release 1.0", True)``.

    ``markers`` are the config's ``todos.done-markers`` (``checkbox`` and
    ``strikethrough`` are read from the note model, not here); a marker is also read
    inside emphasis (``**DONE**``, ``*(done)*``) and a configured emoji as its GitHub
    shortcode (``:white_check_mark:``).  Where a marker counts (README, "TODOs and
    owners"):

    - alone: the whole text is a marker (``DONE``, ``done.``);
    - at the end: a marker word written in capitals as configured (``DONE``), in
      brackets (``(done)``, ``(DONE!)``), emphasised (``**done**``) or an emoji
      (``✅``, which may be followed by a remark in brackets, kept: ``✅ (merged)``);
      the word in any case after a separator (``- done``, ``. Done.``, ``→ done``);
      a bare ``done`` after a space when the last clause has no be/get/have form,
      negation or modal (``tag 1.5 done``, but ``We are not done``);
    - at the start: in capitals, emphasised or an emoji (``DONE release``), and a
      lower-case word or bracket only with a separator (``Done - …``, ``(done): …``):
      ``done-callback`` and ``[done] prefix`` are words of the task.

    A marker inside the text is a word of it and stays.  Linear in the text.
    """
    patterns = _done_patterns(markers)
    if patterns is None:
        return text.strip(), False
    if patterns.alone.fullmatch(text):
        return "", True
    done = False
    while True:
        stripped = patterns.leading.sub("", text, count=1) if patterns.leading.match(text) else text
        stripped = _strip_trailing(stripped, patterns)
        if stripped == text:
            break
        text, done = stripped, True
    return re.sub(r"\s{2,}", " ", text).strip(" -–—:"), done


# Initials written for a person: ``Alba Iglesias (AI)``, or an entry that is only them.
_WRITTEN_INITIALS = re.compile(r"\(([A-Z]{2,4})\)")
_INITIALS_ENTRY = re.compile(r"[ \t]*([A-Z]{2,4})[ \t]*")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ENTRY_SEP = re.compile(r"[,;]|\band\b")
# A speaker's turn in a transcript: initials in capitals, then a colon.
SPEAKER_TURN = re.compile(r"[ \t]*([A-Z]{2,4})[ \t]*:")


def written_initials(entry: str) -> frozenset[str]:
    """The initials an attendance entry writes for its person: ``Alba Iglesias (AI)``
    -> ``{"AI"}``; an entry that is only initials (``MB``) is them."""
    found = set(_WRITTEN_INITIALS.findall(entry))
    for part in _ENTRY_SEP.split(entry):
        whole = _INITIALS_ENTRY.fullmatch(part)
        if whole:
            found.add(whole[1])
    return frozenset(found)


def name_initials(entry: str) -> frozenset[str]:
    """The initials of the names of an attendance entry, from the first letters of
    their capitalised words, all of them and the first and last only: ``Abraham Jr.
    Agiri (@codeekage)`` -> ``{"AJA", "AA"}``.  Brackets and ``@logins`` are skipped."""
    found: set[str] = set()
    for part in _ENTRY_SEP.split(re.sub(r"\([^()]*\)|@\S+", " ", entry)):
        words = [w for w in _NAME_WORD.findall(part) if w[0].isupper()]
        if len(words) >= 2:
            found.add("".join(w[0] for w in words).upper())
            found.add((words[0][0] + words[-1][0]).upper())
    return frozenset(found)


def speaker_initials(text: str) -> str | None:
    """The initials of a speaker's turn that ``text`` (a line's plain text) starts
    with (``MB: I agree`` -> ``MB``), else None."""
    match = SPEAKER_TURN.match(text)
    return match[1] if match else None


# ``Name to <verb>``: minutes' form of an assignment.  A clause starts a line (after an
# opening bracket), or follows ``;``, ``,``, ``.``, ``:``, ``(``, ``[`` or a spaced dash.
# A task box written outside a list (``[ ] Niko to …``, as exported minutes keep it) is
# no part of the clause.
_CLAUSE_START = re.compile(r"(?:^|[;,.:!?(\[]|\s[-–—])[ \t]*(?:\[[ xX]\][ \t]*)?[ \t(\[]*")
# A name may open with an honorific (``Dr. Smith to …``: :data:`notes_lint.namelike.HONORIFIC`).
# A person: a name (an honorific may stand before it), or a ``@login`` (GitHub's rule:
# ``@0xdev`` is one), which is always a person and their login.
_PERSON = rf"(?:@{LOGIN}(?![\w-])|(?:{HONORIFIC})?[^\W\d_][\w.'’-]{{0,38}})"
# In a task box, ``Niko will review it`` gives an action (elsewhere it is a narrative
# commitment); ``Niko will be out``, ``Ana will not …`` and a hedge (``Josh will probably
# …``) state or guess, they assign nothing.
_NOT_AN_ACTION = (
    r"(?:be|have|not|never|need|probably|likely|maybe|possibly|perhaps|hopefully|still)\b"
)
_ASSIGNMENT = re.compile(
    rf"(?P<names>{_PERSON}(?:[ \t]+[A-Z][\w'’-]{{0,30}})?"
    rf"(?:[ \t]*(?:,|&|/|\band\b)[ \t]*{_PERSON}(?:[ \t]+[A-Z][\w'’-]{{0,30}})?){{0,4}})"
    # On a line no marker makes a TODO, "to be" gives no action: a passive, which names
    # no owner in any reader (:data:`notes_lint.namelike.PASSIVE`: "Kubernetes to be
    # upgraded"), or a state or purpose ("Robin to be successful, needs …").  "to the",
    # "to a" is a preposition's ("PR to the branch").
    r"[ \t]+(?:to[ \t]+(?!be\b|the\b|a\b|an\b|this\b|that\b|do\b)(?=\w)"
    r"|(?:takes?|taking|will[ \t]+take|to[ \t]+take)[ \t]+(?:(?:as|an|the|on)[ \t]+){0,2}"
    r"actions?\b"
    rf"|(?P<will>will)[ \t]+(?!{_NOT_AN_ACTION})(?=[a-z]))"
)
_LABEL = re.compile(r"[;,.:!?(\[]")
_NAME_SPLIT = re.compile(r"[ \t]*(?:,|&|/|\band\b)[ \t]*")


@dataclass(frozen=True)
class Assignment:
    """``Niko to post a comment`` in a line's plain text: ``start`` is where the
    clause starts, ``end`` where the action's text starts (after ``to``), ``names``
    the people given the action, in order; ``mention``: the first is written as a
    ``@login`` (the name is then the login)."""

    start: int
    end: int
    names: tuple[str, ...]
    mention: bool = False


def find_assignment(
    text: str, is_person: Callable[[str], bool], *, task: bool = False
) -> Assignment | None:
    """The first clause of ``text`` that gives a person an action (``Niko to post a
    comment``, ``Myles takes action to land``), or None.  ``Josh: to go back …`` is a
    speaker's turn in a transcript, not an assignment.  With ``task`` (the text of a
    task box, ``[ ] Niko will review it``), ``Name will <verb>`` is one too.

    After a ``:`` a clause starts only when the label before it is one word
    (``Summary: Niko to …``); ``Last week's AI: Jory to …`` recalls an old action.
    ``is_person`` says whether a name is a person of the meeting (the roster, the
    attendees): ``Need to``, ``Agreed to``, ``PR to`` are not assignments.  Each
    clause start is tried once and the pattern's repeats are bounded (linear time).
    """
    marks = [mark.end() for mark in _LABEL.finditer(text)]  # where each label's text may start
    for start in _CLAUSE_START.finditer(text):
        if start[0].startswith(":"):
            k = bisect.bisect_right(marks, start.start()) - 1
            label = text[marks[k] if k >= 0 else 0 : start.start()]
            if len(label.split()) > 1:
                continue  # after a label of one word only ("Summary: Niko to …"), not a phrase
        match = _ASSIGNMENT.match(text, start.end())
        if match is None or (match["will"] and not task):
            continue
        written = [n for n in _NAME_SPLIT.split(match["names"]) if n]
        # An honorific says a person's name follows, as in an owner tag ("Dr. Smith to …"
        # is Smith's: :func:`notes_lint.namelike.without_honorific`).
        titled = [without_honorific(n) for n in written]
        mentions = [n.startswith("@") for n in written]  # a @login is always a person
        names = tuple((t or n).lstrip("@") for t, n in zip(titled, written, strict=True))
        # The first named is the owner ("Niko and Jane to sync"); "Mike D": the first
        # word alone may be how the person is known.
        others_named = all(
            at or n[:1].isupper() or is_person(n)
            for at, n in zip(mentions[1:], names[1:], strict=True)
        )
        first = bool(names) and (
            mentions[0]
            or titled[0] is not None
            or is_person(names[0])
            or is_person(names[0].split()[0])
        )
        if first and others_named:
            return Assignment(match.start(), match.end(), names, mentions[0])
    return None
