"""The value for money and the options framework as JSON-ready data (``appraisal value``
and ``appraisal longlist --format json``): amounts in the costing's unit, every figure
from :class:`~appraisal.analysis.value.ValueForMoney`."""

from __future__ import annotations

from typing import Any

from ..pipeline import AppraisalResult
from .export import whose
from .greenbook import warnings
from .value import (
    framework_rows,
    frontier_sentence,
    objective_names,
    role_label,
    switching_sentences,
    unit_words,
    year_label,
)


def value_to_dict(result: AppraisalResult) -> dict[str, Any]:
    """The value-for-money analysis as JSON-ready data (amounts in the costing's unit)."""
    from .export import _version, clean

    v = result.value
    a = result.appraisal
    costing = a.costing
    head: dict[str, Any] = {
        "tool": f"appraisal {_version()}", "input_digest": result.input_digest,
        "seed": result.seed, "criteria_set": result.criteria_set,
        "scenario": result.scenario, "weight_overrides": result.overrides,
        **whose(result), "warnings": list(warnings(result))}
    if v is None or costing is None:
        return {**head, "value_for_money": None}
    f = v.frontier
    u = v.uncertainty
    options = []
    for i, oid in enumerate(v.option_ids):
        b = v.benchmark
        options.append({
            "id": oid, "label": v.labels[i], "role": role_label(a, oid) or None,
            "fails_gates": bool(v.fails_gates[i]), "benefit_points": v.benefit[i],
            "npc": v.cost[i], "npc_before_optimism_bias": v.cost_before_bias[i],
            "capital_pv": v.capital[i], "revenue_pv": v.revenue[i],
            "benefits_pv": v.benefits_pv[i], "npsv": v.npsv[i],
            "npsv_vs_benchmark": None if b is None else v.npsv[i] - v.npsv[b],
            "cost_vs_benchmark": None if b is None else v.cost[i] - v.cost[b],
            "points_vs_benchmark": None if b is None else v.benefit[i] - v.benefit[b],
            "frontier": f.status[i],
            "dominated_by": [v.option_ids[j] for j in f.by[i]],
            "icer": f.icer[i],
            "costs_by_year": {year_label(v.base_year + t, costing): v.yearly[i, t]
                              for t in range(v.yearly.shape[1])},
            "npc_p5": u.cost_low[i] if u else None, "npc_p95": u.cost_high[i] if u else None,
            "on_frontier_share": u.on_frontier[i] if u else None,
            "best_value_share": u.best_value[i] if u and u.best_value is not None else None,
        })
    s = v.switching
    out: dict[str, Any] = clean({
        **head,
        "value_for_money": {
            "units": unit_words(costing), "base_year": costing.base_year,
            "price_base": costing.price_base,
            "discount_factors": {year_label(v.base_year + t, costing): v.factors[t]
                                 for t in range(v.factors.size)},
            "willingness_to_pay": v.wtp,
            "benchmark": v.option_ids[v.benchmark] if v.benchmark is not None else None,
            "preferred": v.option_ids[v.preferred] if v.preferred is not None else None,
            "frontier": [v.option_ids[i] for i in f.order],
            "options": options,
            "left_out_without_costs": list(v.left_out),
            "switching_values": None if s is None else {
                "cost_overrun": s.overrun, "cost_overrun_share": s.overrun_share,
                "benefit_shortfall_points": s.shortfall,
                "benefit_shortfall_share": s.shortfall_share,
                "rival_at_wtp": v.option_ids[s.rival] if s.rival is not None else None,
                "cost_overrun_at_wtp": s.wtp_overrun,
                "benefit_shortfall_at_wtp": s.wtp_shortfall},
            "best_value_wtp_range": list(v.best_range) if v.best_range else None,
            "samples": u.samples if u else 0,
            "sentences": [frontier_sentence(v), *switching_sentences(v, costing)],
        }})
    return out


def serves_rows(result: AppraisalResult) -> list[dict[str, Any]]:
    """Each criterion of the analysed set with the objectives and factors it serves."""
    from ..input.models import iter_criteria

    a = result.appraisal
    names = objective_names(a)
    cs = a.criteria_set(result.criteria_set)
    return [{"id": c.id, "name": c.name, "serves": [names.get(s, s) for s in c.serves]}
            for c in iter_criteria(cs.criteria) if c.serves]


def longlist_to_dict(result: AppraisalResult) -> dict[str, Any]:
    """The options framework as JSON-ready data."""
    from .export import _version, clean

    a = result.appraisal
    failed = {s.id: s for s in result.ranking.screened_out}
    rows = framework_rows(a)
    for row in rows:
        row["passes_gates"] = row["id"] not in failed
    out: dict[str, Any] = clean({
        "tool": f"appraisal {_version()}", "input_digest": result.input_digest,
        "criteria_set": result.criteria_set,
        "dimensions": [d.model_dump() for d in a.options_framework.dimensions],
        "objectives": [{**o.model_dump(), "by": o.by.isoformat()} for o in a.objectives],
        "critical_success_factors": [f.model_dump() for f in a.critical_success_factors],
        "criteria_serve": serves_rows(result),
        "options": rows, "warnings": list(warnings(result))})
    return out
