"""Ranks by scenario, Kendall tau-b and least maximum regret."""

from __future__ import annotations

import numpy as np
import pytest
from builders import make_problem
from conftest import WEIGHTED_SUM, paper_result
from hypothesis import given, settings
from hypothesis import strategies as st

import appraisal
from appraisal.analysis.scenarios import compare_scenarios, kendall_tau_b
from appraisal.core.problem import Weighting
from appraisal.errors import UsageError
from appraisal.input.models import Appraisal

METHOD = WEIGHTED_SUM


@settings(deadline=None)
@given(st.lists(st.integers(0, 4), min_size=3, max_size=12),
       st.lists(st.integers(0, 4), min_size=3, max_size=12))
def test_tau_b_matches_scipy(x: list[int], y: list[int]) -> None:
    from scipy.stats import kendalltau

    k = min(len(x), len(y))
    ref = kendalltau(x[:k], y[:k]).statistic
    mine = kendall_tau_b(np.array(x[:k]), np.array(y[:k]))
    if np.isnan(ref):
        assert np.isnan(mine)
    else:
        assert mine == pytest.approx(ref)


def test_regret_and_ranks() -> None:
    scores = np.array([[5.0, 0.0], [0.0, 5.0], [3.0, 3.0]])
    a = make_problem(scores, raw=[1, 0])
    b = make_problem(scores, raw=[0, 1])
    c = compare_scenarios(a, METHOD,
                          [Weighting(id="a", name="A", raw=a.tree.raw_weight, leaf=a.weights),
                           Weighting(id="b", name="B", raw=b.tree.raw_weight, leaf=b.weights)])
    assert c.ranks[:, 0].tolist() == [1, 3, 2] and c.ranks[:, 1].tolist() == [3, 1, 2]
    assert c.leaders == (("o0",), ("o1",))
    assert c.least_regret == ("o2",)
    np.testing.assert_allclose(c.max_regret, [1.0, 1.0, 0.4])
    assert c.tau[0, 1] == pytest.approx(-1.0)  # every pair reversed


def test_mismatched_weightings_are_refused() -> None:
    a = make_problem(np.ones((2, 2)))
    with pytest.raises(UsageError):
        compare_scenarios(a, METHOD, [Weighting(id="a", name="A", raw=np.ones(3),
                                                leaf=np.ones(3) / 3)])
    with pytest.raises(UsageError):
        compare_scenarios(a, METHOD, [])


def test_example_scenarios(example: Appraisal) -> None:
    sc = paper_result(example, samples=0).scenarios
    assert sc is not None
    assert sc.scenario_ids[0] == "base"
    assert set(sc.scenario_ids[1:]) == {"children-first", "finance-led", "improvement-first"}
    for k, sid in enumerate(sc.scenario_ids[1:], start=1):
        r = appraisal.rank(example, scenario=sid)
        assert r.ranking.leader is not None and sc.leaders[k][0] == r.ranking.leader.id
