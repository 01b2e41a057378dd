"""SMAA-2: exact counting, analytic cases, ties, determinism and properties."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pytest
from builders import make_problem
from conftest import NUMERIC
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.sampling import OrdinalWeights, UniformSimplex
from appraisal.analysis.smaa import BLOCK, block_rng, smaa
from appraisal.core.ordering import competition_ranks
from appraisal.core.problem import FloatArray, Problem
from appraisal.errors import UsageError
from appraisal.input.compile import compile_problem
from appraisal.methods import Method, get_method

METHOD = get_method("weighted-sum")
WS = METHOD.score


def unit_problem(scores: Sequence[Sequence[float]], low: FloatArray | None = None,
                 high: FloatArray | None = None) -> Problem:
    """Benefit criteria on a 0..1 scale, so values equal scores; equal weights."""
    return make_problem(scores, scale=(0.0, 1.0), low=low, high=high)


def naive_acceptability(totals: FloatArray) -> FloatArray:
    """Tie sharing by brute force: competition ranks, group sizes, spread 1/g."""
    k, n = totals.shape
    acc = np.zeros((n, n))
    ranks = competition_ranks(totals)
    for s in range(k):
        for i in range(n):
            g = int(np.sum(ranks[s] == ranks[s, i]))
            acc[i, ranks[s, i] - 1:ranks[s, i] - 1 + g] += 1.0 / g
    return acc / k


def same_weights(model: UniformSimplex | OrdinalWeights, samples: int, seed: int) -> FloatArray:
    return np.concatenate([model.sample(block_rng(seed, b, 0), min(BLOCK, samples - b * BLOCK))
                           for b in range(-(-samples // BLOCK))])


def test_counts_match_brute_force_on_the_same_draws() -> None:
    p = unit_problem([[0.9, 0.1, 0.3], [0.2, 0.8, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5],
                      [0.1, 0.1, 0.1]])
    r = smaa(p, METHOD, samples=3000, seed=7)
    w = same_weights(UniformSimplex(3), 3000, 7)
    totals = WS(p, w)
    np.testing.assert_allclose(r.acceptability, naive_acceptability(totals), atol=1e-12)
    beats = totals[:, :, None] > totals[:, None, :] + 1e-9
    np.testing.assert_array_equal(r.pairwise, beats.mean(axis=0))
    ranks = competition_ranks(totals)
    for i in range(3):  # options with a unique first place: plain mean of their weights
        first = (ranks[:, i] == 1)
        if first.any():
            np.testing.assert_allclose(r.central_weights[i], w[first].mean(axis=0))


def test_two_options_two_criteria_closed_form() -> None:
    # T1 = w1, T2 = 0.3 w1 + 0.6 (1 - w1): option 1 first iff w1 > 6/13, w1 ~ U(0, 1)
    p = unit_problem([[1.0, 0.0], [0.3, 0.6]])
    r = smaa(p, METHOD, samples=200_000, seed=1)
    se = np.sqrt(0.25 / 200_000)
    assert abs(r.acceptability[0, 0] - 7 / 13) < 5 * se
    assert abs(r.acceptability[1, 1] - 7 / 13) < 5 * se
    assert abs(r.central_weights[0, 0] - (1 + 6 / 13) / 2) < 0.002
    assert abs(r.central_weights[1, 0] - 3 / 13) < 0.002
    np.testing.assert_array_equal(r.confidence, [1.0, 1.0])
    assert abs(r.pairwise[0, 1] - 7 / 13) < 5 * se


def test_exact_interval_enumeration_with_two_criteria() -> None:
    """With two criteria the weights are w1 ~ U(0, 1): the exact acceptabilities are the
    lengths of the intervals between crossing points, ranked at their midpoints."""
    v = np.array([[0.9, 0.2], [0.4, 0.7], [0.6, 0.5], [0.1, 1.0]])
    d = v[:, 0] - v[:, 1]
    cross = [(v[j, 1] - v[i, 1]) / (d[i] - d[j]) for i in range(4) for j in range(i + 1, 4)
             if d[i] != d[j]]
    cuts = np.unique(np.clip([0.0, 1.0, *cross], 0, 1))
    exact = np.zeros((4, 4))
    for a, b in itertools.pairwise(cuts):
        mid = (a + b) / 2
        exact += (b - a) * naive_acceptability((v @ [mid, 1 - mid])[None, :])
    r = smaa(unit_problem(v), METHOD, samples=400_000, seed=3)
    assert np.max(np.abs(r.acceptability - exact)) < 5 * np.sqrt(0.25 / 400_000)


def test_identical_options_share_the_ranks_they_occupy() -> None:
    # A and B always tie; C is first iff w1 > 1/2
    p = unit_problem([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]])
    r = smaa(p, METHOD, samples=50_000, seed=2)
    c_first = r.acceptability[2, 0]
    np.testing.assert_allclose(r.acceptability[0], r.acceptability[1])
    np.testing.assert_allclose(r.acceptability[0], [(1 - c_first) / 2, 0.5, c_first / 2])
    np.testing.assert_allclose(r.acceptability.sum(axis=0), 1)
    assert r.pairwise[0, 1] == 0 and r.pairwise[1, 0] == 0
    np.testing.assert_array_equal(r.confidence[:2], [0.5, 0.5])  # tied first at centre


def test_same_seed_same_bytes_and_chunk_size_does_not_matter() -> None:
    p = compile_problem(__import__("appraisal").load())
    n = 2 * BLOCK + 5
    for unc in (False, True):
        a = smaa(p, METHOD, samples=n, seed=11, score_uncertainty=unc, chunk=1)
        b = smaa(p, METHOD, samples=n, seed=11, score_uncertainty=unc,
                 chunk=10**7)
        for f in ("acceptability", "central_weights", "confidence", "pairwise"):
            assert getattr(a, f).tobytes() == getattr(b, f).tobytes(), f
    c = smaa(p, METHOD, samples=n, seed=12)
    assert c.acceptability.tobytes() != a.acceptability.tobytes()


def test_generic_path_agrees_with_the_linear_fast_path() -> None:
    p = compile_problem(__import__("appraisal").load())
    for unc in (False, True):
        fast = smaa(p, METHOD, samples=5000, seed=4, score_uncertainty=unc)
        slow = smaa(p, NUMERIC, samples=5000, seed=4, score_uncertainty=unc)
        unstacked = smaa(p, METHOD, samples=5000, seed=4, score_uncertainty=unc,
                         separable=False)
        for other in (slow, unstacked):
            np.testing.assert_allclose(fast.acceptability, other.acceptability, atol=1e-12)
            np.testing.assert_allclose(fast.confidence, other.confidence, atol=1e-12)


def test_score_uncertainty_widens_and_confidence_is_a_share() -> None:
    p = unit_problem([[0.6, 0.6], [0.55, 0.62]], low=np.array([[0.4, 0.4], [0.3, 0.5]]),
                     high=np.array([[0.8, 0.8], [0.8, 0.7]]))
    r = smaa(p, METHOD, samples=20_000, score_uncertainty=True)
    assert np.all((r.confidence > 0) & (r.confidence < 1))
    assert "triangular" in r.score_model
    u = smaa(p, METHOD, samples=20_000, score_uncertainty=True,
             score_distribution="uniform")
    assert "uniform" in u.score_model
    assert not np.array_equal(u.acceptability, r.acceptability)


def test_probe_detects_a_method_that_normalises_across_options() -> None:
    def relative(problem: Problem, w: FloatArray) -> FloatArray:
        v = problem.scores / problem.scores.max(axis=0)
        return np.asarray(w) @ v.T

    p = unit_problem([[0.5, 0.2], [0.3, 0.4], [0.1, 0.35]],
                     low=np.array([[0.2, 0.1], [0.2, 0.3], [0.0, 0.3]]),
                     high=np.array([[0.7, 0.3], [0.6, 0.5], [0.2, 0.4]]))
    from appraisal.analysis.evaluate import probe_separable

    assert not probe_separable(p, relative, np.eye(2))
    assert probe_separable(p, WS, np.eye(2))
    method = Method(name="relative", label="relative", score=relative, linear_in_weights=True,
                    reference="test")
    probed = smaa(p, method, samples=3000, score_uncertainty=True)
    honest = smaa(p, method, samples=3000, score_uncertainty=True,
                  separable=False)
    np.testing.assert_array_equal(probed.acceptability, honest.acceptability)


def test_progress_reports_every_chunk_and_ends_at_total() -> None:
    calls: list[tuple[int, int]] = []
    p = unit_problem([[0.2, 0.8], [0.7, 0.1]])
    smaa(p, METHOD, samples=3 * BLOCK, chunk=BLOCK, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(BLOCK, 3 * BLOCK), (2 * BLOCK, 3 * BLOCK), (3 * BLOCK, 3 * BLOCK)]


def test_bad_arguments_are_usage_errors() -> None:
    p = unit_problem([[0.2, 0.8], [0.7, 0.1]])
    with pytest.raises(UsageError):
        smaa(p, METHOD, samples=0)
    with pytest.raises(UsageError):
        smaa(p, METHOD, weights=UniformSimplex(3))
    with pytest.raises(UsageError):
        smaa(p, METHOD, score_uncertainty=True, score_distribution="normal")  # type: ignore[arg-type]


def test_ordinal_weights_flow_through() -> None:
    p = unit_problem([[1.0, 0.0], [0.0, 1.0]])
    r = smaa(p, METHOD, samples=2000, weights=OrdinalWeights([1, 0]))
    np.testing.assert_array_equal(r.acceptability[1], [1.0, 0.0])
    assert "ranking" in r.weight_model


value = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5).flatmap(lambda m: st.lists(
    st.lists(value, min_size=m, max_size=m), min_size=1, max_size=6)),
    st.integers(0, 2**32 - 1), st.booleans())
def test_properties(rows: list[list[float]], seed: int, unc: bool) -> None:
    s = np.array(rows)
    dominated = np.clip(s[0] - 0.3, -1, None)  # worse than option 0 by 0.3 everywhere
    s = np.vstack([s, dominated, s[:1]])  # and a copy of option 0: ties for sure
    lo, hi = np.clip(s - 0.05, -1, 1), np.clip(s + 0.05, -1, 1)
    p = unit_problem(s, low=lo, high=hi)
    r = smaa(p, METHOD, samples=700, seed=seed, score_uncertainty=unc)
    np.testing.assert_allclose(r.acceptability.sum(axis=0), 1, atol=1e-12)
    np.testing.assert_allclose(r.acceptability.sum(axis=1), 1, atol=1e-12)
    assert r.acceptability[len(rows), 0] == 0  # the dominated option is never first
    assert np.all(r.pairwise + r.pairwise.T <= 1 + 1e-12)
    assert np.all(np.isnan(r.central_weights[r.acceptability[:, 0] == 0]))
    ok = ~np.isnan(r.confidence)
    assert np.all((r.confidence[ok] >= 0) & (r.confidence[ok] <= 1))
    np.testing.assert_allclose(r.central_weights[ok].sum(axis=1), 1)
    again = smaa(p, METHOD, samples=700, seed=seed, score_uncertainty=unc)
    assert again.acceptability.tobytes() == r.acceptability.tobytes()


def test_totals_within_the_tolerance_are_ties() -> None:
    exact = smaa(unit_problem([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]]), METHOD, samples=5000)
    near = smaa(unit_problem([[0.5, 0.5], [0.5 + 1e-12, 0.5 + 1e-12], [1.0, 0.0]]), METHOD,
                samples=5000)
    np.testing.assert_array_equal(near.acceptability, exact.acceptability)
    np.testing.assert_array_equal(near.pairwise, exact.pairwise)


def test_runs_sharing_score_draws_equal_separate_runs() -> None:
    """smaa_runs shares each block's score draws between weight models: each run's
    results are byte for byte those of its own smaa call with the same seed."""
    import appraisal
    from appraisal.analysis.smaa import Run, smaa_runs
    from appraisal.analysis.treeweights import BoardWeights, TreeWeights
    from appraisal.core.screening import passes

    p = compile_problem(appraisal.load())
    p = p.subset(passes(p))
    runs = {"board": Run(BoardWeights.around(p.tree), confidence=False),
            "any": Run(TreeWeights(p.tree))}
    together = smaa_runs(p, METHOD, runs, samples=20_000, seed=5, score_uncertainty=True)
    assert list(together) == ["board", "any"]
    for name, spec in runs.items():
        alone = smaa(p, METHOD, samples=20_000, seed=5, weights=spec.model,
                     score_uncertainty=True)
        for field in ("acceptability", "central_weights", "pairwise", "joint_first"):
            np.testing.assert_array_equal(getattr(together[name], field), getattr(alone, field))
    np.testing.assert_array_equal(together["any"].confidence, alone.confidence)
    assert np.isnan(together["board"].confidence).all()
    assert together["board"].confidence_draws == 0
