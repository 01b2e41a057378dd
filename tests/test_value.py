"""The Green Book data: costs to net present cost by hand, business as usual kept as the
benchmark, the value-for-money analysis through the pipeline, warnings, and every bad
input a located problem in one run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from builders import appraisal_yaml, criterion, option

from appraisal.errors import InputError
from appraisal.input.loading import load
from appraisal.pipeline import Request, run
from appraisal.presentation.greenbook import warnings

SMALL = """\
title: Value test
criteria:
  - {id: q, name: Quality, weight: 3}
  - {id: g, name: Gate, weight: 1, gate: 1}
objectives:
  - {id: obj, name: Safe, measure: "inspection grade good", by: 2020-03-31}
critical_success_factors:
  - {id: afford, name: Affordability}
costing:
  base_year: 2018
  amounts_in: millions
  optimism_bias: {capital: 24}
  willingness_to_pay: 0.5
options:
  - id: bau
    number: 1
    name: Carry on
    role: business_as_usual
    scores: {q: 1, g: 0}
    costs:
      - {name: Running, kind: revenue, years: {2018: 1, 2019: 1, 2020: 1}}
  - id: cheap
    number: 2
    name: Light touch
    role: do_minimum
    scores: {q: 2, g: 2}
    costs:
      - {name: Set-up, kind: capital, years: {2018: 1}}
      - {name: Running, kind: revenue, years: {2018: 1, 2019: 1, 2020: 1}}
  - id: big
    number: 3
    name: Full change
    role: preferred_way_forward
    scores: {q: 5, g: 5}
    framework:
      scope: {choice: Everything, status: preferred, reason: "Meets every objective.",
              against: [obj, afford]}
    costs:
      - {name: Set-up, kind: capital, years: {2018: 3}, uncertainty: {low: -10, high: 50}}
      - {name: Running, kind: revenue, optimism_bias: 10,
         years: {"2019/20": 1.5, 2020: {value: 1.5, low: 1, high: 3}}}
    benefits:
      - {name: Avoided, years: {2020: 2}}
  - id: worse
    number: 4
    name: Costly and poor
    scores: {q: 1.5, g: 3}
    costs:
      - {name: Set-up, kind: capital, years: {2018: 6}}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "appraisal.yaml"
    path.write_text(text)
    return path


def test_npc_by_hand_and_bau_kept_as_benchmark(tmp_path: Path) -> None:
    result = run(load(_write(tmp_path, SMALL)))
    v = result.value
    assert v is not None
    # business as usual fails the gate but stays, marked, as the benchmark
    assert v.option_ids == ("bau", "cheap", "big", "worse")
    assert v.fails_gates.tolist() == [True, False, False, False]
    assert result.benchmark is not None and result.benchmark.fails_gates
    assert "bau" not in result.ranking.problem.option_ids
    d1, d2 = 1 / 1.035, 1 / 1.035**2
    npc = {"bau": 1 + d1 + d2,
           "cheap": 1.24 + 1 + d1 + d2,
           "big": 3 * 1.24 + 1.5 * 1.1 * (d1 + d2),
           "worse": 6 * 1.24}
    for oid, want in npc.items():
        assert v.cost[v.option_ids.index(oid)] == pytest.approx(want, rel=1e-12)
    big = v.option_ids.index("big")
    assert v.cost_before_bias[big] == pytest.approx(3 + 1.5 * (d1 + d2))
    assert v.capital[big] == pytest.approx(3.72)
    assert v.benefits_pv[big] == pytest.approx(2 * d2)
    assert v.npsv[big] == pytest.approx(2 * d2 - npc["big"])
    assert v.npsv[v.option_ids.index("cheap")] == pytest.approx(-npc["cheap"])  # no benefits: 0
    # benefit points at the weights: q 3/4, g 1/4 on a 0-5 scale
    assert v.benefit[big] == pytest.approx(100.0)
    assert v.benefit[v.option_ids.index("bau")] == pytest.approx(100 * 0.75 * 1 / 5)
    assert v.frontier.status[v.option_ids.index("worse")] == "dominated"
    # failing a gate, business as usual is shown but takes no part in the frontier
    assert v.frontier.status[v.option_ids.index("bau")] == "excluded"
    assert [v.option_ids[i] for i in v.frontier.order] == ["cheap", "big"]
    assert v.preferred == big and v.preferred_is_role
    assert v.switching is not None and np.isinf(v.switching.overrun)  # nobody scores more


def test_monte_carlo_of_costs_is_seeded_and_brackets_the_npc(tmp_path: Path) -> None:
    a = load(_write(tmp_path, SMALL))
    one = run(a, Request(value_uncertainty=True, samples=4000))
    two = run(a, Request(value_uncertainty=True, samples=4000))
    u1, u2 = one.value.uncertainty, two.value.uncertainty
    assert u1 is not None and u2 is not None
    np.testing.assert_array_equal(u1.cost_low, u2.cost_low)
    big = one.value.option_ids.index("big")
    assert u1.cost_low[big] < one.value.cost[big] < u1.cost_high[big]
    certain = one.value.option_ids.index("worse")
    assert u1.cost_low[certain] == u1.cost_high[certain] == one.value.cost[certain]
    assert u1.best_value is not None and np.nansum(u1.best_value) == pytest.approx(1.0)
    assert np.isnan(u1.best_value[0]) and np.isnan(u1.on_frontier[0])  # the benchmark


