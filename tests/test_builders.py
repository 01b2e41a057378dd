"""The shared builders (tests/builders.py) build what their docstrings say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from builders import appraisal_yaml, criterion, make_problem, make_tree, option, scenario
from conftest import SMALL

import appraisal
from appraisal.input.compile import compile_problem


def test_a_two_level_tree_numbers_its_leaves_in_tree_order() -> None:
    # c0 (top), c1 (parent) -> c2, c3 ; leaves c0, c2, c3
    p = make_problem([[5, 0, 0], [0, 5, 5]], raw=[1, 1, 1, 3], parents=[-1, -1, 1, 1])
    assert p.criterion_ids == ("c0", "c2", "c3") and p.tree.leaf_column.tolist() == [0, -1, 1, 2]
    np.testing.assert_allclose(p.weights, [0.5, 0.125, 0.375])
    assert p.option_ids == ("o0", "o1") and p.labels() == ("O0", "O1")
    assert np.isnan(p.gate).all() and p.benefit.all()
    assert p.lower.tolist() == [0.0] * 3 and p.upper.tolist() == [5.0] * 3
    assert p.low is p.scores and p.high is p.scores


def test_a_given_tree_and_the_other_keywords() -> None:
    tree = make_tree(raw=[2.0, 1.0, 1.0], ids=("q", "c", "r"), names=("Q", "C", "R"),
                     weight_ranges=[(1.0, 3.0), None, None])
    p = make_problem(np.ones((2, 3)), tree=tree, benefit=[True, False, True],
                     scale=(0.0, 10.0), gates=[1.0, np.nan, np.nan], option_ids=("a", "b"),
                     option_names=("A", "B"), option_numbers=(1, 2))
    assert p.criterion_names == ("Q", "C", "R") and p.labels() == ("1. A", "2. B")
    assert p.tree.weight_ranges == ((1.0, 3.0), None, None)
    np.testing.assert_allclose(p.weights, [0.5, 0.25, 0.25])
    with pytest.raises(ValueError, match="either a tree"):
        make_problem(np.ones((2, 3)), [1, 1, 1], tree=tree)
    with pytest.raises(ValueError, match="2 leaves; the scores 3 columns"):
        make_problem(np.ones((2, 3)), parents=[-1, 0, 0])


def test_small_keeps_the_text_the_tests_edit() -> None:
    """Tests replace pieces of SMALL's text and assert error locations in it: the
    builder writes it one criterion or option a line, as people do."""
    assert SMALL == """\
title: Small
scale: {min: 0, max: 10}
criteria:
  - id: main
    name: Main set
    criteria:
      - {id: quality, name: Quality, weight: 3}
      - {id: cost, name: Cost, weight: 1, direction: cost}
options:
  - {id: a, name: Option A, scores: {quality: 8, cost: 6}}
  - {id: b, name: Option B, scores: {quality: 5, cost: 2}}
  - {id: c, name: Option C, scores: {quality: 2, cost: 9}}
"""


def test_built_yaml_loads_as_written(write: Callable[[str, str], Path]) -> None:
    text = appraisal_yaml(
        "Built", [criterion("k1", 2, weight_range=[1, 4]), criterion("k2", 1, direction="cost")],
        [option("a", {"k1": 4, "k2": 0}, number=1), option("b", {"k1": 0, "k2": 4})],
        scale=(0, 4), scenarios=[scenario("k2-led", {"k2": 3}, name="K2 led")])
    a = appraisal.load(write(text, "appraisal.yaml"))
    assert a.title == "Built" and [o.name for o in a.options] == ["A", "B"]
    assert a.scenarios[0].name == "K2 led"
    p = compile_problem(a)
    assert p.criterion_ids == ("k1", "k2") and p.benefit.tolist() == [True, False]
    np.testing.assert_allclose(p.weights, [2 / 3, 1 / 3])
    assert p.upper.tolist() == [4.0, 4.0] and p.tree.weight_ranges[0] == (1.0, 4.0)
