"""The recommendation, generated from the result and the robustness findings, in the
house format: one numbered paragraph with lettered sub-recommendations."""

from __future__ import annotations

from typing import Any

from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt


def _paras(span: str) -> str:
    if not span:
        return ""
    return f" (paragraph{'s' if ' ' in span else ''} {span})"


def recommendation(result: AppraisalResult, spans: dict[str, str],
                   robustness: str) -> dict[str, Any]:
    """``spans`` maps a section id to its paragraph span ("5 to 9") for references;
    ``robustness`` is one sentence on how firm the result is ("" when unknown)."""
    a, r = result.appraisal, result.ranking
    paper = a.paper
    cs = a.criteria_set(result.criteria_set)
    who = paper.recommended_by if paper and paper.recommended_by else ""
    body = f"the {paper.committee}" if paper and paper.committee else "the decision maker"
    context = (f", {paper.recommendation_context}," if paper and paper.recommendation_context
               else "")
    intro = (f"{who} recommends that{context} {body}:" if who
             else f"It is recommended that{context} {body}:")
    items = [f"notes the appraisal of the {fmt.count(len(a.options), 'option')} on the "
             f"long list against the {cs.name}{_paras(spans.get('criteria', ''))}"]
    if r.screened_out:
        names = fmt.joined([o.name for o in r.screened_out])
        items.append(f"notes that {fmt.count(len(r.screened_out), 'option')} ({names}) "
                     f"failed a must-have gate and {'was' if len(r.screened_out) == 1 else 'were'}"
                     f" not taken further{_paras(spans.get('screening', ''))}")
    step = paper.preferred_next_step if paper else "be taken forward as the preferred option"
    lead = r.leader
    if lead is not None:
        if lead.tied:
            group = r.ties[0]
            tied = [o.name for o in r.options if o.id in group]
            items.append(f"considers the options that share first place ({fmt.joined(tied)}) "
                         f"and agrees which should {step}{_paras(spans.get('results', ''))}")
        else:
            label = lead.name if lead.number is None else f"option {lead.number}, {lead.name},"
            items.append(f"agrees that {label} {step}{_paras(spans.get('results', ''))}")
    if robustness:
        where = spans.get("sensitivity") or spans.get("scenarios", "")
        items.append(f"notes that {robustness}{_paras(where)}")
    if paper:
        items.extend(paper.further_recommendations)
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for k, text in enumerate(items):
        text = text.rstrip(" .;")
        end = "." if k == len(items) - 1 else ("; and" if k == len(items) - 2 else ";")
        out.append({"letter": letters[k % 26], "text": text + end})
    return {"number": "1", "intro": intro, "items": out}
