"""The headline robustness facts, picked from the analyses' results (numbers and ids,
no wording: :mod:`appraisal.presentation.summary` turns them into sentences)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray, IntArray
from .closeness import Closeness
from .distance import Distances
from .dominance import Dominance
from .scenarios import ScenarioComparison
from .score_switching import ScoreSwitch, ScoreSwitching
from .smaa import SmaaResult
from .weight_switching import WeightSwitch, WeightSwitching


@dataclass(frozen=True)
class Share:
    """A share of Monte Carlo draws in which the leader is first or jointly first, with
    its standard error, the number of draws, the model drawn from (in words), and
    whether any of those draws was a tie at the top (``ties``)."""

    value: float
    standard_error: float
    samples: int
    model: str
    ties: bool


@dataclass(frozen=True)
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


def _share(result: SmaaResult | None, lead: int) -> Share | None:
    if result is None or result.joint_first is None:
        return None
    p = float(result.joint_first[lead])
    ties = p > float(result.acceptability[lead, 0]) + 1e-12
    return Share(p, float(result.standard_error(p)), result.samples, result.weight_model, ties)


def summarise(*, option_ids: tuple[str, ...], totals: FloatArray, ranks: IntArray,
              lead: int, weights: WeightSwitching, scores: ScoreSwitching,
              scenarios: ScenarioComparison | None, dominance: Dominance,
              distances: Distances, closeness: Closeness, board: SmaaResult | None,
              anywhere: SmaaResult | None, score_uncertainty: bool = False,
              stated_ranges: int = 0) -> RobustnessSummary:
    """Pick the headline facts from the analyses' results (no computation beyond
    picking)."""
    lid = option_ids[lead]
    tied = ranks == ranks[lead]
    leaders = tuple(option_ids[i] for i in np.flatnonzero(tied))
    others = np.flatnonzero(~tied)
    runner = int(others[np.argmax(totals[others])]) if len(others) else None
    close = closeness.close_to(lid)
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
        flip_share=closeness.flip_share, stated_ranges=stated_ranges)
