"""Result objects -> plain JSON-ready dicts and CSV rows (no computation here)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .models import Appraisal
from .ranking import RankResult

WEIGHTS_NOTE = ("Weights are normalised among siblings and multiplied down the criteria "
                "tree; the leaf weights shown sum to 1.")


def rank_to_dict(result: RankResult) -> dict[str, Any]:
    """The JSON shape of ``appraisal rank --format json``."""
    from . import __version__

    return {
        "title": result.title,
        "criteria_set": result.criteria_set,
        "scenario": result.scenario,
        "method": result.method,
        "weight_overrides": result.overrides,
        "weights": result.weights,
        "weights_note": WEIGHTS_NOTE,
        "ranking": [
            {"id": r.id, "number": r.number, "name": r.name, "rank": r.rank, "score": r.score,
             "tied_with": list(r.tied_with), "contributions": r.contributions}
            for r in result.ranking],
        "ties": [list(t) for t in result.ties],
        "screened_out": [
            {"id": s.id, "name": s.name,
             "failed_gates": [{"criterion": f.criterion, "score": f.score, "gate": f.gate,
                               "direction": f.direction, "reason": f.reason}
                              for f in s.failures]}
            for s in result.screened_out],
        "input_digest": result.input_digest,
        "tool_version": __version__,
    }


def to_json(data: Any) -> str:
    """Stable JSON: sorted keys are NOT used (field order is meaningful), 2-space indent."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def rank_to_csv(result: RankResult) -> str:
    """One row per ranked option: rank, id, number, name, score, then contributions."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    crits = list(result.weights)
    writer.writerow(["rank", "id", "number", "name", "score", *crits])
    for r in result.ranking:
        writer.writerow([r.rank, r.id, "" if r.number is None else r.number, r.name,
                         repr(r.score), *(repr(r.contributions.get(c, 0.0)) for c in crits)])
    return buf.getvalue()


def json_schema() -> dict[str, Any]:
    """JSON Schema of the single-file format (the directory form splits the same keys
    into files)."""
    schema = Appraisal.model_json_schema()
    for hidden in ("sources", "input_digest"):
        schema.get("properties", {}).pop(hidden, None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **schema}
