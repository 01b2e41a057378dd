"""Weights from judgements (appraisal.core.elicitation): published worked examples,
closed forms, an established AHP library, and properties of the group means."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.core.elicitation import (
    RANDOM_INDEX,
    geometric_mean_matrix,
    mean_weights,
    pairwise,
    points_weights,
    rank_position_weights,
    ranking_weights,
)

# Saaty (1990) "How to make a decision: the analytic hierarchy process", EJOR 48, 9-26,
# Table 2: the criteria of buying a house (size, transportation, neighbourhood, age,
# yard, modern facilities, general condition, financing), with the printed priorities
# .173 .054 .188 .018 .031 .036 .167 .333, lambda_max = 9.669 and C.R. = 0.169.
HOUSE = """1 5 3 7 6 6 1/3 1/4
1/5 1 1/3 5 3 3 1/5 1/7
1/3 3 1 6 3 4 6 1/5
1/7 1/5 1/6 1 1/3 1/4 1/7 1/8
1/6 1/3 1/3 3 1 1/2 1/5 1/6
1/6 1/3 1/4 4 2 1 1/5 1/6
3 5 1/6 7 5 5 1 1/2
4 7 5 8 6 6 2 1"""


def _matrix(text: str) -> np.ndarray:
    return np.array([[float(Fraction(x)) for x in row.split()] for row in text.splitlines()])


def test_saaty_1990_house_example_to_printed_precision() -> None:
    r = pairwise(_matrix(HOUSE))
    assert np.round(r.weights, 3).tolist() == [0.173, 0.054, 0.188, 0.018, 0.031, 0.036,
                                               0.167, 0.333]
    assert round(r.lambda_max, 3) == 9.669
    assert round(r.cr, 3) == 0.169
    assert not r.acceptable
    # the judgement most at odds with the rest: neighbourhood against general condition (6)
    assert (r.worst.i, r.worst.j, r.worst.given) == (2, 6, 6.0)


def test_fixing_the_worst_judgement_lowers_the_inconsistency() -> None:
    a = _matrix(HOUSE)
    r = pairwise(a)
    fixed = a.copy()
    fixed[r.worst.i, r.worst.j] = r.worst.consistent
    fixed[r.worst.j, r.worst.i] = 1 / r.worst.consistent
    assert pairwise(fixed).cr < r.cr


def test_random_indices_are_saatys() -> None:
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                                       1.45, 1.49]


def _random_reciprocal(rng: np.random.Generator, n: int) -> np.ndarray:
    scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1 / 2, 1, 2, 3, 5, 7, 9]
    a = np.ones((n, n))
    for i, j in combinations(range(n), 2):
        a[i, j] = rng.choice(scale)
        a[j, i] = 1 / a[i, j]
    return a


AHPY_RI = {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45}


@pytest.mark.parametrize("n", [3, 4, 6, 9])
def test_agrees_with_ahpy(n: int) -> None:
    """AHPy (Griffith, https://github.com/PhilipGriffith/AHPy): principal eigenvector by
    power iteration, Saaty's random indices."""
    ahpy = pytest.importorskip("ahpy")
    rng = np.random.default_rng(n)
    for _ in range(5):
        a = _random_reciprocal(rng, n)
        names = [f"c{k}" for k in range(n)]
        comp = ahpy.Compare("g", {(names[i], names[j]): float(a[i, j])
                                  for i, j in combinations(range(n), 2)},
                            precision=6, random_index="saaty", tolerance=1e-12,
                            iterations=1000)
        ours = pairwise(a)
        theirs = np.array([comp.target_weights[c] for c in names])
        assert np.allclose(ours.weights, theirs, atol=2e-6)
        # AHPy's "saaty" indices are Saaty's later estimates (3: 0.52, 4: 0.89, ...),
        # ours those of Saaty (1980): compare the consistency index CI = CR * RI
        assert ours.ci == pytest.approx(comp.consistency_ratio * AHPY_RI[n], abs=2e-5)


def test_incomplete_matrix_harker_fixed_point_and_near_optimal_completion() -> None:
    """Harker (1987): the weights are the principal eigenvector of the matrix completed
    with a_ij = w_i / w_j. AHPy completes a matrix by Bozoki, Fulop & Ronyai (2010)
    instead (the entries minimising lambda_max); the two methods differ, but only in the
    third decimal here."""
    ahpy = pytest.importorskip("ahpy")
    names = ["a", "b", "c", "d", "e"]
    given = {("a", "b"): 3.0, ("b", "c"): 2.0, ("c", "d"): 0.5, ("a", "d"): 4.0,
             ("d", "e"): 3.0, ("a", "e"): 7.0}
    a = np.full((5, 5), np.nan)
    for (x, y), v in given.items():
        a[names.index(x), names.index(y)] = v
        a[names.index(y), names.index(x)] = 1 / v
    ours = pairwise(a)
    assert ours.missing == 4
    values, vectors = np.linalg.eig(ours.completed)
    v = np.abs(vectors[:, np.argmax(values.real)].real)
    assert np.allclose(v / v.sum(), ours.weights)
    assert np.max(values.real) == pytest.approx(ours.lambda_max)
    comp = ahpy.Compare("g", given, precision=6, random_index="saaty")
    assert np.allclose(ours.weights, [comp.target_weights[c] for c in names], atol=5e-3)


def test_consistent_incomplete_matrix_recovers_its_weights() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    a = np.outer(w, 1 / w)
    a[0, 2] = a[2, 0] = a[1, 3] = a[3, 1] = np.nan
    r = pairwise(a)
    assert np.allclose(r.weights, w)
    assert r.cr == pytest.approx(0, abs=1e-9) and r.worst is None


def test_unlinked_judgements_are_refused() -> None:
    a = np.full((4, 4), np.nan)
    a[0, 1], a[1, 0], a[2, 3], a[3, 2] = 2, 0.5, 3, 1 / 3
    with pytest.raises(ValueError, match="link"):
        pairwise(a)


def test_rank_weights_match_closed_forms() -> None:
    """Barron & Barrett (1996): ROC, rank sum and rank reciprocal for n = 4."""
    assert np.allclose(rank_position_weights(4, "rank-order-centroid"),
                       np.array([25, 13, 7, 3]) / 48)
    assert np.allclose(rank_position_weights(4, "rank-sum"), [0.4, 0.3, 0.2, 0.1])
    assert np.allclose(rank_position_weights(4, "rank-reciprocal"),
                       np.array([12, 6, 4, 3]) / 25)
    for n in range(1, 12):
        for rule in ("rank-order-centroid", "rank-sum", "rank-reciprocal"):
            w = rank_position_weights(n, rule)
            assert w.sum() == pytest.approx(1) and np.all(np.diff(w) <= 1e-15)


def test_tied_ranks_share_their_places() -> None:
    w = ranking_weights([[2], [0, 3], [1]], 4, "rank-order-centroid")
    roc = np.array([25, 13, 7, 3]) / 48
    assert np.allclose(w, [(roc[1] + roc[2]) / 2, roc[3], roc[0], (roc[1] + roc[2]) / 2])


def test_swing_points_by_hand() -> None:
    assert np.allclose(points_weights([100, 50, 25]), [4 / 7, 2 / 7, 1 / 7])


weights_strategy = st.lists(st.floats(0.05, 1), min_size=2, max_size=7).map(
    lambda x: np.array(x) / np.sum(x))


@settings(max_examples=60, deadline=None)
@given(weights_strategy, st.integers(1, 6), st.sampled_from(["arithmetic", "geometric"]))
def test_identical_members_give_their_weights(w: np.ndarray, k: int, mean: str) -> None:
    assert np.allclose(mean_weights(np.tile(w, (k, 1)), mean), w)


@settings(max_examples=60, deadline=None)
@given(st.lists(weights_strategy, min_size=2, max_size=5),
       st.sampled_from(["arithmetic", "geometric"]))
def test_a_member_with_the_groups_weights_changes_nothing(rows: list[np.ndarray],
                                                          mean: str) -> None:
    m = len(rows[0])
    rows = [r for r in rows if len(r) == m]
    group = mean_weights(np.array(rows), mean)
    assert np.allclose(mean_weights(np.array([*rows, group]), mean), group)


@settings(max_examples=60, deadline=None)
@given(st.lists(weights_strategy, min_size=2, max_size=5))
def test_geometric_mean_of_consistent_matrices_is_consistent(rows: list[np.ndarray]) -> None:
    m = len(rows[0])
    mats = [np.outer(w, 1 / w) for w in rows if len(w) == m]
    combined = geometric_mean_matrix(mats)
    assert np.allclose(combined * combined.T, 1)
    if m > 2:
        assert pairwise(combined).cr == pytest.approx(0, abs=1e-9)
