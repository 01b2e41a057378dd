"""The Markdown paper (charts appear as their data tables and descriptions)."""

from __future__ import annotations

from pathlib import Path

from .paper import Paper, plain
from .templating import render


def render_markdown(paper: Paper, template_dir: Path | None = None) -> str:
    """The paper as Markdown from ``paper.md.j2``; every value passes the ``md`` filter
    (a council's own templates read the paper as plain data, as in :mod:`.html`)."""
    fields = paper.template_fields()
    text = render("md", "paper.md.j2", fields if template_dir is None else plain(fields),
                  template_dir)
    lines = [ln.rstrip() for ln in text.splitlines()]
    out: list[str] = []
    for ln in lines:  # at most one blank line in a row
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"
