"""How a board's judgements become weights: swing points, rankings, pairwise comparisons.

Each function works on one sibling group of the criteria tree and returns the group's
weights as shares summing to 1 (the tree multiplies them down).

- **Swing weighting** (Edwards & Barron 1994; HM Treasury (2024) *An introductory guide
  to multi-criteria decision analysis (MCDA)* s. 4.4): the swing from worst to best on
  each criterion is ranked, the largest swing gets 100 points and every other swing
  points relative to it; the weights are the points over their sum.
- **Rankings** (Barron & Barrett (1996) "Decision quality using ranked attribute
  weights", *Management Science* 42(11), 1515-1523): the weight of rank k of n is
  rank-order centroid (1/n) sum_{i=k..n} 1/i, rank-sum 2 (n + 1 - k) / (n (n + 1)) or
  rank-reciprocal (1/k) / sum_i 1/i. Criteria ranked equal share the mean of the weights
  of the places they occupy together (so equal criteria weigh the same and the weights
  still sum to 1).
- **Pairwise comparison** (Saaty (1980) *The Analytic Hierarchy Process*; Saaty (1990)
  "How to make a decision: the analytic hierarchy process", *EJOR* 48, 9-26): a
  reciprocal matrix of judgements on the 1-9 scale; the priorities are its principal
  right eigenvector; the consistency index CI = (lambda_max - n) / (n - 1) and the
  consistency ratio CR = CI / RI with Saaty's random indices RI (:data:`RANDOM_INDEX`);
  CR above 0.10 calls for the judgements to be revisited. The judgement contributing
  most to the inconsistency is the one whose error e_ij = a_ij w_j / w_i is furthest
  from 1 (Saaty (2003) "Decision-making with the AHP: why is the principal eigenvector
  necessary", *EJOR* 145, 85-91), and the value that would make it consistent with the
  others is w_i / w_j. Missing judgements are completed by Harker's method (Harker
  (1987) "Incomplete pairwise comparisons in the analytic hierarchy process",
  *Mathematical Modelling* 9(11), 837-848): a missing a_ij is 0 and the diagonal entry
  of row i is 1 plus the number of judgements missing from it; the eigenvector of that
  matrix is the one of the matrix completed by a_ij = w_i / w_j, whose consistency is
  reported.
- **A group of members** (Forman & Peniwati (1998) "Aggregating individual judgments
  and priorities with the analytic hierarchy process", *EJOR* 108, 165-169): each
  group's weights are the mean of the members' weights for that group, arithmetic or
  geometric (the geometric mean normalised to sum to 1). The geometric mean of
  reciprocal matrices is reciprocal, and of consistent matrices consistent (Aczel &
  Saaty (1983) "Procedures for synthesizing ratio judgements", *J. Math. Psychology*
  27, 93-102).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .problem import FloatArray

RANDOM_INDEX: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
    10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
"""Saaty's random consistency indices by matrix size, as tabulated in Saaty (1980) *The
Analytic Hierarchy Process* (McGraw-Hill) for n = 1 to 15, the values most software
and textbooks use (later estimates differ in the second decimal, e.g. 0.52 for n = 3 in
Saaty (2005); AHPy offers those). Pairwise groups are limited to 15 criteria."""

CR_LIMIT = 0.10
"""Saaty's threshold: a consistency ratio above it calls for revisiting the judgements."""

SAATY_SCALE: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))
"""The judgements Saaty's 1-9 scale allows: 1/9 ... 1/2, 1, 2 ... 9."""

RANK_RULES = ("rank-order-centroid", "rank-sum", "rank-reciprocal")


def rank_position_weights(n: int, rule: str) -> FloatArray:
    """The weights of places 1..n under ``rule`` (see the module docstring); they sum
    to 1 and never increase down the places."""
    k = np.arange(1, n + 1, dtype=float)
    if rule == "rank-order-centroid":
        return np.array([np.sum(1.0 / k[i:]) for i in range(n)]) / n
    if rule == "rank-sum":
        return 2 * (n + 1 - k) / (n * (n + 1))
    if rule == "rank-reciprocal":
        return (1.0 / k) / np.sum(1.0 / k)
    raise ValueError(f"unknown rank rule '{rule}'; expected one of: {', '.join(RANK_RULES)}")


def ranking_weights(ranking: Sequence[Sequence[int]], n: int, rule: str) -> FloatArray:
    """The weights of ``n`` criteria from a ``ranking``: tiers of criterion indices, most
    important first (the criteria of one tier ranked equal). Every index 0..n-1 appears
    once. Tied criteria share the mean weight of the places their tier occupies."""
    places = rank_position_weights(n, rule)
    out = np.zeros(n)
    start = 0
    for tier in ranking:
        out[list(tier)] = places[start:start + len(tier)].mean()
        start += len(tier)
    return out


def points_weights(points: Sequence[float] | FloatArray) -> FloatArray:
    """Weights from points (swing or direct): each criterion's points over their sum."""
    p = np.asarray(points, dtype=float)
    return np.asarray(p / p.sum(), dtype=float)


@dataclass(frozen=True, kw_only=True)
class Judgement:
    """The judgement a_ij that contributes most to a matrix's inconsistency: criterion
    ``i`` against ``j`` (indices of the group), as ``given``, and ``consistent`` = w_i /
    w_j, the value that would agree with the other judgements' priorities; ``nearest``
    is the closest value on Saaty's scale (in log terms)."""

    i: int
    j: int
    given: float
    consistent: float
    nearest: float


