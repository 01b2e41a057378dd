"""The Word paper: a Word list for the numbered paragraphs with references that follow
them, page numbers and the paper's title in the footer, wide tables in
landscape sections that fit the page, headings in the house style or the reference
document's, charts with alt text, the same bytes every time."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import paper_result
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

import appraisal
from appraisal.errors import UsageError
from appraisal.report.context import build_context
from appraisal.report.docx import render_docx
from appraisal.report.paper import Paper, plain

DAY = date(2017, 12, 14)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built() -> tuple[bytes, Paper]:
    paper = build_context(paper_result(appraisal.load(), samples=2000, seed=1), DAY)
    return render_docx(paper, DAY), paper


def _doc(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def test_headings_use_heading_styles_in_the_house_style(
        built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    doc = _doc(data)
    heads = {p.text: p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert heads[ctx["title"].upper()] == "Heading 1"
    for s in ctx["sections"]:
        assert heads[s["title"]] == "Heading 2"
    for fixed in ("Relevant Cabinet Member", "Relevant Officer", "Recommendation",
                  "Supporting Information", "Contact Points", "Background Papers",
                  "Appendix 1 \u2013 Scores, with rationale and evidence",
                  "Appendix 7 \u2013 Glossary", "Reproducibility"):
        assert heads[fixed] == "Heading 2", fixed
    h2 = doc.styles["Heading 2"].font
    assert h2.name == "Arial" and h2.bold and h2.color.rgb == RGBColor(0, 0, 0)


def _numbered(doc: Any) -> list[Any]:
    return [p for p in doc.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None]


def test_numbered_paragraphs_are_a_word_list_with_bookmarks(
        built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    doc = _doc(data)
    paras = _numbered(doc)
    levels = [int(p._p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val")) for p in paras]
    body_numbers = [b["number"] for s in ctx["sections"] for b in s["blocks"]
                    if b["kind"] == "para" and b["number"]]
    assert levels.count(0) == 1 + len(body_numbers)  # the recommendation, then the body
    assert levels.count(1) == len(ctx["recommendation"]["items"])
    # no typed numbers: Word numbers them, so inserting a paragraph renumbers the rest
    assert not any(p.text.split("\t")[0].rstrip(".").isdigit() for p in paras)
    marks = [b.get(f"{W}name") for b in doc.element.body.iter(f"{W}bookmarkStart")]
    assert marks == [f"para_{n}" for n in ["1", *body_numbers]]
    # the list definition: "1." then "(a)"
    numbering = doc.part.numbering_part.element
    texts = [lvl.find(f"{W}lvlText").get(f"{W}val")
             for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == "9"
             for lvl in a.iter(f"{W}lvl")]
    assert texts == ["%1.", "(%2)"]


def test_references_are_fields_that_follow_their_paragraphs(
        built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    doc = _doc(data)
    instructions = [t.text.strip() for t in doc.element.body.iter(f"{W}instrText")]
    wanted = []
    for item in ctx["recommendation"]["items"]:
        ref = item["refs"]
        if ref:
            wanted += [f"REF para_{ref['first']} \\r \\h"]
            if ref["last"] != ref["first"]:
                wanted += [f"REF para_{ref['last']} \\r \\h"]
    assert instructions == wanted and len(wanted) >= 6
    text = [p.text for p in _numbered(doc)]
    assert any(t.endswith("(paragraphs 11 to 13);") for t in text)
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_footer_has_page_numbers_and_the_title(built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    doc = _doc(data)
    footer = doc.sections[0].footer
    fields = [t.text.strip() for t in footer._element.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert ctx["running_footer"] in footer.paragraphs[0].text
    assert "sha256" not in footer.paragraphs[0].text
    assert "2017-12-14" not in footer.paragraphs[0].text
    assert all(s.footer.is_linked_to_previous for s in doc.sections[1:])


def _sections_of_tables(doc: Any) -> list[tuple[Any, Any]]:
    """(table, the section it lies in) in document order."""
    body = doc.element.body
    out, pending = [], []
    sections = iter(doc.sections)
    current = next(sections)
    for child in body:
        if child.tag == f"{W}tbl":
            pending.append(child)
        elif child.tag == f"{W}p" and child.find(f"{W}pPr/{W}sectPr") is not None:
            out += [(t, current) for t in pending]
            pending, current = [], next(sections)
    out += [(t, current) for t in pending]
    return out


def test_wide_tables_sit_on_landscape_pages_and_fit(built: tuple[bytes, Paper]) -> None:
    data, _ = built
    doc = _doc(data)
    wide = 0
    for tbl, section in _sections_of_tables(doc):
        cols = len(tbl.find(f"{W}tr").findall(f"{W}tc"))
        width = section.page_width - section.left_margin - section.right_margin
        cells = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in
                 tbl.find(f"{W}tr").findall(f"{W}tc")]
        assert sum(cells) * 635 <= width + Cm(0.05), cols  # twips -> EMU
        if cols > 8:
            wide += 1
            assert section.orientation == WD_ORIENT.LANDSCAPE, cols
        header = tbl.find(f"{W}tr/{W}trPr/{W}tblHeader")
        assert header is not None  # the header row repeats on every page
    assert wide >= 4  # scoring matrix, contributions, acceptability, sweep parts
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_tables_and_images(built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    doc = _doc(data)
    charts = [b["chart"] for s in [*ctx["sections"], *ctx["appendices"]]
              for b in s["blocks"] if b["kind"] == "chart"]
    assert len(doc.inline_shapes) == len(charts) == 7
    descr = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert descr == [c["desc"] for c in charts]
    scores = next(t for t in doc.tables if len(t.columns) == 13 and
                  t.rows[0].cells[1].text == "Single focus on children")
    assert len(scores.rows) == 14
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("word/media/") and n.endswith(".png") for n in names) == 7


def test_deterministic_bytes_and_properties(built: tuple[bytes, Paper]) -> None:
    data, paper = built
    ctx = plain(paper)
    assert render_docx(paper, DAY) == data
    doc = _doc(data)
    assert doc.core_properties.created == datetime(2017, 12, 14, tzinfo=UTC)
    assert doc.core_properties.title == ctx["title"]
    assert doc.core_properties.language == "en-GB"
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert info.date_time == (2017, 12, 14, 0, 0, 0)


def test_a_reference_document_lends_its_styles(built: tuple[bytes, Paper]) -> None:
    _, paper = built
    ref = Document()
    ref.styles["Heading 2"].font.name = "Georgia"
    ref.styles["Heading 2"].font.size = Pt(15)
    ref.styles["Normal"].font.name = "Verdana"
    ref.sections[0].left_margin = Cm(3.0)
    ref.add_paragraph("The council's template text, which must not survive.")
    buf = io.BytesIO()
    ref.save(buf)
    doc = _doc(render_docx(paper, DAY, buf.getvalue()))
    assert doc.styles["Heading 2"].font.name == "Georgia"
    assert doc.styles["Normal"].font.name == "Verdana"
    assert abs(doc.sections[0].left_margin - Cm(3.0)) < Cm(0.01)
    assert all(abs(s.left_margin - Cm(3.0)) < Cm(0.01) for s in doc.sections)
    texts = [p.text for p in doc.paragraphs]
    assert "The council's template text, which must not survive." not in texts
    assert "Recommendation" in texts
    with pytest.raises(UsageError, match="not a Word"):
        render_docx(paper, DAY, b"PK\x03\x04 not really a zip")
