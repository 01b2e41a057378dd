"""The weighted product model: a method genuinely not linear in the weights, for the
tests only (the library registers no such method; its analyses must still be right for
one).

P_i = prod_j v_ij ** w_j with normalised weights (sum w_j = 1): Bridgman (1922)
*Dimensional Analysis*; Miller & Starr (1969); Triantaphyllou (2000) *Multi-Criteria
Decision Making Methods: A Comparative Study*, ch. 2 ("the weighted product model").

**Values.** v_ij is the linear value of option i on criterion j on the criterion's own
scale (:func:`appraisal.core.values.linear_values`: 0 at the bottom of the scale, 1 at
the top, reversed for a cost criterion), mapped onto ``[FLOOR, 1]``:

    v_ij = FLOOR + (1 - FLOOR) * linear value,   FLOOR = 0.1.

The floor keeps every factor positive, so a score at the bottom of one scale does not
make a total 0 whatever the other criteria say (as a raw 0 would), and ``log v`` is
finite: the totals are computed as exp(sum_j w_j log v_ij), which equals the product.
Totals lie in [FLOOR, 1]; an option at the top of every scale totals 1.

**Not linear.** T(w) = exp(w . log v_i) is convex in the weights, never affine (unless
an option's values are all equal), and a total is the ``w_j``-th power of a value, so
concave in each score: a sensitivity analysis must take its numeric paths (grids and
bisection). The *ordering* of two options along an affine path of the weights changes
at most once, because log T is affine in the weights: the tests use that as a closed
form beside their brute force.

``score`` has the registry's signature: weights (m,) give totals (n,), (k, m) give
(k, n). The method has no ``values`` and no ``contributions``: no matrix V gives its
totals as V @ w, and its totals are not sums of parts.
"""

from __future__ import annotations

import numpy as np

from appraisal.core.problem import FloatArray, Problem
from appraisal.core.values import linear_values
from appraisal.methods import Method

FLOOR = 0.1
"""The value of a score at the bottom of its scale (the top is 1)."""

REFERENCE = ("Bridgman (1922) Dimensional Analysis; Triantaphyllou (2000) Multi-Criteria "
             "Decision Making Methods: A Comparative Study, ch. 2")


def product_values(problem: Problem) -> FloatArray:
    """v_ij in [FLOOR, 1], shape (n, m): the linear values mapped above the floor."""
    v = FLOOR + (1.0 - FLOOR) * linear_values(problem.scores, problem.lower, problem.upper,
                                              problem.benefit)
    if not np.all(v > 0):
        raise ValueError("weighted product: a score lies below its scale's minimum")
    return np.asarray(v, dtype=float)


def score(problem: Problem, weights: FloatArray) -> FloatArray:
    """Totals prod_j v_ij ** w_j: shape (n,) for weights (m,), (k, n) for (k, m)."""
    logs = np.log(product_values(problem))  # (n, m)
    return np.asarray(np.exp(np.asarray(weights, dtype=float) @ logs.T), dtype=float)


WEIGHTED_PRODUCT = Method(
    name="weighted-product", label="Weighted product of linear values (tests only)",
    score=score, linear_in_weights=False, reference=REFERENCE, contributions=None,
    values=None)
"""The weighted product as an :class:`appraisal.methods.Method` (not registered)."""
