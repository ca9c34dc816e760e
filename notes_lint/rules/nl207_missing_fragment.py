"""NL207: a ``#fragment`` that matches no anchor of the target note.

The anchors of a note are GitHub's: its headings' slugs (:mod:`notes_lint.slugs`)
and the ``id``/``name`` attributes of the HTML written in it
(:mod:`notes_lint.htmlanchors`).  Two kinds of fragment always have a target on
GitHub: ``#top`` (the HTML standard scrolls to the top of the document for it)
and the line anchors of GitHub's file view (``#L3``, ``#L3-L7``, ``#L3C1-L7C2``;
for a Markdown file they apply to its source, ``?plain=1``) — but only those GitHub
makes: lines that the file has, a range written first line first (``#L3-L7``, never
``#L7-L3``, which is reported with the range GitHub writes).  A link that is only a
query (``?plain=1#L2``) is a link into the note itself.  A fragment is
percent-decoded and compared NFC-normalised and without case
(:func:`notes_lint.slugs.anchor_key`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from urllib.parse import quote, unquote

from notes_lint.matching import did_you_mean, normalize_heading
from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.nl206_missing_file import resolve
from notes_lint.slugs import anchor_key

INFO = RuleInfo(
    code="NL207",
    name="missing-fragment",
    summary="a #fragment that matches no heading in the target note",
    bad="[the TODOs](#todo-next)",
    good="[the TODOs](#todo--next)",
)


_LINE_ANCHOR = re.compile(
    r"L(?P<first>[1-9][0-9]{0,8})(?P<col>C[1-9][0-9]*)?"
    r"(?:-L(?P<last>[1-9][0-9]{0,8})(?:C[1-9][0-9]*)?)?"
)


def always_valid(fragment: str) -> bool:
    """Whether ``fragment`` (decoded, without ``#``) has a target in any page: ``top``, a line
    anchor (whose lines :func:`line_anchor_problem` judges)."""
    return fragment.lower() == "top" or _LINE_ANCHOR.fullmatch(fragment) is not None


def line_anchor_problem(fragment: str, lines: int | None, where: str) -> str | None:
    """Why GitHub never makes the line anchor ``fragment`` for ``where`` (a file of
    ``lines`` lines; None: unknown), as a message: a line past the end, a range written
    last line first.  None when ``fragment`` is not a line anchor or GitHub makes it."""
    match = _LINE_ANCHOR.fullmatch(fragment)
    if match is None:
        return None
    first = int(match["first"])
    last = int(match["last"]) if match["last"] else first
    if lines is not None and max(first, last) > lines:
        return f"line anchor '#{fragment}' is past the end of {where} ({lines} lines)"
    if last < first:
        return f"line anchor '#{fragment}' runs backwards: GitHub writes '#L{last}-L{first}'"
    return None


_USER_CONTENT = "user-content-"


def _own_name(fragment: str) -> str:
    """The anchor a fragment names: GitHub gives every id in a rendered note the prefix
    ``user-content-``, and ``#user-content-x`` reaches the element whose id is ``x``."""
    return fragment[len(_USER_CONTENT) :] if fragment.startswith(_USER_CONTENT) else fragment


def _finding(line: int, col: int, fragment: str, slugs: Sequence[str], where: str) -> Finding:
    # did_you_mean compares words, so '#todo-next' and '#todo--next' look alike to it: check first.
    key = normalize_heading(fragment)
    hint = next((s for s in slugs if normalize_heading(s) == key), None) or did_you_mean(
        fragment, slugs
    )
    return Finding(
        line,
        col,
        f"no heading of {where} has the anchor '#{fragment}'"
        + (f": did you mean '#{_visible(hint)}'?" if hint else ""),
    )


def _visible(anchor: str) -> str:
    """``anchor`` as a link can spell it, with the characters that show nothing (U+FE0F
    after a dropped emoji, format characters) percent-encoded."""
    return "".join(
        quote(char)
        if unicodedata.category(char) in ("Cf", "Mn") and not _after_letter(anchor, k)
        else char
        for k, char in enumerate(anchor)
    )


def _after_letter(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows a letter or number it can combine with."""
    return index > 0 and unicodedata.category(text[index - 1])[0] in "LMN"


def _only_query(url: str) -> bool:
    """Whether a relative URL is a query (and maybe a fragment) only: ``?plain=1#L2``."""
    return url.startswith("?")


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    own = {anchor_key(anchor) for anchor in (*(h.slug for h in note.headings), *note.html_anchors)}
    for link in note.links:
        if link.kind == "fragment" or (link.kind == "relative" and _only_query(link.url)):
            fragment = _own_name(unquote(link.url.partition("#")[2]))
            problem = line_anchor_problem(fragment, note.line_count, "this note")
            if problem is not None:
                yield Finding(link.line, link.col, problem)
            elif fragment and anchor_key(fragment) not in own and not always_valid(fragment):
                yield _finding(
                    link.line, link.col, fragment, [h.slug for h in note.headings], "this note"
                )
        elif link.kind == "relative" and "#" in link.url:
            target, target_fragment = resolve(link, ctx)
            if (
                target is None
                or target_fragment is None
                or target.suffix.lower() not in (".md", ".markdown")
            ):
                continue
            anchors = ctx.anchors_of(target)
            if anchors is None:
                continue  # missing or unreadable: NL206 or that file's own NL901 says so
            fragment = _own_name(unquote(target_fragment))
            problem = line_anchor_problem(fragment, ctx.lines_of(target), target.name)
            if problem is not None:
                yield Finding(link.line, link.col, problem)
            elif anchor_key(fragment) not in {anchor_key(a) for a in anchors} and not always_valid(
                fragment
            ):
                yield _finding(link.line, link.col, fragment, anchors, target.name)
