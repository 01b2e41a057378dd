"""One-way weight sweeps (issue 3, item 1).

A sweep moves one node of the criteria tree (a leaf or a parent) through every LOCAL
share of its sibling group, t = 0..1, while its siblings keep their proportions to
each other: sibling s gets (1 - t) * l_s / (1 - l_k), where l are the base local
shares (if the siblings' base shares are all 0 they share 1 - t equally). Leaf weights
are products of local shares down the tree, so the leaf weight vector is affine in t:
w(t) = w(0) + t * (w(1) - w(0)). The node's share of the total weight is
``parent_weight * t``. This is the classic one-way sensitivity of DCLG (2009)
*Multi-criteria analysis: a manual*, s. 6.2.12, and Belton & Stewart (2002) s. 6.3.

For a method that is linear in the weights, every total is then affine in t,
T_i(t) = A_i + t D_i, and two options cross exactly at t = (A_j - A_i) / (D_i - D_j):
the change points are computed in closed form. For any other method they are found
numerically: a fine grid brackets each sign change of T_i - T_j, then vectorised
bisection narrows it to ~1e-12 (two crossings inside one grid cell can be missed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ..core.limits import DETAIL_OPTIONS, TOP_PLACES
from ..core.ordering import best_first, competition_ranks
from ..core.problem import CriteriaTree, FloatArray, Problem
from ..methods import Method
from .kernels import affine_totals

GRID = 1025
"""Grid points on 0..1 for the numeric (non-linear) mode."""
END = 1e-9
"""A crossing closer than this to 0 or 1 (no weight, or all of its group's weight) is a
tie at the end of the range, never a change of the ranking inside it."""
BISECT_STEPS = 60


@dataclass(frozen=True, kw_only=True)
class WeightPath:
    """The leaf weights along a one-way sweep of one node: ``start + t * (end - start)``."""

    node_id: str
    node_name: str
    base_share: float  # the node's local share at the base weights
    parent_weight: float  # the parent's share of the total weight (1 at the top level)
    start: FloatArray  # leaf weights at t = 0
    end: FloatArray  # leaf weights at t = 1

    def weights(self, t: FloatArray | float) -> FloatArray:
        """Leaf weights at local share(s) ``t``: shape (m,) for a scalar, (k, m) for (k,)."""
        step = np.multiply.outer(np.asarray(t, dtype=float), self.end - self.start)
        return np.asarray(self.start + step, dtype=float)

    @property
    def base_weight(self) -> float:
        """The node's share of the total weight at the base."""
        return self.parent_weight * self.base_share


def sweepable_nodes(tree: CriteriaTree) -> tuple[str, ...]:
    """Ids of the nodes that have at least one sibling (an only child cannot move)."""
    counts = np.bincount(tree.parent + 1, minlength=len(tree.ids) + 1)
    return tuple(i for k, i in enumerate(tree.ids) if counts[tree.parent[k] + 1] > 1)


def weight_path(tree: CriteriaTree, node_id: str) -> WeightPath:
    """The affine path of the leaf weights as ``node_id``'s local share goes 0..1."""
    k = tree.index(node_id)
    local = tree.local_weights()
    local = np.where(np.isfinite(local), local, 0.0)
    sib = np.flatnonzero((tree.parent == tree.parent[k]) & (np.arange(len(tree.ids)) != k))
    rest = local[sib].sum()
    share = local[sib] / rest if rest > 0 else np.full(len(sib), 1.0 / max(len(sib), 1))
    ends = []
    for t in (0.0, 1.0):
        loc = local.copy()
        loc[k] = t
        loc[sib] = (1.0 - t) * share
        ends.append(tree.leaf_weights_from_local(loc))
    p = tree.parent[k]
    parent_weight = 1.0 if p < 0 else float(tree.global_weights()[p])
    return WeightPath(node_id=node_id, node_name=tree.names[k], base_share=float(local[k]),
                      parent_weight=parent_weight, start=ends[0], end=ends[1])


def sweep_grid(problem: Problem, method: Method, path: WeightPath,
               t: FloatArray) -> FloatArray:
    """Totals along the sweep at shares ``t`` (k,): shape (k, n), for plotting.

    Linear methods: one score call on the two ends, then ``A + t D``
    (:func:`~.kernels.affine_totals`); other methods: one score call on the (k, m)
    weights of the path (the reference the tests compare the fast path with)."""
    t = np.asarray(t, dtype=float)
    if not method.linear_in_weights:
        return np.asarray(method.score(problem, path.weights(t)))
    return affine_totals(*end_totals(problem, method, path), t)


def end_totals(problem: Problem, method: Method,
               path: WeightPath) -> tuple[FloatArray, FloatArray]:
    """(a, d) with totals ``a + t d`` along the path, for a linear method: one score
    call on the two ends."""
    ends = np.asarray(method.score(problem, np.stack([path.start, path.end])))
    return ends[0], ends[1] - ends[0]


def bisect_roots(f: Callable[[FloatArray], FloatArray], lo: FloatArray, hi: FloatArray,
                 steps: int = BISECT_STEPS) -> FloatArray:
    """Vectorised bisection: for each bracket [lo, hi] with f(lo) >= 0 > f(hi) or
    f(lo) < 0 <= f(hi), the point where f changes sign (f maps (p,) -> (p,))."""
    lo = np.asarray(lo, dtype=float).copy()
    hi = np.asarray(hi, dtype=float).copy()
    if lo.size == 0:
        return lo
    neg_lo = f(lo) < 0
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        same = (f(mid) < 0) == neg_lo
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    return 0.5 * (lo + hi)


@dataclass(frozen=True, kw_only=True)
class ChangePoint:
    """At local share ``share`` (total weight ``weight``) option ``rises`` passes ``falls``
    as the share increases."""

    share: float
    weight: float
    rises: str
    falls: str


@dataclass(frozen=True, kw_only=True)
class SweepSegment:
    """A stretch of the sweep with one ranking: option ids best first and their
    competition ranks (tied options share a rank)."""

    start: float
    end: float
    order: tuple[str, ...]
    ranks: tuple[int, ...]

    @property
    def leaders(self) -> tuple[str, ...]:
        return tuple(o for o, r in zip(self.order, self.ranks, strict=True) if r == 1)


@dataclass(frozen=True, kw_only=True)
class NodeWeight:
    """A criterion node and its weight at the base: its local share of its sibling
    group and its share of the total weight."""

    node_id: str
    node_name: str
    base_share: float
    base_weight: float


@dataclass(frozen=True, kw_only=True)
class Sweep(NodeWeight):
    """A one-way sweep of one criterion node: where the ranking changes (``change_points``,
    in share order) and the ranking on each stretch between them (``segments``, the
    options in the first ``places`` places)."""

    parent_weight: float
    exact: bool
    change_points: tuple[ChangePoint, ...]
    segments: tuple[SweepSegment, ...]
    places: int = 0  # the places followed (every option up to DETAIL_OPTIONS options)

    def leader_at(self, share: float) -> tuple[str, ...]:
        """The leading option(s) of the segment containing ``share``."""
        for seg in self.segments:
            if share <= seg.end:
                return seg.leaders
        return self.segments[-1].leaders


def _crossings_linear(a: FloatArray, d: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    i, j = np.triu_indices(len(a), k=1)
    den = d[i] - d[j]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (a[j] - a[i]) / den
    keep = (den != 0) & (t > END) & (t < 1 - END)  # meeting at an end is a tie
    i, j, t = i[keep], j[keep], t[keep]
    rises = np.where(d[i] > d[j], i, j)
    falls = np.where(d[i] > d[j], j, i)
    return t, rises, falls


def _crossings_numeric(problem: Problem, method: Method,
                       path: WeightPath) -> tuple[FloatArray, FloatArray, FloatArray]:
    score = method.score
    grid = np.linspace(0.0, 1.0, GRID)
    tot = np.asarray(score(problem, path.weights(grid)))
    i, j = np.triu_indices(tot.shape[1], k=1)
    diff = tot[:, i] - tot[:, j]  # (K, pairs)
    above = diff > 1e-12  # a band absorbs rounding noise between equal totals
    k, p = np.nonzero(above[:-1] != above[1:])
    pi, pj = i[p], j[p]

    def f(t: FloatArray) -> FloatArray:
        tt = np.asarray(score(problem, path.weights(t)))
        return tt[np.arange(len(t)), pi] - tt[np.arange(len(t)), pj]

    t = bisect_roots(f, grid[k], grid[k + 1])
    up = above[k + 1, p]  # i above j after the crossing
    inside = (t > END) & (t < 1 - END)  # meeting at an end is a tie, not a change
    t, pi, pj, up = t[inside], pi[inside], pj[inside], up[inside]
    return t, np.where(up, pi, pj), np.where(up, pj, pi)


def sweep(problem: Problem, method: Method, node_id: str) -> Sweep:
    """The one-way sweep of ``node_id`` (exact change points for a linear method).

    Up to :data:`~appraisal.core.limits.DETAIL_OPTIONS` options every change of the
    ranking is recorded. Beyond, the sweep follows the first
    :data:`~appraisal.core.limits.TOP_PLACES` places: the options that can reach them
    (fewer than that many options are strictly above them at both ends of the sweep,
    where totals are affine, or at every grid point) are swept, and only the changes
    among those places are recorded; the ranks shown are exact."""
    n = problem.shape[0]
    if n <= DETAIL_OPTIONS:
        return _sweep(problem, method, node_id, n)
    path = weight_path(problem.tree, node_id)
    grid = np.array([0.0, 1.0]) if method.linear_in_weights else np.linspace(0, 1, GRID)
    tot = np.asarray(method.score(problem, path.weights(grid)))  # (points, n)
    above = np.ones((n, n), dtype=bool)
    for row in tot:  # i strictly above j at every point checked
        above &= row[:, None] > row[None, :] + 1e-12
    reachable = above.sum(axis=0) < TOP_PLACES
    return _sweep(problem.subset(reachable), method, node_id, TOP_PLACES)


def _sweep(problem: Problem, method: Method, node_id: str, places: int) -> Sweep:
    path = weight_path(problem.tree, node_id)
    linear = method.linear_in_weights
    if linear:
        a, d = end_totals(problem, method, path)
        t, rises, falls = _crossings_linear(a, d)
    else:
        t, rises, falls = _crossings_numeric(problem, method, path)
    ids = problem.option_ids
    cuts = np.unique(np.concatenate([[0.0], t, [1.0]]))
    cuts = cuts[np.concatenate([[True], np.diff(cuts) > 1e-12])]
    cuts[-1] = 1.0
    if len(cuts) < 2:
        cuts = np.array([0.0, 1.0])
    mids = 0.5 * (cuts[:-1] + cuts[1:])
    totals = affine_totals(a, d, mids) if linear else np.asarray(
        method.score(problem, path.weights(mids)))
    ranks = competition_ranks(totals)
    segments: list[SweepSegment] = []
    for s in range(len(mids)):
        o = [int(q) for q in best_first(ranks[s]) if ranks[s, q] <= places]
        seg_ids, seg_ranks = tuple(ids[q] for q in o), tuple(int(ranks[s, q]) for q in o)
        if segments and (segments[-1].order, segments[-1].ranks) == (seg_ids, seg_ranks):
            segments[-1] = replace(segments[-1], end=float(cuts[s + 1]))
        else:
            segments.append(SweepSegment(start=float(cuts[s]), end=float(cuts[s + 1]),
                                         order=seg_ids, ranks=seg_ranks))
    after = np.searchsorted(cuts, t, side="right") - 1  # the stretch just after each crossing
    keep = ranks[np.minimum(after, len(mids) - 1), rises] <= places
    order = np.lexsort((rises, falls, t))
    points = tuple(ChangePoint(share=float(t[q]), weight=path.parent_weight * float(t[q]),
                               rises=ids[rises[q]], falls=ids[falls[q]])
                   for q in order if keep[q])
    return Sweep(node_id=node_id, node_name=path.node_name, base_share=path.base_share,
                 base_weight=path.base_weight, parent_weight=path.parent_weight, exact=linear,
                 change_points=points, segments=tuple(segments), places=places)


def all_sweeps(problem: Problem, method: Method) -> tuple[Sweep, ...]:
    """Sweeps of every node that has a sibling, in tree order."""
    return tuple(sweep(problem, method, nid) for nid in sweepable_nodes(problem.tree))
