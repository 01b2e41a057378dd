"""Every member's view: each member's weights and own ranking, the spread of every
weight across members, which members' weights change the leader, the least change of a
member's weights that would change their own first choice, and how often each option
leads over the weightings the members span.

Two models of "the weightings the members span", over the leaf weights:

- **hull** (:class:`MembersHull`): mixtures w = sum_k lambda_k w_k of the members'
  weights with lambda uniform on the simplex (Dirichlet(1, ..., 1)). Every draw lies in
  the convex hull of the members' weights; the draws are not uniform over the hull's
  volume (they crowd towards the members' mean), which reads as "blends of the members'
  views".
- **box** (:class:`~.sampling.WeightRanges`): every leaf weight uniform between its
  lowest and highest share among the members, the weights summing to 1 (exact
  rejection sampling on the simplex). It covers more than the hull: combinations no
  member holds, each weight within the members' range.

The least change of a member's weights is the L1 linear programme of :mod:`.distance`
started from the member's weights: the smallest share of the total weight to move for
any other option to be jointly first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..core.ordering import competition_ranks
from ..core.problem import FloatArray, IntArray, Problem
from ..methods import Method
from .distance import Move, node_matrix, solve_move, total_moved
from .sampling import WeightRanges, into
from .smaa import Run, SmaaResult, smaa_runs


@dataclass(frozen=True)
class Person:
    """Who a member is: ``id``, ``name`` as a reader sees it and ``role`` (may be "")."""

    id: str
    name: str
    role: str = ""


@dataclass(frozen=True, kw_only=True)
class MemberView:
    """One member (or the group): ``weights`` on the leaf criteria (sum 1), ``totals``
    and ``ranks`` of the short list under them, ``first`` the options ranked first,
    and ``shift`` the least change of these weights putting ``shift_to`` jointly first
    (None when no other option can lead or the method is not linear)."""

    member_id: str
    name: str
    role: str
    weights: FloatArray
    totals: FloatArray
    ranks: IntArray
    first: tuple[str, ...]
    shift: Move | None
    shift_to: str | None

    def changes_leader(self, board_first: Sequence[str]) -> bool:
        """Whether this view's first choice differs from the board's."""
        return set(self.first) != set(board_first)


@dataclass(frozen=True, kw_only=True)
class MembersAnalysis:
    """Everything about the members' views of one criteria set (see the module
    docstring). ``spread_low``/``spread_high``/``spread_mean`` are each leaf
    criterion's share of the total across members; ``hull`` and ``box`` the Monte
    Carlo over the members' span (None when not run)."""

    criterion_ids: tuple[str, ...]
    board: MemberView
    group: MemberView
    members: tuple[MemberView, ...]
    spread_low: FloatArray
    spread_high: FloatArray
    spread_mean: FloatArray
    means: dict[str | None, str]
    hull: SmaaResult | None = None
    box: SmaaResult | None = None
    member_raw: FloatArray | None = None  # (members, nodes): raw weights on the tree
    group_raw: FloatArray | None = None  # (nodes,)

    @property
    def changing(self) -> tuple[MemberView, ...]:
        """The members whose own first choice is not the board's."""
        return tuple(m for m in self.members if m.changes_leader(self.board.first))


class MembersHull:
    """Mixtures of the members' weights with Dirichlet(1, ..., 1) mixing weights."""

    def __init__(self, weights: FloatArray) -> None:
        self.weights = np.asarray(weights, dtype=float)

    @property
    def m(self) -> int:
        return int(self.weights.shape[1])

    def sample(self, rng: np.random.Generator, k: int,
               out: FloatArray | None = None) -> FloatArray:
        mix = rng.dirichlet(np.ones(self.weights.shape[0]), size=k)
        return into(mix @ self.weights, out)

    def describe(self) -> str:
        return (f"blends of the {self.weights.shape[0]} members' weights (mixing shares "
                "uniform on the simplex)")


