"""A Problem checks itself when made: arrays that do not fit together are a clear
UsageError listing every problem, never a NumPy broadcast error later."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from builders import make_problem

from appraisal.core.problem import check_problem
from appraisal.errors import AppraisalError, UsageError


def test_a_problem_that_fits_has_nothing_wrong() -> None:
    p = make_problem([[1, 2], [3, 4]])
    assert check_problem(p) == []


def test_shapes_that_do_not_fit_are_listed_together() -> None:
    p = make_problem([[1, 2], [3, 4]])
    with pytest.raises(UsageError) as caught:
        replace(p, scores=np.ones((2, 3)), weights=np.array([0.7, 0.7]))
    text = str(caught.value)
    assert text.startswith("the problem's arrays do not fit together: ")
    assert "scores has shape (2, 3), not (2, 2)" in text
    assert isinstance(caught.value, AppraisalError)


def test_three_score_columns_two_criteria_and_weights_summing_to_more_than_one() -> None:
    """The case that used to construct fine and fail later with a broadcast error."""
    p = make_problem([[1, 2], [3, 4]])
    with pytest.raises(UsageError, match="scores has shape"):
        replace(p, scores=np.ones((2, 3)), low=np.ones((2, 3)), high=np.ones((2, 3)))
    with pytest.raises(UsageError, match=r"weights must sum to 1; they sum to 1\.4"):
        replace(p, weights=np.array([0.7, 0.7]))


@pytest.mark.parametrize("field,value,message", [
    ("scores", np.array([[1.0, np.nan], [3.0, 4.0]]), "scores holds a value that is not"),
    ("upper", np.array([5.0, -1.0]), "upper bound must be above its lower bound"),
    ("weights", np.array([1.5, -0.5]), "weights must not be negative"),
    ("weights", np.array([np.inf, 0.0]), "weights holds a value that is not"),
    ("option_names", ("only one",), "option_names has 1 entries, not 2"),
    ("gate", np.array([np.nan]), "gate has shape (1,), not (2,)"),
])
def test_each_rule(field: str, value: object, message: str) -> None:
    p = make_problem([[1, 2], [3, 4]])
    with pytest.raises(UsageError) as caught:
        replace(p, **{field: value})
    assert message in str(caught.value)


def test_gates_may_be_missing_and_weights_may_round() -> None:
    p = make_problem([[1, 2], [3, 4]])
    w = np.array([0.1, 0.2]) / 0.3  # sums to 1 within rounding
    assert check_problem(replace(p, gate=np.array([np.nan, 2.0]), weights=w)) == []
