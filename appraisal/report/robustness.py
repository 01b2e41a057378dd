"""The sensitivity and robustness section, formatted from the pipeline's
:class:`~appraisal.analysis.Sensitivity` (nothing is computed here: the analysis layer
computes, this module picks, orders and words its results).

Without a sensitivity result the section is left out and the recommendation's
robustness note comes from the scenario rankings alone.
"""

from __future__ import annotations

import numpy as np

from ..analysis.sensitivity import Sensitivity
from ..core.limits import DETAIL_OPTIONS
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation import summary as words
from . import charts
from .blocks import SectionBuilder, table

SCORE_SWITCH_ROWS = 10
"""How many of the nearest score switching values the paper lists."""


def _names(result: AppraisalResult) -> dict[str, str]:
    p = result.ranking.problem
    return dict(zip(p.option_ids, p.labels(), strict=True))


def _who(ids: tuple[str, ...], names: dict[str, str]) -> str:
    return fmt.joined([names.get(i, i) for i in ids]) or "\u2013"


def headline(result: AppraisalResult) -> str:
    """One clause for the recommendation on how firm the result is ("" if unknown)."""
    sens, lead = result.sensitivity, result.ranking.leader
    if lead is None:
        return ""
    if sens is not None:  # the analysis layer's findings, in the summary's words
        p = sens.problem
        options = dict(zip(p.option_ids, p.option_names, strict=True))
        clauses = (words.weight_clause(sens.summary, options),
                   words.acceptability_clause(sens.summary))
        return "; ".join(c for c in clauses if c)
    return ""


def _tornado(s: SectionBuilder, sens: Sensitivity, names: dict[str, str],
             leader: str) -> None:
    ivs = sorted(sens.weight_switching.intervals, key=lambda iv: (iv.room, iv.node_id))
    if not ivs:
        return
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


def _sweep(s: SectionBuilder, sens: Sensitivity, names: dict[str, str],
           leader_id: str) -> None:
    if not sens.sweeps:
        return
    ws = sens.weight_switching.headline
    pick = next((sw for sw in sens.sweeps if ws is not None and sw.node_id == ws.node_id),
                max(sens.sweeps, key=lambda sw: len(sw.change_points)))
    segs = pick.segments
    below = pick.places + 1  # an option out of the places followed is drawn just below
    order = list(dict.fromkeys(o for seg in segs for o in seg.order)) if (
        pick.places < sens.problem.shape[0]) else list(sens.problem.option_ids)
    ranks = np.array([[dict(zip(seg.order, seg.ranks, strict=True)).get(o, below)
                       for seg in segs] for o in order], dtype=np.intp)
    edges = [seg.start * pick.parent_weight for seg in segs] + [
        segs[-1].end * pick.parent_weight]
    s.para(f"The weight with least room to move is on {pick.node_name}. The next chart "
           "follows the rank of every option as that weight goes from nothing to all of "
           "its group's weight; the ranking changes at "
           f"{fmt.count(len(pick.change_points), 'point')}.")
    if pick.places < sens.problem.shape[0]:
        s.para(f"With {sens.problem.shape[0]:,} options the chart follows the first "
               f"{pick.places} places and the {len(order)} options that reach them; "
               f"rank {below} stands for any lower place.")
    s.chart(charts.sweep("chart-sweep", pick.node_name, [names[o] for o in order], edges,
                         ranks, pick.base_weight, order.index(leader_id)))


def _smaa(s: SectionBuilder, result: AppraisalResult, sens: Sensitivity,
          names: dict[str, str]) -> None:
    sm = sens.smaa
    if sm is None:
        return
    rows_i = [int(i) for i in result.ranking.order[:DETAIL_OPTIONS]]
    order = [sens.problem.option_ids[i] for i in rows_i]
    acc = np.asarray(sm.acceptability)[rows_i]
    if sm.places < sens.problem.shape[0]:
        s.para(f"With {sens.problem.shape[0]:,} options the analysis follows the first "
               f"{sm.places} ranks; the {len(rows_i)} best-ranked options are shown.")
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


