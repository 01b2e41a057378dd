"""Weighting blocks and members in YAML: the example loads, and every kind of bad input
is a located problem, all reported in one run."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from builders import appraisal_yaml, criterion, option

from appraisal.errors import InputError
from appraisal.input.derive import board_raw, group_raw, member_derived, member_raw
from appraisal.input.loading import load

HEAD = appraisal_yaml(
    "Members test",
    [criterion("main", name="Main", source="test", criteria=[
        criterion("a", 1), criterion("b", 1),
        criterion("p", criteria=[criterion("p1"), criterion("p2")]),
        criterion("c", 1)])],
    [option("x", {"a": 1, "b": 2, "p1": 3, "p2": 1, "c": 2}),
     option("y", {"a": 2, "b": 1, "p1": 1, "p2": 3, "c": 3})])


def _write(tmp_path: Path, members: str, extra: str = "") -> Path:
    path = tmp_path / "appraisal.yaml"
    path.write_text(HEAD + extra + "members:\n" + textwrap.indent(textwrap.dedent(members), "  "))
    return path


def test_the_example_members_load_and_derive() -> None:
    a = load()
    assert [m.id for m in a.members] == ["cabinet-member", "director", "chief-finance-officer",
                                        "head-of-legal", "scrutiny-chair"]
    methods = {m.id: [d.method for d in member_derived(a, m)] for m in a.members}
    assert methods["director"] == ["swing", "swing"]
    assert methods["chief-finance-officer"] == ["ranking"]
    legal = member_derived(a, a.member("head-of-legal"))[0]
    assert legal.pairwise is not None and not legal.pairwise.acceptable  # the deliberate slip
    # a member's groups left out keep the board's weights
    raw = member_raw(a, a.member("cabinet-member"))
    assert raw["cypp-safe"] == board_raw(a.criteria_set())["cypp-safe"]


def test_all_problems_at_once_each_located(tmp_path: Path) -> None:
    path = _write(tmp_path, """\
        - id: m1
          name: Swing above the top
          weighting:
            - method: swing
              points: {a: 100, b: 120, p: 5, c: 50}
        - id: m0
          name: Negative points
          weighting:
            - method: points
              points: {a: 100, b: 10, p: -5, c: 50}
        - id: m2
          name: Not reciprocal
          weighting:
            - method: pairwise
              order: [a, b, p, c]
              matrix:
                - [1, 3, 5, 1]
                - [3, 1, 2, 1]
                - [0.2, 0.5, 1, 1]
                - [1, 1, 1, 1]
        - id: m3
          name: Out of scale
          weighting:
            - method: pairwise
              judgements: {a: {b: 12, p: 3, c: "1/10"}, b: {p: 1, c: 1}, p: {c: 1}}
        - id: m4
          name: Ranking twice and missing
          weighting:
            - method: ranking
              ranking: [a, [b, a], p]
        - id: m5
          name: Unknown criterion
          weighting:
            - method: points
              points: {a: 1, b: 2, p: 3, c: 4, zz: 5}
            - group: nowhere
              method: points
              points: {p1: 1, p2: 1}
        - id: ok
          name: Fine
          weighting:
            - {method: points, points: {a: 1, b: 1, p: 1, c: 1}}
        - id: ok
          name: Same id again
          weighting:
            - {method: points, points: {a: 1, b: 1, p: 1, c: 1}}
        """)
    with pytest.raises(InputError) as caught:
        load(path)
    found = {(d.field, d.line > 0): d for d in caught.value.diagnostics}
    text = str(caught.value)
    for field in ("members[0].weighting[0].points.b", "members[1].weighting[0].points.p",
                  "members[2].weighting[0].matrix[0][1]",
                  "members[3].weighting[0].judgements.a.b",
                  "members[3].weighting[0].judgements.a.c", "members[4].weighting[0].ranking",
                  "members[5].weighting[0].points.zz", "members[5].weighting[1].group",
                  "members[7].id"):
        assert (field, True) in found, f"{field} not reported:\n{text}"
    assert found[("members[0].weighting[0].points.b", True)].found == "120"
    assert found[("members[1].weighting[0].points.p", True)].found == "-5"
    recip = found[("members[2].weighting[0].matrix[0][1]", True)]
    assert "the reciprocal of row 2, column 1 (3), i.e. 0.333" in recip.expected
    assert "Saaty's scale" in found[("members[3].weighting[0].judgements.a.b", True)].expected
    assert "more than once: a" in text and "nothing for c" in text
    assert "'zz'" in found[("members[5].weighting[0].points.zz", True)].found
    assert "(p)" in found[("members[5].weighting[1].group", True)].expected  # the parents
    assert "again" in found[("members[7].id", True)].found


def test_swing_needs_a_top_swing_and_links_in_pairwise(tmp_path: Path) -> None:
    path = _write(tmp_path, """\
        - id: m1
          name: No top swing
          weighting:
            - {method: swing, points: {a: 80, b: 50, p: 20, c: 10}}
        - id: m2
          name: Unlinked
          weighting:
            - method: pairwise
              judgements: {a: {b: 3}, p: {c: 2}}
        """)
    with pytest.raises(InputError) as caught:
        load(path)
    text = str(caught.value)
    assert "the largest swing given exactly 100 points (a single value, not a range); " \
        "found no swing of 100 (largest 80)" in text
    assert "judgements linking every one of the criteria of the top level" in text


def test_board_weighting_replaces_the_weights_and_refuses_both(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEAD.replace("    source: test\n", """\
    source: test
    weighting:
      - group: p
        method: ranking
        ranking: [p2, p1]
        conversion: rank-sum
