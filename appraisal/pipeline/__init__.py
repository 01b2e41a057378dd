"""One pipeline: an appraisal and a request in, one typed result out.

:func:`run` compiles the requested criteria set once, ranks the options, compares the
scenarios of the set and, when asked, runs every sensitivity analysis. ``rank``,
``sensitivity`` and ``report`` (CLI and Python) all consume its
:class:`AppraisalResult`; nothing downstream compiles or scores again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from ..analysis.closeness import FLIP_SHARE
from ..analysis.ranking import Ranking, rank_problem
from ..core.limits import DEFAULT_SAMPLES, MAX_NUMBER, MAX_SAMPLES, MAX_SEED
from ..core.problem import CriteriaTree, Problem, Weighting
from ..errors import UsageError
from ..input.compile import compile_problem, resolve_set, scenarios_of, weighting
from ..input.derive import (
    Derived,
    board_derived,
    board_raw,
    group_raw,
    member_derived,
    member_raw,
)
from ..input.models import Appraisal, CriteriaSet, Member, Scenario
from ..methods import Method, get_method
from .economic import Benchmark, benchmark_of, shortlist_warnings, value_of

if TYPE_CHECKING:
    from ..analysis.members import MembersAnalysis
    from ..analysis.sampling import WeightModel
    from ..analysis.scenarios import ScenarioComparison
    from ..analysis.sensitivity import Sensitivity
    from ..analysis.smaa import SmaaResult
    from ..analysis.value import ValueForMoney


@dataclass(frozen=True)
class Request:
    """What to compute.

    ``criteria``, ``scenario`` (an id of the appraisal's, or a
    :class:`~appraisal.input.models.Scenario`) and ``weights`` (criterion id -> raw
    weight, any level of the tree) choose the weighting; ``method`` defaults to the
    appraisal's. With ``sensitivity`` every sensitivity analysis runs, with ``samples``
    Monte Carlo draws (0 skips them) seeded by ``seed`` (default: the appraisal's), the
    scores drawn within their stated ranges when ``score_uncertainty`` (None: when any
    score states a range). The draws "over any weighting" are uniform within each group
    of the criteria tree, or over the leaf weights with ``weights_over="leaves"``;
    ``weight_ranges`` (criterion id -> (low, high) share of its group) or ``rankings``
    (each a ranking of one group's criteria: tuples of ids, most important first, ids in
    one tuple weighing the same) restrict them (:mod:`appraisal.analysis.weightspec`).
    ``tolerance`` replaces the scoring resolution and ``flip_share`` sets the swaps that
    make options indistinguishable (:mod:`appraisal.analysis.closeness`).
    The value for money (:mod:`.economic`) is computed whenever options have costs, its
    Monte Carlo with the sensitivity analysis or ``value_uncertainty``; ``wtp`` replaces
    the costing's willingness to pay per benefit point.
    ``weights_from`` chooses whose weights are analysed: "board" (the criteria's own or
    derived, :mod:`appraisal.input.derive`), "group" (the members' taken together) or a
    member's id; ``members`` limits the members counted (default: all who weigh the
    set). The members' views (:mod:`appraisal.analysis.members`) come with the
    sensitivity analysis, or alone with ``member_views``.
    """

    criteria: str | None = None
    scenario: str | Scenario | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    method: str | None = None
    sensitivity: bool = False
    samples: int = DEFAULT_SAMPLES
    seed: int | None = None
    score_uncertainty: bool | None = None
    weights_over: str = "tree"
    weight_ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rankings: tuple[tuple[tuple[str, ...], ...], ...] = ()
    tolerance: float | None = None
    flip_share: float = FLIP_SHARE
    weights_from: str = "board"
    members: tuple[str, ...] = ()
    member_views: bool = False  # the members' views without the sensitivity analysis
    wtp: float | None = None  # willingness to pay per benefit point (default: the costing's)
    value_uncertainty: bool = False  # the value-for-money Monte Carlo without sensitivity


@dataclass(frozen=True)
class WeightOrigin:
    """How the weights came about: the board's derived groups of the criteria set
    (``board``), each member's (``members``, in the appraisal's order, only those
    weighing this set and chosen by the request), the mean used per group for the
    group's weights (``means``), and whose weights were analysed (``weights_from``:
    "board", "group" or a member id; ``label`` names it for a reader). ``raws`` are the
    members' raw weights on every node (in ``members``' order) and ``group`` the
    group's, derived once here for every later use."""

    board: tuple[Derived, ...]
    members: tuple[tuple[Member, tuple[Derived, ...]], ...]
    means: dict[str | None, str]
    weights_from: str
    label: str
    raws: tuple[dict[str, float], ...] = ()
    group: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AppraisalResult:
    """Everything computed for one request.

    ``long_list`` is the whole long list compiled (screened-out options included);
    ``ranking`` the short list ranked under the requested weights; ``weightings`` the
    weightings compared (the requested one when it differs from the base, the base
    weights, then every scenario of the criteria set) and ``scenarios`` their
    comparison; ``sensitivity`` every sensitivity analysis. The last two are None
    unless the request asked for the sensitivity analysis. ``benchmark`` is business as
    usual (kept even when it fails a gate), ``value`` the value for money (None without
    costs) and ``warnings`` what the short list lacks against the Green Book.
    """

    appraisal: Appraisal
    method: Method
    seed: int
    long_list: Problem
    ranking: Ranking
    weightings: tuple[Weighting, ...]
    scenarios: ScenarioComparison | None
    sensitivity: Sensitivity | None
    origin: WeightOrigin | None = None
    members: MembersAnalysis | None = None
    benchmark: Benchmark | None = None
    value: ValueForMoney | None = None
    warnings: tuple[str, ...] = ()

    @property
    def criteria_set(self) -> str:
        return self.long_list.criteria_set

    @property
    def scenario(self) -> str | None:
        return self.long_list.scenario

    @property
    def overrides(self) -> dict[str, float]:
        return dict(self.long_list.overrides)

    @property
    def weights_label(self) -> str:
        """Whose weights the results use, for a reader ('' for the board's own)."""
        if self.origin is None or self.origin.weights_from == "board":
            return ""
        return self.origin.label

    @property
    def title(self) -> str:
        return self.appraisal.title

    @property
    def input_digest(self) -> str:
        return self.appraisal.input_digest


