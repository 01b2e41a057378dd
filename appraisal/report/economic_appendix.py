"""The appendices of the economic case: the spending objectives in full with the
criteria that serve them and every option's choice in the options framework; costs by
year with every cost and benefit line (the optimism bias applied to each, as compiled);
and the method statement's paragraphs on costs and value for money."""

from __future__ import annotations

import numpy as np

from ..input.greenbook import MoneyLine
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation.value import (
    framework_rows,
    money,
    objective_names,
    unit_words,
    uplift_note,
    year_label,
)
from .blocks import Numbering, SectionBuilder, table
from .economic import serving_rows


def framework_appendix(result: AppraisalResult) -> SectionBuilder:
    """The spending objectives in full, the criteria and what they serve, and every
    option's choice on every dimension, with its status and reason."""
    s = SectionBuilder("appendix-framework", "Objectives and the options framework",
                       Numbering(enabled=False))
    a = result.appraisal
    if a.objectives:
        s.table(table("objectives", "Spending objectives", ["Objective", "Measure", "By"],
                      [[o.name + (f": {o.description}" if o.description else ""), o.measure,
                        fmt.long_date(o.by)] for o in a.objectives], [False, False, False]))
    serving = serving_rows(result)
    if serving:
        s.table(table("criteria-serve", "The criteria and the objectives they serve",
                      ["Criterion", "Serves"], serving, [False, False]))
    rows = framework_rows(a)
    if not any(c["choice"] for r in rows for c in r["cells"]):
        return s
    dims = {d.id: d.name for d in a.options_framework.dimensions}
    names = objective_names(a)
    for d in a.options_framework.dimensions:
        if d.question:
            s.bullets([f"{d.name}: {d.question}" for d in a.options_framework.dimensions
                       if d.question])
            break
    body = []
    for r in rows:
        for c in r["cells"]:
            if c["choice"]:
                against = "; ".join(names.get(x, x) for x in c["against"])
                body.append([r["label"], dims[c["dimension"]], c["choice"], c["status"],
                             c["reason"] + (f" (assessed against: {against})" if against
                                            else "")])
    s.table(table("framework-full", "Each option's choices, their status and the reasons",
                  ["Option", "Dimension", "Choice", "Status", "Reason"], body,
                  [False] * 5))
    return s


def costs_appendix(result: AppraisalResult) -> SectionBuilder:
    """Costs by year per option, the discount factors, and every cost line."""
    s = SectionBuilder("appendix-costs", "Costs by year", Numbering(enabled=False))
    v, a = result.value, result.appraisal
    costing = a.costing
    if v is None or costing is None:
        return s
    years = [year_label(v.base_year + t, costing) for t in range(v.yearly.shape[1])]
    s.para(f"Costs in {unit_words(costing)}, {costing.price_base or 'real prices'}, with "
           "optimism bias, by year; the last column is the net present cost."
           + (f" Source: {costing.source}" if costing.source else ""))
    if costing.notes:
        s.para("The costs rest on these assumptions:")
        s.bullets(list(costing.notes))
    body = [[v.labels[i], *(money(float(x), costing) for x in v.yearly[i]),
             money(float(v.cost[i]), costing)] for i in v.by_cost]
    body.append(["Discount factor", *(f"{f:.4f}" for f in v.factors), ""])
    s.table(table("costs-by-year", "Costs by year and net present cost",
                  ["Option", *years, "NPC"], body, [False] + [True] * (len(years) + 1)))
    lines = []
    by_id = {o.id: o for o in a.options}
    cost_totals, benefit_totals = v.costs.totals(), v.benefits.totals()
    for oid, label, row in zip(v.option_ids, v.labels, v.rows, strict=True):
        # the lines compiled for this option, in the order its YAML states them
        costs = np.flatnonzero(v.costs.owner == row)
        for k, line in zip(costs, by_id[oid].costs, strict=True):
            lines.append([label, line.name, line.kind, f"{fmt.plain(v.costs.uplift[k])}%",
                          money(float(cost_totals[k]), costing), _range(line),
                          line.rationale])
        benefits = np.flatnonzero(v.benefits.owner == row)
        for k, benefit in zip(benefits, by_id[oid].benefits, strict=True):
            lines.append([label, benefit.name, "benefit", "-",
                          money(float(benefit_totals[k]), costing), _range(benefit),
                          benefit.rationale])
    s.para(uplift_note(costing) + " A range is the line's low and high in percent of "
           "each year's amount, or given year by year; the Monte Carlo draws within it.")
    s.table(table("cost-lines", "Every cost and monetised benefit line: kind, optimism "
                  "bias, undiscounted total before the uplift, range and basis",
                  ["Option", "Line", "Kind", "Optimism bias", "Total", "Range", "Basis"],
                  lines, [False, False, False, True, True, False, False]))
    return s


def _range(line: MoneyLine) -> str:
    """A line's stated uncertainty in words: '-10% to +40%', 'by year' or '-'."""
    by_year = any(e.low is not None or e.high is not None for e in line.years.values())
    if line.uncertainty is not None and (line.uncertainty.low or line.uncertainty.high):
        text = f"{fmt.plain(line.uncertainty.low)}% to +{fmt.plain(line.uncertainty.high)}%"
        return text + (", and by year" if by_year else "")
    return "by year" if by_year else "-"


def method_notes(result: AppraisalResult) -> list[str]:
    """The method statement's paragraphs on costs and value for money."""
    v, costing = result.value, result.appraisal.costing
    if v is None or costing is None:
        return []
    rates = ", ".join(f"{fmt.plain(r.rate)}% from year {r.from_year}"
                      for r in costing.discount_rates)
    return [
        "Costs are in real prices of the base year. Each cost line is uplifted for optimism "
        "bias by its percentage (the guidance's upper bound for the project type unless "
        "the line states its own: HM Treasury, Supplementary Green Book Guidance: Optimism "
        "Bias, Table 2) and discounted with the factor D_t = D_(t-1) / (1 + r_t), D_0 = 1, "
        f"at the rates {rates} (Green Book Table 6.1). Net present cost is the sum of the "
        "discounted, uplifted costs.",
        "Value for money sets each option's benefit (its weighted total) against its net "
        "present cost. An option is dominated when another costs no more and gives no less "
        "benefit; it is extendedly dominated when a mix of two other options would give at "
        "least its benefit for less (Cantor 1994). The remaining options form the "
        "frontier, and the cost per extra point is measured from the previous option on "
        "it. Options failing a gate take no part, business as usual being shown only as "
        "the benchmark.",
        "The switching values are the rise in the preferred option's net present cost, "
        "and the fall in its benefit, at which it would leave the frontier, or at which "
        "another option would give more net benefit at the stated willingness to pay.",
    ]
