"""What would it take: least L1 weight change making each option first (LP)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import NUMERIC
from hypothesis import given, settings
from test_sweeps import METHOD, SCORE, make_problem, problems

from appraisal.analysis.distance import weight_distances
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal


@settings(max_examples=25, deadline=None)
@given(problems)
def test_leader_distance_is_zero_and_targets_make_options_first(problem: Problem) -> None:
    d = weight_distances(problem, METHOD)
    t = SCORE(problem, problem.weights)
    lead = int(np.argmax(t))
    assert d.options[lead].distance == 0.0
    for opt in d.options:
        if opt.never_first:
            continue
        w = np.array([opt.weights[c] for c in problem.criterion_ids])
        assert w.sum() == pytest.approx(1.0) and (w >= -1e-12).all()
        tot = SCORE(problem, w)
        i = problem.option_ids.index(opt.option_id)
        assert tot[i] >= tot.max() - 1e-7
        assert opt.weight_moved == pytest.approx(opt.distance / 2)


@settings(max_examples=15, deadline=None)
@given(problems)
def test_no_random_weighting_beats_the_lp(problem: Problem) -> None:
    d = weight_distances(problem, METHOD)
    w = np.random.default_rng(1).dirichlet(np.ones(problem.shape[1]), 4000)
    tot = SCORE(problem, w)
    first = tot >= tot.max(axis=1, keepdims=True) - 1e-12
    dist = np.abs(w - problem.weights).sum(axis=1)
    for i, opt in enumerate(d.options):
        if first[:, i].any():
            assert not opt.never_first
            assert opt.distance <= dist[first[:, i]].min() + 1e-7


def test_never_first_option_is_flagged() -> None:
    p = make_problem(np.array([[4.0, 4.0], [3.0, 3.0], [5.0, 1.0]]))
    d = weight_distances(p, METHOD)
    assert d.never_first == ("o1",)
    assert d.options[2].distance == pytest.approx(2 * (0.75 - 0.5))  # w = (0.75, 0.25)


def test_example(example: Appraisal) -> None:
    p = compile_problem(example)
    p = p.subset(passes(p))
    d = weight_distances(p, METHOD)
    assert d.available and "outsource" in d.never_first
    assert not weight_distances(p, NUMERIC).available
