"""The economic case in the paper: its section, chart, appendices and financial
implications come from the value-for-money result, every figure formatted from it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import appraisal_yaml, criterion, option
from conftest import paper_result

import appraisal
from appraisal.pipeline import AppraisalResult
from appraisal.presentation.value import money
from appraisal.report.blocks import Block
from appraisal.report.context import build_context
from appraisal.report.paper import plain


@pytest.fixture(scope="module")
def result() -> AppraisalResult:
    return paper_result(appraisal.load(), samples=2000)


@pytest.fixture(scope="module")
def context(result: AppraisalResult) -> dict:  # type: ignore[type-arg]
    return plain(build_context(result, date(2017, 12, 14)))


def _section(context: dict, sid: str) -> Block:  # type: ignore[type-arg]
    found = [s for s in [*context["sections"], *context["appendices"]] if s["id"] == sid]
    assert found, f"no section {sid}"
    return found[0]


def _tables(section: Block) -> dict[str, Block]:
    return {b["table"]["id"]: b["table"] for b in section["blocks"] if b["kind"] == "table"}


def test_economic_section_tables_follow_the_result(context: dict,  # type: ignore[type-arg]
                                                   result: AppraisalResult) -> None:
    v, costing = result.value, result.appraisal.costing
    assert v is not None and costing is not None
    sec = _section(context, "economic")
    tables = _tables(sec)
    assert "value" in set(tables)
    rows = {r["cells"][0].removesuffix(" (business as usual)"): r["cells"]
            for r in tables["value"]["rows"]}
    for i, label in enumerate(v.labels):
        assert rows[label][2] == money(float(v.cost[i]), costing)
    charts = [b["chart"] for b in sec["blocks"] if b["kind"] == "chart"]
    assert [c["id"] for c in charts] == ["chart-value"]
    assert "<polyline" in charts[0]["svg"] and "frontier runs through options 2 and 9" \
        in charts[0]["desc"]
    text = " ".join(b["text"] for b in sec["blocks"] if b["kind"] == "para")
    assert "Option 4 is extendedly dominated: a mix of options 2 and 9" in text
    # the short list is what the screening counts (11 options); business as usual fails
    # a gate, so it stands beside it as the benchmark, not on it
    assert "The short list, the 11 options that pass the gates, holds the do-minimum " \
        "option (option 2, Joint delivery)" in text
    assert "and 9 other viable alternatives (options 4, 5, 6, 7, 8, 10, 11, 12 and 13). " \
        "Business as usual (option 1, Continuation of current service arrangements) fails " \
        "a gate, so it is not on the short list" in text
    assert "9. Wholly owned council company is on the frontier in" in text
    assert "Preferred: option 9 (on every dimension); discounted: option 1 on service " \
        "delivery and option 3 on service delivery; carried forward on every dimension assessed: " \
        "options 2, 4, 5, 6, 7, 8, 10, 11, 12 and 13." in text


def test_financial_implications_open_with_the_cost_data(context: dict,  # type: ignore[type-arg]
                                                        result: AppraisalResult) -> None:
    v = result.value
    assert v is not None and v.preferred is not None
    fin = _section(context, "financial-implications")
    first = fin["blocks"][0]["text"]
    assert first.startswith("Over the 10 years from 2018/19 to 2027/28, the preferred way "
                            "forward, 9. Wholly owned council company")
    assert money(float(v.cost[v.preferred]), result.appraisal.costing) in first
    # the officer's own paragraphs follow
    assert any("£6 million pressure" in b["text"] for b in fin["blocks"][1:])


def test_appendices_and_glossary(context: dict) -> None:  # type: ignore[type-arg]
    appendix = _tables(_section(context, "appendix-framework"))
    assert len(appendix["framework-full"]["rows"]) == 13 * 5
    assert len(appendix["objectives"]["rows"]) == 5
    costs = _section(context, "appendix-costs")
    by_year = _tables(costs)["costs-by-year"]
    assert by_year["headers"][1] == "2018/19" and by_year["headers"][-1] == "NPC"
    assert by_year["rows"][-1]["cells"][:3] == ["Discount factor", "1.0000", "0.9662"]
    glossary = _tables(_section(context, "appendix-glossary"))["glossary"]
    terms = {r["cells"][0] for r in glossary["rows"]}
    assert {"Net present cost", "Optimism bias", "Extended dominance", "Business as usual",
            "Discount factor", "Value-for-money frontier", "Willingness to pay"} <= terms


def test_no_green_book_data_no_economic_case(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(appraisal_yaml("Plain", [criterion("q")],
                                   [option("a", {"q": 1}), option("b", {"q": 2})]))
    ctx = plain(build_context(paper_result(appraisal.load(path), samples=500),
                              date(2017, 12, 14)))
    ids = [s["id"] for s in [*ctx["sections"], *ctx["appendices"]]]
    assert "economic" not in ids and "appendix-costs" not in ids
    assert ctx["whatif"]["value"] is None


def test_recommendation_states_value_for_money_in_amounts(context: dict,  # type: ignore[type-arg]
                                                          result: AppraisalResult) -> None:
    v = result.value
    assert v is not None and v.switching is not None
    items = [i["full"] for i in context["recommendation"]["items"]]
    value = [t for t in items if "value-for-money frontier" in t]
    assert len(value) == 1
    costing = result.appraisal.costing
    assert money(float(v.cost[v.preferred]), costing) in value[0]
    assert "unless its cost rises by more than " \
        f"{money(v.switching.wtp_overrun, costing, precise=True)}" \
        in value[0]
    assert "%" not in value[0].split("(")[0]  # amounts, never a share of random draws
