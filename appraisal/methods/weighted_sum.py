"""Weighted sum (simple additive weighting) of linear value functions.

V_i = sum_j w_j v_j(x_ij), with normalised weights (sum w_j = 1) and the linear value
functions of :mod:`appraisal.core.values`. Source: Belton & Stewart (2002), ch. 5 (the
additive value function); UK Government *The Green Book* (2022) and DCLG *Multi-criteria
analysis: a manual* (2009), section 6.2.9 ("MCDA: simple linear additive evaluation").
"""

from __future__ import annotations

import numpy as np

from ..core.problem import FloatArray, Problem
from ..core.values import linear_values

REFERENCE = ("DCLG (2009) Multi-criteria analysis: a manual, s. 6.2.9 and ch. 6; "
             "Belton & Stewart (2002) ch. 5")


def values(problem: Problem) -> FloatArray:
    """Per-criterion values v_j(x_ij), shape (n, m): totals are ``values @ w``."""
    return linear_values(problem.scores, problem.lower, problem.upper, problem.benefit)


def contributions(problem: Problem, weights: FloatArray) -> FloatArray:
    """Per-criterion contributions w_j v_j(x_ij), shape (n, m); rows sum to the totals."""
    return values(problem) * np.asarray(weights)


def score(problem: Problem, weights: FloatArray) -> FloatArray:
    """Totals: shape (n,) for weights (m,), or (k, n) for k weight vectors (k, m)."""
    return np.asarray(weights) @ values(problem).T
