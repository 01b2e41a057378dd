"""What the paper says: words a member understands, never contradicting each other; a
glossary of every technical term used; numbers as people read them; one sample count."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import paper_result

import appraisal
from appraisal.core.limits import DEFAULT_SAMPLES
from appraisal.report.context import build_context
from appraisal.report.glossary import TERMS, used_terms
from appraisal.report.paper import plain

DAY = date(2017, 12, 14)


@pytest.fixture(scope="module")
def ctx() -> dict[str, Any]:
    return plain(build_context(paper_result(appraisal.load(), samples=4000, seed=1), DAY))


def _block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every text of plain blocks, as Section.texts gives them."""
    out: list[str] = []
    for b in blocks:
        if b["kind"] == "para":
            out.append(b["text"])
        elif b["kind"] == "bullets":
            out.extend(b["items"])
        elif b["kind"] == "table":
            t = b["table"]
            out += [t["caption"], *t["headers"], *(c for r in t["rows"] for c in r["cells"])]
        else:
            c = b["chart"]
            out += [c["title"], c["desc"], c["data_note"]]
    return out


def _texts(ctx: dict[str, Any], *, glossary: bool = True) -> list[str]:
    rec = ctx["recommendation"]
    out = [rec["intro"], *(i["full"] for i in rec["items"])]
    for s in [*ctx["sections"], *ctx["appendices"]]:
        if glossary or s["id"] != "appendix-glossary":
            out += _block_texts(s["blocks"])
    return out


def _section(ctx: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in [*ctx["sections"], *ctx["appendices"]] if s["id"] == sid)


def _table(ctx: dict[str, Any], table_id: str) -> dict[str, Any]:
    return next(b["table"] for s in [*ctx["sections"], *ctx["appendices"]]
                for b in s["blocks"] if b["kind"] == "table"
                and b["table"]["id"].startswith(table_id))


def test_the_glossary_explains_every_technical_term_used(ctx: dict[str, Any]) -> None:
    glossary = _table(ctx, "glossary")
    listed = [r["cells"][0] for r in glossary["rows"]]
    assert listed == used_terms(_texts(ctx, glossary=False))
    for term in ("SMAA-2", "Kendall's tau", "Least maximum regret", "Simplex", "L1 distance",
                 "Switching value", "Dominated option", "Too close to tell apart",
                 "Margin of error", "Confidence factor", "Rank acceptability"):
        assert term in listed, term
    assert all(TERMS[t][0] == r["cells"][1] for t, r in zip(listed, glossary["rows"],
                                                           strict=True))


def test_the_recommendation_never_asks_to_note_a_sampling_percentage(
        ctx: dict[str, Any]) -> None:
    items = [i["full"] for i in ctx["recommendation"]["items"]]
    firm = next(t for t in items if t.startswith("notes that the result is"))
    assert "under most of the weights" in firm
    assert "random" not in " ".join(items) and "draws" not in " ".join(items)
    assert "%" not in firm
    # the runner-up is too close to call: the item on how firm the result is says so,
    # with what would separate them, and never calls the result firm beside it
    assert firm.startswith("notes that the result is not yet firm:")
    assert "option 10 (Staff owned mutual) is too close to it to tell apart" in firm
    assert "firmer scores for both on" in firm
    pick = next(t for t in items if t.startswith("agrees that option 9"))
    assert "too close" not in pick


def test_findings_agree_between_the_recommendation_and_the_body(ctx: dict[str, Any]) -> None:
    """One finding, one wording: what an item says is in the paragraphs it cites; 'firm'
    is never said beside 'too close to tell apart'; no 'only if' claim."""
    paras = {b["number"]: b["text"] for s in ctx["sections"] for b in s["blocks"]
             if b["kind"] == "para" and b["number"]}
    for item in ctx["recommendation"]["items"]:
        text, ref = item["text"], item["refs"]
        assert "only if" not in text and "the only" not in text, text
        if "too close to it to tell apart" in text:
            assert ref is not None
            cited = " ".join(paras[str(n)] for n in range(int(ref["first"]),
                                                          int(ref["last"]) + 1))
            assert "too close to tell apart" in cited
            evidence = text.split("; ", 1)[1]
            assert evidence in cited, evidence
        if "too close" in text:
            assert "result is firm" not in text and "fairly firm" not in text.split(":")[0]
    for text in paras.values():
        if "too close to tell apart" in text:
            assert "the result is fairly firm" not in text and "the result is firm" not in text


def test_dominance_and_the_weight_to_move_agree(ctx: dict[str, Any]) -> None:
    sens = paper_result(appraisal.load(), samples=0).sensitivity
    assert sens is not None
    names = dict(zip(sens.problem.option_ids, sens.problem.labels(), strict=True))
    rows = {r["cells"][0]: r["cells"] for r in _table(ctx, "what-would-it-take")["rows"]}
    for dominated in sens.dominance.dominated:
        assert rows[names[dominated]][3] in ("at best ties", "never"), dominated
    text = " ".join(_texts(ctx))
    assert "no weighting can prefer them" not in text
    assert "at best they tie with an option that dominates them" in text


def test_confidence_factors_only_where_they_mean_something(ctx: dict[str, Any]) -> None:
    t = _table(ctx, "smaa")
    assert t["headers"][-1] == "Confidence factor"  # the example's scores state ranges
    first_any = {r["cells"][0]: float(r["cells"][2].split("%")[0]) for r in t["rows"]}
    for r in t["rows"]:
        if first_any[r["cells"][0]] < 1.0:
            assert r["cells"][-1] == "\u2013", r["cells"]
    fixed = plain(build_context(paper_result(appraisal.load(), samples=2000, seed=1,
                                             score_uncertainty=False), DAY))
    assert "Confidence factor" not in _table(fixed, "smaa")["headers"]


def test_numbers_as_people_read_them(ctx: dict[str, Any]) -> None:
    results = " ".join(b["text"] for b in _section(ctx, "results")["blocks"]
                       if b["kind"] == "para")
    assert "a weighted total of 68.5 points out of 100" in results
    assert "a margin of 2.1 points" in results and "0.685" not in results
    ranking = _table(ctx, "ranking")
    assert ranking["rows"][0]["cells"][2:] == ["68.5", "0.0"]
    verdict = " ".join(b["text"] for b in _section(ctx, "sensitivity")["blocks"]
                       if b["kind"] == "para")
    # a switching value rounded to the scale's half points, the exact one in the appendix
    assert "Single focus on children falling from 4 to 3." in verdict
    switch = _table(ctx, "score-switching")["rows"][0]["cells"]
    assert switch[3:5] == ["3.404", "3"]


def test_one_sample_count_everywhere_and_stated() -> None:
    c = plain(build_context(paper_result(appraisal.load()), DAY))
    footer = dict((k, v) for k, v in c["footer"])
    assert footer["Monte Carlo draws of each kind"] == f"{DEFAULT_SAMPLES:,}"
    verdict = " ".join(b["text"] for b in _section(c, "sensitivity")["blocks"]
                       if b["kind"] == "para")
    assert f"of {DEFAULT_SAMPLES:,} random draws" in verdict
    method = " ".join(b["text"] for b in _section(c, "appendix-method")["blocks"]
                      if b["kind"] == "para")
    assert f"{DEFAULT_SAMPLES:,} independent draws of each kind" in method
