"""Which options are too close to tell apart, on grounds a decision analyst would sign.

Two options are *indistinguishable* when either

- their totals differ by less than the **scoring resolution** τ: half the change one
  scoring step makes on the most-weighted criterion. Scores are given to a step (whole
  or half points, say); a margin smaller than half a step on the criterion that counts
  most is within the precision of the scoring itself. The step of a criterion is the
  largest of 1, 0.5, 0.25, 0.2, 0.1, 0.05, 0.01 that every score written on it is a
  multiple of (from the scale's minimum; none when scores are written more finely); or
- around the **board's weights** (each raw weight within its stated range, by default
  half either way, and each score within its stated range where one is given), the
  lower option is strictly above the higher one in more than ``flip_share`` (10%) of the
  draws: they swap places in at least one draw in ten.

Closeness does not chain: a may be too close to b and b to c while a and c are clearly
apart. Near-ties are therefore reported as **groups** in which every option is too
close to tell apart from every other: runs of the ranking formed from the top, each run
taking the next option while it is close to every option already in the run, so a group
never skips an option and never joins two clearly separated ones. A close pair that
falls across two groups is listed separately (``loose``) and said so. Beyond 30 options
only the 30 best-ranked are compared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..core.limits import DETAIL_OPTIONS
from ..core.problem import FloatArray, IntArray, Problem

FLIP_SHARE = 0.1
"""Options are indistinguishable when they swap places in more than this share of the
draws around the board's weights."""
STEPS = (1.0, 0.5, 0.25, 0.2, 0.1, 0.05, 0.01)
"""The scoring steps recognised, coarsest first."""


@dataclass(frozen=True, kw_only=True)
class Resolution:
    """The scoring resolution: ``tolerance`` (τ, on the 0..1 total) is half the effect of
    one ``step`` of the scores on ``criterion`` (the most-weighted criterion with a step),
    whose weight is ``weight``; 0 when no criterion has a step."""

    tolerance: float
    step: float
    criterion: str | None
    weight: float
    steps: tuple[float, ...] = ()  # every leaf criterion's scoring step (0: none)


@dataclass(frozen=True, kw_only=True)
class ClosePair:
    """Two options too close to tell apart: ``better`` is ahead at the base weights by
    ``margin``; ``swaps`` is the share of draws around the board's weights in which
    ``worse`` is strictly above (None without that analysis)."""

    better: str
    worse: str
    margin: float
    swaps: float | None
    by_resolution: bool
    by_weights: bool


@dataclass(frozen=True, kw_only=True)
class Closeness:
    """The near-ties: ``pairs`` (every close pair), ``groups`` (runs of the ranking, best
    first, of two or more options all close to one another) and ``loose`` (close pairs
    not inside one group), with the definitions' parameters."""

    resolution: Resolution
    flip_share: float
    pairs: tuple[ClosePair, ...]
    groups: tuple[tuple[str, ...], ...]
    loose: tuple[ClosePair, ...]

    def group_of(self, option_id: str) -> tuple[str, ...]:
        """The group holding ``option_id`` (just the option when it is in none)."""
        return next((g for g in self.groups if option_id in g), (option_id,))

    def close_to(self, option_id: str) -> tuple[str, ...]:
        """Every option too close to tell apart from ``option_id``, best-ranked first."""
        return tuple(p.worse if p.better == option_id else p.better for p in self.pairs
                     if option_id in (p.better, p.worse))


def scoring_step(values: FloatArray, lower: float) -> float:
    """The coarsest step every value is a multiple of (from ``lower``), 0 if none."""
    for step in STEPS:
        q = (np.asarray(values, dtype=float) - lower) / step
        if np.all(np.abs(q - np.round(q)) <= 1e-9):
            return step
    return 0.0


def resolution(problem: Problem) -> Resolution:
    """The scoring resolution of ``problem`` (see the module docstring)."""
    best = Resolution(tolerance=0.0, step=0.0, criterion=None, weight=0.0)
    steps = []
    for j, cid in enumerate(problem.criterion_ids):
        written = np.concatenate([problem.scores[:, j], problem.low[:, j], problem.high[:, j]])
        step = scoring_step(written, float(problem.lower[j]))
        steps.append(step)
        effect = 0.5 * float(problem.weights[j]) * step / float(
            problem.upper[j] - problem.lower[j])
        if effect > best.tolerance:
            best = Resolution(tolerance=effect, step=step, criterion=cid,
                              weight=float(problem.weights[j]))
    return replace(best, steps=tuple(steps))


def closeness(problem: Problem, totals: FloatArray, order: IntArray,
              board_pairwise: FloatArray | None, flip_share: float = FLIP_SHARE,
              tolerance: float | None = None) -> Closeness:
    """The near-ties among the options of ``problem`` ranked ``order`` (best first) with
    ``totals``; ``board_pairwise[i, j]`` is the share of draws around the board's weights
    with i strictly above j; ``tolerance`` replaces the scoring resolution when given."""
    res = resolution(problem)
    if tolerance is not None:
        res = replace(res, tolerance=tolerance)
    ids = problem.option_ids
    ranked = [int(i) for i in order[:DETAIL_OPTIONS]]
    pairs: list[ClosePair] = []
    close = np.zeros((len(ranked), len(ranked)), dtype=bool)
    for p, a in enumerate(ranked):
        for q in range(p + 1, len(ranked)):
            b = ranked[q]
            margin = float(totals[a] - totals[b])
            swaps = None if board_pairwise is None else float(board_pairwise[b, a])
            by_res = margin < res.tolerance
            by_weights = swaps is not None and swaps > flip_share
            if by_res or by_weights:
                close[p, q] = True
                pairs.append(ClosePair(better=ids[a], worse=ids[b], margin=margin, swaps=swaps,
                                       by_resolution=by_res, by_weights=by_weights))
    groups: list[tuple[str, ...]] = []
    start = 0
    while start < len(ranked):
        end = start + 1
        while end < len(ranked) and close[start:end, end].all():
            end += 1
        if end - start > 1:
            groups.append(tuple(ids[i] for i in ranked[start:end]))
        start = end
    member = {o: k for k, g in enumerate(groups) for o in g}
    loose = tuple(pr for pr in pairs
                  if member.get(pr.better, -1) != member.get(pr.worse, -2))
    return Closeness(resolution=res, flip_share=flip_share, pairs=tuple(pairs),
                     groups=tuple(groups), loose=loose)
