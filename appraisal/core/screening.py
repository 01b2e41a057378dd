"""Gates: must-pass thresholds that screen options out before scoring.

A gate is the worst acceptable score of a leaf criterion: the minimum for a benefit
criterion, the maximum for a cost criterion. Screening uses each option's central
score (``scores``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import BoolArray, Problem


@dataclass(frozen=True, kw_only=True)
class GateFailure:
    """One failed gate: the criterion, the option's score and the threshold
    (``benefit``: the gate is a minimum; otherwise a maximum)."""

    criterion: str
    criterion_name: str
    score: float
    gate: float
    benefit: bool


@dataclass(frozen=True, kw_only=True)
class ScreenedOption:
    """An option screened out, with every gate it failed."""

    id: str
    name: str
    number: int | None
    failures: tuple[GateFailure, ...]


def failures(problem: Problem) -> BoolArray:
    """(n, m): True where an option's score fails the criterion's gate."""
    gated = ~np.isnan(problem.gate)
    with np.errstate(invalid="ignore"):
        fail = np.where(problem.benefit, problem.scores < problem.gate,
                        problem.scores > problem.gate)
    return np.asarray(fail & gated, dtype=bool)


def passes(problem: Problem) -> BoolArray:
    """True for each option that passes every gate."""
    return np.asarray(~failures(problem).any(axis=1))


def screened_out(problem: Problem) -> tuple[ScreenedOption, ...]:
    """The options that fail a gate, in input order, with the gates they fail."""
    fail = failures(problem)
    numbers = problem.option_numbers or (None,) * problem.shape[0]
    out = []
    for i in np.flatnonzero(fail.any(axis=1)):
        out.append(ScreenedOption(
            id=problem.option_ids[i], name=problem.option_names[i], number=numbers[i],
            failures=tuple(GateFailure(criterion=problem.criterion_ids[j],
                                       criterion_name=problem.criterion_names[j],
                                       score=float(problem.scores[i, j]),
                                       gate=float(problem.gate[j]),
                                       benefit=bool(problem.benefit[j]))
                           for j in np.flatnonzero(fail[i]))))
    return tuple(out)
