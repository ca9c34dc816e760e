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
_DIRECTIVE_WORD = re.compile(r"<!--\s*notes-lint\s+([\w-]*)$")
_CODES = re.compile(
    r"<!--\s*notes-lint\s+(?:" + "|".join(DIRECTIVES) + r")\s+(?:NL\d{3}\s+)*(\w*)$"
)
_COMMENT = re.compile(r"<!--\s*(\w*)$")
_NAME_TAG = re.compile(r"\[name=([^\]]*)$")
_PAREN = re.compile(r"\(([^()]*)$")
_LOGIN = re.compile(r"(?<![\w@])@([\w-]*)$")
_HEADING = re.compile(r"^[ \t>]*(#{1,6})[ \t]+(.*)$")


def complete(prefix: str, config: Config) -> list[types.CompletionItem]:
    """The completion items for the text ``prefix`` before the cursor on its line."""
    from notes_lint.rules import RULES

    if _CODES.search(prefix):
        return [
            types.CompletionItem(
                label=rule.info.code,
                kind=types.CompletionItemKind.Value,
                detail=rule.info.name,
                documentation=rule.info.summary,
            )
            for rule in RULES
        ]
    if _DIRECTIVE_WORD.search(prefix):
        return [
            types.CompletionItem(label=d, kind=types.CompletionItemKind.Keyword) for d in DIRECTIVES
        ]
    if _COMMENT.search(prefix):
        return [
            types.CompletionItem(
                label=f"notes-lint {d}",
                kind=types.CompletionItemKind.Snippet,
                insert_text=f"notes-lint {d} ",
                detail="suppression comment",
            )
            for d in DIRECTIVES
        ]
    heading = _HEADING.match(prefix)
    if heading is not None:
        return _heading_items(len(heading[1]), config)
    if _NAME_TAG.search(prefix) or _PAREN.search(prefix):
        return people(config)
    if _LOGIN.search(prefix):
        return [
            types.CompletionItem(
                label=person.login, kind=types.CompletionItemKind.Reference, detail=person.name
            )
            for person in config.people
            if person.login
        ]
    return []


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
