import numpy as np

from appraisal.core.values import linear_values


def test_linear_values_anchor_on_the_scale_and_invert_costs() -> None:
    scores = np.array([[0.0, 0.0], [5.0, 5.0], [2.0, 4.0]])
    v = linear_values(scores, np.array([0.0, 0.0]), np.array([5.0, 10.0]),
                      np.array([True, False]))
    np.testing.assert_allclose(v, [[0, 1], [1, 0.5], [0.4, 0.6]])