def _weightings(appraisal: Appraisal, long_list: Problem,
                label: str = "As analysed") -> tuple[Weighting, ...]:
    """The base weights and every scenario of the criteria set, preceded by the weights
    analysed when they are none of those (a scenario analysed is not counted twice)."""
    set_id = long_list.criteria_set
    out = [weighting(appraisal, set_id, None)]
    out.extend(weighting(appraisal, set_id, sc) for sc in scenarios_of(appraisal, set_id))
    tree = long_list.tree
    if not any(np.array_equal(w.raw, tree.raw_weight) for w in out):
        out.insert(0, Weighting("analysed", label, tree.raw_weight,
                                tree.leaf_weights()))
    return tuple(out)


def run(appraisal: Appraisal, request: Request = Request(), *,
        progress: Callable[[int, int], None] | None = None) -> AppraisalResult:
    """Compute ``request`` for ``appraisal`` (see :class:`Request` and
    :class:`AppraisalResult`); ``progress(done, total)`` reports Monte Carlo draws."""
    if not 0 <= request.samples <= MAX_SAMPLES:
        raise UsageError(f"samples must be from 0 to {MAX_SAMPLES:,}; found {request.samples}")
    if request.seed is not None and not 0 <= request.seed <= MAX_SEED:
        raise UsageError(f"the seed must be from 0 to {MAX_SEED:,}; found {request.seed}")
    if request.wtp is not None and not 0 < request.wtp <= MAX_NUMBER:
        raise UsageError("the willingness to pay must be above 0 and at most "
                         f"{MAX_NUMBER:g}; found {request.wtp:g}")
    method = get_method(request.method or appraisal.method)
    seed = appraisal.seed if request.seed is None else request.seed
    cs = resolve_set(appraisal, request.criteria, request.scenario)
    origin, own = _origin(appraisal, cs, request)
    long_list = compile_problem(appraisal, request.criteria, request.scenario, request.weights,
                                base=own)
    ranking = rank_problem(long_list, method)
    weightings: tuple[Weighting, ...] = ()
    scenarios = sensitivity = None
    if request.sensitivity:
        from ..analysis.scenarios import compare_scenarios
        from ..analysis.sensitivity import analyse, check_analysable
        from ..analysis.weightspec import any_weights, board_weights

        check_analysable(ranking)
        weightings = _weightings(
            appraisal, long_list,
            "As analysed" if origin.weights_from == "board" else fmt_label(origin.label))
        scenarios = compare_scenarios(ranking.problem, method, weightings)
        short = ranking.problem
        ranged = _scores_uncertain(short, request)
        base_raw = weightings[-1 - len(scenarios_of(appraisal, long_list.criteria_set))].raw
        spans: list[WeightModel] = []
        if len(origin.members) > 1:
            from ..analysis.members import span_models

            spans = list(span_models(_member_leaf_weights(origin, short.tree)))
        rankings = request.rankings
        if not rankings and not request.weight_ranges and request.weights_over == "tree":
            rankings = tuple(d.ranking for d in origin.board if d.ordinal)
        sensitivity = analyse(
            ranking, method, scenarios=scenarios, samples=request.samples, seed=seed,
            score_uncertainty=ranged,
            any_weights=any_weights(short, request.weights_over, request.weight_ranges,
                                    rankings),
            board_weights=board_weights(short, base_raw),
            tolerance=request.tolerance, flip_share=request.flip_share,
            extra_models=spans, progress=progress)
    members = None
    if origin.members and (request.sensitivity or request.member_views):
        shared = sensitivity.extra if sensitivity is not None and sensitivity.extra else None
        members = _members(cs, origin, ranking, method, request, seed,
                           (shared[0], shared[1]) if shared else None)
    value = value_of(appraisal, long_list, method, ranking, wtp=request.wtp,
                     samples=request.samples
                     if request.sensitivity or request.value_uncertainty else 0,
                     seed=seed, score_uncertainty=_scores_uncertain(long_list, request))
    return AppraisalResult(appraisal=appraisal, method=method, seed=seed, long_list=long_list,
                           ranking=ranking, weightings=weightings, scenarios=scenarios,
                           sensitivity=sensitivity, origin=origin, members=members,
                           benchmark=benchmark_of(appraisal, long_list, method, ranking),
                           value=value, warnings=shortlist_warnings(appraisal, ranking))


