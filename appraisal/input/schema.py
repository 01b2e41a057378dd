"""The JSON Schema of the YAML format, for editors and for ``appraisal schema``."""

from __future__ import annotations

from typing import Any

from .models import Appraisal


def json_schema() -> dict[str, Any]:
    """JSON Schema of the single-file format (the directory form splits the same keys
    into files)."""
    schema = Appraisal.model_json_schema()
    for hidden in ("sources", "input_digest"):
        schema.get("properties", {}).pop(hidden, None)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
