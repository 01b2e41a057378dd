"""Results as JSON-ready dicts and CSV rows (no computation here).

Shares and weights are fractions of 1; totals are on the 0..1 value scale; NaN (e.g. a
central weight vector of an option never ranked first) becomes null. Same inputs and
seed give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from ..analysis.score_switching import ScoreSwitch
from ..pipeline import AppraisalResult
from .whose import scenario_names

if TYPE_CHECKING:
    from ..analysis.smaa import SmaaResult
from . import summary as words

WEIGHTS_NOTE = ("Weights are normalised among siblings and multiplied down the criteria "
                "tree; the leaf weights shown sum to 1.")


def to_json(data: Any) -> str:
    """Stable JSON: keys in the order given (it is meaningful), 2-space indent."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def clean(x: Any) -> Any:
    """NumPy arrays and scalars -> lists and numbers, NaN and infinities -> None,
    tuples -> lists, recursively."""
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (np.floating, float)):
        f = float(x)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.bool_):
        return bool(x)
    return x


def _version() -> str:
    from .._version import __version__

    return __version__


def leaf_weights(result: AppraisalResult) -> dict[str, float]:
    """Leaf criterion id -> normalised weight used."""
    p = result.long_list
    return {c: float(w) for c, w in zip(p.criterion_ids, p.weights, strict=True)}


def whose(result: AppraisalResult) -> dict[str, Any]:
    """Whose weights a JSON output used, so that ``appraisal verify`` can make the same
    run again: ``weights_from`` ("board", "group" or a member's id) and the members
    counted (``members_counted``)."""
    origin = result.origin
    return {"weights_from": origin.weights_from if origin else "board",
            "members_counted": [m.member.id for m in origin.members] if origin else []}


def rank_to_dict(result: AppraisalResult) -> dict[str, Any]:
    """The JSON shape of ``appraisal rank --format json``."""
    r = result.ranking
    return {
        "title": result.title,
        "criteria_set": result.criteria_set,
        "scenario": result.scenario,
        "method": result.method.name,
        "weight_overrides": result.overrides,
        **whose(result),
        "weights": leaf_weights(result),
        "weights_note": WEIGHTS_NOTE,
        "ranking": [
            {"id": o.id, "number": o.number, "name": o.name, "rank": o.rank, "score": o.total,
             "tied": o.tied, "contributions": o.contributions}
            for o in r.options],
        "ties": [list(t) for t in r.ties],
        "roles": {o.id: o.role for o in result.appraisal.options if o.role},
        "benchmark": None if result.benchmark is None else {
            "id": result.benchmark.id, "score": result.benchmark.total,
            "fails_gates": result.benchmark.fails_gates},
        "net_present_cost": None if result.value is None else dict(zip(
            result.value.option_ids, map(float, result.value.cost), strict=True)),
        "screened_out": [
            {"id": s.id, "name": s.name,
             "failed_gates": [{"criterion": f.criterion, "score": f.score, "gate": f.gate,
                               "direction": "benefit" if f.benefit else "cost",
                               "reason": words.gate_reason(f)}
                              for f in s.failures]}
            for s in r.screened_out],
        "input_digest": result.input_digest,
        "tool_version": __version__,
    }


