"""Every member's view (appraisal.analysis.members, the pipeline's weights_from and
members, ``appraisal weights``, the paper's section and the what-if data)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from builders import appraisal_yaml, criterion, make_problem, option
from click.testing import Result

import appraisal
from appraisal.analysis.members import MembersHull, Person, analyse_members, members_box
from appraisal.errors import UsageError
from appraisal.input.derive import member_raw
from appraisal.methods import get_method
from appraisal.pipeline import Request, run

PROBLEM = make_problem([[5, 1, 2], [1, 5, 2], [3, 3, 3], [0, 0, 5]], criteria_set="t")
METHOD = get_method("weighted-sum")
MEMBERS = np.array([[0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4]])


def test_each_members_view_and_who_changes_the_leader() -> None:
    m = analyse_members(PROBLEM, METHOD, [Person("a", "A"), Person("b", "B"), Person("c", "C")],
                        MEMBERS, MEMBERS.mean(axis=0), np.ones(3) / 3, {None: "arithmetic"})
    totals = MEMBERS @ (PROBLEM.scores / 5).T
    assert [v.first for v in m.members] == [("o0",), ("o1",), ("o2",)]
    assert np.allclose([v.totals for v in m.members], totals)
    assert m.board.first == ("o2",)
    assert [v.member_id for v in m.changing] == ["a", "b"]
    assert np.allclose(m.spread_low, MEMBERS.min(axis=0))
    assert np.allclose(m.spread_high, MEMBERS.max(axis=0))


def test_least_change_is_never_beaten_by_random_weights() -> None:
    """Brute force: no weighting on the simplex nearer a member's weights (half the L1
    distance) puts another option level with their first choice."""
    m = analyse_members(PROBLEM, METHOD, [Person("a", "A")], MEMBERS[:1], MEMBERS[0],
                        MEMBERS[0], {None: "arithmetic"})
    view = m.members[0]
    assert view.shift is not None and view.shift_to is not None
    rng = np.random.default_rng(1)
    w = np.vstack([rng.dirichlet(np.ones(3), 200_000),
                   MEMBERS[0] + rng.normal(0, 0.05, (200_000, 3))])
    w = w[(w >= 0).all(axis=1)]
    w /= w.sum(axis=1, keepdims=True)
    t = w @ (PROBLEM.scores / 5).T
    level = (t[:, 1:] >= t[:, [0]] - 1e-12).any(axis=1)
    moved = np.abs(w[level] - MEMBERS[0]).sum(axis=1) / 2
    assert moved.min() >= view.shift.total - 1e-9
    assert moved.min() <= view.shift.total + 0.01  # and the LP is near the brute optimum


def test_hull_and_box_draws() -> None:
    rng = np.random.default_rng(3)
    hull = MembersHull(MEMBERS).sample(rng, 100_000)
    assert np.allclose(hull.sum(axis=1), 1)
    assert np.allclose(hull.mean(axis=0), MEMBERS.mean(axis=0), atol=0.003)
    box = members_box(MEMBERS).sample(rng, 20_000)
    assert np.all(box >= MEMBERS.min(axis=0) - 1e-12)
    assert np.all(box <= MEMBERS.max(axis=0) + 1e-12)
    assert np.allclose(box.sum(axis=1), 1)


def test_weights_from_a_member_and_the_group() -> None:
    a = appraisal.load()
    director = run(a, Request(weights_from="member", member="director"))
    assert director.ranking.leader is not None and director.ranking.leader.id == "staff-mutual"
    expected = appraisal.rank(a, weights=member_raw(a, a.member("director")))
    assert np.allclose(director.ranking.totals, expected.ranking.totals)
    assert director.long_list.overrides == ()  # a member's weights are a base, not overrides
    group = run(a, Request(weights_from="group", member_views=True, samples=0))
    assert group.members is not None
    assert np.allclose(group.ranking.problem.weights, group.members.group.weights)
    two = run(a, Request(members=("director", "head-of-legal"), member_views=True, samples=0))
    assert two.members is not None
    assert [v.member_id for v in two.members.members] == ["director", "head-of-legal"]
    with pytest.raises(UsageError, match="unknown member 'nobody'; expected one of: "
                       "cabinet-member, director"):
        run(a, Request(weights_from="member", member="nobody"))


def test_weights_command_table_and_json(cli: Callable[..., Result]) -> None:
    out = cli("weights", "--samples", "2000")
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "Head of Legal and Democratic Services" in text
    assert "above Saaty's 0.10" in text
    assert "Best social work support against Can take on wider services, given as 1/5" in text
    assert "Four of the five members' own weights put option 9" in text
    data = json.loads(cli("weights", "--format", "json", "--samples", "2000").output)
    legal = next(m for m in data["members"] if m["id"] == "head-of-legal")
    worst = legal["groups"][0]["consistency"]["worst"]
    assert (worst["criterion"], worst["against"], worst["given"]) == (
        "social-work", "scope", 0.2)
    assert data["changing_members"] == ["director"]
    assert data["views"]["members"][1]["first"] == ["staff-mutual"]
    assert sum(s["share"] for s in data["first_share_hull"].values()) == pytest.approx(1)


def test_rank_with_weights_from_and_bad_member(cli: Callable[..., Result]) -> None:
    out = cli("rank", "--weights-from", "director", "--format", "json")
    assert json.loads(out.output)["ranking"][0]["id"] == "staff-mutual"
    bad = cli("rank", "--weights-from", "nobody")
    assert bad.exit_code == 2 and "unknown member 'nobody'" in bad.output


def test_the_paper_says_how_the_weights_were_set() -> None:
    from datetime import date

    from appraisal.report.context import build_context
    from appraisal.report.paper import plain

    result = run(appraisal.load(), Request(sensitivity=True, samples=2000))
    ctx = plain(build_context(result, date(2017, 12, 14)))
    section = next(s for s in ctx["sections"] if s["id"] == "weights")
    paras = [b["text"] for b in section["blocks"] if b["kind"] == "para"]
    assert any("swing weighting each member was asked" in p for p in paras)
    assert any("the consistency ratio is 0.113" in p for p in paras)
    assert any(p.startswith("Four of the five members' own weights put option 9") and
               "does not change the recommendation" in p for p in paras)
    charts = [b for b in section["blocks"] if b["kind"] == "chart"]
    assert charts
    assert "differ most on Avoidable financial implications" in charts[0]["chart"]["desc"]
    assert any(a["id"] == "appendix-members" for a in ctx["appendices"])
    whatif = ctx["whatif"]
    ids = [m.id for m in result.appraisal.members]
    assert [m["id"] for m in whatif["members"]] == ["group", *ids]
    assert result.members is not None
    for shown, view in zip(whatif["members"][1:], result.members.members, strict=True):
        assert shown["totals"] == [float(t) for t in view.totals]


def test_weights_table_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns the member columns go into several tables rather than shrinking
    numbers to ellipses; criterion names stay readable."""
    from click.testing import CliRunner

    from appraisal.cli import main

    out = CliRunner().invoke(main, ["weights", "--samples", "0"], env={"COLUMNS": "80"})
    assert out.exit_code == 0
    lines = out.output.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    shares = [ln for ln in lines if ln.strip().startswith("Single focus on children")]
    assert len(shares) >= 2  # the members split over tables
    assert all("\u2026" not in ln for ln in shares)
    assert "12.9-19.6" in "".join(shares)


