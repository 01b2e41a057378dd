"""The paper's static charts, drawn as SVG strings by code.

Each function takes numbers already chosen and ordered by the caller and returns a
:class:`~.paper.Chart` (id, title, desc, svg, table, width, height). ``desc``
is the alt text (a sentence a screen reader can speak); ``table`` is the same data as
a table block, shown beside the chart. All text is escaped (:func:`svg.esc`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..presentation import formatting as fmt
from .blocks import table
from .paper import Chart, Table
from .svg import (
    INK,
    PALETTE,
    circle,
    frame,
    ink_on,
    line,
    polyline,
    rect,
    text,
    text_lines,
    truncate,
    wrap,
)

Matrix = NDArray[np.float64]
LABEL_W = 250.0
LABEL_CHARS = 40  # characters per line of a row label (two lines at most)
PLOT_W = 380.0
ROW_H = 22.0


def chart_block(chart_id: str, title: str, desc: str, body: list[str], width: float,
                height: float, data: Table) -> Chart:
    """A chart (see the module docstring) from its SVG body and data table."""
    return Chart(id=chart_id, title=title, desc=desc, table=data,
                 svg=frame(chart_id, width, height, title, desc, body),
                 width=f"{width:.0f}", height=f"{height:.0f}")


def x_axis(x0: float, y: float, width: float, top: float, ticks: Sequence[float],
           labels: Sequence[str], vmax: float) -> list[str]:
    """A horizontal axis at ``y`` with grid lines up to ``top`` and tick labels."""
    out = [line(x0, y, x0 + width, y)]
    for t, lab in zip(ticks, labels, strict=True):
        x = x0 + width * t / vmax
        out.append(line(x, top, x, y, stroke="#dddddd"))
        out.append(text(x, y + 14, lab, anchor="middle", size=10))
    return out


def contributions(chart_id: str, options: Sequence[str], criteria: Sequence[str],
                  contrib: Matrix, totals: Sequence[float]) -> Chart:
    """Total scores (points out of 100) as horizontal bars stacked by per-criterion
    contribution (w_j v_ij), one bar per option in the order given (best first)."""
    n = len(options)
    vmax = max(0.2, math.ceil(max(totals, default=0.0) * 5 - 1e-9) / 5)
    ticks = [k / 10 for k in range(0, round(vmax * 10) + 1, 2)]
    top = 10.0
    body: list[str] = []
    for i, opt in enumerate(options):
        y = top + i * ROW_H
        body.append(text_lines(LABEL_W - 8, y + 15, wrap(opt, LABEL_CHARS), anchor="end",
                               size=10))
        x = LABEL_W
        for j, crit in enumerate(criteria):
            w = PLOT_W * float(contrib[i, j]) / vmax
            body.append(rect(x, y + 3, w, ROW_H - 6, PALETTE[j % len(PALETTE)],
                             f"{opt}: {crit} {fmt.points(float(contrib[i, j]))} points",
                             stroke="#ffffff"))
            x += w
        body.append(text(x + 4, y + 15, fmt.points(float(totals[i])), size=10))
    axis_y = top + n * ROW_H + 4
    body[:0] = x_axis(LABEL_W, axis_y, PLOT_W, top, ticks, [f"{100 * t:.0f}" for t in ticks],
                       vmax)
    body.append(text(LABEL_W + PLOT_W / 2, axis_y + 30, "Weighted total (points out of 100)",
                     anchor="middle", size=10))
    ly = axis_y + 48
    for j, crit in enumerate(criteria):
        col, row = j % 2, j // 2
        x, y = 20 + col * 330, ly + row * 16
        body.append(rect(x, y - 9, 10, 10, PALETTE[j % len(PALETTE)]))
        body.append(text(x + 15, y, truncate(crit, 48), size=10))
    height = ly + math.ceil(len(criteria) / 2) * 16 + 6
    best = fmt.points(float(totals[0])) if n else ""
    desc = (f"Horizontal stacked bar chart of the weighted totals of "
            f"{fmt.count(n, 'option')} in points out of 100, best first, each bar split into "
            f"the contributions of {len(criteria)} criteria. "
            + (f"{options[0]} has the highest total, {best}; {options[-1]} the lowest, "
               f"{fmt.points(float(totals[-1]))}." if n > 1 else
               f"{options[0]} has a total of {best}." if n else ""))
    rows = [[opt, *(fmt.points(float(c)) for c in contrib[i]), fmt.points(float(totals[i]))]
            for i, opt in enumerate(options)]
    data = table(f"{chart_id}-data", "Data: contribution of each criterion to each total "
                 "(points)", ["Option", *criteria, "Total"], rows,
                 [False] + [True] * (len(criteria) + 1))
    return chart_block(chart_id, "Weighted totals and what makes them up", desc, body,
                  LABEL_W + PLOT_W + 60, height, data)


def tornado(chart_id: str, criteria: Sequence[str], base: Sequence[float],
            low: Sequence[float], high: Sequence[float], switch_to: Sequence[str],
            leader: str) -> Chart:
    """Stability intervals of the weights: for each criterion (order given, most
    sensitive first), the range of its share of the total weight over which ``leader``
    stays first, with the base weight marked."""
    top = 24.0
    body = [text(LABEL_W, 14, f"Range of weight in which {truncate(leader, 50)} stays first",
                 size=10)]
    for i, crit in enumerate(criteria):
        y = top + i * ROW_H
        body.append(text_lines(LABEL_W - 8, y + 15, wrap(crit, LABEL_CHARS), anchor="end",
                               size=10))
        body.append(rect(LABEL_W, y + 5, PLOT_W, ROW_H - 10, "#eeeeee"))
        x1, x2 = LABEL_W + PLOT_W * low[i], LABEL_W + PLOT_W * high[i]
        body.append(rect(x1, y + 4, x2 - x1, ROW_H - 8, "#4477AA",
                         f"{crit}: {fmt.pct(low[i])} to {fmt.pct(high[i])}"))
        xb = LABEL_W + PLOT_W * base[i]
        body.append(line(xb, y + 1, xb, y + ROW_H - 1, stroke="#000000", width=2.0))
    axis_y = top + len(criteria) * ROW_H + 4
    ticks = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    body[:0] = x_axis(LABEL_W, axis_y, PLOT_W, top, ticks, [fmt.pct(t, 0) for t in ticks],
                       1.0)
    body.append(text(LABEL_W + PLOT_W / 2, axis_y + 30,
                     "Share of the total weight (black mark: base weight)", anchor="middle",
                     size=10))
    desc = (f"Tornado chart of weight stability intervals for {len(criteria)} criteria. "
            + (f"The narrowest is {criteria[0]}: {leader} stays first while its weight is "
               f"between {fmt.pct(low[0])} and {fmt.pct(high[0])} (base {fmt.pct(base[0])})."
               if criteria else ""))
    rows = [[c, fmt.pct(base[i]), fmt.pct(low[i]), fmt.pct(high[i]), switch_to[i]]
            for i, c in enumerate(criteria)]
    data = table(f"{chart_id}-data", "Data: weight stability intervals",
                 ["Criterion", "Base weight", "Stays first from", "to", "Then first"], rows,
                 [False, True, True, True, False])
    return chart_block(chart_id, "How far each weight can move before the leader changes", desc,
                  body, LABEL_W + PLOT_W + 30, axis_y + 40, data)


def _shade(share: float) -> str:
    """White to dark blue by share (sRGB interpolation)."""
    lo, hi = (255, 255, 255), (33, 68, 120)
    rgb = [round(a + (b - a) * min(max(share, 0.0), 1.0)) for a, b in zip(lo, hi, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def heatmap(chart_id: str, options: Sequence[str], acceptability: Matrix,
            samples: str) -> Chart:
    """Rank acceptability indices (SMAA-2): row i, column r is the share of weightings
    in which option i takes rank r + 1 (as many rank columns as ``acceptability`` has)."""
    n, ranks = len(options), int(np.asarray(acceptability).shape[1])
    cell = min(36.0, 460.0 / max(n, ranks, 1))
    top = 30.0
    body = [text(LABEL_W + ranks * cell / 2, 14, "Rank", anchor="middle", size=10)]
    for r in range(ranks):
        body.append(text(LABEL_W + (r + 0.5) * cell, top - 4, str(r + 1), anchor="middle",
                         size=10))
    for i, opt in enumerate(options):
        y = top + i * cell
        body.append(text_lines(LABEL_W - 8, y + cell / 2 + 4, wrap(opt, LABEL_CHARS),
                               anchor="end", size=10))
        for r in range(ranks):
            a = float(acceptability[i, r])
            x = LABEL_W + r * cell
            body.append(rect(x, y, cell, cell, _shade(a),
                             f"{opt}, rank {r + 1}: {fmt.pct(a)}", stroke="#ffffff"))
            if a >= 0.005:
                body.append(text(x + cell / 2, y + cell / 2 + 3, f"{a * 100:.0f}",
                                 anchor="middle", size=9, fill=ink_on(_shade(a))))
    foot = top + n * cell + 16
    body.append(text(LABEL_W, foot, f"Per cent of {samples} weightings", size=10))
    first = int(np.argmax(acceptability[:, 0])) if n else 0
    desc = (f"Heat map of rank acceptability: for each of {n} options, the share of "
            f"{samples} random weightings in which it takes each rank. "
            + (f"{options[first]} is first most often, in "
               f"{fmt.pct(float(acceptability[first, 0]))} of them." if n else ""))
    rows = [[opt, *(fmt.pct(float(a)) for a in acceptability[i])]
            for i, opt in enumerate(options)]
    data = table(f"{chart_id}-data", "Data: rank acceptability (share of weightings)",
                 ["Option", *(f"Rank {r + 1}" for r in range(ranks))], rows,
                 [False] + [True] * ranks)
    return chart_block(chart_id, "How often each option takes each rank", desc, body,
                  LABEL_W + ranks * cell + 20, foot + 10, data)


def scenario_ranks(chart_id: str, options: Sequence[str], scenarios: Sequence[str],
                   ranks: NDArray[np.intp]) -> Chart:
    """Ranks by scenario: a bump chart, one line per option across the scenarios
    (columns in the order given, the base weighting first)."""
    n, s = len(options), len(scenarios)
    step = 90.0
    top, left = 40.0, LABEL_W
    body: list[str] = []
    for k, sc in enumerate(scenarios):
        body.append(text_lines(left + k * step, 16, wrap(sc, 16), anchor="middle", size=9,
                               gap=10.0))
    for r in range(n):
        body.append(text(left - 8 + (s - 1) * step + 30, top + r * ROW_H + 4, f"{r + 1}",
                         size=9, fill="#595959"))
    for i, opt in enumerate(options):
        colour = PALETTE[i % len(PALETTE)]
        pts = [(left + k * step, top + (int(ranks[i, k]) - 1) * ROW_H) for k in range(s)]
        body.append(polyline(pts, colour, 2.0, opt))
        for k, (x, y) in enumerate(pts):
            body.append(circle(x, y, 4.0, colour, f"{opt}: rank {int(ranks[i, k])} under "
                                                  f"{scenarios[k]}"))
        body.append(text_lines(left - 10, top + (int(ranks[i, 0]) - 1) * ROW_H + 4,
                               wrap(opt, LABEL_CHARS), anchor="end", size=10))
    height = top + n * ROW_H
    moved = [opt for i, opt in enumerate(options) if len(set(ranks[i].tolist())) > 1]
    desc = (f"Bump chart of the ranks of {n} options under {s} weightings "
            f"({fmt.joined(list(scenarios))}). "
            + (f"{len(moved)} of the {n} options change rank between weightings."
               if moved else "No option changes rank between weightings."))
    rows = [[opt, *(str(int(r)) for r in ranks[i])] for i, opt in enumerate(options)]
    data = table(f"{chart_id}-data", "Data: rank under each weighting",
                 ["Option", *scenarios], rows, [False] + [True] * s)
    return chart_block(chart_id, "Ranks under each scenario", desc, body,
                  left + (s - 1) * step + 60, height, data)


def sweep(chart_id: str, criterion: str, options: Sequence[str], edges: Sequence[float],
          ranks: NDArray[np.intp], base: float, highlight: int) -> Chart:
    """One-way sweep: the rank of every option (step lines) as ``criterion``'s share of the
    total weight moves; stretch k runs from ``edges[k]`` to ``edges[k + 1]`` with ranks
    ``ranks[:, k]``. ``base`` is marked; option ``highlight`` (the leader) is drawn thicker."""
    n, k = ranks.shape
    top, left = 14.0, LABEL_W
    x_max = max(float(edges[-1]), 1e-9)

    def x_of(w: float) -> float:
        return left + PLOT_W * w / x_max

    def y_of(r: int) -> float:
        return top + (r - 0.5) * ROW_H

    body: list[str] = []
    for r in range(1, n + 1):
        body.append(line(left, y_of(r), left + PLOT_W, y_of(r), stroke="#eeeeee"))
    for i, opt in enumerate(options):
        pts: list[tuple[float, float]] = []
        for s in range(k):
            y = y_of(int(ranks[i, s]))
            pts += [(x_of(float(edges[s])), y), (x_of(float(edges[s + 1])), y)]
        colour = PALETTE[i % len(PALETTE)]
        body.append(polyline(pts, colour, 3.5 if i == highlight else 1.5, opt))
        body.append(text_lines(left - 8, y_of(int(ranks[i, 0])) + 4, wrap(opt, LABEL_CHARS),
                               anchor="end", size=10))
        body.append(text_lines(left + PLOT_W + 6, y_of(int(ranks[i, -1])) + 4,
                               wrap(opt, 22), size=9, gap=9.5, fill=INK))
    bx = x_of(base)
    body.append(line(bx, top, bx, top + n * ROW_H, stroke="#000000", width=1.5, dash="4 3"))
    body.append(text(bx + 4, top - 2, f"used: {fmt.pct(base)}", size=10))
    axis_y = top + n * ROW_H + 4
    ticks = [t / 5 * x_max for t in range(6)]
    body[:0] = x_axis(left, axis_y, PLOT_W, top, ticks, [fmt.pct(t, 0) for t in ticks],
                       x_max)
    body.append(text(left + PLOT_W / 2, axis_y + 30,
                     f"Weight on {truncate(criterion, 50)} (share of the total)",
                     anchor="middle", size=10))
    changes = k - 1
    desc = (f"Step chart of the ranks of {n} options as the weight on {criterion} goes from "
            f"0% to {fmt.pct(x_max)} of the total, the other weights keeping their "
            f"proportions; the ranking changes {fmt.count(changes, 'time')}. The weight "
            f"used, {fmt.pct(base)}, is marked. At the left, top to bottom, options are in "
            "the order they take with no weight on it.")
    heads = [f"{fmt.pct(float(edges[s]))} to {fmt.pct(float(edges[s + 1]))}" for s in range(k)]
    rows = [[opt, *(str(int(r)) for r in ranks[i])] for i, opt in enumerate(options)]
    data = table(f"{chart_id}-data", f"Data: rank as the weight on {criterion} changes",
                 ["Option", *heads], rows, [False] + [True] * k)
    return chart_block(chart_id, f"Ranks as the weight on {criterion} changes", desc, body,
                  left + PLOT_W + 140, axis_y + 40, data)
