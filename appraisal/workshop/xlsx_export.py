"""The scoring workbook of ``appraisal export-xlsx`` (openpyxl), laid out as
:mod:`.workbook` says: per criteria set a scores sheet (scale in the
header, data validation on the scale, cost criteria marked, low/high columns where
ranges are used), a rationale and an evidence sheet; the weights; the members'
judgements; instructions. Frozen headers, A3 landscape print set-up. Text from the
appraisal is written as text (a value starting with '=' would otherwise be a formula).
"""

from __future__ import annotations

import datetime
import io
import re
import textwrap
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..input.models import Appraisal, Option
from .edits import Edit
from .exported import add_record
from .workbook import (
    FIRST_ROW,
    ID_ROW,
    INSTRUCTIONS,
    MEMBER_COLUMNS,
    MEMBERS,
    SOURCE_PROPERTY,
    WEIGHT_COLUMNS,
    WEIGHTS,
    SetSheets,
    criteria_of,
    grid_ids,
    member_rows,
    scale_of,
    set_sheets,
    text_ids,
)
from .xlsx_import import read_back

STAMP = datetime.datetime(2000, 1, 1)
"""The date written into the workbook (its contents, not the day it was made, decide its
bytes)."""
HEAD = Font(bold=True)
IDS = Font(italic=True, color="666666", size=8)
IDS_FILL = PatternFill("solid", fgColor="EEEEEE")
WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write a value; text as text (never a formula), numbers as numbers."""
    c = ws.cell(row=row, column=col)
    if isinstance(value, str):
        c.value = value
        c.data_type = "s"
    else:
        c.value = value


def _heading(ws: Worksheet, headings: list[str], ids: list[str],
             wide_text: bool = False) -> None:
    for j, (h, i) in enumerate(zip(headings, ids, strict=True), start=1):
        _cell(ws, 1, j, h)
        ws.cell(row=1, column=j).font = HEAD
        ws.cell(row=1, column=j).alignment = WRAP
        _cell(ws, ID_ROW, j, i)
        ws.cell(row=ID_ROW, column=j).font = IDS
        ws.cell(row=ID_ROW, column=j).fill = IDS_FILL
    ws.row_dimensions[1].height = 64  # four lines of a wrapped heading
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=4 if ids[:1] == ["option"] else 1)
    ws.print_title_rows = f"1:{ID_ROW}"
    if ids[:1] == ["option"]:
        ws.print_title_cols = "A:C"  # every printed page names the options
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    per_page = 6 if wide_text else 16  # columns legible on one A3 page
    ws.page_setup.fitToWidth = max(1, -(-len(ids) // per_page))
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True



def _option_cells(ws: Worksheet, row: int, o: Option) -> None:
    _cell(ws, row, 1, o.id)
    _cell(ws, row, 2, o.number if o.number is not None else "")
    _cell(ws, row, 3, o.name)


def _scores(wb: Workbook, a: Appraisal, sheet: SetSheets) -> None:
    ws = wb.create_sheet(sheet.scores)
    ids = grid_ids(sheet)
    headings = ["Option id", "No.", "Option"]
    for c, has_range in sheet.columns:
        lo, hi = scale_of(a, c)
        mark = " (cost: a higher score is worse)" if c.direction == "cost" else ""
        gate = f"; gate {c.gate:g}" if c.gate is not None else ""
        headings.append(f"{c.name} ({lo:g} to {hi:g}{gate}){mark}")
        if has_range:
            headings += [f"{c.name}: lowest plausible", f"{c.name}: highest plausible"]
    _heading(ws, headings, ids)
    for k, o in enumerate(a.options):
        row = FIRST_ROW + k
        _option_cells(ws, row, o)
        col = 4
        for c, has_range in sheet.columns:
            s = o.scores.get(c.id)
            _cell(ws, row, col, s.value if s is not None else None)
            if has_range:
                _cell(ws, row, col + 1, s.low if s is not None else None)
                _cell(ws, row, col + 2, s.high if s is not None else None)
            col += 3 if has_range else 1
    col = 4
    last_row = FIRST_ROW + max(len(a.options) - 1, 0)
    for c, has_range in sheet.columns:  # one rule per criterion: its columns, every row
        lo, hi = scale_of(a, c)
        dv = DataValidation(type="decimal", operator="between", formula1=f"{lo:g}",
                            formula2=f"{hi:g}", allow_blank=True, showErrorMessage=True,
                            errorTitle="Outside the scale",
                            error=f"A score on {c.name} runs from {lo:g} to {hi:g}.")
        span = 3 if has_range else 1
        dv.add(f"{get_column_letter(col)}{FIRST_ROW}:"
               f"{get_column_letter(col + span - 1)}{last_row}")
        ws.add_data_validation(dv)
        col += span
    _widths(ws, len(ids))


def _texts(wb: Workbook, a: Appraisal, title: str, sheet: SetSheets, evidence: bool) -> None:
    ws = wb.create_sheet(title)
    what = "Evidence (one source per line)" if evidence else "Why this score"
    _heading(ws, ["Option id", "No.", "Option",
                  *(f"{c.name}: {what.lower()}" for c, _ in sheet.columns)], text_ids(sheet),
             wide_text=True)
    for k, o in enumerate(a.options):
        row = FIRST_ROW + k
        _option_cells(ws, row, o)
        for j, (c, _) in enumerate(sheet.columns, start=4):
            s = o.scores.get(c.id)
            text = "" if s is None else ("\n".join(s.evidence) if evidence else s.rationale)
            _cell(ws, row, j, text)
            ws.cell(row=row, column=j).alignment = WRAP
    _widths(ws, 3 + len(sheet.columns), text=True)


def _widths(ws: Worksheet, n: int, text: bool = False) -> None:
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 5
    ws.column_dimensions["C"].width = 36
    for j in range(4, n + 1):
        ws.column_dimensions[get_column_letter(j)].width = 40 if text else 14


def _weights(wb: Workbook, a: Appraisal) -> None:
    ws = wb.create_sheet(WEIGHTS)
    _heading(ws, ["Criteria set", "Criterion id", "Criterion", "Parent", "Raw weight",
                  "Why this weight", "Lowest acceptable weight", "Highest acceptable weight"],
             list(WEIGHT_COLUMNS))
    row = FIRST_ROW
    for cs in a.criteria:
        derived = {w.group for w in cs.weighting}
        for c, parent in criteria_of(cs):
            group = parent or None
            values: list[Any] = [cs.id, c.id, c.name, parent,
                                 "derived" if group in derived else c.weight,
                                 c.weight_rationale,
                                 c.weight_range[0] if c.weight_range else None,
                                 c.weight_range[1] if c.weight_range else None]
            for j, v in enumerate(values, start=1):
                _cell(ws, row, j, v)
            ws.cell(row=row, column=6).alignment = WRAP
            row += 1
    for col, width in zip("ABCDEFGH", (20, 18, 36, 14, 11, 60, 12, 12), strict=True):
        ws.column_dimensions[col].width = width


def _members(wb: Workbook, a: Appraisal) -> None:
    if not a.members:
        return
    ws = wb.create_sheet(MEMBERS)
    _heading(ws, ["Member id", "Member", "Group (blank: top level)", "Method", "Criterion",
                  "Compared with", "Points, rank or judgement", "Top of a points range"],
             list(MEMBER_COLUMNS))
    for k, values in enumerate(member_rows(a)):
        for j, v in enumerate(values, start=1):
            _cell(ws, FIRST_ROW + k, j, v)
    for col, width in zip("ABCDEFGH", (18, 36, 16, 18, 18, 18, 14, 14), strict=True):
        ws.column_dimensions[col].width = width


INSTRUCTION_LINES = (
    "How to use this workbook",
    "",
    "Each criteria set has three sheets: its scores, the rationale of each score and the "
    "evidence (one source per line). Options are rows, criteria are columns.",
    "Type over the scores, rationale and evidence; a score must lie on its criterion's "
    "scale (the heading gives it). Columns 'lowest plausible' and 'highest plausible' hold "
    "a score's range, where ranges are used.",
    "Do not change row 2 (grey): it tells the tool which criterion each column is. Do not "
    "add sheets or columns, merge cells or type formulas: the tool reads values only. "
    "Option and criterion names are shown for reference: change them in the YAML files.",
    "The Weights sheet holds each criterion's raw weight (shared out among its siblings), "
    "why, and the range the board would accept. 'derived' means the weights of that group "
    "come from the board's weighting (swing, ranking or pairwise) in the criteria file.",
    "The Members sheet holds each member's swing points, direct points, ranks (1 = most "
    "important) or pairwise judgements (how many times as important the criterion is as "
    "the one it is compared with).",
    "Then run: appraisal import-xlsx THIS-FILE [APPRAISAL] --dry-run to see what would "
    "change, and with --force to write it (the YAML files keep their comments; a backup "
    "of each changed file is kept).",
)


def _instructions(wb: Workbook, a: Appraisal, sheets: list[SetSheets]) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = INSTRUCTIONS
    paragraphs = [*INSTRUCTION_LINES, "", "Sheets:"]
    for s in sheets:
        paragraphs.append(f"{s.scores}, {s.rationale}, {s.evidence}: criteria set "
                          f"{s.set_id}")
    lines = [a.title]  # one line a row: no reliance on a spreadsheet's wrapping
    for text in paragraphs:
        lines += textwrap.wrap(text, 100) or [""]
    for k, text in enumerate(lines, start=1):
        _cell(ws, k, 1, text)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 22
    ws.column_dimensions["A"].width = 120


def build(a: Appraisal, source: str = "") -> Workbook:
    """The scoring workbook of ``a`` without its record of the export; ``source`` (the
    appraisal's path relative to the workbook's folder, "" for the bundled example) is
    kept as the document property ``appraisal-path``, import-xlsx's default appraisal."""
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook()
    wb.custom_doc_props.append(StringProperty(name=SOURCE_PROPERTY, value=source or "-"))
    sheets = set_sheets(a)
    _instructions(wb, a, sheets)
    for s in sheets:
        _scores(wb, a, s)
        _texts(wb, a, s.rationale, s, evidence=False)
        _texts(wb, a, s.evidence, s, evidence=True)
    _weights(wb, a)
    _members(wb, a)
    wb.properties.creator = "appraisal"
    wb.properties.title = a.title[:255]
    wb.properties.created = wb.properties.modified = STAMP
    return wb


def values_of(a: Appraisal) -> list[Edit]:
    """Every value import-xlsx reads from the workbook of ``a`` as exported: the
    appraisal's values in the workbook's terms (the "now" of a three-way view)."""
    return read_back(build(a), a)


def workbook_bytes(a: Appraisal, source: str = "") -> bytes:
    """The scoring workbook of ``a`` as .xlsx bytes (see :func:`build`), recording the
    appraisal's input digest and every value as exported (:mod:`.exported`)."""
    values = read_back(build(a, source), a)  # saving a workbook changes it: use another
    wb = build(a, source)
    add_record(wb, values, a.input_digest)
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The package with every part dated :data:`STAMP` (openpyxl dates them now), so
    the same appraisal gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2000-01-01T00:00:00Z\g<2>", part)
            dst.writestr(fixed, part)
    return out.getvalue()
