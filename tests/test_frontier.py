"""The value-for-money frontier: a published worked example, brute force and properties."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.frontier import (
    frontier,
    least_cost_of_others,
    most_benefit_of_others,
    on_frontier_draws,
    switching_values,
)

# US Department of Veterans Affairs, Health Economics Resource Center (HERC),
# "Cost-Effectiveness Analysis" (herc.research.va.gov, page id cost-effectiveness-analysis),
# as reproduced in the DARTH group's dampack R package, tests/testthat/test_calculate_icers.R
# (expected: A strongly dominated, C extendedly dominated, frontier UC -> B -> D -> E with
# ICERs 5,000, 12,500 and 20,000 dollars per QALY).
HERC = {"UC": (5000, 1.0), "A": (12000, 1.5), "B": (10000, 2.0), "C": (25000, 3.0),
        "D": (35000, 4.0), "E": (55000, 5.0)}


def test_herc_worked_example_strict_and_extended_dominance() -> None:
    names = list(HERC)
    cost = np.array([HERC[k][0] for k in names], dtype=float)
    effect = np.array([HERC[k][1] for k in names])
    f = frontier(cost, effect)
    status = dict(zip(names, f.status, strict=True))
    assert status == {"UC": "frontier", "A": "dominated", "B": "frontier",
                      "C": "extended", "D": "frontier", "E": "frontier"}
    assert [names[i] for i in f.order] == ["UC", "B", "D", "E"]
    icer = {names[i]: f.icer[i] for i in f.order[1:]}
    assert icer == {"B": 5000.0, "D": 12500.0, "E": 20000.0}
    assert names[f.by[names.index("A")][0]] == "B"
    assert [names[i] for i in f.by[names.index("C")]] == ["B", "D"]
    # the willingness to pay over which each frontier option gives most net benefit
    assert f.best_value_range(names.index("B")) == (5000.0, 12500.0)
    assert f.best_value_range(names.index("UC")) == (0.0, 5000.0)
    assert f.best_value_range(names.index("E")) == (20000.0, float("inf"))
    assert f.best_value_range(names.index("C")) is None


def _brute_on(cost: np.ndarray, benefit: np.ndarray, i: int) -> bool:
    """On the frontier: no other option, nor any mix of two (fine grid), is at least as
    good on both and better on one."""
    n = cost.size
    others = [j for j in range(n) if j != i]
    tol = 1e-9 * max(1.0, float(np.abs(cost).max()), float(np.abs(benefit).max()))
    for j in others:
        if cost[j] <= cost[i] + tol and benefit[j] >= benefit[i] - tol and (
                cost[j] < cost[i] - tol or benefit[j] > benefit[i] + tol):
            return False
    lam = np.linspace(0, 1, 2001)[1:-1]
    for j, k in itertools.combinations(others, 2):
        c = lam * cost[j] + (1 - lam) * cost[k]
        b = lam * benefit[j] + (1 - lam) * benefit[k]
        if np.any((c <= cost[i] - 1e-6) & (b >= benefit[i] + 1e-6)):
            return False
    return True


points = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(points)
def test_frontier_matches_brute_force_and_vectorised(pts: list[tuple[int, int]]) -> None:
    cost = np.array([p[0] for p in pts], dtype=float)
    benefit = np.array([p[1] for p in pts], dtype=float)
    f = frontier(cost, benefit)
    on = f.on
    vec = on_frontier_draws(cost[None], benefit[None])[0]
    assert np.array_equal(on, vec)
    for i in range(cost.size):
        if f.status[i] == "dominated":
            assert not _brute_on(cost, benefit, i)
        if on[i]:
            assert _brute_on(cost, benefit, i)
    # along the frontier costs and benefits rise, and the ICERs do not fall
    order = list(f.order)
    assert np.all(np.diff(cost[order]) >= 0) and np.all(np.diff(benefit[order]) >= 0)
    icers = [f.icer[i] for i in order[1:] if not np.isnan(f.icer[i])]
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(icers))


@settings(max_examples=150, deadline=None)
@given(points)
def test_an_option_dominated_in_cost_and_benefit_is_never_on_the_frontier(
        pts: list[tuple[int, int]]) -> None:
    cost = np.array([p[0] for p in pts], dtype=float)
    benefit = np.array([p[1] for p in pts], dtype=float)
    on = frontier(cost, benefit).on
    for i, j in itertools.permutations(range(cost.size), 2):
        if cost[j] <= cost[i] and benefit[j] >= benefit[i] and (
                cost[j] < cost[i] or benefit[j] > benefit[i]):
            assert not on[i]


@settings(max_examples=100, deadline=None)
@given(points, st.integers(0, 6), st.integers(1, 20), st.integers(0, 20))
def test_adding_a_dominated_option_changes_no_frontier_point(
        pts: list[tuple[int, int]], pick: int, extra_cost: int, less: int) -> None:
    cost = np.array([p[0] for p in pts], dtype=float)
    benefit = np.array([p[1] for p in pts], dtype=float)
    j = pick % cost.size
    before = frontier(cost, benefit)
    cost2 = np.append(cost, cost[j] + extra_cost)
    benefit2 = np.append(benefit, benefit[j] - less)
    after = frontier(cost2, benefit2)
    assert after.status[-1] == "dominated"
    assert after.status[:-1] == before.status
    assert np.array_equal(after.order, before.order)
    np.testing.assert_array_equal(after.icer[:-1], before.icer)


@settings(max_examples=100, deadline=None)
@given(points, st.sampled_from([0.5, 2.0, 1000.0, 1e6]))
def test_scaling_costs_scales_every_icer_and_keeps_the_frontier(
        pts: list[tuple[int, int]], k: float) -> None:
    cost = np.array([p[0] for p in pts], dtype=float)
    benefit = np.array([p[1] for p in pts], dtype=float)
    a, b = frontier(cost, benefit), frontier(cost * k, benefit)
    assert a.status == b.status
    np.testing.assert_allclose(b.icer, a.icer * k, rtol=1e-12)


def test_identical_points_share_the_frontier_and_collinear_points_stay_on_it() -> None:
    f = frontier(np.array([1.0, 2.0, 2.0, 3.0]), np.array([1.0, 2.0, 2.0, 3.0]))
    assert f.status == ("frontier",) * 4
    assert f.best_value_range(1) is None  # shared with option 2


@settings(max_examples=100, deadline=None)
@given(points, st.integers(0, 6))
def test_switching_values_are_where_the_option_leaves_the_frontier(
        pts: list[tuple[int, int]], pick: int) -> None:
    cost = np.array([p[0] for p in pts], dtype=float)
    benefit = np.array([p[1] for p in pts], dtype=float)
    i = pick % cost.size
    if cost.size < 2 or not frontier(cost, benefit).on[i]:
        return
    sw = switching_values(cost, benefit, i)
    for size, field in ((sw.overrun, "cost"), (sw.shortfall, "benefit")):
        if not np.isfinite(size):
            far_c, far_b = cost.copy(), benefit.copy()
            (far_c if field == "cost" else far_b)[i] += 1e6 if field == "cost" else -1e6
            assert frontier(far_c, far_b).on[i]
            continue
        assert size >= 0
        for step, expect in ((size - 1e-6, True), (size + 1e-6, False)):
            c, b = cost.copy(), benefit.copy()
            if field == "cost":
                c[i] += step
            else:
                b[i] -= step
            if step >= 0:
                assert frontier(c, b).on[i] == expect, (field, step)


def test_switching_values_closed_form() -> None:
    # three options: A (0, 0), P (10, 30), B (30, 60); P's chord from A to B at 30 points
    # costs 15, so P leaves the frontier after an overrun of 5 (50%); at cost 10 the
    # chord gives 20 points, so a shortfall of 10 points (one third) takes it off.
    cost = np.array([0.0, 10.0, 30.0])
    benefit = np.array([0.0, 30.0, 60.0])
    sw = switching_values(cost, benefit, 1, wtp=1.0)
    assert sw.overrun == pytest.approx(5.0) and sw.overrun_share == pytest.approx(0.5)
    assert sw.shortfall == pytest.approx(10.0)
    assert sw.shortfall_share == pytest.approx(1 / 3)
    # at 1 per point: net benefits 0, 20, 30: B is better value already by 10
    assert sw.rival == 2 and sw.wtp_overrun == pytest.approx(-10.0)
    assert least_cost_of_others(cost, benefit, 2) == np.inf  # nothing gives 60 points
    assert most_benefit_of_others(cost, benefit, 0) == -np.inf  # nothing is cheaper
