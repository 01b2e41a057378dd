"""The Markdown paper (charts appear as their data tables and descriptions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .templating import render


def render_markdown(context: dict[str, Any], template_dir: Path | None = None) -> str:
    """The paper as Markdown from ``paper.md.j2``; every value passes the ``md`` filter."""
    text = render("md", "paper.md.j2", context, template_dir)
    lines = [ln.rstrip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:  # at most one blank line in a row
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"
