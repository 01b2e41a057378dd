"""Scenarios / stakeholder lenses: rank under every weighting (issue 3, item 5).

The caller gives each weighting's normalised leaf weights (:class:`Weighting`); this
module scores the same options under each and compares the rankings. Ranks are competition ranks
(ties share a rank). Agreement between two scenarios' rankings is Kendall's tau-b,
which corrects for ties: tau_b = (C - D) / sqrt((P - T_x)(P - T_y)), with C/D the
concordant/discordant pairs, P = n(n-1)/2 and T_x, T_y the pairs tied in each ranking
(Kendall (1945) "The treatment of ties in ranking problems", Biometrika 33(3)
239-251; the same statistic as ``scipy.stats.kendalltau``'s default). Regret of an
option in a scenario is the best total there minus its total; the least-maximum-regret
option minimises the largest regret over the scenarios (Savage's minimax regret:
Savage (1951) JASA 46(253) 55-67).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.ordering import competition_ranks
from ..core.problem import FloatArray, IntArray, Problem, Weighting
from ..errors import UsageError
from ..methods import Method


def kendall_tau_b(x: FloatArray | IntArray, y: FloatArray | IntArray) -> float:
    """Kendall's tau-b between two score or rank vectors (NaN if either is constant)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    i, j = np.triu_indices(len(x), k=1)
    sx, sy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
    s = float((sx * sy).sum())
    p = len(i)
    den = np.sqrt(float(p - (sx == 0).sum()) * float(p - (sy == 0).sum()))
    return float(s / den) if den > 0 else float("nan")


@dataclass(frozen=True, kw_only=True)
class ScenarioComparison:
    """Rankings under each scenario. ``ranks`` and ``totals`` are (n options, s
    scenarios); ``tau`` is (s, s) Kendall tau-b between the scenarios' rankings;
    ``regret`` is (n, s); ``least_regret`` the option(s) with least maximum regret."""

    scenario_ids: tuple[str, ...]
    scenario_names: tuple[str, ...]
    option_ids: tuple[str, ...]
    totals: FloatArray
    ranks: IntArray
    leaders: tuple[tuple[str, ...], ...]  # per scenario
    tau: FloatArray
    regret: FloatArray
    max_regret: FloatArray  # (n,)
    least_regret: tuple[str, ...]

    def first_under(self, option_id: str, scenario_ids: Sequence[str]) -> int:
        """Under how many of ``scenario_ids`` ``option_id`` is first (the first of the
        options sharing first place, in input order, when there is a tie)."""
        return sum(1 for s in scenario_ids
                   if (group := self.leaders[self.scenario_ids.index(s)])
                   and group[0] == option_id)


def compare_scenarios(problem: Problem, method: Method,
                      weightings: Sequence[Weighting]) -> ScenarioComparison:
    """Score the options of ``problem`` under each weighting and compare the rankings."""
    if not weightings:
        raise UsageError("no scenarios to compare")
    m = problem.shape[1]
    if any(w.leaf.shape != (m,) for w in weightings):
        raise UsageError("every weighting must weight the problem's criteria")
    totals = np.asarray(method.score(problem, np.stack([w.leaf for w in weightings]))).T
    ranks = competition_ranks(totals.T).T
    s = totals.shape[1]
    tau = np.ones((s, s))
    for a in range(s):
        for b in range(a + 1, s):
            tau[a, b] = tau[b, a] = kendall_tau_b(ranks[:, a], ranks[:, b])
    regret = totals.max(axis=0) - totals
    worst = regret.max(axis=1)
    best = np.flatnonzero(worst <= worst.min() + 1e-12)
    oids = problem.option_ids
    leaders = tuple(tuple(oids[i] for i in np.flatnonzero(ranks[:, c] == 1)) for c in range(s))
    return ScenarioComparison(
        scenario_ids=tuple(w.id for w in weightings),
        scenario_names=tuple(w.name for w in weightings), option_ids=oids, totals=totals,
        ranks=ranks, leaders=leaders, tau=tau, regret=regret, max_regret=worst,
        least_regret=tuple(oids[i] for i in best))
