"""The registry of aggregation methods.

Every method has the same signature: ``score(problem, weights) -> totals`` where
``weights`` has shape (m,) or (k, m) (k weight vectors) and the result has shape (n,)
or (k, n). Higher totals are better. Methods are found only through :data:`METHODS`;
an unknown name is a :class:`~appraisal.errors.UsageError` listing the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.problem import FloatArray, Problem
from ..errors import UsageError
from . import weighted_sum

ScoreFn = Callable[[Problem, FloatArray], FloatArray]
ValuesFn = Callable[[Problem], FloatArray]


@dataclass(frozen=True, kw_only=True)
class Method:
    """An aggregation method.

    ``linear_in_weights``: totals are a linear function of the weights for fixed scores
    (then sensitivity analysis is exact). ``values``, when given, returns the (n, m)
    per-criterion values with ``score(problem, w) == values(problem) @ w``: anything
    holding those values (the HTML paper's what-if panel) can re-rank without the
    method's code. ``contributions`` returns the (n, m) parts of each total.
    """

    name: str
    label: str
    score: ScoreFn
    linear_in_weights: bool
    reference: str
    contributions: ScoreFn | None = None
    values: ValuesFn | None = None


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(name="weighted-sum", label="Weighted sum of linear value functions",
               score=weighted_sum.score, linear_in_weights=True,
               reference=weighted_sum.REFERENCE, contributions=weighted_sum.contributions,
               values=weighted_sum.values),
    )
}


def get_method(name: str) -> Method:
    """The registered method called ``name``."""
    try:
        return METHODS[name]
    except KeyError:
        raise UsageError(f"unknown method '{name}'; expected one of: "
                         + ", ".join(METHODS)) from None
