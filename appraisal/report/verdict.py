"""How firm the result is, in the body of the paper: a one-paragraph verdict with the
tornado chart, and the plain words the recommendation uses. Formatted from the
pipeline's :class:`~appraisal.analysis.Sensitivity` (the analysis layer computes; this
module picks, orders and words its results); the full analysis is in
:mod:`.sensitivity_appendix`.

Without a sensitivity result the verdict is left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..analysis.sensitivity import Sensitivity
from ..analysis.weight_switching import WeightSwitch
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation import summary as words
from . import charts
from .blocks import SectionBuilder
from .paper import Chart


def option_names(result: AppraisalResult) -> dict[str, str]:
    """Short-list option id -> "9. Wholly owned council company"."""
    p = result.ranking.problem
    return dict(zip(p.option_ids, p.labels(), strict=True))


def names_of(ids: tuple[str, ...], names: dict[str, str]) -> str:
    """The options ``ids`` by name, joined ("a, b and c"); a dash for none."""
    return fmt.joined([names.get(i, i) for i in ids]) or "\u2013"


def option_words(result: AppraisalResult, option_id: str) -> str:
    """"option 9 (Wholly owned council company)", as a sentence names a short-list
    option."""
    o = next(x for x in result.ranking.options if x.id == option_id)
    return fmt.option_label(o.number, o.name)


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """The plain words the recommendation uses: how firm the lead is (``firmness``:
    "fairly firm"; ``how_many``: "most"), what single weight could displace the leader
    (``weight_clause``), and, when the runner-up is
    too close to tell apart, its label and the criteria whose evidence would separate
    them."""

    firmness: str
    how_many: str
    weight_clause: str
    close_runner_up: str
    separating: tuple[str, ...]
    separating_by: str


NOT_YET_FIRM = "not yet firm"
"""The verdict while the runner-up is too close to tell apart, whatever the weights say."""


def firmness(result: AppraisalResult) -> tuple[str, str]:
    """How firm the result is in words, and under how many of the board's plausible
    weights the leader stays first ("fairly firm", "most"): from the share of draws
    around the board's weights (:data:`~appraisal.presentation.summary.FIRMNESS`), but
    never firm while the runner-up is too close to tell apart (then "not yet firm").
    ("", "") without the Monte Carlo."""
    sens = result.sensitivity
    board = None if sens is None else sens.summary.board
    if sens is None or board is None:
        return "", ""
    s = sens.summary
    firm, how_many = words.firmness(board.value)
    return (NOT_YET_FIRM if s.runner_up in s.close_to_leader else firm), how_many


def separating_words(separating: tuple[str, ...], by: str) -> str:
    """What would separate the leader from a runner-up too close to tell apart ("" when
    nothing would): firmer scores where their stated ranges matter most, or the scores
    where they differ most."""
    if not separating:
        return ""
    where = fmt.joined(list(separating))
    if by == "ranges":
        return (f"firmer scores for both on {where}, where the stated ranges of their scores "
                "matter most, would separate them")
    return f"the scores on {where}, where they differ most, decide between them"


def _at_base(ws: WeightSwitch) -> bool:
    """Whether the switching weight is the base weight as shown: the leader is already
    tied there, so any move of it changes the result."""
    return fmt.pct(ws.threshold_weight) == fmt.pct(ws.base_weight)


def verdict(result: AppraisalResult) -> Verdict | None:
    """The recommendation's facts (None without a sensitivity analysis)."""
    sens, lead = result.sensitivity, result.ranking.leader
    if sens is None or lead is None:
        return None
    s = sens.summary
    p = sens.problem
    options = {o: option_words(result, o) for o in p.option_ids}
    crit = dict(zip(p.criterion_ids, p.criterion_names, strict=True))
    close = s.runner_up if s.runner_up in s.close_to_leader else None
    firm, how_many = firmness(result)
    ws = s.weight_switch
    switch = ("no change to a single weight displaces it" if ws is None else
              f"any change to the weight on {ws.node_name} ({fmt.pct(ws.base_weight)} of "
              "the total) changes the result" if _at_base(ws) else
              "of the weights taken one at a time, the one closest to changing the result "
              f"is {ws.node_name}, at {fmt.pct(ws.threshold_weight)} of the total (it is "
              f"{fmt.pct(ws.base_weight)})")
    return Verdict(firmness=firm, how_many=how_many, weight_clause=switch,
                   close_runner_up="" if close is None else options[close],
                   separating=tuple(crit[c] for c in s.separating),
                   separating_by=s.separating_by)


