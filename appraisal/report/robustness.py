"""The sensitivity and robustness section, formatted from the pipeline's
:class:`~appraisal.analysis.Sensitivity` (nothing is computed here: the analysis layer
computes, this module picks, orders and words its results).

Without a sensitivity result the section is left out and the recommendation's
robustness note comes from the scenario rankings alone.
"""

from __future__ import annotations

import numpy as np

from ..analysis.sensitivity import Sensitivity
from ..analysis.smaa import SmaaResult
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
    board, sm = sens.board, sens.anywhere
    if sm is None or board is None:
        return
    rows_i = [int(i) for i in result.ranking.order[:DETAIL_OPTIONS]]
    order = [sens.problem.option_ids[i] for i in rows_i]
    acc = np.asarray(sm.acceptability)[rows_i]
    if sm.places < sens.problem.shape[0]:
        s.para(f"With {sens.problem.shape[0]:,} options the analysis follows the first "
               f"{sm.places} ranks; the {len(rows_i)} best-ranked options are shown.")
    samples = f"{sens.samples:,}"
    stated = (", or within the range the board stated for it" if
              sens.summary.stated_ranges else "")
    scores = (" Each score was drawn within its stated range at the same time." if
              sens.score_uncertainty else "")
    s.para(f"To test all the weights at once, weights were drawn at random {samples} times "
           "in each of two ways and the options ranked under each draw (stochastic "
           "multicriteria acceptability analysis, SMAA-2). Around the board's weights, "
           f"each weight was drawn within half of itself either way{stated}: this is the "
           "test of the board's own judgement. Over any weighting at all, the shares "
           "within each group of criteria were drawn evenly over every possibility: this "
           f"asks what the scores favour whatever the weights.{scores} Each share is given "
           "with its margin of error at 95% confidence.")

    def first(r: SmaaResult, i: int) -> str:
        jf = r.joint_first if r.joint_first is not None else r.acceptability[:, 0]
        p = float(jf[i])
        return fmt.share_pm(p, float(r.standard_error(p)))

    head = ["Option", "First around the board's weights", "First with any weights",
            "Top three with any weights"]
    conf = np.asarray(sm.confidence)[rows_i]
    rows = []
    for k, (i, o) in enumerate(zip(rows_i, order, strict=True)):
        row = [names[o], first(board, i), first(sm, i), fmt.pct(float(acc[k, :3].sum()))]
        if sens.score_uncertainty:
            row.append(fmt.pct(float(conf[k])) if np.isfinite(conf[k]) else "\u2013")
        rows.append(row)
    if sens.score_uncertainty:
        head.append("Confidence factor")
    ties = any(r.joint_first is not None and np.any(r.joint_first > r.acceptability[:, 0]
                                                    + 1e-12) for r in (board, sm))
    s.table(table("smaa", "How often each option comes first" + (
        " (or jointly first)" if ties else "") + " in random draws of the weights",
        head, rows, [False] + [True] * (len(head) - 1)))
    s.para("The heat map shows how often each option takes each rank over any weighting "
           "at all.")
    s.chart(charts.heatmap("chart-acceptability", [names[o] for o in order], acc, samples))


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
        tie = ["never", "\u2013"] if x.tie is None else [fmt.pct(x.tie.total),
                                                          fmt.pct(x.tie.largest)]
        lead = ([("never" if x.tie is None else "at best ties"), "\u2013"] if x.strict is None
                else [fmt.pct(x.strict.total), fmt.pct(x.strict.largest)])
        rows.append([names[o.id], *tie, *lead])
    s.para("What would it take for another option to come first? For each option the "
           "table gives the least change of the weights that makes it jointly first (a "
           "tie for first place) and clearly first (ahead of every other option by "
           f"{fmt.total(d.margin)}, the scores' resolution): the share of the total weight "
           "that would have to move between criteria, and the largest change that any one "
           "criterion's share of the total would need, groups of criteria included.")
    s.table(table("what-would-it-take", "Least change of the weights that puts each option "
                  "first (shares of the total weight)",
                  ["Option", "To tie: moved", "To tie: largest change", "To lead: moved",
                   "To lead: largest change"], rows, [False, True, True, True, True]))


def _dominance(s: SectionBuilder, sens: Sensitivity, names: dict[str, str]) -> None:
    dom = sens.dominance
    if dom.dominated:
        s.para("Some options are dominated: another option is at least as good on every "
               "criterion and better on at least one, so no weighting puts them clearly "
               "first; at best they tie with an option that dominates them.")
        items = list(dom.dominated.items())
        s.bullets([f"{names[o]}: dominated by {_who(by[:5], names)}"
                   + (f" and {len(by) - 5:,} more" if len(by) > 5 else "")
                   for o, by in items[:DETAIL_OPTIONS]]
                  + ([f"and {len(items) - DETAIL_OPTIONS:,} more dominated options"]
                     if len(items) > DETAIL_OPTIONS else []))
    near = sens.closeness
    if near.groups or near.loose:
        res = near.resolution
        why = (f"their totals differ by less than {fmt.total(res.tolerance)}, half of one "
               f"scoring step ({fmt.plain(res.step)}) on the most-weighted criterion"
               if res.tolerance > 0 else "")
        swaps = (f"they swap places in more than {fmt.pct(near.flip_share, 0)} of the draws "
                 "around the board's weights" if sens.board is not None else "")
        s.para("Options are too close to tell apart when "
               + " or when ".join(x for x in (why, swaps) if x)
               + ". These runs of the ranking are too close to tell apart, each option "
               "from the next:")
        s.bullets([_who(g, names) for g in near.groups]
                  + [f"{names[p.better]} and {names[p.worse]}, though options between "
                     "them are not" for p in near.loose])


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
    res = sens.closeness.resolution
    out = [f"One-way sensitivity: each criterion's weight is moved from 0 to 100% of its "
           f"group, the other weights in the group keeping their proportions (DCLG 2009, "
           f"section 6.2.12); the points where the ranking changes are {exact}. The "
           "stability interval of a weight is the range in which the leader stays first; "
           "a crossing at the very end of the range is a tie there, not a change.",
           "Score switching values: for each option and criterion, the smallest change of "
           "that one score, within its scale, that changes which option comes first.",
           "What would it take: the least change of the leaf weights, by linear "
           "programming, that makes an option jointly first (a tie counts) or clearly "
           f"first (ahead by {fmt.total(sens.distances.margin)}); measured as the share of "
           "the total weight moved (half the L1 distance) and as the largest change of any "
           "one criterion's or group's share of the total.",
           f"Too close to tell apart: totals within the scores' resolution, "
           f"{fmt.total(res.tolerance)} (half of one scoring step on the most-weighted "
           "criterion), or options swapping places in more than "
           f"{fmt.pct(sens.closeness.flip_share, 0)} of the draws around the board's "
           "weights; reported as runs of the ranking."]
    if sens.board is not None and sens.anywhere is not None:
        conf = (" The confidence factor is the share of score draws in which an option is "
                "first at its central weights (the mean of the weights that make it first)."
                if sens.score_uncertainty else "")
        out.append(f"SMAA-2 (Lahdelma and Salminen 2001): {sens.samples:,} independent "
                   "draws of each kind from one seeded random generator "
                   f"(seed {sens.seed}): {sens.board.weight_model}; and "
                   f"{sens.anywhere.weight_model}; {sens.anywhere.score_model}. Tied "
                   "options share the ranks they jointly occupy in the rank "
                   "acceptabilities; the first-place shares count a tie for first as first. "
                   "The margin of error is 1.96 standard errors, sqrt(p(1-p)/N)." + conf)
    return out
