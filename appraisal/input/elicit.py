"""How weights were obtained, as written in YAML: one block per sibling group of the
criteria tree (the board's, in a criteria set's ``weighting``, or a member's).

A block names its ``group`` (the parent criterion whose children it weighs; left out:
the top level) and its ``method``:

- ``swing``: ``points`` per criterion, the largest swing 100 and the others 0 to 100
  relative to it; a point may be a range ``[low, high]`` ("between 60 and 80 points"),
  the weight taken at its middle and the range used by the Monte Carlo;
- ``points``: direct points per criterion (any non-negative numbers, ranges allowed);
- ``ranking``: the criteria most important first, a list inside the list for criteria
  ranked equal, turned into weights by ``conversion`` (rank-order centroid by default;
  ``ordinal`` also keeps the ranking for the Monte Carlo);
- ``pairwise``: judgements on Saaty's 1-9 scale, either ``judgements`` (criterion ->
  {other criterion: how many times as important}, "1/3" allowed) or a full ``matrix``
  with its ``order`` of criteria (null for a judgement not made).

The rules that need the criteria tree (the group's children, each named once, the
judgements linking every criterion) are in :mod:`.elicit_checks`; the arithmetic is in
:mod:`appraisal.core.elicitation`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from ..core.elicitation import RANDOM_INDEX
from .modelbase import Frozen, Id, Number

SWING_TOP = 100.0
RECIPROCAL_TOLERANCE = 0.02
"""How far a_ij * a_ji may be from 1 in a written matrix (0.33 for 1/3 is 1% off)."""

DEFAULT_SWING_QUESTION = (
    "Imagine an option that is at the worst end of every criterion's scale. Which one "
    "criterion would you most want to move from its worst to its best? Give that swing "
    "100 points. Then, for each other criterion, how many points is moving it from its "
    "worst to its best worth, compared with that first swing?")


def _judgement(value: Any) -> Any:
    """A judgement as a number: 3, 0.5 or the text '1/3' (its range, 1/9 to 9, is a rule
    of :mod:`.elicit_checks`, so that a judgement out of range leaves the rest checked)."""
    if isinstance(value, str):
        try:
            return float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            raise ValueError("a judgement from 1/9 to 9 on Saaty's scale, a number or a "
                             f"fraction such as 1/3; found '{value}'") from None
    return value


def in_scale(a: float) -> bool:
    """Whether a judgement lies on Saaty's range, 1/9 to 9."""
    return 1 / 9 - 1e-9 <= a <= 9 + 1e-9


