"""Weighted sum (simple additive weighting) of linear value functions.

V_i = sum_j w_j v_j(x_ij), with normalised weights (sum w_j = 1) and the linear value
functions of :mod:`appraisal.values`. Source: Belton & Stewart (2002), ch. 5 (the
additive value function); UK Government *The Green Book* (2022) and DCLG *Multi-criteria
analysis: a manual* (2009), section 6.2.9 ("MCDA: simple linear additive evaluation").
"""

from __future__ import annotations

import numpy as np

from ..compile import FloatArray, Problem
from ..values import linear_values

REFERENCE = ("DCLG (2009) Multi-criteria analysis: a manual, s. 6.2.9 and ch. 6; "
             "Belton & Stewart (2002) ch. 5")


def contributions(problem: Problem, weights: FloatArray) -> FloatArray:
    """Per-criterion contributions w_j v_j(x_ij), shape (n, m); rows sum to the totals."""
    v = linear_values(problem.scores, problem.lower, problem.upper, problem.benefit)
    return v * np.asarray(weights)


def score(problem: Problem, weights: FloatArray) -> FloatArray:
    """Totals: shape (n,) for weights (m,), or (k, n) for k weight vectors (k, m)."""
    v = linear_values(problem.scores, problem.lower, problem.upper, problem.benefit)
    return np.asarray(weights) @ v.T
