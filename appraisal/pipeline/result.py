"""What a run returns: the typed :class:`AppraisalResult` (numbers and facts, no prose)
and :class:`WeightOrigin`, how the weights analysed came about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis.ranking import Ranking
from ..core.problem import FloatArray, Problem, Weighting
from ..input.derive import Derived
from ..input.models import Appraisal, Member
from ..methods import Method
from .economic import Benchmark, ShortlistGap
from .request import WeightsFrom

if TYPE_CHECKING:
    from ..analysis.members import MembersAnalysis
    from ..analysis.scenarios import ScenarioComparison
    from ..analysis.sensitivity import Sensitivity
    from ..analysis.value import ValueForMoney


@dataclass(frozen=True, kw_only=True)
class MemberOrigin:
    """One member counted: the ``member`` (from ``members/``), the groups they weighed
    (``derived``) and their raw weight on every node of the criteria tree (``raw``: the
    board's where they judged no group)."""

    member: Member
    derived: tuple[Derived, ...]
    raw: dict[str, float]


@dataclass(frozen=True, kw_only=True)
class WeightOrigin:
    """How the weights came about: the board's derived groups of the criteria set
    (``board``), each member counted (``members``, in the appraisal's order, only those
    weighing this set and chosen by the request), the mean used per group for the
    group's weights (``means``), the group's raw weights on every node (``group``), and
    whose weights were analysed (``source``; ``member`` is that member when it is one)."""

    board: tuple[Derived, ...]
    members: tuple[MemberOrigin, ...]
    means: dict[str | None, str]
    source: WeightsFrom
    member: Member | None = None
    group: dict[str, float] = field(default_factory=dict)

    @property
    def weights_from(self) -> str:
        """Whose weights, as ``--weights-from`` and the run record write it: "board",
        "group" or the member's id."""
        return self.member.id if self.source == "member" and self.member else self.source


@dataclass(frozen=True, kw_only=True)
class AppraisalResult:
    """Everything computed for one request.

    ``long_list`` is the whole long list compiled (screened-out options included),
    ``long_totals`` its totals at the analysed weights (0 to 1, scored once: the
    benchmark and the value for money read them) and ``long_values`` its per-criterion
    values (None when the method has none); ``ranking`` the short list ranked under the
    requested weights; ``weightings`` the weightings compared (the requested one when it
    differs from the base, the base weights, then every scenario of the criteria set)
    and ``scenarios`` their comparison; ``sensitivity`` every sensitivity analysis. The
    last two are None unless the request asked for the sensitivity analysis.
    ``benchmark`` is business as usual (kept even when it fails a gate), ``value`` the
    value for money (None without costs) and ``shortlist`` what the short list lacks
    against the Green Book.
    """

    appraisal: Appraisal
    method: Method
    seed: int
    long_list: Problem
    long_totals: FloatArray
    long_values: FloatArray | None
    ranking: Ranking
    weightings: tuple[Weighting, ...]
    scenarios: ScenarioComparison | None
    sensitivity: Sensitivity | None
    origin: WeightOrigin | None = None
    members: MembersAnalysis | None = None
    benchmark: Benchmark | None = None
    value: ValueForMoney | None = None
    shortlist: tuple[ShortlistGap, ...] = ()

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
    def title(self) -> str:
        return self.appraisal.title

    @property
    def input_digest(self) -> str:
        return self.appraisal.input_digest
