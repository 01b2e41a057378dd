"""Switching values for weights and scores (issue 3, items 2 and 3).

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

Scores: for each option x criterion, the smallest change of that one score within the
criterion's scale that changes the leader. Linear methods are taken as additive with
per-criterion value functions affine on the scale (checked by probing the score
function; otherwise the numeric path is used): option i's total moves by
w_j * s_ij * (x' - x_ij), which gives the threshold in closed form. Other methods: a
grid over the scale and bisection, re-scoring the whole problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..compile import FloatArray, Problem
from ..methods import ScoreFn
from .sweeps import GRID, WeightPath, bisect_roots, sweepable_nodes, weight_path

EPS = 1e-12


@dataclass(frozen=True)
class StabilityInterval:
    """The shares of one node within which the leader stays first.

    ``low_share``..``high_share`` are local shares (0..1 among siblings); the ``*_weight``
    fields are the same as shares of the total weight. ``below``/``above`` name the
    option(s) that lead just outside each end (empty when the end is 0 or 1 and the
    leader never loses). ``*_change_pct`` is the move from the base as a percentage of
    the base weight (None when no switch or the base weight is 0)."""

    node_id: str
    node_name: str
    base_share: float
    base_weight: float
    low_share: float
    high_share: float
    low_weight: float
    high_weight: float
    below: tuple[str, ...]
    above: tuple[str, ...]
    down_change_pct: float | None
    up_change_pct: float | None


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class WeightSwitching:
    leader: str
    exact: bool
    intervals: tuple[StabilityInterval, ...]
    headline: WeightSwitch | None  # None: no single weight can change the leader


def _margins_linear(problem: Problem, score: ScoreFn, path: WeightPath,
                    lead: int) -> tuple[FloatArray, FloatArray]:
    ends = np.asarray(score(problem, np.stack([path.start, path.end])))
    a, d = ends[0], ends[1] - ends[0]
    return a[lead] - a, d[lead] - d  # g_j(t) = ga_j + t gd_j >= 0 keeps the leader first


def _ends_linear(ga: FloatArray, gd: FloatArray, t0: float,
                 lead: int) -> tuple[float, tuple[int, ...], float, tuple[int, ...]]:
    with np.errstate(divide="ignore", invalid="ignore"):
        root = np.where(gd != 0, -ga / gd, np.nan)
    other = np.arange(len(ga)) != lead
    up = other & (gd < -EPS) & (root >= t0 - 1e-12)
    down = other & (gd > EPS) & (root <= t0 + 1e-12)
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


def _ends_numeric(problem: Problem, score: ScoreFn, path: WeightPath, t0: float,
                  lead: int) -> tuple[float, tuple[int, ...], float, tuple[int, ...]]:
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
        tot = np.asarray(score(problem, path.weights(grid[k])))
        tot[lead] = -np.inf
        out.append((t, tuple(int(c) for c in np.flatnonzero(tot >= tot.max() - 1e-12))))
    return out[0][0], out[0][1], out[1][0], out[1][1]


def weight_switching(problem: Problem, score: ScoreFn, totals: FloatArray, lead: int,
                     linear: bool) -> WeightSwitching:
    """Stability intervals of every node with siblings and the headline switch."""
    ids = problem.option_ids
    intervals = []
    best: WeightSwitch | None = None
    for nid in sweepable_nodes(problem.tree):
        path = weight_path(problem.tree, nid)
        t0 = path.base_share
        if linear:
            ga, gd = _margins_linear(problem, score, path, lead)
            lo, who_lo, hi, who_hi = _ends_linear(ga, gd, t0, lead)
        else:
            lo, who_lo, hi, who_hi = _ends_numeric(problem, score, path, t0, lead)
        pw = path.parent_weight

        def pct(t: float, who: tuple[int, ...], t0: float = t0) -> float | None:
            return None if not who or t0 <= 0 else (t - t0) / t0 * 100.0

        iv = StabilityInterval(nid, path.node_name, t0, pw * t0, lo, hi, pw * lo, pw * hi,
                               tuple(ids[c] for c in who_lo), tuple(ids[c] for c in who_hi),
                               pct(lo, who_lo), pct(hi, who_hi))
        intervals.append(iv)
        for direction, t, who, change in (("falls", lo, iv.below, iv.down_change_pct),
                                          ("rises", hi, iv.above, iv.up_change_pct)):
            if not who:
                continue
            cand = WeightSwitch(nid, path.node_name, direction, iv.base_weight, pw * t,
                                abs(pw * (t - t0)), change, who)
            if best is None or cand.change_points < best.change_points - 1e-15:
                best = cand
    return WeightSwitching(ids[lead], linear, tuple(intervals), best)


@dataclass(frozen=True)
class ScoreSwitch:
    """The smallest change of one score that changes the leader: the new score and
    the signed change, or None for both when no score within the scale does. The
    leader changes for any score beyond ``switching_score`` (at it, there is a tie)."""

    option_id: str
    criterion_id: str
    score: float
    switching_score: float | None
    change: float | None
    new_leader: tuple[str, ...]
    scale_share: float | None = None  # |change| as a share of the criterion's scale width


@dataclass(frozen=True)
class ScoreSwitching:
    leader: str
    exact: bool
    switches: tuple[ScoreSwitch, ...]  # option-major: every option x criterion

    @property
    def smallest(self) -> ScoreSwitch | None:
        """The switch needing the smallest change (ties: first in option-major order)."""
        found = [s for s in self.switches if s.change is not None]
        return min(found, key=lambda s: s.scale_share or 0.0) if found else None


def _value_slopes(problem: Problem, score: ScoreFn) -> FloatArray | None:
    """d(value)/d(score) per option x criterion if the method is additive with affine
    value functions on the scale, else None. Probes the score function only."""
    eye = np.eye(problem.shape[1])
    n = problem.shape[0]
    lo = np.broadcast_to(problem.lower, problem.shape).copy()
    hi = np.broadcast_to(problem.upper, problem.shape).copy()
    v_lo = np.asarray(score(replace(problem, scores=lo), eye)).T  # (n, m)
    v_hi = np.asarray(score(replace(problem, scores=hi), eye)).T
    slope = (v_hi - v_lo) / (problem.upper - problem.lower)
    v = np.asarray(score(problem, eye)).T
    if v.shape != (n, problem.shape[1]) or not np.allclose(
            v, v_lo + (problem.scores - problem.lower) * slope, atol=1e-12, rtol=1e-9):
        return None
    return slope


def _switch_linear(problem: Problem, totals: FloatArray, lead: int,
                   slope: FloatArray) -> list[tuple[float | None, tuple[int, ...]]]:
    n, m = problem.shape
    others = np.delete(totals, lead)
    second = others.max()
    runner = tuple(int(c) for c in np.flatnonzero(
        (totals >= second - 1e-12) & (np.arange(n) != lead)))
    out: list[tuple[float | None, tuple[int, ...]]] = []
    rate = slope * problem.weights  # change of option i's total per unit of score j
    for i in range(n):
        need = totals[lead] - second if i == lead else totals[lead] - totals[i]
        for j in range(m):
            r = rate[i, j]
            sgn = (-1.0 if r > 0 else 1.0) if i == lead else (1.0 if r > 0 else -1.0)
            if abs(r) <= EPS:
                out.append((None, ()))
                continue
            delta = sgn * need / abs(r)
            x = problem.scores[i, j] + delta
            # the leader changes just beyond x, so the scale must extend past it
            if (x >= problem.upper[j] - 1e-12) if sgn > 0 else (x <= problem.lower[j] + 1e-12):
                out.append((None, ()))
            else:
                out.append((float(delta), runner if i == lead else (i,)))
    return out


def _switch_numeric(problem: Problem, score: ScoreFn, lead: int,
                    ) -> list[tuple[float | None, tuple[int, ...]]]:
    n, m = problem.shape
    out = []
    for i in range(n):
        for j in range(m):
            x0 = problem.scores[i, j]

            def leads(xs: FloatArray, i: int = i, j: int = j) -> FloatArray:
                res = np.empty(len(xs))
                for q, x in enumerate(xs):
                    s = problem.scores.copy()
                    s[i, j] = x
                    tot = np.asarray(score(replace(problem, scores=s), problem.weights))
                    res[q] = tot[lead] - np.delete(tot, lead).max() + 1e-12
                return res

            best: tuple[float | None, tuple[int, ...]] = (None, ())
            for end in (problem.lower[j], problem.upper[j]):
                grid = np.linspace(x0, end, 65)
                g = leads(grid)
                bad = np.flatnonzero(g < 0)
                if not len(bad) or x0 == end:
                    continue
                k = int(bad[0])
                x = float(bisect_roots(leads, grid[k - 1:k], grid[k:k + 1], 40)[0]) if k else x0
                if best[0] is None or abs(x - x0) < abs(best[0]):
                    s = problem.scores.copy()
                    s[i, j] = grid[k]
                    tot = np.asarray(score(replace(problem, scores=s), problem.weights))
                    tot[lead] = -np.inf
                    best = (float(x - x0), tuple(int(c) for c in np.flatnonzero(tot >= tot.max()
                                                                          - 1e-12)))
            out.append(best)
    return out


def score_switching(problem: Problem, score: ScoreFn, totals: FloatArray, lead: int,
                    linear: bool) -> ScoreSwitching:
    """Score switching values for every option x criterion (option-major order)."""
    slope = _value_slopes(problem, score) if linear else None
    rows = (_switch_linear(problem, totals, lead, slope) if slope is not None
            else _switch_numeric(problem, score, lead))
    ids, m = problem.option_ids, problem.shape[1]
    switches = []
    for q, (delta, who) in enumerate(rows):
        i, j = divmod(q, m)
        x = float(problem.scores[i, j])
        width = float(problem.upper[j] - problem.lower[j])
        switches.append(ScoreSwitch(ids[i], problem.criterion_ids[j], x,
                                    None if delta is None else x + delta, delta,
                                    tuple(ids[c] for c in who),
                                    None if delta is None else abs(delta) / width))
    return ScoreSwitching(ids[lead], slope is not None, tuple(switches))
