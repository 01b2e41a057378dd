"""The registry of aggregation methods.

Every method has the same signature: ``score(problem, weights) -> totals`` where
``weights`` has shape (m,) or (k, m) (k weight vectors) and the result has shape (n,)
or (k, n). Higher totals are better. Methods are found only through :data:`METHODS`;
an unknown name is a :class:`~appraisal.errors.UsageError` listing the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..compile import FloatArray, Problem
from ..errors import UsageError
from . import weighted_sum

ScoreFn = Callable[[Problem, FloatArray], FloatArray]


@dataclass(frozen=True)
class Method:
    """An aggregation method. ``linear_in_weights`` is True when totals are a linear
    function of the weights for fixed scores (then sensitivity analysis is exact and
    contributions add up to the total)."""

    name: str
    label: str
    score: ScoreFn
    linear_in_weights: bool
    reference: str
    contributions: Callable[[Problem, FloatArray], FloatArray] | None = None


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("weighted-sum", "Weighted sum of linear value functions", weighted_sum.score,
               True, weighted_sum.REFERENCE, weighted_sum.contributions),
    )
}


def get_method(name: str) -> Method:
    """The registered method called ``name``."""
    try:
        return METHODS[name]
    except KeyError:
        raise UsageError(f"unknown method '{name}'; expected one of: "
                         + ", ".join(METHODS)) from None
