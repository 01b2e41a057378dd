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


@pytest.mark.slow
def test_same_bytes_with_fonttools_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stock machine lacks libharfbuzz-subset0, so WeasyPrint subsets fonts with
    fontTools, which stamps each font with the time: force that path (even where the
    library is installed, as in CI) and a clock that moves, and still get equal bytes."""
    import fontTools.misc.timeTools as time_tools
    import weasyprint.pdf.fonts as fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    ticks = iter(range(10**9, 10**10, 1000))

    class MovingClock:
        @staticmethod
        def time() -> float:
            return float(next(ticks))

    monkeypatch.setattr(time_tools, "time", MovingClock)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    day = date(2017, 12, 14)
    html = render_html(build_context(paper_result(appraisal.load(), samples=0), day))
    assert render_pdf(html, day) == render_pdf(html, day)
    assert "SOURCE_DATE_EPOCH" not in __import__("os").environ


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
