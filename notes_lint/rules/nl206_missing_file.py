"""NL206: a relative link to a file that does not exist.

Paths resolve against the note's folder (``/x`` against the repository root) and
are never followed outside the repository root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from notes_lint.model import Link, Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL206",
    name="missing-file",
    summary="a relative link to a file that does not exist",
    bad="[last week](2021-09-07.md) when there is no such note",
    good="[last week](2021-09-07.md) pointing at the note of September 7th",
)


def link_target(link: Link, ctx: Context) -> tuple[Path | None, str | None]:
    """The file a relative link points at (None when it leaves the repository), and its fragment."""
    if ctx.note_path is None or link.kind != "relative" or not link.url:
        return None, None
    path_part, _, fragment = link.url.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    if not path_part:
        return None, fragment or None
    root = (ctx.repo_root or ctx.note_path.parent).resolve()
    base = root if path_part.startswith("/") else ctx.note_path.parent.resolve()
    target = (base / path_part.lstrip("/")).resolve()
    if target != root and root not in target.parents:
        return None, fragment or None
    return target, fragment or None


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    if ctx.note_path is None:
        return
    root = (ctx.repo_root or ctx.note_path.parent).resolve()
    for link in note.links:
        if link.kind != "relative" or not link.url.partition("#")[0]:
            continue
        target, _fragment = link_target(link, ctx)
        if target is None:
            yield Finding(
                link.line,
                link.col,
                f"link '{link.url}' points outside the repository ({root}): link to a URL instead",
            )
        elif not target.exists():
            yield Finding(
                link.line,
                link.col,
                f"link '{link.url}' points to a file that does not exist: fix the path",
            )
