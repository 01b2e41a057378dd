"""The PDF paper: A4 pages, the title and the leader in the text (read with pypdf)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from conftest import paper_result
from pypdf import PdfReader

import appraisal
from appraisal.report.context import build_context
from appraisal.report.html import render_html
from appraisal.report.pdf import render_pdf


@pytest.mark.slow
def test_pdf_pages_and_text() -> None:
    day = date(2017, 12, 14)
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), day)
    data = render_pdf(render_html(ctx), day)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 15
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1  # A4
    text = " ".join(p.extract_text() for p in reader.pages)
    squashed = " ".join(text.split())
    assert ctx["title"].upper()[:40] in squashed
    assert "agrees that option 9, Wholly owned council company" in squashed
    assert "Try other weights" not in squashed  # the what-if panel is screen-only
    assert reader.metadata is not None and reader.metadata.title == ctx["title"]
    assert render_pdf(render_html(ctx), day) == data
