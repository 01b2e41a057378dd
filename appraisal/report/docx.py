"""The Word paper, built with python-docx from the same context as the HTML.

What makes it a Word document an officer can keep editing, not a print-out:

- **Numbered paragraphs are a Word list** (one numbering definition: "1." for the body's
  paragraphs, "(a)" for the recommendation's items), so inserting a paragraph renumbers
  the rest; each numbered paragraph carries a bookmark (``para_17``) and the
  recommendation's "(paragraphs 17 to 24)" are ``REF para_17 \\r`` fields to them, which
  Word updates when the document is opened (``updateFields``) or printed.
- **Page numbers and a footer** with the reproducibility stamp (tool, input digest,
  seed, date), as ``PAGE`` and ``NUMPAGES`` fields.
- **Wide tables in landscape sections**, with column widths that fit the page; tables
  repeat their header row on every page and draw their own borders (no reliance on a
  table style a council's template may lack).
- **Headings in the house style** (black Arial, bold), or, with a reference document
  (``appraisal report --reference-docx FILE``), in that document's own styles: its page
  set-up, fonts and headings are used and its body is replaced by the paper.
- Charts as PNG (converted from the SVG by CairoSVG) with their alt text.

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
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import OutputError, UsageError
from .blocks import Block

HANG = Cm(1.0)
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
REFERENCE_LIMIT = 16 * 1024 * 1024
"""The largest reference document accepted (bytes)."""
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


RECORD_VARIABLE = "appraisal-run"
"""The document variable holding the run record."""


def _prop(text: str) -> str:
    """A document property: Word allows at most 255 characters."""
    text = xml_text(text)
    return text if len(text) <= 255 else text[:254] + "\u2026"


class _Paper:
    """The document being written, with what the writer needs to remember."""

    def __init__(self, doc: DocumentObject, house_style: bool) -> None:
        self.doc = doc
        self.house_style = house_style
        self.bookmark = 0
        self.landscape = False
        self.num_id = 0
        styles = {s.name for s in doc.styles}
        self.bullet_style = "List Bullet" if "List Bullet" in styles else None
        self.headings = {n for n in ("Heading 1", "Heading 2", "Heading 3") if n in styles}


def _page(section: Section, landscape: bool, like: Section | None = None) -> None:
    """A4 (or the size of ``like``, the first section) in the orientation asked for, with
    the margins of ``like`` (default: the house margins; landscape pages narrower)."""
    width, height = int(A4[0]), int(A4[1])
    if like is not None and like.page_width and like.page_height:
        width, height = sorted((int(like.page_width), int(like.page_height)))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Emu(height), Emu(width)) if landscape else (Emu(width), Emu(height)))
    if like is None:
        section.left_margin = section.right_margin = MARGIN if not landscape else Cm(1.5)
        section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.2)
    else:
        section.left_margin, section.right_margin = like.left_margin, like.right_margin
        section.top_margin, section.bottom_margin = like.top_margin, like.bottom_margin


def _house_style(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(12 if name != "Heading 3" else 8), Pt(4)
        fmt.keep_with_next = True


def _settings(doc: DocumentObject, record: str = "") -> None:
    """Ask Word to update the fields (paragraph references) when the file is opened, and
    keep the run record (``appraisal verify`` reads it) as a document variable: hidden,
    kept by Word through edits, up to 65,280 characters."""
    settings = doc.settings.element
    for old in settings.findall(qn("w:updateFields")) + settings.findall(qn("w:docVars")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    if record:
        holder = OxmlElement("w:docVars")
        var = OxmlElement("w:docVar")
        var.set(qn("w:name"), RECORD_VARIABLE)
        var.set(qn("w:val"), xml_text(record))
        holder.append(var)
        settings.append(holder)


def _numbering(doc: DocumentObject) -> int:
    """Add one numbering definition to the document's numbering part, level 0 "1."
    (hanging 1 cm) and level 1 "(a)" (hanging 1 cm, indented 1 cm more), under ids
    unused by the document (a reference document may have its own); return its numId."""
    numbering = doc.part.numbering_part.element
    used_abstract = [int(a.get(qn("w:abstractNumId")))
                     for a in numbering.iter(qn("w:abstractNum"))]
    used_num = [int(x.get(qn("w:numId"))) for x in numbering.iter(qn("w:num"))]
    abstract_id, num_id = max(used_abstract, default=-1) + 1, max(used_num, default=0) + 1
    hang = int(HANG.twips)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{hang}"/></w:tabs>'
        f'<w:ind w:left="{hang}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{2 * hang}"/></w:tabs>'
        f'<w:ind w:left="{2 * hang}" w:hanging="{hang}"/></w:pPr>'
        '<w:rPr><w:b/></w:rPr></w:lvl>'
        '</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # abstract definitions come before the instances
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def _field(paragraph: Paragraph, instruction: str, shown: str, bold: bool = False) -> None:
    """A complex field (``instruction``) showing ``shown`` until Word updates it."""
    def run(child: Any) -> None:
        r = paragraph.add_run()
        r.bold = bold
        r._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run(sep)
    paragraph.add_run(shown).bold = bold
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run(end)


def _numbered(w: _Paper, number: str, text: str, level: int = 0,
              bold: bool = False) -> Paragraph:
    """A paragraph of the Word list (its number is Word's), bookmarked ``para_N``."""
    p = w.doc.add_paragraph()
    p_pr = p._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                       f'<w:numId w:val="{w.num_id}"/></w:numPr>')
    p_pr.insert(0, num_pr)
    if number and level == 0:
        w.bookmark += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(w.bookmark))
        start.set(qn("w:name"), f"para_{number}")
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(w.bookmark))
        p._p.append(start)
        p.add_run(text).bold = bold
        p._p.append(end)
    elif text:
        p.add_run(text).bold = bold
    return p


