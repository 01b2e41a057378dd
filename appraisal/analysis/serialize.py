"""A :class:`~appraisal.analysis.Sensitivity` as one JSON-ready dict (no computation).

Shares and weights are fractions of 1; totals are on the 0..1 value scale; NaN (e.g. a
central weight vector of an option never ranked first) becomes null. Same inputs and
seed give the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

import numpy as np

from . import Sensitivity


def _clean(x: Any) -> Any:
    """NumPy arrays and scalars -> lists and floats, NaN -> None, tuples -> lists."""
    if isinstance(x, np.ndarray):
        return _clean(x.tolist())
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, (np.floating, float)):
        f = float(x)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.bool_):
        return bool(x)
    return x


def _by_option(ids: tuple[str, ...], values: Any) -> dict[str, Any]:
    return {o: _clean(v) for o, v in zip(ids, values, strict=True)}


def sensitivity_to_dict(s: Sensitivity) -> dict[str, Any]:
    """The JSON shape of ``appraisal sensitivity --format json``."""
    from .. import __version__

    p = s.problem
    ids = p.option_ids
    sc = s.scenarios
    smaa = None
    if s.smaa is not None:
        r = s.smaa
        smaa = {
            "samples": r.samples, "seed": r.seed,
            "weight_model": r.weight_model, "score_model": r.score_model,
            "criteria": list(r.criterion_ids),
            "rank_acceptability": _by_option(r.option_ids, r.acceptability),
            "central_weights": _by_option(r.option_ids, r.central_weights),
            "confidence": _by_option(r.option_ids, r.confidence),
            "pairwise_win": {o: _by_option(r.option_ids, row)
                             for o, row in zip(r.option_ids, r.pairwise, strict=True)},
        }
    d = s.dominance
    return {
        "title": s.title,
        "criteria_set": s.criteria_set,
        "scenario": s.scenario,
        "method": s.method,
        "exact": s.exact,
        "weight_overrides": s.overrides,
        "seed": s.seed,
        "definitions": {
            "first": "a total >= every other option's total; the leader is the first "
                     "option of the base ranking (input order breaks an exact tie)",
            "share": "a criterion's local share among its siblings (0-1); siblings are "
                     "rescaled proportionally; weight = parent's share x local share",
            "switching_value": "the boundary at which the leader is tied; beyond it the "
                               "leader changes",
            "near_tie": f"totals differ by less than {s.tolerance:g}, or the order flips in "
                        f"more than {s.flip_share:g} of the Monte Carlo samples",
        },
        "options": [{"id": o, "name": n, "total": float(t), "rank": int(k)}
                    for o, n, t, k in zip(ids, p.option_names, s.totals, s.ranks, strict=True)],
        "criteria": {c: float(w) for c, w in zip(p.criterion_ids, p.weights, strict=True)},
        "screened_out": list(s.screened_out),
        "leader": s.leader,
        "summary": {**_clean(asdict(s.summary)), "sentences": list(s.summary.sentences)},
        "weight_switching": _clean(asdict(s.weight_switching)),
        "score_switching": {
            "leader": s.score_switching.leader, "exact": s.score_switching.exact,
            "smallest": _clean(asdict(s.score_switching.smallest))
            if s.score_switching.smallest else None,
            "switches": [_clean(asdict(x)) for x in s.score_switching.switches]},
        "sweeps": [{**_clean(asdict(w)),
                    "segments": [{**_clean(asdict(g)), "leaders": list(g.leaders)}
                                 for g in w.segments]} for w in s.sweeps],
        "distances": {"available": s.distances.available,
                      "never_first": list(s.distances.never_first),
                      "options": [_clean(asdict(x)) for x in s.distances.options]},
        "scenarios": {
            "ids": list(sc.scenario_ids), "names": list(sc.scenario_names),
            "totals": _by_option(ids, sc.totals), "ranks": _by_option(ids, sc.ranks),
            "leaders": _clean(sc.leaders), "kendall_tau_b": _clean(sc.tau),
            "regret": _by_option(ids, sc.regret), "max_regret": _by_option(ids, sc.max_regret),
            "least_regret": list(sc.least_regret)},
        "dominance": {"edges": _clean(d.edges), "reduced_edges": _clean(d.reduced_edges),
                      "dominated": _clean(d.dominated),
                      "near_ties": [_clean(asdict(t)) for t in d.near_ties],
                      "tolerance": d.tolerance, "flip_share": d.flip_share},
        "smaa": smaa,
        "input_digest": s.input_digest,
        "tool_version": __version__,
    }
