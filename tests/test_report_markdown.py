"""The Markdown paper against its golden file (regenerate: APPRAISAL_REGENERATE=1)."""

from __future__ import annotations

import difflib
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
