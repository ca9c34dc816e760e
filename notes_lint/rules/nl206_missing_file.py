"""NL206: a relative link to a file that does not exist.

Paths resolve as GitHub resolves them: against the note's folder (``/x`` against
the repository root), never followed outside the repository root.  A path that
no file system can hold (a NUL byte, a name longer than 255 bytes, a path longer
than 4,096 bytes: Linux's NAME_MAX and PATH_MAX) is reported as not a valid path,
without asking the file system.

Notes that a static site also publishes hold links written for the site's URLs:
site-relative ones (``/working-groups/parser/``, not a Markdown file) and folder
URLs (``../parser/``, ending in ``/``), which a site resolves against the page's
own URL (``/minutes/2019-04-11/`` for ``minutes/2019-04-11.md``: Hugo's and
Jekyll's pretty URLs).  Without ``links.site-root`` such a link is not judged
when no file or folder of that path exists: notes-lint cannot know the site's
pages.  With it (the site's content folder), a site URL of a note in the site is
the site's alone (:func:`judged_by_site`): it resolves inside the site root only
(:func:`site_page`), so a file or folder that the path reaches from the note's
own folder does not count, and a path that climbs above the site root is broken.
Another link that names no file is looked for as the site serves it too, and is
reported only when neither exists.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

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


INDEX_PAGES = ("_index.md", "index.md", "README.md")
"""The files a static site serves for a folder's URL (Hugo's section page, Hugo's and
Jekyll's page bundle or index, GitHub Pages' README), in that order."""
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def is_site_url(link: Link) -> bool:
    """Whether a relative link is written as a static site's URL: site-relative and not
    a Markdown file (``/working-groups/parser/``), or a folder URL (``../parser/``)."""
    path = _path_part(link)
    if path.endswith("/"):
        return True
    return path.startswith("/") and not path.lower().endswith(_MARKDOWN_SUFFIXES)


def _page_folder(note: Path, site_root: Path) -> tuple[str, ...] | None:
    """The URL path of a note's page, as folder names under the site root (``minutes/
    a.md`` is served at ``/minutes/a/``, ``minutes/_index.md`` at ``/minutes/``); None
    when the note is not in the site."""
    try:
        relative = note.relative_to(site_root)
    except ValueError:
        return None
    folder = relative.parent.parts
    return folder if relative.name in INDEX_PAGES else (*folder, relative.stem)


def _site_folders(link: Link, ctx: Context) -> tuple[list[str] | None, bool]:
    """The names under ``links.site-root`` that a relative link's URL path leads to, and
    whether the path climbs above the site root on the way (then the names are None).

    A site-relative path starts at the site root, another at the URL of the note's page
    (:func:`_page_folder`); ``..`` goes up one name, ``.`` and empty names stay.  None,
    False when there is no site root, no path, an invalid one, or a relative path from a
    note outside the site.
    """
    site_root = ctx.config.links.site_root
    path = _path_part(link)
    if site_root is None or ctx.note_path is None or not path or invalid_path(link):
        return None, False
    if path.startswith("/"):
        folders: list[str] = []
    else:
        page = _page_folder(ctx.note_path.resolve(), site_root)
        if page is None:
            return None, False
        folders = list(page)
    for name in path.split("/"):
        if name == "..":
            if not folders:
                return None, True  # above the site's root
            folders.pop()
        elif name not in ("", "."):
            folders.append(name)
    return folders, False


def judged_by_site(link: Link, ctx: Context) -> bool:
    """Whether a relative link is the static site's alone: ``links.site-root`` is set, the
    link is written as a site URL (:func:`is_site_url`), and it is site-relative or its
    note is a page of the site.  Such a link resolves inside the site root only."""
    site_root = ctx.config.links.site_root
    if site_root is None or ctx.note_path is None or not is_site_url(link):
        return False
    if _path_part(link).startswith("/"):
        return True
    return _page_folder(ctx.note_path.resolve(), site_root) is not None


def site_page(link: Link, ctx: Context) -> Path | None:
    """The file that the static site in ``links.site-root`` serves for a relative link, or
    None (no site root, a path that climbs above the site root, no such page).

    The path resolves as :func:`_site_folders` says; a URL ``/x/`` or ``/x`` is served
    from the file ``x`` itself, then ``x/_index.md``, ``x/index.md``, ``x/README.md``,
    then ``x.md``; what it finds must lie inside the site root (a symbolic link may not
    lead out).
    """
    site_root = ctx.config.links.site_root
    folders, _above = _site_folders(link, ctx)
    if site_root is None or folders is None:
        return None
    base = site_root.joinpath(*folders)
    candidates = [base, *(base / index for index in INDEX_PAGES)]
    if folders:
        candidates.append(base.with_name(base.name + ".md"))
    for candidate in candidates:
        try:
            found = candidate.resolve()
            if found.is_file() and (found == site_root or site_root in found.parents):
                return found
        except (OSError, ValueError, RuntimeError):
            continue
    return None


def resolve(link: Link, ctx: Context) -> tuple[Path | None, str | None]:
    """The file a relative link leads to: for a link that is the site's alone
    (:func:`judged_by_site`), the site's page or None; otherwise the file on GitHub
    (:func:`link_target`) or, when that does not exist, the site's page
    (:func:`site_page`).  And the link's fragment."""
    target, fragment = link_target(link, ctx)
    if judged_by_site(link, ctx):
        return site_page(link, ctx), fragment
    if target is not None and _exists(target):
        return target, fragment
    return site_page(link, ctx) or target, fragment


