"""The paper's sections in Word: headings, paragraphs, lists, tables and charts, each
block of :mod:`..paper` in its own way, and the contact points."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.shared import Cm

from ...errors import OutputError
from ..paper import Block, BulletList, Chart, Contacts, Paragraph, TableBlock
from .numbering import numbered
from .tables import write_table
from .writer import HANG, Writer, orientation, text_width


def heading(w: Writer, text: str, level: int) -> None:
    name = f"Heading {level}"
    if name in w.headings:
        w.doc.add_heading(text, level=level)
    else:  # a reference document without heading styles: bold text that keeps with next
        p = w.doc.add_paragraph()
        p.add_run(text).bold = True
        p.paragraph_format.keep_with_next = True


def bullet(w: Writer, text: str) -> None:
    if w.bullet_style is not None:
        p = w.doc.add_paragraph(text, style=w.bullet_style)
        p.paragraph_format.left_indent = HANG + Cm(0.63)
    else:
        p = w.doc.add_paragraph(f"\u2022\t{text}")
        p.paragraph_format.left_indent = HANG + Cm(0.63)
        p.paragraph_format.first_line_indent = -Cm(0.63)


def chart(w: Writer, c: Chart) -> None:
    """The chart as a PNG with its title, alt text and description, then its data table
    or the note saying where its data are."""
    try:
        import cairosvg
    except OSError as exc:  # the Cairo library is missing
        raise OutputError(
            f"the Word paper could not be made: its charts need the Cairo library ({exc}); "
            "install it (Debian: apt-get install libcairo2) or leave out --format docx"
        ) from None

    orientation(w, bool(c.table and c.table.wide))
    head = w.doc.add_paragraph()
    head.add_run(f"Figure: {c.title}").bold = True
    head.paragraph_format.keep_with_next = True
    width_px = float(c.width)
    png = cairosvg.svg2png(bytestring=c.svg.encode("utf-8"), output_width=int(width_px * 2))
    width = min(text_width(w.doc.sections[-1]), Cm(width_px / 96 * 2.54))
    pic_para = w.doc.add_paragraph()
    pic_para.paragraph_format.keep_with_next = True
    pic_para.add_run().add_picture(io.BytesIO(png), width=width)
    pic = w.doc.inline_shapes[-1]._inline
    pic.docPr.set("descr", c.desc)
    pic.docPr.set("title", c.title)
    w.doc.add_paragraph(c.desc).runs[0].italic = True
    if c.table:
        write_table(w, c.table)
    elif c.data_note:
        w.doc.add_paragraph(c.data_note)


def blocks(w: Writer, items: Sequence[Block]) -> None:
    """Every block of a section in order."""
    for b in items:
        if isinstance(b, TableBlock):
            write_table(w, b.table)
            continue
        if not isinstance(b, Paragraph | BulletList):
            chart(w, b.chart)
            continue
        orientation(w, False)
        if isinstance(b, Paragraph):
            if b.number:
                numbered(w, b.number, b.text)
            else:
                w.doc.add_paragraph(b.text)
        else:
            for item in b.items:
                bullet(w, item)


def contacts(w: Writer, c: Contacts) -> None:
    """The council's contact points and this report's."""
    if not (c.general or c.specific):
        return
    heading(w, "Contact Points", 2)
    if c.general:
        heading(w, "County Council Contact Points", 3)
        for x in c.general:
            w.doc.add_paragraph(", ".join(y for y in (x.name + (f": {x.phone}"
                                                                if x.phone else ""),
                                                      x.email) if y))
    if c.specific:
        heading(w, "Specific Contact Points for this report", 3)
        for x in c.specific:
            w.doc.add_paragraph(", ".join(y for y in (x.name, x.role, x.phone, x.email) if y))
