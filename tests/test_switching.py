"""Weight and score switching values: exact thresholds checked by brute force."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from conftest import NUMERIC
from hypothesis import given, settings
from hypothesis import strategies as st
from test_sweeps import METHOD, SCORE, make_problem, problems

from appraisal.analysis.score_switching import score_switching
from appraisal.analysis.sweeps import sweepable_nodes, weight_path
from appraisal.analysis.weight_switching import weight_switching
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal


def leader(problem: Problem, weights: np.ndarray | None = None) -> int:
    t = SCORE(problem, problem.weights if weights is None else weights)
    return int(np.argmax(t))


@pytest.fixture(scope="module")
def shortlist(example: Appraisal) -> Problem:
    p = compile_problem(example)
    return p.subset(passes(p))


def test_example_headline(shortlist: Problem) -> None:
    ws = weight_switching(shortlist, METHOD, leader(shortlist))
    assert ws.leader == "council-company"
    h = ws.headline
    assert h is not None and h.node_id == "market" and h.direction == "falls"
    assert h.new_leader == ("staff-mutual",)
    # brute force: on a dense grid below the base, where does the leader first change?
    path = weight_path(shortlist.tree, "market")
    grid = np.linspace(path.base_share, 0, 200_001)
    lead = np.argmax(SCORE(shortlist, path.weights(grid)), axis=1)
    first = grid[np.argmax(lead != lead[0])]
    assert h.threshold_weight == pytest.approx(first, abs=1e-5)


@settings(max_examples=40, deadline=None)
@given(problems)
def test_stability_interval_matches_dense_sweep(problem: Problem) -> None:
    lead = leader(problem)
    ws = weight_switching(problem, METHOD, lead)
    for iv in ws.intervals:
        assert iv.low_share <= iv.base_share + 1e-12 <= iv.high_share + 2e-12
        path = weight_path(problem.tree, iv.node_id)
        inside = np.linspace(iv.low_share, iv.high_share, 101)[1:-1]
        tot = SCORE(problem, path.weights(inside))
        assert (tot[:, lead] >= tot.max(axis=1) - 1e-12).all()
        for end, who in ((iv.high_share, iv.above), (iv.low_share, iv.below)):
            if not who:
                assert end in (0.0, 1.0)
                continue
            step = 1e-7 if end == iv.high_share else -1e-7
            beyond = SCORE(problem, path.weights(end + step))
            assert problem.option_ids[int(np.argmax(beyond))] in who
            assert beyond[lead] < beyond.max()


@settings(max_examples=25, deadline=None)
@given(problems)
def test_numeric_weight_switching_agrees_with_exact(problem: Problem) -> None:
    lead = leader(problem)
    exact = weight_switching(problem, METHOD, lead)
    numeric = weight_switching(problem, NUMERIC, lead)
    for a, b in zip(exact.intervals, numeric.intervals, strict=True):
        assert a.low_share == pytest.approx(b.low_share, abs=1e-8)
        assert a.high_share == pytest.approx(b.high_share, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(problems)
def test_score_switching_value_flips_and_smaller_change_does_not(problem: Problem) -> None:
    t = SCORE(problem, problem.weights)
    lead = leader(problem)
    if np.sort(t)[-2] > t[lead] - 1e-9:
        return  # a tie at the top: every switching value is 0
    sw = score_switching(problem, METHOD, t, lead)
    assert sw.exact
    m = problem.shape[1]
    for q, s in enumerate(sw.switches):
        i, j = divmod(q, m)
        if s.change is None:
            for end in (0.0, 5.0):  # nothing within the scale displaces the leader
                scores = problem.scores.copy()
                scores[i, j] = end
                tot = SCORE(replace(problem, scores=scores), problem.weights)
                assert tot[lead] >= tot.max() - 1e-9
            continue
        for factor, flips in ((1 + 1e-6, True), (1 - 1e-6, False)):
            scores = problem.scores.copy()
            scores[i, j] += s.change * factor
            if not 0 <= scores[i, j] <= 5:
                continue
            tot = SCORE(replace(problem, scores=scores), problem.weights)
            assert bool(tot.max() > tot[lead]) is flips
            if flips:
                assert problem.option_ids[int(np.argmax(tot))] in s.new_leader


def test_numeric_score_switching_agrees_on_example(shortlist: Problem) -> None:
    t = SCORE(shortlist, shortlist.weights)
    lead = leader(shortlist)
    exact = score_switching(shortlist, METHOD, t, lead)
    numeric = score_switching(shortlist, NUMERIC, t, lead)
    assert not numeric.exact
    for a, b in zip(exact.switches, numeric.switches, strict=True):
        assert (a.change is None) == (b.change is None), (a, b)
        if a.change is not None:
            assert a.change == pytest.approx(b.change, abs=1e-6)
            assert a.new_leader == b.new_leader


@given(st.floats(0.5, 4.5))
def test_two_options_two_criteria_closed_form(x: float) -> None:
    # o0 = (5, 0), o1 = (x, x): equal weights; o1 leads iff x > 2.5
    p = make_problem(np.array([[5.0, 0.0], [x, x]]))
    t = SCORE(p, p.weights)
    lead = int(np.argmax(t))
    ws = weight_switching(p, METHOD, lead)
    iv = ws.intervals[0]
    # o0 total = 5w/5 = w ; o1 total = x/5 : o0 first iff w >= x/5
    if lead == 0:
        assert iv.low_share == pytest.approx(x / 5) and iv.high_share == 1.0
    else:
        assert iv.low_share == 0.0 and iv.high_share == pytest.approx(x / 5)
    assert set(sweepable_nodes(p.tree)) == {"c0", "c1"}
