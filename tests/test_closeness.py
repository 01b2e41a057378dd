"""Which options are too close to tell apart: the scores' resolution, swaps around the
board's weights, and groups that never join clearly separated options."""

from __future__ import annotations

import numpy as np
import pytest
from builders import make_problem
from conftest import WEIGHTED_SUM

from appraisal.analysis.closeness import closeness, resolution, scoring_step
from appraisal.core.ordering import best_first, competition_ranks
from appraisal.pipeline import Request, run

SCORE = WEIGHTED_SUM.score


def test_scoring_step_is_the_coarsest_step_every_score_is_on() -> None:
    assert scoring_step(np.array([1.0, 2.0, 5.0]), 0.0) == 1.0
    assert scoring_step(np.array([1.0, 2.5]), 0.0) == 0.5
    assert scoring_step(np.array([0.25, 0.75]), 0.0) == 0.25
    assert scoring_step(np.array([1.5, 2.5]), 0.5) == 1.0  # counted from the scale's minimum
    assert scoring_step(np.array([1.0, 1.0 / 3]), 0.0) == 0.0  # written more finely


def test_resolution_is_half_a_step_on_the_most_weighted_criterion() -> None:
    # 0..5 scale, whole points on c0 (weight 0.6), half points on c1 (weight 0.4)
    p = make_problem(np.array([[1.0, 2.5], [3.0, 4.0]]), raw=np.array([3.0, 2.0]))
    r = resolution(p)
    assert (r.criterion, r.step) == ("c0", 1.0)
    assert r.tolerance == pytest.approx(0.5 * 0.6 * 1.0 / 5)  # 0.06
    # scores written to the hundredth on c0: c1's half point is the coarser effect
    p = make_problem(np.array([[1.01, 2.5], [3.0, 4.0]]), raw=np.array([3.0, 2.0]))
    assert resolution(p).criterion == "c1"
    assert resolution(p).tolerance == pytest.approx(0.5 * 0.4 * 0.5 / 5)


def _closeness(totals: list[float], pairwise: np.ndarray | None = None,
               tolerance: float = 0.01):
    n = len(totals)
    p = make_problem(np.zeros((n, 2)))
    t = np.array(totals)
    return closeness(p, t, best_first(competition_ranks(t)), pairwise, 0.1, tolerance)


def test_close_by_resolution_and_groups_from_the_top() -> None:
    # o0 .50, o1 .495 (close to o0), o2 .488 (close to o1, not to o0), o3 .40
    c = _closeness([0.50, 0.495, 0.488, 0.40])
    assert [(x.better, x.worse) for x in c.pairs] == [("o0", "o1"), ("o1", "o2")]
    assert c.groups == (("o0", "o1"),)  # o2 is not close to o0, so not in its group
    assert [(x.better, x.worse) for x in c.loose] == [("o1", "o2")]
    assert c.close_to("o1") == ("o0", "o2") and c.group_of("o3") == ("o3",)


def test_a_group_holds_options_all_close_to_one_another() -> None:
    c = _closeness([0.50, 0.497, 0.494, 0.40, 0.399])
    assert c.groups == (("o0", "o1", "o2"), ("o3", "o4")) and c.loose == ()


def test_close_by_swaps_around_the_board_weights() -> None:
    # pairwise[i, j]: share of draws with i strictly above j
    pairwise = np.array([[0, 0.85, 0.95], [0.15, 0, 0.9], [0.05, 0.1, 0]])
    c = _closeness([0.6, 0.5, 0.4], pairwise, tolerance=0.0)
    assert [(x.better, x.worse, x.swaps) for x in c.pairs] == [("o0", "o1", 0.15)]
    assert c.pairs[0].by_weights and not c.pairs[0].by_resolution
    # exactly the threshold is not more than it
    assert c.groups == (("o0", "o1"),)


def test_example_near_ties_with_fixed_scores(example) -> None:  # type: ignore[no-untyped-def]
    result = run(example, Request(sensitivity=True, samples=20_000, score_uncertainty=False))
    s = result.sensitivity
    assert s is not None
    c = s.closeness
    assert c.resolution.step == 0.5 and c.resolution.criterion == "focus"
    assert c.resolution.tolerance == pytest.approx(0.5 * 0.18 * 0.5 / 5)  # 0 to 5 scale
    # the leader is 0.021 ahead and keeps its place in over 90% of draws around the
    # board's weights: clearly ahead; the mutual and the partnership are not
    assert "council-company" not in {o for g in c.groups for o in g}
    assert ("staff-mutual", "strategic-partnership") in c.groups
    totals = SCORE(s.problem, s.problem.weights)
    for pair in c.pairs:
        i, j = (s.problem.option_ids.index(x) for x in (pair.better, pair.worse))
        assert pair.margin == pytest.approx(totals[i] - totals[j])


def test_a_loose_pair_next_to_each_other_is_said_as_such() -> None:
    """a and b are close, b and c are close, a and c are not: the groups are [a, b] and
    the pair (b, c) is loose; the paper must not say 'options between them' of two options
    next to each other in the ranking."""
    from appraisal.report.sensitivity_appendix import _loose

    p = make_problem([[3.0], [2.9], [2.8], [0.0]])
    totals = p.scores[:, 0] / 5
    near = closeness(p, totals, np.argsort(-totals, kind="stable"), None, tolerance=0.03)
    assert near.groups == (("o0", "o1"),)
    assert [(x.better, x.worse) for x in near.loose] == [("o1", "o2")]
    names = {o: o.upper() for o in p.option_ids}
    place = {o: k for k, o in enumerate(p.option_ids)}
    assert _loose("o1", "o2", place, near.group_of("o1"), names) == \
        "O1 and O2, as a pair: O2 is not too close to O0"
    assert _loose("o0", "o2", place, near.group_of("o0"), names) == \
        "O0 and O2, though options between them are not"
