"""The weight models of a request on the example: sampled on the board's tree (the
independent check's figures), constrained group by group, and around the board's
weights with stated ranges from the YAML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from builders import appraisal_yaml, criterion, make_tree, option
from scipy import integrate

import appraisal
from appraisal.analysis.sampling import UniformSimplex
from appraisal.analysis.smaa import smaa
from appraisal.analysis.treeweights import BoardWeights
from appraisal.analysis.weightspec import any_weights, board_weights
from appraisal.core.problem import Problem
from appraisal.core.screening import passes
from appraisal.errors import UsageError
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal
from appraisal.methods import get_method

N = 40_000


@pytest.fixture(scope="module")
def short(example: Appraisal) -> Problem:
    p = compile_problem(example)
    return p.subset(passes(p))


def _z(estimate: float, exact: float, n: int = N) -> float:
    return abs(estimate - exact) / np.sqrt(exact * (1 - exact) / n)


def test_the_tree_gives_each_top_criterion_its_ninth(short: Problem) -> None:
    """Uniform within each group: the Plan (four leaves of nine top-level criteria) gets
    1/9 of the weight on average; over the leaves it would get 4/12."""
    cypp = [short.criterion_ids.index(c) for c in short.criterion_ids if c.startswith("cypp")]
    tree = any_weights(short).sample(np.random.default_rng(1), N)[:, cypp].sum(axis=1)
    leaves = any_weights(short, "leaves").sample(np.random.default_rng(1), N)[:, cypp].sum(
        axis=1)
    # a top-level share of 9 on the uniform simplex is Beta(1, 8): mean 1/9, var 8/810
    assert abs(tree.mean() - 1 / 9) / np.sqrt(8 / 810 / N) < 4
    # four leaves of twelve: Beta(4, 8), mean 1/3, var 32/(144 * 13)
    assert abs(leaves.mean() - 1 / 3) / np.sqrt(32 / (144 * 13) / N) < 4


def test_the_independent_checks_figures_on_the_tree(short: Problem) -> None:
    """The independent check (issue 9; 1,000,000 draws, fixed scores): sampled over the
    tree, option 9 is first in 71.0% and option 10 beats it with probability 0.20;
    around the board's weights (each within half either way) option 9 leads in 91%."""
    ws = get_method("weighted-sum")
    i9, i10 = short.option_ids.index("council-company"), short.option_ids.index("staff-mutual")
    tree = smaa(short, ws, samples=N, seed=11, weights=any_weights(short))
    assert _z(float(tree.acceptability[i9, 0]), 0.710) < 4
    assert abs(float(tree.pairwise[i10, i9]) - 0.20) < 0.01  # printed to two places
    leaves = smaa(short, ws, samples=N, seed=11, weights=UniformSimplex(short.shape[1]))
    assert _z(float(leaves.acceptability[i9, 0]), 0.539) < 4  # the old, tree-blind figure
    board = smaa(short, ws, samples=N, seed=11, weights=board_weights(short))
    assert abs(float(board.acceptability[i9, 0]) - 0.91) < 0.01


def test_ranges_and_rankings_apply_within_a_group(short: Problem) -> None:
    cols = {c: short.criterion_ids.index(c) for c in short.criterion_ids}
    model = any_weights(short, ranges={"cypp-safe": (0.4, 0.6)})
    w = model.sample(np.random.default_rng(2), 5000)
    plan = sum(w[:, cols[c]] for c in cols if c.startswith("cypp"))
    local = w[:, cols["cypp-safe"]] / plan
    assert local.min() >= 0.4 - 1e-9 and local.max() <= 0.6 + 1e-9
    model = any_weights(short, rankings=[[("cypp-safe",), ("cypp-potential",),
                                          ("cypp-contribution", "cypp-healthy")]])
    w = model.sample(np.random.default_rng(3), 5000)
    assert np.all(w[:, cols["cypp-safe"]] >= w[:, cols["cypp-potential"]] - 1e-15)
    assert np.all(w[:, cols["cypp-potential"]] >= w[:, cols["cypp-contribution"]] - 1e-15)
    np.testing.assert_allclose(w[:, cols["cypp-contribution"]], w[:, cols["cypp-healthy"]])
    # the top level is still uniform: the focus criterion gets a ninth on average
    assert abs(w[:, cols["focus"]].mean() - 1 / 9) < 0.01
    with pytest.raises(UsageError, match="ranked twice"):
        any_weights(short, rankings=[[("cypp-safe",), ("cypp-potential", "cypp-contribution",
                                                       "cypp-healthy")]] * 2)
    with pytest.raises(UsageError, match="either weight ranges or rankings"):
        any_weights(short, ranges={"focus": (0, 1)}, rankings=[[("focus",)]])
    with pytest.raises(UsageError, match="'tree' or the 'leaves'"):
        any_weights(short, "branches")


def test_board_weights_on_two_criteria_match_the_integral() -> None:
    """Raw weights r1 ~ U(0.5, 1.5), r2 ~ U(1.5, 4.5): E[r1 / (r1 + r2)] by quadrature."""
    w = BoardWeights.around(make_tree(raw=[1.0, 3.0])).sample(np.random.default_rng(4),
                                                             200_000)
    exact, _ = integrate.dblquad(lambda r2, r1: r1 / (r1 + r2) / 3.0, 0.5, 1.5, 1.5, 4.5)
    assert abs(w[:, 0].mean() - exact) / (w[:, 0].std() / np.sqrt(200_000)) < 4


STATED = appraisal_yaml(
    "Stated ranges", [criterion("k1", 2, weight_range=[1, 4]), criterion("k2", 2)],
    [option("a", {"k1": 4, "k2": 0}), option("b", {"k1": 0, "k2": 4})], scale=(0, 4))


def test_a_stated_weight_range_is_used_around_the_board(
        write: Callable[[str, str], Path]) -> None:
    a = appraisal.load(write(STATED, "appraisal.yaml"))
    p = compile_problem(a)
    model = board_weights(p, p.tree.raw_weight)
    assert model.stated == 1
    np.testing.assert_allclose(model.low, [1.0, 1.0]) and np.testing.assert_allclose(
        model.high, [4.0, 3.0])
    # under other weights (a scenario, an override) the stated range no longer applies
    moved = p.tree.raw_weight.copy()
    moved[0] = 3.0
    assert board_weights(p, moved).stated == 0
    text = STATED.replace("weight_range: [1, 4]", "weight_range: [3, 4]")
    with pytest.raises(appraisal.AppraisalError, match="low <= weight <= high"):
        appraisal.load(write(text, "appraisal.yaml"))
