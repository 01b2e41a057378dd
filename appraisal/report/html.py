"""The HTML paper: one self-contained file (inline CSS, SVG charts, what-if script)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .templating import render


def render_html(context: dict[str, Any], template_dir: Path | None = None) -> str:
    """The paper as HTML from ``paper.html.j2`` (autoescaped)."""
    return render("html", "paper.html.j2", context, template_dir)
