"""The Markdown paper against its golden file (regenerate: APPRAISAL_REGENERATE=1)."""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

from conftest import REGENERATE, paper_result

import appraisal
from appraisal.report.context import build_context
from appraisal.report.markdown import render_markdown

GOLDEN = Path(__file__).parent / "golden" / "paper.md"


def _paper() -> str:
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), date(2017, 12, 14))
    text = render_markdown(ctx)
    digest = appraisal.load().input_digest
    return text.replace(digest, "sha256:<input digest>")  # the example may be edited


def test_markdown_matches_golden() -> None:
    text = _paper()
    if REGENERATE:
        GOLDEN.write_text(text)
    expected = GOLDEN.read_text()
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            "golden", "now", n=1))
        raise AssertionError("paper.md differs from the golden file (set "
                             "APPRAISAL_REGENERATE=1 to accept):\n" + diff[:4000])


def test_markdown_structure() -> None:
    text = _paper()
    heads = [ln for ln in text.splitlines() if ln.startswith("## ")]
    assert heads[:4] == ["## Relevant Cabinet Member", "## Relevant Officer",
                         "## Recommendation", "## Background"]
    assert "## Supporting Information" in heads and heads[-1] == "## Reproducibility"
    assert "1. **The Cabinet Member" in text
    assert "    (a) **notes the appraisal of the 13 options" in text
    assert "scores and weights are illustrative" in text.lower()


def test_markdown_renders_as_intended_in_commonmark() -> None:
    """Rendered by a CommonMark parser (markdown-it-py, with GFM tables): the numbered
    paragraphs are ordered lists that keep their numbers, the recommendation's lettered
    items are paragraphs of its first item, bullets whose text starts with an option
    number ("13. Charity: ...") stay one flat bullet each, nothing is a code block, and
    every table is a table."""
    from markdown_it import MarkdownIt

    text = _paper()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = [t.type for t in tokens]
    assert "code_block" not in kinds and "fence" not in kinds
    depth: list[str] = []
    starts: list[int] = []
    for t in tokens:
        if t.type in ("bullet_list_open", "ordered_list_open"):
            if t.type == "ordered_list_open":
                assert not depth, "an ordered list inside a list"
                starts.append(int(t.attrGet("start") or 1))
            else:
                assert not depth or depth[-1] == "ordered", "a list nested in a bullet"
            depth.append("ordered" if t.type == "ordered_list_open" else "bullet")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth.pop()
    assert starts[0] == 1 and starts[1:] == sorted(starts[1:])  # 1 (recommendation), 2, 3...
    inline = [t.content for t in tokens if t.type == "inline"]
    assert any(c.startswith("(a) **notes the appraisal") for c in inline)
    assert any(c.startswith("13\\. Charity") for c in inline)  # a bullet's text, escaped
    separators = [ln for ln in text.splitlines() if re.fullmatch(r"\|(-{3}:?\|)+", ln)]
    assert kinds.count("table_open") == len(separators) >= 20  # every table is a table
    # and every row of a table is in it: no text line "| ... |" outside a table
    assert not [c for c in inline if c.startswith("|") and c.endswith("|")]
