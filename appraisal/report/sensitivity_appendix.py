"""The full sensitivity analysis as an appendix of the paper (the sweep of the weight
with least room, the Monte Carlo's shares and heat map, the nearest score switching
values, what it would take for each option to lead, dominance and the near-ties, the
scenarios' agreement) and the method statement's paragraphs on it. Formatted from the
pipeline's :class:`~appraisal.analysis.Sensitivity`; the body's verdict is in
:mod:`.verdict`.
"""

from __future__ import annotations

import numpy as np

from ..analysis.rank_paths import rank_paths
from ..analysis.sensitivity import Sensitivity
from ..analysis.smaa import SmaaResult
from ..core.limits import DETAIL_OPTIONS
from ..pipeline import AppraisalResult
from ..presentation import formatting as fmt
from ..presentation import summary as words
from . import charts
from .blocks import Numbering, SectionBuilder, table
from .scenarios import scenario_notes
from .verdict import names_of, option_names, option_words, tornado_chart

SCORE_SWITCH_ROWS = 10
"""How many of the nearest score switching values the appendix lists."""

CONFIDENCE_FROM = 0.01
"""Confidence factors are shown for options first in at least this share of the draws:
below it the central weights rest on too few draws to mean anything."""


def _sweep(s: SectionBuilder, sens: Sensitivity, names: dict[str, str],
           leader_id: str) -> None:
    if not sens.sweeps:
        return
    ws = sens.weight_switching.headline
    pick = next((sw for sw in sens.sweeps if ws is not None and sw.node_id == ws.node_id),
                max(sens.sweeps, key=lambda sw: len(sw.change_points)))
    paths = rank_paths(pick, sens.problem.option_ids)
    order = list(paths.options)
    s.para(f"The weight with least room to move is on {pick.node_name}. The next chart "
           "follows the rank of every option as that weight goes from nothing to all of "
           "its group's weight; the ranking "
           + {0: "never changes", 1: "changes once", 2: "changes twice"}.get(
               len(pick.change_points), f"changes {len(pick.change_points)} times")
           + ".")
    if pick.places < sens.problem.shape[0]:
        s.para(f"With {sens.problem.shape[0]:,} options the chart follows the first "
               f"{pick.places} places and the {len(order)} options that reach them; "
               f"rank {paths.below} stands for any lower place.")
    s.chart(charts.sweep("chart-sweep", pick.node_name, [names[o] for o in order],
                         [float(e) for e in paths.edges], paths.ranks, pick.base_weight,
                         order.index(leader_id)))


def _first(r: SmaaResult, i: int) -> str:
    p = float(r.first_shares[i])
    return fmt.share_pm(p, float(r.standard_error(p)))


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
           "in each of two ways and the options ranked under each draw (a Monte Carlo "
           "analysis, SMAA-2). Around the board's weights, each weight was drawn within "
           f"half of itself either way{stated}: this tests the board's own judgement. Over "
           "any weighting at all, the shares within each group of criteria were drawn "
           "evenly over every possibility: this asks what the scores favour whatever the "
           f"weights.{scores} Each share is given with its margin of error at 95% "
           "confidence. A share of draws describes the weights; it is not the chance that "
           "a choice is right.")
    head = ["Option", "First around the board's weights", "First with any weights",
            "Top three with any weights"]
    firsts = sm.first_shares
    top3 = sm.within(3)
    conf = np.asarray(sm.confidence)
    rows = []
    for i, o in zip(rows_i, order, strict=True):
        row = [names[o], _first(board, i), _first(sm, i), fmt.pct(float(top3[i]))]
        if sens.score_uncertainty:
            shown = np.isfinite(conf[i]) and float(firsts[i]) >= CONFIDENCE_FROM
            row.append(fmt.pct(float(conf[i])) if shown else "\u2013")
        rows.append(row)
    if sens.score_uncertainty:
        head.append("Confidence factor")
    s.table(table("smaa", "How often each option comes first" + (
        " (or jointly first)" if board.tied_first or sm.tied_first else "")
        + " in random draws of the weights",
        head, rows, [False] + [True] * (len(head) - 1)))
    if sens.score_uncertainty:
        s.para("The confidence factor is shown for options first in at least "
               f"{fmt.pct(CONFIDENCE_FROM, 0)} of the draws over any weighting: the share "
               "of score draws in which the option stays first under its central weights.")
    s.para("The heat map shows how often each option takes each rank over any weighting "
           "at all (its rank acceptability).")
    s.chart(charts.heatmap("chart-acceptability", [names[o] for o in order], acc, samples))


