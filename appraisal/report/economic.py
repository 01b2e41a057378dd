"""The paper's economic case (Green Book) in the body: objectives and critical success
factors, the options framework filter, the short list with its roles, net present
costs against benefit with the value-for-money chart and the switching values; the
financial implications drawn from the cost data; and the recommendation's item on value
for money. Formatting only: every figure comes from the pipeline's result. The
appendices of the framework in full and of costs by year are in
:mod:`.economic_appendix`."""

from __future__ import annotations

import math
from dataclasses import replace

from ..analysis.value import ValueForMoney
from ..input.greenbook import Costing
from ..input.models import iter_criteria
from ..pipeline import AppraisalResult
from ..pipeline.economic import uses_green_book
from ..presentation import formatting as fmt
from ..presentation.greenbook import warnings
from ..presentation.value import (
    framework_rows,
    frontier_sentence,
    money,
    objective_names,
    switching_sentences,
    unit_words,
    value_rows,
    year_label,
)
from .blocks import SectionBuilder, table
from .value_chart import value_chart


def _objectives(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    a = result.appraisal
    if a.objectives:
        names = [fmt.in_sentence(o.name)
                 + f" (by {fmt.long_date(o.by)})" for o in a.objectives]
        s.para("The appraisal follows HM Treasury's Green Book. The programme's spending "
               "objectives are: " + fmt.joined(names)
               + f". {appendix} gives each in full with its measure"
               + (", and the objectives each criterion serves." if serving_rows(result)
                  else "."))
    if a.critical_success_factors:
        s.para("The critical success factors against which the options were assessed are: "
               + fmt.joined([fmt.in_sentence(f.name)
                             for f in a.critical_success_factors]) + ".")


def serving_rows(result: AppraisalResult) -> list[list[str]]:
    a = result.appraisal
    names = objective_names(a)
    cs = a.criteria_set(result.criteria_set)
    return [[c.name, "; ".join(names.get(x, x) for x in c.serves)]
            for c in iter_criteria(cs.criteria) if c.serves]


def _framework(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    a = result.appraisal
    rows = framework_rows(a)
    if not any(c["choice"] for r in rows for c in r["cells"]):
        return
    dims = a.options_framework.dimensions
    s.para("The long list was generated and filtered with the Green Book's options "
           f"framework: each option's choice on {fmt.count(len(dims), 'dimension')} ("
           + fmt.joined([fmt.in_sentence(d.name) for d in dims])
           + ") was preferred, carried forward or discounted against the objectives and "
           f"critical success factors; {appendix} gives every choice with its reason. The "
           "gates remain the must-pass test: the short list is the options that pass them.")
    names = {d.id: fmt.in_sentence(d.name) for d in dims}
    numbers = {o.id: o.number for o in a.options}
    preferred, discounted, rest = [], [], []
    for r in rows:
        number = numbers[r["id"]]
        who = f"option {number}" if number is not None else r["label"]
        # dimensions in the framework's order (a set's order would vary from run to run)
        on = [c["dimension"] for c in r["cells"] if c["status_id"] == "discounted"]
        best = [c["dimension"] for c in r["cells"] if c["status_id"] == "preferred"]
        if on:
            discounted.append(f"{who} on {fmt.joined([names[d] for d in on])}")
        elif best:
            every = len(best) == len(dims)
            preferred.append(who + ("" if every else " on "
                                    + fmt.joined([names[d] for d in best])))
        elif any(c["choice"] for c in r["cells"]):
            rest.append((number, who))
    parts = []
    if preferred:
        parts.append(f"preferred: {fmt.joined(preferred)}" + (
            " (on every dimension)" if all(" on " not in p for p in preferred) else ""))
    if discounted:
        parts.append(f"discounted: {fmt.joined(discounted)}")
    if rest:
        numbered = all(n is not None for n, _ in rest)
        listed = (("option " if len(rest) == 1 else "options ")
                  + fmt.joined([str(n) for n, _ in rest]) if numbered
                  else fmt.joined([w for _, w in rest]))
        parts.append(f"carried forward on every dimension assessed: {listed}")
    if parts:
        s.para(fmt.cap("; ".join(parts)) + ".")


def _shortlist(s: SectionBuilder, result: AppraisalResult) -> None:
    """The short list (the options passing the gates, as the screening counts them) by
    role, and apart from it any role holder that fails a gate: business as usual is then
    the benchmark beside the short list, never on it."""
    a = result.appraisal
    short = set(result.ranking.problem.option_ids)
    labels = {o.id: (o.name if o.number is None else f"option {o.number}, {o.name}")
              for o in a.options}
    words = {"business_as_usual": "business as usual", "do_minimum": "the do-minimum option",
             "preferred_way_forward": "the preferred way forward"}
    parts, apart = [], []
    for role in ("business_as_usual", "do_minimum", "preferred_way_forward"):
        holder = next((o for o in a.options if o.role == role), None)
        if holder is None:
            continue
        if holder.id in short:
            parts.append(f"{words[role]} ({labels[holder.id]})")
        elif role == "business_as_usual":
            apart.append(f"Business as usual ({labels[holder.id]}) fails a gate, so it is not "
                         "on the short list: it is kept beside it as the benchmark every "
                         "option is measured against.")
        else:
            apart.append(f"{fmt.cap(words[role])} ({labels[holder.id]}) fails a gate, so it "
                         "is not on the short list.")
    others = [o for o in a.options if o.id in short and not o.role]
    if others:
        numbered = all(o.number is not None for o in others)
        listed = (("option " if len(others) == 1 else "options ")
                  + fmt.joined([str(o.number) for o in others]) if numbered
                  else fmt.joined([o.name for o in others]))
        parts.append(f"{fmt.count(len(others), 'other viable alternative')} ({listed})")
    if parts:
        s.para(" ".join([f"The short list, the {fmt.count(len(short), 'option')} that pass "
                         "the gates, holds " + fmt.joined(parts) + ".", *apart]))
    elif apart:
        s.para(" ".join(apart))
    for w in warnings(result):
        s.para(f"Note: {w}.")


def _value(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    v, a = result.value, result.appraisal
    costing = a.costing
    if v is None or costing is None:
        return
    years = v.yearly.shape[1]
    first, last = year_label(v.base_year, costing), year_label(v.base_year + years - 1, costing)
    s.para(f"Each option's costs over the {fmt.count(years, 'year')} from {first} to {last} "
           f"are in {costing.price_base or 'real prices'}, uplifted for optimism bias and "
           f"discounted to {first} at the Green Book's social time preference rate (3.5% a "
           "year for the first 30 years). The table sets each option's net present cost "
           "beside its benefit (its weighted total in points out of 100), both measured "
           f"from business as usual; {appendix} gives the costs year by year"
           + (" and the assumptions they rest on." if costing.notes else "."))
    rows = value_rows(v, costing)
    npsv = v.valued
    vs_bau = npsv and v.benchmark is not None
    head = ["Option", "Points", f"Net present cost ({unit_words(costing)})", "Cost vs BAU",
            "Points vs BAU"] + (["Net present social value vs BAU" if vs_bau else
                                 "Net present social value"] if npsv else []) + \
        ["Value for money", "Cost per extra point"]
    body = []
    for r in rows:
        name = r["label"] + (" (business as usual)" if r["benchmark"] else "")
        social = (r["npsv_vs_bau"] or "-") if vs_bau else r["npsv"]
        body.append([name, r["points"], r["npc"], r["delta_cost"] or "-",
                     r["delta_points"] or "-", *([social] if npsv else []),
                     r["status"], r["icer"] or "-"])
    s.table(table("value", "Net present cost and benefit, cheapest first", head, body,
                  [False, True, True, True, True, *([True] if npsv else []), False, True]))
    s.chart(replace(value_chart("chart-value", v, costing), table=None,
             data_note="The data behind the chart are in the table above."))
    s.para(frontier_sentence(v))
    for sentence in switching_sentences(v, costing):
        s.para(sentence)
    _uncertainty(s, v, costing)
    if v.left_out:
        s.para("Left out of the comparison for want of costs: " + ", ".join(v.left_out) + ".")


def _uncertainty(s: SectionBuilder, v: ValueForMoney, costing: Costing) -> None:
    u = v.uncertainty
    if u is None or v.preferred is None:
        return
    p = v.preferred
    kind = "costs and scores" if u.scores_drawn else "costs"
    low, high = money(float(u.cost_low[p]), costing), money(float(u.cost_high[p]), costing)
    spread = (f"its net present cost lies between {low} and {high} in nine draws out of ten"
              if low != high else f"its net present cost is {low} in nine draws out of ten")
    text = (f"With the {kind} drawn within their stated ranges ({u.samples:,} random draws), "
            f"{v.labels[p]} is on the frontier in {fmt.pct(float(u.on_frontier[p]), 0)} of "
            f"the draws; {spread}")
    if u.best_value is not None and v.wtp is not None:
        at = money(v.wtp, costing, precise=True)
        text += (f", and at {at} a point it gives the most net benefit in "
                 f"{fmt.pct(float(u.best_value[p]), 0)} of them")
    s.para(text + ".")


def economic_section(s: SectionBuilder, result: AppraisalResult, framework_appendix: str,
                     costs_appendix: str) -> None:
    """The body section "The economic case"."""
    if not uses_green_book(result.appraisal):
        return
    _objectives(s, result, framework_appendix)
    _framework(s, result, framework_appendix)
    _shortlist(s, result)
    _value(s, result, costs_appendix)


def financial_paragraphs(result: AppraisalResult) -> list[str]:
    """The financial implications drawn from the cost data: the preferred option's costs,
    capital and revenue, undiscounted and discounted, against business as usual."""
    v, a = result.value, result.appraisal
    costing = a.costing
    if v is None or costing is None or v.preferred is None:
        return []
    p = v.preferred
    years = v.yearly.shape[1]
    span = (f"{year_label(v.base_year, costing)} to "
            f"{year_label(v.base_year + years - 1, costing)}")
    total = float(v.undiscounted[p])
    who = "preferred way forward" if v.preferred_is_role else "leading option"
    text = (f"Over the {fmt.count(years, 'year')} from {span}, the {who}, {v.labels[p]}, "
            f"would cost {money(total, costing)} in {costing.price_base or 'real prices'} "
            f"including optimism bias, a net present cost of {money(float(v.cost[p]), costing)}"
            f" ({money(float(v.capital[p]), costing)} capital, "
            f"{money(float(v.revenue[p]), costing)} revenue)")
    b = v.benchmark
    if b is not None and b != p:
        diff = float(v.cost[p] - v.cost[b])
        more = "more" if diff >= 0 else "less"
        text += (f", {money(abs(diff), costing)} {more} than business as usual "
                 f"({money(float(v.cost[b]), costing)})")
    out = [text + "."]
    if not math.isnan(float(v.npsv[p])):
        out.append(f"Its monetised benefits have a present value of "
                   f"{money(float(v.benefits_pv[p]), costing)}, a net present social value "
                   f"of {money(float(v.npsv[p]), costing)}.")
    return out


def value_recommendation(result: AppraisalResult) -> str | None:
    """The recommendation's item on value for money (None without costs or when the
    preferred option is not the one the recommendation takes forward): its place on the
    frontier, its net present cost against business as usual and, at the stated
    willingness to pay, the cost overrun that would make another option better value.
    Amounts only, never a share of random draws."""
    v, costing = result.value, result.appraisal.costing
    lead = result.ranking.leader
    if v is None or costing is None or v.preferred is None or lead is None \
            or v.option_ids[v.preferred] != lead.id or v.switching is None:
        return None
    p, s = v.preferred, v.switching
    label = lead.name if lead.number is None else f"option {lead.number}"
    cost = money(float(v.cost[p]), costing, precise=True)
    b = v.benchmark
    against = "" if b is None or b == p else (
        f", {money(abs(float(v.cost[p] - v.cost[b])), costing)} "
        f"{'more' if v.cost[p] >= v.cost[b] else 'less'} than business as usual")
    if v.frontier.status[p] != "frontier":
        return (f"notes that {label} is not on the value-for-money frontier: at a net "
                f"present cost of {cost}{against}, other options give as much benefit "
                "for less")
    text = f"notes that {label} is on the value-for-money frontier at a net present cost " \
           f"of {cost}{against}"
    if s.wtp is not None and s.rival is not None and s.wtp_overrun is not None:
        at = money(s.wtp, costing, precise=True)
        rival = v.labels[s.rival].split(".", 1)[0]
        if s.wtp_overrun >= 0:
            share = s.wtp_overrun / abs(float(v.cost[p])) if v.cost[p] else float("nan")
            text += (f", and is the best value at {at} a benefit point unless its cost "
                     f"rises by more than {money(s.wtp_overrun, costing, precise=True)}"
                     + (f" ({fmt.pct(share, 1)})" if share == share else "")
                     + f", when option {rival} would be")
        else:
            text += (f", but at {at} a benefit point option {rival} gives more net benefit "
                     f"(by {money(-s.wtp_overrun, costing, precise=True)})")
    return text