def _reference(p: Paragraph, ref: dict[str, str] | None, bold: bool) -> None:
    """" (paragraphs 17 to 24)" with each number a field referring to its paragraph."""
    if ref is None:
        return
    if ref["first"] == ref["last"]:
        p.add_run(" (paragraph ").bold = bold
        _field(p, f"REF para_{ref['first']} \\r \\h", ref["first"], bold)
    else:
        p.add_run(" (paragraphs ").bold = bold
        _field(p, f"REF para_{ref['first']} \\r \\h", ref["first"], bold)
        p.add_run(f" {ref['joiner']} ").bold = bold
        _field(p, f"REF para_{ref['last']} \\r \\h", ref["last"], bold)
    p.add_run(")").bold = bold


def _heading(w: _Paper, text: str, level: int) -> None:
    name = f"Heading {level}"
    if name in w.headings:
        w.doc.add_heading(text, level=level)
    else:  # a reference document without heading styles: bold text that keeps with next
        p = w.doc.add_paragraph()
        p.add_run(text).bold = True
        p.paragraph_format.keep_with_next = True


def _bullet(w: _Paper, text: str) -> None:
    if w.bullet_style is not None:
        p = w.doc.add_paragraph(text, style=w.bullet_style)
        p.paragraph_format.left_indent = HANG + Cm(0.63)
    else:
        p = w.doc.add_paragraph(f"\u2022\t{text}")
        p.paragraph_format.left_indent = HANG + Cm(0.63)
        p.paragraph_format.first_line_indent = -Cm(0.63)


def _orientation(w: _Paper, landscape: bool) -> None:
    """Start a new section (on a new page) when the orientation must change."""
    if landscape == w.landscape:
        return
    section = w.doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape, None if w.house_style else w.doc.sections[0])
    w.landscape = landscape


def text_width(section: Section) -> Emu:
    """The width between the margins of ``section``."""
    return Emu(int(section.page_width or 0) - int(section.left_margin or 0)
               - int(section.right_margin or 0))


CHAR = Cm(0.2)
"""About the width of a character of a table's 9-point Arial, bold headings included."""
MARGINS = Cm(0.45)
"""A cell's left and right margins together, with a little room."""


def column_widths(t: Block, total: int) -> list[int]:
    """Column widths (EMU) adding up to ``total``: text columns share what the numeric
    columns (narrow, but wide enough for their longest word) leave, in proportion to
    their longest word and their typical length, the first column at least a fifth of
    the table; no column narrower than its longest word, so Word never breaks one."""
    n = len(t["headers"])
    cells = [[r["cells"][j] for r in t["rows"]] + [t["headers"][j]] for j in range(n)]
    words = [max((len(x) for c in cells[j] for x in c.split()), default=4) for j in range(n)]
    least = [int(CHAR * w + MARGINS) for w in words]
    numeric = [t["numeric"][j] for j in range(n)]
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


