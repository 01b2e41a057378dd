"""Reading input files safely: only regular files inside the appraisal, of bounded size,
as UTF-8 text.

An appraisal is read from its root: the directory of the directory form, or the folder
holding the single file. A file is read only when it is a regular file (never a pipe,
a device or a folder) whose real path lies inside the root, so a link that leaves the
appraisal is refused and nothing outside it is ever read or echoed. Every file is at
most :data:`MAX_FILE_BYTES` and a whole appraisal at most :data:`MAX_TOTAL_BYTES`;
files are read with a bound, so a huge or endless file costs nothing. Text must be
UTF-8 (a byte-order mark is allowed). File names are shown with any byte that is not
printable UTF-8 escaped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

from ..errors import Diagnostic

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest input file read (16 MiB)."""
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""The most input read for one appraisal (64 MiB)."""


def label(path: Path) -> str:
    """How a path is shown to the user: relative to the working directory when inside
    it, with bytes that are not printable UTF-8 escaped."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = str(path)
    return printable(str(path) if rel.startswith("..") else rel)


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: every character that is not printable
    (control characters, line breaks, escape sequences' ESC, bidirectional overrides)
    and every byte that is not UTF-8 shown escaped (``\\x1b``), so a file name can
    neither fake an output line nor drive the terminal; other text is unchanged."""
    with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: escaped below
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def read_at_most(fd: int, limit: int) -> bytes:
    """What the open file ``fd`` holds, read a mebibyte at a time, stopping after
    ``limit`` + 1 bytes (so a caller sees that the file is larger than ``limit``
    without reading the rest)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def kind_of(mode: int) -> str:
    """What a file of ``mode`` (from ``os.stat``) is when it is not a regular file, in
    words ("a named pipe", "a device", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


class FileReader:
    """Reads the files of one appraisal under its ``root``, within the size budget,
    recording each file read (for the input digest) and every problem."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.base = Path(os.path.abspath(root))  # names in the digest are relative to it
        self.remaining = MAX_TOTAL_BYTES
        self.read_files: list[tuple[Path, bytes]] = []  # (path, sha256) in reading order

    def inside(self, path: Path) -> bool:
        """Whether ``path``'s real location lies inside the root."""
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return False
        return real == self.root or self.root in real.parents

    def check_folder(self, folder: Path) -> str | None:
        """Why ``folder`` cannot be listed (None when it can)."""
        if not self.inside(folder):
            return "a folder inside the appraisal; found a link leaving it"
        if not folder.is_dir():
            return "a folder"
        if not os.access(folder, os.R_OK | os.X_OK):
            return "a folder that can be read; found one without permission"
        return None

    def read_text(self, path: Path) -> str | Diagnostic:
        """The file's text, or the problem that stops it being read."""
        shown = label(path)

        def problem(expected: str, found: str) -> Diagnostic:
            return Diagnostic(shown, 0, 0, "", expected, found)

        if not self.inside(path):
            return problem("a file inside the appraisal folder",
                           "a link leaving it" if path.is_symlink() else "no such file")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            return problem("a readable file", exc.strerror or "cannot be opened")
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return problem("a regular file", kind_of(info.st_mode))
            limit = min(MAX_FILE_BYTES, self.remaining)
            if info.st_size > limit:
                which = ("a file of at most " + _mib(MAX_FILE_BYTES) if limit == MAX_FILE_BYTES
                         else f"an appraisal of at most {_mib(MAX_TOTAL_BYTES)} in all")
                return problem(which, _mib(info.st_size))
            data = read_at_most(fd, limit)
        except OSError as exc:
            return problem("a readable file", exc.strerror or "cannot be read")
        finally:
            os.close(fd)
        if len(data) > limit:
            return problem(f"a file of at most {_mib(limit)}", "a file that grew as it was read")
        self.remaining -= len(data)
        self.read_files.append((path, hashlib.sha256(data).digest()))
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            return Diagnostic(shown, line, 0, "", "UTF-8 text",
                              f"a byte that is not UTF-8 (0x{data[exc.start]:02x})")

    def digest(self) -> str:
        """SHA-256 over the files read (name relative to the root, and content), in
        name order, so a reader can tell exactly which inputs produced a result."""
        h = hashlib.sha256()
        for path, content in sorted(((self._relative(p), c) for p, c in self.read_files)):
            h.update(path.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
            h.update(content)
        return "sha256:" + h.hexdigest()

    def _relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.base).as_posix()
        except ValueError:
            return absolute.name