def _scores(s: SectionBuilder, sens: Sensitivity, names: dict[str, str]) -> None:
    p = sens.problem
    crit = dict(zip(p.criterion_ids, p.criterion_names, strict=True))
    found = [x for x in sens.score_switching.switches
             if x.switching_score is not None and x.change is not None]
    if not found:
        s.para("No single score, moved anywhere within its scale, changes the leader.")
        return
    found.sort(key=lambda x: (x.scale_share or 0.0, x.option_id, x.criterion_id))
    shown = found[:SCORE_SWITCH_ROWS]
    s.para(f"Single scores can also change the result. The {len(shown)} smallest changes "
           "of one score that would change which option comes first are listed below "
           f"({len(found)} of the {len(sens.score_switching.switches)} scores could do so "
           "within their scale). The switching value is "
           + ("exact" if sens.score_switching.exact else
              "found numerically (fine grid and bisection)")
           + "; the next column gives the first score on the scoring scale's steps that "
           "would change the result.")
    rows = []
    for x in shown:
        given = x.step_score
        rows.append([names[x.option_id], crit[x.criterion_id], fmt.plain(x.score),
                     f"{x.switching_score:.3f}", "\u2013" if given is None else fmt.plain(given),
                     names_of(x.new_leader, names)])
    s.table(table("score-switching", "Smallest score changes that change the leader",
                  ["Option", "Criterion", "Score", "Switching value", "First score that "
                   "changes it", "Then first"], rows, [False, False, True, True, True, False]))


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
           "table gives the least change of the weights, found by linear programming, "
           "that makes it jointly first (a tie for first place) and clearly first (ahead "
           f"of every other option by {fmt.points(d.margin)} points, the scores' "
           "resolution): the share of the total weight that would have to move between "
           "criteria, and the largest change that any one criterion's share of the total "
           "would need, groups of criteria included. A dominated option at best ties.")
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
        s.bullets([f"{names[o]}: dominated by {names_of(by[:5], names)}"
                   + (f" and {len(by) - 5:,} more" if len(by) > 5 else "")
                   for o, by in items[:DETAIL_OPTIONS]]
                  + ([f"and {len(items) - DETAIL_OPTIONS:,} more dominated options"]
                     if len(items) > DETAIL_OPTIONS else []))
    near = sens.closeness
    if near.groups or near.loose:
        res = near.resolution
        why = (f"their totals differ by less than {fmt.points(res.tolerance)} points, half "
               f"of one scoring step ({fmt.plain(res.step)}) on the most-weighted criterion"
               if res.tolerance > 0 else "")
        swaps = (f"they swap places in more than {fmt.pct(near.flip_share, 0)} of the draws "
                 "around the board's weights" if sens.board is not None else "")
        s.para("Options are too close to tell apart when "
               + " or when ".join(x for x in (why, swaps) if x)
               + ". In each group below every option is too close to tell apart from "
               "every other:")
        place = {o: k for k, o in enumerate(sens.problem.option_ids[i]
                                            for i in np.argsort(-sens.totals, kind="stable"))}
        s.bullets([names_of(g, names) for g in near.groups]
                  + [_loose(p.better, p.worse, place, near.group_of(p.better), names)
                     for p in near.loose])


def _loose(better: str, worse: str, place: dict[str, int], group: tuple[str, ...],
           names: dict[str, str]) -> str:
    """A close pair that falls across two groups, and why it is not one group: options
    ranked between them are not close, or (next to each other in the ranking) the
    lower one is not close to the rest of the upper one's group."""
    if place[worse] - place[better] > 1:
        return f"{names[better]} and {names[worse]}, though options between them are not"
    rest = tuple(o for o in group if o != better)
    return (f"{names[better]} and {names[worse]}, as a pair: {names[worse]} is not too close "
            f"to {names_of(rest, names)}")


def sensitivity_appendix(result: AppraisalResult) -> SectionBuilder:
    """The full sensitivity analysis (empty when it was not run)."""
    s = SectionBuilder("appendix-sensitivity", "Sensitivity analysis in full",
                       Numbering(enabled=False))
    sens, lead = result.sensitivity, result.ranking.leader
    if sens is None or lead is None:
        return s
    names = option_names(result)
    p = sens.problem
    leader = fmt.option_label(lead.number, lead.name)
    s.para("Sensitivity analysis asks whether the preferred option stays first when the "
           "weights and scores move. In summary:")
    s.bullets(list(words.sentences(sens.summary, {o: option_words(result, o) for o in p.option_ids},
                                   dict(zip(p.tree.ids, p.tree.names, strict=True)))))
    tornado = tornado_chart(sens, names, leader)
    if tornado is not None:
        s.para(f"The chart in the body of the paper shows, for each criterion, the range of "
               f"its weight (as a share of the total) within which {leader} stays first, "
               "the other weights keeping their proportions (its stability interval). The "
               "ends of each range are switching values.")
        assert tornado.table is not None
        s.table(tornado.table)
    _sweep(s, sens, names, lead.id)
    _smaa(s, result, sens, names)
    _scores(s, sens, names)
    _distances(s, result, sens, names)
    _dominance(s, sens, names)
    scenario_notes(s, result)
    return s


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
           *(["What would it take: the least change of the weights, by linear programming, "
              "that makes an option jointly first (a tie counts) or clearly first (ahead "
              f"by {fmt.points(sens.distances.margin)} points); measured as the share of "
              "the total weight moved (half the L1 distance between the weights) and as "
              "the largest change of any one criterion's or group's share of the total."]
             if sens.distances.available else []),
           f"Too close to tell apart: totals within the scores' resolution, "
           f"{fmt.points(res.tolerance)} points (half of one scoring step on the "
           "most-weighted criterion), or options swapping places in more than "
           f"{fmt.pct(sens.closeness.flip_share, 0)} of the draws around the board's "
           "weights; reported as groups in which every option is close to every other."]
    if sens.board is not None and sens.anywhere is not None:
        conf = (" The confidence factor is the share of score draws in which an option is "
                "first at its central weights (the mean of the weights that make it first)."
                if sens.score_uncertainty else "")
        out.append(f"SMAA-2 (Lahdelma and Salminen 2001): {sens.samples:,} independent "
                   "draws of each kind from one seeded random generator "
                   f"(seed {sens.seed}): {sens.board.weight_model}; and "
                   f"{sens.anywhere.weight_model} (the simplex of each group); "
                   f"{sens.anywhere.score_model}. Tied options share the ranks they jointly "
                   "occupy in the rank acceptabilities; the first-place shares count a tie "
                   "for first as first. The margin of error is 1.96 standard errors, "
                   "sqrt(p(1-p)/N)." + conf)
    return out
