"""The single bridge from the validated model to arrays.

:func:`compile_problem` turns an :class:`~appraisal.models.Appraisal`, one criteria
set, an optional scenario and optional weight overrides into a :class:`Problem`:
options x leaf criteria matrices, normalised leaf weights, scale bounds, directions,
gates and the value tree. Analysis code sees only :class:`Problem`, never YAML or
pydantic objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from .errors import UsageError
from .models import Appraisal, Criterion, Scenario

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class CriteriaTree:
    """The value tree in depth-first order (parents before children).

    ``parent[k]`` is the index of node k's parent, -1 at the top. ``raw_weight`` is the
    weight as written (after scenario and overrides); ``leaf_column[k]`` is the column of
    the leaf in the problem matrix, -1 for a parent.
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    parent: IntArray
    raw_weight: FloatArray
    leaf_column: IntArray
    weight_rationale: tuple[str, ...] = ()

    @property
    def depth(self) -> IntArray:
        d = np.zeros(len(self.ids), dtype=np.intp)
        for k, p in enumerate(self.parent):
            d[k] = 0 if p < 0 else d[p] + 1
        return d

    def local_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Each node's weight as a share of its siblings' total (sums to 1 per group)."""
        w = self.raw_weight if raw is None else raw
        totals = np.zeros(len(self.ids) + 1)
        np.add.at(totals, self.parent + 1, w)  # slot 0 collects the top level
        return w / totals[self.parent + 1]

    def leaf_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Normalised leaf weights: local shares multiplied down the tree; sums to 1."""
        return self.leaf_weights_from_local(self.local_weights(raw))

    def leaf_weights_from_local(self, local: FloatArray) -> FloatArray:
        """Leaf weights from each node's local share of its sibling group."""
        glob = np.array(local, dtype=float)
        for k, p in enumerate(self.parent):  # depth-first order: parents come first
            if p >= 0:
                glob[k] *= glob[p]
        leaves = self.leaf_column >= 0
        out = np.empty(int(leaves.sum()))
        out[self.leaf_column[leaves]] = glob[leaves]
        return out

    def global_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Every node's share of the total weight (a parent's equals its leaves' sum)."""
        glob = self.local_weights(raw).copy()
        for k, p in enumerate(self.parent):
            if p >= 0:
                glob[k] *= glob[p]
        return glob

    def index(self, node_id: str) -> int:
        try:
            return self.ids.index(node_id)
        except ValueError:
            raise UsageError(f"unknown criterion '{node_id}'; expected one of: "
                             + ", ".join(self.ids)) from None


@dataclass(frozen=True)
class Problem:
    """An appraisal as arrays: ``n`` options (rows) by ``m`` leaf criteria (columns).

    ``scores``, ``low`` and ``high`` are the raw scores and their uncertainty range;
    ``lower``/``upper`` the scale bounds per criterion; ``benefit`` is False for cost
    criteria; ``gate`` is the worst acceptable score (NaN where none); ``weights`` are
    the normalised leaf weights (sum to 1).
    """

    option_ids: tuple[str, ...]
    option_names: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    criterion_names: tuple[str, ...]
    scores: FloatArray
    low: FloatArray
    high: FloatArray
    lower: FloatArray
    upper: FloatArray
    benefit: BoolArray
    gate: FloatArray
    weights: FloatArray
    tree: CriteriaTree
    option_numbers: tuple[int | None, ...] = ()
    criteria_set: str = ""
    scenario: str | None = None
    overrides: tuple[tuple[str, float], ...] = field(default=())

    @property
    def shape(self) -> tuple[int, int]:
        n, m = self.scores.shape
        return n, m

    def subset(self, rows: BoolArray | IntArray) -> Problem:
        """The same problem restricted to some options (e.g. those passing the gates)."""
        idx = np.flatnonzero(rows) if np.asarray(rows).dtype == bool else np.asarray(rows)
        pick = [int(i) for i in idx]
        return replace(
            self,
            option_ids=tuple(self.option_ids[i] for i in pick),
            option_names=tuple(self.option_names[i] for i in pick),
            option_numbers=tuple(self.option_numbers[i] for i in pick)
            if self.option_numbers else (),
            scores=self.scores[idx], low=self.low[idx], high=self.high[idx])

    def with_weights(self, weights: FloatArray) -> Problem:
        return replace(self, weights=np.asarray(weights, dtype=float))


