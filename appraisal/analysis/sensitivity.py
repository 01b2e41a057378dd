"""Sensitivity and robustness: how far can the assumptions move before the ranking
changes?

Pure functions over arrays: :func:`analyse` takes a :class:`~.ranking.Ranking` (the
short list, its totals and ranks) and the :class:`~appraisal.methods.Method` that made
it, and runs every analysis with the method's score function. The analyses never ask
which method it is, only whether it is linear in the weights: then they are exact
(closed forms, a linear programme); otherwise numeric (fine grid and bisection).
Definitions used throughout:

- "first": a total >= every other option's total. The *leader* is the first option of
  the base ranking (input order breaks an exact tie).
- A node's weight is its local share among its siblings; moving it rescales the
  siblings proportionally (:mod:`.sweeps`). Shares of the total weight are
  ``parent's share x local share``.
- Switching values are boundaries: at them the leader is tied, beyond them it changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.problem import FloatArray, IntArray, Problem
from ..errors import UsageError
from ..methods import Method
from .distance import Distances, weight_distances
from .dominance import DEFAULT_FLIP_SHARE, DEFAULT_TOLERANCE, Dominance, dominance
from .ranking import Ranking
from .scenarios import ScenarioComparison
from .score_switching import ScoreSwitching, score_switching
from .summary import RobustnessSummary, summarise
from .sweeps import Sweep, all_sweeps
from .weight_switching import WeightSwitching, weight_switching

if TYPE_CHECKING:
    from .sampling import WeightModel
    from .smaa import SmaaResult

__all__ = ["Sensitivity", "analyse", "check_analysable"]


@dataclass(frozen=True)
class Sensitivity:
    """Every sensitivity analysis of one ranking.

    Arrays are indexed like ``problem`` (the short list: options passing the gates, in
    input order; leaf criteria in tree order).

    - ``totals``/``ranks``: base totals (0..1) and competition ranks.
    - ``leader``: id of the first option of the base ranking.
    - ``sweeps``: one-way sweep of every criterion node that has siblings.
    - ``weight_switching``: stability intervals and the headline switch.
    - ``score_switching``: per option x criterion score switching values.
    - ``distances``: least L1 weight change making each option first.
    - ``smaa``: Monte Carlo rank acceptability etc., None when ``samples`` is 0.
    - ``dominance``: Pareto dominance and near-ties.
    - ``summary``: the headline facts.
    - ``exact``: True when the method is linear in the weights (closed forms used).
    """

    method: str
    exact: bool
    seed: int
    samples: int
    score_uncertainty: bool
    tolerance: float
    flip_share: float
    problem: Problem
    totals: FloatArray
    ranks: IntArray
    leader: str
    sweeps: tuple[Sweep, ...]
    weight_switching: WeightSwitching
    score_switching: ScoreSwitching
    distances: Distances
    dominance: Dominance
    smaa: SmaaResult | None
    summary: RobustnessSummary


def check_analysable(ranking: Ranking) -> None:
    """A :class:`UsageError` unless at least two options passed the gates."""
    n = ranking.problem.shape[0]
    if n < 2:
        raise UsageError("sensitivity analysis needs at least two options passing the gates; "
                         f"found {n}")


def analyse(ranking: Ranking, method: Method, *, scenarios: ScenarioComparison | None = None,
            samples: int = 10_000, seed: int = 0, score_uncertainty: bool = False,
            weight_model: WeightModel | None = None, tolerance: float = DEFAULT_TOLERANCE,
            flip_share: float = DEFAULT_FLIP_SHARE,
            progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """Run every sensitivity analysis of ``ranking`` (see :class:`Sensitivity`).

    ``scenarios`` (the comparison of weightings, when made) feeds the summary;
    ``samples`` = 0 skips the Monte Carlo part; ``weight_model`` (None = uniform on the
    simplex) and ``score_uncertainty`` configure it; ``tolerance`` and ``flip_share``
    define near-ties. Raises :class:`UsageError` when fewer than two options passed the
    gates.
    """
    if samples < 0:
        raise UsageError(f"samples must be 0 or more; found {samples}")
    check_analysable(ranking)
    problem, totals, ranks = ranking.problem, ranking.totals, ranking.ranks
    lead = int(ranking.order[0])
    smaa_result = None
    if samples:
        from .smaa import smaa

        smaa_result = smaa(problem, method, samples=samples, seed=seed, weights=weight_model,
                           score_uncertainty=score_uncertainty, progress=progress)
    wsw = weight_switching(problem, method, lead)
    ssw = score_switching(problem, method, totals, lead)
    dist = weight_distances(problem, method)
    dom = dominance(problem, totals, tolerance,
                    None if smaa_result is None else smaa_result.pairwise, flip_share)
    summary = summarise(
        option_ids=problem.option_ids, totals=totals, lead=lead, weights=wsw, scores=ssw,
        scenarios=scenarios, dominance=dom, distances=dist,
        first_acceptability=None if smaa_result is None
        else float(smaa_result.acceptability[lead, 0]),
        samples=samples, score_uncertainty=score_uncertainty)
    return Sensitivity(
        method=method.name, exact=method.linear_in_weights, seed=seed, samples=samples,
        score_uncertainty=score_uncertainty, tolerance=tolerance, flip_share=flip_share,
        problem=problem, totals=totals, ranks=ranks, leader=problem.option_ids[lead],
        sweeps=all_sweeps(problem, method), weight_switching=wsw, score_switching=ssw,
        distances=dist, dominance=dom, smaa=smaa_result, summary=summary)
