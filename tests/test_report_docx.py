"""The Word paper: real headings, numbered paragraphs, tables, charts with alt text."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import paper_result
from docx import Document

import appraisal
from appraisal.report.context import build_context
from appraisal.report.docx import render_docx

DAY = date(2017, 12, 14)


@pytest.fixture(scope="module")
def built() -> tuple[bytes, dict[str, Any]]:
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), DAY)
    return render_docx(ctx, DAY), ctx


def test_headings_use_heading_styles(built: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = built
    doc = Document(io.BytesIO(data))
    heads = {p.text: p.style.name for p in doc.paragraphs if p.style.name.startswith("Heading")}
    assert heads[ctx["title"].upper()] == "Heading 1"
    for s in ctx["sections"]:
        assert heads[s["title"]] == "Heading 2"
    for fixed in ("Relevant Cabinet Member", "Relevant Officer", "Recommendation",
                  "Supporting Information", "Contact Points", "Background Papers",
                  "Appendix 1 \u2013 Full scores with rationale and evidence",
                  "Reproducibility"):
        assert heads[fixed] == "Heading 2", fixed


def test_numbered_paragraphs(built: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = built
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts.count(f"1.\t{ctx['recommendation']['intro']}") == 1
    assert any(t.startswith("(c)\tagrees that option 9") for t in texts)
    numbered = [t.split(".\t")[0] for t in texts if ".\t" in t and t.split(".\t")[0].isdigit()]
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]
    assert len(numbered) > 20


def test_tables_and_images(built: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = built
    doc = Document(io.BytesIO(data))
    charts = [b["chart"] for s in ctx["sections"] for b in s["blocks"] if b["kind"] == "chart"]
    assert len(doc.inline_shapes) == len(charts) == 5
    descr = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert descr == [c["desc"] for c in charts]
    first_cells = [t.rows[0].cells[0].text for t in doc.tables]
    assert "Criterion" in first_cells and "Option" in first_cells
    assert len(doc.tables) >= 13 + 5 + 5  # score appendices, chart data, body tables
    scores = next(t for t in doc.tables if len(t.columns) == 13 and
                  t.rows[0].cells[1].text == "Single focus on children")
    assert len(scores.rows) == 14
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("word/media/") and n.endswith(".png") for n in names) == 5


def test_deterministic_bytes_and_properties(built: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = built
    assert render_docx(ctx, DAY) == data
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.created == datetime(2017, 12, 14, tzinfo=UTC)
    assert doc.core_properties.title == ctx["title"]
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert info.date_time == (2017, 12, 14, 0, 0, 0)
