"""Samplers on the board's tree: closed forms on a two-level tree, the flat case equal
to the uniform simplex, and the board's weights within their stated ranges."""

from __future__ import annotations

import numpy as np
import pytest
from builders import make_tree
from scipy import stats

from appraisal.analysis.sampling import OrdinalWeights, UniformSimplex
from appraisal.analysis.treeweights import BoardWeights, TreeWeights
from appraisal.core.problem import CriteriaTree
from appraisal.errors import UsageError

N = 200_000


def two_levels() -> CriteriaTree:
    """A (top), B (top) with children B1, B2: leaf columns A, B1, B2."""
    return make_tree([-1, -1, 1, 1], [1.0, 3.0, 1.0, 1.0], ids=("a", "b", "b1", "b2"),
                     names=("A", "B", "B1", "B2"))


def z(estimate: float, exact: float, var: float, n: int = N) -> float:
    return abs(estimate - exact) / np.sqrt(var / n)


def test_two_levels_of_two_criteria_closed_forms() -> None:
    """w = (a, (1 - a) b, (1 - a)(1 - b)) with a, b ~ U(0, 1) independent:
    E w = (1/2, 1/4, 1/4), E w_B1^2 = E(1-a)^2 E b^2 = 1/9, and
    P(w_B1 > w_A) = 1 - ln 2 (integrate P(b > a / (1 - a)) over a < 1/2)."""
    w = TreeWeights(two_levels()).sample(np.random.default_rng(1), N)
    np.testing.assert_allclose(w.sum(axis=1), 1)
    assert z(w[:, 0].mean(), 1 / 2, 1 / 12) < 4
    assert z(w[:, 1].mean(), 1 / 4, 1 / 9 - 1 / 16) < 4
    assert z(w[:, 2].mean(), 1 / 4, 1 / 9 - 1 / 16) < 4
    p = 1 - np.log(2)
    assert z(float((w[:, 1] > w[:, 0]).mean()), p, p * (1 - p)) < 4
    # the leaf-uniform sampler gives the group a third of the weight each, not half
    u = UniformSimplex(3).sample(np.random.default_rng(1), N)
    assert abs(u[:, 0].mean() - 1 / 3) < 0.01


def test_a_flat_tree_is_the_uniform_simplex() -> None:
    w = TreeWeights(make_tree(m=4)).sample(np.random.default_rng(2), 50_000)
    ref = UniformSimplex(4).sample(np.random.default_rng(3), 50_000)
    for j in range(4):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > 1e-3


def test_a_group_can_have_its_own_model() -> None:
    tree = two_levels()
    w = TreeWeights(tree, {1: OrdinalWeights([1, 0])}).sample(np.random.default_rng(4), 5000)
    assert np.all(w[:, 2] >= w[:, 1] - 1e-15)  # B2 ranked above B1 within B
    with pytest.raises(UsageError):
        TreeWeights(tree, {1: UniformSimplex(3)})


def test_board_weights_stay_within_the_shares_their_ranges_allow() -> None:
    tree = make_tree(raw=[1.0, 3.0])
    board = BoardWeights.around(tree)  # raw weights in [0.5, 1.5] and [1.5, 4.5]
    w = board.sample(np.random.default_rng(5), N)
    lo, hi = 0.5 / (0.5 + 4.5), 1.5 / (1.5 + 1.5)
    assert w[:, 0].min() >= lo - 1e-12 and w[:, 0].max() <= hi + 1e-12
    assert w[:, 0].min() < lo + 0.01 and w[:, 0].max() > hi - 0.01
    sym = BoardWeights.around(make_tree(m=2)).sample(np.random.default_rng(6), N)
    assert z(sym[:, 0].mean(), 0.5, sym[:, 0].var()) < 4  # symmetric around the base
    fixed = BoardWeights(two_levels(), two_levels().raw_weight, two_levels().raw_weight)
    np.testing.assert_allclose(fixed.sample(np.random.default_rng(7), 3),
                               np.tile(two_levels().leaf_weights(), (3, 1)))


def test_stated_ranges_replace_the_default_spread() -> None:
    board = BoardWeights.around(make_tree(raw=[1.0, 1.0]), stated={0: (1.0, 1.0)})
    w = board.sample(np.random.default_rng(8), 1000)
    assert w[:, 0].min() >= 1 / 2.5 - 1e-12 and w[:, 0].max() <= 1 / 1.5 + 1e-12
    assert "1 criterion within the range the board stated" in board.describe()
    with pytest.raises(UsageError):
        BoardWeights(make_tree(m=2), np.array([1.0, 0.0]), np.array([0.5, 1.0]))
