"""Rank the options of a compiled problem: screen, score with a method, order with ties.

The result carries every number a reader of the ranking needs (totals, ranks,
contributions, the gap to the leader, the weights as shares of their group and of the
total), so that no caller computes them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..core.ordering import best_first, competition_ranks
from ..core.problem import BoolArray, FloatArray, IntArray, Problem
from ..core.screening import ScreenedOption, passes, screened_out
from ..methods import Method
from .closeness import resolution


@dataclass(frozen=True, kw_only=True)
class RankedOption:
    """One option of the short list in ranked order (a row of the ranking table)."""

    index: int  # row in the short list
    id: str
    name: str
    number: int | None
    rank: int
    total: float
    behind: float  # the leader's total minus this option's
    contributions: dict[str, float]  # leaf criterion id -> part of the total
    tied: bool  # shares its rank with another option (Ranking.ties lists the groups)
    close_to_above: bool  # within the scores' resolution of the option ranked just above


@dataclass(frozen=True, kw_only=True)
class Ranking:
    """The options passing the gates ranked under one weighting.

    Arrays are indexed like ``problem`` (the short list, in input order): ``totals``,
    ``ranks`` (competition ranks), ``behind`` (leader's total minus each total) and
    ``contributions`` ((n, m), None when the method has none). ``order`` lists the
    short list best first. ``close_to_above`` marks an option whose total is within
    ``resolution`` of the next better total but not tied with it: the scores' resolution,
    half the effect of one scoring step on the most-weighted criterion
    (:func:`~.closeness.resolution`), so a gap the scoring itself cannot resolve.
    ``local_weights``/``global_weights`` give every node of the criteria tree its share
    of its group and of the total; ``rows`` are the short list's rows in the long list.
    """

    method: str
    problem: Problem
    screened_out: tuple[ScreenedOption, ...]
    totals: FloatArray
    ranks: IntArray
    order: IntArray
    behind: FloatArray
    contributions: FloatArray | None
    close_to_above: BoolArray
    local_weights: FloatArray
    global_weights: FloatArray
    rows: IntArray
    resolution: float = 0.0

    @cached_property
    def options(self) -> tuple[RankedOption, ...]:
        """The short list as rows, best first."""
        return tuple(self._row(int(i)) for i in self.order)

    def _row(self, i: int) -> RankedOption:
        p = self.problem
        numbers = p.option_numbers or (None,) * len(p.option_ids)
        contrib = {} if self.contributions is None else {
            c: float(self.contributions[i, j]) for j, c in enumerate(p.criterion_ids)}
        rank = self.ranks[i]
        return RankedOption(
            index=i, id=p.option_ids[i], name=p.option_names[i], number=numbers[i],
            rank=int(rank), total=float(self.totals[i]), behind=float(self.behind[i]),
            contributions=contrib, tied=bool(self._shared[rank] > 1),
            close_to_above=bool(self.close_to_above[i]))

    @cached_property
    def _shared(self) -> IntArray:
        """How many options hold each rank (indexed by rank)."""
        return np.bincount(self.ranks, minlength=len(self.ranks) + 1)

    @property
    def leader(self) -> RankedOption | None:
        """The first option (input order breaks an exact tie), None if none passed."""
        return self._row(int(self.order[0])) if len(self.order) else None

    @property
    def ties(self) -> tuple[tuple[str, ...], ...]:
        """Groups of option ids that share a rank, in rank order."""
        ids = self.problem.option_ids
        out: list[tuple[str, ...]] = []
        group: list[str] = []
        last = -1
        for i in self.order:
            if self.ranks[i] != last and len(group) > 1:
                out.append(tuple(group))
            if self.ranks[i] != last:
                group, last = [], int(self.ranks[i])
            group.append(ids[i])
        if len(group) > 1:
            out.append(tuple(group))
        return tuple(out)


def rank_problem(long_list: Problem, method: Method) -> Ranking:
    """Screen ``long_list`` with its gates and rank the rest by ``method``."""
    rows = np.flatnonzero(passes(long_list))
    short = long_list.subset(rows)
    n = short.shape[0]
    totals = np.asarray(method.score(short, short.weights), dtype=float) if n else np.zeros(0)
    ranks = competition_ranks(totals)
    contrib = (np.asarray(method.contributions(short, short.weights), dtype=float)
               if method.contributions is not None and n else None)
    order = best_first(ranks)
    behind = totals[order[0]] - totals if n else np.zeros(0)
    close = np.zeros(n, dtype=bool)
    tau = resolution(short).tolerance if n else 0.0
    if n > 1:
        gap = totals[order[:-1]] - totals[order[1:]]  # each option's distance to the one above
        above_tied = ranks[order[1:]] == ranks[order[:-1]]
        close[order[1:]] = (gap < tau) & ~above_tied
    tree = short.tree
    return Ranking(method=method.name, problem=short, screened_out=screened_out(long_list),
                   totals=totals, ranks=ranks, order=order, behind=behind,
                   contributions=contrib, close_to_above=close,
                   local_weights=tree.local_weights(),
                   global_weights=tree.global_weights(), rows=rows, resolution=tau)
