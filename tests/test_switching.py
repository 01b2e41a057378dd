"""Weight and score switching values: exact thresholds checked by brute force."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from builders import PROBLEMS, make_problem
from conftest import NUMERIC, WEIGHTED_SUM
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.score_switching import score_switching
from appraisal.analysis.sweeps import all_sweeps, sweepable_nodes, weight_path
from appraisal.analysis.weight_switching import weight_switching
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal

METHOD = WEIGHTED_SUM
SCORE = WEIGHTED_SUM.score


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
@given(PROBLEMS)
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
@given(PROBLEMS)
def test_numeric_weight_switching_agrees_with_exact(problem: Problem) -> None:
    lead = leader(problem)
    exact = weight_switching(problem, METHOD, lead)
    numeric = weight_switching(problem, NUMERIC, lead)
    for a, b in zip(exact.intervals, numeric.intervals, strict=True):
        assert a.low_share == pytest.approx(b.low_share, abs=1e-8)
        assert a.high_share == pytest.approx(b.high_share, abs=1e-8)


@settings(max_examples=40, deadline=None)
@given(PROBLEMS)
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


def test_a_tie_at_the_end_of_the_range_is_not_a_switch() -> None:
    """The independent check's case: a (k1 2, k2 4) and b (k1 1, k2 4), weights 2 and 7.
    b only ties a when k2 has all the weight; rounding put the crossing at
    0.9999999999999998, reported as "a stays first unless the weight on K2 rises above
    100%"."""
    p = make_problem(np.array([[2.0, 4.0], [1.0, 4.0]]), raw=np.array([2.0, 7.0]))
    ws = weight_switching(p, METHOD, 0)
    assert ws.headline is None
    assert [(iv.low_share, iv.high_share, iv.below, iv.above) for iv in ws.intervals] == [
        (0.0, 1.0, (), ()), (0.0, 1.0, (), ())]
    assert all(seg.leaders == ("o0",) for s in all_sweeps(p, METHOD) for seg in s.segments)


value = st.integers(0, 10).map(lambda x: x / 2)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5).flatmap(lambda n: st.integers(1, 4).flatmap(lambda m: st.tuples(
    st.lists(st.lists(value, min_size=m, max_size=m), min_size=n, max_size=n),
    st.lists(st.integers(0, 9).map(float), min_size=m, max_size=m)))))
def test_a_dominated_option_never_takes_the_lead(case: tuple[list[list[float]],
                                                             list[float]]) -> None:
    rows, raw = case
    if sum(raw) == 0:
        raw[0] = 1.0
    scores = np.array(rows)
    # with a copy of row 0 made worse on its first criterion: a dominated option for sure
    worse = scores[0].copy()
    worse[0] = max(0.0, worse[0] - 0.5)
    if worse[0] < scores[0][0]:
        scores = np.vstack([scores, worse])
    p = make_problem(scores, raw=np.array(raw))
    values = scores  # benefit criteria on a 0..5 scale
    by: dict[str, set[str]] = {}  # dominated option -> its dominators
    for a in range(len(scores)):
        for b in range(len(scores)):
            if np.all(values[a] >= values[b]) and np.any(values[a] > values[b]):
                by.setdefault(p.option_ids[b], set()).add(p.option_ids[a])

    def never_ahead_of_its_dominators(leaders: tuple[str, ...]) -> bool:
        # a dominated option may tie its dominator (where the criteria it is worse on
        # carry no weight), never lead without it
        return all(by[o] & set(leaders) for o in leaders if o in by)

    lead = int(np.lexsort((np.arange(len(scores)), -SCORE(p, p.weights)))[0])
    ws = weight_switching(p, METHOD, lead)
    for iv in ws.intervals:
        assert never_ahead_of_its_dominators(iv.above)
        assert never_ahead_of_its_dominators(iv.below)
    for s in all_sweeps(p, METHOD):
        for seg in s.segments:
            assert never_ahead_of_its_dominators(seg.leaders)


def test_first_step_score_goes_the_way_that_changes_the_leader() -> None:
    """At an exact tie the switching value is the score itself and the change is a
    signed zero: the first score on the steps beyond it is the one in the direction that
    changes the leader (down for the leader's benefit score, down for a rival's cost
    score), never the other way (the paper's table once read a -0.0 change as a rise)."""
    p = make_problem([[4, 3], [4, 3], [2, 1]], benefit=[True, False])
    lead = leader(p)
    totals = np.asarray(WEIGHTED_SUM.score(p, p.weights), dtype=float)
    found = {(s.option_id, s.criterion_id): s for s in
             score_switching(p, WEIGHTED_SUM, totals, lead).switches}
    mine = found[("o0", "c0")]  # the leader's benefit score: falling hands over the lead
    assert mine.switching_score == 4 and mine.step_score == 3
    rival = found[("o1", "c1")]  # the rival's cost score: falling makes it lead
    assert rival.switching_score == 3 and rival.step_score == 2
    assert found[("o0", "c1")].step_score == 4  # the leader's cost score: rising


def test_step_score_is_the_next_step_past_the_switching_value() -> None:
    from appraisal.analysis.score_switching import step_beyond

    assert step_beyond(3.404, True, 0.5, 0.0, 5.0) == 3.0
    assert step_beyond(3.404, False, 0.5, 0.0, 5.0) == 3.5
    assert step_beyond(3.5, True, 0.5, 0.0, 5.0) == 3.0  # on the grid: a tie, one step on
    assert step_beyond(4.9, False, 1.0, 0.0, 5.0) == 5.0
    assert step_beyond(4.9, False, 0.5, 0.0, 4.9) is None  # off the scale
    assert step_beyond(3.4, True, 0.0, 0.0, 5.0) is None  # no step