def test_warnings_name_what_the_short_list_lacks(tmp_path: Path) -> None:
    text = SMALL.replace("    role: do_minimum\n", "")
    result = run(load(_write(tmp_path, text)))
    assert any("no do minimum option" in w for w in warnings(result))
    assert not any("business as usual" in w for w in warnings(result))
    plain = run(load(_write(tmp_path, appraisal_yaml(
        "No Green Book", [criterion("q")], [option("a", {"q": 1}), option("b", {"q": 2})]))))
    assert plain.shortlist == () and plain.value is None and plain.benchmark is None


BAD = """\
title: Bad
criteria:
  - {id: q, name: Quality, serves: [nobody]}
costing: {base_year: 2018, optimism_bias: {capital: -5}}
objectives:
  - {id: obj, name: Safe, measure: grade, by: 2020-03-31}
options:
  - id: a
    name: A
    role: business_as_usual
    scores: {q: 1}
    framework:
      scope: {choice: All, status: discounted}
      size: {choice: Big, status: preferred, reason: "Fine.", against: [obj, ghost]}
    costs:
      - {name: Early, kind: capital, optimism_bias: -3, years: {2016: 1, 2019: 1}}
  - id: b
    name: B
    role: business_as_usual
    scores: {q: 2}
"""


def test_every_bad_input_is_located_in_one_run(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(_write(tmp_path, BAD))
    text = str(caught.value)
    expected = [
        "costing.optimism_bias.capital: expected a number >= 0; found -5",
        "options[0].costs[0].optimism_bias: expected a number >= 0; found -3",
        "options[0].costs[0].years[2016]: expected a year from the base year 2018 on; "
        "found 2016",
        "options[1].role: expected business as usual given to one option only; found "
        "business_as_usual again (also options[0])",
        "options[0].framework.scope.status: expected a reason for the status",
        "options[0].framework.size: expected one of the framework's dimensions: scope, "
        "solution, delivery, implementation, funding; found unknown dimension 'size'",
        "options[0].framework.size.against[1]: expected the id of an objective or critical "
        "success factor; found unknown id 'ghost'",
        "criteria[0].serves[0]: expected the id of an objective or critical success factor; "
        "found unknown id 'nobody'",
    ]
    for fragment in expected:
        assert fragment in text, fragment
    lines = text.splitlines()
    assert all(":" in line.split(": ", 1)[0] for line in lines[1:]), "each located by line"


def test_mistakes_a_new_user_made_are_each_caught(tmp_path: Path) -> None:
    """Found by trying the tool as a new user: a year written two ways was merged
    silently; a cost line without its kind hid the framework's missing reason; 1,200 in
    a flow mapping; a role with a hyphen; a costing missing for every option."""
    path = _write(tmp_path, """\
title: Mistakes
criteria: [{id: q, name: Q}]
options:
  - id: a
    name: A
    role: do-minimum
    scores: {q: 1}
    framework:
      scope: {choice: All, status: carried_forward}
    costs:
      - {name: Procurement, years: {2025: 250}}
      - {name: Contract, kind: revenue, years: {2025: 8000, 2025/26: 7200}}
  - {id: b, name: B, scores: {q: 2}, costs: [{name: X, kind: revenue, years: {2025: 1,200}}]}
""")
    with pytest.raises(InputError) as caught:
        load(path)
    text = str(caught.value)
    for fragment in (
            "options[0].role: expected one of business_as_usual, do_minimum or "
            "preferred_way_forward; found 'do-minimum'; did you mean 'do_minimum'?",
            "options[0].framework.scope.status: expected a reason for the status",
            "options[0].costs[0].kind: expected a value for this required field",
            "options[0].costs[1].years: expected each year once; found 2025 twice (written "
            "2025 and 2025/26)",
            "is read as two entries: write 1200"):
        assert fragment in text, fragment
    costing = _write(tmp_path, SMALL.replace("costing:\n  base_year: 2018\n  amounts_in: "
                                             "millions\n  optimism_bias: {capital: 24}\n  "
                                             "willingness_to_pay: 0.5\n", ""))
    with pytest.raises(InputError) as caught:
        load(costing)
    assert str(caught.value).count("without a costing") == 1


def test_value_table_fits_eighty_columns_without_cutting_figures(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from appraisal.cli import main

    out = CliRunner().invoke(main, ["value", str(_write(tmp_path, SMALL)), "--samples", "0"],
                             env={"COLUMNS": "80"}).output
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "£ per" in out and "point" in out
    v = run(load(tmp_path / "appraisal.yaml")).value
    assert v is not None
    big = v.option_ids.index("big")
    from appraisal.presentation.value import money

    assert money(float(v.frontier.icer[big]), load(tmp_path / "appraisal.yaml").costing,
                 precise=True) in out
    assert "Optimism bias: capital 24% (as stated in the costing); revenue 0% (none " \
        "stated), unless a line states its own." in " ".join(out.split())
