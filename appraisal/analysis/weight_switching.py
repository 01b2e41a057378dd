"""Switching values for weights: stability intervals and the headline switch.

"First" means a total >= every other option's total; the leader is the first option of
the base ranking (input order breaks a tie). A switching value is the boundary where
the leader is tied: any move beyond it changes the recommendation (HM Treasury (2022)
*The Green Book*, s. 6.100-6.103 on switching values; stability intervals as in
Mareschal (1988) "Weight stability intervals in multicriteria decision aid", EJOR 33).

Weights: for each criterion node, the interval of its local share (siblings rescaled
proportionally, see :mod:`.sweeps`) in which the leader stays first. Linear methods:
the margins T_l(t) - T_j(t) are affine in t, so the ends are the nearest roots either
side of the base (closed form). Other methods: a grid from the base outwards and
bisection on the smallest margin.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray, Problem
from ..methods import Method
from .sweeps import (
    END,
    GRID,
    NodeWeight,
    WeightPath,
    bisect_roots,
    end_totals,
    sweepable_nodes,
    weight_path,
)

EPS = 1e-12


@dataclass(frozen=True, kw_only=True)
class StabilityInterval(NodeWeight):
    """The shares of one node within which the leader stays first.

    ``low_share``..``high_share`` are local shares (0..1 among siblings); the ``*_weight``
    fields are the same as shares of the total weight. ``below``/``above`` name the
    option(s) that lead just outside each end (empty when the end is 0 or 1 and the
    leader never loses). ``*_change_pct`` is the move from the base as a percentage of
    the base weight (None when no switch or the base weight is 0)."""

    low_share: float
    high_share: float
    low_weight: float
    high_weight: float
    below: tuple[str, ...]
    above: tuple[str, ...]
    down_change_pct: float | None
    up_change_pct: float | None

    @property
    def room(self) -> float:
        """Distance (share of the total weight) from the base to the nearer switch;
        infinite when no move of this weight changes the leader."""
        ends = ([self.base_weight - self.low_weight] if self.below else []) + (
            [self.high_weight - self.base_weight] if self.above else [])
        return min(ends, default=float("inf"))


@dataclass(frozen=True, kw_only=True)
class WeightSwitch:
    """The smallest single-weight change (in points of the total weight) that changes
    the leader: node, direction ("rises" or "falls"), threshold and new leader(s)."""

    node_id: str
    node_name: str
    direction: str
    base_weight: float
    threshold_weight: float
    change_points: float
    change_pct: float | None
    new_leader: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class WeightSwitching:
    leader: str
    exact: bool
    intervals: tuple[StabilityInterval, ...]
    headline: WeightSwitch | None  # None: no single weight can change the leader


def _margins_linear(problem: Problem, method: Method, path: WeightPath,
                    lead: int) -> tuple[FloatArray, FloatArray]:
    a, d = end_totals(problem, method, path)
    return a[lead] - a, d[lead] - d  # g_j(t) = ga_j + t gd_j >= 0 keeps the leader first


def _ends_linear(ga: FloatArray, gd: FloatArray, t0: float,
                 lead: int) -> tuple[float, tuple[int, ...], float, tuple[int, ...]]:
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(gd != 0, -ga / gd, np.nan)
    other = np.arange(len(ga)) != lead
    # a root at the very end of the range (0 or 1, to rounding) is a tie there, not a
    # switch: the leader is still (jointly) first at every share inside it
    up = other & (gd < -EPS) & (root >= t0 - 1e-12) & (root < 1.0 - END)
    down = other & (gd > EPS) & (root <= t0 + 1e-12) & (root > END)
    hi = min(1.0, float(root[up].min())) if up.any() else 1.0
    lo = max(0.0, float(root[down].max())) if down.any() else 0.0
    who_hi: tuple[int, ...] = ()
    who_lo: tuple[int, ...] = ()
    if hi < 1.0:
        cand = np.flatnonzero(up & (np.abs(root - hi) <= 1e-12))
        best = -gd[cand]  # the steepest climber leads just beyond the root
        who_hi = tuple(int(c) for c in cand[best >= best.max() - 1e-12])
    if lo > 0.0:
        cand = np.flatnonzero(down & (np.abs(root - lo) <= 1e-12))
        best = gd[cand]
        who_lo = tuple(int(c) for c in cand[best >= best.max() - 1e-12])
    return lo, who_lo, hi, who_hi


def _ends_numeric(problem: Problem, method: Method, path: WeightPath, t0: float,
                  lead: int) -> tuple[float, tuple[int, ...], float, tuple[int, ...]]:
    score = method.score

    def margin(t: FloatArray) -> FloatArray:
        tot = np.asarray(score(problem, path.weights(t)))
        others = np.delete(tot, lead, axis=1)
        return np.asarray(tot[:, lead] - others.max(axis=1) + 1e-12, dtype=float)

    out: list[tuple[float, tuple[int, ...]]] = []
    for end in (0.0, 1.0):
        grid = np.linspace(t0, end, GRID)
        g = margin(grid)
        bad = np.flatnonzero(g < 0)
        if not len(bad):
            out.append((end, ()))
            continue
        k = int(bad[0])
        t = float(bisect_roots(margin, grid[k - 1:k], grid[k:k + 1])[0]) if k else t0
        if abs(t - end) <= END:  # a tie at the end of the range, not a switch
            out.append((end, ()))
            continue
        tot = np.asarray(score(problem, path.weights(grid[k])))
        tot[lead] = -np.inf
        out.append((t, tuple(int(c) for c in np.flatnonzero(tot >= tot.max() - 1e-12))))
    return out[0][0], out[0][1], out[1][0], out[1][1]


def weight_switching(problem: Problem, method: Method, lead: int) -> WeightSwitching:
    """Stability intervals of every node with siblings and the headline switch."""
    ids = problem.option_ids
    intervals = []
    best: WeightSwitch | None = None
    for nid in sweepable_nodes(problem.tree):
        path = weight_path(problem.tree, nid)
        t0 = path.base_share
        if method.linear_in_weights:
            ga, gd = _margins_linear(problem, method, path, lead)
            lo, who_lo, hi, who_hi = _ends_linear(ga, gd, t0, lead)
        else:
            lo, who_lo, hi, who_hi = _ends_numeric(problem, method, path, t0, lead)
        pw = path.parent_weight

        def pct(t: float, who: tuple[int, ...], t0: float = t0) -> float | None:
            return None if not who or t0 <= 0 else (t - t0) / t0 * 100.0

        iv = StabilityInterval(
            node_id=nid, node_name=path.node_name, base_share=t0, base_weight=pw * t0,
            low_share=lo, high_share=hi, low_weight=pw * lo, high_weight=pw * hi,
            below=tuple(ids[c] for c in who_lo), above=tuple(ids[c] for c in who_hi),
            down_change_pct=pct(lo, who_lo), up_change_pct=pct(hi, who_hi))
        intervals.append(iv)
        for direction, t, who, change in (("falls", lo, iv.below, iv.down_change_pct),
                                          ("rises", hi, iv.above, iv.up_change_pct)):
            if not who:
                continue
            cand = WeightSwitch(node_id=nid, node_name=path.node_name, direction=direction,
                                base_weight=iv.base_weight, threshold_weight=pw * t,
                                change_points=abs(pw * (t - t0)), change_pct=change,
                                new_leader=who)
            if best is None or cand.change_points < best.change_points - 1e-15:
                best = cand
    return WeightSwitching(leader=ids[lead], exact=method.linear_in_weights,
                           intervals=tuple(intervals), headline=best)