def _scores(s: SectionBuilder, sens: Sensitivity, names: dict[str, str]) -> None:
    crit = dict(zip(sens.problem.criterion_ids, sens.problem.criterion_names, strict=True))
    found = [x for x in sens.score_switching.switches
             if x.switching_score is not None and x.change is not None]
    if not found:
        s.para("No single score, moved anywhere within its scale, changes the leader.")
        return
    found.sort(key=lambda x: (abs(x.change or 0.0), x.option_id, x.criterion_id))
    shown = found[:SCORE_SWITCH_ROWS]
    s.para(f"Single scores can also change the result. The {len(shown)} smallest changes "
           "of one score that would change which option comes first are listed below "
           f"({len(found)} of the {len(sens.score_switching.switches)} scores could do so "
           "within their scale).")
    rows = [[names[x.option_id], crit[x.criterion_id], fmt.plain(x.score),
             fmt.plain(x.switching_score or 0.0), fmt.signed(x.change or 0.0),
             _who(x.new_leader, names)] for x in shown]
    s.table(table("score-switching", "Smallest score changes that change the leader",
                  ["Option", "Criterion", "Score", "Switches at", "Change", "Then first"],
                  rows, [False, False, True, True, True, False]))


def _distances(s: SectionBuilder, result: AppraisalResult, sens: Sensitivity,
               names: dict[str, str]) -> None:
    d = sens.distances
    if not d.available:
        return
    by = {x.option_id: x for x in d.options}
    rows = []
    for o in result.ranking.options[1:]:
        x = by.get(o.id)
        if x is None:  # beyond the options checked (many options)
            continue
        rows.append([names[o.id], "cannot be first under any weights" if x.never_first
                     else fmt.pct(x.weight_moved or 0.0)])
    s.para("What would it take for another option to come first? The table gives the "
           "smallest share of the total weight that would have to move between criteria.")
    s.table(table("what-would-it-take", "Smallest weight change that puts each option first",
                  ["Option", "Weight to move"], rows, [False, True]))


def _dominance(s: SectionBuilder, sens: Sensitivity, names: dict[str, str]) -> None:
    dom = sens.dominance
    if dom.dominated:
        s.para("Some options are dominated: another option is at least as good on every "
               "criterion and better on at least one, so no weighting can prefer them.")
        items = list(dom.dominated.items())
        s.bullets([f"{names[o]}: dominated by {_who(by[:5], names)}"
                   + (f" and {len(by) - 5:,} more" if len(by) > 5 else "")
                   for o, by in items[:DETAIL_OPTIONS]]
                  + ([f"and {len(items) - DETAIL_OPTIONS:,} more dominated options"]
                     if len(items) > DETAIL_OPTIONS else []))
    if dom.near_ties:
        s.para(f"These pairs are too close to tell apart (totals within "
               f"{fmt.total(dom.tolerance)}, or order reversed in more than "
               f"{fmt.pct(dom.flip_share, 0)} of random weightings):")
        s.bullets([f"{names[t.better]} and {names[t.worse]} (difference "
                   f"{fmt.total(t.difference)}"
                   + (f"; reversed in {fmt.pct(t.flip_share)} of weightings"
                      if t.flip_share is not None else "") + ")" for t in dom.near_ties])


def sensitivity_section(s: SectionBuilder, result: AppraisalResult) -> None:
    """Add the sensitivity paragraphs, charts and tables (nothing when not run)."""
    sens, lead = result.sensitivity, result.ranking.leader
    if sens is None or lead is None:
        return
    names = _names(result)
    p = sens.problem
    leader = fmt.option_label(lead.number, lead.name)
    s.para("Sensitivity analysis asks whether the preferred option stays first when the "
           "weights and scores move. In summary:")
    s.bullets(list(words.sentences(sens.summary, dict(zip(p.option_ids, p.option_names,
                                                           strict=True)),
                                   dict(zip(p.tree.ids, p.tree.names, strict=True)))))
    _tornado(s, sens, names, leader)
    _sweep(s, sens, names, lead.id)
    _smaa(s, result, sens, names)
    _scores(s, sens, names)
    _distances(s, result, sens, names)
    _dominance(s, sens, names)


def scenario_notes(s: SectionBuilder, result: AppraisalResult) -> None:
    """Kendall tau and least maximum regret across the weightings compared."""
    sc = result.scenarios
    if sc is None or len(sc.scenario_ids) < 2:
        return
    names = _names(result)
    taus = [f"{sc.scenario_names[k]} {float(sc.tau[0, k]):.2f}"
            for k in range(1, len(sc.scenario_ids))]
    s.para("Agreement between the rankings (Kendall's tau, 1 = the same order, "
           f"-1 = reversed) with the {sc.scenario_names[0]}: {fmt.joined(taus)}.")
    s.para(f"The option with the least maximum regret across the {len(sc.scenario_ids)} "
           f"weightings, the one that is never far behind the best, is "
           f"{_who(sc.least_regret, names)}.")


def method_notes(result: AppraisalResult) -> list[str]:
    """Method statement paragraphs for the sensitivity analyses."""
    sens = result.sensitivity
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
