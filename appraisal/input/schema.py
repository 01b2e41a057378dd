"""The JSON Schema of the YAML format, for editors and for ``appraisal schema``, and the
field reference of docs/format.md generated from it."""

from __future__ import annotations

import json
from typing import Any

from .models import Appraisal

SECTIONS = (("Appraisal", "The appraisal (`appraisal.yaml`, or the top of a single file)"),
            ("CriteriaSet", "A criteria set (`criteria/*.yaml`)"),
            ("Criterion", "A criterion (a node of the criteria tree)"),
            ("Scale", "A scale"),
            ("Option", "An option (`options/*.yaml`)"),
            ("Score", "A score (the long form of an entry of `scores`)"),
            ("Scenario", "A scenario (`scenarios/*.yaml`)"),
            ("Member", "A board member's view (`members/*.yaml`)"),
            ("GroupWeighting", "A weighting block (in a criteria set's or a member's "
                               "`weighting`; see weights.md)"),
            ("Objective", "A spending objective (`objectives:` in `appraisal.yaml`; see value.md)"),
            ("SuccessFactor", "A critical success factor (`critical_success_factors:`)"),
            ("OptionsFramework", "The options framework (`options_framework:`)"),
            ("Dimension", "A dimension of the options framework"),
            ("FrameworkEntry", "An option's choice on one dimension (`framework:` of an "
                               "option)"),
            ("Costing", "How costs are stated and discounted (`costing:`)"),
            ("OptimismBias", "Default optimism bias uplifts (`costing.optimism_bias`)"),
            ("Rate", "A discount rate (`costing.discount_rates`)"),
            ("CostLine", "A cost line (`costs:` of an option)"),
            ("MoneyLine", "A line of monetised benefits (`benefits:` of an option)"),
            ("Amount", "A year's amount (the long form of an entry of `years`)"),
            ("Uncertainty", "A line's uncertainty in percent"),
            ("Paper", "The paper's narrative (`paper:` in `appraisal.yaml`)"),
            ("Contact", "A contact point"))


def json_schema() -> dict[str, Any]:
    """JSON Schema of the single-file format (the directory form splits the same keys
    into files)."""
    schema = Appraisal.model_json_schema()
    for hidden in ("sources", "input_digest"):
        schema.get("properties", {}).pop(hidden, None)
    # what the models accept before validation: a score as a bare number, and one text
    # where a list of texts (evidence, paragraphs) is expected
    scores = schema["$defs"]["Option"]["properties"]["scores"]
    scores["additionalProperties"] = {"anyOf": [{"type": "number"},
                                                scores["additionalProperties"]]}
    # an amount of a year as a bare number, and a financial year "2018/19" as a key
    for line in ("MoneyLine", "CostLine"):
        years = schema["$defs"][line]["properties"]["years"]
        years["additionalProperties"] = {"anyOf": [{"type": "number"},
                                                   years["additionalProperties"]]}
        years["propertyNames"] = {"pattern": r"^\d{4}(\s*[/-]\s*(\d{2}|\d{4}))?$"}
    for model in schema["$defs"].values():
        for name, prop in model.get("properties", {}).items():
            if prop.get("type") == "array" and prop.get("items", {}).get("type") == "string":
                model["properties"][name] = {
                    **{k: v for k, v in prop.items() if k not in ("type", "items")},
                    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    sets = schema["properties"]["criteria"]
    schema["properties"]["criteria"] = {
        "title": "Criteria",
        "description": "The criteria of the appraisal's one criteria set, or a list of "
                       "criteria sets (directory form: criteria/*.yaml).",
        "anyOf": [{"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Criterion"}},
                  {key: sets[key] for key in ("type", "minItems", "items")}]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _type(spec: dict[str, Any]) -> str:
    """A field's type in words, from its JSON Schema."""
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in spec:
        kinds = [_type(s) for s in spec["anyOf"] if s.get("type") != "null"]
        optional = any(s.get("type") == "null" for s in spec["anyOf"])
        return " or ".join(kinds) + (" (optional)" if optional else "")
    if "const" in spec:
        return json.dumps(spec["const"])
    if "enum" in spec:
        return " or ".join(json.dumps(v) for v in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array" and "prefixItems" in spec:  # a fixed-length tuple
        parts = [_type(item) for item in spec["prefixItems"]]
        if len(parts) == 2 and parts[0] == parts[1]:
            return f"pair of {parts[0]}s"
        return "[" + ", ".join(parts) + "]"
    if kind == "array":
        return f"list of {_type(spec.get('items', {}))}"
    if kind == "object":
        extra = spec.get("additionalProperties")
        return f"mapping of {_type(extra)}" if isinstance(extra, dict) else "mapping"
    if kind == "string" and "pattern" in spec:
        return "id"
    words = {"number": "number", "integer": "whole number", "string": "text",
             "boolean": "true or false"}
    return words.get(str(kind), str(kind))


def _default(name: str, spec: dict[str, Any], required: list[str]) -> str:
    if name in required:
        return "required"
    if "default" not in spec:
        return ""
    value = spec["default"]
    return "" if value in ("", [], {}, None) else f"`{json.dumps(value)}`"


def field_reference() -> str:
    """Markdown tables of every field of the format, one per model, in reading order."""
    schema = json_schema()
    defs = {"Appraisal": schema, **schema["$defs"]}
    out: list[str] = []
    for model, title in SECTIONS:
        spec = defs[model]
        about = " ".join(spec.get("description", "").split()).replace("``", "`")
        out += [f"### {title}", "", about, "",
                "| Field | Type | Default | Meaning |", "|---|---|---|---|"]
        required = spec.get("required", [])
        for name, field in spec["properties"].items():
            text = " ".join(field.get("description", "").split()).replace("|", "\\|")
            out.append(f"| `{name}` | {_type(field)} | {_default(name, field, required)} | "
                       f"{text} |")
        out.append("")
    return "\n".join(out)


PART_MODELS = {"appraisal": "Meta", "criteria-set": "CriteriaSet", "option": "Option",
               "scenario": "Scenario", "member": "Member"}
"""The JSON Schema of each file of the directory form, by name (``appraisal init`` writes
them to ``schemas/`` and points every file at its own)."""


def part_schema(part: str) -> dict[str, Any]:
    """The JSON Schema of one file of the directory form (see :data:`PART_MODELS`),
    with the same allowances as :func:`json_schema` (bare-number scores and amounts,
    one text for a list of texts)."""
    from . import models

    whole = json_schema()
    name = PART_MODELS[part]
    if name == "Meta":
        spec = {k: v for k, v in whole.items() if k not in ("properties", "required")}
        spec["properties"] = {k: v for k, v in whole["properties"].items()
                              if k in models.Meta.model_fields}
        spec["required"] = [r for r in whole.get("required", [])
                            if r in models.Meta.model_fields]
        return spec
    return {"$schema": whole["$schema"], "$defs": whole["$defs"],
            "$ref": f"#/$defs/{name}"}
