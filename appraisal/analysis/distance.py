"""What would it take? The smallest change of the weights that puts each option first.

Two kinds of "first", named apart:

- **jointly first**: a total at least every other option's (a tie at the top counts);
- **clearly first**: a total ahead of every other option's by at least ``margin`` (by
  default the scoring resolution of :mod:`.closeness`, so a lead the scores can resolve).

A dominated option can at best be jointly first (where the criteria it is worse on carry
no weight); it is never clearly first, and the two distances say so.

Two sizes of change, both in shares of the total weight as the paper shows them:

- **total moved**: half the L1 distance between the leaf weights, the share of the total
  weight that moves from some criteria to others;
- **largest change**: the smallest possible largest change of any one criterion's share
  of the total, parents included (a parent's share being the sum of its leaves'), the
  move as the board would see it on its own tree.

For a method linear in the weights, T(w) = w @ V with V = score(problem, I), each is a
linear programme over the leaf weights on the simplex with the constraints
T_i(w) >= T_k(w) + margin (margin 0 for "jointly"), using the standard linearisations
u >= |w - w0| (L1) and z >= |A (w - w0)| (the largest change, A summing leaves into
nodes) (Boyd & Vandenberghe (2004) *Convex Optimization*, s. 6.1), solved by HiGHS
through ``scipy.optimize.linprog``. Infeasible means no weighting makes the option first
in that sense. Any leaf weight vector on the simplex comes from some raw weights of the
tree, so the tree adds no constraint. Non-linear methods are not covered. Beyond
:data:`~appraisal.core.limits.DETAIL_OPTIONS` options only that many best-ranked options
are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.limits import DETAIL_OPTIONS
from ..core.problem import CriteriaTree, FloatArray, Problem
from ..methods import Method


@dataclass(frozen=True)
class Move:
    """The least change that makes an option first: ``total`` share of the total weight
    moved, ``largest`` change of any one criterion's share (parents included), and the
    nearest leaf weights by total moved (criterion id -> share of the total)."""

    total: float
    largest: float
    weights: dict[str, float]


@dataclass(frozen=True)
class WeightDistance:
    """For one option: the least change to make it jointly first (``tie``) and clearly
    first (``strict``); None where no weighting does."""

    option_id: str
    tie: Move | None
    strict: Move | None

    @property
    def never_first(self) -> bool:
        """No weighting makes it even jointly first."""
        return self.tie is None


@dataclass(frozen=True, kw_only=True)
class Distances:
    """The distances of the options checked: every option up to
    :data:`~appraisal.core.limits.DETAIL_OPTIONS` options, else that many best-ranked
    (``complete`` says which). ``margin`` is the lead "clearly first" asks for."""

    available: bool  # False for methods not linear in the weights
    options: tuple[WeightDistance, ...]
    margin: float = 0.0
    complete: bool = True

    @property
    def never_first(self) -> tuple[str, ...]:
        """Options no weighting makes even jointly first."""
        return tuple(d.option_id for d in self.options if d.tie is None)

    @property
    def never_clearly_first(self) -> tuple[str, ...]:
        """Options no weighting puts clearly first (some may tie for first)."""
        return tuple(d.option_id for d in self.options if d.strict is None)


def node_matrix(tree: CriteriaTree) -> FloatArray:
    """A (nodes, leaves) 0/1 matrix: row k sums the leaf weights under node k."""
    a = np.zeros((len(tree.ids), int((tree.leaf_column >= 0).sum())))
    for k, col in enumerate(tree.leaf_column):
        if col < 0:
            continue
        node = k
        while node >= 0:
            a[node, col] = 1.0
            node = int(tree.parent[node])
    return a


def total_moved(values: FloatArray, i: int, w0: FloatArray, margin: float = 0.0) -> float | None:
    """The least total moved (half the L1 distance) from leaf weights ``w0`` making
    option ``i`` first by ``margin``; None when no weighting does (the first of the two
    programmes of :func:`_solve`, for callers that compare many options)."""
    found = _l1(values, i, w0, margin)
    return None if found is None else found[0]


def _l1(values: FloatArray, i: int, w0: FloatArray,
        margin: float) -> tuple[float, FloatArray] | None:
    from scipy.optimize import linprog  # lazy: scipy.optimize costs ~0.5 s to import

    n, m = values.shape
    lead = np.delete(values, i, axis=0) - values[i]  # (V_k - V_i) . w <= -margin
    eye = np.eye(m)
    res = linprog(np.concatenate([np.zeros(m), np.ones(m)]),
                  A_ub=np.vstack([np.block([[eye, -eye], [-eye, -eye]]),
                                  np.hstack([lead, np.zeros((n - 1, m))])]),
                  b_ub=np.concatenate([w0, -w0, np.full(n - 1, -margin)]),
                  A_eq=np.concatenate([np.ones(m), np.zeros(m)])[None, :], b_eq=[1.0],
                  bounds=[(0.0, 1.0)] * m + [(0.0, None)] * m, method="highs")
    if res.status == 2:
        return None
    w = np.clip(res.x[:m], 0.0, None)
    total = float(np.abs(w - w0).sum()) / 2
    return (0.0 if total < 1e-10 else total), w


def _solve(values: FloatArray, i: int, w0: FloatArray, margin: float,
           nodes: FloatArray) -> tuple[float, float, FloatArray] | None:
    """(total moved, largest change, nearest weights) making option i first by
    ``margin``, or None when infeasible."""
    from scipy.optimize import linprog  # lazy: scipy.optimize costs ~0.5 s to import

    n, m = values.shape
    lead = np.delete(values, i, axis=0) - values[i]  # (V_k - V_i) . w <= -margin
    first = _l1(values, i, w0, margin)
    if first is None:
        return None
    total, w = first
    # largest change: variables (w, z), minimise z with z >= |A (w - w0)|
    k = nodes.shape[0]
    res2 = linprog(np.concatenate([np.zeros(m), [1.0]]),
                   A_ub=np.vstack([np.hstack([nodes, -np.ones((k, 1))]),
                                   np.hstack([-nodes, -np.ones((k, 1))]),
                                   np.hstack([lead, np.zeros((n - 1, 1))])]),
                   b_ub=np.concatenate([nodes @ w0, -(nodes @ w0), np.full(n - 1, -margin)]),
                   A_eq=np.concatenate([np.ones(m), [0.0]])[None, :], b_eq=[1.0],
                   bounds=[(0.0, 1.0)] * m + [(0.0, None)], method="highs")
    largest = float(res2.x[m]) if res2.status == 0 else float("nan")
    return total, (0.0 if largest < 1e-10 else largest), w


def solve_move(values: FloatArray, i: int, w0: FloatArray, margin: float,
               nodes: FloatArray, criterion_ids: tuple[str, ...]) -> Move | None:
    """The least change from leaf weights ``w0`` making option ``i`` first by ``margin``
    (0: jointly first), for a method with totals ``values @ w``; ``nodes`` from
    :func:`node_matrix`. None when no weighting does."""
    found = _solve(values, i, w0, margin, nodes)
    if found is None:
        return None
    return Move(total=found[0], largest=found[1],
                weights={c: float(x) for c, x in zip(criterion_ids, found[2], strict=True)})


def weight_distances(problem: Problem, method: Method, margin: float = 0.0) -> Distances:
    """The least change of the weights making each option jointly and clearly first
    (see the module docstring); ``margin`` is the lead "clearly" asks for."""
    if not method.linear_in_weights:
        return Distances(available=False, options=(), margin=margin)
    n, m = problem.shape
    values = np.asarray(method.score(problem, np.eye(m))).T  # (n, m): totals are values @ w
    w0 = np.asarray(problem.weights, dtype=float)
    nodes = node_matrix(problem.tree)
    checked = np.arange(n) if n <= DETAIL_OPTIONS else np.sort(
        np.argsort(-(values @ w0), kind="stable")[:DETAIL_OPTIONS])
    strict_margin = max(margin, 1e-9)
    out = []
    for i in checked:
        moves = []
        for need in (0.0, strict_margin):
            found = _solve(values, int(i), w0, need, nodes)
            moves.append(None if found is None else Move(
                total=found[0], largest=found[1],
                weights={c: float(x) for c, x in zip(problem.criterion_ids, found[2],
                                                     strict=True)}))
        out.append(WeightDistance(option_id=problem.option_ids[i], tie=moves[0],
                                  strict=moves[1]))
    return Distances(available=True, options=tuple(out), margin=margin,
                     complete=len(checked) == n)
