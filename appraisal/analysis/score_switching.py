"""Score switching values: for each option x criterion, the smallest change of that
one score within the criterion's scale that changes the leader.

"First" means a total >= every other option's total; the leader is the first option of
the base ranking (input order breaks a tie). A switching value is the boundary where
the leader is tied: any move beyond it changes the recommendation (HM Treasury (2022)
*The Green Book*, s. 6.100-6.103 on switching values).

Linear methods are taken as additive with per-criterion value functions affine on the
scale (checked by probing the score function; otherwise the numeric path is used):
option i's total moves by w_j * s_ij * (x' - x_ij), which gives the threshold in closed
form. Other methods: a grid over the scale and bisection, re-scoring the whole problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..core.problem import FloatArray, Problem
from ..methods import Method, ScoreFn
from .closeness import scoring_step
from .sweeps import bisect_roots

EPS = 1e-12


@dataclass(frozen=True, kw_only=True)
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
    step_score: float | None = None  # the first score on the scoring steps that changes it


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


def step_beyond(switch: float, falls: bool, step: float, lower: float,
                upper: float) -> float | None:
    """The first score on the scale's step grid (``lower + k * step``) strictly beyond
    ``switch`` in the direction of the change (down when ``falls``): the first score a
    scorer could actually give that changes the result. None without a step or when that
    score is off the scale."""
    if step <= 0 or not math.isfinite(switch):
        return None
    k = (switch - lower) / step
    near = round(k)
    if abs(k - near) <= 1e-9:  # on the grid: a tie there, so the next step
        k = near - 1 if falls else near + 1
    else:
        k = math.floor(k) if falls else math.ceil(k)
    value = lower + k * step
    return value if lower - 1e-9 <= value <= upper + 1e-9 else None


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


def score_switching(problem: Problem, method: Method, totals: FloatArray,
                    lead: int) -> ScoreSwitching:
    """Score switching values for every option x criterion (option-major order), each
    with the first score on its criterion's scoring steps (:func:`.closeness.scoring_step`)
    beyond the switching value."""
    slope = _value_slopes(problem, method.score) if method.linear_in_weights else None
    rows = (_switch_linear(problem, totals, lead, slope) if slope is not None
            else _switch_numeric(problem, method.score, lead))
    ids, m = problem.option_ids, problem.shape[1]
    steps = [scoring_step(np.concatenate([problem.scores[:, j], problem.low[:, j],
                                          problem.high[:, j]]), float(problem.lower[j]))
             for j in range(m)]
    switches = []
    for q, (delta, who) in enumerate(rows):
        i, j = divmod(q, m)
        x = float(problem.scores[i, j])
        width = float(problem.upper[j] - problem.lower[j])
        switching = None if delta is None else x + delta
        switches.append(ScoreSwitch(
            option_id=ids[i], criterion_id=problem.criterion_ids[j], score=x,
            switching_score=switching, change=delta,
            new_leader=tuple(ids[c] for c in who),
            scale_share=None if delta is None else abs(delta) / width,
            step_score=None if switching is None or delta is None else step_beyond(
                switching, math.copysign(1.0, delta) < 0, steps[j], float(problem.lower[j]),
                float(problem.upper[j]))))
    return ScoreSwitching(leader=ids[lead], exact=slope is not None, switches=tuple(switches))