def _tree(roots: tuple[Criterion, ...], weights: Mapping[str, float]) -> CriteriaTree:
    ids: list[str] = []
    names: list[str] = []
    parents: list[int] = []
    raw: list[float] = []
    columns: list[int] = []
    rationale: list[str] = []
    stack: list[tuple[Criterion, int]] = [(c, -1) for c in reversed(roots)]
    n_leaves = 0
    while stack:
        node, parent = stack.pop()
        k = len(ids)
        ids.append(node.id)
        names.append(node.name)
        parents.append(parent)
        raw.append(float(weights.get(node.id, node.weight)))
        rationale.append(node.weight_rationale)
        if node.is_leaf:
            columns.append(n_leaves)
            n_leaves += 1
        else:
            columns.append(-1)
            stack.extend((c, k) for c in reversed(node.criteria))
    return CriteriaTree(tuple(ids), tuple(names), np.array(parents, dtype=np.intp),
                        np.array(raw), np.array(columns, dtype=np.intp), tuple(rationale))


def compile_problem(appraisal: Appraisal, criteria: str | None = None,
                    scenario: str | Scenario | None = None,
                    weights: Mapping[str, float] | None = None) -> Problem:
    """Compile one criteria set (default: the appraisal's) into a :class:`Problem`.

    Weights come from the criteria, then the ``scenario``'s partial map, then
    ``weights`` (criterion id -> raw weight, at any level of the tree); they are then
    normalised among siblings and multiplied down the tree. ``scenario`` is the id of one
    of the appraisal's scenarios or a :class:`~appraisal.models.Scenario` read from
    elsewhere (e.g. a file downloaded from the HTML paper's what-if panel).
    """
    sc = appraisal.scenario(scenario) if isinstance(scenario, str) else scenario
    # Without --criteria, a scenario brings its own criteria set.
    cs = appraisal.criteria_set(criteria or (sc.criteria_set if sc else None))
    overrides: dict[str, float] = {}
    if sc is not None:
        target = sc.criteria_set or appraisal.criteria_set().id
        if target != cs.id:
            raise UsageError(f"scenario '{sc.id}' weights the criteria set '{target}', "
                             f"not '{cs.id}'; choose it with --criteria {target}")
        overrides.update(sc.weights)
        tree0 = _tree(cs.criteria, {})
        for cid in sc.weights:
            tree0.index(cid)
    user = dict(weights or {})
    tree = _tree(cs.criteria, {**overrides, **user})
    for cid, w in user.items():
        tree.index(cid)
        if not (w >= 0 and np.isfinite(w)):
            raise UsageError(f"weight for '{cid}' must be a non-negative number; found {w}")
    totals = np.zeros(len(tree.ids) + 1)
    np.add.at(totals, tree.parent + 1, tree.raw_weight)
    has_children = np.zeros(len(tree.ids) + 1, dtype=bool)
    has_children[tree.parent + 1] = True
    if np.any(has_children & (totals == 0)):
        raise UsageError("these weights make every criterion in a group zero; "
                         "at least one must be above 0")

    leaf_nodes = [c for c in _leaf_order(cs.criteria)]
    scale0 = appraisal.scale
    lower = np.array([(c.scale or scale0).min for c in leaf_nodes])
    upper = np.array([(c.scale or scale0).max for c in leaf_nodes])
    n, m = len(appraisal.options), len(leaf_nodes)
    scores = np.empty((n, m))
    low = np.empty((n, m))
    high = np.empty((n, m))
    for i, opt in enumerate(appraisal.options):
        for j, crit in enumerate(leaf_nodes):
            s = opt.scores[crit.id]
            scores[i, j], low[i, j], high[i, j] = s.value, s.lower, s.upper
    return Problem(
        option_ids=tuple(o.id for o in appraisal.options),
        option_names=tuple(o.name for o in appraisal.options),
        option_numbers=tuple(o.number for o in appraisal.options),
        criterion_ids=tuple(c.id for c in leaf_nodes),
        criterion_names=tuple(c.name for c in leaf_nodes),
        scores=scores, low=low, high=high, lower=lower, upper=upper,
        benefit=np.array([c.direction == "benefit" for c in leaf_nodes], dtype=bool),
        gate=np.array([np.nan if c.gate is None else c.gate for c in leaf_nodes]),
        weights=tree.leaf_weights(), tree=tree, criteria_set=cs.id,
        scenario=sc.id if sc else None,
        overrides=tuple(sorted(user.items())))


def _leaf_order(roots: tuple[Criterion, ...]) -> list[Criterion]:
    from .models import leaves

    return leaves(roots)
