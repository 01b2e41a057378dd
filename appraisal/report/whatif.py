"""Data for the HTML paper's what-if panel, and its safe embedding in a page.

The browser re-ranks from these numbers exactly as the engine does (see
``templates/whatif.js``): raw weights are normalised among siblings and multiplied
down the tree as in :meth:`appraisal.compile.CriteriaTree.leaf_weights`, totals are
sum_j w_j v_ij with the values v_ij = :func:`appraisal.values.linear_values` computed
here in Python, and ties use the competition ranking of
:func:`appraisal.ranking.competition_ranks`.
"""

from __future__ import annotations

import json
from typing import Any

from ..ranking import TIE_TOLERANCE
from ..values import linear_values
from .inputs import PaperInputs

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and the
    JavaScript line separators U+2028/U+2029 are written as ``\\uXXXX`` escapes, so no
    string in the data can close the element or start markup. Floats keep their
    shortest round-trip form (the browser reads back the same doubles)."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def whatif_data(inputs: PaperInputs, date: str) -> dict[str, Any]:
    """Everything the panel needs: the tree, the short list's values, and the raw
    weights of the paper's own weighting and of every scenario of the criteria set."""
    r = inputs.result
    p = r.problem
    tree = p.tree
    values = linear_values(p.scores, p.lower, p.upper, p.benefit)
    a = inputs.appraisal
    weightings = [{"id": "", "name": "Weights used in this paper",
                   "raw": [float(w) for w in tree.raw_weight]}]
    for sc in inputs.scenarios:
        spec = a.scenario(sc.scenario or "")
        weightings.append({"id": spec.id, "name": spec.name,
                           "raw": [float(w) for w in sc.problem.tree.raw_weight]})
    every: list[float] = [float(w) for w in tree.raw_weight]
    for sc in inputs.scenarios:
        every.extend(float(w) for w in sc.problem.tree.raw_weight)
    biggest = max([100.0, *every])
    return {
        "title": a.title,
        "date": date,
        "criteria_set": r.criteria_set,
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
    }