def csv_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: one starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return would be read as a formula, so it gets a leading
    apostrophe (OWASP, "CSV Injection")."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rank_to_csv(result: AppraisalResult) -> str:
    """One row per ranked option: rank, id, number, name, score, then contributions.
    Numbers are written in full precision; text is safe to open in a spreadsheet."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    crits = list(result.long_list.criterion_ids)
    writer.writerow(["rank", "id", "number", "name", "score", *map(csv_text, crits)])
    for o in result.ranking.options:
        writer.writerow([o.rank, csv_text(o.id), "" if o.number is None else o.number,
                         csv_text(o.name), repr(o.total),
                         *(repr(o.contributions.get(c, 0.0)) for c in crits)])
    return buf.getvalue()


def _by_option(ids: tuple[str, ...], values: Any) -> dict[str, Any]:
    return {o: clean(v) for o, v in zip(ids, values, strict=True)}


def _monte_carlo(r: SmaaResult | None) -> dict[str, Any] | None:
    if r is None:
        return None
    first = r.joint_first if r.joint_first is not None else r.acceptability[:, 0]
    return {
        "samples": r.samples, "seed": r.seed, "places": r.places,
        "weight_model": r.weight_model, "score_model": r.score_model,
        "criteria": list(r.criterion_ids),
        "first_or_jointly_first": _by_option(r.option_ids, first),
        "first_or_jointly_first_se": _by_option(r.option_ids, r.standard_error(first)),
        "rank_acceptability": _by_option(r.option_ids, r.acceptability),
        "rank_acceptability_se": _by_option(r.option_ids, r.standard_error(r.acceptability)),
        "central_weights": _by_option(r.option_ids, r.central_weights),
        # confidence factors mean something only when the scores are drawn too
        "confidence": _by_option(r.option_ids, r.confidence) if r.confidence_draws else None,
        "confidence_draws": r.confidence_draws,
        "pairwise_win": {o: _by_option(r.option_ids, row)
                         for o, row in zip(r.option_ids, r.pairwise, strict=True)},
    }


def _switch(x: ScoreSwitch) -> dict[str, Any]:
    """A score switching value as JSON: its fields but the first score on the scoring
    steps (the paper's; the JSON keeps the exact switching value)."""
    out: dict[str, Any] = clean({k: v for k, v in asdict(x).items() if k != "step_score"})
    return out


def sensitivity_to_dict(result: AppraisalResult) -> dict[str, Any]:
    """The JSON shape of ``appraisal sensitivity --format json``."""
    s, sc = result.sensitivity, result.scenarios
    if s is None or sc is None:
        raise ValueError("the result holds no sensitivity analysis")
    p = s.problem
    ids = p.option_ids
    options = dict(zip(ids, p.option_names, strict=True))
    criteria = dict(zip(p.tree.ids, p.tree.names, strict=True))
    monte_carlo = {name: _monte_carlo(r) for name, r in (("board", s.board),
                                                          ("anywhere", s.anywhere))}
    d = s.dominance
    members = None
    if result.members is not None:
        from .weights import weights_to_dict

        members = weights_to_dict(result)
    return {
        "title": result.title,
        "criteria_set": result.criteria_set,
        "scenario": result.scenario,
        "method": s.method,
        "exact": s.exact,
        "weight_overrides": result.overrides,
        **whose(result),
        "seed": s.seed,
        "definitions": {
            "first": "a total >= every other option's total; the leader is the first "
                     "option of the base ranking (input order breaks an exact tie)",
            "share": "a criterion's local share among its siblings (0-1); siblings are "
                     "rescaled proportionally; weight = parent's share x local share",
            "switching_value": "the boundary at which the leader is tied; beyond it the "
                               "leader changes",
            "jointly_first": "a total >= every other option's (a tie at the top counts)",
            "clearly_first": "a total ahead of every other option's by at least the "
                             f"distances' margin ({s.distances.margin:g})",
            "indistinguishable": "totals differ by less than the scores' resolution "
                                 f"({s.closeness.resolution.tolerance:g}: half of one scoring "
                                 "step on the most-weighted criterion), or the lower option "
                                 "is strictly above in more than "
                                 f"{s.closeness.flip_share:g} of the draws around the "
                                 "board's weights",
            "standard_error": "sqrt(p (1 - p) / N) over N independent draws",
        },
        "options": [{"id": o, "name": n, "total": float(t), "rank": int(k)}
                    for o, n, t, k in zip(ids, p.option_names, s.totals, s.ranks, strict=True)],
        "criteria": {c: float(w) for c, w in zip(p.criterion_ids, p.weights, strict=True)},
        "screened_out": [x.id for x in result.ranking.screened_out],
        "leader": s.leader,
        "summary": {**clean(asdict(s.summary)),
                    "score_switch": None if s.summary.score_switch is None
                    else _switch(s.summary.score_switch),
                    "weight_clause": words.weight_clause(s.summary, options),
                    "acceptability_clause": words.acceptability_clause(s.summary),
                    "anywhere_clause": words.anywhere_clause(s.summary),
                    "sentences": list(words.sentences(s.summary, options, criteria))},
        "weight_switching": clean(asdict(s.weight_switching)),
        "score_switching": {
            "leader": s.score_switching.leader, "exact": s.score_switching.exact,
            "smallest": _switch(s.score_switching.smallest)
            if s.score_switching.smallest else None,
            "switches": [_switch(x) for x in s.score_switching.switches]},
        "sweeps": [{**clean(asdict(w)),
                    "segments": [{**clean(asdict(g)), "leaders": list(g.leaders)}
                                 for g in w.segments]} for w in s.sweeps],
        "distances": {"available": s.distances.available,
                      "complete": s.distances.complete, "margin": s.distances.margin,
                      "never_first": list(s.distances.never_first),
                      "never_clearly_first": list(s.distances.never_clearly_first),
                      "options": [clean(asdict(x)) for x in s.distances.options]},
        "scenarios": {
            "ids": list(sc.scenario_ids), "names": list(scenario_names(result)),
            "totals": _by_option(ids, sc.totals), "ranks": _by_option(ids, sc.ranks),
            "leaders": clean(sc.leaders), "kendall_tau_b": clean(sc.tau),
            "regret": _by_option(ids, sc.regret), "max_regret": _by_option(ids, sc.max_regret),
            "least_regret": list(sc.least_regret)},
        "dominance": {"edges": clean(d.edges), "reduced_edges": clean(d.reduced_edges),
                      "dominated": clean(d.dominated)},
        "closeness": clean(asdict(s.closeness)),
        "monte_carlo": monte_carlo,
        "members": members,
        "input_digest": result.input_digest,
        "tool_version": __version__,
    }
