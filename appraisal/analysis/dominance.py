"""Pareto dominance and near-ties (issue 3, item 7).

Option a dominates b when a is at least as good on every leaf criterion and strictly
better on one, compared on the value scale (cost criteria inverted, so "better" is a
higher value; Belton & Stewart (2002) s. 3.2). Dominance is transitive, so its Hasse
diagram is the transitive reduction: keep a -> b unless some c has a -> c -> b
(Aho, Garey & Ullman (1972) "The transitive reduction of a directed graph", SIAM J.
Comput. 1(2)). A dominated option can never be strictly first under any weights.

Near-ties (among the :data:`~appraisal.core.limits.DETAIL_OPTIONS` best-ranked options
when there are more): two options are "indistinguishable" when their totals differ by less than
``tolerance`` (on the 0..1 total scale), or, given a Monte Carlo pairwise matrix
P[i, j] = P(i strictly above j), when the base order of the pair is reversed in more
than ``flip_share`` of the samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.limits import DETAIL_OPTIONS
from ..core.problem import BoolArray, FloatArray, Problem

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_TOLERANCE = 0.005
"""Totals closer than this (half a point on the 0-100 scale) are near-ties."""
DEFAULT_FLIP_SHARE = 0.2
"""Pairs whose order flips in more than this share of samples are near-ties."""


@dataclass(frozen=True)
class NearTie:
    """Two options reported as indistinguishable, with the reason(s)."""

    better: str  # first in the base ranking
    worse: str
    difference: float  # base total difference (>= 0)
    flip_share: float | None  # share of samples in which ``worse`` is strictly above
    reason: str  # "tolerance", "samples" or "tolerance and samples"


@dataclass(frozen=True)
class Dominance:
    """Pareto dominance: every (dominator, dominated) pair, the transitive reduction
    (the edges to draw), the dominated options with their dominators, and near-ties."""

    option_ids: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    reduced_edges: tuple[tuple[str, str], ...]
    dominated: dict[str, tuple[str, ...]]
    near_ties: tuple[NearTie, ...]
    tolerance: float
    flip_share: float

    def graph(self) -> nx.DiGraph:
        """The reduced dominance graph as a networkx DiGraph (edges dominator -> dominated)."""
        import networkx as nx  # lazy: networkx costs ~0.2 s to import

        g = nx.DiGraph()
        g.add_nodes_from(self.option_ids)
        g.add_edges_from(self.reduced_edges)
        return g


def dominance_matrix(values: FloatArray) -> BoolArray:
    """D[a, b] True when row a of ``values`` (n, m; higher is better) dominates row b."""
    ge = (values[:, None, :] >= values[None, :, :]).all(axis=2)
    gt = (values[:, None, :] > values[None, :, :]).any(axis=2)
    return np.asarray(ge & gt, dtype=bool)


def dominance(problem: Problem, totals: FloatArray, tolerance: float = DEFAULT_TOLERANCE,
              pairwise: FloatArray | None = None,
              flip_share: float = DEFAULT_FLIP_SHARE) -> Dominance:
    """Dominance relations among the options of ``problem`` and the near-ties of
    ``totals`` (and of ``pairwise`` when given)."""
    width = problem.upper - problem.lower
    values = np.where(problem.benefit, problem.scores - problem.lower,
                      problem.upper - problem.scores) / width
    dom = dominance_matrix(values)
    as_float = dom.astype(np.float32)
    via = (as_float @ as_float) > 0  # a -> c -> b for some c (BLAS, exact for 0/1 counts)
    reduced = dom & ~via
    ids = problem.option_ids
    order = np.lexsort((np.arange(len(ids)), -np.asarray(totals)))
    edges = tuple((ids[a], ids[b]) for a, b in zip(*np.nonzero(dom), strict=True))
    red = tuple((ids[a], ids[b]) for a, b in zip(*np.nonzero(reduced), strict=True))
    dominated = {ids[b]: tuple(ids[a] for a in np.flatnonzero(dom[:, b]))
                 for b in order if dom[:, b].any()}
    ties = []
    near = order[:DETAIL_OPTIONS]  # near-ties among the best, beyond that many options
    for p, a in enumerate(near):
        for b in near[p + 1:]:
            diff = float(totals[a] - totals[b])
            flip = None if pairwise is None else float(pairwise[b, a])
            close = diff < tolerance
            flips = flip is not None and flip > flip_share
            if close or flips:
                reason = ("tolerance and samples" if close and flips
                          else "tolerance" if close else "samples")
                ties.append(NearTie(better=ids[a], worse=ids[b], difference=diff,
                                    flip_share=flip, reason=reason))
    return Dominance(option_ids=ids, edges=edges, reduced_edges=red, dominated=dominated,
                     near_ties=tuple(ties), tolerance=tolerance, flip_share=flip_share)
