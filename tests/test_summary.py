"""The plain-English robustness summary, and the wording defects found by review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from builders import appraisal_yaml, criterion, option, scenario
from conftest import paper_result

import appraisal
from appraisal.input.models import Appraisal
from appraisal.pipeline import AppraisalResult, Request, run
from appraisal.presentation import summary as words
from appraisal.presentation.formatting import margin95, pct, score, share_pm


def _text(result: AppraisalResult) -> str:
    s = result.sensitivity
    assert s is not None
    p = s.problem
    return " ".join(words.sentences(s.summary, dict(zip(p.option_ids, p.option_names,
                                                         strict=True)),
                                    dict(zip(p.tree.ids, p.tree.names, strict=True))))


def test_number_formats() -> None:
    assert pct(0.31) == "31.0%" and pct(0.052) == "5.2%" and pct(0.31249) == "31.2%"
    assert score(3.4041666) == "3.4" and score(4.0) == "4" and score(-0.001) == "0"
    assert margin95(0.0015) == "0.3 points" and margin95(0.0) == "0.1 points"
    assert share_pm(0.917, 0.0015) == "91.7% ±0.3" and share_pm(0.0, 0.0) == "0.0%"


def test_example_summary_sentences(example: Appraisal) -> None:
    result = paper_result(example, samples=2000, score_uncertainty=False)
    s = result.sensitivity
    assert s is not None and s.board is not None and s.anywhere is not None
    summ = s.summary
    assert summ.leader == "council-company" and summ.runner_up == "staff-mutual"
    text = _text(result)
    assert "Wholly owned council company stays first unless the weight on Market maturity " \
           "risk falls below 2.8% (base 8.0%); then Staff owned mutual leads." in text
    lead = list(s.problem.option_ids).index(s.leader)
    board = float(s.board.acceptability[lead, 0])
    assert summ.board is not None and summ.board.value == board and not summ.board.ties
    assert (f"within half of itself either way, it is first in {pct(board)} "
            f"(±{margin95(summ.board.standard_error)} at 95% confidence) of 2,000 draws"
            in text)
    anywhere = float(s.anywhere.acceptability[lead, 0])
    assert f"over any weighting at all (each group of criteria weighted at random) it is " \
           f"first in {pct(anywhere)}" in text
    assert "council-company" not in text  # names, not ids
    assert summ.weight_switch is s.weight_switching.headline
    # dominated options merely tie with a dominator; outsource cannot even tie
    assert "at best each ties with an option that dominates it" in text
    assert "No weighting at all puts Outsource through full tender (part or whole) even " \
           "jointly first." in text


def test_without_samples_there_is_no_acceptability_sentence(
        example: Appraisal) -> None:
    s = paper_result(example, samples=0).sensitivity
    assert s is not None and s.anywhere is None and s.summary.board is None
    assert words.acceptability_clause(s.summary) is None
    assert words.anywhere_clause(s.summary) is None


def test_fewer_than_two_options_leave_nothing_to_analyse(example: Appraisal) -> None:
    """The run skips the analysis (the paper says why); the analysis itself refuses."""
    from appraisal.analysis.sensitivity import analyse
    from appraisal.errors import UsageError
    from appraisal.methods import get_method

    one = paper_result(example.model_copy(update={"options": example.options[:1]}),
                       samples=0)
    assert one.sensitivity is None and one.scenarios is None
    assert len(one.ranking.options) == 0  # the example's option 1 fails a gate
    with pytest.raises(UsageError, match="at least two options passing the gates; found 0"):
        analyse(one.ranking, get_method("weighted-sum"), samples=0)


def _load(write: Callable[[str, str], Path], text: str) -> Appraisal:
    return appraisal.load(write(text, "appraisal.yaml"))


THREE_TIED = appraisal_yaml(
    "Three tied", [criterion("k1", 1), criterion("k2", 1)],
    [option("a", {"k1": 4, "k2": 0}), option("b", {"k1": 0, "k2": 4}),
     option("c", {"k1": 2, "k2": 2}), option("d", {"k1": 1, "k2": 1})], scale=(0, 4))


def test_options_sharing_first_place_are_said_to_share_it(write) -> None:  # type: ignore[no-untyped-def]
    text = _text(run(_load(write, THREE_TIED), Request(sensitivity=True, samples=0)))
    assert "A, B and C share first place with a total of 50.0 points out of 100; D is next, "\
           "25.0 points behind." \
        in text
    assert "0.0 points behind" not in text


def test_a_score_change_of_nothing_is_worded_as_any_change(write) -> None:  # type: ignore[no-untyped-def]
    # a tie at the top: any fall in A's score on K1 hands the lead over
    text = _text(run(_load(write, THREE_TIED), Request(sensitivity=True, samples=0)))
    assert "fell at all" in text or "rose at all" in text
    assert "from 4 past 4" not in text and "-0" not in text


JOINT = appraisal_yaml(
    "Joint first", [criterion("k1", 1), criterion("k2", 1)],
    [option("a", {"k1": 4, "k2": 0}), option("b", {"k1": 4, "k2": 0}),
     option("c", {"k1": 0, "k2": 3.9})], scale=(0, 4))


def test_joint_first_is_reported_as_such(write) -> None:  # type: ignore[no-untyped-def]
    # A and B are identical: whenever A is first, it is jointly first with B. Uniform
    # weights make A first when w1 > 3.9/7.9 = 49.4% of the weight: about half the draws
    result = run(_load(write, JOINT), Request(sensitivity=True, samples=40_000,
                                                     weights_over="leaves"))
    s = result.sensitivity
    assert s is not None and s.anywhere is not None and s.anywhere.joint_first is not None
    joint = float(s.anywhere.joint_first[0])
    assert joint == pytest.approx(4.0 / 7.9, abs=0.01)  # 1 - 3.9/7.9
    assert float(s.anywhere.acceptability[0, 0]) == pytest.approx(joint / 2)  # shared rank
    text = _text(result)
    assert f"it is first or jointly first in {pct(joint)}" in text


SCENARIO = appraisal_yaml(
    "Scenario analysed", [criterion("k1", 1), criterion("k2", 1)],
    [option("a", {"k1": 4, "k2": 2}), option("b", {"k1": 1, "k2": 2})], scale=(0, 4),
    scenarios=[scenario("k1-led", {"k1": 3}, name="K1 led"),
               scenario("k2-only", {"k1": 0}, name="K2 only")])


def test_a_scenario_analysed_is_not_counted_twice(write) -> None:  # type: ignore[no-untyped-def]
    a = _load(write, SCENARIO)
    result = run(a, Request(sensitivity=True, samples=0, scenario="k1-led"))
    assert result.scenarios is not None
    assert result.scenarios.scenario_ids == ("base", "k1-led", "k2-only")
    # k1-led is analysed: it is not also an extra "analysed" weighting; under K2 alone
    # the options tie, so A shares the lead there
    assert "A leads or shares the lead under 3 of 3 weightings compared" in _text(result)
    # weights given on the command line are none of those: analysed first, then the rest
    other = run(a, Request(sensitivity=True, samples=0, weights={"k1": 5}))
    assert other.scenarios is not None
    assert other.scenarios.scenario_ids == ("analysed", "base", "k1-led", "k2-only")


def test_an_undefined_kendall_tau_prints_a_dash(write, cli) -> None:  # type: ignore[no-untyped-def]
    # under "K2 only" every option scores 2: that ranking ties them all, tau undefined
    path = write(SCENARIO, "appraisal.yaml")
    out = cli("sensitivity", path, "--samples", "0").output
    assert "nan" not in out
    assert "S1/S3 -" in out and "S1/S2 1.00" in out
    data = __import__("json").loads(cli("sensitivity", path, "--samples", "0", "--format",
                                        "json").output)
    assert data["scenarios"]["kendall_tau_b"][0][2] is None
