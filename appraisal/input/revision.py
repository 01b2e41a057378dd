"""The revision of an appraisal: a digest of every file :func:`.loading.load` reads,
each file's own digest beside it, so a writer can tell whether the appraisal changed
since it was read, and which files did.

The files are those the loader reads (``appraisal.yaml`` and the ``.yaml``/``.yml``
files of ``criteria/``, ``options/``, ``scenarios/`` and ``members/``, or the single
file), read by the same :class:`~.files.FileReader` (regular files inside the
appraisal, bounded), so :attr:`Revision.digest` equals the input digest of the
appraisal loaded from the same files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .files import FileReader

PARTS = ("criteria", "options", "scenarios", "members")


@dataclass(frozen=True)
class Revision:
    """The digest of an appraisal's files (``digest``) and of each file, by name
    relative to the appraisal's folder (``files``; a file that cannot be read is
    named with why)."""

    digest: str
    files: dict[str, str]

    def changes(self, now: Revision) -> list[str]:
        """What changed from this revision to ``now``, a line a file, in name order:
        ``options/01.yaml (changed)``, ``(added)`` or ``(removed)``."""
        out = []
        for name in sorted(set(self.files) | set(now.files)):
            was, new = self.files.get(name), now.files.get(name)
            if was != new:
                what = "added" if was is None else "removed" if new is None else "changed"
                out.append(f"{name} ({what})")
        return out


def _listed(folder: Path, reader: FileReader) -> list[Path]:
    if reader.check_folder(folder) is not None:
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError:
        return []


def revision(path: Path) -> Revision:
    """The revision of the appraisal at ``path`` (a directory or a single file), as
    it is on disk now."""
    root = Path(path)
    folder = root if root.is_dir() else root.parent
    reader = FileReader(folder)
    if root.is_dir():
        files = [root / "appraisal.yaml",
                 *(f for part in PARTS if (root / part).exists()
                   for f in _listed(root / part, reader))]
    else:
        files = [root]
    named: dict[str, str] = {}
    for file in files:
        if not (file.exists() or file.is_symlink()):
            continue
        got = reader.read_text(file)
        name = Path(os.path.relpath(os.path.abspath(file), os.path.abspath(folder))).as_posix()
        named[name] = ("unreadable: " + got.found) if not isinstance(got, str) else \
            reader.read_files[-1][1].hex()
    return Revision(reader.digest(), named)
