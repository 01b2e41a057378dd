"""Word fields: the recommendation's paragraph references (``REF`` to a bookmark, so they
follow edits) and the footer's page numbers (``PAGE`` of ``NUMPAGES``)."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ..paper import Span
from .writer import Writer, text_width


def field(paragraph: Paragraph, instruction: str, shown: str, bold: bool = False) -> None:
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


def reference(p: Paragraph, ref: Span | None, bold: bool) -> None:
    """" (paragraphs 17 to 24)" with each number a field referring to its paragraph."""
    if ref is None:
        return
    if ref.first == ref.last:
        p.add_run(" (paragraph ").bold = bold
        field(p, f"REF para_{ref.first} \\r \\h", ref.first, bold)
    else:
        p.add_run(" (paragraphs ").bold = bold
        field(p, f"REF para_{ref.first} \\r \\h", ref.first, bold)
        p.add_run(f" {ref.joiner} ").bold = bold
        field(p, f"REF para_{ref.last} \\r \\h", ref.last, bold)
    p.add_run(")").bold = bold


def footer(w: Writer, running: str) -> None:
    """The running footer (the paper's title) on the left and "Page N of M" on the
    right."""
    foot = w.doc.sections[0].footer
    foot.is_linked_to_previous = False
    p = foot.paragraphs[0] if foot.paragraphs else foot.add_paragraph()
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    if "Normal" in {s.name for s in w.doc.styles}:
        p.style = w.doc.styles["Normal"]  # not "Footer", whose tab stops assume Letter
    width = text_width(w.doc.sections[0])
    p.paragraph_format.tab_stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run(running)
    run.font.size = Pt(7.5)
    p.add_run("\tPage ").font.size = Pt(9)
    field(p, "PAGE", "1")
    p.add_run(" of ").font.size = Pt(9)
    field(p, "NUMPAGES", "1")
