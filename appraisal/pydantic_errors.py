"""Turn pydantic validation errors into located, plain-English diagnostics.

Each error's ``loc`` (joined into a dotted path, as copier's settings loader does) is
looked up in the :class:`~appraisal.yamlsource.SourceMap` to find the file, line and
column; the error type becomes an "expected ..." phrase a non-programmer can act on.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .errors import Diagnostic
from .yamlsource import PathKey, SourceMap, dotted

_ID_RULE = "an id of lowercase letters, digits, '-' or '_' (e.g. 'option-9')"

_EXPECTED: dict[str, str] = {
    "missing": "a value for this required field",
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "finite_number": "a finite number",
    "string_type": "text",
    "string_too_short": "non-empty text",
    "string_pattern_mismatch": _ID_RULE,
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "list_type": "a list",
    "tuple_type": "a list",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    return repr(value)


def describe(err: ErrorDetails) -> tuple[str, str]:
    """(expected, found) for one pydantic error."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return _EXPECTED[kind], "nothing"
    if kind == "extra_forbidden":
        return "only the fields of the format (see `appraisal schema`)", \
            f"unknown field '{err['loc'][-1]}'"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
              "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"a number {op} {bound:g}" if isinstance(bound, (int, float)) else \
            f"a number {op} {bound}", _kind(value)
    if kind == "literal_error":
        return f"one of {ctx.get('expected', '')}".replace("'", ""), _kind(value)
    if kind in ("too_short", "too_long"):
        word = "at least" if kind == "too_short" else "at most"
        n = ctx.get("min_length", ctx.get("max_length"))
        return f"{word} {n} item{'s' if n != 1 else ''}", _kind(value) if not isinstance(
            value, (list, tuple)) else f"{len(value)}"
    if kind == "value_error":
        text = str(ctx.get("error", err["msg"]))
        expected, _, found = text.partition("; found ")
        return expected, found or _kind(value)
    return _EXPECTED.get(kind, err["msg"].lower()), _kind(value)


def translate(exc: ValidationError, prefix: PathKey, smap: SourceMap) -> list[Diagnostic]:
    """Located diagnostics for every error in ``exc`` of an item read at ``prefix``."""
    out = []
    for err in exc.errors(include_url=False):
        path = (*prefix, *err["loc"])
        mark, rel = smap.locate(path)
        expected, found = describe(err)
        out.append(Diagnostic(mark.file if mark else "?", mark.line if mark else 0,
                              mark.column if mark else 0, dotted(rel), expected, found))
    return out
