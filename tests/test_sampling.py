"""Weight samplers: support, exact uniformity (statistical checks) and errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from appraisal.analysis.boxsimplex import Q, cut_volume
from appraisal.analysis.sampling import (
    OrdinalWeights,
    UniformSimplex,
    WeightModel,
    WeightRanges,
)
from appraisal.errors import UsageError

P_MIN = 1e-3  # KS p-values below this fail (fixed seeds, so no flakiness)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def reference_box_simplex(low: list[float], high: list[float], k: int) -> np.ndarray:
    """Brute force: uniform simplex points, kept when inside the box."""
    g = rng(99)
    out: list[np.ndarray] = []
    while sum(len(x) for x in out) < k:
        w = g.dirichlet(np.ones(len(low)), 200_000)
        out.append(w[np.all((w >= low) & (w <= high), axis=1)])
    return np.concatenate(out)[:k]


def test_models_satisfy_the_protocol() -> None:
    for model in (UniformSimplex(3), OrdinalWeights([0, 1, 2]), WeightRanges([0] * 3, [1] * 3)):
        assert isinstance(model, WeightModel)
        w = model.sample(rng(), 100)
        assert w.shape == (100, 3) and np.allclose(w.sum(axis=1), 1) and np.all(w >= 0)
        out = np.empty((3, 100)).T
        assert model.sample(rng(), 100, out=out) is out
        np.testing.assert_array_equal(out, w)


def test_uniform_simplex_marginal_is_beta() -> None:
    w = UniformSimplex(5).sample(rng(), 40_000)
    for j in range(5):  # Dirichlet(1,...,1) marginals are Beta(1, m - 1)
        assert stats.kstest(w[:, j], stats.beta(1, 4).cdf).pvalue > P_MIN


def test_ordinal_matches_sorted_uniform_sampling() -> None:
    w = OrdinalWeights([2, 0, 3, 1]).sample(rng(), 30_000)
    assert np.all(w[:, 2] >= w[:, 0]) and np.all(w[:, 0] >= w[:, 3])
    assert np.all(w[:, 3] >= w[:, 1])
    ref = -np.sort(-rng(5).dirichlet(np.ones(4), 30_000), axis=1)  # Tervonen & Lahdelma
    for j, col in enumerate([2, 0, 3, 1]):
        assert stats.ks_2samp(w[:, col], ref[:, j]).pvalue > P_MIN


def test_ordinal_groups_mean_equal_weights() -> None:
    model = OrdinalWeights([(1, 2), 0, 3])
    w = model.sample(rng(), 10_000)
    np.testing.assert_array_equal(w[:, 1], w[:, 2])
    assert np.all(w[:, 1] >= w[:, 0]) and np.all(w[:, 0] >= w[:, 3])
    # uniform on the simplex with vertices (0,.5,.5,0), (1/3)(1,1,1,0), (1/4)(1,1,1,1)
    lam = rng(3).dirichlet(np.ones(3), 10_000)
    ref = lam @ np.array([[0, 0.5, 0.5, 0], [1 / 3, 1 / 3, 1 / 3, 0], [0.25] * 4])
    for j in range(4):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > P_MIN
    assert "=" in model.describe()
    with pytest.raises(UsageError):
        OrdinalWeights([0, 1, 1])
    with pytest.raises(UsageError):
        OrdinalWeights([0, 2])


def test_cut_volume_matches_closed_forms() -> None:
    # no active caps: the simplex, d! vol = T^d; one cap c: T^d - (T - c)^d
    assert cut_volume(10, [20, 20, 20], 2) == 100
    assert cut_volume(10, [4, 20, 20], 2) == 100 - 36
    # the unit square cut by x + y = 1 (projected length 1): caps 1, 1, total 1, d = 1
    assert cut_volume(1, [1, 1], 1) == 1


@pytest.mark.parametrize(("low", "high", "proposal"), [
    ([0.1, 0.2, 0.0], [0.5, 0.6, 0.3], "reflected"),
    ([0.0] * 6, [0.3] * 6, "box"),
    ([0.0, 0.0, 0.0, 0.0], [0.9, 0.8, 0.9, 0.7], "simplex"),
])
def test_ranges_are_uniform_on_the_cut_simplex(low: list[float], high: list[float],
                                               proposal: str) -> None:
    model = WeightRanges(low, high)
    assert [p.proposal for p in model.pieces] == [proposal]
    w = model.sample(rng(1), 20_000)
    assert np.all(w >= np.array(low) - 1e-12) and np.all(w <= np.array(high) + 1e-12)
    np.testing.assert_allclose(w.sum(axis=1), 1)
    ref = reference_box_simplex(low, high, 20_000)
    for j in range(len(low)):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > P_MIN


def test_acceptance_is_exact() -> None:
    model = WeightRanges([0.0] * 4, [0.4] * 4)
    piece = model.pieces[0]
    k = 400_000
    x = piece._propose(rng(2), k)
    c = np.array(piece.caps) / Q
    empirical = np.mean(np.all((x >= 0) & (x <= c), axis=1))
    se = math.sqrt(piece.acceptance * (1 - piece.acceptance) / k)
    assert abs(empirical - piece.acceptance) < 5 * se


def test_split_pieces_are_still_uniform() -> None:
    low, high = [0.0] * 4, [0.45, 0.4, 0.5, 0.35]
    model = WeightRanges(low, high, floor=0.8)  # forces the recursive split
    assert len(model.pieces) > 1
    assert "pieces" in model.describe()
    w = model.sample(rng(4), 20_000)
    ref = reference_box_simplex(low, high, 20_000)
    for j in range(4):
        assert stats.ks_2samp(w[:, j], ref[:, j]).pvalue > P_MIN


def test_degenerate_and_infeasible_ranges() -> None:
    np.testing.assert_allclose(WeightRanges([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
                               .sample(rng(), 3), [[0.2, 0.3, 0.5]] * 3)
    np.testing.assert_allclose(WeightRanges([0, 0, 0], [0.5, 0.5, 0]).sample(rng(), 2),
                               [[0.5, 0.5, 0]] * 2)
    for low, high in (([0.6, 0.6], [1, 1]), ([0, 0], [0.4, 0.4]), ([0.5], [0.2]),
                      ([-0.1, 0], [1, 1])):
        with pytest.raises(UsageError):
            WeightRanges(low, high)
    with pytest.raises(UsageError):
        WeightRanges([0.0] * 4, [0.45, 0.4, 0.5, 0.35], floor=0.999, max_pieces=4)
