"""The PDF paper: WeasyPrint lays out the HTML paper with its print stylesheet (A4,
landscape pages for wide tables, page numbers and the running footer; the
what-if panel is hidden in print), as a tagged PDF (PDF/UA-1: structure, reading
order, language, title and each chart's alternative text) for screen readers, as the
Public Sector Bodies Accessibility Regulations 2018 require of a council's documents.

Same inputs, same bytes, on every machine: the document's creation and modification
dates come from the report date, and so does the timestamp that fontTools writes into
each embedded font when it subsets fonts (WeasyPrint uses it where the system lacks
HarfBuzz's subsetting library, Debian's ``libharfbuzz-subset0``, as a stock machine
does): fontTools reads ``SOURCE_DATE_EPOCH``, which is set for the layout.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

from ..errors import OutputError


@contextmanager
def _source_date(day: date) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to midnight UTC of ``day`` while the block runs."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


_CHART = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" id="(?P<id>chart-[\w-]+)" '
                    r'class="chart"[^>]*? width="(?P<w>[\d.]+)"[^>]*>\s*'
                    r'<title id="[^"]*">(?P<title>[^<]*)</title>.*?</svg>', re.S)
SCALE = 2.5
"""Charts go into the PDF as PNG at this many pixels per CSS pixel (240 dpi)."""


def raster_charts(html: str) -> str:
    """The paper's SVG charts as PNG images (CairoSVG) with the chart's title and
    description as their alternative text: WeasyPrint draws an SVG element by element,
    which costs more than a second for the paper's five charts; an image costs next to
    nothing, and a printed chart at 240 dpi reads the same. The screen paper keeps its
    SVG; a chart CairoSVG cannot draw is left as SVG."""
    try:
        import cairosvg
    except OSError:  # no Cairo library: WeasyPrint draws the SVG itself
        return html

    def png(m: re.Match[str]) -> str:
        try:
            data = cairosvg.svg2png(bytestring=m.group(0).encode("utf-8"),
                                    output_width=int(float(m["w"]) * SCALE))
        except Exception:
            return m.group(0)
        return (f'<img class="chart" alt="{m["title"]}" style="width: {m["w"]}px" '
                f'src="data:image/png;base64,{base64.b64encode(data).decode("ascii")}">')

    return _CHART.sub(png, html)


def render_pdf(html: str, report_date: date) -> bytes:
    """PDF bytes of the HTML paper (``html`` carries its metadata in ``<meta>`` tags)."""
    try:
        import weasyprint  # slow to import: only when a PDF is wanted
    except OSError as exc:  # a system library WeasyPrint loads is missing
        raise OutputError(
            f"the PDF could not be made: WeasyPrint needs the Pango library ({exc}); install "
            "it (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0) or leave out "
            "--format pdf") from None

    stamp = f"{report_date.isoformat()}T00:00:00Z"
    with _source_date(report_date):
        doc = weasyprint.HTML(string=raster_charts(html)).render()
        doc.metadata.created = stamp
        doc.metadata.modified = stamp
        # tagged (PDF/UA-1): headings, paragraphs, lists, tables and figures with their
        # alternative text, in reading order, with the document's language and title
        data: bytes = doc.write_pdf(pdf_variant="pdf/ua-1")
    return data
