"""Engine invariants (hypothesis) and the competition ranking."""

from __future__ import annotations

import numpy as np
from builders import make_problem
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from appraisal.analysis.ranking import rank_problem
from appraisal.core.ordering import competition_ranks
from appraisal.methods import get_method

METHOD = get_method("weighted-sum")
WS = METHOD.score


def test_competition_ranks_examples() -> None:
    assert competition_ranks(np.array([0.9, 0.5, 0.5, 0.1])).tolist() == [1, 2, 2, 4]
    assert competition_ranks(np.array([0.1, 0.5, 0.9, 0.5])).tolist() == [4, 2, 1, 2]
    assert competition_ranks(np.array([1.0, 1.0, 1.0])).tolist() == [1, 1, 1]
    # within the tolerance counts as a tie; single linkage keeps the ranking valid
    assert competition_ranks(np.array([0.5, 0.5 + 5e-10, 0.5 + 1e-9 + 5e-10])).tolist() == [1, 1, 1]
    batch = competition_ranks(np.array([[0.2, 0.1], [0.1, 0.2]]))
    assert batch.tolist() == [[1, 2], [2, 1]]


totals = arrays(np.float64, st.integers(1, 12),
                elements=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, 0.3, 0.3 + 1e-12]))


@given(totals)
def test_ranks_are_a_valid_competition_ranking(t: np.ndarray) -> None:
    r = competition_ranks(t)
    for rank in set(r.tolist()):
        members = int((r == rank).sum())
        # standard competition: rank = 1 + number of options strictly ahead
        assert rank == 1 + int((r < rank).sum())
        assert members >= 1
    # better totals never get a worse rank
    for i in range(len(t)):
        for j in range(len(t)):
            if t[i] > t[j] + 1e-9:
                assert r[i] < r[j]


problems = st.integers(2, 7).flatmap(lambda n: st.integers(1, 6).flatmap(lambda m: st.tuples(
    arrays(np.float64, (n, m), elements=st.integers(0, 10).map(lambda x: x / 2)),
    arrays(np.float64, m, elements=st.floats(0.0, 10.0)).filter(lambda w: w.sum() > 0.1),
    arrays(np.bool_, m))))


@settings(max_examples=150)
@given(problems, st.floats(0.01, 1000.0))
def test_scaling_all_weights_changes_no_rank(p: tuple, factor: float) -> None:
    scores, w, benefit = p
    a = rank_problem(make_problem(scores, w, benefit=benefit), METHOD).ranks
    b = rank_problem(make_problem(scores, w * factor, benefit=benefit), METHOD).ranks
    assert a.tolist() == b.tolist()


@settings(max_examples=150)
@given(problems)
def test_dominated_option_never_outranks_its_dominator(p: tuple) -> None:
    scores, w, benefit = p
    prob = make_problem(scores, w, benefit=benefit)
    ranks = rank_problem(prob, METHOD).ranks
    value = np.where(benefit, scores, -scores)
    n = scores.shape[0]
    for i in range(n):
        for j in range(n):
            if np.all(value[i] >= value[j]) and np.any(value[i] > value[j]):
                assert ranks[i] <= ranks[j]


@settings(max_examples=150)
@given(problems, st.data())
def test_zero_weight_criterion_changes_nothing(p: tuple, data: st.DataObject) -> None:
    scores, w, benefit = p
    n = scores.shape[0]
    extra = data.draw(arrays(np.float64, (n, 1), elements=st.integers(0, 10).map(float)))
    base = rank_problem(make_problem(scores, w, benefit=benefit), METHOD)
    more = rank_problem(make_problem(np.hstack([scores, extra]), np.append(w, 0.0),
                                     benefit=np.append(benefit, True), scale=(0.0, 10.0)),
                        METHOD)
    base2 = rank_problem(make_problem(scores, w, benefit=benefit, scale=(0.0, 10.0)), METHOD)
    assert more.ranks.tolist() == base2.ranks.tolist()
    np.testing.assert_allclose(more.totals, base2.totals, atol=1e-12)
    assert len(base.ranks) == len(more.ranks)


def test_weighted_sum_batches_agree_with_single_vectors() -> None:
    rng = np.random.default_rng(1)
    prob = make_problem(rng.integers(0, 6, (5, 4)).astype(float), np.ones(4))
    W = rng.dirichlet(np.ones(4), 7)
    batch = WS(prob, W)
    assert batch.shape == (7, 5)
    for k in range(7):
        np.testing.assert_allclose(batch[k], WS(prob, W[k]))


def test_cost_criterion_is_inverted() -> None:
    prob = make_problem(np.array([[1.0], [4.0]]), np.ones(1), benefit=np.array([False]))
    np.testing.assert_allclose(WS(prob, prob.weights), [0.8, 0.2])
