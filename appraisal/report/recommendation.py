"""The recommendation, generated from the result and the robustness verdict, in the
house format: one numbered paragraph with lettered sub-recommendations.

It states how firm the result is in plain words and never asks the meeting to note a
sampling percentage (a member may read "first in 54% of weightings" as a 54% chance of
being right). When the runner-up is too close to the leader to tell apart, the item
that picks the leader says so and names the evidence that would separate them.

Each item (:class:`~.paper.Item`) carries ``refs``, the paragraph span it rests on (a
:class:`~.paper.Span`, or None), so that each renderer writes the reference its own way
(a link in HTML, a field that Word updates when paragraphs are inserted).
"""

from __future__ import annotations

from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from .economic import value_recommendation
from .paper import Item, Recommendation, Span
from .verdict import Verdict, separating_words

DEFAULT_DECIDER = "the programme board"
"""Who the recommendation is put to when the appraisal names no committee."""


def refs(span: Span | None) -> Span | None:
    """A section's paragraph span as a reference (None when it has no paragraphs)."""
    return span if span is not None and span.first else None


def ref_text(ref: Span | None) -> str:
    """"(paragraphs 15 and 16)" or "(paragraph 7)"; "" without a reference."""
    if ref is None:
        return ""
    if ref.first == ref.last:
        return f" (paragraph {ref.first})"
    return f" (paragraphs {ref.first} {ref.joiner} {ref.last})"


def recommendation(result: AppraisalResult, spans: dict[str, Span | None],
                   v: Verdict | None) -> Recommendation:
    """``spans`` maps a section id to its paragraph span; ``v`` is the robustness
    verdict (None without a sensitivity analysis)."""
    a, r = result.appraisal, result.ranking
    paper = a.paper
    cs = a.criteria_set(result.criteria_set)
    who = paper.recommended_by if paper and paper.recommended_by else ""
    body = f"the {paper.committee}" if paper and paper.committee else DEFAULT_DECIDER
    context = (f", {paper.recommendation_context}," if paper and paper.recommendation_context
               else "")
    intro = (f"{who} recommends that{context} {body}:" if who
             else f"It is recommended that{context} {body}:")
    items: list[tuple[str, Span | None]] = [(
        f"notes the appraisal of the {fmt.count(len(a.options), 'option')} on the long list "
        f"against the {cs.name}", refs(spans.get("criteria")))]
    if r.screened_out:
        names = fmt.joined([o.name for o in r.screened_out])
        items.append((f"notes that {fmt.count(len(r.screened_out), 'option')} ({names}) "
                      f"failed a must-have gate and "
                      f"{'was' if len(r.screened_out) == 1 else 'were'} not taken further",
                      refs(spans.get("screening"))))
    step = paper.preferred_next_step if paper else "be taken forward as the preferred option"
    lead = r.leader
    if lead is not None:
        if lead.tied:
            group = r.ties[0]
            tied = [o.name for o in r.options if o.id in group]
            items.append((f"considers the options that share first place ({fmt.joined(tied)})"
                          f" and agrees which should {step}", refs(spans.get("results"))))
        else:
            label = lead.name if lead.number is None else f"option {lead.number}, {lead.name},"
            items.append((f"agrees that {label} {step}", refs(spans.get("results"))))
    if v is not None and v.firmness:
        name = "the leading options" if lead is not None and lead.tied else (
            "it" if lead is None else fmt.option_label(lead.number, lead.name))
        if v.close_runner_up:
            evidence = separating_words(v.separating, v.separating_by)
            text = (f"notes that the result is {v.firmness}: {name} stays first under "
                    f"{v.how_many} of the weights the board might reasonably have chosen, "
                    f"but {v.close_runner_up} is too close to it to tell apart on the "
                    "present evidence" + (f"; {evidence}" if evidence else ""))
        else:
            stays = "stay" if lead is not None and lead.tied else "stays"
            text = (f"notes that the result is {v.firmness}: {name} {stays} first under "
                    f"{v.how_many} of the weights the board might reasonably have chosen; "
                    f"{v.weight_clause}")
        items.append((text, refs(spans.get("sensitivity"))))
    value = value_recommendation(result)
    if value is not None:
        items.append((value, refs(spans.get("economic"))))
    if paper:
        items.extend((text, None) for text in paper.further_recommendations)
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = []
    for k, (text, ref) in enumerate(items):
        text = text.rstrip(" .;")
        end = "." if k == len(items) - 1 else ("; and" if k == len(items) - 2 else ";")
        out.append(Item(letter=letters[k % 26], text=text, refs=ref, end=end,
                        full=text + ref_text(ref) + end))
    return Recommendation(number="1", intro=intro, items=tuple(out))
