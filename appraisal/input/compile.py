"""The single bridge from the validated model to arrays.

:func:`compile_problem` turns an :class:`~appraisal.input.models.Appraisal`, one
criteria set, an optional scenario and optional weight overrides into a
:class:`~appraisal.core.problem.Problem`: options x leaf criteria matrices, normalised
leaf weights, scale bounds, directions, gates and the value tree. Analysis code sees
only arrays, never YAML or pydantic objects.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..core.limits import MAX_NUMBER
from ..core.problem import CriteriaTree, Problem, Weighting
from ..errors import UsageError
from .derive import board_derived, board_raw
from .models import Appraisal, CriteriaSet, Criterion, Scenario, leaves


def _tree(roots: tuple[Criterion, ...], weights: Mapping[str, float],
          stated: Mapping[str, tuple[float, float]] | None = None) -> CriteriaTree:
    ids: list[str] = []
    names: list[str] = []
    parents: list[int] = []
    raw: list[float] = []
    columns: list[int] = []
    rationale: list[str] = []
    ranges: list[tuple[float, float] | None] = []
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
        if stated and node.id in stated:
            ranges.append(stated[node.id])
        else:
            ranges.append(None if node.weight_range is None else
                          (node.weight_range[0], node.weight_range[1]))
        if node.is_leaf:
            columns.append(n_leaves)
            n_leaves += 1
        else:
            columns.append(-1)
            stack.extend((c, k) for c in reversed(node.criteria))
    return CriteriaTree(ids=tuple(ids), names=tuple(names),
                        parent=np.array(parents, dtype=np.intp), raw_weight=np.array(raw),
                        leaf_column=np.array(columns, dtype=np.intp),
                        weight_rationale=tuple(rationale), weight_ranges=tuple(ranges))


def _resolve(appraisal: Appraisal, criteria: str | None,
             scenario: str | Scenario | None) -> tuple[CriteriaSet, Scenario | None]:
    """The criteria set and scenario a request names (a scenario brings its own set)."""
    sc = appraisal.scenario(scenario) if isinstance(scenario, str) else scenario
    cs = appraisal.criteria_set(criteria or (sc.criteria_set if sc else None))
    if sc is not None:
        target = sc.criteria_set or appraisal.criteria_set().id
        if target != cs.id:
            raise UsageError(f"scenario '{sc.id}' weights the criteria set '{target}', "
                             f"not '{cs.id}'; choose it with --criteria {target}")
    return cs, sc


def _weighted_tree(cs: CriteriaSet, sc: Scenario | None, user: Mapping[str, float],
                   own: Mapping[str, float] | None = None) -> CriteriaTree:
    base = _tree(cs.criteria, {})
    derived = board_derived(cs)
    board = {**board_raw(cs), **(own or {})}
    stated = {} if own else {c: r for d in derived for c, r in d.ranges().items()}
    for cid in [*(sc.weights if sc else {}), *user]:
        base.index(cid)  # an unknown id is a UsageError naming the valid ones
    for cid, w in user.items():
        if not (0 <= w <= MAX_NUMBER):
            raise UsageError(f"the weight of '{cid}' must be a number from 0 to "
                             f"{MAX_NUMBER:g}; found {w:g}")
    tree = _tree(cs.criteria, {**board, **(sc.weights if sc else {}), **user}, stated)
    totals = np.zeros(len(tree.ids) + 1)
    np.add.at(totals, tree.parent + 1, tree.raw_weight)
    has_children = np.zeros(len(tree.ids) + 1, dtype=bool)
    has_children[tree.parent + 1] = True
    if np.any(has_children & (totals == 0)):
        raise UsageError("these weights make every criterion in a group zero; "
                         "at least one must be above 0")
    return tree


def compile_problem(appraisal: Appraisal, criteria: str | None = None,
                    scenario: str | Scenario | None = None,
                    weights: Mapping[str, float] | None = None,
                    base: Mapping[str, float] | None = None) -> Problem:
    """Compile one criteria set (default: the appraisal's) into a :class:`Problem`.

    Weights come from the criteria (or the set's ``weighting``, :mod:`.derive`), then
    the ``scenario``'s partial map, then
    ``weights`` (criterion id -> raw weight, at any level of the tree); they are then
    normalised among siblings and multiplied down the tree. ``scenario`` is the id of one
    of the appraisal's scenarios or a :class:`~appraisal.input.models.Scenario` read from
    elsewhere (e.g. a file downloaded from the HTML paper's what-if panel). ``base``
    (criterion id -> raw weight) replaces the board's weights before the scenario, e.g.
    with a member's (:mod:`.derive`); the board's stated ranges then no longer apply.
    Every failure is a :class:`~appraisal.errors.UsageError`.
    """
    cs, sc = _resolve(appraisal, criteria, scenario)
    user = dict(weights or {})
    tree = _weighted_tree(cs, sc, user, base)
    leaf_nodes = leaves(cs.criteria)
    missing = [f"{o.id} ({', '.join(c.id for c in leaf_nodes if c.id not in o.scores)})"
               for o in appraisal.options if any(c.id not in o.scores for c in leaf_nodes)]
    if missing:
        raise UsageError(f"criteria set '{cs.id}' cannot be used: these options have no "
                         f"score for some of its criteria: {'; '.join(missing)} (load the "
                         f"appraisal with criteria='{cs.id}' or without criteria to have "
                         "every problem located)")
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


def resolve_set(appraisal: Appraisal, criteria: str | None,
                scenario: str | Scenario | None) -> CriteriaSet:
    """Only the criteria set of :func:`_resolve`: the one a request uses."""
    return _resolve(appraisal, criteria, scenario)[0]


def weighting(appraisal: Appraisal, criteria: str, scenario: Scenario | None) -> Weighting:
    """The raw and leaf weights of criteria set ``criteria`` under ``scenario`` (None:
    the base weights), named for a comparison of weightings."""
    cs, sc = _resolve(appraisal, criteria, scenario)
    tree = _weighted_tree(cs, sc, {})
    if sc is None:
        return Weighting(id="base", name="Base weights", raw=tree.raw_weight,
                         leaf=tree.leaf_weights())
    return Weighting(id=sc.id, name=sc.name, raw=tree.raw_weight, leaf=tree.leaf_weights(),
                     description=sc.description)


def scenarios_of(appraisal: Appraisal, criteria: str) -> tuple[Scenario, ...]:
    """The appraisal's scenarios that weight criteria set ``criteria``."""
    default = appraisal.criteria_set().id
    return tuple(sc for sc in appraisal.scenarios if (sc.criteria_set or default) == criteria)
