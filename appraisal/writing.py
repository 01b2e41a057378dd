"""Atomic file writing: a file is either fully written or left as it was, and a set of
files is written all or nothing.

Each file is first written to a temporary file beside it, named
``.<name>.<pid>.<random>.tmp``, flushed to disk, then renamed over the target. A run
that is killed leaves such temporary files behind; :func:`clean_stale` removes those of
processes that no longer run.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

from .errors import OutputError

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
_INTERRUPTED: list[bool] = [False]


_CALLBACK_MODULES = ("cffi", "cairocffi", "cairosvg", "weasyprint", "tinycss2", "pydyf")
"""Libraries whose Python code may run as a C library's callback, where an exception
is swallowed (and printed) instead of raised."""


def note_interrupt(signum: int, frame: FrameType | None) -> None:
    """A SIGINT handler that remembers the interrupt and raises KeyboardInterrupt as
    Python's own does, except inside a C library's callback (cairo writing a PNG), where
    the exception would be swallowed with a traceback printed: there it only remembers,
    and the next check (:func:`write_all`, the CLI's end of command) ends the run."""
    _INTERRUPTED[0] = True
    f = frame
    while f is not None:
        if str(f.f_globals.get("__name__", "")).startswith(_CALLBACK_MODULES):
            return
        f = f.f_back
    raise KeyboardInterrupt


def interrupted() -> bool:
    """Whether :func:`note_interrupt` has seen Ctrl-C since :func:`reset_interrupt`."""
    return _INTERRUPTED[0]


def reset_interrupt() -> None:
    _INTERRUPTED[0] = False


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``; return its path."""
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


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: the targets are checked (none may be a folder or a
    special file), every file is staged, and only then are they renamed into place. If
    anything fails before the renames (a full disk, a folder that cannot be written),
    nothing is replaced and the temporary files are removed."""
    staged: list[tuple[Path, Path]] = []
    try:
        if interrupted():  # Ctrl-C was swallowed by a library on the way: write nothing
            raise KeyboardInterrupt
        for path in map(Path, files):
            if path.is_dir() or (path.exists() and not path.is_file()):
                raise IsADirectoryError(21, "not a file that can be replaced", str(path))
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        if interrupted():
            raise KeyboardInterrupt
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        where = getattr(exc, "filename", None) or ", ".join(str(p) for p in files)
        raise OutputError(f"could not write '{where}': {exc.strerror or exc}") from None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    write_all({Path(path): data})


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files that killed runs left in ``folder`` (only those of
    processes no longer running); return what was removed."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        m = _TEMP.match(entry.name)
        if m and entry.is_file() and not entry.is_symlink() and not _alive(int(m["pid"])):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed
