"""The headline robustness facts, picked from the analyses' results (numbers and ids,
no wording: :mod:`appraisal.presentation.summary` turns them into sentences)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray
from .distance import Distances
from .dominance import Dominance
from .scenarios import ScenarioComparison
from .score_switching import ScoreSwitch, ScoreSwitching
from .weight_switching import WeightSwitch, WeightSwitching


@dataclass(frozen=True)
class RobustnessSummary:
    """The headline facts about how firm the leader is.

    ``margin`` is the leader's total minus the runner-up's; ``first_acceptability`` the
    share of Monte Carlo samples with the leader first (None without samples);
    ``scenarios_led`` the weightings compared under which the leader is (jointly)
    first, of ``scenarios``; ``indistinguishable_from_leader`` the options in a
    near-tie with it.
    """

    leader: str
    runner_up: str | None
    leader_total: float
    margin: float | None
    weight_switch: WeightSwitch | None
    score_switch: ScoreSwitch | None
    first_acceptability: float | None
    samples: int | None
    score_uncertainty: bool
    scenarios_led: int
    scenarios: int
    least_regret: tuple[str, ...]
    dominated: tuple[str, ...]
    never_first: tuple[str, ...]
    indistinguishable_from_leader: tuple[str, ...]
    options_checked: int | None = None  # None: every option was checked for never_first


def summarise(*, option_ids: tuple[str, ...], totals: FloatArray, lead: int,
              weights: WeightSwitching, scores: ScoreSwitching,
              scenarios: ScenarioComparison | None, dominance: Dominance,
              distances: Distances, first_acceptability: float | None = None,
              samples: int | None = None, score_uncertainty: bool = False
              ) -> RobustnessSummary:
    """Pick the headline facts from the analyses' results (no computation beyond
    picking)."""
    lid = option_ids[lead]
    others = np.delete(np.arange(len(totals)), lead)
    runner = int(others[np.argmax(totals[others])]) if len(others) else None
    near = tuple(t.worse if t.better == lid else t.better for t in dominance.near_ties
                 if lid in (t.better, t.worse))
    return RobustnessSummary(
        leader=lid, runner_up=None if runner is None else option_ids[runner],
        leader_total=float(totals[lead]),
        margin=None if runner is None else float(totals[lead] - totals[runner]),
        weight_switch=weights.headline, score_switch=scores.smallest,
        first_acceptability=first_acceptability if samples else None,
        samples=samples or None, score_uncertainty=score_uncertainty,
        scenarios_led=0 if scenarios is None else sum(lid in g for g in scenarios.leaders),
        scenarios=0 if scenarios is None else len(scenarios.scenario_ids),
        least_regret=() if scenarios is None else scenarios.least_regret,
        dominated=tuple(dominance.dominated), never_first=distances.never_first,
        indistinguishable_from_leader=near,
        options_checked=None if distances.complete else len(distances.options))