"""))
    a = load(path)
    raw = board_raw(a.criteria_set())
    assert raw["p2"] == pytest.approx(200 / 3) and raw["p1"] == pytest.approx(100 / 3)
    bad = tmp_path / "b.yaml"
    bad.write_text(HEAD.replace("          - {id: p1, name: P1}", "          - {id: p1, name: P1, "
                                "weight: 3}").replace("    source: test\n", """\
    source: test
    weighting:
      - {group: p, method: ranking, ranking: [p2, p1]}
"""))
    with pytest.raises(InputError, match="the set's weighting derives this group"):
        load(bad)


def test_group_means(tmp_path: Path) -> None:
    path = _write(tmp_path, """\
        - id: m1
          name: One
          weighting:
            - {method: points, points: {a: 40, b: 30, p: 20, c: 10}}
        - id: m2
          name: Two
          weighting:
            - {method: points, points: {a: 10, b: 20, p: 30, c: 40}}
        """)
    a = load(path)
    raw, used = group_raw(a, a.members, a.criteria_set())
    assert used == {None: "arithmetic", "p": "arithmetic"}
    assert [round(raw[c], 9) for c in "abpc"] == [25, 25, 25, 25]
    geo = load(path).model_copy(update={"group_mean": "geometric"})
    raw_g, used_g = group_raw(geo, geo.members, geo.criteria_set())
    assert used_g[None] == "geometric"
    assert raw_g["a"] == pytest.approx(100 * 20 / (20 + 600 ** 0.5 * 2 + 20))


def test_a_bad_board_block_hides_nothing_else(tmp_path: Path) -> None:
    """A swing out of range in the board's own weighting leaves the criteria set valid,
    so the options' scores and the members are still checked in the same run."""
    path = tmp_path / "a.yaml"
    path.write_text(HEAD.replace("    source: test\n", """\
    source: test
    weighting:
      - {method: swing, points: {a: 100, b: 120, p: -5, c: [40, 100]}}
""").replace("p1: 3, p2: 1, c: 2}", "p1: 3, p2: 1, c: 2, zz: 1}") + """\
members:
  - {id: m, name: M, weighting: [{method: ranking, ranking: [a, a, b, p, c]}]}
""")
    with pytest.raises(InputError) as caught:
        load(path)
    fields = {d.field for d in caught.value.diagnostics}
    assert {"criteria[0].weighting[0].points.b", "criteria[0].weighting[0].points.p",
            "options[0].scores.zz", "members[0].weighting[0].ranking"} <= fields, fields
