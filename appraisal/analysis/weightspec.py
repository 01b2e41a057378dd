"""The weight models of a request, from criterion ids to the samplers' indices.

- ``any_weights``: over any weighting at all. By default uniform within each group of the
  criteria tree (:class:`~.treeweights.TreeWeights`); ``over="leaves"`` samples the leaf
  weights uniformly on their simplex instead. ``ranges`` bound a criterion's share of its
  group (of the total, over the leaves), ``rankings`` order the criteria of one group
  (each ranking names every criterion of its group once; '=' groups equal ones).
- ``board_weights``: around the board's weights: each raw weight within its stated range
  (``weight_range`` in the criteria) where the weight analysed is the board's own, else
  within half of it either way (:class:`~.treeweights.BoardWeights`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..core.problem import Problem
from ..errors import UsageError
from .sampling import OrdinalWeights, UniformSimplex, WeightModel, WeightRanges
from .treeweights import BoardWeights, TreeWeights


def _group(problem: Problem, ids: Sequence[str], what: str) -> tuple[int, list[int]]:
    """The parent index and children of the sibling group holding ``ids``."""
    tree = problem.tree
    nodes = [tree.index(c) for c in ids]
    parents = {int(tree.parent[k]) for k in nodes}
    if len(parents) != 1:
        raise UsageError(f"{what} must name criteria of one group (siblings in the "
                         f"criteria tree); found {', '.join(ids)}")
    parent = parents.pop()
    return parent, [k for k, p in enumerate(tree.parent) if p == parent]


def any_weights(problem: Problem, over: str = "tree",
                ranges: Mapping[str, tuple[float, float]] | None = None,
                rankings: Sequence[Sequence[Sequence[str]]] = ()) -> WeightModel:
    """The model of "any weighting at all" (see the module docstring)."""
    ranges, m = dict(ranges or {}), problem.shape[1]
    if over not in ("tree", "leaves"):
        raise UsageError(f"weights are sampled over the 'tree' or the 'leaves'; found '{over}'")
    if ranges and rankings:
        raise UsageError("use either weight ranges or rankings of the criteria, not both")
    if over == "leaves":
        cols = {c: j for j, c in enumerate(problem.criterion_ids)}
        for cid in [*ranges, *(c for r in rankings for g in r for c in g)]:
            if cid not in cols:
                raise UsageError(f"'{cid}' is not a leaf criterion; expected one of: "
                                 + ", ".join(problem.criterion_ids))
        if ranges:
            low, high = np.zeros(m), np.ones(m)
            for cid, (lo, hi) in ranges.items():
                low[cols[cid]], high[cols[cid]] = lo, hi
            return WeightRanges(low, high)
        if rankings:
            if len(rankings) > 1:
                raise UsageError("over the leaves, give one ranking of every leaf criterion")
            order = [tuple(cols[c] for c in g) for g in rankings[0]]
            if sorted(j for g in order for j in g) != list(range(m)):
                missing = [c for c in problem.criterion_ids
                           if cols[c] not in {j for g in order for j in g}]
                raise UsageError("a ranking must rank every leaf criterion once; missing: "
                                 + ", ".join(missing))
            return OrdinalWeights(order, m=m)
        return UniformSimplex(m)
    models: dict[int, WeightModel] = {}
    by_group: dict[int, dict[int, tuple[float, float]]] = {}
    for cid, bounds in ranges.items():
        parent, _ = _group(problem, [cid], "a weight range")
        by_group.setdefault(parent, {})[problem.tree.index(cid)] = bounds
    for parent, bounded in by_group.items():
        children = [k for k, p in enumerate(problem.tree.parent) if p == parent]
        models[parent] = WeightRanges([bounded.get(k, (0.0, 1.0))[0] for k in children],
                                      [bounded.get(k, (0.0, 1.0))[1] for k in children])
    for ranking in rankings:
        named = [c for g in ranking for c in g]
        parent, children = _group(problem, named, "a ranking")
        where = {k: i for i, k in enumerate(children)}
        order = [tuple(where[problem.tree.index(c)] for c in g) for g in ranking]
        missing = [problem.tree.ids[k] for k in children
                   if where[k] not in {i for g in order for i in g}]
        if missing or len(named) != len(children):
            raise UsageError("a ranking must name every criterion of its group once; "
                             "missing: " + (", ".join(missing) or "none (one is named twice)"))
        if parent in models:
            raise UsageError("a group of criteria is ranked twice")
        models[parent] = OrdinalWeights(order, m=len(children))
    return TreeWeights(problem.tree, models)


def board_weights(problem: Problem, base_raw: np.ndarray | None = None) -> BoardWeights:
    """The model "around the board's weights" (see the module docstring); ``base_raw``
    are the board's own raw weights (the base, before any scenario), so that a stated
    range applies where the weight analysed is still the board's."""
    tree = problem.tree
    stated: dict[int, tuple[float, float]] = {}
    for k, bounds in enumerate(tree.weight_ranges):
        unchanged = base_raw is None or float(base_raw[k]) == float(tree.raw_weight[k])
        if bounds is not None and unchanged:
            stated[k] = bounds
    return BoardWeights.around(tree, stated=stated)
