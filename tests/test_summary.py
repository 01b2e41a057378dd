"""The plain-English robustness summary."""

from __future__ import annotations

import pytest
from conftest import paper_result

from appraisal.input.models import Appraisal
from appraisal.presentation import summary as words
from appraisal.presentation.formatting import pct, score


def test_number_formats() -> None:
    assert pct(0.31) == "31.0%" and pct(0.052) == "5.2%" and pct(0.31249) == "31.2%"
    assert score(3.4041666) == "3.4" and score(4.0) == "4" and score(-0.001) == "0"


def test_example_summary_sentences(example: Appraisal) -> None:
    result = paper_result(example, samples=2000)
    s = result.sensitivity
    assert s is not None and s.smaa is not None
    summ = s.summary
    assert summ.leader == "council-company" and summ.runner_up == "staff-mutual"
    p = s.problem
    text = " ".join(words.sentences(summ, dict(zip(p.option_ids, p.option_names, strict=True)),
                                    dict(zip(p.tree.ids, p.tree.names, strict=True))))
    assert "Wholly owned council company stays first unless the weight on Market maturity " \
           "risk falls below 2.8% (base 8.0%); then Staff owned mutual leads." in text
    first = float(s.smaa.acceptability[list(s.problem.option_ids).index(s.leader), 0])
    assert f"It ranks first in {pct(first)} of 2,000 random weightings." in text
    assert summ.first_acceptability == first
    assert "council-company" not in text  # names, not ids
    assert summ.weight_switch is s.weight_switching.headline


def test_without_samples_there_is_no_acceptability_sentence(
        example: Appraisal) -> None:
    s = paper_result(example, samples=0).sensitivity
    assert s is not None and s.smaa is None and s.summary.first_acceptability is None
    assert words.acceptability_clause(s.summary) is None


def test_fewer_than_two_options_is_a_usage_error(example: Appraisal) -> None:
    from appraisal.errors import UsageError

    with pytest.raises(UsageError, match="at least two options"):
        paper_result(example.model_copy(update={"options": example.options[:1]}), samples=0)
