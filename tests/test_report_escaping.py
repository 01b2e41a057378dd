"""Text from the input (here '<script>' in an option, a criterion and the narrative) is
escaped in every output: HTML, the embedded JSON, SVG titles, Markdown and Word."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import paper_result
from docx import Document

import appraisal
from appraisal.report.context import build_context
from appraisal.report.docx import render_docx
from appraisal.report.html import render_html
from appraisal.report.markdown import render_markdown
from appraisal.report.paper import plain
from appraisal.report.whatif import script_json

EVIL = "<script>alert('x')</script>"
NASTY = f"""\
title: "Escaping {EVIL}"
scale: {{min: 0, max: 10}}
paper:
  committee: "Cabinet & <b>friends</b>"
  background: ["Background {EVIL}"]
criteria:
  - id: main
    name: Main set
    criteria:
      - {{id: quality, name: "Quality {EVIL}", weight: 3}}
      - {{id: cost, name: Cost, weight: 1, direction: cost}}
options:
  - {{id: a, name: "Option {EVIL}", description: "Desc {EVIL} end",
     scores: {{quality: 8, cost: 6}}}}
  - {{id: b, name: Option B, scores: {{quality: {{value: 5, rationale: "Why {EVIL}"}}, cost: 2}}}}
  - {{id: c, name: Option C, scores: {{quality: 2, cost: 9}}}}
"""


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    f = tmp_path_factory.mktemp("nasty") / "a.yaml"
    f.write_text(NASTY)
    return build_context(paper_result(appraisal.load(f), samples=500, seed=3), date(2020, 1, 2))


def test_html_escapes_everywhere(ctx: dict[str, Any]) -> None:
    html = render_html(ctx)
    assert "<script>alert" not in html
    assert "<b>friends" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    # the only script elements are the panel's own two
    assert len(re.findall(r"<script\b", html)) == 2
    data = html.split('<script type="application/json" id="whatif-data">')[1]
    data = data.split("</script>")[0]
    assert "<" not in data and ">" not in data and "&" not in data
    assert "\u2028" not in data
    assert json.loads(data)["options"][0]["name"] == f"Option {EVIL}"


def test_script_json_escapes_separators() -> None:
    text = script_json({"a": "</script><!-- & \u2028\u2029"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_svg_titles_escaped(ctx: dict[str, Any]) -> None:
    for s in plain(ctx)["sections"]:
        for b in s["blocks"]:
            if b["kind"] == "chart":
                assert "<script>" not in b["chart"]["svg"]
                assert "&lt;script&gt;" in b["chart"]["svg"]


def test_markdown_escapes(ctx: dict[str, Any]) -> None:
    md = render_markdown(ctx)
    assert "<script>" not in md and "<b>" not in md
    assert "\\<script\\>alert('x')\\</script\\>" in md
    assert "CABINET &amp; \\<B\\>FRIENDS" in md


def test_word_keeps_the_text_literal(ctx: dict[str, Any]) -> None:
    data = render_docx(ctx, date(2020, 1, 2))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"Background {EVIL}" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(EVIL in c for c in cells)


def test_user_template_is_sandboxed(ctx: dict[str, Any], tmp_path: Path) -> None:
    from appraisal.errors import UsageError

    (tmp_path / "paper.md.j2").write_text("{{ title.__class__.__mro__ }}")
    with pytest.raises(UsageError, match="template"):
        render_markdown(ctx, tmp_path)
    (tmp_path / "paper.md.j2").write_text("# {{ title | md }}\n{% include '_blocks.md.j2' %}")
    assert render_markdown(ctx, tmp_path).startswith("# Escaping \\<script\\>")
