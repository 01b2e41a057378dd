"""The appraisal as validated, human-shaped data (pydantic v2, frozen).

These models know the YAML format and its per-object rules (types, ranges,
``low <= value <= high``). Rules that need the whole appraisal (unique ids, references,
completeness of scores, cycles) live in :mod:`appraisal.input.checks`. Nothing numeric
here beyond validation: :mod:`appraisal.input.compile` turns the model into arrays.

Limits that keep every computation finite: numbers are at most :data:`MAX_NUMBER` in
size (so that sums of weights and widths of scales cannot overflow), and text carries
no control characters (they would corrupt a terminal, a Word file or a PDF).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ..core.limits import MAX_SEED
from ..errors import UsageError
from .elicit import GroupWeighting, Member
from .greenbook import (
    Costing,
    CostLine,
    FrameworkEntry,
    MoneyLine,
    Objective,
    OptionsFramework,
    Role,
    SuccessFactor,
)
from .modelbase import Frozen, Id, Number, Weight, as_list, check_order, shorthand
from .paper_model import Contact, Paper

__all__ = ["Contact", "GroupWeighting", "Id", "Member", "Number", "Paper", "Weight"]

FORMAT_VERSION = 1


class Scale(Frozen):
    """The range a criterion is scored on."""

    min: Number = Field(default=0.0, description="The lowest score on the scale.")
    max: Number = Field(default=5.0, description="The highest score on the scale.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if not self.min < self.max:
            raise ValueError(f"scale min below max; found min {self.min:g}, max {self.max:g}")
        return self


class Score(Frozen):
    """One option's score on one leaf criterion, with its uncertainty and audit trail.

    ``low`` and ``high`` default to ``value`` (no stated uncertainty).
    """

    value: Number = Field(description="The score, on the criterion's scale.")
    low: Number | None = Field(default=None, description="The lowest plausible score "
                               "(default: the score); used by the Monte Carlo.")
    high: Number | None = Field(default=None, description="The highest plausible score "
                                "(default: the score).")
    rationale: str = Field(default="", description="Why this score, in a sentence.")
    evidence: Annotated[tuple[str, ...], BeforeValidator(as_list)] = Field(
        default=(), description="Sources for the score (one text or a list).")

    @model_validator(mode="after")
    def _ordered(self) -> Score:
        check_order(self.low, self.value, self.high)
        return self

    @property
    def lower(self) -> float:
        return self.value if self.low is None else self.low

    @property
    def upper(self) -> float:
        return self.value if self.high is None else self.high


def _score_shorthand(value: Any) -> Any:
    return shorthand(value, "a number, or a mapping with value (and optionally low, high, "
                            "rationale, evidence)")


ScoreEntry = Annotated[Score, BeforeValidator(_score_shorthand)]


class Criterion(Frozen):
    """A node of the value tree. A criterion with sub-``criteria`` is a parent: options
    score only leaves, and a parent's weight multiplies down to its children."""

    id: Id
    name: str = Field(min_length=1, description="A short label for tables and charts.")
    description: str = Field(default="", description="The criterion in full.")
    weight: Weight = Field(default=1.0, description="Raw weight: any non-negative number, "
                           "shared out among the siblings.")
    weight_rationale: str = Field(default="", description="Why this weight.")
    weight_range: tuple[Weight, Weight] | None = Field(
        default=None, description="The board's stated imprecision: the lowest and highest "
                                  "raw weight it would accept, [low, high] around the weight; "
                                  "the Monte Carlo around the board's weights draws within it "
                                  "(default: half either way).")
    swing: str = Field(default="", description="The swing from the worst to the best end "
                       "of its scale, in words (put to the board in swing weighting).")
    direction: Literal["benefit", "cost"] = Field(
        default="benefit", description="benefit: a higher score is better; cost: worse.")
    scale: Scale | None = Field(default=None, description="The scale of this criterion "
                                "(default: the appraisal's scale).")
    gate: Number | None = Field(
        default=None,
        description="Worst acceptable score: the minimum for a benefit criterion, the "
                    "maximum for a cost criterion. Options failing it are screened out.")
    criteria: tuple[Criterion, ...] = Field(
        default=(), description="Sub-criteria: the criterion is then a parent, options "
                                "score its leaves, and its weight multiplies down.")
    serves: tuple[Id, ...] = Field(
        default=(), description="The spending objectives and critical success factors "
                                "(ids) this criterion measures.")

    @model_validator(mode="after")
    def _range_holds_the_weight(self) -> Criterion:
        if self.weight_range is not None:
            lo, hi = self.weight_range
            if not lo <= self.weight <= hi:
                raise ValueError(f"a weight_range [low, high] with low <= weight <= high; "
                                 f"found [{lo:g}, {hi:g}] for the weight {self.weight:g}")
        return self

    @property
    def is_leaf(self) -> bool:
        return not self.criteria


class CriteriaSet(Frozen):
    """A named, versioned set of criteria (e.g. the September 2017 key principles)."""

    id: Id
    name: str = Field(min_length=1, description="The set's name, as the paper cites it.")
    description: str = Field(default="", description="What the set is for.")
    source: str = Field(default="", description="Where the criteria come from (paper, "
                                                "paragraph).")
    criteria: tuple[Criterion, ...] = Field(min_length=1, description="The criteria tree.")
    weighting: tuple[GroupWeighting, ...] = Field(
        default=(), description="How the board obtained the weights of some groups of the "
                                "tree (swing, points, ranking or pairwise), instead of "
                                "their criteria's 'weight'.")


Scalar = str | int | float | bool | None


