"""The HTML paper: every option, section and chart present; self-contained."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from conftest import paper_result

import appraisal
from appraisal.report.context import build_context
from appraisal.report.html import render_html
from appraisal.report.paper import plain


class Collect(HTMLParser):
    """Element ids, tags, text and the what-if JSON of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "script":
            self._script = a.get("id") or f"script-{len(self.scripts)}"
            self.scripts[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[self._script] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def page() -> tuple[str, Collect, dict[str, Any]]:
    ctx = build_context(paper_result(appraisal.load(), samples=2000, seed=1), date(2017, 12, 14))
    html = render_html(ctx)
    parser = Collect()
    parser.feed(html)
    return html, parser, plain(ctx)


def test_every_option_appears(page: tuple[str, Collect, dict[str, Any]]) -> None:
    _, parsed, _ = page
    text = " ".join(parsed.text)
    for o in appraisal.load().options:
        assert o.name in text, o.name
        assert f"scores-{o.id}" in parsed.ids


def test_every_section_and_house_heading(page: tuple[str, Collect, dict[str, Any]]) -> None:
    _, parsed, ctx = page
    for s in ctx["sections"]:
        assert s["id"] in parsed.ids
    for fixed in ("recommendation", "relevant-cabinet-member", "relevant-officer",
                  "supporting-information", "contact-points", "background-papers",
                  "appendix-scores", "appendix-method", "appendix-assumptions",
                  "reproducibility", "whatif"):
        assert fixed in parsed.ids, fixed
    text = " ".join(parsed.text)
    for heading in ("Relevant Cabinet Member", "Relevant Officer", "Recommendation",
                    "Supporting Information", "Contact Points", "Background Papers"):
        assert heading in text
    assert "CABINET" in text and "14 DECEMBER 2017" in text


def test_every_chart_is_inline_svg_with_its_table(page: tuple[str, Collect, dict[str, Any]],
                                                  ) -> None:
    _, parsed, _ = page
    for chart in ("chart-totals", "chart-tornado", "chart-sweep", "chart-acceptability",
                  "chart-scenarios"):
        assert chart in parsed.ids and f"{chart}-title" in parsed.ids
    # the body's charts point to their data in an appendix; the appendix's charts carry it
    for chart in ("chart-sweep", "chart-acceptability"):
        assert f"{chart}-data" in parsed.ids or f"{chart}-data-1" in parsed.ids
    for data in ("contributions", "scenario-ranks", "tornado-data"):
        assert any(i.startswith(data) or i.endswith(data) for i in parsed.ids), data


def test_ids_are_unique(page: tuple[str, Collect, dict[str, Any]]) -> None:
    _, parsed, _ = page
    assert len(parsed.ids) == len(set(parsed.ids)), sorted(
        i for i in set(parsed.ids) if parsed.ids.count(i) > 1)


def test_self_contained(page: tuple[str, Collect, dict[str, Any]]) -> None:
    html, parsed, _ = page
    for tag, attrs in parsed.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not value or value.startswith(("mailto:", "#")), (tag, value)
        assert tag not in ("link", "img", "iframe")
    assert not re.search(r"url\(\s*['\"]?http", html)


def test_whatif_data_is_embedded_json(page: tuple[str, Collect, dict[str, Any]]) -> None:
    _, parsed, ctx = page
    data = json.loads(parsed.scripts["whatif-data"])
    assert data == json.loads(json.dumps(ctx["whatif"]))
    assert len(data["options"]) == 11


def test_numbered_paragraphs_match_the_context(page: tuple[str, Collect, dict[str, Any]],
                                               ) -> None:
    _, parsed, ctx = page
    last = max(int(b["number"]) for s in ctx["sections"] for b in s["blocks"]
               if b["kind"] == "para")
    for n in range(1, last + 1):
        assert f"para-{n}" in parsed.ids


def test_no_whatif_panel_for_a_method_it_cannot_reproduce() -> None:
    from dataclasses import replace

    from conftest import NUMERIC

    result = paper_result(appraisal.load(), samples=0)
    html = render_html(build_context(replace(result, method=NUMERIC, long_values=None),
                                     date(2017, 12, 14)))
    assert 'id="whatif-data"' not in html
    assert "what-if panel is not offered for the weighted sum" in html
    assert 'id="whatif-data"' in render_html(build_context(result, date(2017, 12, 14)))
