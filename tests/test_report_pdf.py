"""The PDF paper: nothing clipped (every glyph inside its page, every option and
criterion label found whole in the tables, wide tables on landscape pages), tagged for
screen readers (PDF/UA-1: structure, language, title, each chart's alternative text),
the same bytes on every machine."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from conftest import paper_result
from pypdf import PdfReader

import appraisal
from appraisal.report.context import build_context
from appraisal.report.html import render_html
from appraisal.report.paper import plain
from appraisal.report.pdf import render_pdf

DAY = date(2017, 12, 14)


@pytest.fixture(scope="module")
def paper(request: pytest.FixtureRequest) -> tuple[bytes, dict[str, Any]]:
    """The example's PDF, laid out twice on the path a stock machine takes (fontTools
    subsetting, as without libharfbuzz-subset0) with a clock that moves: both the same."""
    import fontTools.misc.timeTools as time_tools
    import weasyprint.pdf.fonts as fonts

    mp = pytest.MonkeyPatch()
    request.addfinalizer(mp.undo)
    mp.setattr(fonts, "harfbuzz_subset", None)
    ticks = iter(range(10**9, 10**10, 1000))

    class MovingClock:
        @staticmethod
        def time() -> float:
            return float(next(ticks))

    mp.setattr(time_tools, "time", MovingClock)
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), DAY)
    html = render_html(ctx)
    first = render_pdf(html, DAY)
    assert render_pdf(html, DAY) == first  # same bytes whatever the clock
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ
    return first, plain(ctx)


@pytest.mark.slow
def test_pdf_pages_and_text(paper: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = paper
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
    # the body a member reads in fifteen minutes: at most 14 A4 pages before Appendix 1
    first = next(k for k, page in enumerate(reader.pages)
                 if page.extract_text().lstrip().startswith("Appendix 1"))
    assert first <= 14, f"the body runs to {first} pages"  # 12 before the economic case


def _cells(data: bytes) -> tuple[list[str], list[tuple[int, bool]]]:
    """Every table cell's text (lines joined) and each page's (number, landscape)."""
    import pdfplumber

    cells: list[str] = []
    pages: list[tuple[int, bool]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            pages.append((page.page_number, page.width > page.height))
            for ch in page.chars:  # every glyph inside the page
                assert ch["x0"] >= -0.5 and ch["x1"] <= page.width + 0.5, (
                    page.page_number, ch["text"], ch["x0"], ch["x1"])
                assert ch["top"] >= -0.5 and ch["bottom"] <= page.height + 0.5
            for table in page.extract_tables():
                for row in table:
                    cells += [" ".join((c or "").split()) for c in row]
    return cells, pages


@pytest.mark.slow
def test_nothing_is_clipped(paper: tuple[bytes, dict[str, Any]]) -> None:
    data, _ = paper
    cells, pages = _cells(data)
    p = appraisal.rank(appraisal.load()).long_list
    # every criterion heads a column of the scoring matrix, whole; every option labels rows
    joined = {re.sub(r"[\s\u00ad-]", "", c) for c in cells}
    for name in p.criterion_names:
        assert re.sub(r"[\s-]", "", name) in joined or re.sub(r"[\s-]", "", name + "\u2193") \
            in joined, name
    for label in p.labels():
        assert any(re.sub(r"[\s-]", "", label) in c for c in joined), label
    # the wide tables (scoring matrix, contributions, acceptability, sweep) are landscape
    assert sum(1 for _, wide in pages if wide) >= 4
    assert not pages[0][1]


@pytest.mark.slow
def test_tagged_for_screen_readers(paper: tuple[bytes, dict[str, Any]]) -> None:
    data, ctx = paper
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    alts: list[str] = []
    kinds: set[str] = set()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for k in node:
                walk(k)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            kinds.add(str(node["/S"]))
            if node["/S"] == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
        if "/K" in node:
            walk(node["/K"])

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure", "/L"} <= kinds
    descs = [b["chart"]["desc"] for s in [*ctx["sections"], *ctx["appendices"]]
             for b in s["blocks"] if b["kind"] == "chart"]
    assert len(alts) == len(descs) == 7  # five charts, the members' spread, value for money
    for alt, desc in zip(alts, descs, strict=True):
        assert alt.endswith(desc)


def test_a_missing_system_library_is_a_clear_output_error(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import builtins

    from appraisal.errors import OutputError

    real = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(OutputError, match="WeasyPrint needs the Pango library"):
        render_pdf("<p>x</p>", date(2020, 1, 1))
