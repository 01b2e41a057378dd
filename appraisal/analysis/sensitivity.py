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
- The Monte Carlo runs twice: around the board's weights (the headline: each raw weight
  within its stated range, by default half either way) and over any weighting at all
  (uniform within each group of the criteria tree), both with the scores within their
  stated ranges when ``score_uncertainty``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..core.limits import DEFAULT_SAMPLES
from ..core.problem import FloatArray, IntArray, Problem
from ..errors import UsageError
from ..methods import Method
from .closeness import FLIP_SHARE, Closeness, closeness
from .distance import Distances, weight_distances
from .dominance import Dominance, dominance
from .ranking import Ranking
from .sampling import WeightModel
from .scenarios import ScenarioComparison
from .score_switching import ScoreSwitching, score_switching
from .smaa import Run, SmaaResult, smaa_runs
from .summary import RobustnessSummary, summarise
from .sweeps import Sweep, all_sweeps
from .treeweights import BoardWeights, TreeWeights
from .weight_switching import WeightSwitching, weight_switching

__all__ = ["Sensitivity", "analyse", "check_analysable"]


@dataclass(frozen=True, kw_only=True)
class Sensitivity:
    """Every sensitivity analysis of one ranking.

    Arrays are indexed like ``problem`` (the short list: options passing the gates, in
    input order; leaf criteria in tree order).

    - ``totals``/``ranks``: base totals (0..1) and competition ranks.
    - ``leader``: id of the first option of the base ranking.
    - ``sweeps``: one-way sweep of every criterion node that has siblings.
    - ``weight_switching``: stability intervals and the headline switch.
    - ``score_switching``: per option x criterion score switching values.
    - ``distances``: least weight change making each option jointly or clearly first.
    - ``board``/``anywhere``: the Monte Carlo around the board's weights and over any
      weighting at all; None when ``samples`` is 0.
    - ``dominance``: Pareto dominance; ``closeness``: the near-ties.
    - ``summary``: the headline facts.
    - ``extra``: the Monte Carlo under the caller's ``extra_models``, by their names.
    - ``exact``: True when the method is linear in the weights (closed forms used).
    """

    method: str
    exact: bool
    seed: int
    samples: int
    score_uncertainty: bool
    problem: Problem
    totals: FloatArray
    ranks: IntArray
    leader: str
    sweeps: tuple[Sweep, ...]
    weight_switching: WeightSwitching
    score_switching: ScoreSwitching
    distances: Distances
    dominance: Dominance
    closeness: Closeness
    board: SmaaResult | None
    anywhere: SmaaResult | None
    summary: RobustnessSummary
    extra: Mapping[str, SmaaResult] = field(default_factory=dict)


def check_analysable(ranking: Ranking) -> None:
    """A :class:`UsageError` unless at least two options passed the gates."""
    n = ranking.problem.shape[0]
    if n < 2:
        raise UsageError("sensitivity analysis needs at least two options passing the gates; "
                         f"found {n}")


def analyse(ranking: Ranking, method: Method, *, scenarios: ScenarioComparison | None = None,
            samples: int = DEFAULT_SAMPLES, seed: int = 0, score_uncertainty: bool = False,
            any_weights: WeightModel | None = None, board_weights: BoardWeights | None = None,
            tolerance: float | None = None, flip_share: float = FLIP_SHARE,
            extra_models: Mapping[str, WeightModel] | None = None,
            progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """Run every sensitivity analysis of ``ranking`` (see :class:`Sensitivity`).

    ``scenarios`` (the comparison of weightings, when made) feeds the summary;
    ``samples`` = 0 skips the Monte Carlo; ``any_weights`` (default: uniform within each
    group of the criteria tree) and ``board_weights`` (default: each raw weight within
    half of the board's either way) are its two weight models; ``tolerance`` replaces the
    scoring resolution and ``flip_share`` sets the swaps that make options
    indistinguishable (:mod:`.closeness`); ``extra_models`` (name -> model) run in the
    same pass, sharing its score draws (e.g. the members' weightings, :mod:`.members`),
    and come back in ``extra`` under their names. Raises
    :class:`UsageError` when fewer than two options passed the gates.
    """
    if samples < 0:
        raise UsageError(f"samples must be 0 or more; found {samples}")
    check_analysable(ranking)
    problem, totals, ranks = ranking.problem, ranking.totals, ranking.ranks
    lead = int(ranking.order[0])
    runs: dict[str, SmaaResult] = {}
    board_model = board_weights or BoardWeights.around(problem.tree)
    extra = dict(extra_models or {})
    if set(extra) & {"board", "anywhere"}:
        raise UsageError("the extra Monte Carlo runs may not be called 'board' or 'anywhere'")
    if samples:
        # one pass for every model, sharing the score draws; the confidence factors are
        # shown for the analysis over any weighting only
        runs = smaa_runs(
            problem, method,
            {"board": Run(board_model, confidence=False),
             "anywhere": Run(any_weights or TreeWeights(problem.tree), confidence=True),
             **{name: Run(model, confidence=False) for name, model in extra.items()}},
            samples=samples, seed=seed, score_uncertainty=score_uncertainty,
            progress=progress)
    board = runs.get("board")
    near = closeness(problem, totals, ranking.order,
                     None if board is None else board.pairwise, flip_share, tolerance)
    wsw = weight_switching(problem, method, lead)
    ssw = score_switching(problem, method, totals, lead)
    dist = weight_distances(problem, method, near.resolution.tolerance)
    dom = dominance(problem, totals)
    summary = summarise(
        problem=problem, totals=totals, ranks=ranks, lead=lead, weights=wsw,
        scores=ssw, scenarios=scenarios, dominance=dom, distances=dist, closeness=near,
        board=board, anywhere=runs.get("anywhere"), score_uncertainty=score_uncertainty,
        stated_ranges=board_model.stated)
    return Sensitivity(
        method=method.name, exact=method.linear_in_weights, seed=seed, samples=samples,
        score_uncertainty=score_uncertainty, problem=problem, totals=totals, ranks=ranks,
        leader=problem.option_ids[lead], sweeps=all_sweeps(problem, method),
        weight_switching=wsw, score_switching=ssw, distances=dist, dominance=dom,
        closeness=near, board=board, anywhere=runs.get("anywhere"), summary=summary,
        extra={name: runs[name] for name in extra if name in runs})
