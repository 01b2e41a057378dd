"""A plain-English robustness summary, as data the report can print (item 8).

Numbers are formatted one way throughout: weights and shares as percentages with at
most one decimal ("31%", "5.2%"), totals with three decimals ("0.685"), scores as
written with at most two decimals ("3.4"). Options and criteria are named, not id'd.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..compile import FloatArray
from .distance import Distances
from .dominance import Dominance
from .scenarios import ScenarioComparison
from .switching import ScoreSwitch, ScoreSwitching, WeightSwitch, WeightSwitching


def pct(x: float) -> str:
    """0.3124 -> '31.2%', 0.31 -> '31%'."""
    return f"{round(100 * x, 1):g}%"


def num(x: float) -> str:
    """A score: at most two decimals, no trailing zeros."""
    return f"{round(x, 2):g}"


def _names(ids: tuple[str, ...], names: Mapping[str, str]) -> str:
    parts = [names.get(i, i) for i in ids]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True)
class RobustnessSummary:
    """The headline facts (structured) and the same as sentences, in reading order."""

    leader: str
    runner_up: str | None
    margin: float | None  # leader's total minus the runner-up's
    weight_switch: WeightSwitch | None
    score_switch: ScoreSwitch | None
    first_acceptability: float | None  # share of Monte Carlo samples with the leader first
    samples: int | None
    scenarios_led: int  # scenarios in which the leader is (jointly) first
    scenarios: int
    dominated: tuple[str, ...]
    never_first: tuple[str, ...]
    indistinguishable_from_leader: tuple[str, ...]
    weight_clause: str  # "X stays first unless the weight on Y rises above 31% (base 12%)"
    acceptability_clause: str | None  # "it ranks first in 87% of 100,000 random weightings"
    sentences: tuple[str, ...]


def summarise(option_names: Mapping[str, str], criterion_names: Mapping[str, str],
              option_ids: tuple[str, ...], totals: FloatArray, lead: int,
              weights: WeightSwitching, scores: ScoreSwitching,
              scenarios: ScenarioComparison | None, dom: Dominance, dist: Distances,
              acceptability_first: float | None = None, samples: int | None = None,
              score_uncertainty: bool = False) -> RobustnessSummary:
    """Assemble the summary from the analyses' results (no computation beyond picking)."""
    name = option_names.get
    lid = option_ids[lead]
    lname = name(lid, lid)
    out: list[str] = []
    others = np.delete(np.arange(len(totals)), lead)
    runner = int(others[np.argmax(totals[others])]) if len(others) else None
    margin = None if runner is None else float(totals[lead] - totals[runner])
    if runner is not None and margin is not None:
        rid = option_ids[runner]
        out.append(f"{lname} ranks first with a total of {totals[lead]:.3f}; "
                   f"{name(rid, rid)} is second, {margin:.3f} behind.")
    ws = weights.headline
    if ws is None:
        weight_clause = f"no change to a single weight makes any other option overtake {lname}"
        out.append(_sentence(weight_clause))
    else:
        verb = "rises above" if ws.direction == "rises" else "falls below"
        weight_clause = (f"{lname} stays first unless the weight on {ws.node_name} {verb} "
                         f"{pct(ws.threshold_weight)} (base {pct(ws.base_weight)})")
        out.append(f"{weight_clause}; then {_names(ws.new_leader, option_names)} leads.")
    acceptability_clause = None
    if acceptability_first is not None and samples:
        varied = " with scores varied within their ranges" if score_uncertainty else ""
        acceptability_clause = (f"it ranks first in {pct(acceptability_first)} of {samples:,} "
                                f"random weightings{varied}")
        out.append(_sentence(acceptability_clause))
    ss = scores.smallest
    if ss is None:
        out.append(f"No change to a single score within its scale displaces {lname}.")
    elif ss.change is not None and ss.switching_score is not None:
        verb = "fell" if ss.change < 0 else "rose"
        out.append(f"The smallest single score change that changes the leader: if "
                   f"{name(ss.option_id, ss.option_id)}'s score on "
                   f"{criterion_names.get(ss.criterion_id, ss.criterion_id)} {verb} from "
                   f"{num(ss.score)} past {num(ss.switching_score)}, "
                   f"{_names(ss.new_leader, option_names)} would lead.")
    led = 0
    count = 0
    if scenarios is not None:
        count = len(scenarios.scenario_ids)
        led = sum(lid in group for group in scenarios.leaders)
        out.append(f"{lname} leads under {led} of {count} weightings compared (base and "
                   f"scenarios); least maximum regret: "
                   f"{_names(scenarios.least_regret, option_names)}.")
    near = tuple(t.worse if t.better == lid else t.better for t in dom.near_ties
                 if lid in (t.better, t.worse))
    if near:
        out.append(f"Indistinguishable from {lname}: {_names(near, option_names)}.")
    dominated = tuple(dom.dominated)
    if dominated:
        out.append(f"Dominated (another option is at least as good on every criterion and "
                   f"better on one): {_names(dominated, option_names)}.")
    never = dist.never_first
    if never:
        out.append(f"No weighting at all puts {_names(never, option_names)} first.")
    return RobustnessSummary(lid, None if runner is None else option_ids[runner], margin, ws,
                             ss, acceptability_first, samples, led, count, dominated, never,
                             near, weight_clause, acceptability_clause, tuple(out))


def _sentence(clause: str) -> str:
    return clause[:1].upper() + clause[1:] + "."
