"""Atomic file writes: the one way notes-lint puts a file's new content in place.

A file written here appears whole or not at all: the data goes to a temporary
file in the target's folder (the same file system, so the rename is atomic),
is flushed to disk, and is then renamed over the target (POSIX ``rename(2)``,
``os.replace``).  Fixed notes, the HTML report, ``init``'s config, ``new``'s
note and the cache's entries are all written this way.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from notes_lint.errors import UsageError
from notes_lint.names import unicode_text

_NEW_FILE_BITS = 0o666
"""What ``open(2)`` asks for a new file; the umask takes its bits off (``touch``)."""


class WriteError(UsageError):
    """``path`` could not be written (exit code 2): ``'<path>: cannot write: <reason>'``.

    ``reason`` is the operating system's words (``Permission denied``, ``Not a
    directory``, ``No space left on device``); the target is left as it was.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: cannot write: {reason}")
        self.path = os.fspath(path)
        self.reason = reason


class OutputError(UsageError):
    """Standard output cannot be written (a full disk, ``> /dev/full``): exit code 2,
    ``'cannot write to standard output: <reason>'``.  A closed pipe is not this
    (``BrokenPipeError`` ends the run quietly, as ``head`` expects)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write to standard output: {reason}")
        self.reason = reason


class GuardedOutput:
    """A stream (``sys.stdout``, or its ``buffer``) whose failing ``write``, ``writelines`` and ``flush``
    raise :class:`OutputError` instead of a bare ``OSError``; any other attribute is
    the stream's own."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> int:
        try:
            written: int = self._stream.write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(_reason(error)) from None
        return written

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(_reason(error)) from None

    @property
    def buffer(self) -> GuardedOutput:
        return GuardedOutput(self._stream.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def make_folders(folder: str | os.PathLike[str], shown: str | os.PathLike[str]) -> None:
    """Make ``folder`` and the folders above it when missing (``mkdir -p``).

    Raises :class:`WriteError` naming ``shown`` (the file to be written there):
    ``Not a directory`` when a file stands where a folder should be, as ``open(2)``
    says it, else the operating system's words.
    """
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a folder of the path should be
        raise WriteError(shown, os.strerror(errno.ENOTDIR)) from None
    except OSError as error:
        raise WriteError(shown, _reason(error)) from None


class LeavesRoot(WriteError):
    """``path`` lies in ``root`` as written but resolves outside it (a symbolic link,
    or a linked folder on its way, leading out): nothing is written, no folder made.

    SECURITY.md: no writing outside the notes; ``check --fix`` refuses the same.
    """

    def __init__(self, path: str | os.PathLike[str], resolved: str, linked: bool) -> None:
        how = "is a link to" if linked else "resolves to"
        super().__init__(path, f"it {how} {resolved}, outside the repository; not written")
        self.resolved = resolved


def resolves_outside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str | None:
    """Where ``path`` leads when its resolved location (``os.path.realpath``: every
    link followed, a dangling one too) is outside the resolved ``root``, else None."""
    resolved = os.path.realpath(path)
    if Path(resolved).is_relative_to(os.path.realpath(root)):
        return None
    return resolved


def check_confined(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> None:
    """Refuse (:class:`LeavesRoot`) a target written inside ``root`` that a link leads out of it.

    A path outside ``root`` as written (``--output /tmp/x.html``) is the user's own
    choice and is not refused; the rule is about links met on the way, which a
    reader of the path as written cannot see.
    """
    absolute = os.path.abspath(path)
    if not Path(absolute).is_relative_to(os.path.abspath(root)) and not Path(
        absolute
    ).is_relative_to(os.path.realpath(root)):
        return
    resolved = resolves_outside(path, root)
    if resolved is not None:
        raise LeavesRoot(path, resolved, os.path.islink(path))


def write_root(path: str | os.PathLike[str]) -> Path:
    """The folder a file written at ``path`` must stay in: the git work tree that holds
    ``path`` as written (the outermost one, when work trees nest), else the current folder.

    The work tree is found from the path as the user reads it: made absolute from the
    working folder and its ``..`` taken off lexically (``os.path.abspath``), no link
    followed, so a linked folder on the way (``out -> ../other-repo/dir``) cannot make
    another repository the root.  The outermost work tree is taken so that a link to
    another repository's folder, even one holding a ``.git`` of its own, is judged
    against the repository the link lies in.  :func:`check_confined` then compares the
    target's resolved location with this root's resolved location.
    """
    written = Path(os.path.abspath(path))
    root: Path | None = None
    for folder in written.parents:
        if (folder / ".git").exists():
            root = folder
    return root if root is not None else Path.cwd()


class TargetExists(WriteError):
    """``replace=False`` and ``path`` exists (a file, a folder or a link, even a dangling one)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, os.strerror(errno.EEXIST))


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes | str,
    *,
    keep_mode: bool = True,
    replace: bool = True,
    durable: bool = True,
    root: str | os.PathLike[str] | None = None,
) -> None:
    """Give ``path`` the content ``data`` (``str`` is written as UTF-8), whole or not at all.

    - The folders above ``path`` are made when missing.
    - A symbolic link is followed when it replaces: the file it points at gets
      the content and the link stays (as ``>`` in a shell, or an editor's save).
    - ``keep_mode``: the file keeps its permission bits (fixing a note never
      changes its mode); a new file gets what the umask leaves of ``0o666``, as
      ``touch`` would.  ``keep_mode=False`` leaves the temporary file's ``0o600``
      (private: the cache).
    - ``replace=False`` never puts the file over an existing one, not even one
      made meanwhile: :class:`TargetExists` (a hard link, which cannot replace;
      where the file system has none, a check and a rename).
    - ``durable``: the data and the rename are flushed to disk (``fsync`` of the
      file and of its folder) before returning; the cache, which can be made
      again, passes ``False``.
    - ``root``: the folder the file must stay in (:func:`check_confined`); a
      link inside it that leads out is refused (:class:`LeavesRoot`) before any
      folder is made.
    - Lone surrogates in a ``str`` (a file name's undecodable bytes) are written
      as ``\\xNN`` text, so the file is valid UTF-8.

    Raises :class:`WriteError` (a :class:`UsageError`, exit code 2) naming
    ``path`` and the reason for any failure of the operating system (a folder
    that cannot be written or is a file, a full disk, a folder at ``path``);
    the temporary file is removed on every failure, and the target is as it was.
    """
    payload = unicode_text(data).encode("utf-8") if isinstance(data, str) else data
    given = Path(path)
    if root is not None:
        check_confined(given, root)
    target = Path(os.path.realpath(given)) if replace else given
    make_folders(target.parent, given)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteError(given, _reason(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if keep_mode:
            os.chmod(temporary, _mode_for(target))
        if replace:
            os.replace(temporary, target)
        else:
            _link_new(temporary, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, FileExistsError) and not replace:
            raise TargetExists(given) from None
        if isinstance(error, OSError):
            raise WriteError(given, _reason(error)) from None
        raise
    if durable:
        _sync_folder(target.parent)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _mode_for(target: Path) -> int:
    """The permission bits of the file at ``target``, else a new file's (``0o666`` less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return _NEW_FILE_BITS & ~umask


def _link_new(temporary: str, target: Path) -> None:
    """Give ``temporary`` the name ``target`` unless that name exists (``FileExistsError``)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT file systems)
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry of the renamed file; where a folder cannot be opened
    (Windows) or synced, the data is on disk already and the rename is the system's."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