def _borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders>')
    layout = parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
    tbl_pr.append(borders)
    tbl_pr.append(layout)


def _table(w: _Paper, t: Block) -> None:
    _orientation(w, bool(t.get("wide")))
    cap = w.doc.add_paragraph()
    cap.add_run(t["caption"]).bold = True
    cap.paragraph_format.keep_with_next = True
    table = w.doc.add_table(rows=1 + len(t["rows"]), cols=len(t["headers"]))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = column_widths(t, int(text_width(w.doc.sections[-1])))
    size = Pt(7.5) if t.get("wide") else Pt(8.5)
    for j, head in enumerate(t["headers"]):
        cell = table.rows[0].cells[j]
        run = cell.paragraphs[0].add_run(head)
        run.bold = True
        run.font.size = size
        if t["numeric"][j]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    grouped = any(r["level"] for r in t["rows"])
    for i, row in enumerate(t["rows"], start=1):
        cells = table.rows[i].cells
        for j, value in enumerate(row["cells"]):
            para = cells[j].paragraphs[0]
            run = para.add_run((row["indent"] + value) if j == 0 else value)
            run.font.size = size
            if j == 0 and t["row_header"] and row["level"] == 0 and grouped:
                run.bold = True
            if t["numeric"][j]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for j, column in enumerate(table.columns):
        column.width = Emu(widths[j])  # the grid, which LibreOffice follows
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Emu(widths[j])  # the cells, which Word follows
    w.doc.add_paragraph()


def _chart(w: _Paper, c: Block) -> None:
    try:
        import cairosvg
    except OSError as exc:  # the Cairo library is missing
        raise OutputError(
            f"the Word paper could not be made: its charts need the Cairo library ({exc}); "
            "install it (Debian: apt-get install libcairo2) or leave out --format docx"
        ) from None

    wide = bool(c.get("table") and c["table"].get("wide"))
    _orientation(w, wide)
    head = w.doc.add_paragraph()
    head.add_run(f"Figure: {c['title']}").bold = True
    head.paragraph_format.keep_with_next = True
    width_px = float(c["width"])
    png = cairosvg.svg2png(bytestring=c["svg"].encode("utf-8"), output_width=int(width_px * 2))
    width = min(text_width(w.doc.sections[-1]), Cm(width_px / 96 * 2.54))
    pic_para = w.doc.add_paragraph()
    pic_para.paragraph_format.keep_with_next = True
    pic_para.add_run().add_picture(io.BytesIO(png), width=width)
    pic = w.doc.inline_shapes[-1]._inline
    pic.docPr.set("descr", c["desc"])
    pic.docPr.set("title", c["title"])
    w.doc.add_paragraph(c["desc"]).runs[0].italic = True
    if c.get("table"):
        _table(w, c["table"])
    elif c.get("data_note"):
        w.doc.add_paragraph(c["data_note"])


def _blocks(w: _Paper, blocks: list[Block]) -> None:
    for b in blocks:
        kind = b["kind"]
        if kind == "table":
            _table(w, b["table"])
        elif kind == "chart":
            _chart(w, b["chart"])
        else:
            _orientation(w, False)
            if kind == "para":
                if b["number"]:
                    _numbered(w, b["number"], b["text"])
                else:
                    w.doc.add_paragraph(b["text"])
            elif kind == "bullets":
                for item in b["items"]:
                    _bullet(w, item)


def _contacts(w: _Paper, ctx: dict[str, Any]) -> None:
    contacts = ctx["contacts"]
    if not (contacts["general"] or contacts["specific"]):
        return
    _heading(w, "Contact Points", 2)
    if contacts["general"]:
        _heading(w, "County Council Contact Points", 3)
        for c in contacts["general"]:
            w.doc.add_paragraph(", ".join(x for x in (c["name"] + (f": {c['phone']}"
                                                                   if c["phone"] else ""),
                                                      c["email"]) if x))
    if contacts["specific"]:
        _heading(w, "Specific Contact Points for this report", 3)
        for c in contacts["specific"]:
            w.doc.add_paragraph(", ".join(x for x in (c["name"], c["role"], c["phone"],
                                                      c["email"]) if x))


