"""The Word paper as a whole: a new document in the house style or a reference
document's emptied body, its properties and settings (the run record as a document
variable), then the paper in the house format's order; deterministic bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...errors import UsageError
from ..paper import Paper, Row, Table
from .fields import footer, reference
from .numbering import numbered, numbering
from .sections import blocks, bullet, contacts, heading
from .tables import write_table
from .writer import Writer, cleaned, house_style, orientation, page, xml_text

REFERENCE_LIMIT = 16 * 1024 * 1024
"""The largest reference document accepted (bytes)."""
RECORD_VARIABLE = "appraisal-run"
"""The document variable holding the run record."""


def _prop(text: str) -> str:
    """A document property: Word allows at most 255 characters."""
    text = xml_text(text)
    return text if len(text) <= 255 else text[:254] + "\u2026"


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


def _properties(doc: DocumentObject, paper: Paper, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day)
    cp = doc.core_properties
    cp.title = _prop(paper.title)
    cp.author = _prop(f"appraisal {paper.version}")
    cp.last_modified_by = cp.author
    cp.created = cp.modified = stamp
    cp.last_printed = stamp
    cp.revision = 1
    cp.comments = _prop(paper.notice)
    cp.language = "en-GB"
    cp.subject = cp.keywords = cp.category = cp.content_status = ""
    cp.identifier = cp.version = ""


def _open(reference_docx: bytes | None) -> tuple[DocumentObject, bool]:
    """A new document, or the reference document with its body emptied."""
    if reference_docx is None:
        return Document(), True
    try:
        doc = Document(io.BytesIO(reference_docx))
    except Exception as exc:  # python-docx raises several kinds for a file that is no docx
        raise UsageError(f"the reference document is not a Word (.docx) file: {exc}") from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc, False


def _document(paper: Paper, day: date, reference_docx: bytes | None) -> DocumentObject:
    doc, house = _open(reference_docx)
    w = Writer(doc, house)
    if house:
        page(doc.sections[0], False)
        house_style(doc)
    else:
        sec = doc.sections[0]
        w.landscape = sec.orientation == WD_ORIENT.LANDSCAPE
    _properties(doc, paper, day)
    _settings(doc, paper.run_record)
    w.num_id = numbering(doc)
    footer(w, paper.running_footer)
    for line in (paper.committee, paper.date):
        if line:
            doc.add_paragraph().add_run(line.upper()).bold = True
    heading(w, paper.title.upper(), 1)
    if paper.notice:
        p = doc.add_paragraph()
        p.add_run("Note: ").bold = True
        p.add_run(paper.notice)
    for text, title in ((paper.relevant_cabinet_member, "Relevant Cabinet Member"),
                        (paper.relevant_officer, "Relevant Officer")):
        if text:
            heading(w, title, 2)
            doc.add_paragraph(text)
    rec = paper.recommendation
    heading(w, "Recommendation", 2)
    numbered(w, rec.number, rec.intro, bold=True)
    for item in rec.items:
        p = numbered(w, "", item.text, level=1, bold=True)
        reference(p, item.refs, bold=True)
        p.add_run(item.end).bold = True
    for s in paper.sections:
        orientation(w, False)
        heading(w, s.title, 2)
        blocks(w, s.blocks)
    orientation(w, False)
    if paper.supporting:
        heading(w, "Supporting Information", 2)
        for text in paper.supporting:
            bullet(w, text)
    contacts(w, paper.contacts)
    if paper.background_papers:
        heading(w, "Background Papers", 2)
        doc.add_paragraph(paper.background_papers_intro)
        for text in paper.background_papers:
            bullet(w, text)
    for a in paper.appendices:
        if w.landscape:
            orientation(w, False)
        else:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        heading(w, f"{a.label} \u2013 {a.title}", 2)
        blocks(w, a.blocks)
    orientation(w, False)
    heading(w, "Reproducibility", 2)
    write_table(w, Table(id="reproducibility", caption="How this paper was produced",
                         headers=("Item", "Value"), numeric=(False, False),
                         rows=tuple(Row(cells=r) for r in paper.footer)))
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


def render_docx(paper: Paper, day: date, reference_docx: bytes | None = None) -> bytes:
    """The paper as .docx bytes, deterministic for a given paper, date and reference
    document (``reference_docx``: the bytes of a .docx whose styles and page set-up to
    use)."""
    doc = _document(cleaned(paper), day, reference_docx)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue(), (max(day.year, 1980), day.month, day.day, 0, 0, 0))
