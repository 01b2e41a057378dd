"""The workbook file as a package, before any cell is read: what is refused outright.

A workbook is read once, into memory, and every later step (the recorded appraisal,
the scan of its parts, the cells) reads those bytes, never the file again, so a file
changed or swapped after the checks is never read. Refused, in this order:

- before the file is opened: nothing there (a usage error); anything but a regular
  file (a named pipe, a device, a folder: opening a pipe would wait for ever); a file
  over :data:`MAX_BYTES`; a macro-enabled name (``.xlsm``, ``.xltm``, ``.xlsb``, ``.xls``);
- before anything is unpacked, from the package's directory: a file that is not a zip
  package; more than :data:`MAX_PARTS` parts; more than :data:`MAX_UNPACKED` in all; a
  part over :data:`MAX_PART`; a part over :data:`RATIO_FROM` compressed more than
  :data:`MAX_RATIO` to 1 (a zip bomb); a macro-enabled package (``vbaProject.bin``).

Reading a part never yields more than its declared size (:mod:`zipfile` stops there and
checks the CRC), so the declared sizes checked here bound every later read.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Diagnostic, InputError, UsageError
from ..input.files import kind_of, printable, read_at_most

MAX_BYTES = 16 * 2**20
"""The largest workbook read (the YAML files' own limit)."""
MAX_UNPACKED = 64 * 2**20
"""The most a workbook may unpack to, all parts together."""
MAX_PART = 32 * 2**20
"""The most one part may unpack to."""
MAX_PARTS = 10_000
"""The most parts (the files packed inside an .xlsx) a workbook may hold."""
MAX_RATIO = 100
"""The most a part over :data:`RATIO_FROM` may be compressed (unpacked size to packed
size); a spreadsheet's XML compresses about 10 to 1, a zip bomb about 1,000 to 1."""
RATIO_FROM = 2**20
SHOWN_PARTS = 5
"""Problems of single parts reported at most."""
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb", ".xls")


@dataclass(frozen=True)
class Package:
    """A workbook's bytes, read once and checked (see the module); ``shown`` names the
    file in messages."""

    shown: str
    data: bytes

    def zip(self) -> zipfile.ZipFile:
        """The package, opened on the bytes in memory."""
        return zipfile.ZipFile(io.BytesIO(self.data))

    def part(self, name: str) -> bytes | None:
        """The bytes of the part ``name`` (at most :data:`MAX_PART`), None when the
        package has no such part."""
        with self.zip() as z:
            try:
                return z.read(name)
            except KeyError:
                return None


def _mib(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB"


def _refused(shown: str, expected: str, found: str, where: str = "") -> InputError:
    return InputError([Diagnostic(shown, 0, 0, where, expected, found)])


def _read_file(path: Path, shown: str) -> bytes:
    """The file's bytes: a regular file of at most :data:`MAX_BYTES`, checked before it
    is opened and again once open (never waiting on a pipe)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise UsageError(f"no workbook at '{shown}'") from None
    except OSError as exc:
        raise _refused(shown, "a readable file", exc.strerror or "cannot be read") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refused(shown, "a workbook file (.xlsx)", kind_of(info.st_mode))
    if info.st_size > MAX_BYTES:
        raise _refused(shown, f"a workbook of at most {MAX_BYTES // 2**20} MiB",
                       _mib(info.st_size))
    if path.suffix.lower() in _MACRO_SUFFIXES:
        raise _refused(shown, "an .xlsx workbook without macros (as export-xlsx writes it)",
                       f"a {printable(path.suffix)} file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _refused(shown, "a readable file", exc.strerror or "cannot be opened") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since it was checked
            raise _refused(shown, "a workbook file (.xlsx)", kind_of(os.fstat(fd).st_mode))
        data = read_at_most(fd, MAX_BYTES)
    except OSError as exc:
        raise _refused(shown, "a readable file", exc.strerror or "cannot be read") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise _refused(shown, f"a workbook of at most {MAX_BYTES // 2**20} MiB",
                       "a file that grew as it was read")
    return data


def _directory(data: bytes, shown: str) -> list[zipfile.ZipInfo]:
    """The parts listed in the package's directory (nothing unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.infolist()
    except Exception:  # zipfile raises many kinds for a damaged directory
        raise _refused(shown, "an .xlsx workbook (as export-xlsx writes it)",
                       "a file that is not one") from None


def _size_problems(infos: list[zipfile.ZipInfo], shown: str) -> list[Diagnostic]:
    problems = []
    if len(infos) > MAX_PARTS:
        problems.append(Diagnostic(shown, 0, 0, "", f"a workbook of at most {MAX_PARTS:,} "
                                   "parts (the files packed inside an .xlsx)",
                                   f"{len(infos):,} parts"))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        problems.append(Diagnostic(shown, 0, 0, "", "a workbook that unpacks to at most "
                                   f"{MAX_UNPACKED // 2**20} MiB", _mib(total)))
    parts = []
    for i in infos:
        name = printable(i.filename[:80])
        if i.file_size > MAX_PART:
            parts.append(Diagnostic(shown, 0, 0, name, "a part that unpacks to at most "
                                    f"{MAX_PART // 2**20} MiB", _mib(i.file_size)))
        elif i.file_size > RATIO_FROM and i.file_size > MAX_RATIO * i.compress_size:
            parts.append(Diagnostic(shown, 0, 0, name, f"a part compressed at most "
                                    f"{MAX_RATIO} to 1 (a zip bomb is refused)",
                                    f"{i.file_size // max(i.compress_size, 1):,} to 1"))
    return problems + parts[:SHOWN_PARTS]


def open_package(path: str | Path, shown: str) -> Package:
    """The workbook at ``path``, read and checked (see the module). Raises
    :class:`UsageError` when there is nothing at ``path`` and :class:`InputError`
    (naming the file as ``shown``) when it is refused."""
    file = Path(path)
    data = _read_file(file, shown)
    infos = _directory(data, shown)
    problems = _size_problems(infos, shown)
    if problems:
        raise InputError(problems)
    package = Package(shown, data)
    names = {i.filename.lower(): i.filename for i in infos}
    types = package.part(names.get("[content_types].xml", "")) or b""
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise _refused(shown, "a workbook without macros", "a macro-enabled workbook")
    return package
