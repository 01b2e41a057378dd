"""The paths the user gives the CLI, checked before anything is opened or written, and
the paths it prints, made safe for the terminal.

A path is printed through :func:`shown`: every character that is not printable (a
newline, ESC, a bidirectional override) is escaped, so a file name can neither fake a
line of output ("Wrote /etc/passwd") nor drive the terminal. An input file named by the
user is checked with :func:`regular_input` (a named pipe would make the reader wait
for ever, a device read without end); an output folder with :func:`out_folder`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import UsageError
from ..input.files import kind_of, printable


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as printed: unchanged, but with every character that is not printable
    escaped (``\\x0a`` for a newline)."""
    return printable(os.fspath(path))


def regular_input(path: Path, what: str) -> None:
    """Raise :class:`UsageError` when something other than a regular file (a named
    pipe, a device, a folder) is at ``path``, which the user named as ``what``;
    nothing is opened. A missing file is left to the reader."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise UsageError(f"{what} '{shown(path)}' is {kind_of(mode)}, not a file")


def out_folder(out: Path, option: str = "--out") -> None:
    """Raise :class:`UsageError` when the folder ``out`` (given as ``option``) cannot
    be one: it is a file (or a pipe, a device), or lies under a file. A folder that is
    missing is made when written."""
    for place in (out, *out.parents):
        try:
            mode = os.stat(place).st_mode
        except (FileNotFoundError, NotADirectoryError):  # made when written
            continue
        except OSError:
            return  # not ours to judge: the writer reports it
        if stat.S_ISDIR(mode):
            return
        what = "a file" if stat.S_ISREG(mode) else kind_of(mode)
        if place == out:
            raise UsageError(f"{option} '{shown(out)}' is {what}, not a folder: name a "
                             "folder for the paper (it is made if missing)")
        raise UsageError(f"{option} '{shown(out)}' cannot be a folder: '{shown(place)}' is "
                         f"{what}, not a folder")