_ROLES = ("cabinet", "director", "chief", "head", "chair", "leader", "deputy", "member",
          "assistant", "portfolio", "monitoring", "section", "s151", "finance", "lead",
          "councillor", "executive", "corporate", "strategic", "service", "programme")


def who(name: str) -> str:
    """A member's name inside a sentence: 'the Director of ...' for a role, a person's
    name as it is."""
    first = name.split(" ", 1)[0].lower()
    return f"the {name}" if first in _ROLES else name


def fmt_label(label: str) -> str:
    """'the weights of X' -> 'The weights of X' (a weighting's name)."""
    return label[:1].upper() + label[1:]


def _origin(appraisal: Appraisal, cs: CriteriaSet,
            request: Request) -> tuple[WeightOrigin, dict[str, float] | None]:
    """How the weights came about, and the raw weights replacing the board's (None:
    the board's own)."""
    chosen = [appraisal.member(m) for m in request.members] if request.members else [
        m for m in appraisal.members if appraisal.criteria_set(m.criteria_set).id == cs.id]
    for m in chosen:
        if appraisal.criteria_set(m.criteria_set).id != cs.id:
            raise UsageError(f"member '{m.id}' weighs the criteria set "
                             f"'{appraisal.criteria_set(m.criteria_set).id}', not '{cs.id}'")
    raws = tuple(member_raw(appraisal, m) for m in chosen)
    group, means = group_raw(appraisal, chosen, cs) if chosen else ({}, {})
    own: dict[str, float] | None = None
    label = "the board's weights"
    source = request.weights_from
    if source == "group":
        if not chosen:
            raise UsageError("--weights-from group needs members (members/*.yaml or "
                             "members: in a single file); this appraisal has none")
        own, label = group, "the members' weights taken together"
    elif source != "board":
        member = appraisal.member(source)
        if appraisal.criteria_set(member.criteria_set).id != cs.id:
            raise UsageError(f"member '{member.id}' weighs another criteria set")
        own = member_raw(appraisal, member)
        label = f"the weights of {who(member.name)}"
    origin = WeightOrigin(board=board_derived(cs),
                          members=tuple((m, member_derived(appraisal, m)) for m in chosen),
                          means=means, weights_from=source, label=label, raws=raws,
                          group=group)
    return origin, own


def _on_tree(tree: CriteriaTree, raw: Mapping[str, float]) -> np.ndarray:
    """Raw weights by criterion id as an array in the tree's node order."""
    return np.array([raw[c] for c in tree.ids], dtype=float)


def _member_leaf_weights(origin: WeightOrigin, tree: CriteriaTree) -> np.ndarray:
    """The chosen members' leaf weights on the analysed tree (rows in their order)."""
    return np.array([tree.leaf_weights(_on_tree(tree, raw)) for raw in origin.raws])


def _scores_uncertain(problem: Problem, request: Request) -> bool:
    """The request's score_uncertainty, or (None) whether any score states a range."""
    if request.score_uncertainty is not None:
        return request.score_uncertainty
    return bool(np.any(problem.low != problem.scores) or np.any(problem.high != problem.scores))


def _members(cs: CriteriaSet, origin: WeightOrigin, ranking: Ranking, method: Method,
             request: Request, seed: int,
             runs: tuple[SmaaResult, SmaaResult] | None) -> MembersAnalysis:
    from ..analysis.members import analyse_members

    short = ranking.problem
    tree = short.tree
    views = analyse_members(
        short, method, [(m.id, m.name, m.role) for m, _ in origin.members],
        _member_leaf_weights(origin, tree), tree.leaf_weights(_on_tree(tree, origin.group)),
        tree.leaf_weights(_on_tree(tree, board_raw(cs))), origin.means,
        samples=request.samples, seed=seed, score_uncertainty=_scores_uncertain(short, request),
        runs=runs)
    return replace(views, member_raw=np.array([_on_tree(tree, r) for r in origin.raws]),
                   group_raw=_on_tree(tree, origin.group))


def rank(appraisal: Appraisal, criteria: str | None = None,
         scenario: str | Scenario | None = None, weights: Mapping[str, float] | None = None,
         method: str | None = None) -> AppraisalResult:
    """Rank the options of ``appraisal``: :func:`run` without the sensitivity analysis."""
    return run(appraisal, Request(criteria=criteria, scenario=scenario,
                                  weights=dict(weights or {}), method=method))