@dataclass(frozen=True, kw_only=True)
class Pairwise:
    """A pairwise comparison matrix analysed (see the module docstring).

    ``weights`` are the priorities (sum 1); ``lambda_max`` the principal eigenvalue of
    the matrix as completed; ``ci`` and ``cr`` its consistency index and ratio (``cr``
    is 0 for n <= 2, which cannot be inconsistent); ``missing`` the number of judgements
    (pairs i < j) left out and completed; ``worst`` the judgement contributing most to
    the inconsistency (None when the matrix is consistent).
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    random_index: float
    missing: int
    completed: FloatArray
    worst: Judgement | None

    @property
    def acceptable(self) -> bool:
        """CR at most :data:`CR_LIMIT` (Saaty's 10%)."""
        return self.cr <= CR_LIMIT + 1e-12


def connected(given: np.ndarray) -> bool:
    """Whether the judgements given (a boolean n x n matrix) link every criterion to
    every other through some chain of comparisons: without that, an incomplete matrix
    does not determine the weights."""
    n = given.shape[0]
    seen = {0}
    frontier = [0]
    while frontier:
        i = frontier.pop()
        for j in np.flatnonzero(given[i] | given[:, i]):
            if int(j) not in seen:
                seen.add(int(j))
                frontier.append(int(j))
    return bool(len(seen) == n)


def _principal(matrix: FloatArray) -> tuple[float, FloatArray]:
    """The principal eigenvalue and its eigenvector scaled to sum 1 (Perron vector of a
    positive or irreducible non-negative matrix)."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    v = np.abs(vectors[:, k].real)
    return float(values[k].real), np.asarray(v / v.sum(), dtype=float)


def nearest_on_scale(x: float) -> float:
    """The value of Saaty's 1-9 scale (with reciprocals) nearest ``x`` in log terms."""
    scale = np.array(SAATY_SCALE)
    return float(scale[np.argmin(np.abs(np.log(scale) - np.log(x)))])


def pairwise(matrix: FloatArray) -> Pairwise:
    """Analyse a reciprocal pairwise comparison matrix; NaN marks a judgement not made
    (both a_ij and a_ji). The judgements given must link every criterion (see
    :func:`connected`) and the group must have at most 15 criteria."""
    a = np.array(matrix, dtype=float)
    n = a.shape[0]
    if n > max(RANDOM_INDEX):
        raise ValueError(f"pairwise comparison of at most {max(RANDOM_INDEX)} criteria")
    np.fill_diagonal(a, 1.0)
    given = ~np.isnan(a)
    if not connected(given & ~np.eye(n, dtype=bool)) and n > 1:
        raise ValueError("the judgements given do not link every criterion")
    harker = np.where(given, a, 0.0)
    harker[np.diag_indices(n)] = 1.0 + (~given).sum(axis=1)
    lam, w = _principal(harker)
    completed = np.where(given, a, np.outer(w, 1.0 / w))
    ri = RANDOM_INDEX[n]
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0) if abs(ci) < 1e-12 else ci
    cr = ci / ri if ri > 0 else 0.0
    err = np.where(given, a * np.outer(1.0 / w, w), 1.0)  # e_ij = a_ij w_j / w_i
    dev = np.abs(np.log(err))
    worst = None
    if n > 2 and float(dev.max()) > 1e-9:
        upper = np.triu(dev, 1)  # |ln e_ji| = |ln e_ij|: each pair once
        i, j = (int(x) for x in np.unravel_index(int(np.argmax(upper)), dev.shape))
        consistent = float(w[i] / w[j])
        worst = Judgement(i=i, j=j, given=float(a[i, j]), consistent=consistent,
                          nearest=nearest_on_scale(consistent))
    return Pairwise(weights=w, lambda_max=lam, ci=float(ci), cr=float(cr),
                    random_index=ri, missing=int((~given).sum() // 2),
                    completed=completed, worst=worst)


def geometric_mean_matrix(matrices: Sequence[FloatArray]) -> FloatArray:
    """The element-wise geometric mean of reciprocal matrices (Aczel & Saaty 1983): the
    group's combined judgements, itself reciprocal."""
    stack = np.log(np.asarray(matrices, dtype=float))
    return np.asarray(np.exp(stack.mean(axis=0)), dtype=float)


def mean_weights(weights: Sequence[FloatArray] | FloatArray, mean: str) -> FloatArray:
    """The group's weights from its members' (rows, each summing to 1): the arithmetic
    mean, or the geometric mean normalised to sum 1 (Forman & Peniwati 1998). Members
    giving a criterion no weight make its geometric mean 0."""
    w = np.asarray(weights, dtype=float)
    if mean == "arithmetic":
        out = w.mean(axis=0)
    elif mean == "geometric":
        with np.errstate(divide="ignore"):
            out = np.exp(np.log(w).mean(axis=0))
    else:
        raise ValueError(f"unknown mean '{mean}'; expected arithmetic or geometric")
    total = out.sum()
    if total <= 0:  # every criterion zero for some member: fall back to arithmetic
        out = w.mean(axis=0)
        total = out.sum()
    return np.asarray(out / total, dtype=float)
