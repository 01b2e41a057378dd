"""The appraisal paper: result objects -> a cabinet-ready report.

:func:`~.build.write_paper` computes the results (:mod:`.inputs`), lays the paper out as
plain data (:mod:`.context`) and renders it as HTML (with the what-if panel), Markdown,
Word and PDF. The report layer only formats: it never recomputes the analysis.
"""

from __future__ import annotations

from .build import FORMATS, report_date, write_paper
from .context import build_context
from .inputs import PaperInputs, gather

__all__ = ["FORMATS", "PaperInputs", "build_context", "gather", "report_date", "write_paper"]
