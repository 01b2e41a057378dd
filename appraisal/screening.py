"""Gates: must-pass thresholds that screen options out before scoring.

A gate is the worst acceptable score of a leaf criterion: the minimum for a benefit
criterion, the maximum for a cost criterion. Screening uses each option's central
score (``value``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compile import BoolArray, Problem


@dataclass(frozen=True)
class GateFailure:
    """One failed gate: the criterion, the option's score and the threshold."""

    criterion: str
    criterion_name: str
    score: float
    gate: float
    direction: str

    @property
    def reason(self) -> str:
        word = "below the minimum" if self.direction == "benefit" else "above the maximum"
        return f"{self.criterion_name}: score {self.score:g} is {word} of {self.gate:g}"


@dataclass(frozen=True)
class ScreenedOption:
    """An option screened out, with every gate it failed."""

    id: str
    name: str
    failures: tuple[GateFailure, ...]


def passes(problem: Problem) -> BoolArray:
    """True for each option that passes every gate."""
    gated = ~np.isnan(problem.gate)
    ok_benefit = problem.scores >= problem.gate
    ok_cost = problem.scores <= problem.gate
    ok = np.where(problem.benefit, ok_benefit, ok_cost) | ~gated
    return np.asarray(ok.all(axis=1))


def screened_out(problem: Problem) -> tuple[ScreenedOption, ...]:
    """The options that fail a gate, in input order, with the reasons."""
    out = []
    for i in np.flatnonzero(~passes(problem)):
        fails = []
        for j in range(problem.shape[1]):
            g = problem.gate[j]
            if np.isnan(g):
                continue
            s = problem.scores[i, j]
            if (s < g) if problem.benefit[j] else (s > g):
                fails.append(GateFailure(problem.criterion_ids[j], problem.criterion_names[j],
                                         float(s), float(g),
                                         "benefit" if problem.benefit[j] else "cost"))
        out.append(ScreenedOption(problem.option_ids[i], problem.option_names[i], tuple(fails)))
    return tuple(out)