def _exists(path: Path) -> bool | None:
    """Whether ``path`` exists; None when the system refuses to say (not a valid path)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return None


def _check_site_link(link: Link, ctx: Context) -> Iterator[Finding]:
    """NL206 for a link that is the site's alone (:func:`judged_by_site`)."""
    if site_page(link, ctx) is not None:
        return
    site_root = ctx.config.links.site_root
    name = f"{site_root.name}/" if site_root is not None else "the site"
    _folders, above = _site_folders(link, ctx)
    if above:
        yield Finding(
            link.line,
            link.col,
            f"link '{link.url}' climbs above the root of the site in {name}: "
            "a site URL resolves inside the site only; fix the path",
        )
    else:
        page = None
        if ctx.note_path is not None and site_root is not None:
            page = _page_folder(ctx.note_path.resolve(), site_root)
        start = (
            f" from this page's URL /{'/'.join(page)}/"
            if page is not None and not _path_part(link).startswith("/")
            else ""
        )
        yield Finding(
            link.line,
            link.col,
            f"link '{link.url}' points to no page of the site in {name}{start}: fix the path",
        )


def _shown(link: Link) -> str:
    """A relative link's destination as the writer wrote it (``<the docs>`` is stored
    percent-encoded, ``the%20docs``), characters that show nothing (U+200B, control
    characters, spaces other than U+0020) left percent-encoded so that they are seen."""
    return "".join(
        quote(char)
        if unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp")
        or (char.isspace() and char != " ")
        else char
        for char in unquote(link.url)
    )


def _url_like(text: str) -> bool:
    """Whether a link's text is itself a web address (``https://…``, ``www.…``)."""
    text = text.strip()
    return text.lower().startswith(("http://", "https://", "www.")) and " " not in text


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    if ctx.note_path is None:
        return
    root = (ctx.repo_root or ctx.note_path.parent).resolve()
    for link in note.links:
        if link.kind != "relative" or not _path_part(link):
            continue  # only a fragment or a query (``?plain=1#L2``): the note itself
        problem = invalid_path(link)
        if problem is not None:
            yield Finding(link.line, link.col, f"link '{link.url}' is not a valid path: {problem}")
            continue
        if judged_by_site(link, ctx):
            yield from _check_site_link(link, ctx)
            continue
        target, _fragment = link_target(link, ctx)
        if (target is None or not _exists(target)) and (
            site_page(link, ctx) is not None
            or (ctx.config.links.site_root is None and is_site_url(link))
        ):
            continue  # a page of the site; or a site URL that only the site can judge
        if target is None:
            yield Finding(
                link.line,
                link.col,
                f"link '{link.url}' points outside the repository ({root}): link to a URL instead",
            )
        elif (exists := _exists(target)) is None:
            yield Finding(link.line, link.col, f"link '{link.url}' is not a valid path")
        elif not exists and _url_like(link.text):
            yield Finding(
                link.line,
                link.col,
                f"link written backwards: its text '{link.text}' is a URL and "
                f"'{_shown(link)}' is no file; write it as [{_shown(link)}]({link.text})",
            )
        elif not exists:
            site_root = ctx.config.links.site_root
            where = (
                f"to no file, nor to a page of the site in {site_root.name}/"
                if site_root is not None
                else "to a file that does not exist"
            )
            yield Finding(
                link.line, link.col, f"link '{_shown(link)}' points {where}: fix the path"
            )
