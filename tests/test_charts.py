"""Charts: well-formed accessible SVG, data table beside, text escaped, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from appraisal.report import charts

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script> & co"


def _check(chart: dict, n_rows: int) -> ET.Element:
    root = ET.fromstring(chart["svg"])  # well-formed XML, so everything is escaped
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == chart["title"]
    assert desc is not None and desc.text == chart["desc"] and len(desc.text) > 40
    assert root.get("aria-labelledby") == f"{chart['id']}-title {chart['id']}-desc"
    assert len(chart["table"]["rows"]) == n_rows
    assert "<script>" not in chart["svg"]
    return root


def test_contributions() -> None:
    contrib = np.array([[0.2, 0.3], [0.1, 0.1], [0.05, 0.0]])
    c = charts.contributions("t", [EVIL, "B", "C"], ["x", "y"], contrib, [0.5, 0.2, 0.05])
    root = _check(c, 3)
    assert c["table"]["rows"][0]["cells"] == [EVIL, "0.200", "0.300", "0.500"]
    assert any(EVIL[:20] in (t.text or "") for t in root.iter(f"{SVG}text"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 6
    widths = [float(r.get("width")) for r in bars[:2]]
    assert abs(widths[1] / widths[0] - 1.5) < 1e-3  # bars proportional to contributions


def test_tornado() -> None:
    c = charts.tornado("w", ["a", "b"], [0.3, 0.2], [0.1, 0.0], [0.5, 1.0], ["x", "never"],
                       EVIL)
    _check(c, 2)
    assert c["table"]["rows"][0]["cells"] == ["a", "30.0%", "10.0%", "50.0%", "x"]


def test_heatmap() -> None:
    acc = np.array([[0.7, 0.3], [0.3, 0.7]])
    c = charts.heatmap("h", ["A", EVIL], acc, "1,000")
    _check(c, 2)
    assert "70.0%" in c["desc"]


def test_scenario_ranks_and_sweep() -> None:
    ranks = np.array([[1, 2], [2, 1]], dtype=np.intp)
    _check(charts.scenario_ranks("s", ["A", EVIL], ["Base", EVIL], ranks), 2)
    c = charts.sweep("p", EVIL, ["A", "B"], [0.0, 0.4, 1.0], ranks, 0.3, 0)
    _check(c, 2)
    assert c["table"]["headers"] == ["Option", "0.0% to 40.0%", "40.0% to 100.0%"]


def test_same_data_same_bytes() -> None:
    acc = np.array([[0.7, 0.3], [0.3, 0.7]])
    assert charts.heatmap("h", ["A", "B"], acc, "10")["svg"] == \
        charts.heatmap("h", ["A", "B"], acc.copy(), "10")["svg"]
