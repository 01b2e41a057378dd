"""Every problem in one run: an item that fails validation is reported, then repaired
for the rules that look across the appraisal, so that one broken field never hides
another's problems.

The repair replaces what failed with a neutral value and remembers the place: a field
with a default loses its value (a negative weight counts as the default weight), a
score becomes a placeholder, an id that breaks the id rule becomes a placeholder id,
a missing name becomes "?". The cross-item rules then run on the repaired items and say
nothing at or below a repaired place, nothing about references to a refused id and
nothing that needs a placeholder's real value, so no problem is reported twice. The
repaired appraisal itself is never returned: the input error stands.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic
from .diagnostics import errors_of, model_at, translate
from .yamlsource import PathKey, SourceMap

ROUNDS = 8
"""Repair rounds before an item is given up (each round fixes every error it sees)."""
_ITEM_LISTS = {"criteria", "options", "scenarios"}


@dataclass
class Repairs:
    """What the repairs changed, for the cross-item rules."""

    places: set[PathKey] = field(default_factory=set)  # data paths repaired
    refused_ids: set[str] = field(default_factory=set)  # ids refused by the id rule
    placeholders: set[str] = field(default_factory=set)  # ids given in their place

    def covers(self, path: PathKey) -> bool:
        """Whether ``path`` is at or below a repaired place."""
        return any(path[:n] in self.places for n in range(len(path) + 1))

    def placeholder(self, refused: Any) -> str:
        if isinstance(refused, str):
            self.refused_ids.add(refused)
        name = f"invalid-id-{len(self.placeholders) + 1}"
        self.placeholders.add(name)
        return name


def _copy(data: Any) -> Any:
    """A copy of plain YAML data that can be edited (aliases become separate copies)."""
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _container(data: Any, loc: tuple[Any, ...]) -> tuple[Any, Any, int] | None:
    """The container holding the deepest part of ``loc`` that exists in ``data``, the
    key or index there, and how many parts of ``loc`` that covers."""
    node, found = data, None
    for n, part in enumerate(loc):
        if (isinstance(node, dict) and part in node) or (
                isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            found = (node, part, n + 1)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            return node, part, n + 1  # a missing field of this mapping
        else:
            break
    return found


def stand_in(model: type[BaseModel] | None, key: Any) -> Any:
    """A neutral value for a missing required field ``key`` of ``model``: the first
    choice of a fixed list (a cost line's kind), "?" for a text; None when the format
    cannot supply one."""
    if model is None or not isinstance(key, str) or key not in model.model_fields:
        return None
    annotation = model.model_fields[key].annotation
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if annotation is str:
        return "?"
    return None


def _fix(data: Any, err: Any, prefix: PathKey, repairs: Repairs,
         model: type[BaseModel] | None = None) -> bool:
    """Repair the place of one error in ``data`` (an item of ``model``); False when it
    cannot be repaired."""
    where = _container(data, tuple(err["loc"]))
    if where is None:
        return False
    parent, key, depth = where
    loc = tuple(err["loc"])[:depth]
    repairs.places.add((*prefix, *loc))
    missing = isinstance(parent, dict) and key not in parent
    if key == "value" or (len(loc) >= 2 and loc[-2] == "scores"):
        # a score that is not a number, or not low <= value <= high: a placeholder
        entry = loc[:-1] if key == "value" else loc
        where = _container(data, entry) if key == "value" else (parent, key, depth)
        if where is None or len(entry) < 2 or entry[-2] != "scores":
            return False
        where[0][where[1]] = {"value": 0.0}
        repairs.places.add((*prefix, *entry))
    elif key == "id":
        parent["id"] = repairs.placeholder(None if missing else parent.get("id"))
    elif key in ("name", "title"):
        parent[key] = "?"
    elif isinstance(key, int):
        holder = loc[-2] if len(loc) >= 2 else None
        parent[key] = ({"id": repairs.placeholder(None), "name": "?"}
                       if holder in _ITEM_LISTS else {"name": "?"}
                       if holder in ("contacts", "general_contacts") else "")
    elif missing:
        value = stand_in(model_at(model, loc[:-1]) if model is not None else None, key)
        if value is None:
            return _drop_optional(data, loc, prefix, repairs, model)
        parent[key] = value
    else:
        del parent[key]  # back to the field's default
    return True


def _drop_optional(data: Any, loc: tuple[Any, ...], prefix: PathKey, repairs: Repairs,
                   model: type[BaseModel] | None) -> bool:
    """For a required field the format cannot guess, deep inside an item (a year's
    amounts of a cost line): the nearest enclosing optional field goes back to its
    default (the option's ``costs``), so the rest of the item is still checked; False
    when there is none."""
    if model is None:
        return False
    for n in range(len(loc) - 1, 0, -1):
        key = loc[n - 1]
        owner = model_at(model, loc[:n - 1])
        if not isinstance(key, str) or owner is None or key not in owner.model_fields:
            continue
        if owner.model_fields[key].is_required():
            continue
        where = _container(data, loc[:n])
        if where is None or not isinstance(where[0], dict) or key not in where[0]:
            return False
        del where[0][key]
        repairs.places.add((*prefix, *loc[:n]))
        return True
    return False


def validate(model: type[BaseModel], raw: Any, prefix: PathKey, smap: SourceMap,
             problems: list[Diagnostic], repairs: Repairs) -> BaseModel | None:
    """``raw`` validated as ``model``; on failure its problems are added to ``problems``
    and the repaired item is returned (None if it cannot be repaired)."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems.extend(translate(exc, raw, prefix, smap, model))
        error = exc
    data = _copy(raw)
    for _ in range(ROUNDS):
        if not all(_fix(data, err, prefix, repairs, model) for err in errors_of(error, data)):
            return None
        try:
            return model.model_validate(data)
        except ValidationError as again:
            error = again
    return None
