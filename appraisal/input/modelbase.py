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


def control_in(value: Any) -> str | None:
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
        ch = control_in(value) if isinstance(value, (str, dict, list, tuple)) else None
        if ch is not None:
            raise ValueError("text without control characters; found the control "
                             f"character U+{ord(ch):04X}")
        return value




def shorthand(value: Any, expected: str) -> Any:
    """A bare number as ``{"value": number}`` (a score's or an amount's short form); a
    mapping as it is; anything else an error saying what was ``expected``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    if not isinstance(value, dict):
        shown = f"'{value}'" if isinstance(value, str) else repr(value).lower()
        raise ValueError(f"{expected}; found {shown}")
    return value


def check_order(low: float | None, value: float, high: float | None) -> None:
    """``low <= value <= high`` (a missing bound is the value), else a ValueError."""
    lo = value if low is None else low
    hi = value if high is None else high
    if not lo <= value <= hi:
        raise ValueError(f"low <= value <= high; found low {lo:g}, value {value:g}, "
                         f"high {hi:g}")


def as_list(value: Any) -> Any:
    """One string taken as a list of one (a paragraph, a piece of evidence)."""
    return [value] if isinstance(value, str) else value
