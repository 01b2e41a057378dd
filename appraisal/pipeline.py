"""One pipeline: an appraisal and a request in, one typed result out.

:func:`run` compiles the requested criteria set once, ranks the options, compares the
scenarios of the set and, when asked, runs every sensitivity analysis. ``rank``,
``sensitivity`` and ``report`` (CLI and Python) all consume its
:class:`AppraisalResult`; nothing downstream compiles or scores again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .analysis.closeness import FLIP_SHARE
from .analysis.ranking import Ranking, rank_problem
from .core.limits import DEFAULT_SAMPLES, MAX_SAMPLES, MAX_SEED
from .core.problem import Problem, Weighting
from .errors import UsageError
from .input.compile import compile_problem, scenarios_of, weighting
from .input.models import Appraisal, Scenario
from .methods import Method, get_method

if TYPE_CHECKING:
    from .analysis.scenarios import ScenarioComparison
    from .analysis.sensitivity import Sensitivity


@dataclass(frozen=True)
class Request:
    """What to compute.

    ``criteria``, ``scenario`` (an id of the appraisal's, or a
    :class:`~appraisal.input.models.Scenario`) and ``weights`` (criterion id -> raw
    weight, any level of the tree) choose the weighting; ``method`` defaults to the
    appraisal's. With ``sensitivity`` every sensitivity analysis runs, with ``samples``
    Monte Carlo draws (0 skips them) seeded by ``seed`` (default: the appraisal's), the
    scores drawn within their stated ranges when ``score_uncertainty`` (None: when any
    score states a range). The draws "over any weighting" are uniform within each group
    of the criteria tree, or over the leaf weights with ``weights_over="leaves"``;
    ``weight_ranges`` (criterion id -> (low, high) share of its group) or ``rankings``
    (each a ranking of one group's criteria: tuples of ids, most important first, ids in
    one tuple weighing the same) restrict them (:mod:`appraisal.analysis.weightspec`).
    ``tolerance`` replaces the scoring resolution and ``flip_share`` sets the swaps that
    make options indistinguishable (:mod:`appraisal.analysis.closeness`).
    """

    criteria: str | None = None
    scenario: str | Scenario | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    method: str | None = None
    sensitivity: bool = False
    samples: int = DEFAULT_SAMPLES
    seed: int | None = None
    score_uncertainty: bool | None = None
    weights_over: str = "tree"
    weight_ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rankings: tuple[tuple[tuple[str, ...], ...], ...] = ()
    tolerance: float | None = None
    flip_share: float = FLIP_SHARE


@dataclass(frozen=True)
class AppraisalResult:
    """Everything computed for one request.

    ``long_list`` is the whole long list compiled (screened-out options included);
    ``ranking`` the short list ranked under the requested weights; ``weightings`` the
    weightings compared (the requested one when it differs from the base, the base
    weights, then every scenario of the criteria set) and ``scenarios`` their
    comparison; ``sensitivity`` every sensitivity analysis. The last two are None
    unless the request asked for the sensitivity analysis.
    """

    appraisal: Appraisal
    method: Method
    seed: int
    long_list: Problem
    ranking: Ranking
    weightings: tuple[Weighting, ...]
    scenarios: ScenarioComparison | None
    sensitivity: Sensitivity | None

    @property
    def criteria_set(self) -> str:
        return self.long_list.criteria_set

    @property
    def scenario(self) -> str | None:
        return self.long_list.scenario

    @property
    def overrides(self) -> dict[str, float]:
        return dict(self.long_list.overrides)

    @property
    def title(self) -> str:
        return self.appraisal.title

    @property
    def input_digest(self) -> str:
        return self.appraisal.input_digest


def _weightings(appraisal: Appraisal, long_list: Problem) -> tuple[Weighting, ...]:
    """The base weights and every scenario of the criteria set, preceded by the weights
    analysed when they are none of those (a scenario analysed is not counted twice)."""
    set_id = long_list.criteria_set
    out = [weighting(appraisal, set_id, None)]
    out.extend(weighting(appraisal, set_id, sc) for sc in scenarios_of(appraisal, set_id))
    tree = long_list.tree
    if not any(np.array_equal(w.raw, tree.raw_weight) for w in out):
        out.insert(0, Weighting("analysed", "As analysed", tree.raw_weight,
                                tree.leaf_weights()))
    return tuple(out)


def run(appraisal: Appraisal, request: Request = Request(), *,
        progress: Callable[[int, int], None] | None = None) -> AppraisalResult:
    """Compute ``request`` for ``appraisal`` (see :class:`Request` and
    :class:`AppraisalResult`); ``progress(done, total)`` reports Monte Carlo draws."""
    if not 0 <= request.samples <= MAX_SAMPLES:
        raise UsageError(f"samples must be from 0 to {MAX_SAMPLES:,}; found {request.samples}")
    if request.seed is not None and not 0 <= request.seed <= MAX_SEED:
        raise UsageError(f"the seed must be from 0 to {MAX_SEED:,}; found {request.seed}")
    method = get_method(request.method or appraisal.method)
    seed = appraisal.seed if request.seed is None else request.seed
    long_list = compile_problem(appraisal, request.criteria, request.scenario, request.weights)
    ranking = rank_problem(long_list, method)
    weightings: tuple[Weighting, ...] = ()
    scenarios = sensitivity = None
    if request.sensitivity:
        from .analysis.scenarios import compare_scenarios
        from .analysis.sensitivity import analyse, check_analysable
        from .analysis.weightspec import any_weights, board_weights

        check_analysable(ranking)
        weightings = _weightings(appraisal, long_list)
        scenarios = compare_scenarios(ranking.problem, method, weightings)
        short = ranking.problem
        ranged = request.score_uncertainty
        if ranged is None:
            ranged = bool(np.any(short.low != short.scores) or np.any(short.high != short.scores))
        base_raw = weightings[-1 - len(scenarios_of(appraisal, long_list.criteria_set))].raw
        sensitivity = analyse(
            ranking, method, scenarios=scenarios, samples=request.samples, seed=seed,
            score_uncertainty=ranged,
            any_weights=any_weights(short, request.weights_over, request.weight_ranges,
                                    request.rankings),
            board_weights=board_weights(short, base_raw),
            tolerance=request.tolerance, flip_share=request.flip_share, progress=progress)
    return AppraisalResult(appraisal=appraisal, method=method, seed=seed, long_list=long_list,
                           ranking=ranking, weightings=weightings, scenarios=scenarios,
                           sensitivity=sensitivity)


def rank(appraisal: Appraisal, criteria: str | None = None,
         scenario: str | Scenario | None = None, weights: Mapping[str, float] | None = None,
         method: str | None = None) -> AppraisalResult:
    """Rank the options of ``appraisal``: :func:`run` without the sensitivity analysis."""
    return run(appraisal, Request(criteria=criteria, scenario=scenario,
                                  weights=dict(weights or {}), method=method))
