"""Weights from judgements: the board's weighting blocks and each member's, as raw weights
on the criteria tree, with how each group's weights were obtained.

A derived group's raw weights are its points (swing or direct, the middle of a range)
or its weights in per cent (ranking, pairwise); raw weights are shared out among
siblings, so only their ratios matter. A member's groups left out keep the board's
weights. The group of members (:func:`group_raw`) takes, group by group, the mean of the
members' shares (:func:`appraisal.core.elicitation.mean_weights`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..core.elicitation import (
    Pairwise,
    mean_weights,
    pairwise,
    points_weights,
    ranking_weights,
)
from ..core.problem import FloatArray
from .elicit import DEFAULT_SWING_QUESTION, GroupWeighting, Member
from .models import Appraisal, CriteriaSet, Criterion, iter_criteria


@dataclass(frozen=True, kw_only=True)
class Derived:
    """One sibling group's weights as obtained: ``group`` is the parent id (None: the
    top level), ``criterion_ids`` its criteria in tree order and ``weights`` their
    shares (sum 1). ``points`` (swing/points: the middle of each range), ``low`` and
    ``high`` (the ranges, equal to ``points`` where none), ``ranking`` (tiers of ids) and
    ``pairwise`` carry the inputs and checks; ``ordinal`` keeps a ranking for the Monte
    Carlo; ``question`` is the swing question as put."""

    group: str | None
    group_name: str
    method: str
    criterion_ids: tuple[str, ...]
    criterion_names: tuple[str, ...]
    weights: FloatArray
    points: FloatArray | None = None
    low: FloatArray | None = None
    high: FloatArray | None = None
    ranking: tuple[tuple[str, ...], ...] = ()
    conversion: str = ""
    pairwise: Pairwise | None = None
    question: str = ""
    rationale: str = ""
    not_judged: tuple[tuple[str, str], ...] = ()  # pairwise: pairs (i < j) left out

    @property
    def ordinal(self) -> bool:
        return self.method == "ranking" and self.conversion == "ordinal"

    @property
    def ranged(self) -> bool:
        return self.low is not None and bool(np.any(self.low != self.high))

    def raw(self) -> dict[str, float]:
        """Raw weights for the tree: the points, or the shares in per cent."""
        values = self.points if self.points is not None else self.weights * 100
        return dict(zip(self.criterion_ids, (float(v) for v in values), strict=True))

    def ranges(self) -> dict[str, tuple[float, float]]:
        """Stated raw ranges (point ranges) by criterion id."""
        if not self.ranged or self.low is None or self.high is None:
            return {}
        return {c: (float(lo), float(hi)) for c, lo, hi in
                zip(self.criterion_ids, self.low, self.high, strict=True)}


def _children(cs: CriteriaSet, group: str | None) -> tuple[Criterion, ...]:
    if group is None:
        return cs.criteria
    return next(c.criteria for c in iter_criteria(cs.criteria) if c.id == group)


def derive(block: GroupWeighting, cs: CriteriaSet) -> Derived:
    """The weights of one validated block (see :mod:`.elicit_checks` for its rules)."""
    nodes = _children(cs, block.group)
    ids = tuple(c.id for c in nodes)
    names = tuple(c.name for c in nodes)
    parent = next((c.name for c in iter_criteria(cs.criteria) if c.id == block.group),
                  "Top level")
    base = Derived(group=block.group, group_name=parent, method=block.method,
                   criterion_ids=ids, criterion_names=names, weights=np.zeros(len(ids)),
                   rationale=block.rationale)
    if block.method in ("swing", "points"):
        lo = np.array([_ends(block.points[c])[0] for c in ids])
        hi = np.array([_ends(block.points[c])[1] for c in ids])
        mid = (lo + hi) / 2
        return replace(base, weights=points_weights(mid), points=mid, low=lo, high=hi,
                       question=(block.question or DEFAULT_SWING_QUESTION)
                       if block.method == "swing" else block.question)
    if block.method == "ranking":
        index = {c: k for k, c in enumerate(ids)}
        tiers = [[index[c] for c in tier] for tier in block.tiers]
        rule = "rank-order-centroid" if block.conversion == "ordinal" else block.conversion
        return replace(base, weights=ranking_weights(tiers, len(ids), rule),
                       ranking=block.tiers, conversion=block.conversion)
    matrix = matrix_of(block, ids)
    pw = pairwise(matrix)
    left_out = tuple((ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))
                     if np.isnan(matrix[i, j]))
    return replace(base, weights=pw.weights, pairwise=pw, not_judged=left_out)


def _ends(p: float | tuple[float, float]) -> tuple[float, float]:
    return (p, p) if isinstance(p, (int, float)) else (p[0], p[1])


def matrix_of(block: GroupWeighting, ids: Sequence[str]) -> FloatArray:
    """A pairwise block's judgements as a matrix over ``ids`` (NaN: not judged)."""
    n = len(ids)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    index = {c: k for k, c in enumerate(ids)}
    if block.matrix:
        for i, entries in enumerate(block.matrix):
            for j, entry in enumerate(entries):
                if entry is not None:
                    a[index[block.order[i]], index[block.order[j]]] = entry
        return a
    for x, judged in block.judgements.items():
        for y, v in judged.items():
            a[index[x], index[y]], a[index[y], index[x]] = v, 1.0 / v
    return a


