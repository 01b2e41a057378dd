"""Rank options: compile, screen, score with a registered method, order with ties.

Ties follow standard competition ranking ("1224"): options whose totals differ by no
more than :data:`TIE_TOLERANCE` share a rank, and the next rank skips accordingly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .compile import FloatArray, IntArray, Problem, compile_problem
from .methods import get_method
from .models import Appraisal, Scenario
from .screening import ScreenedOption, passes, screened_out

TIE_TOLERANCE = 1e-9
"""Totals (on the 0..1 value scale) closer than this are reported as ties."""


def competition_ranks(totals: FloatArray, tol: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks (1, 2, 2, 4) of ``totals`` (higher is better) along the
    last axis. Sorted totals closer than ``tol`` to their neighbour form one tie group
    (single linkage), so the result is always a valid competition ranking."""
    t = np.asarray(totals, dtype=float)
    order = np.argsort(-t, axis=-1, kind="stable")
    st = np.take_along_axis(t, order, axis=-1)
    n = t.shape[-1]
    pos = np.broadcast_to(np.arange(n), t.shape)
    new_group = np.ones(t.shape, dtype=bool)
    new_group[..., 1:] = (st[..., :-1] - st[..., 1:]) > tol
    start = np.maximum.accumulate(np.where(new_group, pos, 0), axis=-1)
    ranks = np.empty(t.shape, dtype=np.intp)
    np.put_along_axis(ranks, order, start + 1, axis=-1)
    return ranks


@dataclass(frozen=True)
class RankedOption:
    id: str
    name: str
    number: int | None
    rank: int
    score: float
    contributions: dict[str, float]
    tied_with: tuple[str, ...]


@dataclass(frozen=True)
class RankResult:
    """The ranking of the options that pass the gates, best first."""

    title: str
    criteria_set: str
    scenario: str | None
    method: str
    problem: Problem  # shortlisted options only
    weights: dict[str, float]  # normalised leaf weights
    ranking: tuple[RankedOption, ...]
    screened_out: tuple[ScreenedOption, ...]
    input_digest: str
    overrides: dict[str, float]

    @property
    def leader(self) -> RankedOption:
        return self.ranking[0]

    @property
    def ties(self) -> tuple[tuple[str, ...], ...]:
        """Groups of option ids that share a rank."""
        groups: dict[int, list[str]] = {}
        for r in self.ranking:
            groups.setdefault(r.rank, []).append(r.id)
        return tuple(tuple(g) for g in groups.values() if len(g) > 1)


def rank_problem(problem: Problem, method: str = "weighted-sum") -> tuple[
        Problem, FloatArray, IntArray, FloatArray | None]:
    """Shortlist (gates) and score a compiled problem: (shortlist, totals, ranks,
    contributions or None when the method has none)."""
    meth = get_method(method)
    short = problem.subset(passes(problem))
    totals = meth.score(short, short.weights) if short.shape[0] else np.zeros(0)
    contrib = meth.contributions(short, short.weights) if meth.contributions else None
    return short, totals, competition_ranks(totals), contrib


def rank(appraisal: Appraisal, criteria: str | None = None,
         scenario: str | Scenario | None = None,
         weights: Mapping[str, float] | None = None, method: str | None = None) -> RankResult:
    """Rank the options of ``appraisal`` (see :func:`~appraisal.compile.compile_problem`
    for how ``criteria``, ``scenario`` and ``weights`` combine). ``method`` defaults to
    the appraisal's own (``weighted-sum``)."""
    method = method or appraisal.method
    problem = compile_problem(appraisal, criteria, scenario, weights)
    short, totals, ranks, contrib = rank_problem(problem, method)
    order = np.lexsort((np.arange(len(totals)), ranks))
    by_rank: dict[int, list[str]] = {}
    for i in order:
        by_rank.setdefault(int(ranks[i]), []).append(short.option_ids[i])
    ranking = []
    for i in order:
        oid = short.option_ids[i]
        ranking.append(RankedOption(
            id=oid, name=short.option_names[i], number=short.option_numbers[i],
            rank=int(ranks[i]), score=float(totals[i]),
            contributions={} if contrib is None else {
                c: float(contrib[i, j]) for j, c in enumerate(short.criterion_ids)},
            tied_with=tuple(o for o in by_rank[int(ranks[i])] if o != oid)))
    return RankResult(
        title=appraisal.title, criteria_set=problem.criteria_set, scenario=problem.scenario,
        method=method, problem=short,
        weights={c: float(w) for c, w in zip(problem.criterion_ids, problem.weights, strict=True)},
        ranking=tuple(ranking), screened_out=screened_out(problem),
        input_digest=appraisal.input_digest, overrides=dict(problem.overrides))