def _footer(w: _Paper, stamp: str) -> None:
    footer = w.doc.sections[0].footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    if "Normal" in {s.name for s in w.doc.styles}:
        p.style = w.doc.styles["Normal"]  # not "Footer", whose tab stops assume Letter
    width = text_width(w.doc.sections[0])
    p.paragraph_format.tab_stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run(stamp)
    run.font.size = Pt(7.5)
    p.add_run("\tPage ").font.size = Pt(9)
    _field(p, "PAGE", "1")
    p.add_run(" of ").font.size = Pt(9)
    _field(p, "NUMPAGES", "1")


def _properties(doc: DocumentObject, ctx: dict[str, Any], day: date) -> None:
    stamp = datetime(day.year, day.month, day.day)
    cp = doc.core_properties
    cp.title = _prop(ctx["title"])
    cp.author = _prop(f"appraisal {ctx['version']}")
    cp.last_modified_by = cp.author
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    cp.revision = 1
    cp.comments = _prop(ctx["notice"])
    cp.language = "en-GB"
    cp.subject = cp.keywords = cp.category = cp.content_status = ""
    cp.identifier = cp.version = ""


def _open(reference: bytes | None) -> tuple[DocumentObject, bool]:
    """A new document, or the reference document with its body emptied."""
    if reference is None:
        return Document(), True
    try:
        doc = Document(io.BytesIO(reference))
    except Exception as exc:  # python-docx raises several kinds for a file that is no docx
        raise UsageError(f"the reference document is not a Word (.docx) file: {exc}") from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc, False


def _document(ctx: dict[str, Any], day: date, reference: bytes | None) -> DocumentObject:
    doc, house = _open(reference)
    w = _Paper(doc, house)
    if house:
        _page(doc.sections[0], False)
        _house_style(doc)
    else:
        sec = doc.sections[0]
        w.landscape = sec.orientation == WD_ORIENT.LANDSCAPE
    _properties(doc, ctx, day)
    _settings(doc, ctx.get("run_record", ""))
    w.num_id = _numbering(doc)
    _footer(w, ctx.get("stamp", ""))
    for line in (ctx["committee"], ctx["date"]):
        if line:
            doc.add_paragraph().add_run(line.upper()).bold = True
    _heading(w, ctx["title"].upper(), 1)
    if ctx["notice"]:
        p = doc.add_paragraph()
        p.add_run("Note: ").bold = True
        p.add_run(ctx["notice"])
    for key, title in (("relevant_cabinet_member", "Relevant Cabinet Member"),
                       ("relevant_officer", "Relevant Officer")):
        if ctx[key]:
            _heading(w, title, 2)
            doc.add_paragraph(ctx[key])
    rec = ctx["recommendation"]
    _heading(w, "Recommendation", 2)
    _numbered(w, rec["number"], rec["intro"], bold=True)
    for item in rec["items"]:
        p = _numbered(w, "", item["text"], level=1, bold=True)
        _reference(p, item.get("refs"), bold=True)
        p.add_run(item["end"]).bold = True
    for s in ctx["sections"]:
        _orientation(w, False)
        _heading(w, s["title"], 2)
        _blocks(w, s["blocks"])
    _orientation(w, False)
    if ctx["supporting"]:
        _heading(w, "Supporting Information", 2)
        for item in ctx["supporting"]:
            _bullet(w, item)
    _contacts(w, ctx)
    if ctx["background_papers"]:
        _heading(w, "Background Papers", 2)
        doc.add_paragraph(ctx["background_papers_intro"])
        for item in ctx["background_papers"]:
            _bullet(w, item)
    for a in ctx["appendices"]:
        if w.landscape:
            _orientation(w, False)
        else:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _heading(w, f"{a['label']} \u2013 {a['title']}", 2)
        _blocks(w, a["blocks"])
    _orientation(w, False)
    _heading(w, "Reproducibility", 2)
    _table(w, {"caption": "How this paper was produced", "headers": ["Item", "Value"],
               "numeric": [False, False], "row_header": True, "wide": False,
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


def render_docx(ctx: dict[str, Any], day: date, reference: bytes | None = None) -> bytes:
    """The paper as .docx bytes, deterministic for a given context, date and reference
    document (``reference``: the bytes of a .docx whose styles and page set-up to use)."""
    doc = _document(_clean(ctx), day, reference)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue(), (max(day.year, 1980), day.month, day.day, 0, 0, 0))
