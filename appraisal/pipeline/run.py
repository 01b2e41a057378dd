"""The run: an appraisal and a :class:`~.request.Request` in, one
:class:`~.result.AppraisalResult` out. It compiles the criteria set once, scores the
long list once, ranks the short list, compares the scenarios and, when asked, runs
every sensitivity analysis and the members' views."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ..analysis.ranking import Ranking, rank_problem
from ..core.problem import Problem, Weighting
from ..input.compile import compile_problem, resolve_set, scenarios_of, weighting
from ..input.derive import board_raw
from ..input.models import Appraisal, CriteriaSet, Scenario
from ..methods import Method, get_method
from .economic import benchmark_of, shortlist_gaps, value_of
from .origin import member_leaf_weights, on_tree, weight_origin
from .request import Request
from .result import AppraisalResult, WeightOrigin

if TYPE_CHECKING:
    from ..analysis.members import MembersAnalysis
    from ..analysis.sampling import WeightModel
    from ..analysis.smaa import SmaaResult

ANALYSED = "analysed"
"""The id of the weighting analysed when it is neither the base weights nor a scenario
(its name is for :mod:`appraisal.presentation` to give)."""


def _weightings(appraisal: Appraisal, long_list: Problem) -> tuple[Weighting, ...]:
    """The base weights and every scenario of the criteria set, preceded by the weights
    analysed when they are none of those (a scenario analysed is not counted twice)."""
    set_id = long_list.criteria_set
    out = [weighting(appraisal, set_id, None)]
    out.extend(weighting(appraisal, set_id, sc) for sc in scenarios_of(appraisal, set_id))
    tree = long_list.tree
    if not any(np.array_equal(w.raw, tree.raw_weight) for w in out):
        out.insert(0, Weighting(id=ANALYSED, name="", raw=tree.raw_weight,
                                leaf=tree.leaf_weights()))
    return tuple(out)


def run(appraisal: Appraisal, request: Request | None = None, *,
        progress: Callable[[int, int], None] | None = None) -> AppraisalResult:
    """Compute ``request`` (default: the ranking alone) for ``appraisal`` (see
    :class:`~.request.Request` and :class:`~.result.AppraisalResult`);
    ``progress(done, total)`` reports Monte Carlo draws. The sensitivity analysis and the
    scenarios' comparison need two options passing the gates: with fewer they are not
    run (``sensitivity`` and ``scenarios`` stay None), whatever the request."""
    request = request or Request()
    method = get_method(request.method or appraisal.method)
    seed = appraisal.seed if request.seed is None else request.seed
    cs = resolve_set(appraisal, request.criteria, request.scenario)
    origin, own = weight_origin(appraisal, cs, request)
    long_list = compile_problem(appraisal, request.criteria, request.scenario, request.weights,
                                base=own)
    ranking = rank_problem(long_list, method)
    totals = np.asarray(method.score(long_list, long_list.weights), dtype=float)
    weightings: tuple[Weighting, ...] = ()
    scenarios = sensitivity = None
    if request.sensitivity and len(ranking.order) >= 2:  # nothing to compare otherwise
        from ..analysis.scenarios import compare_scenarios
        from ..analysis.sensitivity import analyse
        from ..analysis.weightspec import any_weights, board_weights

        weightings = _weightings(appraisal, long_list)
        scenarios = compare_scenarios(ranking.problem, method, weightings)
        short = ranking.problem
        base_raw = next(w for w in weightings if w.id == "base").raw
        spans: Mapping[str, WeightModel] = {}
        if len(origin.members) > 1:
            from ..analysis.members import span_models

            spans = span_models(member_leaf_weights(origin, short.tree))
        rankings = request.rankings
        if not rankings and not request.weight_ranges and request.weights_over == "tree":
            rankings = tuple(d.ranking for d in origin.board if d.ordinal)
        sensitivity = analyse(
            ranking, method, scenarios=scenarios, samples=request.samples, seed=seed,
            score_uncertainty=_scores_uncertain(short, request),
            any_weights=any_weights(short, request.weights_over, request.weight_ranges,
                                    rankings),
            board_weights=board_weights(short, base_raw),
            tolerance=request.tolerance, flip_share=request.flip_share,
            extra_models=spans, progress=progress)
    members = None
    if origin.members and (request.sensitivity or request.member_views):
        members = _members(cs, origin, ranking, method, request, seed,
                           sensitivity.extra if sensitivity is not None and sensitivity.extra
                           else None)
    value = value_of(appraisal, long_list, totals, method, ranking, wtp=request.wtp,
                     samples=request.samples
                     if request.sensitivity or request.value_uncertainty else 0,
                     seed=seed, score_uncertainty=_scores_uncertain(long_list, request))
    return AppraisalResult(
        appraisal=appraisal, method=method, seed=seed, long_list=long_list,
        long_totals=totals,
        long_values=None if method.values is None else method.values(long_list),
        ranking=ranking, weightings=weightings, scenarios=scenarios, sensitivity=sensitivity,
        origin=origin, members=members,
        benchmark=benchmark_of(appraisal, long_list, totals, ranking), value=value,
        shortlist=shortlist_gaps(appraisal, ranking))


def _scores_uncertain(problem: Problem, request: Request) -> bool:
    """The request's score_uncertainty, or (None) whether any score states a range."""
    if request.score_uncertainty is not None:
        return request.score_uncertainty
    return bool(np.any(problem.low != problem.scores) or np.any(problem.high != problem.scores))


def _members(cs: CriteriaSet, origin: WeightOrigin, ranking: Ranking, method: Method,
             request: Request, seed: int,
             runs: Mapping[str, SmaaResult] | None) -> MembersAnalysis:
    from ..analysis.members import Person, analyse_members

    short = ranking.problem
    tree = short.tree
    views = analyse_members(
        short, method,
        [Person(m.member.id, m.member.name, m.member.role) for m in origin.members],
        member_leaf_weights(origin, tree), tree.leaf_weights(on_tree(tree, origin.group)),
        tree.leaf_weights(on_tree(tree, board_raw(cs))), origin.means,
        samples=request.samples, seed=seed, score_uncertainty=_scores_uncertain(short, request),
        runs=runs)
    return replace(views, member_raw=np.array([on_tree(tree, m.raw) for m in origin.members]),
                   group_raw=on_tree(tree, origin.group))


def rank(appraisal: Appraisal, criteria: str | None = None,
         scenario: str | Scenario | None = None, weights: Mapping[str, float] | None = None,
         method: str | None = None) -> AppraisalResult:
    """Rank the options of ``appraisal``: :func:`run` without the sensitivity analysis."""
    return run(appraisal, Request(criteria=criteria, scenario=scenario,
                                  weights=dict(weights or {}), method=method))
