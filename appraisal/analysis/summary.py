"""The headline robustness facts, picked from the analyses' results (numbers and ids,
no wording: :mod:`appraisal.presentation.summary` turns them into sentences)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray, IntArray, Problem
from .closeness import Closeness
from .distance import Distances
from .dominance import Dominance
from .scenarios import ScenarioComparison
from .score_switching import ScoreSwitch, ScoreSwitching
from .smaa import SmaaResult
from .weight_switching import WeightSwitch, WeightSwitching


@dataclass(frozen=True, kw_only=True)
class Share:
    """A share of Monte Carlo draws in which the leader is first or jointly first, with
    its standard error, the number of draws, the model drawn from (in words), and
    whether any of those draws was a tie at the top (``ties``)."""

    value: float
    standard_error: float
    samples: int
    model: str
    ties: bool


@dataclass(frozen=True, kw_only=True)
class RobustnessSummary:
    """The headline facts about how firm the leader is.

    ``leaders`` are the options sharing first place at the base weights (one, unless
    tied); ``runner_up`` is the best option not sharing first place and ``margin`` the
    leader's total minus its total (None when every option shares first place). ``board`` and
    ``anywhere`` are the shares of draws in which the leader is first or jointly first,
    around the board's weights and over any weighting at all (None without the Monte
    Carlo). ``close_to_leader`` are the options too close to tell apart from it
    (:mod:`.closeness`). ``never_first`` cannot be even jointly first under any weights,
    ``never_clearly_first`` cannot lead by the margin (dominated options among them);
    ``options_checked`` is how many options those two cover (None: all).
    """

    leader: str
    leaders: tuple[str, ...]
    runner_up: str | None
    leader_total: float
    margin: float | None
    weight_switch: WeightSwitch | None
    score_switch: ScoreSwitch | None
    board: Share | None
    anywhere: Share | None
    score_uncertainty: bool
    scenarios_led: int  # weightings compared under which the leader is first or jointly first
    scenarios_shared: int  # ... of which jointly first
    scenarios: int
    least_regret: tuple[str, ...]
    dominated: tuple[str, ...]
    never_first: tuple[str, ...]
    never_clearly_first: tuple[str, ...]
    options_checked: int | None
    close_to_leader: tuple[str, ...]
    resolution: float
    flip_share: float
    stated_ranges: int = 0  # criteria whose weight range the board stated
    score_step: float = 0.0  # the scoring step of the criterion of ``score_switch`` (0: none)
    scale: tuple[float, float] = (0.0, 1.0)  # that criterion's scale (min, max)
    separating: tuple[str, ...] = ()  # criteria whose evidence would best separate the two
    separating_by: str = ""  # "ranges" (widest stated ranges for their weight) or "difference"


def separating(problem: Problem, a: int, b: int, k: int = 2) -> tuple[tuple[str, ...], str]:
    """The ``k`` criteria on which firmer evidence would best separate options ``a`` and
    ``b``: where their stated score ranges are widest for the weight the criterion carries
    (w_j x (range of a + range of b) / scale width), or, when no range is stated, where their
    weighted values differ most (w_j x |score difference| / scale width)."""
    width = problem.upper - problem.lower
    spread = problem.weights * ((problem.high - problem.low)[[a, b]].sum(axis=0)) / width
    if np.any(spread > 0):
        pick, by = spread, "ranges"
    else:
        pick, by = problem.weights * np.abs(problem.scores[a] - problem.scores[b]) / width, \
            "difference"
    order = [int(j) for j in np.argsort(-pick, kind="stable")[:k] if pick[j] > 0]
    return tuple(problem.criterion_ids[j] for j in order), by


def _share(result: SmaaResult | None, lead: int) -> Share | None:
    if result is None or result.joint_first is None:
        return None
    p = float(result.joint_first[lead])
    ties = p > float(result.acceptability[lead, 0]) + 1e-12
    return Share(value=p, standard_error=float(result.standard_error(p)),
                 samples=result.samples, model=result.weight_model, ties=ties)


def summarise(*, problem: Problem, totals: FloatArray, ranks: IntArray,
              lead: int, weights: WeightSwitching, scores: ScoreSwitching,
              scenarios: ScenarioComparison | None, dominance: Dominance,
              distances: Distances, closeness: Closeness, board: SmaaResult | None,
              anywhere: SmaaResult | None, score_uncertainty: bool = False,
              stated_ranges: int = 0) -> RobustnessSummary:
    """Pick the headline facts from the analyses' results (no computation beyond
    picking and :func:`separating`)."""
    option_ids, criterion_ids = problem.option_ids, problem.criterion_ids
    lid = option_ids[lead]
    tied = ranks == ranks[lead]
    leaders = tuple(option_ids[i] for i in np.flatnonzero(tied))
    others = np.flatnonzero(~tied)
    runner = int(others[np.argmax(totals[others])]) if len(others) else None
    close = closeness.close_to(lid)
    sw = scores.smallest
    split = ((), "") if runner is None else separating(problem, lead, runner)
    j = -1 if sw is None else criterion_ids.index(sw.criterion_id)
    led = 0 if scenarios is None else sum(lid in g for g in scenarios.leaders)
    shared = 0 if scenarios is None else sum(lid in g and len(g) > 1 for g in scenarios.leaders)
    return RobustnessSummary(
        leader=lid, leaders=leaders, runner_up=None if runner is None else option_ids[runner],
        leader_total=float(totals[lead]),
        margin=None if runner is None else float(totals[lead] - totals[runner]),
        weight_switch=weights.headline, score_switch=scores.smallest,
        board=_share(board, lead), anywhere=_share(anywhere, lead),
        score_uncertainty=score_uncertainty, scenarios_led=led, scenarios_shared=shared,
        scenarios=0 if scenarios is None else len(scenarios.scenario_ids),
        least_regret=() if scenarios is None else scenarios.least_regret,
        dominated=tuple(dominance.dominated), never_first=distances.never_first,
        never_clearly_first=distances.never_clearly_first,
        options_checked=None if distances.complete else len(distances.options),
        close_to_leader=close, resolution=closeness.resolution.tolerance,
        flip_share=closeness.flip_share, stated_ranges=stated_ranges,
        score_step=0.0 if j < 0 else closeness.resolution.steps[j],
        scale=(0.0, 1.0) if j < 0 else (float(problem.lower[j]), float(problem.upper[j])),
        separating=split[0], separating_by=split[1])
