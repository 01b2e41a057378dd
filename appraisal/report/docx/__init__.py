"""The Word paper, built with python-docx from the same typed paper as the HTML.

What makes it a Word document an officer can keep editing, not a print-out:

- **Numbered paragraphs are a Word list** (:mod:`.numbering`: one numbering definition,
  "1." for the body's paragraphs, "(a)" for the recommendation's items), so inserting a
  paragraph renumbers the rest; each numbered paragraph carries a bookmark (``para_17``)
  and the recommendation's "(paragraphs 17 to 24)" are ``REF para_17 \\r`` fields to them
  (:mod:`.fields`), which Word updates when the document is opened (``updateFields``) or
  printed.
- **Page numbers and a footer** with the paper's title, as ``PAGE`` and ``NUMPAGES``
  fields (the run's date and digest are in the reproducibility table and the run
  record, not on every page).
- **Wide tables in landscape sections** (:mod:`.sections`), with column widths that fit
  the page (:mod:`.tables`); tables repeat their header row on every page and draw their
  own borders (no reliance on a table style a council's template may lack).
- **Headings in the house style** (black Arial, bold), or, with a reference document
  (``appraisal report --reference-docx FILE``), in that document's own styles: its page
  set-up, fonts and headings are used and its body is replaced by the paper
  (:mod:`.document`).
- Charts as PNG (converted from the SVG by CairoSVG) with their alt text.

Deterministic: the core properties carry the report date and every zip entry gets the
same fixed timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

from .document import RECORD_VARIABLE, REFERENCE_LIMIT, fixed_zip, render_docx
from .tables import column_widths
from .writer import xml_text

__all__ = ["RECORD_VARIABLE", "REFERENCE_LIMIT", "column_widths", "fixed_zip", "render_docx",
           "xml_text"]
