"""The appraisal paper: a pipeline result -> a cabinet-ready report.

:func:`appraisal.report.build.write_paper` lays the paper out as plain data
(:mod:`.context`) and renders it as HTML (with the what-if panel), Markdown, Word and
PDF. The report layer only formats: every number comes from the
:class:`~appraisal.pipeline.AppraisalResult`, through
:mod:`appraisal.presentation.formatting`.

This module imports nothing heavy, so the CLI can name the formats cheaply.
"""

from __future__ import annotations

FORMATS = ("html", "md", "docx", "pdf")
"""The paper's formats, in the order they are written."""
SUFFIX = {"html": ".html", "md": ".md", "docx": ".docx", "pdf": ".pdf"}
