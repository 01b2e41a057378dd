"""The speed tricks of analysis/kernels.py give exactly what their plain reference
implementations give (ties included)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.kernels import (
    Tally,
    affine_totals,
    count_rows,
    first_share,
    reference_tally,
    single_thread_matmul,
)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 7), st.integers(1, 4), st.sampled_from([1, 5, 64, 1024, 2048]),
       st.integers(0, 2**32 - 1))
def test_tally_matches_the_reference(n: int, m: int, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # few distinct values, so many draws have ties (exact, and within the tolerance)
    t = rng.choice([0.1, 0.3, 0.3 + 1e-12, 0.5, 0.7], size=(n, k))
    w = rng.dirichlet(np.ones(m), k)
    fast = Tally(n, m)
    half = k // 2
    if half:
        fast.add(np.ascontiguousarray(t[:, :half]), w[:half])
    fast.add(np.ascontiguousarray(t[:, half:]), w[half:])
    got, ref = fast.counts(), reference_tally(t, w)
    np.testing.assert_allclose(got.acceptability, ref.acceptability, atol=1e-12)
    np.testing.assert_array_equal(got.pairwise, ref.pairwise)
    np.testing.assert_allclose(got.central_sums, ref.central_sums, atol=1e-9)
    np.testing.assert_allclose(got.joint_first, ref.joint_first, atol=1e-12)


@pytest.mark.parametrize("k", [7, 1024, 4096])
def test_count_rows_matches_count_nonzero(k: int) -> None:
    c = np.random.default_rng(k).random((9, k)) < 0.4
    np.testing.assert_array_equal(count_rows(c), np.count_nonzero(c, axis=1))


def test_single_thread_matmul_is_a_matmul() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.random((13, 12)), rng.random((12, 70_000))
    np.testing.assert_allclose(single_thread_matmul(a, b), a @ b, rtol=1e-12)


def test_affine_totals() -> None:
    a, d, t = np.array([0.2, 0.5]), np.array([0.3, -0.1]), np.linspace(0, 1, 5)
    np.testing.assert_allclose(affine_totals(a, d, t), a + np.outer(t, d))


def test_first_share_splits_joint_first_place() -> None:
    t = np.array([[0.5, 0.9], [0.5, 0.1], [0.2, 0.9]])  # draw 0: options 0 and 1 tie first
    np.testing.assert_allclose(first_share(t, np.array([0, 0])), [0.5, 0.5])
    np.testing.assert_allclose(first_share(t, np.array([2, 2])), [0.0, 0.5])


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 9), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_top_tally_matches_the_reference_on_the_first_places(n: int, places: int, m: int,
                                                             seed: int) -> None:
    from appraisal.analysis.kernels import TopTally

    rng = np.random.default_rng(seed)
    t = rng.choice([0.1, 0.3, 0.3 + 1e-12, 0.5, 0.7], size=(n, 700))
    w = rng.dirichlet(np.ones(m), 700)
    watched = np.arange(0, n, 2)
    fast = TopTally(n, m, min(places, n), watched)
    fast.SLICE_VALUES = 3 * n  # many slices
    fast.add(t, w)
    got, ref = fast.counts(), reference_tally(t, w)
    np.testing.assert_allclose(got.acceptability, ref.acceptability[:, :min(places, n)],
                               atol=1e-12)
    np.testing.assert_array_equal(got.pairwise[np.ix_(watched, watched)],
                                  ref.pairwise[np.ix_(watched, watched)])
    assert np.isnan(got.pairwise[1, 0]) or n < 2
    np.testing.assert_allclose(got.central_sums, ref.central_sums, atol=1e-9)
    np.testing.assert_allclose(got.joint_first, ref.joint_first, atol=1e-12)


def test_top_tally_with_many_options_and_ties_across_the_cut() -> None:
    """Many options: only the best of each draw are sorted, and a tie group that
    reaches past them falls back to the full sort."""
    from appraisal.analysis.kernels import TopTally

    rng = np.random.default_rng(5)
    n = 40
    t = rng.random((n, 600))
    t[:, :50] = 0.5  # all tied in 50 draws: the group crosses every cut
    t[:12, 50:100] = 0.9  # twelve tied at the top, past places + 1
    w = rng.dirichlet(np.ones(3), 600)
    fast = TopTally(n, 3, 3, np.arange(5))
    fast.add(t, w)
    got, ref = fast.counts(), reference_tally(t, w)
    np.testing.assert_allclose(got.acceptability, ref.acceptability[:, :3], atol=1e-12)
    np.testing.assert_allclose(got.central_sums, ref.central_sums, atol=1e-9)
    np.testing.assert_allclose(got.joint_first, ref.joint_first, atol=1e-12)
