"""The workbook file as a package, before any cell is read: what is refused outright,
and the appraisal the workbook records.

Refused before the workbook is opened: a file over :data:`MAX_BYTES`, a file that is
not an xlsx (zip) package, a macro-enabled workbook, a package that would unpack to
more than :data:`MAX_UNPACKED` (or hold more than :data:`MAX_PARTS` parts).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from ..errors import Diagnostic, InputError, UsageError
from .workbook import SOURCE_PROPERTY

MAX_BYTES = 16 * 2**20
"""The largest workbook read (the YAML files' own limit)."""
MAX_UNPACKED = 64 * 2**20
"""The most a workbook may unpack to (a zip bomb is refused before it is opened)."""
MAX_PARTS = 10_000
"""The most parts a workbook's package may hold."""
_SOURCE = re.compile(f'name="{SOURCE_PROPERTY}"'
                     r'[^>]*>\s*<vt:lpwstr[^>]*>([^<]*)</vt:lpwstr>')


def refuse(path: Path, shown: str) -> None:
    """Raise :class:`UsageError` when there is no file at ``path``, and
    :class:`InputError` (naming the file as ``shown``) when the package is refused (see
    the module); return quietly otherwise. Nothing is unpacked."""
    if not path.is_file():
        raise UsageError(f"no workbook at '{shown}'")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError([Diagnostic(shown, 0, 0, "", f"a workbook of at most "
                                     f"{MAX_BYTES // 2**20} MiB",
                                     f"{size / 2**20:.1f} MiB")])
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlsb", ".xls"):
        raise InputError([Diagnostic(shown, 0, 0, "", "an .xlsx workbook without macros "
                                     "(as export-xlsx writes it)",
                                     f"a {path.suffix} file")])
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename.lower() for i in infos}
            types = z.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        raise InputError([Diagnostic(shown, 0, 0, "", "an .xlsx workbook (as export-xlsx "
                                     "writes it)", "a file that is not one")]) from None
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise InputError([Diagnostic(shown, 0, 0, "", "a workbook without macros",
                                     "a macro-enabled workbook")])
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED or len(infos) > MAX_PARTS:
        raise InputError([Diagnostic(shown, 0, 0, "", f"a workbook that unpacks to at most "
                                     f"{MAX_UNPACKED // 2**20} MiB",
                                     f"{unpacked / 2**20:.0f} MiB in {len(infos)} parts")])


def recorded_source(path: str | Path) -> Path | None:
    """The appraisal a workbook was exported from (its ``appraisal-path`` property,
    relative to the workbook's folder), or None: none recorded, or the bundled
    example."""
    file = Path(path)
    try:
        with zipfile.ZipFile(file) as z:
            custom = z.read("docProps/custom.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    found = _SOURCE.search(custom)
    if found is None or found.group(1) in ("", "-"):
        return None
    return file.parent / html.unescape(found.group(1))
