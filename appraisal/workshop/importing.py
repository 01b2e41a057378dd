"""Bringing a returned workbook into the appraisal's YAML files without losing
anything: what ``appraisal import-xlsx`` does, apart from saying it.

:func:`plan` reads the appraisal (its :class:`~appraisal.input.revision.Revision`:
the digest of every file read) and the workbook, decides the changes from the three
ways each value stands (:func:`.threeway.merge`), makes them in memory and validates
the appraisal with the new texts (:func:`appraisal.input.loading.load` reads them in
place of the files: nothing is copied). :func:`commit` writes them, all or nothing,
with a backup of each changed file that never overwrites another, and only if the
appraisal's files are still as they were read; the caller holds the appraisal's lock
(:func:`appraisal.writing.locked`) from before the plan to after the commit, so two
imports never interleave.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..input.files import label
from ..input.loading import load
from ..input.models import Appraisal
from ..input.revision import Revision, revision
from ..writing import write_all
from .edits import apply
from .threeway import Merge, merge
from .xlsx_export import values_of
from .xlsx_import import read_workbook
from .yamledit import Change


@dataclass(frozen=True)
class Plan:
    """An import worked out and validated, not yet written: the appraisal at
    ``root`` as read (``revision``), the workbook's recorded digest (``exported``,
    None when not recorded) and whether it holds the values as exported
    (``recorded``), the ``merge`` of the three ways, the ``changes`` it makes and the
    new ``texts`` of the changed files (and their texts as read, ``before``)."""

    root: Path
    appraisal: Appraisal
    revision: Revision
    exported: str | None
    recorded: bool
    merge: Merge
    changes: list[Change]
    texts: dict[Path, str]
    before: dict[Path, str]

    @property
    def folder(self) -> Path:
        """The appraisal's folder: where its lock and journal live."""
        return self.root if self.root.is_dir() else self.root.parent

    @property
    def changed_since_export(self) -> bool:
        """Whether the appraisal's files differ from those the workbook was exported
        from (False when the workbook records no digest)."""
        return self.exported is not None and self.exported != self.revision.digest


def plan(workbook: Path, root: Path, criteria: str | None = None) -> Plan:
    """The import of ``workbook`` into the appraisal at ``root``, worked out and
    validated (see the module). Raises :class:`~appraisal.errors.InputError` for a
    problem in the workbook or in the appraisal it would make, UsageError for two
    cells editing one value differently."""
    a = load(root, criteria=criteria)
    read = revision(root)
    if read.digest != a.input_digest:
        raise ChangedError("nothing written: the appraisal's files changed as they were "
                           "read; run import-xlsx again")
    returned = read_workbook(workbook, a)
    record = returned.record
    done = merge(returned.edits, record.values if record else None, values_of(a))
    editor = apply(a, root, done.edits)
    texts = editor.texts()
    if texts:
        load(root, criteria=criteria, texts=texts)
    return Plan(root, a, read, record.digest if record else None,
                record is not None and record.values is not None, done, editor.changes,
                texts, {d.path: d.text for d in editor.docs if d.path in texts})


class ChangedError(OutputError):
    """The appraisal's files changed between reading and writing."""


def _backup(path: Path, taken: set[Path]) -> Path:
    """FILE.bak, or FILE.bak2, FILE.bak3... : the first name that is not taken."""
    k = 1
    while True:
        candidate = path.with_name(path.name + (".bak" if k == 1 else f".bak{k}"))
        if candidate not in taken and not os.path.lexists(candidate):
            return candidate
        k += 1


def commit(p: Plan) -> dict[Path, Path]:
    """Write the plan's texts, each changed file first kept as a backup (never
    overwriting one), all or nothing; return each file's backup. Raises
    :class:`ChangedError` naming what changed when the appraisal's files are no longer
    those :func:`plan` read. Hold the appraisal's lock."""
    now = revision(p.root)
    if now.digest != p.revision.digest:
        raise ChangedError("nothing written: the appraisal changed while the workbook "
                           f"was read ({'; '.join(p.revision.changes(now)) or 'its files'}"
                           f"); run import-xlsx again to import onto it as it is now")
    backups: dict[Path, Path] = {}
    out: dict[Path, bytes] = {}
    for path in sorted(p.texts, key=str):
        backups[path] = _backup(path, set(backups.values()))
        try:
            out[backups[path]] = path.read_bytes()
        except OSError as exc:
            raise OutputError(f"could not back up '{label(path)}': "
                              f"{exc.strerror or exc}") from None
        out[path] = p.texts[path].encode("utf-8")
    write_all(out, folder=p.folder, new=set(backups.values()))
    return backups
