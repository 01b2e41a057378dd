"""Pareto dominance.

Option a dominates b when a is at least as good on every leaf criterion and strictly
better on one, compared on the value scale (cost criteria inverted, so "better" is a
higher value; Belton & Stewart (2002) s. 3.2). Dominance is transitive, so its Hasse
diagram is the transitive reduction: keep a -> b unless some c has a -> c -> b
(Aho, Garey & Ullman (1972) "The transitive reduction of a directed graph", SIAM J.
Comput. 1(2)). A dominated option is never clearly first under any weights: at best it
ties its dominator, where the criteria it is worse on carry no weight. Which options
are too close to tell apart is :mod:`.closeness`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..core.problem import BoolArray, FloatArray, Problem

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True, kw_only=True)
class Dominance:
    """Pareto dominance: every (dominator, dominated) pair, the transitive reduction
    (the edges to draw), and the dominated options with their dominators (best-ranked
    first)."""

    option_ids: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    reduced_edges: tuple[tuple[str, str], ...]
    dominated: dict[str, tuple[str, ...]]

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


def dominance(problem: Problem, totals: FloatArray) -> Dominance:
    """Dominance relations among the options of ``problem`` (``totals`` order the list
    of dominated options, best first)."""
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
    return Dominance(option_ids=ids, edges=edges, reduced_edges=red, dominated=dominated)
