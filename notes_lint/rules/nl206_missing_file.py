"""NL206: a relative link to a file that does not exist.

Paths resolve against the note's folder (``/x`` against the repository root) and
are never followed outside the repository root.  A path that no file system can
hold (a NUL byte, a name longer than 255 bytes, a path longer than 4,096 bytes:
Linux's NAME_MAX and PATH_MAX) is reported as not a valid path, without asking
the file system.
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


MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096


def _path_part(link: Link) -> str:
    """The decoded path of a relative link: no query, no fragment."""
    return unquote(link.url.partition("#")[0].split("?", 1)[0])


def invalid_path(link: Link) -> str | None:
    """Why a relative link's path cannot name a file (see the module doc), or None."""
    path = _path_part(link)
    if "\x00" in path:
        return "it holds a NUL byte"
    size = len(path.encode("utf-8", "surrogatepass"))
    if size > MAX_PATH_BYTES:
        return f"it is {size} bytes long, over {MAX_PATH_BYTES}"
    for name in path.split("/"):
        size = len(name.encode("utf-8", "surrogatepass"))
        if size > MAX_NAME_BYTES:
            return f"a name in it is {size} bytes long, over {MAX_NAME_BYTES}"
    return None


def link_target(link: Link, ctx: Context) -> tuple[Path | None, str | None]:
    """The file a relative link points at (None when it leaves the repository or is not a
    valid path, see :func:`invalid_path`), and its fragment."""
    if ctx.note_path is None or link.kind != "relative" or not link.url:
        return None, None
    fragment = link.url.partition("#")[2]
    path_part = _path_part(link)
    if not path_part or invalid_path(link) is not None:
        return None, fragment or None
    root = (ctx.repo_root or ctx.note_path.parent).resolve()
    base = root if path_part.startswith("/") else ctx.note_path.parent.resolve()
    try:
        target = (base / path_part.lstrip("/")).resolve()
    except (OSError, ValueError, RuntimeError):  # a symlink loop, or what the system refuses
        return None, fragment or None
    if target != root and root not in target.parents:
        return None, fragment or None
    return target, fragment or None


def _exists(path: Path) -> bool | None:
    """Whether ``path`` exists; None when the system refuses to say (not a valid path)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return None


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    if ctx.note_path is None:
        return
    root = (ctx.repo_root or ctx.note_path.parent).resolve()
    for link in note.links:
        if link.kind != "relative" or not link.url.partition("#")[0]:
            continue
        problem = invalid_path(link)
        if problem is not None:
            yield Finding(link.line, link.col, f"link '{link.url}' is not a valid path: {problem}")
            continue
        target, _fragment = link_target(link, ctx)
        if target is None:
            yield Finding(
                link.line,
                link.col,
                f"link '{link.url}' points outside the repository ({root}): link to a URL instead",
            )
        elif (exists := _exists(target)) is None:
            yield Finding(link.line, link.col, f"link '{link.url}' is not a valid path")
        elif not exists:
            yield Finding(
                link.line,
                link.col,
                f"link '{link.url}' points to a file that does not exist: fix the path",
            )
