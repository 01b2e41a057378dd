"""What would it take: the least weight change making each option jointly or clearly
first (linear programmes), against brute force and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from builders import PROBLEMS, make_problem
from conftest import NUMERIC, WEIGHTED_SUM
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.distance import Move, node_matrix, weight_distances
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal

METHOD = WEIGHTED_SUM
SCORE = WEIGHTED_SUM.score

MARGIN = 0.02

tree_problems = st.builds(
    lambda n, seed: make_problem(
        np.random.default_rng(seed).uniform(0, 5, (n, 4)).round(2),
        np.random.default_rng(seed + 1).uniform(0.2, 3, 6),
        parents=[-1, 0, 0, -1, 3, 3]),  # two groups of two leaves
    st.integers(2, 5), st.integers(0, 10_000))


def _weights(move: Move, problem: Problem) -> np.ndarray:
    return np.array([move.weights[c] for c in problem.criterion_ids])


def _check_moves(problem: Problem) -> None:
    d = weight_distances(problem, METHOD, MARGIN)
    nodes = node_matrix(problem.tree)
    w0 = problem.weights
    for i, opt in enumerate(d.options):
        for move, need in ((opt.tie, 0.0), (opt.strict, MARGIN)):
            if move is None:
                continue
            w = _weights(move, problem)
            assert w.sum() == pytest.approx(1.0) and (w >= -1e-12).all()
            tot = SCORE(problem, w)
            assert tot[i] >= np.delete(tot, i).max() + need - 1e-7
            assert move.total == pytest.approx(np.abs(w - w0).sum() / 2, abs=1e-9)
            # the largest change is the least possible, so at most this move's
            assert move.largest <= np.abs(nodes @ (w - w0)).max() + 1e-9
        if opt.strict is not None:
            assert opt.tie is not None and opt.tie.total <= opt.strict.total + 1e-9


def _brute(problem: Problem, k: int = 20_000) -> None:
    """No random weighting puts an option first with a smaller change than the LPs'."""
    d = weight_distances(problem, METHOD, MARGIN)
    nodes = node_matrix(problem.tree)
    rng = np.random.default_rng(1)
    m = problem.shape[1]
    # random weightings, plus mixtures with the base weights to cover small moves
    w = rng.dirichlet(np.ones(m), k)
    w = np.vstack([w, problem.weights + rng.random((k, 1)) * (w - problem.weights)])
    tot = SCORE(problem, w)
    total = np.abs(w - problem.weights).sum(axis=1) / 2
    largest = np.abs((w - problem.weights) @ nodes.T).max(axis=1)
    for i, opt in enumerate(d.options):
        others = np.delete(tot, i, axis=1).max(axis=1)
        for move, need in ((opt.tie, 0.0), (opt.strict, MARGIN)):
            hit = tot[:, i] >= others + need
            if move is None:
                assert not hit.any()
            elif hit.any():
                assert move.total <= total[hit].min() + 1e-7
                assert move.largest <= largest[hit].min() + 1e-7


@settings(max_examples=25, deadline=None)
@given(PROBLEMS)
def test_moves_make_options_first_by_what_they_say(problem: Problem) -> None:
    d = weight_distances(problem, METHOD, MARGIN)
    lead = int(np.argmax(SCORE(problem, problem.weights)))
    assert d.options[lead].tie is not None and d.options[lead].tie.total == 0.0
    _check_moves(problem)


@settings(max_examples=15, deadline=None)
@given(PROBLEMS)
def test_no_random_weighting_beats_the_lps(problem: Problem) -> None:
    _brute(problem)


@settings(max_examples=15, deadline=None)
@given(tree_problems)
def test_largest_change_counts_the_groups_on_a_tree(problem: Problem) -> None:
    _check_moves(problem)
    _brute(problem)


def test_two_criteria_closed_form() -> None:
    # o0 (4, 0), o1 (0, 4); weights (0.6, 0.4): o1 ties at (0.5, 0.5), leads by m at
    # w1 - w0 = m / (4/5) = 1.25 m
    p = make_problem(np.array([[4.0, 0.0], [0.0, 4.0]]), raw=np.array([3.0, 2.0]))
    d = weight_distances(p, METHOD, MARGIN)
    tie, strict = d.options[1].tie, d.options[1].strict
    assert tie is not None and strict is not None
    assert tie.total == pytest.approx(0.1) and tie.largest == pytest.approx(0.1)
    assert strict.total == pytest.approx(0.1 + 1.25 * MARGIN / 2)


def test_dominated_option_can_only_tie() -> None:
    # the independent check's example: b (1, 4) is dominated by a (2, 4); weights 2:7.
    # b ties with a only when k1 has no weight: 2/9 of the weight moves
    p = make_problem(np.array([[2.0, 4.0], [1.0, 4.0]]), raw=np.array([2.0, 7.0]))
    d = weight_distances(p, METHOD, MARGIN)
    b = d.options[1]
    assert b.tie is not None and b.tie.total == pytest.approx(2 / 9)
    assert b.strict is None and not b.never_first
    assert d.never_first == () and d.never_clearly_first == ("o1",)


def test_never_first_option_is_flagged() -> None:
    p = make_problem(np.array([[4.0, 4.0], [3.0, 3.0], [5.0, 1.0]]))
    d = weight_distances(p, METHOD)
    assert d.never_first == ("o1",) and d.options[1].strict is None
    tie = d.options[2].tie
    assert tie is not None and tie.total == pytest.approx(0.75 - 0.5)  # w = (0.75, 0.25)


def test_example(example: Appraisal) -> None:
    p = compile_problem(example)
    p = p.subset(passes(p))
    d = weight_distances(p, METHOD, 0.009)
    assert d.available and "outsource" in d.never_first
    # dominated options merely tie: they are never clearly first
    for dominated in ("joint-delivery", "managing-agent", "cic", "charity"):
        assert dominated in d.never_clearly_first, dominated
    assert not weight_distances(p, NUMERIC).available