class Option(Frozen):
    """One option of the long list."""

    id: Id
    number: int | None = Field(default=None, ge=0, description="Its number on the long list.")
    name: str = Field(min_length=1, description="The option's name.")
    description: str = Field(default="", description="What the option is.")
    family: Id | None = Field(default=None, description="Id of the parent option, if any.")
    attributes: dict[str, Scalar] = Field(default_factory=dict,
                                          description="Free facts (name: value).")
    scores: dict[str, ScoreEntry] = Field(
        default_factory=dict, description="Leaf criterion id -> a score (a number, or a "
                                          "mapping with value, low, high, rationale, "
                                          "evidence).")
    role: Role | None = Field(default=None, description="Its role on the Green Book short "
                              "list: business_as_usual, do_minimum or preferred_way_forward.")
    framework: dict[str, FrameworkEntry] = Field(
        default_factory=dict, description="Options framework dimension id -> the option's "
                                          "choice, its status and the reason.")
    costs: tuple[CostLine, ...] = Field(default=(), description="Cost lines by year "
                                        "(capital or revenue, real base-year prices).")
    benefits: tuple[MoneyLine, ...] = Field(default=(), description="Monetised benefit "
                                            "lines by year (for net present social value).")


class Scenario(Frozen):
    """A named alternative weighting: a partial map criterion id -> weight that overrides
    the base weights of one criteria set."""

    id: Id
    name: str = Field(min_length=1, description="The scenario's name.")
    description: str = Field(default="", description="The question the scenario asks.")
    criteria_set: Id | None = Field(
        default=None, description="The criteria set it applies to; default: the appraisal's.")
    weights: dict[str, Weight] = Field(
        default_factory=dict, description="Criterion id (leaf or parent) -> raw weight, "
                                          "replacing the base weight; the rest keep theirs.")


class Meta(Frozen):
    """The appraisal's own settings: ``appraisal.yaml``, or the top of a single file."""

    format: Literal[1] = Field(default=1, description="The format version (1).")
    title: str = Field(min_length=1, description="The appraisal's title.")
    notice: str = Field(default="", description="A note printed on every output (e.g. that "
                                                "the scores are illustrative).")
    scale: Scale = Field(default=Scale(), description="The default scale of every criterion.")
    default_criteria: Id | None = Field(default=None, description="The criteria set used "
                                        "when none is chosen (default: the first).")
    method: str = Field(default="weighted-sum", description="The aggregation method.")
    seed: int = Field(default=0, ge=0, le=MAX_SEED,
                      description="Seed of every random draw (Monte Carlo).")
    group_mean: Literal["auto", "arithmetic", "geometric"] = Field(
        default="auto", description="How members' weights combine into the group's, "
        "group by group: auto takes the geometric mean where every member judged the "
        "group in pairs and the arithmetic mean elsewhere.")
    objectives: tuple[Objective, ...] = Field(
        default=(), description="Spending objectives (SMART: each with a measure and a "
                                "date).")
    critical_success_factors: tuple[SuccessFactor, ...] = Field(
        default=(), description="Critical success factors.")
    options_framework: OptionsFramework = Field(
        default=OptionsFramework(), description="The dimensions of the options framework "
                                                "filter (default: the Green Book's five).")
    costing: Costing | None = Field(default=None, description="How costs are stated and "
                                    "discounted (needed when options have costs).")
    paper: Paper | None = Field(default=None,
                                description="Narrative of the appraisal paper (optional).")


class Appraisal(Meta):
    """A whole appraisal. In single-file form this is the file; in directory form it is
    ``appraisal.yaml`` plus ``criteria/``, ``options/`` and ``scenarios/``."""

    criteria: tuple[CriteriaSet, ...] = Field(min_length=1, description="The criteria "
                                              "sets (directory form: criteria/*.yaml).")
    options: tuple[Option, ...] = Field(min_length=1, description="The long list "
                                        "(directory form: options/*.yaml).")
    scenarios: tuple[Scenario, ...] = Field(default=(), description="Alternative weightings "
                                            "(directory form: scenarios/*.yaml).")
    members: tuple[Member, ...] = Field(default=(), description="Board members' own "
                                        "weights (directory form: members/*.yaml).")
    sources: tuple[str, ...] = Field(default=(), exclude=True,
                                     description="Input files (filled in by the loader).")
    input_digest: str = Field(default="", exclude=True)

    def criteria_set(self, set_id: str | None = None) -> CriteriaSet:
        """The named set, or the default (``default_criteria``, else the first)."""
        wanted = set_id or self.default_criteria or self.criteria[0].id
        for cs in self.criteria:
            if cs.id == wanted:
                return cs
        valid = ", ".join(cs.id for cs in self.criteria)
        raise UsageError(f"unknown criteria set '{wanted}'; expected one of: {valid}")

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        valid = ", ".join(m.id for m in self.members) or "(none defined)"
        raise UsageError(f"unknown member '{member_id}'; expected one of: {valid}")

    def scenario(self, scenario_id: str) -> Scenario:
        for sc in self.scenarios:
            if sc.id == scenario_id:
                return sc
        valid = ", ".join(sc.id for sc in self.scenarios) or "(none defined)"
        raise UsageError(f"unknown scenario '{scenario_id}'; expected one of: {valid}")


def iter_criteria(nodes: tuple[Criterion, ...]) -> list[Criterion]:
    """All criteria of a tree in depth-first order (parents before children)."""
    out: list[Criterion] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.criteria))
    return out


def leaves(nodes: tuple[Criterion, ...]) -> list[Criterion]:
    """The leaf criteria in depth-first order: the columns of the compiled matrix."""
    return [c for c in iter_criteria(nodes) if c.is_leaf]


