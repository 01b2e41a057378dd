import numpy as np
import pytest

from appraisal.errors import UsageError
from appraisal.input.compile import compile_problem
from appraisal.input.models import Appraisal


def test_weights_normalise_among_siblings_and_multiply_down(example: Appraisal) -> None:
    p = compile_problem(example)
    w = dict(zip(p.criterion_ids, p.weights, strict=True))
    assert p.weights.sum() == pytest.approx(1.0)
    total = 18 + 14 + 12 + 5 + 10 + 8 + 8 + 12 + 13
    assert w["focus"] == pytest.approx(18 / total)
    assert w["cypp-safe"] == pytest.approx(13 / total * 40 / 100)
    g = p.tree.global_weights()
    assert g[p.tree.index("cypp")] == pytest.approx(13 / total)


def test_scenario_then_overrides(example: Appraisal) -> None:
    p = compile_problem(example, scenario="finance-led", weights={"focus": 0})
    w = dict(zip(p.criterion_ids, p.weights, strict=True))
    total = 14 + 12 + 5 + 10 + 8 + 20 + 40 + 13
    assert w["focus"] == 0
    assert w["finance"] == pytest.approx(40 / total)
    assert p.scenario == "finance-led" and p.overrides == (("focus", 0.0),)


def test_scenario_brings_its_criteria_set(example: Appraisal) -> None:
    assert compile_problem(example, scenario="statutory-first").criteria_set == "objectives-2018"
    with pytest.raises(UsageError, match="choose it with --criteria objectives-2018"):
        compile_problem(example, criteria="key-principles-2017", scenario="statutory-first")


def test_parent_weight_override_scales_its_leaves(example: Appraisal) -> None:
    base = compile_problem(example)
    more = compile_problem(example, weights={"cypp": 26})
    cy = [j for j, c in enumerate(base.criterion_ids) if c.startswith("cypp-")]
    ratio = more.weights[cy] / base.weights[cy]
    np.testing.assert_allclose(ratio, ratio[0])
    assert ratio[0] > 1


def test_bad_overrides(example: Appraisal) -> None:
    with pytest.raises(UsageError, match="unknown criterion 'nope'"):
        compile_problem(example, weights={"nope": 1})
    with pytest.raises(UsageError, match="must be a number from 0 to 1e\\+12"):
        compile_problem(example, weights={"focus": -1})
    zero = {c: 0 for c in ("cypp-safe", "cypp-potential", "cypp-contribution", "cypp-healthy")}
    with pytest.raises(UsageError, match="every criterion in a group zero"):
        compile_problem(example, weights=zero)


def test_matrix_matches_the_yaml(example: Appraisal) -> None:
    p = compile_problem(example, criteria="objectives-2018")
    opt = next(o for o in example.options if o.id == "council-company")
    i, j = p.option_ids.index("council-company"), p.criterion_ids.index("independence-2018")
    s = opt.scores["independence-2018"]
    assert (p.scores[i, j], p.low[i, j], p.high[i, j]) == (s.value, s.lower, s.upper)
    assert not p.benefit[p.criterion_ids.index("finance")]
    assert p.gate[p.criterion_ids.index("sos-expectations")] == 2


def test_subset_keeps_rows_aligned(example: Appraisal) -> None:
    p = compile_problem(example)
    s = p.subset(np.array([False, True] + [False] * (len(p.option_ids) - 2)))
    assert s.option_ids == (p.option_ids[1],)
    np.testing.assert_array_equal(s.scores[0], p.scores[1])