def board_derived(cs: CriteriaSet) -> tuple[Derived, ...]:
    """The board's derived groups of a criteria set."""
    return tuple(derive(b, cs) for b in cs.weighting)


def member_set(appraisal: Appraisal, member: Member) -> CriteriaSet:
    return appraisal.criteria_set(member.criteria_set)


def member_derived(appraisal: Appraisal, member: Member) -> tuple[Derived, ...]:
    """A member's derived groups."""
    cs = member_set(appraisal, member)
    return tuple(derive(b, cs) for b in member.weighting)


def board_raw(cs: CriteriaSet) -> dict[str, float]:
    """Every criterion's raw weight as the board gave or derived it."""
    raw = {c.id: c.weight for c in iter_criteria(cs.criteria)}
    for d in board_derived(cs):
        raw.update(d.raw())
    return raw


def member_raw(appraisal: Appraisal, member: Member) -> dict[str, float]:
    """Every criterion's raw weight in a member's view (the board's where the member
    judged no group)."""
    raw = board_raw(member_set(appraisal, member))
    for d in member_derived(appraisal, member):
        raw.update(d.raw())
    return raw


def group_mean_kind(appraisal: Appraisal, members: Sequence[Member], cs: CriteriaSet,
                    group: str | None) -> str:
    """The mean used for one group: the appraisal's ``group_mean``, or for ``auto`` the
    geometric mean where every member judged the group in pairs, else arithmetic."""
    if appraisal.group_mean != "auto":
        return appraisal.group_mean
    pairs = [any(b.group == group and b.method == "pairwise" for b in m.weighting)
             for m in members]
    return "geometric" if pairs and all(pairs) else "arithmetic"


def group_raw(appraisal: Appraisal, members: Sequence[Member],
              cs: CriteriaSet) -> tuple[dict[str, float], dict[str | None, str]]:
    """The group's raw weights (each group's mean share of the members, in per cent) and
    the mean used per group."""
    members = [m for m in members if member_set(appraisal, m).id == cs.id]
    views = [member_raw(appraisal, m) for m in members]
    groups: dict[str | None, tuple[Criterion, ...]] = {None: cs.criteria}
    groups.update({c.id: c.criteria for c in iter_criteria(cs.criteria) if not c.is_leaf})
    raw: dict[str, float] = {}
    used: dict[str | None, str] = {}
    for group, children in groups.items():
        ids = [c.id for c in children]
        shares = np.array([[v[c] for c in ids] for v in views], dtype=float)
        totals = shares.sum(axis=1, keepdims=True)
        shares = np.divide(shares, totals, out=np.full_like(shares, 1 / len(ids)),
                           where=totals > 0)
        used[group] = group_mean_kind(appraisal, members, cs, group)
        raw.update(zip(ids, (float(x) * 100 for x in mean_weights(shares, used[group])),
                       strict=True))
    return raw, used
