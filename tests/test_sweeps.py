"""One-way weight sweeps: exact change points against dense brute force."""

from __future__ import annotations

import numpy as np
import pytest
from builders import PROBLEMS, make_problem
from conftest import NUMERIC
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.dominance import dominance_matrix
from appraisal.analysis.sweeps import (
    all_sweeps,
    sweep,
    sweep_grid,
    sweepable_nodes,
    weight_path,
)
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal
from appraisal.methods import get_method

METHOD = get_method("weighted-sum")
SCORE = METHOD.score


@pytest.fixture(scope="module")
def shortlist(example: Appraisal) -> Problem:
    p = compile_problem(example)
    return p.subset(passes(p))


def brute_crossings(problem: Problem, node: str, k: int = 20_001) -> int:
    path = weight_path(problem.tree, node)
    t = np.linspace(0, 1, k)
    tot = SCORE(problem, path.weights(t))
    i, j = np.triu_indices(tot.shape[1], k=1)
    diff = tot[:, i] - tot[:, j]
    count = 0
    for col in np.sign(np.where(np.abs(diff) > 1e-9, diff, 0.0)).T:
        nz = col[col != 0]  # ties at the ends are not changes
        count += int((nz[:-1] != nz[1:]).sum())
    return count


@settings(max_examples=40, deadline=None)
@given(PROBLEMS)
def test_exact_change_points_match_dense_brute_force(problem: Problem) -> None:
    for node in sweepable_nodes(problem.tree):
        s = sweep(problem, METHOD, node)
        assert len(s.change_points) == brute_crossings(problem, node)
        path = weight_path(problem.tree, node)
        for cp in s.change_points:
            before, after = (SCORE(problem, path.weights(x)) for x in (cp.share - 1e-7,
                                                                        cp.share + 1e-7))
            a, b = problem.option_ids.index(cp.rises), problem.option_ids.index(cp.falls)
            assert before[a] < before[b] + 1e-9 and after[a] > after[b] - 1e-9
            mid = SCORE(problem, path.weights(cp.share))
            assert mid[a] == pytest.approx(mid[b], abs=1e-12)


def test_example_numeric_mode_agrees_with_exact(shortlist: Problem) -> None:
    for node in sweepable_nodes(shortlist.tree):
        exact = sweep(shortlist, METHOD, node)
        numeric = sweep(shortlist, NUMERIC, node)
        e = sorted((c.rises, c.falls, round(c.share, 9)) for c in exact.change_points)
        n = sorted((c.rises, c.falls, round(c.share, 9)) for c in numeric.change_points)
        assert e == n
        assert [g.leaders for g in exact.segments] == [g.leaders for g in numeric.segments]


def test_path_passes_through_the_base_weights(shortlist: Problem) -> None:
    for node in sweepable_nodes(shortlist.tree):
        path = weight_path(shortlist.tree, node)
        np.testing.assert_allclose(path.weights(path.base_share), shortlist.weights, atol=1e-15)
        assert path.weights(0.3).sum() == pytest.approx(1.0)
    child = weight_path(shortlist.tree, "cypp-safe")
    assert child.parent_weight == pytest.approx(0.13)
    assert child.base_weight == pytest.approx(0.13 * 0.4)


def test_grid_matches_score_on_path_weights(shortlist: Problem) -> None:
    path = weight_path(shortlist.tree, "finance")
    t = np.linspace(0, 1, 37)
    np.testing.assert_allclose(sweep_grid(shortlist, METHOD, path, t),
                               SCORE(shortlist, path.weights(t)), atol=1e-14)
    np.testing.assert_allclose(sweep_grid(shortlist, NUMERIC, path, t),
                               SCORE(shortlist, path.weights(t)), atol=1e-14)


@settings(max_examples=30, deadline=None)
@given(PROBLEMS, st.floats(0.01, 100))
def test_scaling_raw_weights_changes_nothing(problem: Problem, c: float) -> None:
    from dataclasses import replace

    tree = replace(problem.tree, raw_weight=problem.tree.raw_weight * c)
    scaled = replace(problem, tree=tree, weights=tree.leaf_weights())
    a, b = all_sweeps(problem, METHOD), all_sweeps(scaled, METHOD)
    assert [s.segments[-1].order for s in a] == [s.segments[-1].order for s in b]
    for x, y in zip(a, b, strict=True):
        assert [p.share for p in x.change_points] == pytest.approx(
            [p.share for p in y.change_points], abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(PROBLEMS)
def test_dominated_option_is_never_strictly_first_in_a_sweep(problem: Problem) -> None:
    v = np.where(problem.benefit, problem.scores, 5 - problem.scores)
    dominated = dominance_matrix(v).any(axis=0)
    for s in all_sweeps(problem, METHOD):
        for seg in s.segments:
            if len(seg.leaders) == 1:
                assert not dominated[problem.option_ids.index(seg.leaders[0])]


def test_tree_node_sweep_rescales_siblings_proportionally() -> None:
    # tree: c0 (top), c1 (parent) -> c2, c3 ; leaves c0, c2, c3
    p = make_problem(np.array([[5, 0, 0], [0, 5, 5]]), raw=[1, 1, 1, 3], parents=[-1, -1, 1, 1])
    path = weight_path(p.tree, "c2")
    np.testing.assert_allclose(path.start, [0.5, 0, 0.5])
    np.testing.assert_allclose(path.end, [0.5, 0.5, 0])
    s = sweep(p, METHOD, "c1")
    assert [c.share for c in s.change_points] == pytest.approx([0.5])
    assert s.leader_at(0.2) == ("o0",) and s.leader_at(0.9) == ("o1",)
