"""A new appraisal written all or nothing (what ``appraisal init`` writes).

Before anything is written the new files are validated as an appraisal in a scratch
folder (they are the tool's own files, never a copy of the user's) and the folder is
checked: new, or holding nothing but empty folders (what an init killed before its
commit leaves). Then the files are written under the folder's lock and journal
(:func:`appraisal.writing.write_all`): a kill leaves no file or every file, and the
next run completes or clears what it left. On any failure every folder this made is
removed again, so a failed init (a full disk, say) leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import Diagnostic, InputError, OutputError, UsageError
from ..input.files import label
from ..input.loading import load
from ..writing import JOURNAL, LOCK, locked, reading, recover, write_all
from ..writing.disk import TEMP


def _only_empty_folders(folder: Path, leftovers: bool) -> bool:
    """Whether ``folder`` holds nothing but (possibly nested) empty folders and its
    lock; with ``leftovers``, also what a killed run left (a journal, staged files)."""
    for where, _, files in os.walk(folder, followlinks=False):
        for f in files:
            mine = f == LOCK and Path(where) == folder
            left = leftovers and (TEMP.match(f) or (f == JOURNAL and Path(where) == folder))
            if not (mine or left):
                return False
    return True


def _check_folder(folder: Path, leftovers: bool = False) -> None:
    if folder.exists() and not (folder.is_dir()
                                and _only_empty_folders(folder, leftovers)):
        raise UsageError(f"'{label(folder)}' exists and is not an empty folder")


def _validate(files: Mapping[Path, bytes], folder: Path) -> None:
    """Load ``files`` (paths under ``folder``) as an appraisal in a scratch folder;
    its problems are raised naming the files as they would be in ``folder``."""
    with tempfile.TemporaryDirectory(prefix="appraisal-init-") as scratch:
        base = Path(scratch)
        for path, data in files.items():
            target = base / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            load(base)
        except InputError as exc:
            shown, real = label(base), label(folder)
            raise InputError([Diagnostic(d.file.replace(shown, real, 1), d.line, d.column,
                                         d.field, d.expected, d.found)
                              for d in exc.diagnostics]) from None


def _made(folder: Path, files: Mapping[Path, bytes]) -> list[Path]:
    """The folders writing ``files`` would make, deepest first."""
    wanted = {folder, *(p.parent for p in files)}
    made: set[Path] = set()
    for f in wanted:
        for d in (f, *f.parents):
            if d.exists() or d.is_symlink():
                break
            made.add(d)
    return sorted(made, key=lambda d: len(d.parts), reverse=True)


def create(folder: Path, files: Mapping[Path, bytes]) -> None:
    """Write ``files`` (every path inside ``folder``) as a new appraisal, all or
    nothing: validated first, ``folder`` new or holding only empty folders. Raises
    :class:`UsageError` for a folder that holds files, :class:`InputError` for files
    that do not make a valid appraisal, :class:`~appraisal.errors.OutputError` when
    they cannot be written (then nothing this made is left)."""
    folder = Path(folder)
    if folder.is_dir():  # an init killed after its commit point is completed first
        with reading(folder, {p.parent for p in files}):
            pass
    _check_folder(folder, leftovers=True)  # what one killed before it is cleared below
    _validate(files, folder)
    made = _made(folder, files)
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"could not make the folder '{label(folder)}': "
                              f"{exc.strerror or exc}") from None
        with locked(folder, "appraisal init"):
            recover(folder, [p.parent for p in files])  # complete or clear a killed init
            _check_folder(folder)  # and nobody wrote into it meanwhile
            write_all(files, folder=folder)
    except BaseException:
        for d in made:
            with contextlib.suppress(OSError):
                d.rmdir()
        raise
