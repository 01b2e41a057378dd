"""The Word paper, built with python-docx from the same context as the HTML: real
Heading styles, numbered paragraphs with hanging indents, tables with repeating header
rows, and the charts as PNG (converted from the SVG by CairoSVG) with their alt text.

Deterministic: the core properties carry the report date and every zip entry gets the
same fixed timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..errors import OutputError
from .blocks import Block

HANG = Cm(1.0)
TEXT_WIDTH = Cm(17.0)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids are dropped (the input format
    refuses control characters; this is the second guard)."""
    return _NOT_XML.sub("", text)


def _clean(value: Any) -> Any:
    """The context with every text made safe for Word's XML."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _prop(text: str) -> str:
    """A document property: Word allows at most 255 characters."""
    text = xml_text(text)
    return text if len(text) <= 255 else text[:254] + "\u2026"


def _setup(doc: DocumentObject, ctx: dict[str, Any], day: date) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.name = "Arial"
    stamp = datetime(day.year, day.month, day.day)
    cp = doc.core_properties
    cp.title = _prop(ctx["title"])
    cp.author = _prop(f"appraisal {ctx['version']}")
    cp.last_modified_by = cp.author
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    cp.revision = 1
    cp.comments = _prop(ctx["notice"])


def _numbered(doc: DocumentObject, number: str, text: str, bold: bool = False,
              indent: float = 0.0) -> None:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = HANG + Cm(indent)
    fmt.first_line_indent = -HANG
    fmt.tab_stops.add_tab_stop(HANG + Cm(indent))
    run = p.add_run(f"{number}\t{text}" if number else text)
    run.bold = bold


def _table(doc: DocumentObject, t: Block, small: bool = True) -> None:
    cap = doc.add_paragraph()
    cap.add_run(t["caption"]).bold = True
    cap.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1 + len(t["rows"]), cols=len(t["headers"]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(8) if small else Pt(10)
    for j, head in enumerate(t["headers"]):
        cell = table.rows[0].cells[j]
        run = cell.paragraphs[0].add_run(head)
        run.bold = True
        run.font.size = size
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for i, row in enumerate(t["rows"], start=1):
        cells = table.rows[i].cells
        for j, value in enumerate(row["cells"]):
            para = cells[j].paragraphs[0]
            text = (row["indent"] + value) if j == 0 else value
            run = para.add_run(text)
            run.font.size = size
            if j == 0 and t["row_header"] and row["level"] == 0:
                run.bold = bool(len(t["rows"]) and any(r["level"] for r in t["rows"]))
            if t["numeric"][j]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _chart(doc: DocumentObject, c: Block) -> None:
    try:
        import cairosvg
    except OSError as exc:  # the Cairo library is missing
        raise OutputError(
            f"the Word paper could not be made: its charts need the Cairo library ({exc}); "
            "install it (Debian: apt-get install libcairo2) or leave out --format docx"
        ) from None

    head = doc.add_paragraph()
    head.add_run(f"Figure: {c['title']}").bold = True
    head.paragraph_format.keep_with_next = True
    width_px = float(c["width"])
    png = cairosvg.svg2png(bytestring=c["svg"].encode("utf-8"), output_width=int(width_px * 2))
    width = min(TEXT_WIDTH, Cm(width_px / 96 * 2.54))
    doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=width)
    pic = doc.inline_shapes[-1]._inline
    pic.docPr.set("descr", c["desc"])
    pic.docPr.set("title", c["title"])
    doc.add_paragraph(c["desc"]).runs[0].italic = True
    _table(doc, c["table"])


def _blocks(doc: DocumentObject, blocks: list[Block]) -> None:
    for b in blocks:
        if b["kind"] == "para":
            if b["number"]:
                _numbered(doc, f"{b['number']}.", b["text"])
            else:
                doc.add_paragraph(b["text"])
        elif b["kind"] == "bullets":
            for item in b["items"]:
                p = doc.add_paragraph(item, style="List Bullet")
                p.paragraph_format.left_indent = HANG + Cm(0.63)
        elif b["kind"] == "table":
            _table(doc, b["table"])
        elif b["kind"] == "chart":
            _chart(doc, b["chart"])


def _contacts(doc: DocumentObject, ctx: dict[str, Any]) -> None:
    contacts = ctx["contacts"]
    if not (contacts["general"] or contacts["specific"]):
        return
    doc.add_heading("Contact Points", level=2)
    if contacts["general"]:
        doc.add_heading("County Council Contact Points", level=3)
        for c in contacts["general"]:
            doc.add_paragraph(", ".join(x for x in (c["name"] + (f": {c['phone']}"
                                                                 if c["phone"] else ""),
                                                    c["email"]) if x))
    if contacts["specific"]:
        doc.add_heading("Specific Contact Points for this report", level=3)
        for c in contacts["specific"]:
            doc.add_paragraph(", ".join(x for x in (c["name"], c["role"], c["phone"],
                                                    c["email"]) if x))


def _document(ctx: dict[str, Any], day: date) -> DocumentObject:
    doc = Document()
    _setup(doc, ctx, day)
    for line in (ctx["committee"], ctx["date"]):
        if line:
            doc.add_paragraph().add_run(line.upper()).bold = True
    doc.add_heading(ctx["title"].upper(), level=1)
    if ctx["notice"]:
        p = doc.add_paragraph()
        p.add_run("Note: ").bold = True
        p.add_run(ctx["notice"])
    for key, title in (("relevant_cabinet_member", "Relevant Cabinet Member"),
                       ("relevant_officer", "Relevant Officer")):
        if ctx[key]:
            doc.add_heading(title, level=2)
            doc.add_paragraph(ctx[key])
    rec = ctx["recommendation"]
    doc.add_heading("Recommendation", level=2)
    _numbered(doc, f"{rec['number']}.", rec["intro"], bold=True)
    for item in rec["items"]:
        _numbered(doc, f"({item['letter']})", item["text"], bold=True, indent=1.0)
    for s in ctx["sections"]:
        doc.add_heading(s["title"], level=2)
        _blocks(doc, s["blocks"])
    if ctx["supporting"]:
        doc.add_heading("Supporting Information", level=2)
        for item in ctx["supporting"]:
            doc.add_paragraph(item, style="List Bullet")
    _contacts(doc, ctx)
    if ctx["background_papers"]:
        doc.add_heading("Background Papers", level=2)
        doc.add_paragraph(ctx["background_papers_intro"])
        for item in ctx["background_papers"]:
            doc.add_paragraph(item, style="List Bullet")
    for a in ctx["appendices"]:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(f"{a['label']} \u2013 {a['title']}", level=2)
        _blocks(doc, a["blocks"])
    doc.add_heading("Reproducibility", level=2)
    _table(doc, {"caption": "How this paper was produced", "headers": ["Item", "Value"],
                 "numeric": [False, False], "row_header": True,
                 "rows": [{"cells": r, "level": 0, "indent": ""} for r in ctx["footer"]]})
    return doc


def fixed_zip(data: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """Rewrite a zip (a .docx) with every entry dated ``stamp``, same order and content."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return buf.getvalue()


def render_docx(ctx: dict[str, Any], day: date) -> bytes:
    """The paper as .docx bytes, deterministic for a given context and date."""
    doc = _document(_clean(ctx), day)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue(), (max(day.year, 1980), day.month, day.day, 0, 0, 0))
