"""The run a paper or a JSON output records, every field checked before it is used
(:class:`RunRecord`): a record is read from a file anyone can edit, so a field of the
wrong kind or out of range is an input error naming the field and what was expected,
and every value kept is one the tool itself could have written (printable ids, a
``sha256:`` digest, whole numbers in range, a real date).

Which command wrote a JSON output is decided here too (:func:`json_output`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from ..core.limits import MAX_NUMBER, MAX_SAMPLES, MAX_SEED
from ..errors import UsageError

MAX_TEXT = 200
"""The longest id, version or member a record may name (the tool's are far shorter)."""
MAX_PATH = 4096
"""The longest recorded path."""
MAX_ENTRIES = 10_000
"""The most weight changes or members a record may list."""
_HEX = frozenset("0123456789abcdef")
_VERSION = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+-_!")


class JsonOutput(Enum):
    """The commands whose JSON output verify can recompute."""

    VALUE = "value"
    RANK = "rank"
    SENSITIVITY = "sensitivity"


_SIGNATURES: tuple[tuple[JsonOutput, frozenset[str]], ...] = (
    (JsonOutput.VALUE, frozenset({"value_for_money"})),
    (JsonOutput.RANK, frozenset({"ranking", "weights_note"})),
    (JsonOutput.SENSITIVITY, frozenset({"definitions", "exact"})),
)
"""Each command's JSON output by the top-level fields its exporter always writes and no
other output verify reads has (the outputs name no command), tried in this order."""


def json_output(record: Mapping[str, Any]) -> JsonOutput:
    """The command whose JSON output ``record`` is (see :data:`_SIGNATURES`);
    UsageError when it is none of them."""
    for output, fields in _SIGNATURES:
        if record.keys() >= fields:
            return output
    raise UsageError("this JSON is not an output verify knows (rank, sensitivity or value "
                     "--format json)")


@dataclass(frozen=True, kw_only=True)
class RunRecord:
    """A recorded run, checked: the ``input_digest`` (``sha256:`` and 64 hex digits),
    the ``criteria`` set and ``scenario`` (ids, or None), the raw ``weights`` changed
    (finite, at most the limit), whose weights (``weights_from``: "board", "group" or a
    member's id), the ``members`` counted, the Monte Carlo ``samples`` (0 to the
    limit), the ``seed`` (None: the appraisal's). A paper's record also holds the
    ``tool`` version, the report ``day`` and the appraisal's ``path`` as recorded (a
    hint, relative to the paper's folder; "" the bundled example); a JSON output's
    leaves them None."""

    input_digest: str
    criteria: str | None
    scenario: str | None
    weights: Mapping[str, float] = field(default_factory=dict)
    weights_from: str = "board"
    members: tuple[str, ...] = ()
    samples: int = 0
    seed: int | None = None
    tool: str | None = None
    day: date | None = None
    path: str | None = None


def paper_run(raw: Mapping[str, Any], shown: str) -> RunRecord:
    """The run record of a paper (the JSON object ``raw``, in the file shown as
    ``shown``), checked field by field (UsageError naming the first bad one)."""
    f = _Fields(raw, shown)
    return RunRecord(
        tool=f.version("tool"), input_digest=f.digest("input_digest"),
        criteria=f.text("criteria", optional=True), scenario=f.text("scenario", optional=True),
        weights=f.weights("weights"), weights_from=f.text("weights_from") or "board",
        members=f.texts("members"), samples=f.count(raw, "samples", required=True),
        seed=f.seed("seed"), day=f.day("date"), path=f.path("path"))


def json_run(raw: Mapping[str, Any], kind: JsonOutput, shown: str) -> RunRecord:
    """The request a JSON output of ``kind`` records (it is its own record), checked
    like a paper's; the Monte Carlo draws are the value for money's or the board's."""
    f = _Fields(raw, shown)
    samples = 0
    if kind is JsonOutput.VALUE:
        samples = f.count(f.section(raw, "value_for_money"), "value_for_money.samples")
    elif kind is JsonOutput.SENSITIVITY:
        board = f.section(f.section(raw, "monte_carlo"), "monte_carlo.board")
        samples = f.count(board, "monte_carlo.board.samples")
    return RunRecord(
        input_digest=f.digest("input_digest"),
        criteria=f.text("criteria_set", optional=True),
        scenario=f.text("scenario", optional=True),
        weights=f.weights("weight_overrides", optional=True),
        weights_from=f.text("weights_from", optional=True) or "board",
        members=f.texts("members_counted", optional=True),
        samples=samples, seed=f.seed("seed", optional=True))


class _Fields:
    """Reads the fields of one record; each method returns a checked value or raises a
    UsageError saying which field, what was expected and what was found."""

    def __init__(self, raw: Mapping[str, Any], shown: str) -> None:
        self.raw = raw
        self.shown = shown

    def fail(self, name: str, expected: str, value: Any) -> UsageError:
        return UsageError(f"'{self.shown}': its run record's {name}: expected {expected}; "
                          f"found {_found(value)}")

    def get(self, name: str, optional: bool) -> Any:
        if name not in self.raw:
            if optional:
                return None
            raise UsageError(f"'{self.shown}': its run record has no {name}: it is damaged "
                             "or was not written by appraisal")
        return self.raw[name]

    def text(self, name: str, optional: bool = False) -> str | None:
        value = self.get(name, optional)
        if value is None and optional:
            return None
        if not _plain(value, MAX_TEXT) or not value:
            raise self.fail(name, f"an id (text of 1 to {MAX_TEXT} printable characters)"
                            + (" or null" if optional else ""), value)
        return str(value)

    def texts(self, name: str, optional: bool = False) -> tuple[str, ...]:
        value = self.get(name, optional)
        if value is None and optional:
            return ()
        if not isinstance(value, list) or len(value) > MAX_ENTRIES or not all(
                _plain(x, MAX_TEXT) and x for x in value):
            raise self.fail(name, "a list of ids", value)
        return tuple(value)

    def version(self, name: str) -> str:
        value = self.get(name, False)
        if not isinstance(value, str) or not 0 < len(value) <= 40 or not set(value) <= _VERSION:
            raise self.fail(name, "the tool's version (such as 0.1.0)", value)
        return value

    def digest(self, name: str) -> str:
        value = self.get(name, False)
        if not (isinstance(value, str) and len(value) == 71 and value.startswith("sha256:")
                and set(value[7:]) <= _HEX):
            raise self.fail(name, "the inputs' digest (sha256: and 64 hex digits)", value)
        return value

    def weights(self, name: str, optional: bool = False) -> dict[str, float]:
        value = self.get(name, optional)
        if value is None and optional:
            return {}
        if not isinstance(value, dict) or len(value) > MAX_ENTRIES:
            raise self.fail(name, "a mapping of criterion ids to raw weights", value)
        for key, weight in value.items():
            if not _plain(key, MAX_TEXT) or not key:
                raise self.fail(name, "criterion ids as keys", key)
            if not _number(weight) or abs(weight) > MAX_NUMBER:
                raise self.fail(f"{name}.{key}" if key.isprintable() else name,
                                f"a number of magnitude at most {MAX_NUMBER:g}", weight)
        return {str(k): float(v) for k, v in value.items()}

    def section(self, raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        value = raw.get(name.rpartition(".")[2])
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(name, "a mapping or null", value)
        return value

    def count(self, raw: Mapping[str, Any], name: str, required: bool = False) -> int:
        key = name.rpartition(".")[2]
        if key not in raw and not required:
            return 0
        value = raw[key] if key in raw else self.get(name, False)
        if not _whole(value) or not 0 <= value <= MAX_SAMPLES:
            raise self.fail(name, f"a whole number of draws from 0 to {MAX_SAMPLES:,}", value)
        return int(value)

    def seed(self, name: str, optional: bool = False) -> int | None:
        value = self.get(name, optional)
        if value is None and optional:
            return None
        if not _whole(value) or not 0 <= value <= MAX_SEED:
            raise self.fail(name, f"a whole number from 0 to {MAX_SEED:,}", value)
        return int(value)

    def day(self, name: str) -> date:
        value = self.get(name, False)
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            when = date.fromisoformat(value)
            if when.isoformat() != value:
                raise ValueError
        except ValueError:
            raise self.fail(name, "a date as YYYY-MM-DD", value) from None
        return when

    def path(self, name: str) -> str:
        value = self.get(name, False)
        if not isinstance(value, str) or len(value) > MAX_PATH or "\0" in value:
            raise self.fail(name, "the appraisal's path (text)", value)
        return value


def printable(text: str, longest: int | None = 100) -> str:
    """Text read from a file as a message or the terminal shows it: every character that
    is not printable (an escape sequence, a carriage return, a bidirectional override,
    a byte that was not UTF-8, read with ``surrogateescape``) written as its escape,
    ``\\x1b``, ``\\u202e``, ``\\xff``; cut to ``longest`` characters (None: whole)."""
    cut = text if longest is None else text[:longest]
    out = "".join(c if c.isprintable() else _escape(ord(c)) for c in cut)
    return out + ("..." if len(cut) < len(text) else "")


def _escape(code: int) -> str:
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _plain(value: Any, longest: int) -> bool:
    """Text of at most ``longest`` characters, every one printable."""
    return isinstance(value, str) and len(value) <= longest and value.isprintable()


def _whole(value: Any) -> bool:
    """A JSON whole number (never a boolean, a float or text)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> bool:
    """A finite JSON number (never a boolean or text)."""
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _found(value: Any) -> str:
    """A value as a message shows it: JSON with every character outside printable
    ASCII escaped, cut to 60 characters (a huge number is described, never
    converted)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return "a number too long to be one"
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (ValueError, TypeError, RecursionError):
        text = "a value that cannot be shown"
    text = "".join(c if " " <= c <= "~" else "?" for c in text)
    return text if len(text) <= 60 else text[:57] + "..."