def test_disagreement_wording_for_one_two_and_none() -> None:
    from appraisal.presentation.weights import disagreement

    a = appraisal.load()
    one = run(a, Request(members=("director",), member_views=True, samples=0))
    assert one.members is not None
    text = disagreement(one.members, one)
    assert text.startswith("The own weights of the Director of Children, Families and "
                           "Communities put option 10")
    assert "Taken together" not in text and "disagreement" not in text
    two = run(a, Request(members=("cabinet-member", "scrutiny-chair"), member_views=True,
                         samples=0))
    assert two.members is not None
    text = disagreement(two.members, two)
    assert text.startswith("Both members' own weights put option 9")
    assert text.endswith("The members agree with the board on the first choice.")


def test_a_board_that_weighs_by_swing_shows_its_swings(tmp_path: Path) -> None:
    """Without members, a board that derived its weights by swing weighting still gets
    the question in the body and the swings as put in an appendix."""
    from datetime import date

    from appraisal.report.context import build_context
    from appraisal.report.paper import plain

    path = tmp_path / "a.yaml"
    path.write_text(appraisal_yaml(
        "Swing only",
        [criterion("main", name="Main", source="workshop", weighting=[
            {"method": "swing", "rationale": "Reach first.",
             "points": {"reach": 100, "cost": 60}}], criteria=[
            criterion("reach", name="Reach", swing="from few (0) to many (5)"),
            criterion("cost", name="Cost", direction="cost",
                      swing="from dear (5) to cheap (0)")])],
        [option("a", {"reach": 4, "cost": 3}), option("b", {"reach": 2, "cost": 1})]))
    result = run(appraisal.load(path), Request(sensitivity=True, samples=500))
    ctx = plain(build_context(result, date(2020, 1, 2)))
    section = next(s for s in ctx["sections"] if s["id"] == "weights")
    paras = [b["text"] for b in section["blocks"] if b["kind"] == "para"]
    assert paras[0] == ("The board's weights for the main criteria come from swing "
                        "weighting: Reach first.")
    assert any("the board was asked" in p and "Appendix 3 gives each criterion's swing" in p
               for p in paras)
    app = next(x for x in ctx["appendices"] if x["id"] == "appendix-members")
    assert app["title"] == "The swings put to the board" and app["label"] == "Appendix 3"
    cells = [c for b in app["blocks"] if b["kind"] == "table"
             for r in b["table"]["rows"] for c in r["cells"]]
    assert "from few (0) to many (5)" in cells
