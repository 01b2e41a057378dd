"""Everything the paper reports, computed once by the engine and the analysis layer.

:func:`gather` runs the ranking (base weights and every scenario of the criteria set)
and, when the analysis layer is installed, the sensitivity analysis. The context
builder then only formats these result objects; it never recomputes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..compile import Problem, compile_problem
from ..models import Appraisal
from ..ranking import RankResult, rank

if TYPE_CHECKING:
    from ..analysis import Sensitivity


@dataclass(frozen=True)
class PaperInputs:
    """The results a paper is written from.

    ``long_list`` is the whole long list compiled (screened-out options included);
    ``result`` the ranking under the chosen weights; ``scenarios`` the rankings under
    each scenario defined for the same criteria set; ``sensitivity`` the
    :class:`appraisal.analysis.Sensitivity` result, or None when unavailable.
    """

    appraisal: Appraisal
    long_list: Problem
    result: RankResult
    scenarios: tuple[RankResult, ...]
    sensitivity: Sensitivity | None
    samples: int
    seed: int


def _analyse() -> Callable[..., Any] | None:
    try:
        from .. import analysis
    except ImportError:  # pragma: no cover - analysis layer not installed
        return None
    fn: Callable[..., Any] | None = getattr(analysis, "analyse", None)
    return fn


def gather(appraisal: Appraisal, criteria: str | None = None, scenario: str | None = None,
           weights: dict[str, float] | None = None, *, samples: int = 100_000,
           seed: int | None = None, progress: Callable[..., Any] | None = None,
           sensitivity: bool = True) -> PaperInputs:
    """Rank the appraisal, rank it under every scenario of the same criteria set and
    (``sensitivity``) run the sensitivity analysis with ``samples`` SMAA weightings,
    seeded by ``seed`` (default: the appraisal's own seed)."""
    seed = appraisal.seed if seed is None else seed
    result = rank(appraisal, criteria=criteria, scenario=scenario, weights=weights)
    set_id = result.criteria_set
    default_set = appraisal.criteria_set().id
    scenarios = tuple(
        rank(appraisal, criteria=set_id, scenario=sc.id)
        for sc in appraisal.scenarios if (sc.criteria_set or default_set) == set_id)
    analyse = _analyse() if sensitivity else None
    sens = None
    if analyse is not None:
        sens = analyse(appraisal, criteria=set_id, scenario=scenario, weights=weights,
                       samples=samples, seed=seed, progress=progress)
    return PaperInputs(appraisal=appraisal,
                       long_list=compile_problem(appraisal, set_id, scenario, weights),
                       result=result, scenarios=scenarios, sensitivity=sens,
                       samples=samples, seed=seed)
