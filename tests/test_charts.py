"""Charts: well-formed accessible SVG, data table beside, text escaped, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from appraisal.report import charts
from appraisal.report.paper import Chart, plain
from appraisal.report.svg import INK, PALETTE, contrast, wrap

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert(1)</script> & co"


def _check(typed: Chart, n_rows: int) -> ET.Element:
    chart = plain(typed)
    root = ET.fromstring(chart["svg"])  # well-formed XML, so everything is escaped
    assert root.get("role") == "img"
    # the title carries the description: a PDF takes the figure's alternative text from it
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == f"{chart['title']}. {chart['desc']}"
    assert len(chart["desc"]) > 40
    assert root.get("aria-labelledby") == f"{chart['id']}-title"
    assert len(chart["table"]["rows"]) == n_rows
    assert "<script>" not in chart["svg"]
    for t in root.iter(f"{SVG}text"):  # text meets WCAG AA contrast on white (4.5:1)
        assert contrast(t.get("fill") or INK) >= 4.5 or _on_dark(root, t), t.get("fill")
    return root


def _on_dark(root: ET.Element, t: ET.Element) -> bool:
    """A heat-map number: its own cell is the background."""
    return t.get("fill") == "#ffffff"


def test_palette_has_contrast_against_white() -> None:
    # WCAG 2.1 SC 1.4.11: graphical objects at least 3:1 against their background
    assert all(contrast(c) >= 3.0 for c in PALETTE), [c for c in PALETTE if contrast(c) < 3]
    assert len(set(PALETTE)) == len(PALETTE) == 14


def test_labels_wrap_and_keep_their_start() -> None:
    label = "6. Strategic partnership with another LA or organisation"
    lines = wrap(label, 40)
    assert lines == ["6. Strategic partnership with another LA", "or organisation"]
    long = wrap("9. " + "word " * 40, 20)
    assert len(long) == 2 and long[0].startswith("9. ") and long[1].endswith("\u2026")
    c = plain(charts.contributions("t", [label, "B"], ["x"], np.array([[0.2], [0.1]]), [0.2, 0.1]))
    spans = [s.text for s in ET.fromstring(c["svg"]).iter(f"{SVG}tspan")]
    assert spans[:2] == lines


def test_heatmap_numbers_contrast_with_their_cells() -> None:
    acc = np.linspace(0.0, 1.0, 21).reshape(1, 21)
    root = ET.fromstring(plain(charts.heatmap("h", ["A"], acc, "10"))["svg"])
    cells = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    numbers = [t for t in root.iter(f"{SVG}text") if (t.text or "").isdigit()
               and t.get("font-size") == "9.00"]
    assert len(numbers) == 20
    for t in numbers:
        x = float(t.get("x"))
        cell = next(r for r in cells
                    if float(r.get("x")) <= x <= float(r.get("x")) + float(r.get("width")))
        assert contrast(t.get("fill"), cell.get("fill")) >= 4.5


def test_contributions() -> None:
    contrib = np.array([[0.2, 0.3], [0.1, 0.1], [0.05, 0.0]])
    c = plain(charts.contributions("t", [EVIL, "B", "C"], ["x", "y"], contrib, [0.5, 0.2, 0.05]))
    root = _check(c, 3)
    assert c["table"]["rows"][0]["cells"] == [EVIL, "20.0", "30.0", "50.0"]  # points
    assert any(EVIL[:20] in (t.text or "") for t in root.iter())
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 6
    widths = [float(r.get("width")) for r in bars[:2]]
    assert abs(widths[1] / widths[0] - 1.5) < 1e-3  # bars proportional to contributions


def test_tornado() -> None:
    c = plain(charts.tornado("w", ["a", "b"], [0.3, 0.2], [0.1, 0.0], [0.5, 1.0], ["x", "never"],
                       EVIL))
    _check(c, 2)
    assert c["table"]["rows"][0]["cells"] == ["a", "30.0%", "10.0%", "50.0%", "x"]


def test_heatmap() -> None:
    acc = np.array([[0.7, 0.3], [0.3, 0.7]])
    c = plain(charts.heatmap("h", ["A", EVIL], acc, "1,000"))
    _check(c, 2)
    assert "70.0%" in c["desc"]


def test_scenario_ranks_and_sweep() -> None:
    ranks = np.array([[1, 2], [2, 1]], dtype=np.intp)
    _check(charts.scenario_ranks("s", ["A", EVIL], ["Base", EVIL], ranks), 2)
    c = plain(charts.sweep("p", EVIL, ["A", "B"], [0.0, 0.4, 1.0], ranks, 0.3, 0))
    _check(c, 2)
    assert c["table"]["headers"] == ["Option", "0.0% to 40.0%", "40.0% to 100.0%"]


def test_same_data_same_bytes() -> None:
    acc = np.array([[0.7, 0.3], [0.3, 0.7]])
    assert plain(charts.heatmap("h", ["A", "B"], acc, "10"))["svg"] == \
        plain(charts.heatmap("h", ["A", "B"], acc.copy(), "10"))["svg"]
