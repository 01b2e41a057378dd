"""An appraisal as arrays: the options x leaf criteria matrices and the value tree.

:class:`Problem` is what every method and analysis works on; it is built from the YAML
model by :func:`appraisal.input.compile.compile_problem` (the single bridge) or directly
from arrays, e.g. in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray

from ..errors import UsageError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, kw_only=True)
class CriteriaTree:
    """The value tree in depth-first order (parents before children).

    ``parent[k]`` is the index of node k's parent, -1 at the top. ``raw_weight`` is the
    weight as written (after scenario and overrides); ``leaf_column[k]`` is the column of
    the leaf in the problem matrix, -1 for a parent. ``weight_ranges`` holds, per node,
    the range of raw weights the board stated for it (None where it stated none).
    """

    ids: tuple[str, ...]
    names: tuple[str, ...]
    parent: IntArray
    raw_weight: FloatArray
    leaf_column: IntArray
    weight_rationale: tuple[str, ...] = ()
    weight_ranges: tuple[tuple[float, float] | None, ...] = ()  # stated (low, high) raw

    def __post_init__(self) -> None:
        if not self.weight_ranges:
            object.__setattr__(self, "weight_ranges", (None,) * len(self.ids))

    @property
    def depth(self) -> IntArray:
        """Each node's depth (0 at the top)."""
        d = np.zeros(len(self.ids), dtype=np.intp)
        for k, p in enumerate(self.parent):
            d[k] = 0 if p < 0 else d[p] + 1
        return d

    def local_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Each node's weight as a share of its siblings' total (sums to 1 per group)."""
        w = self.raw_weight if raw is None else raw
        totals = np.zeros(len(self.ids) + 1)
        np.add.at(totals, self.parent + 1, w)  # slot 0 collects the top level
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(w / totals[self.parent + 1], dtype=float)

    def global_from_local(self, local: FloatArray) -> FloatArray:
        """Every node's share of the total weight from the local shares (a parent's
        equals the sum of its leaves')."""
        glob = np.array(local, dtype=float)
        for k, p in enumerate(self.parent):  # depth-first order: parents come first
            if p >= 0:
                glob[k] *= glob[p]
        return glob

    def global_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Every node's share of the total weight under raw weights ``raw``."""
        return self.global_from_local(self.local_weights(raw))

    def leaf_weights_from_local(self, local: FloatArray) -> FloatArray:
        """Leaf weights from each node's local share of its sibling group."""
        glob = self.global_from_local(local)
        leaves = self.leaf_column >= 0
        out = np.empty(int(leaves.sum()))
        out[self.leaf_column[leaves]] = glob[leaves]
        return out

    def leaf_weights(self, raw: FloatArray | None = None) -> FloatArray:
        """Normalised leaf weights: local shares multiplied down the tree; sums to 1."""
        return self.leaf_weights_from_local(self.local_weights(raw))

    def index(self, node_id: str) -> int:
        """The position of ``node_id``; an unknown id is a :class:`UsageError`."""
        try:
            return self.ids.index(node_id)
        except ValueError:
            raise UsageError(f"unknown criterion '{node_id}'; expected one of: "
                             + ", ".join(self.ids)) from None


@dataclass(frozen=True, kw_only=True)
class Weighting:
    """One named set of raw weights on a criteria tree (the base weights, a scenario,
    or the weights an analysis was asked for): ``raw`` per tree node, ``leaf`` the
    normalised leaf weights they give."""

    id: str
    name: str
    raw: FloatArray
    leaf: FloatArray
    description: str = ""


WEIGHT_SUM_TOLERANCE = 1e-9
"""How far the leaf weights of a :class:`Problem` may sum from 1 (rounding only)."""


@dataclass(frozen=True, kw_only=True)
class Problem:
    """An appraisal as arrays: ``n`` options (rows) by ``m`` leaf criteria (columns).

    ``scores``, ``low`` and ``high`` are the raw scores and their uncertainty range;
    ``lower``/``upper`` the scale bounds per criterion; ``benefit`` is False for cost
    criteria; ``gate`` is the worst acceptable score (NaN where none); ``weights`` are
    the normalised leaf weights (sum to 1).

    Checked when made (:func:`check_problem`): every array has the shape the ids give,
    the scores, ranges, bounds and weights are finite, every scale has ``upper >
    lower``, and the weights are not negative and sum to 1; otherwise a
    :class:`~appraisal.errors.UsageError` lists every problem at once.
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

    def __post_init__(self) -> None:
        wrong = check_problem(self)
        if wrong:
            raise UsageError("the problem's arrays do not fit together: " + "; ".join(wrong))

    @property
    def shape(self) -> tuple[int, int]:
        """(options, leaf criteria)."""
        n, m = self.scores.shape
        return n, m

    def labels(self) -> tuple[str, ...]:
        """Option labels as a paper prints them: "9. Wholly owned council company"."""
        numbers = self.option_numbers or (None,) * len(self.option_ids)
        return tuple(name if num is None else f"{num}. {name}"
                     for name, num in zip(self.option_names, numbers, strict=True))

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
        """The same problem under other normalised leaf weights."""
        return replace(self, weights=np.asarray(weights, dtype=float))


def check_problem(p: Problem) -> list[str]:
    """Everything wrong with the arrays of ``p`` (empty when they fit together): shapes
    against the numbers of option and criterion ids, finiteness, scale bounds and the
    weights' sign and sum. Cheap: a few comparisons per array."""
    n, m = len(p.option_ids), len(p.criterion_ids)
    wrong = []
    for name, size in (("option_names", n), ("criterion_names", m)):
        if len(getattr(p, name)) != size:
            wrong.append(f"{name} has {len(getattr(p, name))} entries, not {size}")
    if p.option_numbers and len(p.option_numbers) != n:
        wrong.append(f"option_numbers has {len(p.option_numbers)} entries, not {n}")
    for name, shape in (("scores", (n, m)), ("low", (n, m)), ("high", (n, m)),
                        ("lower", (m,)), ("upper", (m,)), ("benefit", (m,)), ("gate", (m,)),
                        ("weights", (m,))):
        got = np.shape(getattr(p, name))
        if got != shape:
            wrong.append(f"{name} has shape {got}, not {shape}")
    leaves = int(np.count_nonzero(np.asarray(p.tree.leaf_column) >= 0))
    if leaves != m:
        wrong.append(f"the criteria tree has {leaves} leaves, not {m}")
    if wrong:  # the values cannot be checked against shapes that do not fit
        return wrong
    for name in ("scores", "low", "high", "lower", "upper", "weights"):
        if not np.isfinite(getattr(p, name)).all():
            wrong.append(f"{name} holds a value that is not a finite number")
    if not np.all(p.upper > p.lower):
        wrong.append("every criterion's upper bound must be above its lower bound")
    if np.any(p.weights < 0):
        wrong.append("weights must not be negative")
    total = float(np.sum(p.weights))
    if m and abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        wrong.append(f"weights must sum to 1; they sum to {total:.12g}")
    return wrong
