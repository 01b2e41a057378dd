"""Turn pydantic validation errors into located, plain-English diagnostics.

Each error's ``loc`` (joined into a dotted path, as copier's settings loader does) is
looked up in the :class:`~appraisal.input.yamlsource.SourceMap` to find the file, line
and column; the error type becomes an "expected ..." phrase a non-programmer can act on.
:func:`describe_value` says what was found, in the same words for every message.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic
from .yamlsource import PathKey, SourceMap

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


def describe_value(value: Any) -> str:
    """What was found, as a message shows it: "nothing", "a mapping", "a list", "true",
    a quoted (shortened) text, or the number."""
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
            f"a number {op} {bound}", describe_value(value)
    if kind == "literal_error":
        return f"one of {ctx.get('expected', '')}".replace("'", ""), describe_value(value)
    if kind in ("too_short", "too_long"):
        word = "at least" if kind == "too_short" else "at most"
        n = ctx.get("min_length", ctx.get("max_length"))
        return f"{word} {n} item{'s' if n != 1 else ''}", describe_value(value) if not isinstance(
            value, (list, tuple)) else f"{len(value)}"
    if kind == "value_error":
        text = str(ctx.get("error", err["msg"]))
        expected, _, found = text.partition("; found ")
        return expected, found or describe_value(value)
    return _EXPECTED.get(kind, err["msg"].lower()), describe_value(value)


def translate(exc: ValidationError, prefix: PathKey, smap: SourceMap) -> list[Diagnostic]:
    """Located diagnostics for every error in ``exc`` of an item read at ``prefix``."""
    return [smap.diagnostic((*prefix, *err["loc"]), *describe(err))
            for err in exc.errors(include_url=False)]
