"""Whose weights a run analyses and how they came about: the board's derived groups,
the members counted, the group's mean weights (:class:`~.result.WeightOrigin`), and
the members' weights as arrays on a criteria tree."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.problem import CriteriaTree, FloatArray
from ..errors import UsageError
from ..input.derive import board_derived, group_raw, member_derived, member_raw
from ..input.models import Appraisal, CriteriaSet
from .request import Request
from .result import MemberOrigin, WeightOrigin


def weight_origin(appraisal: Appraisal, cs: CriteriaSet,
                  request: Request) -> tuple[WeightOrigin, dict[str, float] | None]:
    """How the weights came about, and the raw weights replacing the board's (None:
    the board's own)."""
    chosen = [appraisal.member(m) for m in request.members] if request.members else [
        m for m in appraisal.members if appraisal.criteria_set(m.criteria_set).id == cs.id]
    for m in chosen:
        if appraisal.criteria_set(m.criteria_set).id != cs.id:
            raise UsageError(f"member '{m.id}' weighs the criteria set "
                             f"'{appraisal.criteria_set(m.criteria_set).id}', not '{cs.id}'")
    group, means = group_raw(appraisal, chosen, cs) if chosen else ({}, {})
    own: dict[str, float] | None = None
    member = None
    if request.weights_from == "group":
        if not chosen:
            raise UsageError("--weights-from group needs members (members/*.yaml or "
                             "members: in a single file); this appraisal has none")
        own = group
    elif request.weights_from == "member" and request.member is not None:
        member = appraisal.member(request.member)
        if appraisal.criteria_set(member.criteria_set).id != cs.id:
            raise UsageError(f"member '{member.id}' weighs another criteria set")
        own = member_raw(appraisal, member)
    origin = WeightOrigin(
        board=board_derived(cs),
        members=tuple(MemberOrigin(member=m, derived=member_derived(appraisal, m),
                                   raw=member_raw(appraisal, m)) for m in chosen),
        means=means, source=request.weights_from, member=member, group=group)
    return origin, own


def on_tree(tree: CriteriaTree, raw: Mapping[str, float]) -> FloatArray:
    """Raw weights by criterion id as an array in the tree's node order."""
    return np.array([raw[c] for c in tree.ids], dtype=float)


def member_leaf_weights(origin: WeightOrigin, tree: CriteriaTree) -> FloatArray:
    """The chosen members' leaf weights on the analysed tree (rows in their order)."""
    return np.array([tree.leaf_weights(on_tree(tree, m.raw)) for m in origin.members])
