"""Read a scoring workbook back (``appraisal import-xlsx``): every cell checked and each
problem located by sheet and cell (``Scores!D7``) with the same "expected ... found ..."
wording as the YAML's, all in one run; the result is a list of :class:`~.edits.Edit`
for :func:`.edits.apply`. The workbook's record of its export (the appraisal's digest
then, and every value as exported, in a hidden sheet: :mod:`.exported`) is read with it,
for import-xlsx to tell the workbook's edits from changes made to the appraisal since.

Refused before any cell is read: anything but a regular file, a file over its size
limit, a file that is not an xlsx (zip) package, a macro-enabled workbook, a package
that would unpack to too much (:mod:`.xlsx_package`); XML that could expand without
end, a sheet reaching beyond its bounds or a workbook of too many cells
(:mod:`.xlsx_scan`); a workbook exported from another appraisal (:mod:`.xlsx_source`).
The workbook is read once, from memory, and its sheets streaming. Refused cell by
cell (:mod:`.xlsx_sheet`, :mod:`.xlsx_grids`, :mod:`.xlsx_weights`): formulas, merged
cells, text where a number belongs, numbers off the scale, a range that does not hold
its score, control characters; sheet by sheet: sheets the tool did not write, missing
sheets, a missing or unknown column id in row 2, unknown or missing options.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, InputError
from ..input.files import label, printable
from ..input.models import Appraisal
from .edits import Edit
from .exported import Record, read_record
from .workbook import (
    EXPORTED,
    INSTRUCTIONS,
    MEMBER_COLUMNS,
    MEMBERS,
    WEIGHT_COLUMNS,
    WEIGHTS,
    grid_ids,
    set_sheets,
    text_ids,
)
from .xlsx_grids import option_rows, read_scores, read_texts
from .xlsx_package import Package, open_package
from .xlsx_scan import scan
from .xlsx_sheet import Problems, Sheet
from .xlsx_source import check_identity
from .xlsx_weights import read_members, read_weights


@dataclass(frozen=True)
class Returned:
    """A returned workbook as read: its values (``edits``) and what it records of its
    export (``record``: None for a workbook of an older export-xlsx)."""

    edits: list[Edit]
    record: Record | None


def read_edits(path: str | Path, a: Appraisal) -> list[Edit]:
    """Every value of the workbook at ``path`` for appraisal ``a``; raises
    :class:`InputError` listing every problem by sheet and cell, and
    :class:`UsageError` for a workbook of another appraisal."""
    return read_workbook(path, a).edits


def read_workbook(path: str | Path, a: Appraisal) -> Returned:
    """The values of the workbook at ``path`` for appraisal ``a``, and its record of the
    export; raises as :func:`read_edits`."""
    shown = label(Path(path))
    package = open_package(path, shown)
    merged = scan(package).merged
    problems = Problems(shown)
    wb = _open(package)
    try:
        check_identity(wb.properties.title or "", a, shown)
        edits = edits_of(wb, merged, a, problems)
        record = read_record(wb, problems)
    finally:
        wb.close()
    if problems.items:
        raise InputError(problems.items)
    return Returned(edits, record)


def read_back(wb: Any, a: Appraisal) -> list[Edit]:
    """What import-xlsx reads from the openpyxl workbook ``wb`` of ``a`` as it stands
    (saved and opened again): the workbook's values as exported."""
    from openpyxl import load_workbook

    buf = io.BytesIO()
    wb.save(buf)
    problems = Problems("the exported workbook")
    values = edits_of(load_workbook(io.BytesIO(buf.getvalue()), read_only=True), {}, a,
                      problems)
    if problems.items:  # the tool cannot read back what it wrote: a bug
        raise RuntimeError("the exported workbook reads back with problems: "
                           + "; ".join(map(str, problems.items[:3])))
    return values


def _open(package: Package) -> Any:
    """The workbook, opened for a streaming read of its cells (merged ranges,
    hyperlinks and comments are never expanded into cells)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(package.data), read_only=True, data_only=False,
                             keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise InputError([Diagnostic(package.shown, 0, 0, "", "a readable .xlsx workbook",
                                     f"one openpyxl cannot read ({type(exc).__name__})")]
                         ) from None


def edits_of(wb: Any, merged: dict[str, tuple[str, ...]], a: Appraisal,
             problems: Problems) -> list[Edit]:
    """Every value of the open workbook ``wb`` for appraisal ``a`` (``merged``: each
    sheet's merged ranges, from the scan); each problem is added to ``problems`` (the
    caller raises them)."""
    sheets = set_sheets(a)
    wanted = [INSTRUCTIONS, *(n for s in sheets for n in (s.scores, s.rationale,
                                                          s.evidence)), WEIGHTS]
    if a.members:
        wanted.append(MEMBERS)
    wanted.append(EXPORTED)
    for title in wb.sheetnames:
        if title not in wanted:
            problems.add(printable(title[:40]), "only the sheets export-xlsx wrote: "
                         + ", ".join(wanted), f"a sheet '{printable(title[:40])}'")
    edits: list[Edit] = []
    for s in sheets:
        for title, ids, kind in ((s.scores, grid_ids(s), "score"),
                                 (s.rationale, text_ids(s), "rationale"),
                                 (s.evidence, text_ids(s), "evidence")):
            if title not in wb.sheetnames:
                problems.add(title, f"the sheet '{title}'", "none")
                continue
            sheet = Sheet(wb[title], merged.get(title, ()), problems, ids)
            rows = option_rows(sheet, a)
            if kind == "score":
                read_scores(sheet, a, s, rows, edits)
            else:
                read_texts(sheet, s, rows, edits, kind)
    for title, columns, reader in ((WEIGHTS, WEIGHT_COLUMNS, read_weights),
                                   (MEMBERS, MEMBER_COLUMNS, read_members)):
        if title == MEMBERS and not a.members:
            continue
        if title not in wb.sheetnames:
            problems.add(title, f"the sheet '{title}'", "none")
            continue
        reader(Sheet(wb[title], merged.get(title, ()), problems, list(columns)), a, edits)
    return edits
