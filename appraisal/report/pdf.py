"""The PDF paper: WeasyPrint lays out the HTML paper with its print stylesheet (A4,
page numbers; the what-if panel is hidden in print). The document's creation and
modification dates come from the report date so that the same inputs give the same
bytes."""

from __future__ import annotations

from datetime import date


def render_pdf(html: str, report_date: date) -> bytes:
    """PDF bytes of the HTML paper (``html`` carries its metadata in ``<meta>`` tags)."""
    import weasyprint  # slow to import: only when a PDF is wanted

    stamp = f"{report_date.isoformat()}T00:00:00Z"
    doc = weasyprint.HTML(string=html).render()
    doc.metadata.created = stamp
    doc.metadata.modified = stamp
    data: bytes = doc.write_pdf()
    return data
