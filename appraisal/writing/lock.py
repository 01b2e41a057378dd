"""One writer at a time: a lock on a folder (an appraisal's, or the folder a paper is
written to), held by every command while it writes there.

The lock is ``.appraisal.lock`` in the folder, locked with ``flock``: the system
releases it when its holder ends in any way, so a lock left by a killed process is
simply taken by the next writer (the file it left is reused, or removed by the next
reader: :func:`clear_stale`). The holder writes who it
is (pid, command, host, since when) into the file, for the message another writer
shows; it removes the file when it is done, so no lock file stays behind. A second
writer waits, up to :data:`DEFAULT_WAIT` seconds (``APPRAISAL_LOCK_WAIT`` changes it),
then is refused with :class:`LockedError` naming the holder. Readers take the lock
shared while a lock file exists, so they never read a set of files in the middle of its
switch. A process that holds a folder's lock may lock it again (reading what it is
about to write, say): the lock is counted, not taken twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .disk import shown

LOCK = ".appraisal.lock"
"""The lock file's name, in the locked folder."""
DEFAULT_WAIT = 30.0
"""How long, in seconds, a writer waits for another to finish before giving up."""
WAIT_VARIABLE = "APPRAISAL_LOCK_WAIT"
_HELD: dict[str, int] = {}
"""The folders this process has locked (by real path), with how often."""


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its holder recorded it (empty when it had not yet)."""

    pid: int = 0
    command: str = ""
    host: str = ""
    since: str = ""

    def describe(self) -> str:
        """``pid 123: appraisal import-xlsx ..., since 2024-05-01 10:02:03`` (what is
        known of it, every character printable)."""
        if not self.pid:
            return "a command that has just started"
        where = "" if not self.host or self.host == socket.gethostname() else \
            f" on {self.host}"
        what = f": {self.command}" if self.command else ""
        text = f"pid {self.pid}{where}{what}" + (f", since {self.since}" if self.since else "")
        return "".join(c if c.isprintable() else "?" for c in text)[:300]


class LockedError(OutputError):
    """Another command holds the folder's lock for longer than this one would wait."""

    def __init__(self, folder: Path, holder: Holder) -> None:
        self.folder = folder
        self.holder = holder
        super().__init__(f"'{shown(folder)}' is being written by another command "
                         f"({holder.describe()}); nothing was done: try again when it "
                         "has finished")


def wait_limit() -> float:
    """Seconds a writer waits for the lock: ``APPRAISAL_LOCK_WAIT``, else
    :data:`DEFAULT_WAIT`."""
    try:
        return max(0.0, float(os.environ.get(WAIT_VARIABLE, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def holding(folder: Path) -> bool:
    """Whether this process holds the lock of ``folder``."""
    return os.path.realpath(folder) in _HELD


def _holder(fd: int) -> Holder:
    try:
        raw = json.loads(os.pread(fd, 4096, 0).decode("utf-8", "replace") or "{}")
        return Holder(int(raw["pid"]), str(raw["command"]), str(raw["host"]),
                      str(raw["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Holder()


def _flock(fd: int, mode: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _exclusive(folder: Path, on_wait: Callable[[Holder], None] | None) -> int:
    """An open descriptor of the folder's lock file, locked exclusively."""
    import fcntl

    path = folder / LOCK
    deadline = time.monotonic() + wait_limit()
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
                         | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            raise OutputError(f"could not lock '{shown(path)}': {exc.strerror or exc} (a lock "
                              "file must be a plain file the tool can write)") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OutputError(f"could not lock '{shown(path)}': not a plain file")
        if not _flock(fd, fcntl.LOCK_EX):
            holder = _holder(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                raise LockedError(folder, holder)
            if not told and on_wait is not None:
                on_wait(holder)
                told = True
            time.sleep(0.05)
            continue
        try:  # the previous holder removed the file as we opened it: lock the new one
            same = os.path.samestat(os.stat(path, follow_symlinks=False), os.fstat(fd))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextlib.contextmanager
def locked(folder: Path, command: str = "",
           on_wait: Callable[[Holder], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``folder`` (which must exist) while the block runs; ``command``
    says who holds it, ``on_wait`` is called once, with the holder, if this has to wait.
    Raises :class:`LockedError` after waiting :func:`wait_limit` seconds."""
    key = os.path.realpath(folder)
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    fd = _exclusive(Path(folder), on_wait)
    try:
        me = {"pid": os.getpid(), "command": command, "host": socket.gethostname(),
              "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        _HELD[key] = 1
        yield
    finally:
        _HELD.pop(key, None)
        with contextlib.suppress(OSError):  # remove it while still holding it
            if os.path.samestat(os.stat(Path(folder) / LOCK, follow_symlinks=False),
                                os.fstat(fd)):
                os.unlink(Path(folder) / LOCK)
        os.close(fd)


def clear_stale(folder: Path) -> bool:
    """Remove the lock file a killed writer left in ``folder`` (only when nobody holds
    it, and only while holding it, as a writer ends); return whether one was removed."""
    import fcntl

    path = Path(folder) / LOCK
    if os.path.realpath(folder) in _HELD or not os.path.lexists(path):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not _flock(fd, fcntl.LOCK_EX) or not os.path.samestat(
                os.stat(path, follow_symlinks=False), os.fstat(fd)):
            return False
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def shared(folder: Path) -> Iterator[None]:
    """Read ``folder`` while no writer holds its lock: wait for one that does (up to
    :func:`wait_limit` seconds, then :class:`LockedError`). Nothing is created: with no
    lock file, or one that cannot be opened, the block runs at once."""
    import fcntl

    fd = -1
    if os.path.realpath(folder) not in _HELD:
        with contextlib.suppress(OSError):
            fd = os.open(Path(folder) / LOCK, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
                         | os.O_NONBLOCK)
    try:
        if fd >= 0 and stat.S_ISREG(os.fstat(fd).st_mode):
            deadline = time.monotonic() + wait_limit()
            while not _flock(fd, fcntl.LOCK_SH):
                if time.monotonic() >= deadline:
                    raise LockedError(Path(folder), _holder(fd))
                time.sleep(0.05)
        yield
    finally:
        if fd >= 0:
            os.close(fd)
