"""The Green Book's economic case as written in YAML (HM Treasury, *The Green Book*, 2022).

- ``objectives`` (spending objectives, SMART: each with a ``measure`` and a date ``by``)
  and ``critical_success_factors`` in ``appraisal.yaml``; a criterion may name the ones
  it ``serves``;
- ``options_framework``: the dimensions of the options framework filter (default: the
  guidance's five, scope, service solution, service delivery, implementation, funding),
  and on each option its ``framework``: per dimension the choice, its status (preferred,
  carried forward, discounted) and the reason, assessed ``against`` objectives and
  factors;
- an option's ``role`` on the short list (business as usual, do minimum, preferred way
  forward);
- ``costing`` (base year, units, optimism bias defaults, discount rates, willingness to
  pay) and on each option its ``costs`` and monetised ``benefits`` by year.

Rules that need several items (years before the base year, roles given twice, unknown
dimensions or ids) are in :mod:`.greenbook_checks`; the arithmetic is in
:mod:`appraisal.core.money` and :mod:`appraisal.analysis.frontier`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ..core.money import GREEN_BOOK_RATES, OPTIMISM_BIAS
from .modelbase import Frozen, Id, Number, check_order, shorthand

Role = Literal["business_as_usual", "do_minimum", "preferred_way_forward"]
ROLE_NAMES: dict[str, str] = {
    "business_as_usual": "business as usual",
    "do_minimum": "do minimum",
    "preferred_way_forward": "preferred way forward",
}
Status = Literal["preferred", "carried_forward", "discounted"]
STATUS_NAMES: dict[str, str] = {
    "preferred": "preferred", "carried_forward": "carried forward", "discounted": "discounted"}


class Objective(Frozen):
    """A spending objective, SMART: specific (``description``), measurable (``measure``)
    and time-bound (``by``)."""

    id: Id
    name: str = Field(min_length=1, description="A short label.")
    description: str = Field(default="", description="The objective in full.")
    measure: str = Field(min_length=1, description="How its achievement is measured.")
    by: date = Field(description="The date by which it is to be met.")


class SuccessFactor(Frozen):
    """A critical success factor: what the chosen option must have to succeed (the
    guidance's five: strategic fit and business needs, potential value for money,
    supplier capacity and capability, potential affordability, potential achievability)."""

    id: Id
    name: str = Field(min_length=1, description="A short label.")
    description: str = Field(default="", description="The factor in full.")


class Dimension(Frozen):
    """One dimension of the options framework filter."""

    id: Id
    name: str = Field(min_length=1, description="Its name, as the paper prints it.")
    question: str = Field(default="", description="The question the dimension answers.")


DEFAULT_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(id="scope", name="Scope", question="What is in scope, and how much?"),
    Dimension(id="solution", name="Service solution",
              question="How could the service be provided?"),
    Dimension(id="delivery", name="Service delivery", question="Who could deliver it?"),
    Dimension(id="implementation", name="Implementation",
              question="When and how could it be implemented?"),
    Dimension(id="funding", name="Funding", question="How could it be funded?"),
)
"""The Green Book's five dimensions (2022, paras 4.23-4.32 and Box 6)."""


class OptionsFramework(Frozen):
    """The dimensions of the options framework filter."""

    dimensions: tuple[Dimension, ...] = Field(
        default=DEFAULT_DIMENSIONS, min_length=1,
        description="The dimensions (default: scope, solution, delivery, implementation, "
                    "funding).")


class FrameworkEntry(Frozen):
    """An option's choice on one dimension of the framework, and the verdict on it."""

    choice: str = Field(min_length=1, description="The option's choice on this dimension.")
    status: Status = Field(description="preferred, carried_forward or discounted.")
    reason: str = Field(default="", description="Why (required: the guidance asks for the "
                                                "reason for every choice kept or discounted).")
    against: tuple[Id, ...] = Field(default=(), description="The objectives and critical "
                                    "success factors it was assessed against (ids).")


def _amount(value: Any) -> Any:
    if value is None:
        raise ValueError("an amount; found nothing (in a {...} mapping a number written "
                         "with a thousands comma, such as 1,200, is read as two entries: "
                         "write 1200)")
    return shorthand(value, "an amount, or a mapping with value (and optionally low, high)")


class Amount(Frozen):
    """One year's amount, with its uncertainty (``low``/``high`` default to the line's
    ``uncertainty``, else to the amount)."""

    value: Number = Field(description="The amount, in the costing's units at base-year "
                                      "real prices.")
    low: Number | None = Field(default=None, description="The lowest plausible amount.")
    high: Number | None = Field(default=None, description="The highest plausible amount.")

    @model_validator(mode="after")
    def _ordered(self) -> Amount:
        check_order(self.low, self.value, self.high)
        return self


AmountEntry = Annotated[Amount, BeforeValidator(_amount)]


_FINANCIAL_YEAR = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")