def verdict_section(s: SectionBuilder, result: AppraisalResult, appendix: str) -> None:
    """The body's one paragraph on how firm the result is, and the tornado chart (its
    data in ``appendix``, the full sensitivity analysis)."""
    sens, lead = result.sensitivity, result.ranking.leader
    if sens is None and lead is not None and len(result.ranking.options) == 1:
        s.para(f"Only {fmt.option_label(lead.number, lead.name)} passed the gates, so there "
               "is no other option to compare it with: the sensitivity analysis, which asks "
               "how far the weights and scores could move before another option came "
               "first, does not apply.")
        return
    if sens is None or lead is None:
        return
    sm = sens.summary
    names = option_names(result)
    leader = fmt.option_label(lead.number, lead.name)
    bits = []
    tied = len(sm.leaders) > 1
    if sm.runner_up is not None and sm.margin is not None:
        runner = option_words(result, sm.runner_up)
        gap = (f"{fmt.cap(fmt.joined([option_words(result, o) for o in sm.leaders]))} share "
               f"first place, {fmt.points(sm.margin)} points out of 100 ahead of {runner}"
               if tied else
               f"{fmt.cap(leader)} is {fmt.points(sm.margin)} points out of 100 ahead of "
               f"{runner}")
        if sm.runner_up in sm.close_to_leader and not tied:
            gap += ", but on the present evidence the two are too close to tell apart"
            crit = dict(zip(sens.problem.criterion_ids, sens.problem.criterion_names,
                            strict=True))
            evidence = separating_words(tuple(crit[c] for c in sm.separating),
                                        sm.separating_by)
            gap += f"; {evidence}" if evidence else ""
        bits.append(gap + ".")
    if sm.board is not None:
        firm, how_many = firmness(result)
        bits.append(f"With each of the board's weights free to be up to half as much again or "
                    f"half as little, {leader}"
                    + (", first of the options sharing first place, stays first or jointly "
                       "first" if tied else " stays first")
                    + f" under {how_many} of them "
                    f"({words.share_text(sm.board)} of {sm.board.samples:,} random draws"
                    + (", the scores drawn within their stated ranges too" if
                       sm.score_uncertainty else "")
                    + "): " + (f"the weights alone would make the result "
                               f"{words.firmness(sm.board.value)[0]}, but it is {firm} while "
                               "the two are too close to tell apart"
                               if firm == NOT_YET_FIRM else f"the result is {firm}")
                    + ". This measures how much the result rests on the weights; it is not "
                    "the chance that the choice is right.")
    ws = sm.weight_switch
    if ws is None:
        bits.append("No change to a single weight displaces it.")
    elif _at_base(ws):
        bits.append(f"Taking the weights one at a time, any change to the weight on "
                    f"{ws.node_name} ({fmt.pct(ws.base_weight)} of the total) changes the "
                    "result. The chart shows how far each weight can move.")
    else:
        bits.append(f"Taking the weights one at a time, the one closest to changing the "
                    f"result is {ws.node_name}: "
                    f"{'above' if ws.direction == 'rises' else 'below'} "
                    f"{fmt.pct(ws.threshold_weight)} of the total (it is "
                    f"{fmt.pct(ws.base_weight)}), "
                    f"{fmt.joined([option_words(result, o) for o in ws.new_leader])} would lead. "
                    "The chart shows how far each weight can move.")
    ss = sm.score_switch
    if ss is not None and ss.switching_score is not None and ss.change is not None:
        crit = dict(zip(sens.problem.criterion_ids, sens.problem.criterion_names,
                        strict=True))
        falls = math.copysign(1.0, ss.change) < 0
        given = ss.step_score
        to = (f"to {fmt.score(given)}" if given is not None
              else f"past {fmt.score(ss.switching_score)}")
        bits.append(f"The smallest change of a single score that would change the result "
                    f"is the score of {option_words(result, ss.option_id)} on "
                    f"{crit[ss.criterion_id]} {'falling' if falls else 'rising'} from "
                    f"{fmt.score(ss.score)} {to}.")
    bits.append(f"{appendix} sets out the full sensitivity analysis.")
    s.para(" ".join(bits))
    chart = tornado_chart(sens, names, leader)
    if chart is not None:
        s.chart(replace(chart, table=None,
                 data_note=f"The data behind the chart are in {appendix}."))


def tornado_chart(sens: Sensitivity, names: dict[str, str], leader: str) -> Chart | None:
    ivs = sorted(sens.weight_switching.intervals, key=lambda iv: (iv.room, iv.node_id))
    if not ivs:
        return None
    then = []
    for iv in ivs:
        bits = []
        if iv.below:
            bits.append(f"below: {names_of(iv.below, names)}")
        if iv.above:
            bits.append(f"above: {names_of(iv.above, names)}")
        then.append("; ".join(bits) or "never changes")
    return charts.tornado("chart-tornado", [iv.node_name for iv in ivs],
                          [iv.base_weight for iv in ivs], [iv.low_weight for iv in ivs],
                          [iv.high_weight for iv in ivs], then, leader)
