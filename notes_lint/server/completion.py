"""Completion: the roster in owner tags and person headings, the schema's section
names in headings, suppression directives and rule codes.

What the text before the cursor on its line asks for (first match wins):

- ``<!-- notes-lint `` (and the part of a directive typed): the directives
  (``disable-next-line``, ``disable-line``, ``disable``, ``enable``,
  ``disable-file``); after a directive, the rule codes with their summaries;
  ``<!--`` alone: a whole ``notes-lint disable-next-line`` comment to go on;
- ``[name=`` (HackMD's tag) or ``(`` not yet closed: the roster's names
  (``config.people``: each person's name, their login as detail);
- ``@``: the roster's GitHub logins;
- a heading (``## ``): at the config's section level, the schema's section
  names and the roster's names (a person's section); deeper, the roster's names.
"""

from __future__ import annotations

import re

from lsprotocol import types

from notes_lint.config import Config

DIRECTIVES = ("disable-next-line", "disable-line", "disable", "enable", "disable-file")
# The linter reads ``<!-- notes-lint DIRECTIVE CODES -->`` (a space after notes-lint,
# codes split by spaces or commas); ``notes-lint:`` is completed to that form.
_DIRECTIVE_WORD = re.compile(r"<!--\s*notes-lint(\s+|[ \t]*:[ \t]*)([\w-]*)$")
_CODES = re.compile(
    r"<!--\s*notes-lint\s+(?:" + "|".join(DIRECTIVES) + r")\s+(?:NL\d{3}[\s,]*)*(\w*)$"
)
_COMMENT = re.compile(r"<!--\s*(\w*)$")
_NAME_TAG = re.compile(r"\[name=([^\]]*)$")
_PAREN = re.compile(r"(?<!\])\(([^()]*)$")  # not a link's destination: ](
_LOGIN = re.compile(r"(?<![\w@])@([\w-]*)$")
_HEADING = re.compile(r"^[ \t>]*(#{1,6})[ \t]+(.*)$")


def complete(prefix: str, config: Config) -> tuple[list[types.CompletionItem], int]:
    """The completion items for the text ``prefix`` before the cursor on its line, and
    how many characters (code points) before the cursor each item's text replaces
    (what was typed of it: a heading's whole text, a name with its spaces)."""
    from notes_lint.rules import RULES

    codes = _CODES.search(prefix)
    if codes:
        items = [
            types.CompletionItem(
                label=rule.info.code,
                kind=types.CompletionItemKind.Value,
                detail=rule.info.name,
                documentation=rule.info.summary,
            )
            for rule in RULES
        ]
        return items, len(codes[1])
    word = _DIRECTIVE_WORD.search(prefix)
    if word:
        lead = "" if word[1].strip() == "" else " "  # notes-lint: becomes notes-lint DIRECTIVE
        typed = len(word[2]) + (len(word[1]) if lead else 0)
        items = [
            types.CompletionItem(
                label=d, kind=types.CompletionItemKind.Keyword, insert_text=f"{lead}{d}"
            )
            for d in DIRECTIVES
        ]
        return items, typed
    comment = _COMMENT.search(prefix)
    if comment:
        items = [
            types.CompletionItem(
                label=f"notes-lint {d}",
                kind=types.CompletionItemKind.Snippet,
                insert_text=f"notes-lint {d} ",
                detail="suppression comment",
            )
            for d in DIRECTIVES
        ]
        return items, len(comment[1])
    heading = _HEADING.match(prefix)
    if heading is not None:
        return _heading_items(len(heading[1]), config), len(heading[2])
    if prefix.count("`") % 2:
        return [], 0  # in a code span: code, not people
    tag = _NAME_TAG.search(prefix) or _PAREN.search(prefix)
    if tag:
        return people(config), len(tag[1])
    login = _LOGIN.search(prefix)
    if login:
        items = [
            types.CompletionItem(
                label=person.login, kind=types.CompletionItemKind.Reference, detail=person.name
            )
            for person in config.people
            if person.login
        ]
        return items, len(login[1])
    return [], 0


def people(config: Config) -> list[types.CompletionItem]:
    """The roster's names, as the roster spells them (its login as detail)."""
    return [
        types.CompletionItem(
            label=person.name,
            kind=types.CompletionItemKind.Reference,
            detail=f"@{person.login}" if person.login else "roster",
        )
        for person in config.people
    ]


def _heading_items(level: int, config: Config) -> list[types.CompletionItem]:
    items: list[types.CompletionItem] = []
    if level == config.sections.level:
        items += [
            types.CompletionItem(
                label=spec.name,
                kind=types.CompletionItemKind.Module,
                detail="required section" if spec.required else "section",
            )
            for spec in config.sections.named
        ]
    if level >= config.sections.level:
        items += people(config)
    return items
