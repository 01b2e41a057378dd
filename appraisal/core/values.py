"""Value functions: map raw scores onto a common 0..1 value scale.

Linear value functions on each criterion's own scale (Belton & Stewart, *Multiple
Criteria Decision Analysis: An Integrated Approach*, 2002, section 5.2.2): for a
benefit criterion v(x) = (x - min) / (max - min); for a cost criterion
v(x) = (max - x) / (max - min). The scale, not the observed range, anchors the
function, so adding or removing an option never changes another option's value.
"""

from __future__ import annotations

import numpy as np

from .problem import BoolArray, FloatArray


def linear_values(scores: FloatArray, lower: FloatArray, upper: FloatArray,
                  benefit: BoolArray) -> FloatArray:
    """Values in [0, 1] for scores of shape (..., m) on per-criterion scales (m,)."""
    v = (scores - lower) / (upper - lower)
    return np.where(benefit, v, 1.0 - v)
