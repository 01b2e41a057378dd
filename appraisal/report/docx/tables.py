"""Tables in Word: column widths from the longest word (no word broken across lines),
borders drawn by the table itself, a header row repeated on every page, and wide tables
on landscape pages."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt
from docx.table import Table as WordTable

from ..paper import Table
from .writer import Writer, orientation, text_width

CHAR = Cm(0.2)
"""About the width of a character of a table's 9-point Arial, bold headings included."""
MARGINS = Cm(0.45)
"""A cell's left and right margins together, with a little room."""


def column_widths(t: Table, total: int) -> list[int]:
    """Column widths (EMU) adding up to ``total``: text columns share what the numeric
    columns (narrow, but wide enough for their longest word) leave, in proportion to
    their longest word and their typical length, the first column at least a fifth of
    the table; no column narrower than its longest word, so Word never breaks one."""
    n = len(t.headers)
    cells = [[r.cells[j] for r in t.rows] + [t.headers[j]] for j in range(n)]
    words = [max((len(x) for c in cells[j] for x in c.split()), default=4) for j in range(n)]
    least = [int(CHAR * w + MARGINS) for w in words]
    numeric = [t.numeric[j] for j in range(n)]
    widths_num = [max(int(Cm(1.6)), least[j]) if numeric[j] else 0 for j in range(n)]
    fixed = sum(widths_num)
    left = max(total - fixed, int(Cm(2.0)) * (n - sum(numeric)))
    need = []
    for j in range(n):
        if numeric[j]:
            need.append(0.0)
            continue
        typical = sorted(len(c) for c in cells[j])[len(cells[j]) // 2]
        need.append(max(words[j] + 3, min(typical, 60) / 2) + (8 if j == 0 else 0))
    share = sum(need) or 1.0
    out = [widths_num[j] if numeric[j] else max(least[j], int(left * need[j] / share))
           for j in range(n)]
    if not numeric[0] and n > 1:
        out[0] = max(out[0], total // 5)
    scale = total / max(sum(out), 1)
    return [int(x * scale) for x in out] if scale < 1 else out


def _borders(table: WordTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders>')
    layout = parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
    tbl_pr.append(borders)
    tbl_pr.append(layout)


def write_table(w: Writer, t: Table) -> None:
    """``t`` with its caption, on a landscape page when it is wide."""
    orientation(w, t.wide)
    cap = w.doc.add_paragraph()
    cap.add_run(t.caption).bold = True
    cap.paragraph_format.keep_with_next = True
    table = w.doc.add_table(rows=1 + len(t.rows), cols=len(t.headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = column_widths(t, int(text_width(w.doc.sections[-1])))
    size = Pt(7.5) if t.wide else Pt(8.5)
    for j, head in enumerate(t.headers):
        cell = table.rows[0].cells[j]
        run = cell.paragraphs[0].add_run(head)
        run.bold = True
        run.font.size = size
        if t.numeric[j]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    grouped = any(r.level for r in t.rows)
    for i, row in enumerate(t.rows, start=1):
        cells = table.rows[i].cells
        for j, value in enumerate(row.cells):
            para = cells[j].paragraphs[0]
            run = para.add_run((row.indent + value) if j == 0 else value)
            run.font.size = size
            if j == 0 and t.row_header and row.level == 0 and grouped:
                run.bold = True
            if t.numeric[j]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for j, column in enumerate(table.columns):
        column.width = Emu(widths[j])  # the grid, which LibreOffice follows
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Emu(widths[j])  # the cells, which Word follows
    w.doc.add_paragraph()
