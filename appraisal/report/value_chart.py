"""The value-for-money chart: benefit points against net present cost, each option a
numbered dot, the frontier drawn through its options, business as usual marked."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..analysis.value import ValueForMoney
from ..core.problem import FloatArray
from ..input.greenbook import Costing
from ..presentation import formatting as fmt
from ..presentation.value import STATUS_LABEL, money, pts, unit_words
from .blocks import table
from .charts import chart_block
from .paper import Chart
from .svg import INK, circle, line, polyline, rect, text

LEFT, TOP, PLOT_W, PLOT_H = 64.0, 16.0, 460.0, 300.0
FRONTIER = "#0077BB"
OFF = "#666666"
BAU = "#CC3311"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering lo..hi (steps of 1, 2 or 5 times a power of ten)."""
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    out, t = [], start
    while t <= hi + step * 1e-9:
        out.append(round(t, 10))
        t += step
    if out[-1] < hi:
        out.append(round(out[-1] + step, 10))
    return out


def short_name(label: str) -> str:
    """'9. Wholly owned council company' -> '9' (the dot's label)."""
    head = label.split(".", 1)[0]
    return head if head.isdigit() else label[:3]


def value_chart(chart_id: str, v: ValueForMoney, costing: Costing | None) -> Chart:
    """The chart (see :mod:`.charts`) of ``v``."""
    xs = nice_ticks(*_padded(v.cost))
    ys = nice_ticks(*_padded(v.benefit))
    x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]

    def px(c: float) -> float:
        return LEFT + PLOT_W * (c - x0) / (x1 - x0)

    def py(b: float) -> float:
        return TOP + PLOT_H * (1 - (b - y0) / (y1 - y0))

    body: list[str] = []
    for t in xs:
        body.append(line(px(t), TOP, px(t), TOP + PLOT_H, stroke="#dddddd"))
        body.append(text(px(t), TOP + PLOT_H + 14, money(t, costing, _places(xs)),
                         anchor="middle", size=10))
    for t in ys:
        body.append(line(LEFT, py(t), LEFT + PLOT_W, py(t), stroke="#dddddd"))
        body.append(text(LEFT - 6, py(t) + 4, fmt.plain(t), anchor="end", size=10))
    body.append(line(LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H, stroke=INK))
    body.append(line(LEFT, TOP, LEFT, TOP + PLOT_H, stroke=INK))
    f = v.frontier
    path = [(px(v.cost[i]), py(v.benefit[i])) for i in f.order]
    if len(path) > 1:
        body.append(polyline(path, FRONTIER, 2.0, "The value-for-money frontier"))
    placed: list[tuple[float, float]] = []
    for i, label in enumerate(v.labels):
        x, y = px(v.cost[i]), py(v.benefit[i])
        on = f.status[i] == "frontier"
        colour = BAU if i == v.benchmark else (FRONTIER if on else OFF)
        tip = (f"{label}: {pts(v.benefit[i])} points, net present cost "
               f"{money(v.cost[i], costing)}, {STATUS_LABEL[f.status[i]]}")
        if i == v.benchmark:
            body.append(rect(x - 5, y - 5, 10, 10, colour, tip))
        else:
            body.append(circle(x, y, 5.0 if on else 4.0, colour, tip))
        dy = -8.0
        while any(abs(x - a) < 14 and abs(y + dy - b) < 10 for a, b in placed):
            dy -= 10
        placed.append((x, y + dy))
        weight = "bold" if i == v.preferred else "normal"
        body.append(text(x + 6, y + dy, short_name(label), size=10, weight=weight))
    body.append(text(LEFT + PLOT_W / 2, TOP + PLOT_H + 34,
                     f"Net present cost ({unit_words(costing)})", anchor="middle", size=10))
    body.append(text(14, TOP + PLOT_H / 2, "Benefit (points out of 100)", anchor="middle",
                     size=10, extra=f' transform="rotate(-90 14 {TOP + PLOT_H / 2:.2f})"'))
    ly = TOP + PLOT_H + 52
    legend = [(FRONTIER, "on the frontier (line)"), (OFF, "off the frontier"),
              (BAU, "business as usual (square)")]
    for k, (colour, words) in enumerate(legend):
        lx = LEFT + k * 160
        if colour == BAU:
            body.append(rect(lx + 1, ly - 8, 8, 8, colour))
        else:
            body.append(circle(lx + 5, ly - 4, 4.0, colour))
        body.append(text(lx + 14, ly, words, size=10))
    on_names = fmt.joined([v.labels[i].split(".", 1)[0] for i in f.order])
    desc = (f"Scatter chart of {len(v.labels)} options' benefit points against net present "
            f"cost. The frontier runs through options {on_names}"
            + (f"; business as usual is {v.labels[v.benchmark]}" if v.benchmark is not None
               else "") + ".")
    rows = [[label, pts(v.benefit[i]), money(v.cost[i], costing),
             STATUS_LABEL[f.status[i]]] for i, label in enumerate(v.labels)]
    data = table(f"{chart_id}-data", "Data: benefit and net present cost",
                 ["Option", "Points", "Net present cost", "Frontier"], rows,
                 [False, True, True, False])
    return chart_block(chart_id, "Value for money: benefit against net present cost", desc,
                       body, LEFT + PLOT_W + 30, ly + 12, data)


def _padded(values: FloatArray) -> tuple[float, float]:
    """The data's range widened by a tenth either side (one unit when it is a point)."""
    lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
    pad = (hi - lo) / 10 if hi > lo else max(abs(hi) / 10, 1.0)
    return lo - pad, hi + pad


def _places(ticks: Sequence[float]) -> int | None:
    """Decimals that tell the ticks apart (None: the usual rule of :func:`money`)."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    if step >= 1:
        return 0
    return None if step >= 0.1 else 2
