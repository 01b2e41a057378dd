"""What to compute: the typed, validated :class:`Request` a run is made for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from ..analysis.closeness import FLIP_SHARE
from ..core.limits import DEFAULT_SAMPLES, MAX_NUMBER, MAX_SAMPLES, MAX_SEED
from ..errors import UsageError
from ..input.models import Scenario

WeightsOver = Literal["tree", "leaves"]
"""How "any weighting at all" is drawn: uniform within each group of the criteria tree,
or uniform over the leaf criteria's weights."""
WeightsFrom = Literal["board", "group", "member"]
"""Whose weights are analysed: the board's, the members' taken together, or one
member's (:attr:`Request.member`)."""


def whose(text: str) -> tuple[WeightsFrom, str | None]:
    """``--weights-from`` as the request takes it: "board" and "group" name themselves;
    anything else is a member's id (``("member", "director")``)."""
    if text == "board":
        return "board", None
    if text == "group":
        return "group", None
    return "member", text


@dataclass(frozen=True, kw_only=True)
class Request:
    """What to compute, checked when made (a :class:`~appraisal.errors.UsageError` for a
    value out of range or a mode that does not exist).

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
    derived, :mod:`appraisal.input.derive`), "group" (the members' taken together) or
    "member" (the member whose id is ``member``); ``members`` limits the members counted
    (default: all who weigh the set). The members' views
    (:mod:`appraisal.analysis.members`) come with the sensitivity analysis, or alone
    with ``member_views``.
    """

    criteria: str | None = None
    scenario: str | Scenario | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    method: str | None = None
    sensitivity: bool = False
    samples: int = DEFAULT_SAMPLES
    seed: int | None = None
    score_uncertainty: bool | None = None
    weights_over: WeightsOver = "tree"
    weight_ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rankings: tuple[tuple[tuple[str, ...], ...], ...] = ()
    tolerance: float | None = None
    flip_share: float = FLIP_SHARE
    weights_from: WeightsFrom = "board"
    member: str | None = None  # the member whose weights are analysed ("member" only)
    members: tuple[str, ...] = ()
    member_views: bool = False  # the members' views without the sensitivity analysis
    wtp: float | None = None  # willingness to pay per benefit point (default: the costing's)
    value_uncertainty: bool = False  # the value-for-money Monte Carlo without sensitivity

    def __post_init__(self) -> None:
        if not 0 <= self.samples <= MAX_SAMPLES:
            raise UsageError(f"samples must be from 0 to {MAX_SAMPLES:,}; found {self.samples}")
        if self.seed is not None and not 0 <= self.seed <= MAX_SEED:
            raise UsageError(f"the seed must be from 0 to {MAX_SEED:,}; found {self.seed}")
        if self.wtp is not None and not 0 < self.wtp <= MAX_NUMBER:
            raise UsageError("the willingness to pay must be above 0 and at most "
                             f"{MAX_NUMBER:g}; found {self.wtp:g}")
        if self.weights_over not in get_args(WeightsOver):
            raise UsageError("weights_over must be one of: "
                             + ", ".join(get_args(WeightsOver))
                             + f"; found '{self.weights_over}'")
        if self.weights_from not in get_args(WeightsFrom):
            raise UsageError("weights_from must be one of: " + ", ".join(get_args(WeightsFrom))
                             + f"; found '{self.weights_from}'")
        if (self.weights_from == "member") != bool(self.member):
            raise UsageError("a member's id is needed with weights_from 'member', and only "
                             f"then; found weights_from '{self.weights_from}' and member "
                             f"{self.member!r}")
        if not 0 <= self.flip_share <= 1:
            raise UsageError(f"flip_share must be from 0 to 1; found {self.flip_share:g}")
        if self.tolerance is not None and not self.tolerance >= 0:
            raise UsageError(f"the tolerance must be 0 or more; found {self.tolerance:g}")

    @property
    def weights_source(self) -> str:
        """Whose weights, as ``--weights-from`` writes it: "board", "group" or the
        member's id."""
        return self.member if self.weights_from == "member" and self.member else \
            self.weights_from
