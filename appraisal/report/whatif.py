"""Data for the HTML paper's what-if panel, and its safe embedding in a page.

The browser re-ranks from these numbers exactly as the engine does (see
``templates/whatif.js``): raw weights are normalised among siblings and multiplied
down the tree as in :meth:`appraisal.core.problem.CriteriaTree.leaf_weights`, totals are
``values @ w`` with the per-criterion values of the method (``Method.values``, computed
here in Python), and ties use the competition ranking of
:func:`appraisal.core.ordering.competition_ranks`. A method without ``values`` cannot be
reproduced by the panel, so the paper then has no panel.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.ordering import TIE_TOLERANCE

if TYPE_CHECKING:
    from ..pipeline import AppraisalResult

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and the
    JavaScript line separators U+2028/U+2029 are written as ``\\uXXXX`` escapes, so no
    string in the data can close the element or start markup. Floats keep their
    shortest round-trip form (the browser reads back the same doubles)."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def whatif_data(result: AppraisalResult, date: str) -> dict[str, Any] | None:
    """Everything the panel needs: the tree, the short list's values, and the raw
    weights of the paper's own weighting, of every scenario of the criteria set and of
    the members (taken together first, then each), each with the engine's totals under it.
    None when there is nothing to rank or the method has no per-criterion values."""
    p = result.ranking.problem
    if p.shape[0] == 0 or result.long_values is None:
        return None
    tree = p.tree
    values = result.long_values[result.ranking.rows]
    shown = [("", "Weights used in this paper", tree.raw_weight)] + [
        (w.id, w.name, w.raw) for w in result.weightings if w.id not in ("analysed", "base")]
    sc = result.scenarios

    def totals(weighting_id: str) -> list[float] | None:
        """The engine's totals under a weighting the paper shows (None: not computed)."""
        if weighting_id == "":
            return [float(t) for t in result.ranking.totals]
        if sc is None or weighting_id not in sc.scenario_ids:
            return None
        return [float(t) for t in sc.totals[:, sc.scenario_ids.index(weighting_id)]]

    weightings = [{"id": i, "name": name, "raw": [float(x) for x in raw], "totals": totals(i)}
                  for i, name, raw in shown]
    members: list[dict[str, Any]] = []
    m = result.members
    if m is not None and m.member_raw is not None and m.group_raw is not None:
        members = [{"id": v.member_id, "name": v.name, "raw": [float(x) for x in raw],
                    "totals": [float(t) for t in v.totals]}
                   for v, raw in zip((m.group, *m.members), (m.group_raw, *m.member_raw),
                                     strict=True)]
    biggest = max([100.0, *(float(x) for _, _, raw in shown for x in raw),
                   *(float(x) for r in (m.member_raw if m is not None and
                                        m.member_raw is not None else []) for x in r)])
    return {
        "title": result.title,
        "date": date,
        "criteria_set": result.criteria_set,
        "tolerance": TIE_TOLERANCE,
        "slider_max": biggest,
        "tree": {"ids": list(tree.ids), "names": list(tree.names),
                 "parent": [int(x) for x in tree.parent],
                 "leaf_column": [int(x) for x in tree.leaf_column],
                 "depth": [int(x) for x in tree.depth]},
        "options": [{"id": oid, "name": name, "number": num}
                    for oid, name, num in zip(p.option_ids, p.option_names,
                                              p.option_numbers or [None] * len(p.option_ids),
                                              strict=True)],
        "values": [[float(v) for v in row] for row in values],
        "weightings": weightings,
        "members": members,
        "value": _value_data(result),
    }


def _value_data(result: AppraisalResult) -> dict[str, Any] | None:
    """The value-for-money chart's data: each option compared, its per-criterion values
    (benchmark included), net present cost and role; the engine's frontier at the paper's
    weights; money labels. None without costs."""
    from ..analysis.frontier import EPS
    from ..presentation.value import money, unit_words

    v, costing = result.value, result.appraisal.costing
    values = result.long_values
    if v is None or costing is None or values is None:
        return None
    return {
        "options": [{"id": oid, "label": label, "cost": float(v.cost[i]),
                     "cost_text": money(float(v.cost[i]), costing),
                     "viable": not bool(v.fails_gates[i]), "benchmark": i == v.benchmark,
                     "preferred": i == v.preferred,
                     "values": [float(x) for x in values[int(v.rows[i])]]}
                    for i, (oid, label) in enumerate(zip(v.option_ids, v.labels,
                                                         strict=True))],
        "engine": {"benefit": [float(b) for b in v.benefit], "status": list(v.frontier.status),
                   "order": [int(i) for i in v.frontier.order]},
        "eps": EPS,
        "benchmark_fails": v.benchmark is not None and bool(v.fails_gates[v.benchmark]),
        "unit": unit_words(costing),
        "money_unit": {"millions": "m", "thousands": "k", "pounds": ""}[costing.amounts_in],
    }
