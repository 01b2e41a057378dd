"""Costs over time: optimism bias, discounting and present values (NumPy only).

Discounting follows HM Treasury's Green Book (2022), Table 6.1: the social time
preference rate is 3.5% a year for years 0 to 30, then 3.0% (31-75), 2.5% (76-125),
2.0% (126-200), 1.5% (201-300) and 1.0% from year 301. The discount factor of year t is
the product of the yearly factors up to it, ``D_t = D_{t-1} / (1 + r_t)`` with
``D_0 = 1``, so the rate that applies changes the factor from the first year of its
band (Green Book Annex A6: year 10 at 3.5% is 0.7089, year 30 is 0.3563).

Optimism bias is an uplift in percent on each line's amounts (Green Book 2022,
paras 5.61-5.65 and the supplementary guidance): ``amount * (1 + uplift / 100)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .problem import BoolArray, FloatArray, IntArray

GREEN_BOOK_RATES: tuple[tuple[int, float], ...] = (
    (0, 0.035), (31, 0.030), (76, 0.025), (126, 0.020), (201, 0.015), (301, 0.010))
"""(first year, rate) of each band of the Green Book's discount schedule (Table 6.1)."""

OPTIMISM_BIAS: dict[str, tuple[float, float, float | None, float | None]] = {
    "standard_buildings": (24, 2, 4, 1),
    "non_standard_buildings": (51, 4, 39, 2),
    "standard_civil_engineering": (44, 3, 20, 1),
    "non_standard_civil_engineering": (66, 6, 25, 3),
    "equipment_development": (200, 10, 54, 10),
    "outsourcing": (41, 0, None, None),
}
"""HM Treasury, *Supplementary Green Book Guidance: Optimism Bias* (2003), Table 2
"Optimism Bias Guidelines", from Mott MacDonald (2002): per project type, the upper and
lower bounds of the uplift on capital expenditure and on works duration, in percent.
For outsourcing the uplift is on operating expenditure, and there is no duration
figure (N/A)."""


def yearly_rates(years: int, schedule: Sequence[tuple[int, float]] = GREEN_BOOK_RATES
                 ) -> FloatArray:
    """The rate that applies in each year 0 .. ``years`` - 1 under ``schedule`` ((first
    year, rate) bands, the first starting at 0, in increasing years)."""
    if years < 0:
        raise ValueError("years must be >= 0")
    if not schedule or schedule[0][0] != 0:
        raise ValueError("a discount schedule starts at year 0")
    starts = np.array([s for s, _ in schedule])
    rates = np.array([r for _, r in schedule], dtype=float)
    band = np.searchsorted(starts, np.arange(years), side="right") - 1
    out: FloatArray = rates[band]
    return out


def discount_factors(years: int, schedule: Sequence[tuple[int, float]] = GREEN_BOOK_RATES
                     ) -> FloatArray:
    """Discount factors of years 0 .. ``years`` - 1: ``D_0 = 1``, ``D_t = D_{t-1} /
    (1 + r_t)`` with ``r_t`` the rate of year t's band (so a constant rate r gives
    ``1 / (1 + r)^t``)."""
    r = yearly_rates(years, schedule)
    if years == 0:
        return np.empty(0)
    growth = np.concatenate(([1.0], 1.0 + r[1:]))
    out: FloatArray = 1.0 / np.cumprod(growth)
    return out


def uplifted(amounts: FloatArray, uplift_percent: FloatArray) -> FloatArray:
    """Amounts (..., lines, years) with each line's optimism bias uplift applied
    (``uplift_percent`` per line)."""
    factor = 1.0 + np.asarray(uplift_percent, dtype=float) / 100.0
    out: FloatArray = amounts * factor[:, None]
    return out


def present_values(amounts: FloatArray, factors: FloatArray, owner: Sequence[int] | IntArray,
                   owners: int) -> FloatArray:
    """Present value per owner (option) of lines of amounts by year.

    ``amounts`` is (..., lines, years) (any leading axes, e.g. Monte Carlo draws),
    ``factors`` the discount factor of each year, ``owner[k]`` the owner of line k.
    Returns (..., owners): the sum over each owner's lines of ``amount_t * D_t``.
    """
    return by_owner(amounts @ factors, owner, owners)


def by_owner(per_line: FloatArray, owner: Sequence[int] | IntArray, owners: int
             ) -> FloatArray:
    """Lines' values (..., lines) summed per owner (..., owners)."""
    out: FloatArray = per_line @ owner_matrix(owner, owners)
    return out


def owner_matrix(owner: Sequence[int] | IntArray, owners: int) -> FloatArray:
    """The (lines, owners) 0/1 matrix with a 1 where line k belongs to owner j: a
    product with it adds each owner's lines."""
    index = np.asarray(owner, dtype=np.intp)
    out = np.zeros((index.size, owners))
    out[np.arange(index.size), index] = 1.0
    return out


@dataclass(frozen=True, kw_only=True)
class MoneyLines:
    """Lines of amounts by year (costs, or monetised benefits) as arrays.

    ``owner[k]`` is the option (row) of line k, ``amount``, ``low`` and ``high`` its
    amounts by year of the appraisal period, (lines, years), at base-year real prices
    and before any uplift; ``uplift`` the optimism bias per line in percent;
    ``capital`` marks capital lines (costs only).
    """

    owner: IntArray
    names: tuple[str, ...]
    capital: BoolArray
    uplift: FloatArray
    amount: FloatArray
    low: FloatArray
    high: FloatArray

    @property
    def uncertain(self) -> bool:
        return bool(np.any(self.low != self.amount) or np.any(self.high != self.amount))

    def totals(self) -> FloatArray:
        """Each line's amounts over the period, undiscounted and before any uplift,
        summed exactly (``math.fsum``: 2.5 + 2.5 + 2.5 + 2.5 is 10, never 9.999...)."""
        return np.array([math.fsum(row) for row in self.amount], dtype=float)


@dataclass(frozen=True, kw_only=True)
class CostModel:
    """Costs and monetised benefits of options over the appraisal period.

    Year t of the period is ``base_year + t``; ``factors[t]`` its discount factor.
    ``costs`` and ``benefits`` own rows of ``option_ids``; ``costed`` marks the options
    with at least one cost line.
    """

    option_ids: tuple[str, ...]
    base_year: int
    factors: FloatArray
    costs: MoneyLines
    benefits: MoneyLines

    @property
    def years(self) -> int:
        return int(self.factors.size)

    @property
    def costed(self) -> BoolArray:
        out = np.zeros(len(self.option_ids), dtype=bool)
        out[self.costs.owner] = True
        return out

    @property
    def valued(self) -> BoolArray:
        out = np.zeros(len(self.option_ids), dtype=bool)
        out[self.benefits.owner] = True
        return out
