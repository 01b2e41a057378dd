"""Compile the options' costs and monetised benefits into arrays (the bridge from the
YAML model to :class:`appraisal.core.money.CostModel`).

Each line's amounts are laid on the appraisal period, year 0 being the costing's base
year and the last the latest year any line states; a line's uncertainty in percent
applies to the magnitude of each year's amount where the year states no low and high
(so "+40%" on a saving of 1.0 gives a high of -0.6: higher cost, smaller saving).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.money import CostModel, MoneyLines, discount_factors
from .greenbook import Costing, CostLine, MoneyLine
from .models import Appraisal, Option


def compile_costs(appraisal: Appraisal, option_ids: Sequence[str]) -> CostModel | None:
    """The costs and benefits of ``option_ids`` (rows in that order); None when the
    appraisal has no costing."""
    costing = appraisal.costing
    if costing is None:
        return None
    by_id = {o.id: o for o in appraisal.options}
    options = [by_id[i] for i in option_ids]
    last = max((y for o in options for line in (*o.costs, *o.benefits) for y in line.years),
               default=costing.base_year)
    years = last - costing.base_year + 1
    schedule = [(r.from_year, r.rate / 100.0) for r in costing.discount_rates]
    return CostModel(option_ids=tuple(option_ids), base_year=costing.base_year,
                     factors=discount_factors(years, schedule),
                     costs=_lines(options, costing, years, costs=True),
                     benefits=_lines(options, costing, years, costs=False))


def _lines(options: list[Option], costing: Costing, years: int, *, costs: bool
           ) -> MoneyLines:
    owner: list[int] = []
    names: list[str] = []
    capital: list[bool] = []
    uplift: list[float] = []
    rows: list[np.ndarray] = []
    for i, o in enumerate(options):
        lines: tuple[MoneyLine, ...] = o.costs if costs else o.benefits
        for line in lines:
            owner.append(i)
            names.append(line.name)
            if isinstance(line, CostLine):
                capital.append(line.kind == "capital")
                stated = line.optimism_bias
                uplift.append(costing.uplift(line.kind)[0] if stated is None else stated)
            else:
                capital.append(False)
                uplift.append(0.0)
            rows.append(_amounts(line, costing.base_year, years))
    grid = np.array(rows).reshape(len(rows), 3, years)
    return MoneyLines(owner=np.array(owner, dtype=np.intp), names=tuple(names),
                      capital=np.array(capital, dtype=bool), uplift=np.array(uplift),
                      amount=grid[:, 0].copy(), low=grid[:, 1].copy(), high=grid[:, 2].copy())


def _amounts(line: MoneyLine, base: int, years: int) -> np.ndarray:
    """(3, years): the amount, low and high of each year of the period."""
    out = np.zeros((3, years))
    pct_low = line.uncertainty.low if line.uncertainty else 0.0
    pct_high = line.uncertainty.high if line.uncertainty else 0.0
    for year, entry in line.years.items():
        t = year - base
        v = entry.value
        out[0, t] = v
        out[1, t] = v + abs(v) * pct_low / 100 if entry.low is None else entry.low
        out[2, t] = v + abs(v) * pct_high / 100 if entry.high is None else entry.high
    return out
