"""The sensitivity and robustness section, formatted from
:class:`appraisal.analysis.Sensitivity` (nothing is recomputed here: the analysis layer
computes, this module picks, orders and words its results).

Without a sensitivity result (the analysis layer absent) the section is left out and
the recommendation's robustness note comes from the scenario rankings alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import charts
from . import formatting as fmt
from .blocks import SectionBuilder, table
from .inputs import PaperInputs

SCORE_SWITCH_ROWS = 10
"""How many of the nearest score switching values the paper lists."""


def _names(inputs: PaperInputs) -> dict[str, str]:
    p = inputs.result.problem
    nums = p.option_numbers or (None,) * len(p.option_ids)
    return {o: (nm if k is None else f"{k}. {nm}")
            for o, nm, k in zip(p.option_ids, p.option_names, nums, strict=True)}


def _who(ids: tuple[str, ...], names: dict[str, str]) -> str:
    return fmt.joined([names.get(i, i) for i in ids]) or "\u2013"


def headline(inputs: PaperInputs) -> str:
    """One clause for the recommendation on how firm the result is ("" if unknown)."""
    r, sens = inputs.result, inputs.sensitivity
    if not r.ranking:
        return ""
    if sens is not None:  # the analysis layer words its own findings
        sm = sens.summary
        return "; ".join(c for c in (sm.weight_clause, sm.acceptability_clause) if c)
    who = fmt.option_label(r.leader.number, r.leader.name)
    if inputs.scenarios:
        same = sum(1 for x in inputs.scenarios if x.ranking and x.leader.id == r.leader.id)
        return (f"{who} ranks first under {same} of the "
                f"{fmt.count(len(inputs.scenarios), 'scenario')} tested")
    return ""


def _tornado(s: SectionBuilder, sens: Any, names: dict[str, str], leader: str) -> None:
    ivs = list(sens.weight_switching.intervals)
    if not ivs:
        return
    def room(iv: Any) -> float:  # distance from the base to the nearest switch
        ends = ([iv.base_weight - iv.low_weight] if iv.below else []) + (
            [iv.high_weight - iv.base_weight] if iv.above else [])
        return min(ends, default=float("inf"))

    ivs.sort(key=lambda iv: (room(iv), iv.node_id))
    then = []
    for iv in ivs:
        bits = []
        if iv.below:
            bits.append(f"below: {_who(iv.below, names)}")
        if iv.above:
            bits.append(f"above: {_who(iv.above, names)}")
        then.append("; ".join(bits) or "never changes")
    s.para("The chart shows, for each criterion, the range of its weight (as a share of the "
           f"total) within which {leader} stays first, the other weights keeping their "
           "proportions; the black mark is the weight used. Criteria are listed from the "
           "least to the most room to move.")
    s.chart(charts.tornado("chart-tornado", [iv.node_name for iv in ivs],
                           [iv.base_weight for iv in ivs], [iv.low_weight for iv in ivs],
                           [iv.high_weight for iv in ivs], then, leader))


def _sweep(s: SectionBuilder, sens: Any, names: dict[str, str], leader_id: str) -> None:
    if not sens.sweeps:
        return
    ws = sens.weight_switching.headline
    pick = next((sw for sw in sens.sweeps if ws is not None and sw.node_id == ws.node_id),
                max(sens.sweeps, key=lambda sw: len(sw.change_points)))
    segs = pick.segments
    order = list(sens.problem.option_ids)
    ranks = np.array([[dict(zip(seg.order, seg.ranks, strict=True))[o] for seg in segs]
                      for o in order], dtype=np.intp)
    edges = [seg.start * pick.parent_weight for seg in segs] + [
        segs[-1].end * pick.parent_weight]
    s.para(f"The weight with least room to move is on {pick.node_name}. The next chart "
           "follows the rank of every option as that weight goes from nothing to all of "
           "its group's weight; the ranking changes at "
           f"{fmt.count(len(pick.change_points), 'point')}.")
    s.chart(charts.sweep("chart-sweep", pick.node_name, [names[o] for o in order], edges,
                         ranks, pick.base_weight, order.index(leader_id)))


def _smaa(s: SectionBuilder, inputs: PaperInputs, sens: Any, names: dict[str, str]) -> None:
    sm = sens.smaa
    if sm is None:
        return
    p = sens.problem
    idx = {o: i for i, o in enumerate(p.option_ids)}
    order = [ro.id for ro in inputs.result.ranking]
    rows_i = [idx[o] for o in order]
    acc = np.asarray(sm.acceptability)[rows_i]
    samples = f"{sens.samples:,}"
    s.para(f"To test all the weights at once, {samples} sets of weights were drawn at random, "
           "evenly over every possible weighting, and the options ranked under each "
           "(stochastic multicriteria acceptability analysis, SMAA-2). The heat map shows "
           "how often each option takes each rank.")
    s.chart(charts.heatmap("chart-acceptability", [names[o] for o in order], acc, samples))
    conf = np.asarray(sm.confidence)[rows_i]
    rows = [[names[o], fmt.pct(float(acc[k, 0])), fmt.pct(float(acc[k, :3].sum())),
             fmt.pct(float(conf[k])) if np.isfinite(conf[k]) else "\u2013"]
            for k, o in enumerate(order)]
    s.table(table("smaa", "How often each option ranks first or in the top three",
                  ["Option", "First", "Top three", "Confidence factor"], rows,
                  [False, True, True, True]))


def _scores(s: SectionBuilder, sens: Any, names: dict[str, str]) -> None:
    crit = dict(zip(sens.problem.criterion_ids, sens.problem.criterion_names, strict=True))
    found = [x for x in sens.score_switching.switches if x.switching_score is not None]
    if not found:
        s.para("No single score, moved anywhere within its scale, changes the leader.")
        return
    found.sort(key=lambda x: (abs(x.change), x.option_id, x.criterion_id))
    shown = found[:SCORE_SWITCH_ROWS]
    s.para(f"Single scores can also change the result. The {len(shown)} smallest changes "
           "of one score that would change which option comes first are listed below "
           f"({len(found)} of the {len(sens.score_switching.switches)} scores could do so "
           "within their scale).")
    rows = [[names[x.option_id], crit[x.criterion_id], fmt.plain(x.score),
             fmt.plain(x.switching_score), f"{x.change:+.2f}", _who(x.new_leader, names)]
            for x in shown]
    s.table(table("score-switching", "Smallest score changes that change the leader",
                  ["Option", "Criterion", "Score", "Switches at", "Change", "Then first"],
                  rows, [False, False, True, True, True, False]))


def _distances(s: SectionBuilder, inputs: PaperInputs, sens: Any,
               names: dict[str, str]) -> None:
    d = sens.distances
    if not d.available:
        return
    by = {x.option_id: x for x in d.options}
    rows = []
    for ro in inputs.result.ranking[1:]:
        x = by[ro.id]
        rows.append([names[ro.id], "cannot be first under any weights" if x.never_first
                     else fmt.pct(x.weight_moved)])
    s.para("What would it take for another option to come first? The table gives the "
           "smallest share of the total weight that would have to move between criteria.")
    s.table(table("what-would-it-take", "Smallest weight change that puts each option first",
                  ["Option", "Weight to move"], rows, [False, True]))


def _dominance(s: SectionBuilder, sens: Any, names: dict[str, str]) -> None:
    dom = sens.dominance
    if dom.dominated:
        s.para("Some options are dominated: another option is at least as good on every "
               "criterion and better on at least one, so no weighting can prefer them.")
        s.bullets([f"{names[o]}: dominated by {_who(by, names)}"
                   for o, by in dom.dominated.items()])
    if dom.near_ties:
        s.para(f"These pairs are too close to tell apart (totals within "
               f"{fmt.total(dom.tolerance)}, or order reversed in more than "
               f"{fmt.pct(dom.flip_share, 0)} of random weightings):")
        s.bullets([f"{names[t.better]} and {names[t.worse]} (difference "
                   f"{fmt.total(t.difference)}"
                   + (f"; reversed in {fmt.pct(t.flip_share)} of weightings"
                      if t.flip_share is not None else "") + ")" for t in dom.near_ties])


def sensitivity_section(s: SectionBuilder, inputs: PaperInputs) -> None:
    """Add the sensitivity paragraphs, charts and tables (nothing when not run)."""
    sens = inputs.sensitivity
    if sens is None or not inputs.result.ranking:
        return
    names = _names(inputs)
    lead = inputs.result.leader
    leader = fmt.option_label(lead.number, lead.name)
    s.para("Sensitivity analysis asks whether the preferred option stays first when the "
           "weights and scores move. In summary:")
    s.bullets(list(sens.summary.sentences))
    _tornado(s, sens, names, leader)
    _sweep(s, sens, names, lead.id)
    _smaa(s, inputs, sens, names)
    _scores(s, sens, names)
    _distances(s, inputs, sens, names)
    _dominance(s, sens, names)


def scenario_notes(s: SectionBuilder, inputs: PaperInputs) -> None:
    """Kendall tau and least maximum regret across the scenarios, when analysed."""
    sens = inputs.sensitivity
    if sens is None or len(sens.scenarios.scenario_ids) < 2:
        return
    sc = sens.scenarios
    names = _names(inputs)
    base = 0
    taus = [f"{sc.scenario_names[k]} {float(sc.tau[base, k]):.2f}"
            for k in range(1, len(sc.scenario_ids))]
    s.para("Agreement between the rankings (Kendall's tau, 1 = the same order, "
           f"-1 = reversed) with the {sc.scenario_names[base]}: {fmt.joined(taus)}.")
    s.para(f"The option with the least maximum regret across the {len(sc.scenario_ids)} "
           f"weightings, the one that is never far behind the best, is "
           f"{_who(sc.least_regret, names)}.")


def method_notes(inputs: PaperInputs) -> list[str]:
    """Method statement paragraphs for the sensitivity analyses."""
    sens = inputs.sensitivity
    if sens is None:
        return []
    exact = ("computed exactly (closed form, the totals being linear in the weights)"
             if sens.exact else "found numerically (fine grid and bisection)")
    out = [f"One-way sensitivity: each criterion's weight is moved from 0 to 100% of its "
           f"group, the other weights in the group keeping their proportions (DCLG 2009, "
           f"section 6.2.12); the points where the ranking changes are {exact}. The "
           "stability interval of a weight is the range in which the leader stays first.",
           "Score switching values: for each option and criterion, the smallest change of "
           "that one score, within its scale, that changes which option comes first.",
           "What would it take: the smallest change of the whole weight vector (L1 "
           "distance, by linear programming) that puts each option first; half of it is "
           "the share of weight moved between criteria.",
           f"Dominance and near-ties: totals within {fmt.total(sens.tolerance)} of each "
           "other are reported as indistinguishable rather than ordered."]
    if sens.smaa is not None:
        out.append(f"SMAA-2 (Lahdelma and Salminen 2001): {sens.samples:,} weight vectors "
                   "drawn uniformly on the simplex from one seeded random generator "
                   f"(seed {sens.seed}); tied options share the acceptability of the ranks "
                   "they jointly occupy. The confidence factor is the share of samples in "
                   "which an option is first when its central weights are used.")
    return out