def members_box(weights: FloatArray) -> WeightRanges:
    """Each leaf weight within the members' lowest and highest share."""
    w = np.asarray(weights, dtype=float)
    return WeightRanges(w.min(axis=0), w.max(axis=0))


SPANS = ("hull", "box")
"""The names of the two Monte Carlo runs over the members' span (:func:`span_models`)."""


def span_models(member_weights: FloatArray) -> dict[str, MembersHull | WeightRanges]:
    """The two models of the members' span by name: blends ("hull") and ranges ("box")."""
    w = np.asarray(member_weights, dtype=float)
    return {"hull": MembersHull(w), "box": members_box(w)}


def _view(problem: Problem, method: Method, values: FloatArray | None, nodes: FloatArray,
          who: Person, weights: FloatArray) -> MemberView:
    totals = np.asarray(method.score(problem.with_weights(weights), weights), dtype=float)
    ranks = competition_ranks(totals)
    first = tuple(problem.option_ids[i] for i in np.flatnonzero(ranks == 1))
    best: tuple[Move, str] | None = None
    if values is not None:
        nearest: tuple[float, int] | None = None
        for i in np.argsort(-totals, kind="stable"):
            if ranks[i] == 1:
                continue
            moved = total_moved(values, int(i), weights)
            if moved is not None and (nearest is None or moved < nearest[0] - 1e-12):
                nearest = (moved, int(i))
        if nearest is not None:
            found = solve_move(values, nearest[1], weights, 0.0, nodes,
                               problem.criterion_ids)
            if found is not None:
                best = (found, problem.option_ids[nearest[1]])
    return MemberView(member_id=who.id, name=who.name, role=who.role, weights=weights,
                      totals=totals, ranks=ranks, first=first,
                      shift=best[0] if best else None, shift_to=best[1] if best else None)


def analyse_members(problem: Problem, method: Method, members: Sequence[Person],
                    member_weights: FloatArray, group_weights: FloatArray,
                    board_weights: FloatArray,
                    means: dict[str | None, str], *, samples: int = 0, seed: int = 0,
                    score_uncertainty: bool = False,
                    runs: Mapping[str, SmaaResult] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> MembersAnalysis:
    """Every member's view of ``problem`` (the short list): ``members`` who they are,
    ``member_weights`` their leaf weights (rows sum to 1, in ``members``' order),
    ``group_weights`` and ``board_weights`` the group's and the board's. With ``samples``
    the Monte Carlo over the members' span runs (hull and box, sharing score draws),
    unless ``runs`` brings it already run (the runs of :func:`span_models` by name, e.g.
    from the sensitivity analysis's pass)."""
    w = np.asarray(member_weights, dtype=float)
    m = problem.shape[1]
    values = (np.asarray(method.score(problem, np.eye(m)), dtype=float).T
              if method.linear_in_weights else None)
    nodes = node_matrix(problem.tree)
    board = _view(problem, method, values, nodes, Person("board", "The board"),
                  np.asarray(board_weights, dtype=float))
    group = _view(problem, method, values, nodes, Person("group", "The members together"),
                  np.asarray(group_weights, dtype=float))
    views = tuple(_view(problem, method, values, nodes, who, row)
                  for who, row in zip(members, w, strict=True))
    spans: Mapping[str, SmaaResult] = runs if runs is not None else {}
    if runs is None and samples and len(members) > 1:
        spans = smaa_runs(problem, method,
                          {name: Run(model, confidence=False)
                           for name, model in span_models(w).items()},
                          samples=samples, seed=seed, score_uncertainty=score_uncertainty,
                          progress=progress)
    return MembersAnalysis(criterion_ids=problem.criterion_ids, board=board, group=group,
                           members=views, spread_low=w.min(axis=0), spread_high=w.max(axis=0),
                           spread_mean=w.mean(axis=0), means=dict(means),
                           hull=spans.get("hull"), box=spans.get("box"))