def _year_keys(value: Any) -> Any:
    """Year keys as integers: 2018, '2018', or a financial year '2018/19' or '2018-19'
    (its first calendar year) when the second part follows the first; one year written
    two ways ('2018' and '2018/19') is an error, not a silent merge."""
    if not isinstance(value, dict):
        return value
    out: dict[Any, Any] = {}
    written: dict[Any, Any] = {}
    for key, amount in value.items():
        year = key
        if isinstance(key, str):
            found = _FINANCIAL_YEAR.match(key.strip())
            if found:
                first, second = int(found.group(1)), int(found.group(2))
                if second % 100 != (first + 1) % 100:
                    raise ValueError(f"a year such as 2018 or 2018/19; found '{key}' (the "
                                     "second year does not follow the first)")
                year = first
            elif key.strip().isdigit():
                year = int(key.strip())
        if year in written:
            raise ValueError(f"each year once; found {year} twice (written "
                             f"{written[year]} and {key})")
        written[year] = key
        out[year] = amount
    return out


class Uncertainty(Frozen):
    """A line's uncertainty in percent of each year's amount: ``low`` at most 0, ``high``
    at least 0 (e.g. -10 and +40)."""

    low: Number = Field(default=0.0, le=0, ge=-100, description="Percent below (<= 0).")
    high: Number = Field(default=0.0, ge=0, description="Percent above (>= 0).")


class MoneyLine(Frozen):
    """A line of monetised benefits by year."""

    name: str = Field(min_length=1, description="What the line is.")
    rationale: str = Field(default="", description="Where the figures come from.")
    uncertainty: Uncertainty | None = Field(
        default=None, description="Percent below and above each year's amount, "
                                  "where a year states no low and high.")
    years: Annotated[dict[int, AmountEntry], BeforeValidator(_year_keys)] = Field(
        min_length=1, description="Year (2018, or the financial year 2018/19) -> amount "
                                  "(a number, or value, low, high).")


class CostLine(MoneyLine):
    """A line of costs by year: capital or revenue, uplifted for optimism bias."""

    kind: Literal["capital", "revenue"] = Field(description="capital or revenue.")
    optimism_bias: Number | None = Field(
        default=None, ge=0, description="Uplift in percent (default: the costing's for "
                                        "its kind).")


class Rate(Frozen):
    """A discount rate from a year of the appraisal period on."""

    from_year: int = Field(ge=0, description="The first year (0 = the base year).")
    rate: Number = Field(ge=0, le=100, description="Percent a year.")


class OptimismBias(Frozen):
    """Default optimism bias uplifts, percent, by kind of cost (default: the guidance's
    upper bound for the costing's ``project_type``, else 0)."""

    capital: Number | None = Field(default=None, ge=0, description="Percent on capital "
                                   "costs.")
    revenue: Number | None = Field(default=None, ge=0, description="Percent on revenue "
                                   "(operating) costs.")


ProjectType = Literal[tuple(OPTIMISM_BIAS)]  # type: ignore[valid-type]


class Costing(Frozen):
    """How costs are stated and discounted."""

    base_year: int = Field(ge=1000, le=9999, description="Year 0 of the appraisal: the first "
                           "year of costs, and the year of the real prices.")
    years: Literal["financial", "calendar"] = Field(
        default="financial", description="financial: 2018 is printed 2018/19.")
    price_base: str = Field(default="", description="The price base in words, e.g. "
                                                    "'2018/19 prices'.")
    amounts_in: Literal["pounds", "thousands", "millions"] = Field(
        default="pounds", description="The unit of every amount.")
    project_type: ProjectType | None = Field(  # type: ignore[valid-type]
        default=None, description="The project type of the optimism bias guidance (Table "
        "2), whose upper bounds are the default uplifts: capital expenditure for buildings, "
        "civil engineering and equipment/development, operating expenditure for "
        "outsourcing.")
    optimism_bias: OptimismBias = Field(default=OptimismBias(), description="Default "
                                        "uplifts by kind (lines may state their own).")
    discount_rates: tuple[Rate, ...] = Field(
        default=tuple(Rate(from_year=y, rate=round(r * 100, 9)) for y, r in GREEN_BOOK_RATES),
        min_length=1, description="The discount rate schedule (default: the Green Book's "
                                  "social time preference rate, Table 6.1).")
    willingness_to_pay: Number | None = Field(
        default=None, gt=0, description="What the board would pay for one benefit point, "
                                        "in the costing's units (optional).")
    source: str = Field(default="", description="Where the cost estimates come from.")
    notes: Annotated[tuple[str, ...], BeforeValidator(
        lambda v: [v] if isinstance(v, str) else v)] = Field(
        default=(), description="Costing assumptions, paragraphs for the paper.")

    def uplift(self, kind: str) -> tuple[float, str]:
        """The default uplift (percent) on a line of ``kind`` and where it comes from."""
        stated = self.optimism_bias.capital if kind == "capital" else self.optimism_bias.revenue
        if stated is not None:
            return float(stated), "stated"
        if self.project_type is not None:
            capex, _, _, _ = OPTIMISM_BIAS[self.project_type]
            outsourcing = self.project_type == "outsourcing"
            if (kind == "revenue") == outsourcing:
                return float(capex), f"guidance, {self.project_type.replace('_', ' ')}"
        return 0.0, "none"

    @model_validator(mode="after")
    def _schedule(self) -> Costing:
        starts = [r.from_year for r in self.discount_rates]
        if starts[0] != 0 or starts != sorted(set(starts)):
            raise ValueError("discount_rates starting at from_year 0, in increasing years; "
                             "found from_year " + ", ".join(str(s) for s in starts))
        return self
