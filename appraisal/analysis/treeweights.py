"""Weight samplers on the board's criteria tree.

A board weights its criteria as a tree: the shares of the top-level criteria, then the
shares within each group of sub-criteria. Sampling the leaf weights uniformly would
ignore that shape (a group of four leaves would get four times the weight of a single
criterion on average, whatever its stated weight), so both samplers here work group by
group and multiply the shares down the tree, exactly as the weights themselves are
formed (:meth:`~appraisal.core.problem.CriteriaTree.leaf_weights`).

- :class:`TreeWeights` ("any weighting at all"): each sibling group's shares uniform on
  its simplex (or drawn by a model given for that group: a stated ranking, share
  ranges), independently of the other groups. On a flat tree this is the uniform
  distribution on the simplex.
- :class:`BoardWeights` ("around the board's weights"): each raw weight drawn uniformly
  between a low and a high value (by default half and one and a half times the board's
  weight; a criterion's ``weight_range`` states its own), then shared out among its
  siblings as usual. It is the board's stated imprecision about its own weights.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.problem import CriteriaTree, FloatArray
from ..errors import UsageError
from .sampling import UniformSimplex, WeightModel, into

DEFAULT_SPREAD = 0.5
"""Around the board's weights, by default each raw weight may be this fraction lower or
higher than the board's (half as much to half as much again)."""


def _groups(tree: CriteriaTree) -> dict[int, list[int]]:
    """Sibling groups: parent index (-1 for the top) -> the children's node indices."""
    out: dict[int, list[int]] = {}
    for k, p in enumerate(tree.parent):
        out.setdefault(int(p), []).append(k)
    return out


def _leaves(tree: CriteriaTree, glob: FloatArray) -> FloatArray:
    """Leaf weights (k, m) from every node's share of the total (k, nodes)."""
    leaf = tree.leaf_column >= 0
    out = np.empty((glob.shape[0], int(leaf.sum())))
    out[:, tree.leaf_column[leaf]] = glob[:, leaf]
    return out


def _multiply_down(tree: CriteriaTree, local: FloatArray) -> FloatArray:
    for k, p in enumerate(tree.parent):  # depth-first order: parents come first
        if p >= 0:
            local[:, k] *= local[:, p]
    return local


class TreeWeights:
    """Each sibling group's shares uniform on its simplex (or from ``models``: a
    :class:`~appraisal.analysis.sampling.WeightModel` over a group's children, keyed by
    the parent's node index, -1 for the top level), multiplied down the tree."""

    def __init__(self, tree: CriteriaTree,
                 models: Mapping[int, WeightModel] | None = None) -> None:
        self.tree = tree
        self.groups = _groups(tree)
        self.models: dict[int, WeightModel] = {
            p: UniformSimplex(len(children)) for p, children in self.groups.items()}
        for p, model in (models or {}).items():
            if p not in self.groups or model.m != len(self.groups[p]):
                raise UsageError(f"a weight model for {model.m} criteria does not fit the "
                                 "group of the criteria tree it was given for")
            self.models[p] = model
        self._m = int((tree.leaf_column >= 0).sum())

    @property
    def m(self) -> int:
        return self._m

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        local = np.empty((k, len(self.tree.ids)))
        for p in sorted(self.groups):  # a fixed order: the same seed, the same draws
            local[:, self.groups[p]] = self.models[p].sample(rng, k)
        return into(_leaves(self.tree, _multiply_down(self.tree, local)), out)

    def describe(self) -> str:
        custom = [p for p, m in self.models.items() if not isinstance(m, UniformSimplex)]
        if len(self.groups) == 1:
            base = "weights uniform over every weighting of the criteria"
        else:
            base = ("weights uniform within each group of the criteria tree, the shares "
                    "multiplied down the tree")
        return base + (f" ({len(custom)} group{'s' if len(custom) != 1 else ''} "
                       "constrained as stated)" if custom else "")


class BoardWeights:
    """Each raw weight uniform between ``low`` and ``high`` (per tree node), then shared
    out among its siblings and multiplied down the tree."""

    def __init__(self, tree: CriteriaTree, low: FloatArray, high: FloatArray,
                 stated: int = 0, spread: float | None = None) -> None:
        lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        if lo.shape != (len(tree.ids),) or hi.shape != lo.shape or np.any(lo < 0) or np.any(
                hi < lo):
            raise UsageError("ranges of the board's weights need 0 <= low <= high for "
                             "every criterion")
        totals = np.zeros(len(tree.ids) + 1)
        np.add.at(totals, tree.parent + 1, hi)
        has_children = np.zeros(len(tree.ids) + 1, dtype=bool)
        has_children[tree.parent + 1] = True
        if np.any(has_children & (totals == 0)):
            raise UsageError("the ranges of the board's weights leave a group of criteria "
                             "with no weight at all")
        self.tree, self.low, self.high, self.stated = tree, lo, hi, stated
        self.spread = spread
        self._m = int((tree.leaf_column >= 0).sum())

    @classmethod
    def around(cls, tree: CriteriaTree, spread: float = DEFAULT_SPREAD,
               stated: Mapping[int, tuple[float, float]] | None = None) -> BoardWeights:
        """The board's raw weights each within ``spread`` of themselves (default half
        either way), except the nodes with a stated range (node index -> low, high)."""
        base = np.asarray(tree.raw_weight, dtype=float)
        low, high = base * (1 - spread), base * (1 + spread)
        for k, (lo, hi) in (stated or {}).items():
            low[k], high[k] = lo, hi
        return cls(tree, low, high, stated=len(stated or {}), spread=spread)

    @property
    def m(self) -> int:
        return self._m

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        raw = self.low + rng.random((k, len(self.tree.ids))) * (self.high - self.low)
        sums = np.zeros((k, len(self.tree.ids) + 1))
        np.add.at(sums.T, self.tree.parent + 1, raw.T)
        local = raw / sums[:, self.tree.parent + 1]
        return into(_leaves(self.tree, _multiply_down(self.tree, local)), out)

    def describe(self) -> str:
        own = (f"; {self.stated} criteri{'on' if self.stated == 1 else 'a'} within the range "
               "the board stated"
               if self.stated else "")
        if self.spread is None:
            return ("weights around the board's: each raw weight drawn uniformly within the "
                    "range stated for it, then shared out as usual")
        return (f"weights around the board's: each raw weight drawn uniformly within "
                f"{self.spread:.0%} of the board's, then shared out as usual" + own)
