"""Turn pydantic validation errors into located, plain-English diagnostics.

Each error's ``loc`` (joined into a dotted path, as copier's settings loader does) is
looked up in the :class:`~appraisal.input.yamlsource.SourceMap` to find the file, line
and column; the error type becomes an "expected ..." phrase a non-programmer can act on.
:func:`describe_value` says what was found, in the same words for every message.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic
from .yamlsource import PathKey, SourceMap, shorten

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
        return f"'{shorten(value)}'"
    try:
        return shorten(repr(value))
    except ValueError:  # an integer too long to print
        return "a number too long to print"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'weight'?" when one of ``choices`` is close to ``word``."""
    close = difflib.get_close_matches(word.strip().casefold(), list(choices), n=1,
                                      cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through tuples, dicts, optionals and annotations."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model found at ``loc`` inside ``model`` (None when there is none)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, str) and part in current.model_fields:
            current = _model_in(current.model_fields[part].annotation)
    return current


def fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model`` (for suggestions)."""
    current = model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def describe(err: ErrorDetails, fields: list[str] | None = None) -> tuple[str, str]:
    """(expected, found) for one pydantic error; ``fields`` are the names a mistyped
    field may have meant."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return _EXPECTED[kind], "nothing"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        return "only the fields of the format (see `appraisal schema`)", \
            f"unknown field '{shorten(key)}'{did_you_mean(key, fields or [])}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        op = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=",
              "less_than": "<"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"a number {op} {bound:g}" if isinstance(bound, (int, float)) else \
            f"a number {op} {bound}", describe_value(value)
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = did_you_mean(value.replace("-", "_").replace(" ", "_"), choices) \
            if isinstance(value, str) else ""
        return f"one of {expected}", describe_value(value) + hint
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


def _data_loc(raw: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` without pydantic's union branch tags ("int", "constrained-str"): the
    parts that name something in the data, plus the name of a missing field."""
    out: list[Any] = []
    node = raw
    for part in loc:
        listed = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if listed or (isinstance(node, dict) and part in node):
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str):
            out.append(part)  # a field that is missing or unknown: name it, go no further
            break
        # otherwise a branch tag under a value of the wrong kind: skip it
    return tuple(out)


def errors_of(exc: ValidationError, raw: Any) -> list[ErrorDetails]:
    """The errors of ``exc`` about ``raw``, without pydantic's "too short" for a list
    that only failed through its items (each item's own error says why)."""
    out = []
    for err in exc.errors(include_url=False):
        if err["type"] == "too_short" and _length(raw, _data_loc(raw, tuple(err["loc"]))) >= (
                err.get("ctx") or {}).get("min_length", 0):
            continue
        out.append(err)
    return out


def translate(exc: ValidationError, raw: Any, prefix: PathKey, smap: SourceMap,
              model: type[BaseModel]) -> list[Diagnostic]:
    """Located diagnostics for the errors in ``exc`` of an item read at ``prefix``: one
    per place (the alternatives of a union are merged into one "expected a or b"), and
    none for a list that is only too short because its items failed."""
    grouped: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
    for err in errors_of(exc, raw):
        loc = _data_loc(raw, tuple(err["loc"]))
        grouped.setdefault(loc, []).append(describe(err, fields_at(model, loc[:-1])))
    out = []
    for loc, found in grouped.items():
        expected = list(dict.fromkeys(e for e, _ in found))
        text = expected[0] if len(expected) == 1 else (
            ", ".join(expected[:-1]) + " or " + expected[-1])
        out.append(smap.diagnostic((*prefix, *loc), text, found[0][1]))
    return out


def _length(raw: Any, loc: tuple[Any, ...]) -> int:
    node = raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return 0
    return len(node) if isinstance(node, (list, dict)) else 0
