"""Why an option's total moved between two versions of an appraisal: the change of each
total split exactly among the changes of the weights and of the scores.

For the weighted sum, ``t_i = sum_j w_j v_ij``, so between an old (w, v) and a new (w', v')

    t'_i - t_i = sum_j (w'_j - w_j) (v_ij + v'_ij) / 2  +  sum_j (v'_ij - v_ij) (w_j + w'_j) / 2

exactly: the first sum is what the change of each criterion's weight contributes, the
second what the change of each score contributes. Each term is the Shapley value of the
two-factor product w_j v_ij (the average of the two orders in which the weight and the
score can be changed), so the split does not depend on which change is made first
(Shapley 1953; the same two-factor split as the Bennet (1920) indicator in index-number
theory). A criterion in only one version has weight 0 in the other: its whole
contribution is then one term, "added" or "removed".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.problem import FloatArray


@dataclass(frozen=True)
class Attribution:
    """``by_weight[i, j]`` and ``by_score[i, j]``: what the change of criterion j's
    weight and of option i's score on it add to option i's total (0..1 scale);
    ``total`` the change of each total, equal to the sum of both over j."""

    by_weight: FloatArray
    by_score: FloatArray
    total: FloatArray


def attribute(w_old: FloatArray, v_old: FloatArray, w_new: FloatArray,
              v_new: FloatArray) -> Attribution:
    """The split of ``v_new @ w_new - v_old @ w_old`` (options as rows, criteria as
    columns aligned in both: a criterion missing from a version has weight 0 there and
    any value)."""
    w0, w1 = np.asarray(w_old, dtype=float), np.asarray(w_new, dtype=float)
    v0, v1 = np.asarray(v_old, dtype=float), np.asarray(v_new, dtype=float)
    by_weight = (w1 - w0)[None, :] * (v0 + v1) / 2
    by_score = (v1 - v0) * ((w0 + w1) / 2)[None, :]
    return Attribution(by_weight=by_weight, by_score=by_score,
                       total=v1 @ w1 - v0 @ w0)
