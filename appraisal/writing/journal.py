"""All or nothing across files: a set of staged files is switched into place under a
journal, so that a run killed at any instant leaves the old set or, once the next run
has completed it, the new one.

The commit of a set (:func:`commit`): every new file is already staged and on disk;
the journal ``.appraisal.journal`` listing each switch (staged name, target, whether
the target must be new) is written beside them and renamed into place: that rename is
the commit point. Then each staged file is switched (:func:`.disk.switch`) and the
journal removed. A run killed before the commit point leaves the old files and some
staged files, which any later run removes (their writer no longer runs); killed after
it, the journal says what is left to do, and the next run that reads or writes the
folder completes it (:func:`recover`) before anything else. Completing is idempotent:
a switch already made is skipped.

A journal is only followed inside its folder: each target a relative path without
``..``, its staged file a temporary name in the same folder; anything else is refused
and named, never acted on.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import OutputError
from . import disk
from .lock import clear_stale, holding, locked, shared

JOURNAL = ".appraisal.journal"
"""The journal's name, in the folder it belongs to."""
MAX_JOURNAL = 1 << 20


@dataclass(frozen=True)
class Move:
    """One switch of a commit: ``temp`` (staged) takes the place of ``target``; a
    ``new`` target (a backup) must not exist and is never overwritten."""

    temp: Path
    target: Path
    new: bool = False


def commit(folder: Path, moves: Sequence[Move], journaled: list[bool]) -> None:
    """Switch every staged file of ``moves`` into place under a journal in ``folder``
    (one lone replacement needs none: a rename is atomic). ``journaled[0]`` is set once
    the journal is written (from then on the staged files belong to it and must not be
    removed). Hold the folder's lock."""
    if len(moves) == 1 and not moves[0].new:
        disk.switch(moves[0].temp, moves[0].target)
        disk.sync_folder(moves[0].target.parent)
        return
    record = {"tool": "appraisal", "pid": os.getpid(), "moves": [
        {"temp": _relative(folder, m.temp), "target": _relative(folder, m.target),
         "new": m.new} for m in moves]}
    staged = disk.stage(folder / JOURNAL, json.dumps(record, indent=1).encode("utf-8"))
    try:
        disk.switch(staged, folder / JOURNAL)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    journaled[0] = True
    disk.sync_folder(folder)
    try:
        _finish(folder, moves)
    except KeyboardInterrupt:  # Ctrl-C after the commit point: complete, then stop
        _finish(folder, moves)
        raise


def _relative(folder: Path, path: Path) -> str:
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(folder)).as_posix()


def _finish(folder: Path, moves: Sequence[Move]) -> None:
    """Make every switch not yet made, then remove the journal."""
    for m in moves:
        try:
            info = os.lstat(m.temp)
        except FileNotFoundError:
            continue  # switched already
        if not stat.S_ISREG(info.st_mode):
            raise OutputError(f"'{disk.shown(m.temp)}' is not a file this tool staged; "
                              f"remove it and '{disk.shown(folder / JOURNAL)}'")
        if m.new and os.path.lexists(m.target):
            if os.path.samestat(info, os.lstat(m.target)):  # linked, not yet unlinked
                os.unlink(m.temp)
                continue
            raise FileExistsError(17, "a backup of that name exists", str(m.target))
        disk.switch(m.temp, m.target, replace=not m.new)
    for parent in dict.fromkeys(m.target.parent for m in moves):
        disk.sync_folder(parent)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(folder / JOURNAL)
    disk.sync_folder(folder)


def _read(folder: Path) -> list[Move]:
    """The moves of the journal in ``folder``, each checked to stay inside it."""
    path = folder / JOURNAL
    bad = OutputError(f"'{disk.shown(path)}' is not a journal this tool wrote (an "
                      "interrupted write's record); remove it")
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_JOURNAL:
            raise bad
        raw = json.loads(path.read_bytes())
        moves = []
        for item in raw["moves"]:
            temp, target = PurePosixPath(item["temp"]), PurePosixPath(item["target"])
            if (target.is_absolute() or ".." in target.parts or not target.parts
                    or temp.parent != target.parent or not disk.TEMP.match(temp.name)
                    or not isinstance(item["new"], bool)):
                raise bad
            moves.append(Move(folder / temp, folder / target, item["new"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise bad from None
    return moves


def recover(folder: Path, more: Iterable[Path] = ()) -> list[Path]:
    """Complete the commit a killed run left in ``folder`` (its journal), then remove
    the staged files of runs that no longer run, in ``folder``, its journal's folders
    and ``more``; return the targets completed. Hold the folder's lock."""
    done: list[Path] = []
    folders = [folder, *more]
    if os.path.lexists(folder / JOURNAL):
        moves = _read(folder)
        try:
            _finish(folder, moves)
        except OSError as exc:
            raise OutputError(f"could not complete the interrupted write recorded in "
                              f"'{disk.shown(folder / JOURNAL)}': "
                              f"{exc.strerror or exc}") from None
        done = [m.target for m in moves]
        folders += [m.target.parent for m in moves]
    disk.clean_stale(*folders)
    return done


@contextlib.contextmanager
def reading(folder: Path, more: Iterable[Path] = ()) -> Iterator[None]:
    """Read the files of ``folder`` (and its subfolders ``more``) as one set: an
    interrupted write is completed first (under the lock), staged files and a lock
    file that dead runs left are removed where that is allowed, and the block runs
    while no writer is switching files."""
    folder = Path(folder)
    extra = list(more)
    if not holding(folder):
        if os.path.lexists(folder / JOURNAL):
            with locked(folder, "completing an interrupted write"):
                recover(folder, extra)
        else:
            disk.clean_stale(folder, *extra)
            clear_stale(folder)
    with shared(folder):
        yield