_JUDGEMENT_SCHEMA = {"anyOf": [
    {"type": "number", "minimum": 1 / 9, "maximum": 9},
    {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*/\s*[0-9]+(\.[0-9]+)?\s*$"}],
    "description": "How many times as important, on Saaty's 1-9 scale (1/9 to 9; '1/3' "
                   "allowed)."}
Judgement = Annotated[float, BeforeValidator(_judgement), Field(gt=0, allow_inf_nan=False),
                      WithJsonSchema(_JUDGEMENT_SCHEMA)]
MatrixEntry = Annotated[float | None, BeforeValidator(_judgement), Field(gt=0),
                        WithJsonSchema({"anyOf": [*_JUDGEMENT_SCHEMA["anyOf"],
                                                  {"type": "null"}]})]
PointsEntry = Number | tuple[Number, Number]


class GroupWeighting(Frozen):
    """How the weights of one sibling group of the criteria tree were obtained: swing
    weighting, direct points, a ranking or pairwise comparison (docs/weights.md)."""

    group: Id | None = Field(default=None, description="The parent criterion whose "
                             "children this weighs; left out: the top level.")
    method: Literal["swing", "points", "ranking", "pairwise"] = Field(
        description="swing, points, ranking or pairwise.")
    question: str = Field(default="", description="The question as put to the board "
                          "(swing weighting; default: the standard swing question).")
    rationale: str = Field(default="", description="Why, in a sentence or two.")
    points: dict[Id, PointsEntry] = Field(
        default_factory=dict, description="swing/points: criterion id -> points, or "
                                          "[low, high] for a range.")
    ranking: tuple[Id | tuple[Id, ...], ...] = Field(
        default=(), description="ranking: criterion ids, most important first; a list "
                                "inside the list for criteria ranked equal.")
    conversion: Literal["rank-order-centroid", "rank-sum", "rank-reciprocal", "ordinal"] = (
        Field(default="rank-order-centroid", description="ranking: how ranks become "
              "weights; 'ordinal' uses rank-order centroid weights and keeps the ranking "
              "itself for the Monte Carlo."))
    judgements: dict[Id, dict[Id, Judgement]] = Field(
        default_factory=dict, description="pairwise: criterion id -> {other id: how many "
                                          "times as important}.")
    order: tuple[Id, ...] = Field(default=(), description="pairwise with a matrix: the "
                                  "criteria of its rows and columns.")
    matrix: tuple[tuple[MatrixEntry, ...], ...] = Field(
        default=(), description="pairwise: the full reciprocal matrix, rows in 'order' "
                                "(null: a judgement not made).")

    @property
    def tiers(self) -> tuple[tuple[str, ...], ...]:
        """The ranking as tiers: each a tuple of the ids ranked equal."""
        return tuple((t,) if isinstance(t, str) else t for t in self.ranking)

    @field_validator("points")
    @classmethod
    def _ranges(cls, value: dict[str, Any]) -> dict[str, Any]:
        for cid, p in value.items():
            if isinstance(p, tuple) and not p[0] <= p[1]:
                raise ValueError(f"a range [low, high] with low <= high; found "
                                 f"[{p[0]:g}, {p[1]:g}] for '{cid}'")
        return value

    @field_validator("matrix")
    @classmethod
    def _square(cls, rows: tuple[tuple[float | None, ...], ...]
                ) -> tuple[tuple[float | None, ...], ...]:
        for i, row in enumerate(rows):
            if len(row) != len(rows):
                raise ValueError(f"a square matrix; found row {i + 1} with {len(row)} "
                                 f"entries in a matrix of {len(rows)} rows")
        return rows

    @model_validator(mode="after")
    def _fields_of_method(self) -> GroupWeighting:
        needs = {"swing": ("points",), "points": ("points",), "ranking": ("ranking",),
                 "pairwise": ("judgements", "matrix")}[self.method]
        given = [f for f in ("points", "ranking", "judgements", "matrix")
                 if getattr(self, f)]
        if not any(f in given for f in needs):
            raise ValueError(f"the {' or '.join(needs)} of the {self.method} method; "
                             f"found {', '.join(given) or 'neither'}")
        extra = [f for f in given if f not in needs]
        if extra or (self.method == "pairwise" and len(given) > 1):
            raise ValueError(f"only the fields of the {self.method} method; found "
                             + ", ".join(given))
        if self.matrix and len(self.order) != len(self.matrix):
            raise ValueError(f"the order of the matrix's {len(self.matrix)} rows, one "
                             f"criterion id each; found {len(self.order)} ids")
        n = len(self.order) or len({*self.judgements, *(b for d in self.judgements.values()
                                                          for b in d)})
        if self.method == "pairwise" and n > max(RANDOM_INDEX):
            raise ValueError(f"at most {max(RANDOM_INDEX)} criteria compared in pairs; "
                             f"found {n}")
        return self


class Member(Frozen):
    """One board member's view of the weights (``members/*.yaml`` or ``members:``)."""

    id: Id
    name: str = Field(min_length=1, description="How the paper names the member "
                                                "(a role is enough).")
    role: str = Field(default="", description="The member's role on the board.")
    criteria_set: Id | None = Field(default=None, description="The criteria set weighed; "
                                    "default: the appraisal's.")
    weighting: tuple[GroupWeighting, ...] = Field(
        min_length=1, description="The member's judgements, one block per group of the "
                                  "criteria tree; groups left out keep the board's weights.")
    note: str = Field(default="", description="Anything the member wants recorded.")
