"""Writing files so that none is ever half written and a set is written all or nothing.

:func:`write_all` checks every target, stages every new file beside its target
(:func:`.disk.stage`), and only then switches them into place, with the folder locked
(:func:`.lock.locked`) after completing any write a killed run left there and removing
its temporary files: one file by a rename, a set under a journal
(:func:`.journal.commit`). A failure
before the switch (a full disk, a folder that cannot be written, Ctrl-C) replaces
nothing and removes what was staged.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path

from ..errors import OutputError
from . import disk
from .interrupts import interrupted
from .journal import Move, commit, recover
from .lock import locked


def _check(path: Path, new: bool) -> None:
    if path.is_dir() or (path.exists() and not path.is_file()):
        raise IsADirectoryError(21, "not a file that can be replaced", str(path))
    if new and os.path.lexists(path):
        raise FileExistsError(17, "it exists (a backup is never overwritten)", str(path))


def write_all(files: Mapping[Path, bytes], *, folder: Path | None = None,
              new: Collection[Path] = ()) -> None:
    """Write every file of ``files`` or none. ``folder`` (default: the folder holding
    them all) is where the set's journal and lock live; the paths in ``new`` must not
    exist (backups: none is ever overwritten). Raises :class:`OutputError` naming the
    file that could not be written; after the commit point a failure leaves the journal,
    and the next run completes the set."""
    paths = [Path(p) for p in files]
    if not paths:
        return
    base = Path(folder) if folder is not None else Path(os.path.commonpath(
        [os.path.abspath(p.parent) for p in paths]))
    fresh = {Path(os.path.abspath(p)) for p in new}
    staged: list[Move] = []
    journaled = [False]
    try:
        if interrupted():  # Ctrl-C was swallowed by a library on the way: write nothing
            raise KeyboardInterrupt
        for path in paths:
            _check(path, Path(os.path.abspath(path)) in fresh)
        base.mkdir(parents=True, exist_ok=True)
        with locked(base, "writing " + ", ".join(p.name for p in paths[:4])):
            recover(base, {p.parent for p in paths})
            for path in paths:
                staged.append(Move(disk.stage(path, files[path]), path,
                                   Path(os.path.abspath(path)) in fresh))
            if interrupted():
                raise KeyboardInterrupt
            commit(base, staged, journaled)
    except OSError as exc:
        where = getattr(exc, "filename", None) or ", ".join(str(p) for p in paths)
        if journaled[0]:
            raise OutputError(f"the write of '{disk.shown(Path(where))}' was cut short "
                              f"({exc.strerror or exc}); the next run of appraisal on "
                              f"'{disk.shown(base)}' completes it") from None
        _unstage(staged)
        raise OutputError(f"could not write '{disk.shown(Path(where))}': "
                          f"{exc.strerror or exc}") from None
    except BaseException:
        if not journaled[0]:
            _unstage(staged)
        raise


def _unstage(staged: list[Move]) -> None:
    for m in staged:
        m.temp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    write_all({Path(path): data})


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))
