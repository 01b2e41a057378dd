"""Sensitivity and robustness: how far can the assumptions move before the ranking
changes? (issue 3).

:func:`analyse` compiles the appraisal once, shortlists the options that pass the
gates, and runs every analysis on the arrays with the method's score function. The
analyses never ask which method it is, only whether it is linear in the weights: then
they are exact (closed forms, a linear programme); otherwise numeric (fine grid and
bisection). Definitions used throughout:

- "first": a total >= every other option's total. The *leader* is the first option of
  the base ranking (input order breaks an exact tie).
- A node's weight is its local share among its siblings; moving it rescales the
  siblings proportionally (:mod:`.sweeps`). Shares of the total weight are
  ``parent's share x local share``.
- Switching values are boundaries: at them the leader is tied, beyond them it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..compile import FloatArray, IntArray, Problem, compile_problem
from ..errors import UsageError
from ..methods import get_method
from ..models import Appraisal
from ..ranking import competition_ranks
from ..screening import passes
from .distance import Distances, weight_distances
from .dominance import DEFAULT_FLIP_SHARE, DEFAULT_TOLERANCE, Dominance, dominance
from .scenarios import ScenarioComparison, compare_scenarios
from .summary import RobustnessSummary, summarise
from .sweeps import Sweep, all_sweeps
from .switching import ScoreSwitching, WeightSwitching, score_switching, weight_switching

if TYPE_CHECKING:
    from .sampling import WeightModel
    from .smaa import SmaaResult

__all__ = ["Sensitivity", "analyse"]


@dataclass(frozen=True)
class Sensitivity:
    """Every sensitivity analysis of one appraisal under one weighting.

    Arrays are indexed like ``problem`` (the shortlist: options passing the gates, in
    input order; leaf criteria in tree order).

    - ``totals``/``ranks``: base totals (0..1) and competition ranks.
    - ``leader``: id of the first option of the base ranking.
    - ``sweeps``: one-way sweep of every criterion node that has siblings (item 1).
    - ``weight_switching``: stability intervals and the headline switch (item 2).
    - ``score_switching``: per option x criterion score switching values (item 3).
    - ``distances``: least L1 weight change making each option first (item 4).
    - ``scenarios``: ranks under the base weights and every scenario of the set (item 5).
    - ``smaa``: Monte Carlo rank acceptability etc. (item 6), None when ``samples`` is 0.
    - ``dominance``: Pareto dominance and near-ties (item 7).
    - ``summary``: plain-English robustness summary (item 8).
    - ``exact``: True when the method is linear in the weights (closed forms used).
    """

    title: str
    criteria_set: str
    scenario: str | None
    method: str
    exact: bool
    overrides: dict[str, float]
    seed: int
    samples: int
    score_uncertainty: bool
    tolerance: float
    flip_share: float
    input_digest: str
    problem: Problem
    screened_out: tuple[str, ...]
    totals: FloatArray
    ranks: IntArray
    leader: str
    sweeps: tuple[Sweep, ...]
    weight_switching: WeightSwitching
    score_switching: ScoreSwitching
    distances: Distances
    scenarios: ScenarioComparison
    dominance: Dominance
    smaa: SmaaResult | None
    summary: RobustnessSummary


def _scenario_problems(appraisal: Appraisal, problem: Problem, mask: np.ndarray,
                       analysed: bool) -> tuple[list[str], list[str], list[Problem]]:
    ids, names, probs = [], [], []
    if analysed:
        ids.append("analysed")
        names.append("As analysed")
        probs.append(problem)
    ids.append("base")
    names.append("Base weights")
    probs.append(compile_problem(appraisal, problem.criteria_set).subset(mask))
    default = appraisal.criteria_set().id
    for sc in appraisal.scenarios:
        if (sc.criteria_set or default) == problem.criteria_set:
            ids.append(sc.id)
            names.append(sc.name)
            probs.append(compile_problem(appraisal, problem.criteria_set, sc.id).subset(mask))
    return ids, names, probs


def analyse(appraisal: Appraisal, criteria: str | None = None, scenario: str | None = None,
            weights: Mapping[str, float] | None = None, method: str | None = None, *,
            samples: int = 10_000, seed: int | None = None, score_uncertainty: bool = False,
            weight_model: WeightModel | None = None, tolerance: float = DEFAULT_TOLERANCE,
            flip_share: float = DEFAULT_FLIP_SHARE,
            progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """Run every sensitivity analysis (see :class:`Sensitivity`).

    ``criteria``, ``scenario`` and ``weights`` select the weighting as in
    :func:`appraisal.rank`; ``samples`` = 0 skips the Monte Carlo part; ``seed``
    defaults to the appraisal's; ``weight_model`` (None = uniform on the simplex) and
    ``score_uncertainty`` configure it; ``tolerance`` and ``flip_share`` define
    near-ties. Raises :class:`UsageError` when fewer than two options pass the gates.
    """
    if samples < 0:
        raise UsageError(f"samples must be 0 or more; found {samples}")
    name = method or appraisal.method
    meth = get_method(name)
    score, linear = meth.score, meth.linear_in_weights
    full = compile_problem(appraisal, criteria, scenario, weights)
    mask = passes(full)
    problem = full.subset(mask)
    if problem.shape[0] < 2:
        raise UsageError("sensitivity analysis needs at least two options passing the gates; "
                         f"found {problem.shape[0]}")
    totals = np.asarray(score(problem, problem.weights))
    ranks = competition_ranks(totals)
    lead = int(np.lexsort((np.arange(len(totals)), ranks))[0])
    seed = appraisal.seed if seed is None else seed

    smaa_result = None
    if samples:
        from .smaa import smaa

        smaa_result = smaa(problem, score, samples=samples, seed=seed, weights=weight_model,
                           score_uncertainty=score_uncertainty, progress=progress,
                           linear=linear)
    sweeps = all_sweeps(problem, score, linear)
    wsw = weight_switching(problem, score, totals, lead, linear)
    ssw = score_switching(problem, score, totals, lead, linear)
    dist = weight_distances(problem, score, linear)
    ids, names, probs = _scenario_problems(appraisal, problem, mask,
                                           bool(scenario or weights))
    scen = compare_scenarios(ids, names, probs, score)
    dom = dominance(problem, totals, tolerance,
                    None if smaa_result is None else smaa_result.pairwise, flip_share)
    first = None if smaa_result is None else float(smaa_result.acceptability[lead, 0])
    summary = summarise(dict(zip(problem.option_ids, problem.option_names, strict=True)),
                        dict(zip(problem.tree.ids, problem.tree.names, strict=True)),
                        problem.option_ids, totals, lead, wsw, ssw, scen, dom, dist,
                        first, samples or None, score_uncertainty)
    return Sensitivity(
        title=appraisal.title, criteria_set=problem.criteria_set, scenario=full.scenario,
        method=name, exact=linear, overrides=dict(problem.overrides), seed=seed,
        samples=samples, score_uncertainty=score_uncertainty, tolerance=tolerance,
        flip_share=flip_share, input_digest=appraisal.input_digest, problem=problem,
        screened_out=tuple(i for i, ok in zip(full.option_ids, mask, strict=True) if not ok),
        totals=totals, ranks=ranks, leader=problem.option_ids[lead], sweeps=sweeps,
        weight_switching=wsw, score_switching=ssw, distances=dist, scenarios=scen,
        dominance=dom, smaa=smaa_result, summary=summary)
