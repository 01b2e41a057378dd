"""The pieces every model of the format shares: the frozen base that refuses unknown
fields and control characters, and the id, number and weight types (see
:mod:`appraisal.input.models` for the rules they carry)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..core.limits import MAX_NUMBER

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")
"""Characters text may not hold: C0 and C1 controls (tab and line breaks apart), and
the Unicode line separators and bidirectional overrides that can disguise text."""

Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80,
          description="A short lowercase identifier: letters, digits, '-' or '_'."),
]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER)]
Weight = Annotated[float, Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False,
                                description="Any non-negative number; normalised among siblings.")]


def _control_in(value: Any) -> str | None:
    """The first forbidden character in a text, or in the texts (items, keys, values)
    directly inside a list or mapping; nested models check their own fields."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        return found.group() if found else None
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        return None
    for item in items:
        found = _CONTROL.search(item) if isinstance(item, str) else None
        if found:
            return found.group()
    return None


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _printable(cls, value: Any, info: ValidationInfo) -> Any:
        ch = _control_in(value) if isinstance(value, (str, dict, list, tuple)) else None
        if ch is not None:
            raise ValueError("text without control characters; found the control "
                             f"character U+{ord(ch):04X}")
        return value


