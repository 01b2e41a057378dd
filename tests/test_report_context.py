"""The paper as data: structure, numbering, recommendation, left-out sections."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import paper_result

import appraisal
from appraisal.core.values import linear_values
from appraisal.report.context import build_context
from appraisal.report.paper import plain

DAY = date(2017, 12, 14)


@pytest.fixture(scope="module")
def ctx() -> dict[str, Any]:
    return plain(build_context(paper_result(appraisal.load(), samples=2000, seed=1), DAY))


def _paras(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["number"] for b in blocks if b["kind"] == "para"]


def test_sections_in_house_order(ctx: dict[str, Any]) -> None:
    ids = [s["id"] for s in ctx["sections"]]
    assert ids == ["background", "options", "screening", "criteria", "weights", "results",
                   "sensitivity", "scenarios", "economic", "financial-implications",
                   "legal-implications", "hr-implications", "information-governance",
                   "equality-and-health", "risks", "next-steps"]
    assert [(a["label"], a["id"]) for a in ctx["appendices"]] == [
        ("Appendix 1", "appendix-scores"), ("Appendix 2", "appendix-sensitivity"),
        ("Appendix 3", "appendix-members"), ("Appendix 4", "appendix-framework"),
        ("Appendix 5", "appendix-costs"), ("Appendix 6", "appendix-method"),
        ("Appendix 7", "appendix-glossary"), ("Appendix 8", "appendix-assumptions")]


def test_paragraphs_numbered_in_sequence_after_the_recommendation(ctx: dict[str, Any]) -> None:
    numbers = [int(n) for s in ctx["sections"] for n in _paras(s["blocks"])]
    assert numbers == list(range(2, 2 + len(numbers)))
    assert ctx["recommendation"]["number"] == "1"
    for a in ctx["appendices"]:
        assert all(n == "" for n in _paras(a["blocks"]))


def test_recommendation_names_the_leader_and_robustness(ctx: dict[str, Any]) -> None:
    rec = ctx["recommendation"]
    assert rec["intro"].startswith("The Cabinet Member with Responsibility for Children")
    assert rec["intro"].endswith("the Cabinet:")
    letters = [i["letter"] for i in rec["items"]]
    assert letters == list("abcdef")  # e: value for money
    texts = [i["full"] for i in rec["items"]]
    assert texts[0].startswith("notes the appraisal of the 13 options")
    assert texts[0].endswith("(paragraphs 11 to 13);")
    assert rec["items"][0]["refs"] == {"first": "11", "last": "13", "joiner": "to"}
    assert "option 9, Wholly owned council company," in texts[2]
    assert texts[3].startswith("notes that the result is not yet firm")
    assert "option 10 (Staff owned mutual) is too close to it to tell apart" in texts[3]
    assert texts[-2].endswith("; and") and texts[-1].endswith(".")


def test_numbers_are_strings_everywhere_but_the_whatif_data(ctx: dict[str, Any]) -> None:
    def walk(x: Any, path: str) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k in ("refs", "span", "table") and v is None:
                    continue  # no reference, no paragraphs, data elsewhere
                if k not in ("whatif", "numeric", "level", "row_header", "wide"):
                    walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, f"{path}[{i}]")
        else:
            assert isinstance(x, str), f"{path} is {type(x).__name__}"

    walk(ctx, "ctx")


def test_whatif_values_are_the_engines(ctx: dict[str, Any]) -> None:
    r = appraisal.rank(appraisal.load())
    p = r.ranking.problem
    expected = linear_values(p.scores, p.lower, p.upper, p.benefit)
    assert np.array_equal(np.array(ctx["whatif"]["values"]), expected)
    assert [o["id"] for o in ctx["whatif"]["options"]] == list(p.option_ids)
    assert ctx["whatif"]["weightings"][0]["raw"] == list(p.tree.raw_weight)
    assert [w["name"] for w in ctx["whatif"]["weightings"][1:]] == [
        "Children first", "Finance-led", "Improvement first"]


def test_footer_records_reproducibility(ctx: dict[str, Any]) -> None:
    rows = dict((k, v) for k, v in ctx["footer"])
    assert rows["Input digest"].startswith("sha256:")
    assert rows["Seed"] == "1"
    assert rows["Criteria set"] == "key-principles-2017"
    assert rows["Monte Carlo draws of each kind"] == "2,000"
    assert rows["Report date"] == "2017-12-14"


def test_meeting_date_heads_the_paper(ctx: dict[str, Any]) -> None:
    assert ctx["date"] == "14 December 2017"
    assert ctx["committee"] == "Cabinet"
    assert "illustrative" in ctx["notice"].lower()


def test_sections_without_content_are_left_out(tmp_path: Path) -> None:
    from conftest import SMALL

    f = tmp_path / "a.yaml"
    f.write_text(SMALL)
    c = plain(build_context(paper_result(appraisal.load(f), samples=0), DAY))
    ids = [s["id"] for s in c["sections"]]
    assert "background" not in ids and "risks" not in ids and "scenarios" not in ids
    assert c["contacts"] == {"general": [], "specific": []}
    assert c["background_papers"] == []
    assert [a["title"] for a in c["appendices"]] == [
        "Scores, with rationale and evidence", "Sensitivity analysis in full",
        "Method statement", "Glossary"]
    assert c["date"] == "14 December 2017"
    assert c["recommendation"]["intro"] == "It is recommended that the programme board:"
    # nothing is dropped silently: every house-format section without text is listed
    assert c["left_out"][0].startswith("the committee")
    for field in ("background", "financial_implications", "legal_implications",
                  "hr_implications", "information_governance", "equality_and_health",
                  "risks", "next_steps"):
        assert any(f"(paper.{field})" in x for x in c["left_out"]), field


def test_a_scenario_changes_the_weights_reported(tmp_path: Path) -> None:
    c = plain(build_context(paper_result(appraisal.load(), scenario="finance-led",
                                         samples=0), DAY))
    text = " ".join(b["text"] for s in c["sections"] for b in s["blocks"]
                    if b["kind"] == "para")
    assert "the weights of the 'Finance-led' scenario" in text
    assert dict((k, v) for k, v in c["footer"])["Scenario"] == "finance-led"
