"""The HTML paper: one self-contained file (inline CSS, SVG charts, what-if script)."""

from __future__ import annotations

from pathlib import Path

from .paper import Paper, plain
from .templating import render


def render_html(paper: Paper, template_dir: Path | None = None) -> str:
    """The paper as HTML from ``paper.html.j2`` (autoescaped). The bundled templates read
    the typed paper; a council's own (``template_dir``, rendered in the sandbox) read it
    as plain data of the same shape."""
    fields = paper.template_fields()
    return render("html", "paper.html.j2", fields if template_dir is None else plain(fields),
                  template_dir)
