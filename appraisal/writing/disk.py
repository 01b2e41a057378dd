"""The file system steps of writing, one function each: staging a file's new bytes
beside it, switching a staged file into place, making a folder's entries durable, and
finding the temporary files that killed runs left.

A staged file is named ``.<name>.<pid>.<random>.tmp`` in the target's folder (so the
switch is a rename within one folder, which POSIX makes atomic), written, flushed to
disk and given the usual permissions before it is switched. Every switch of every write
goes through :func:`switch`, the one place where a file changes from old to new (the
kill tests stop the process at each call of it).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
"""The name of a staged file: ``.<target's name>.<pid of its writer>.<random>.tmp``."""


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (its folder made if
    missing), flushed to disk; return its path. On failure nothing is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def switch(temp: Path, target: Path, *, replace: bool = True) -> None:
    """Put the staged file ``temp`` in the place of ``target``, atomically: a rename
    over it, or, when ``replace`` is False (a backup, which never overwrites another),
    a hard link that fails with :class:`FileExistsError` when ``target`` exists, then
    the temporary name removed."""
    if replace:
        os.replace(temp, target)
        return
    os.link(temp, target)
    os.unlink(temp)


def shown(path: Path) -> str:
    """A path as a message shows it: every byte that is not printable UTF-8 escaped."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the system allows a folder to be
    flushed)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def dead_temps(folders: Iterable[Path]) -> list[Path]:
    """The staged files in ``folders`` whose writer no longer runs (never a link, a
    folder or a file of a live process)."""
    found: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            m = TEMP.match(entry.name)
            with contextlib.suppress(OSError):
                if m and entry.is_file(follow_symlinks=False) and not alive(int(m["pid"])):
                    found.append(Path(folder) / entry.name)
    return sorted(found)


def clean_stale(folder: Path, *more: Path) -> list[Path]:
    """Remove the temporary files that killed runs left in ``folder`` (and ``more``
    folders); return what was removed. A file that cannot be removed is left."""
    removed: list[Path] = []
    for path in dead_temps([folder, *more]):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
