"""What would it take? The smallest weight change that puts each option first (item 4).

For option i, minimise the L1 distance ||w - w0||_1 over leaf weight vectors w on the
simplex (w >= 0, sum w = 1) subject to T_i(w) >= T_k(w) for every other option k
("first" means a total >= every other option's; a tie at the top counts). For a method
linear in the weights, T(w) = w @ B with B = score(problem, I), so this is a linear
programme with auxiliary u >= |w - w0| (the standard L1 linearisation, e.g. Boyd &
Vandenberghe (2004) *Convex Optimization*, s. 6.1), solved with HiGHS through
``scipy.optimize.linprog``. Infeasible means no weights at all make the option first.
Half the L1 distance is the share of the total weight that must be moved between
criteria. Any leaf weight vector on the simplex is reachable by some raw weights of the
tree, so the tree adds no constraint. Non-linear methods are not covered (None). Beyond
:data:`~appraisal.core.limits.DETAIL_OPTIONS` options only that many best-ranked options
are checked (one linear programme each).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.limits import DETAIL_OPTIONS
from ..core.problem import FloatArray, Problem
from ..methods import Method


@dataclass(frozen=True)
class WeightDistance:
    """For one option: the L1 distance to the nearest weights making it first (None if
    none can, then ``never_first`` is True), the share of weight moved (L1 / 2) and
    those nearest leaf weights (criterion id -> weight)."""

    option_id: str
    distance: float | None
    weight_moved: float | None
    never_first: bool
    weights: dict[str, float] | None


@dataclass(frozen=True)
class Distances:
    """The distances of the options checked: every option up to
    :data:`~appraisal.core.limits.DETAIL_OPTIONS` options, else that many best-ranked
    (``complete`` says which)."""

    available: bool  # False for methods not linear in the weights
    options: tuple[WeightDistance, ...]
    complete: bool = True

    @property
    def never_first(self) -> tuple[str, ...]:
        return tuple(d.option_id for d in self.options if d.never_first)


def weight_distances(problem: Problem, method: Method) -> Distances:
    """The smallest L1 change of the leaf weights making each option first."""
    if not method.linear_in_weights:
        return Distances(available=False, options=())
    from scipy.optimize import linprog  # lazy: scipy.optimize costs ~0.5 s to import

    n, m = problem.shape
    values = np.asarray(method.score(problem, np.eye(m))).T  # (n, m): totals are values @ w
    w0 = np.asarray(problem.weights, dtype=float)
    checked = np.arange(n) if n <= DETAIL_OPTIONS else np.sort(
        np.argsort(-(values @ w0), kind="stable")[:DETAIL_OPTIONS])
    eye = np.eye(m)
    cost = np.concatenate([np.zeros(m), np.ones(m)])
    a_abs = np.block([[eye, -eye], [-eye, -eye]])
    b_abs = np.concatenate([w0, -w0])
    a_eq = np.concatenate([np.ones(m), np.zeros(m)])[None, :]
    bounds = [(0.0, 1.0)] * m + [(0.0, None)] * m
    out = []
    for i in checked:
        diff = np.delete(values, i, axis=0) - values[i]  # (V_k - V_i) . w <= 0
        a_ub = np.vstack([a_abs, np.hstack([diff, np.zeros((n - 1, m))])])
        b_ub = np.concatenate([b_abs, np.zeros(n - 1)])
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                      method="highs")
        oid = problem.option_ids[i]
        if res.status == 2:  # infeasible
            out.append(WeightDistance(option_id=oid, distance=None, weight_moved=None,
                                      never_first=True, weights=None))
            continue
        w: FloatArray = np.clip(res.x[:m], 0.0, None)
        dist = float(np.abs(w - w0).sum())
        dist = 0.0 if dist < 1e-10 else dist
        out.append(WeightDistance(
            option_id=oid, distance=dist, weight_moved=dist / 2, never_first=False,
            weights={c: float(x) for c, x in zip(problem.criterion_ids, w, strict=True)}))
    return Distances(available=True, options=tuple(out), complete=len(checked) == n)
